#!/usr/bin/env python3
"""Checks that the packaging declares exactly what the CMake build finds.

Neither vcpkg nor Conan can run in CI (no network beyond Debian's mirrors), so this reads
their files instead and compares them with the CMake build:

  * every find_package / find_path / pkg_check_modules in the build is a dependency this
    script knows (KNOWN below), so a new one cannot slip in unnoticed;
  * a dependency of the installed library (cmake/iopcare_dependencies.cmake, src/) is
    declared in the vcpkg port's manifest (ports/iopcare/vcpkg.json, in the `io` feature when
    only iopcare::io needs it), in the Conan recipe's requirements() (under `with_json` for
    io) and in its package_info() component requires, and in the repository's vcpkg.json;
  * a dependency of the tool (tools/) is in the port's `tools` feature and the repository
    manifest's `tools` feature; one of the tests or benchmarks in the repository manifest's
    `tests` or `bench` feature;
  * nothing is declared that the build does not find;
  * Conan's transitive_headers, and the package config's find_dependency() calls, are given
    for exactly the libraries a public header (include/iopcare/) includes;
  * the port's features are the ones its portfile maps to CMake options, the portfile builds
    no tests, examples or benchmarks, and every version is the one in version.hpp.

Run: check_dependencies.py SOURCE_DIR. Exit 0 when all holds, 1 with one line per problem.
"""

import ast
import json
import os
import re
import sys

# What each dependency the CMake build may find is called elsewhere. `headers`: the include
# prefixes that mark a file as using it. `vcpkg`: port name (per component for Boost).
# `conan`: reference name and the component-requires entry naming it. A program (an
# interpreter, pkg-config) is not a library and is declared nowhere.
KNOWN = {
    "Boost": {
        "vcpkg": {"date_time": "boost-date-time", "graph": "boost-graph", "mpi": "boost-mpi",
                  "serialization": "boost-serialization"},
        "conan": "boost",
        # Graph and Date_Time are used header-only: nothing of their compiled libraries is called.
        # MPI and Serialization serve only the iopcare-mpi tool, which no package builds.
        "conan_components": {"date_time": "boost::headers", "graph": "boost::headers", "mpi": None,
                             "serialization": None},
        "headers": ["boost/"],
    },
    "range-v3": {"vcpkg": "range-v3", "conan": "range-v3", "conan_components": "range-v3::range-v3",
                 "headers": ["range/v3/"]},
    "nlohmann_json": {"vcpkg": "nlohmann-json", "conan": "nlohmann_json",
                      "conan_components": "nlohmann_json::nlohmann_json", "headers": ["nlohmann/"]},
    "Random123": {"vcpkg": "random123", "conan": "random123", "conan_components": "random123::random123",
                  "headers": ["Random123/"]},
    "CLI11": {"vcpkg": "cli11", "conan": "cli11", "headers": ["CLI/"]},
    "Catch2": {"vcpkg": "catch2", "conan": "catch2", "headers": ["catch2/", "catch.hpp"]},
    "benchmark": {"vcpkg": "benchmark", "conan": "benchmark", "headers": ["benchmark/"]},
    "libical": {"vcpkg": "libical", "conan": "libical", "headers": ["libical/"]},
}
PROGRAMS = {"Python3", "PkgConfig", "pkg-config", "node", "bash", "mpirun", "Doxygen"}  # tools, not libraries
SELF = "iopcare"
# vcpkg's own helper ports, needed by every CMake port as host tools.
VCPKG_HELPERS = {"vcpkg-cmake", "vcpkg-cmake-config"}
# Repository-manifest features and port features, and the scopes they serve.
REPO_FEATURE_SCOPES = {"io": {"io"}, "tools": {"tools"}, "tests": {"tests", "fuzz"}, "bench": {"bench"},
                       "mpi": {"mpi"}}
PORT_FEATURE_SCOPES = {"io": {"io"}, "tools": {"tools"}}
# The CMake option each port feature must switch, and the options the port must turn off.
PORT_FEATURE_OPTIONS = {"io": "IOPCARE_WITH_JSON", "tools": "IOPCARE_BUILD_TOOLS"}
PORT_OFF_OPTIONS = ["IOPCARE_BUILD_TESTS", "IOPCARE_BUILD_EXAMPLES", "IOPCARE_BUILD_BENCH", "IOPCARE_WITH_MPI"]

