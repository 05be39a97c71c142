#!/usr/bin/env python3
"""Checks that every Markdown file the sources cite exists in the repository.

Comments, tests and docs point readers at files such as docs/sources.md; a citation of a file
that is not in the repository (a team-internal note, a page that was renamed) leaves the
reader with nothing. A path is read relative to the repository root, or to the citing file's
folder.

usage: check_citations.py SOURCE_DIR
"""
import re
import subprocess
import sys
from pathlib import Path

CITED = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w-]+\.md)\b")


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True)
    if listed.returncode != 0:  # not a git checkout (a source archive): read the tree instead
        files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "build" not in p.parts]
    else:
        files = listed.stdout.split()
    failures, checked = [], 0
    for name in files:
        if not name.endswith((".hpp", ".cpp", ".md", ".txt", ".cmake", ".py", ".json", ".sh")) and "/" in name:
            continue
        path = root / name
        try:
            text = path.read_text()
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for cited in CITED.findall(line):
                checked += 1
                if not ((root / cited).exists() or (path.parent / cited).exists()):
                    failures.append(f"{name}:{number}: cites {cited}, which is not in the repository")
    for f in failures:
        print("FAIL:", f)
    print(f"{checked - len(failures)} citations found, {len(failures)} missing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
