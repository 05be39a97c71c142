#!/usr/bin/env python3
"""Checks that every example the README shows is the real file, and that every output the
README shows after it ("Its output:") is what the built program prints today.

Also checks every command session the README shows as a ```console block starting with
"$ iopcare ...": the command is run from SOURCE_DIR with the built tool, and what it prints
(stdout, then stderr) must be what the README shows.

usage: check_readme.py README.md SOURCE_DIR EXAMPLES_BIN_DIR [IOPCARE_EXE]
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path


def main() -> int:
    readme, source_dir, bin_dir = (Path(a).resolve() for a in sys.argv[1:4])
    text = readme.read_text()
    pattern = re.compile(
        r"\[`(examples/[\w.-]+\.cpp)`\]\([^)]*\):?\s*\n+```cpp\n(.*?)```"
        r"(?:\s*\n+Its output[^\n]*\n+```text\n(.*?)```)?",
        re.S,
    )
    failures, checked = [], 0
    for match in pattern.finditer(text):
        path, code, output = match.group(1), match.group(2), match.group(3)
        checked += 1
        real = (source_dir / path).read_text()
        if code.rstrip() != real.rstrip():
            failures.append(f"{path}: the README's copy differs from the file")
        if output is not None:
            program = bin_dir / Path(path).stem
            got = subprocess.run([str(program)], capture_output=True, text=True, timeout=120, cwd=bin_dir)
            if got.returncode != 0:
                failures.append(f"{path}: exited {got.returncode}")
            elif got.stdout.rstrip() != output.rstrip():
                failures.append(f"{path}: output differs from the README\n--- README\n{output}--- program\n{got.stdout}")
    if len(sys.argv) > 4:
        exe = Path(sys.argv[4]).resolve()
        for match in re.finditer(r"```console\n\$ (iopcare[^\n]*)\n(.*?)```", text, re.S):
            command, shown = match.group(1), match.group(2)
            checked += 1
            args = shlex.split(command)[1:]
            got = subprocess.run([str(exe)] + args, capture_output=True, text=True, timeout=300, cwd=source_dir)
            printed = got.stdout + got.stderr
            if printed.rstrip() != shown.rstrip():
                failures.append(f"`{command}`: output differs from the README\n--- README\n{shown}--- tool\n{printed}")
    for f in failures:
        print("FAIL:", f)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