# Where a CMake file's finds belong; the first matching prefix wins. Consumer projects find
# iopcare itself and are skipped.
SCOPES = [
    ("tests/consumer/", None),
    ("test_package/", None),
    ("cmake/iopcare_dependencies.cmake", "core"),
    ("src/", "core"),
    ("tools/", "tools"),
    ("tests/", "tests"),
    ("bench/", "bench"),
    ("examples/", "examples"),
    ("fuzz/", "fuzz"),
    ("CMakeLists.txt", "core"),
]


class Problems:
    def __init__(self):
        self.lines = []

    def __call__(self, text):
        self.lines.append(text)


# ---------------------------------------------------------------- CMake
def cmake_commands(text):
    """Yields (name, argument text, line) for each command in a CMake file."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\s*\(").match(text, i)
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            name = m.group(0).rstrip("( \t\n").lower()
            start_line = line + text.count("\n", i, m.end())
            j, depth, quoted = m.end(), 1, False
            while j < n and depth:
                d = text[j]
                if quoted:
                    if d == "\\":
                        j += 1
                    elif d == '"':
                        quoted = False
                elif d == '"':
                    quoted = True
                elif d == "#":
                    k = text.find("\n", j)
                    j = n if k < 0 else k
                    continue
                elif d == "(":
                    depth += 1
                elif d == ")":
                    depth -= 1
                j += 1
            yield name, text[m.end():j - 1], start_line
            line = start_line + text.count("\n", m.end(), j)
            i = j
            continue
        if c == "\n":
            line += 1
        i += 1


def scope_of(rel):
    for prefix, scope in SCOPES:
        if rel == prefix or (prefix.endswith("/") and rel.startswith(prefix)):
            return scope
    return "core"


def cmake_finds(root, problems):
    """{(name, component-or-None): {scope: [place, ...]}} of what the CMake build finds."""
    finds = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("build", "node_modules", "out")
                       and not (rel_dir == "." and d.startswith("build-"))]
        for f in sorted(filenames):
            if f != "CMakeLists.txt" and not f.endswith(".cmake"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            base = scope_of(rel)
            if base is None:
                continue
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            conditions = []
            for name, args, line in cmake_commands(text):
                if name == "if":
                    conditions.append(args)
                    continue
                if name == "elseif" and conditions:
                    conditions[-1] = args
                    continue
                if name == "else" and conditions:
                    conditions[-1] = "NOT (" + conditions[-1] + ")"
                    continue
                if name == "endif" and conditions:
                    conditions.pop()
                    continue
                scope = base
                if base == "core" and any(re.search(r"(?<!NOT )\bIOPCARE_WITH_JSON\b", c) and not c.startswith("NOT (")
                                          for c in conditions):
                    scope = "io"
                # Boost.MPI is found only for the iopcare-mpi tool (and its tests and benchmark).
                if any(re.search(r"(?<!NOT )\bIOPCARE_WITH_MPI\b", c) and not c.startswith("NOT (") for c in conditions):
                    scope = "mpi"
                place = f"{rel}:{line}"
                words = args.split()
                found = []
                if name == "find_package" and words:
                    pkg = words[0]
                    comps = []
                    if "COMPONENTS" in words:
                        for w in words[words.index("COMPONENTS") + 1:]:
                            if w.isupper():
                                break
                            comps.append(w)
                    found = [(pkg, c) for c in comps] if pkg == "Boost" and comps else [(pkg, None)]
                elif name == "find_path" and "NAMES" in words:
                    header = words[words.index("NAMES") + 1]
                    lib = next((k for k, v in KNOWN.items() if any(header.startswith(h) for h in v["headers"])), None)
                    found = [(lib or "header " + header, None)]
                elif name == "pkg_check_modules" and len(words) > 1:
                    mods = [w for w in words[1:] if not w.isupper()]
                    found = [(m.split(">")[0].split("=")[0], None) for m in mods]
                elif name == "find_program" and len(words) > 1:
                    found = [(words[-1] if len(words) == 2 else words[1], None)]
                elif name == "find_library":
                    found = [("library " + " ".join(words[1:]), None)]
                for key in found:
                    pkg = key[0]
                    if pkg == SELF or pkg in PROGRAMS:
                        continue
                    if pkg not in KNOWN:
                        problems(f"{place}: the build finds {pkg}, which this check does not know: add it to KNOWN "
                                 f"in packaging/check_dependencies.py and declare it in the port, the recipe and "
                                 f"vcpkg.json")
                        continue
                    finds.setdefault(key, {}).setdefault(scope, []).append(place)
    return finds


def port_names(key):
    pkg, comp = key
    v = KNOWN[pkg]["vcpkg"]
    return v[comp] if isinstance(v, dict) else v


def conan_component_name(key):
    pkg, comp = key
    v = KNOWN[pkg].get("conan_components")
    if isinstance(v, dict):
        return v.get(comp)
    return v


# ---------------------------------------------------------------- vcpkg
def manifest_deps(entries):
    """Names of a manifest's dependencies, without vcpkg's helper ports and self-references."""
    names = set()
    for e in entries:
        name = e if isinstance(e, str) else e.get("name")
        if name in VCPKG_HELPERS or name == SELF:
            continue
        names.add(name)
    return names


def read_manifest(path, problems):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as e:
        problems(f"{path}: cannot read it: {e}")
        return None


def manifest_declarations(rel, manifest, feature_scopes, version, problems):
    """{"core" or feature: names} a manifest declares; its version and features checked."""
    if manifest.get("version") != version:
        problems(f"{rel}: version {manifest.get('version')!r}, but version.hpp says {version}")
    declared = {"core": manifest_deps(manifest.get("dependencies", []))}
    for feat, body in manifest.get("features", {}).items():
        if feat not in feature_scopes:
            problems(f"{rel}: feature {feat!r} serves no part of the build (known: {', '.join(sorted(feature_scopes))})")
            continue
        declared[feat] = manifest_deps(body.get("dependencies", []))
    return declared


# ---------------------------------------------------------------- Conan
def conan_recipe(path, problems):
    """(requirements, component requires) of a Conan recipe, read from its syntax tree.

    requirements: {name: {"with_json": bool, "transitive_headers": bool}}
    components:   {component: set(requires)} from package_info()
    """
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    reqs, comps = {}, {}
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef)), None)
    if cls is None:
        problems(f"{path}: no recipe class")
        return reqs, comps
    methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}

    def walk(nodes, conds):
        for node in nodes:
            if isinstance(node, ast.If):
                cond = ast.unparse(node.test)
                walk(node.body, conds + [cond])
                walk(node.orelse, conds + ["not " + cond])
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and ast.unparse(sub.func) == "self.requires" and sub.args:
                    ref = sub.args[0]
                    if not isinstance(ref, ast.Constant):
                        problems(f"{path}:{sub.lineno}: a requirement that is not a literal reference")
                        continue
                    name = ref.value.split("/")[0]
                    kw = {k.arg: ast.unparse(k.value) for k in sub.keywords}
                    reqs[name] = {"with_json": any("with_json" in c and not c.startswith("not ") for c in conds),
                                  "transitive_headers": kw.get("transitive_headers") == "True",
                                  "line": sub.lineno}

    if "requirements" in methods:
        walk(methods["requirements"].body, [])
    else:
        problems(f"{path}: no requirements() method")
    info = methods.get("package_info")
    if info is None:
        problems(f"{path}: no package_info() method")
        return reqs, comps
    # Names bound to a component: core = self.cpp_info.components["core"]
    component = r"""self\.cpp_info\.components\[['"]([^'"]+)['"]\]"""
    aliases = {}
    for sub in ast.walk(info):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            m = re.fullmatch(component, ast.unparse(sub.value))
            if m:
                aliases[sub.targets[0].id] = m.group(1)
    for sub in ast.walk(info):
        # self.cpp_info.components["core"].requires = [...] (or .append / .extend / +=)
        target = None
        values = None
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1:
            target, values = sub.targets[0], sub.value
        elif isinstance(sub, ast.AugAssign):
            target, values = sub.target, sub.value
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in ("append", "extend"):
            target, values = sub.func.value, (sub.args[0] if sub.args else None)
        if target is None or values is None:
            continue
        text = ast.unparse(target)
        m = re.fullmatch(component + r"\.requires", text)
        name = m.group(1) if m else None
        if name is None and text.endswith(".requires") and text[:-len(".requires")] in aliases:
            name = aliases[text[:-len(".requires")]]
        if name is None:
            continue
        items = values.elts if isinstance(values, (ast.List, ast.Tuple)) else [values]
        for it in items:
            if isinstance(it, ast.Constant):
                comps.setdefault(name, set()).add(it.value)
    return reqs, comps


# ---------------------------------------------------------------- headers
def public_header_libraries(root):
    """{library: first public header including it}."""
    seen = {}
    inc = os.path.join(root, "include", "iopcare")
    for dirpath, _, filenames in os.walk(inc):
        for f in sorted(filenames):
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    m = re.match(r'\s*#\s*include\s*[<"]([^>"]+)[>"]', line)
                    if not m:
                        continue
                    for lib, v in KNOWN.items():
                        if any(m.group(1).startswith(h) for h in v["headers"]):
                            seen.setdefault(lib, f"{rel}:{n}")
    return seen


def library_version(root):
    with open(os.path.join(root, "include", "iopcare", "version.hpp"), encoding="utf-8") as fh:
        text = fh.read()
    parts = [re.search(rf"#define IOPCARE_VERSION_{p} (\d+)", text) for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(p.group(1) for p in parts) if all(parts) else None


# ---------------------------------------------------------------- the check
def check(root):
    problems = Problems()
    finds = cmake_finds(root, problems)
    version = library_version(root)
    # Scopes in which each vcpkg name is found, and each Conan name in the library.
    by_port = {}
    for key, scopes in finds.items():
        by_port.setdefault(port_names(key), {}).update({s: places for s, places in scopes.items()})

    def first(scopes, *wanted):
        for s in wanted:
            if s in scopes:
                return scopes[s][0]
        return None

    # The port: core dependencies and its features.
    port_dir = os.path.join(root, "ports", "iopcare")
    port = read_manifest(os.path.join(port_dir, "vcpkg.json"), problems)
    if port is not None:
        declared = manifest_declarations("ports/iopcare/vcpkg.json", port, PORT_FEATURE_SCOPES, version, problems)
        for feat in PORT_FEATURE_SCOPES:
            if feat not in declared:
                problems(f"ports/iopcare/vcpkg.json: no {feat!r} feature")
        for name, scopes in sorted(by_port.items()):
            place = first(scopes, "core")
            if place and name not in declared["core"]:
                problems(f"{place}: the library needs {name}, not among ports/iopcare/vcpkg.json's dependencies")
            for feat, feat_scopes in PORT_FEATURE_SCOPES.items():
                place = first(scopes, *sorted(feat_scopes))
                if place and "core" not in scopes and name not in declared.get(feat, set()):
                    problems(f"{place}: {feat} needs {name}, not in ports/iopcare/vcpkg.json's {feat!r} feature")
        for where, names in declared.items():
            serves = {"core"} if where == "core" else PORT_FEATURE_SCOPES.get(where, set())
            for name in sorted(names):
                scopes = by_port.get(name, {})
                if not serves & set(scopes):
                    problems(f"ports/iopcare/vcpkg.json: {name} is declared ({where}) but the build does not find it "
                             f"there" + (f" (found for: {', '.join(sorted(scopes))})" if scopes else ""))
        # The portfile: the features it maps to options, and nothing but the library built.
        try:
            with open(os.path.join(port_dir, "portfile.cmake"), encoding="utf-8") as fh:
                portfile = fh.read()
        except OSError as e:
            problems(f"ports/iopcare/portfile.cmake: cannot read it: {e}")
            portfile = ""
        mapped = {}
        for name, args, _ in cmake_commands(portfile):
            if name == "vcpkg_check_features" and "FEATURES" in args.split():
                words = args.split()
                rest = words[words.index("FEATURES") + 1:]
                rest = rest[:next((i for i, w in enumerate(rest) if w in ("INVERTED_FEATURES",)), len(rest))]
                mapped.update(dict(zip(rest[0::2], rest[1::2])))
        for feat in declared:
            if feat != "core" and feat not in mapped:
                problems(f"ports/iopcare/portfile.cmake: feature {feat!r} is not passed to CMake by vcpkg_check_features")
        for feat, option in mapped.items():
            if feat not in declared:
                problems(f"ports/iopcare/portfile.cmake: maps feature {feat!r}, which the port's manifest does not have")
            elif PORT_FEATURE_OPTIONS.get(feat) != option:
                problems(f"ports/iopcare/portfile.cmake: feature {feat!r} sets {option}, expected "
                         f"{PORT_FEATURE_OPTIONS.get(feat)}")
        for option in PORT_OFF_OPTIONS:
            if not re.search(rf"-D{option}=OFF\b", portfile):
                problems(f"ports/iopcare/portfile.cmake: does not pass -D{option}=OFF")
        for needed in ("vcpkg_from_github", "SHA512", "vcpkg_cmake_config_fixup", "vcpkg_install_copyright"):
            if needed not in portfile:
                problems(f"ports/iopcare/portfile.cmake: no {needed}")
        if not os.path.exists(os.path.join(port_dir, "usage")):
            problems("ports/iopcare/usage: missing")

    # The repository's manifest: everything a top-level build finds.
    repo = read_manifest(os.path.join(root, "vcpkg.json"), problems)
    if repo is not None:
        declared = manifest_declarations("vcpkg.json", repo, REPO_FEATURE_SCOPES, version, problems)
        everywhere = set().union(*declared.values())
        for name, scopes in sorted(by_port.items()):
            place = first(scopes, "core")
            if place and name not in declared["core"]:
                problems(f"{place}: the library needs {name}, not among vcpkg.json's dependencies")
                continue
            for feat, feat_scopes in REPO_FEATURE_SCOPES.items():
                place = first(scopes, *sorted(feat_scopes))
                if place and "core" not in scopes and name not in declared.get(feat, set()) | declared["core"]:
                    problems(f"{place}: {', '.join(sorted(feat_scopes & set(scopes)))} needs {name}, not in "
                             f"vcpkg.json's {feat!r} feature")
            place = first(scopes, "examples")
            if place and name not in everywhere:
                problems(f"{place}: the examples need {name}, not in vcpkg.json")
        for where, names in declared.items():
            # A top-level build has io on by default, so the manifest's own dependencies serve it.
            serves = {"core", "io"} if where == "core" else REPO_FEATURE_SCOPES[where] | {"core"}
            for name in sorted(names):
                if not serves & set(by_port.get(name, {})):
                    problems(f"vcpkg.json: {name} is declared ({where}) but the build does not find it there")

    # The Conan recipe: the library's dependencies, with the right visibility.
    public = public_header_libraries(root)
    conan_path = os.path.join(root, "conanfile.py")
    reqs, comps = conan_recipe(conan_path, problems)
    by_conan = {}
    for key, scopes in finds.items():
        if {"core", "io"} & set(scopes):
            by_conan.setdefault(KNOWN[key[0]]["conan"], []).append(key)
    for name, keys in sorted(by_conan.items()):
        scopes = set().union(*(set(finds[k]) for k in keys))
        place = next(iter(finds[keys[0]].get("core", finds[keys[0]].get("io", ["?"]))))
        io_only = "core" not in scopes
        if name not in reqs:
            problems(f"{place}: the library needs {name}, not required in conanfile.py")
            continue
        r = reqs[name]
        if r["with_json"] and not io_only:
            problems(f"conanfile.py:{r['line']}: {name} is required only with_json, but the core library needs it")
        if io_only and not r["with_json"]:
            problems(f"conanfile.py:{r['line']}: {name} is needed by iopcare::io only; require it under with_json")
        pkg = keys[0][0]
        if r["transitive_headers"] and pkg not in public:
            problems(f"conanfile.py:{r['line']}: {name} has transitive_headers=True but no public header includes it")
        if pkg in public and not r["transitive_headers"]:
            problems(f"conanfile.py:{r['line']}: {public[pkg]} includes {name}'s headers; require it with "
                     f"transitive_headers=True")
        component = "io" if io_only else "core"
        for key in keys:
            entry = conan_component_name(key)
            if entry and entry not in comps.get(component, set()):
                problems(f"conanfile.py: package_info's {component!r} component does not require {entry}")
    for name, r in sorted(reqs.items()):
        if name not in by_conan:
            problems(f"conanfile.py:{r['line']}: {name} is required but the library's build does not find it")
    for comp, entries in sorted(comps.items()):
        for entry in sorted(entries):
            if "::" not in entry:
                if entry not in comps:
                    problems(f"conanfile.py: component {comp!r} requires {entry!r}, which is not a component")
                continue
            if entry.split("::")[0] not in reqs:
                problems(f"conanfile.py: component {comp!r} requires {entry}, not a requirement of the recipe")
    if "core" not in comps or "io" not in comps:
        problems("conanfile.py: package_info must declare the components 'core' and 'io'")

    # The package config finds what the installed targets' interfaces need: the libraries
    # whose headers the public headers include, no more.
    config_path = os.path.join(root, "cmake", "iopcare-config.cmake.in")
    with open(config_path, encoding="utf-8") as fh:
        config_text = fh.read()
    config_finds = {args.split()[0]: line for name, args, line in cmake_commands(config_text)
                    if name == "find_dependency" and args.split()}
    for pkg, where in sorted(public.items()):
        if pkg not in config_finds:
            problems(f"{where} includes {pkg}'s headers; cmake/iopcare-config.cmake.in does not find_dependency it")
    for pkg, line in sorted(config_finds.items()):
        if pkg not in public:
            problems(f"cmake/iopcare-config.cmake.in:{line}: find_dependency({pkg}) but no public header includes it "
                     f"(a private dependency is not a consumer's)")

    return problems.lines


def main(argv):
    if len(argv) != 2:
        print("usage: check_dependencies.py SOURCE_DIR", file=sys.stderr)
        return 2
    lines = check(argv[1])
    for line in lines:
        print("packaging: " + line)
    if lines:
        print(f"packaging: {len(lines)} problem(s)")
        return 1
    print("packaging: the port, the recipe and vcpkg.json declare what the build finds, and only that")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
