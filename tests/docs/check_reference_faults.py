#!/usr/bin/env python3
"""Plants each kind of undocumented public symbol in a copy of the public headers and checks
that the API reference's checks catch it: Doxygen (WARN_IF_UNDOCUMENTED, WARN_AS_ERROR) for a
function, a class, a member and a friend, docs/check_reference.py for an enumerator, a
destructor and a header without its file comment. The copy without a fault must pass, so a
fault is caught for its own sake and not because the set-up is broken; the faults are planted
together in a second copy, whose failure must name every one of them (two Doxygen runs in all).

Runs Doxygen with the docs target's own configuration (Doxyfile.docs), only redirected to the
copy and to a scratch output folder, without graphs.

usage: check_reference_faults.py DOXYGEN DOXYFILE SOURCE_DIR PYTHON
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# (name, header under include/iopcare, code appended inside `namespace iopcare`, or a whole
# new file when the header does not exist, what the failure must name)
FAULTS = [
    ("function", "text.hpp", "[[nodiscard]] IOPCARE_API int planted_function(int x);\n", "planted_function"),
    ("class", "text.hpp", "class planted_class {\npublic:\n    /// Planted.\n    void f();\n};\n", "planted_class"),
    ("member", "text.hpp", "/// Planted.\nstruct planted_struct {\n    int planted_member = 0;\n};\n",
     "planted_member"),
    ("friend", "text.hpp",
     "/// Planted.\nstruct planted_pair {\n    /// Planted.\n    int a = 0;\n"
     "    friend bool operator==(const planted_pair&, const planted_pair&) = default;\n};\n",
     "operator==(const planted_pair"),
    ("enumerator", "text.hpp", "/// Planted, naming `planted_a`.\nenum class planted_enum { planted_a, planted_b };\n",
     "planted_b"),
    ("destructor", "text.hpp",
     "/// Planted.\nclass planted_owner {\npublic:\n    /// Makes one.\n    planted_owner();\n"
     "    ~planted_owner();\n};\n", "~planted_owner"),
    ("file comment", "sim/planted.hpp",
     "// iopcare/sim/planted.hpp — a header whose opening comment is not a doc comment.\n#pragma once\n"
     "namespace iopcare::sim {\n/// Planted.\ninline constexpr int planted_constant = 1;\n}\n", "planted.hpp"),
]


def run(doxygen, doxyfile, source, python, include_copy, out):
    config = Path(doxyfile).read_text() + "\n".join([
        "",
        f'INPUT = "{source}/docs/api.md" "{source}/docs/namespaces.dox" "{include_copy}"',
        f'EXCLUDE = "{include_copy}/detail"',
        f'STRIP_FROM_PATH = "{include_copy.parent}"',
        f'STRIP_FROM_INC_PATH = "{include_copy.parent}"',
        f'OUTPUT_DIRECTORY = "{out}"',
        "HAVE_DOT = NO",
        "GENERATE_HTML = NO",
        "",
    ])
    dox = subprocess.run([doxygen, "-"], input=config, capture_output=True, text=True, cwd=out)
    check = subprocess.run([python, f"{source}/docs/check_reference.py", f"{out}/xml"], capture_output=True, text=True)
    return dox.returncode, check.returncode, dox.stdout + dox.stderr + check.stdout + check.stderr


def main() -> int:
    doxygen, doxyfile, source, python = sys.argv[1:5]
    source = Path(source).resolve()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        # Two runs: the headers as they are, which must pass (so the set-up is sound), and the
        # headers with every fault planted at once, whose failure must name each planted symbol.
        for case in ("as-is", "planted"):
            include_copy = Path(tmp) / case / "include" / "iopcare"
            shutil.copytree(source / "include" / "iopcare", include_copy)
            out = Path(tmp) / case / "out"
            out.mkdir()
            if case == "planted":
                for _, header, code, _ in FAULTS:
                    path = include_copy / header
                    if path.exists():
                        text = path.read_text()
                        closing = text.rindex("}  // namespace iopcare")
                        path.write_text(text[:closing] + code + text[closing:])
                    else:
                        path.write_text(code)
            dox_rc, check_rc, output = run(doxygen, doxyfile, source, python, include_copy, out)
            if case == "as-is":
                if dox_rc != 0 or check_rc != 0:
                    failures.append(f"the headers as they are do not pass:\n{output}")
                continue
            if dox_rc == 0 or check_rc == 0:
                failures.append(f"Doxygen (exit {dox_rc}) or check_reference.py (exit {check_rc}) passed "
                                f"with faults planted:\n{output}")
            for name, _, _, must_name in FAULTS:
                if must_name in output:
                    print(f"caught: undocumented {name} ({must_name})")
                else:
                    failures.append(f"planted undocumented {name} ({must_name}) was not reported")
    for f in failures:
        print(f"FAIL: {f}")
    print(f"{len(FAULTS) + 1 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
