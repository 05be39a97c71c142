#!/usr/bin/env python3
"""Checks that each library exports its symbols with its own macro.

iopcare's public headers mark symbols with IOPCARE_API (iopcare/detail/export.hpp, on while
compiling iopcare: IOPCARE_BUILDING) and iopcare::io's with IOPCARE_IO_API
(iopcare/io/export.hpp, IOPCARE_IO_BUILDING). A header of one library using the other's macro
would, in a Windows DLL build, mark a symbol as exported by a library that does not define
it; nothing fails on Linux, so this reads the headers and src/CMakeLists.txt instead:

  * include/iopcare/io/*.hpp use IOPCARE_IO_API, never IOPCARE_API, and include
    iopcare/io/export.hpp where they use it; the other headers the reverse;
  * iopcare is compiled with IOPCARE_BUILDING, iopcare_io with IOPCARE_IO_BUILDING only.

Run: check_export_macros.py SOURCE_DIR        (exit 0, or 1 with one line per problem)
     check_export_macros.py --self-test SOURCE_DIR  (plants faults in a copy; each must fail)
"""

import os
import re
import shutil
import sys
import tempfile

MACROS = {
    "core": ("IOPCARE_API", "iopcare/detail/export.hpp", "IOPCARE_BUILDING", "iopcare"),
    "io": ("IOPCARE_IO_API", "iopcare/io/export.hpp", "IOPCARE_IO_BUILDING", "iopcare_io"),
}


def check(root):
    problems = []
    inc = os.path.join(root, "include")
    for dirpath, _, files in os.walk(os.path.join(inc, "iopcare")):
        for f in sorted(files):
            if not f.endswith(".hpp"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, inc).replace(os.sep, "/")
            if rel in (MACROS["core"][1], MACROS["io"][1]):
                continue
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            mine, other = ("io", "core") if rel.startswith("iopcare/io/") else ("core", "io")
            macro, header = MACROS[mine][0], MACROS[mine][1]
            wrong = MACROS[other][0]
            for n, line in enumerate(text.splitlines(), 1):
                if re.search(rf"\b{wrong}\b", line):
                    problems.append(f"include/{rel}:{n}: {wrong} in a header of {MACROS[mine][3]}; use {macro} "
                                    f"(and include \"{header}\")")
            if re.search(rf"\b{macro}\b", text) and f'#include "{header}"' not in text:
                problems.append(f"include/{rel}: uses {macro} without including \"{header}\"")
    with open(os.path.join(root, "src", "CMakeLists.txt"), encoding="utf-8") as fh:
        cmake = fh.read()
    defs = {}
    for m in re.finditer(r"target_compile_definitions\(\s*(\w+)\s+PRIVATE\s+([^)]*)\)", cmake):
        defs.setdefault(m.group(1), set()).update(m.group(2).split())
    for lib, (_, _, building, target) in MACROS.items():
        got = defs.get(target, set()) & {MACROS["core"][2], MACROS["io"][2]}
        if got != {building}:
            problems.append(f"src/CMakeLists.txt: {target} is compiled with {', '.join(sorted(got)) or 'neither'}; "
                            f"expected {building} only")
    return problems


def self_test(root):
    """Plants one fault at a time in a copy; the check must fail on each and pass on none."""
    cases = [
        ("an io header using the core macro", "include/iopcare/io/csv.hpp", "IOPCARE_IO_API void", "IOPCARE_API void",
         r"include/iopcare/io/csv.hpp:\d+: IOPCARE_API in a header of iopcare_io"),
        ("a core header using the io macro", "include/iopcare/text.hpp", "IOPCARE_API", "IOPCARE_IO_API",
         r"include/iopcare/text.hpp:\d+: IOPCARE_IO_API in a header of iopcare"),
        ("an io header without its export header", "include/iopcare/io/csv.hpp", '#include "iopcare/io/export.hpp"\n', "",
         r'include/iopcare/io/csv.hpp: uses IOPCARE_IO_API without including "iopcare/io/export.hpp"'),
        ("iopcare_io compiled as iopcare", "src/CMakeLists.txt", "iopcare_io PRIVATE IOPCARE_IO_BUILDING",
         "iopcare_io PRIVATE IOPCARE_BUILDING", r"iopcare_io is compiled with IOPCARE_BUILDING; expected IOPCARE_IO_BUILDING"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="iopcare-exports-") as scratch:
        for i, (name, rel, old, new, expected) in enumerate(cases):
            copy = os.path.join(scratch, str(i))
            shutil.copytree(os.path.join(root, "include"), os.path.join(copy, "include"))
            os.makedirs(os.path.join(copy, "src"))
            shutil.copy(os.path.join(root, "src", "CMakeLists.txt"), os.path.join(copy, "src", "CMakeLists.txt"))
            if check(copy):
                print(f"FAILED: the unchanged copy does not pass: {check(copy)}")
                return 1
            path = os.path.join(copy, rel)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            if old not in text:
                print(f"FAILED: test set-up: {old!r} not in {rel}")
                return 1
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text.replace(old, new, 1))
            out = "\n".join(check(copy))
            if re.search(expected, out):
                print(f"ok: {name}")
            else:
                failures += 1
                print(f"FAILED: {name}: expected {expected!r}, got:\n{out}")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print("usage: check_export_macros.py [--self-test] SOURCE_DIR", file=sys.stderr)
        return 2
    problems = check(argv[1])
    for p in problems:
        print("exports: " + p)
    if problems:
        print("exports: in include/iopcare/io, replace IOPCARE_API by IOPCARE_IO_API and "
              "iopcare/detail/export.hpp by iopcare/io/export.hpp")
        return 1
    print("exports: each library's headers use its own export macro")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
