#!/usr/bin/env python3
"""Shows that packaging/check_dependencies.py fails on each kind of fault it is there for.

Copies what the check reads (the CMake files, include/, ports/, conanfile.py, vcpkg.json)
into a scratch directory, checks that the copy passes as it is, then plants one fault at a
time in a fresh copy and checks that the check fails (exit 1) naming it.
Run: test_check_dependencies.py SOURCE_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.path.abspath(sys.argv[1])
CHECK = os.path.join(SOURCE, "packaging", "check_dependencies.py")


def copy_tree(dest):
    def ignore(dirpath, names):
        rel = os.path.relpath(dirpath, SOURCE)
        skip = {n for n in names if n.startswith(".") or n in ("node_modules", "__pycache__")}
        if rel == ".":
            skip |= {n for n in names if n == "build" or n.startswith("build-") or n == "out"}
        # Only what the check reads: CMake files, headers, the port, the recipe, manifests.
        for n in names:
            p = os.path.join(dirpath, n)
            if os.path.isfile(p) and not (n == "CMakeLists.txt" or n.endswith((".cmake", ".in", ".hpp", ".h", ".py",
                                                                                     ".json")) or n == "usage"):
                skip.add(n)
        return skip
    shutil.copytree(SOURCE, dest, ignore=ignore)


def run(root):
    p = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def edit(root, rel, old, new, count=1):
    path = os.path.join(root, rel)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if old not in text:
        raise AssertionError(f"test set-up: {old!r} is not in {rel}")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.replace(old, new, count))


def edit_json(root, rel, change):
    path = os.path.join(root, rel)
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    change(data)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)


def remove_dep(entries, name):
    before = len(entries)
    entries[:] = [e for e in entries if (e if isinstance(e, str) else e["name"]) != name]
    if len(entries) == before:
        raise AssertionError(f"test set-up: {name} is not a dependency")


# (name, how to plant the fault, regex the check's output must match)
CASES = [
    ("a library the check does not know, found by the library",
     lambda r: edit(r, "cmake/iopcare_dependencies.cmake", "find_package(range-v3 CONFIG REQUIRED)",
                    "find_package(range-v3 CONFIG REQUIRED)\nfind_package(fmt 10 CONFIG REQUIRED)"),
     r"cmake/iopcare_dependencies.cmake:\d+: the build finds fmt, which this check does not know"),
    ("a known library the library finds but nothing declares",
     lambda r: edit(r, "src/CMakeLists.txt", "add_library(iopcare)", "add_library(iopcare)\nfind_package(CLI11 CONFIG REQUIRED)"),
     r"src/CMakeLists.txt:\d+: the library needs cli11, not among ports/iopcare/vcpkg.json's dependencies"
     r"(.|\n)*the library needs cli11, not among vcpkg.json's dependencies"
     r"(.|\n)*the library needs cli11, not required in conanfile.py"),
    ("a header found with find_path that no package provides",
     lambda r: edit(r, "src/CMakeLists.txt", "NAMES Random123/philox.h", "NAMES zstd.h"),
     r"src/CMakeLists.txt:\d+: the build finds header zstd.h, which this check does not know"),
    ("a dependency missing from the port's manifest",
     lambda r: edit_json(r, "ports/iopcare/vcpkg.json", lambda d: remove_dep(d["dependencies"], "random123")),
     r"src/CMakeLists.txt:\d+: the library needs random123, not among ports/iopcare/vcpkg.json's dependencies"),
    ("an io dependency outside the port's io feature",
     lambda r: edit_json(r, "ports/iopcare/vcpkg.json", lambda d: (remove_dep(d["features"]["io"]["dependencies"],
                                                                              "nlohmann-json"),
                                                                   d["dependencies"].append("nlohmann-json"))),
     r"io needs nlohmann-json, not in ports/iopcare/vcpkg.json's 'io' feature"
     r"(.|\n)*nlohmann-json is declared \(core\) but the build does not find it there"),
    ("a port dependency the build does not use",
     lambda r: edit_json(r, "ports/iopcare/vcpkg.json", lambda d: d["dependencies"].append("fmt")),
     r"ports/iopcare/vcpkg.json: fmt is declared \(core\) but the build does not find it there"),
    ("a port feature the portfile does not pass to CMake",
     lambda r: edit(r, "ports/iopcare/portfile.cmake", "    tools IOPCARE_BUILD_TOOLS", ""),
     r"portfile.cmake: feature 'tools' is not passed to CMake by vcpkg_check_features"),
    ("a portfile that builds the tests",
     lambda r: edit(r, "ports/iopcare/portfile.cmake", "-DIOPCARE_BUILD_TESTS=OFF", "-DIOPCARE_BUILD_TESTS=ON"),
     r"portfile.cmake: does not pass -DIOPCARE_BUILD_TESTS=OFF"),
    ("the tool's dependency missing from the repository manifest",
     lambda r: edit_json(r, "vcpkg.json", lambda d: remove_dep(d["features"]["tools"]["dependencies"], "cli11")),
     r"tools/iopcare/CMakeLists.txt:\d+: tools needs cli11, not in vcpkg.json's 'tools' feature"),
    ("a test dependency missing from the repository manifest",
     lambda r: edit_json(r, "vcpkg.json", lambda d: remove_dep(d["features"]["tests"]["dependencies"], "libical")),
     r"tests/CMakeLists.txt:\d+: tests needs libical, not in vcpkg.json's 'tests' feature"),
    ("a Conan requirement the build does not use",
     lambda r: edit(r, "conanfile.py", '        self.requires("random123/1.14.0")',
                    '        self.requires("random123/1.14.0")\n        self.requires("zlib/[>=1.2 <2]")'),
     r"conanfile.py:\d+: zlib is required but the library's build does not find it"),
    ("a dependency the Conan recipe does not require",
     lambda r: edit(r, "conanfile.py", '        self.requires("random123/1.14.0")\n', ""),
     r"src/CMakeLists.txt:\d+: the library needs random123, not required in conanfile.py"),
    ("transitive_headers for a library no public header includes",
     lambda r: edit(r, "conanfile.py", 'self.requires("boost/[>=1.74 <2]")',
                    'self.requires("boost/[>=1.74 <2]", transitive_headers=True)'),
     r"conanfile.py:\d+: boost has transitive_headers=True but no public header includes it"),
    ("a library a public header includes, without transitive_headers",
     lambda r: edit(r, "conanfile.py", 'self.requires("range-v3/0.12.0", transitive_headers=True)',
                    'self.requires("range-v3/0.12.0")'),
     r"include/iopcare/schedule.hpp:\d+ includes range-v3's headers; require it with transitive_headers=True"),
    ("a public header that starts including a private dependency",
     lambda r: edit(r, "include/iopcare/continuum.hpp", "#pragma once", "#pragma once\n#include <boost/graph/adjacency_list.hpp>"),
     r"conanfile.py:\d+: include/iopcare/continuum.hpp:\d+ includes boost's headers; require it with transitive_headers=True"
     r"(.|\n)*include/iopcare/continuum.hpp:\d+ includes Boost's headers; cmake/iopcare-config.cmake.in does not "
     r"find_dependency it"),
    ("an io dependency required for the core library in Conan",
     lambda r: edit(r, "conanfile.py", "        if self.options.with_json:\n            # Inside iopcare::io's sources only; its public headers do not include it.\n            self.requires(",
                    "        if True:\n            self.requires("),
     r"conanfile.py:\d+: nlohmann_json is needed by iopcare::io only; require it under with_json"),
    ("a component that does not require a dependency",
     lambda r: edit(r, "conanfile.py", ', "random123::random123"]', "]"),
     r"conanfile.py: package_info's 'core' component does not require random123::random123"),
    ("a package config that finds a private dependency",
     lambda r: edit(r, "cmake/iopcare-config.cmake.in", "find_dependency(range-v3 CONFIG)",
                    "find_dependency(range-v3 CONFIG)\nfind_dependency(Boost 1.74 CONFIG)"),
     r"cmake/iopcare-config.cmake.in:\d+: find_dependency\(Boost\) but no public header includes it"),
    ("a port version that is not the library's",
     lambda r: edit_json(r, "ports/iopcare/vcpkg.json", lambda d: d.update(version="9.9.9")),
     r"ports/iopcare/vcpkg.json: version '9.9.9', but version.hpp says"),
]


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="iopcare-check-") as scratch:
        clean = os.path.join(scratch, "clean")
        copy_tree(clean)
        rc, out = run(clean)
        if rc != 0:
            print(f"FAILED: the unchanged copy does not pass (exit {rc}):\n{out}")
            return 1
        print("ok: the unchanged copy passes")
        for i, (name, plant, expected) in enumerate(CASES):
            root = os.path.join(scratch, f"case{i}")
            shutil.copytree(clean, root)
            plant(root)
            rc, out = run(root)
            if rc != 1 or not re.search(expected, out):
                failures += 1
                print(f"FAILED: {name}: exit {rc}, expected 1 and output matching {expected!r}; got:\n{out}")
            else:
                print(f"ok: {name}")
            shutil.rmtree(root)
    print(f"{len(CASES) - failures} of {len(CASES)} planted faults caught")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
