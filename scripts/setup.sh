# Sourced by scripts/demo and scripts/test: installs the Debian packages iopcare needs (only
# the missing ones, quietly when none are), then configures and builds a CMake preset.
# Works as root and, with sudo, as another user.

IOPCARE_DEBIAN_PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
  libboost-graph-dev libboost-date-time-dev librange-v3-dev
  catch2 libbenchmark-dev nlohmann-json3-dev libcli11-dev librandom123-dev
  libical-dev tzdata python3 python3-simpy3
  libboost-mpi-dev openmpi-bin
  doxygen graphviz
)

iopcare_install_packages() {
  local missing=() pkg
  for pkg in "${IOPCARE_DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "iopcare: these Debian packages are missing and neither root nor sudo is available:" >&2
      echo "  ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "iopcare: installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Test-only tools from the npm registry, pinned by tests/interop/package-lock.json: Medplum's
# FHIR validator and ical.js. Installed with `npm ci` when missing or older than the lockfile.
# Node.js comes with the machine; Debian's nodejs and npm are installed when it does not.
iopcare_install_node_tools() {
  local dir=tests/interop
  if ! command -v npm >/dev/null 2>&1; then
    local -a IOPCARE_DEBIAN_PACKAGES=(nodejs npm)  # shadows the list for this one install
    iopcare_install_packages
  fi
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "iopcare: installing the interop test tools (npm ci in $dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# iopcare_build PRESET: configure (once) and build.
iopcare_build() {
  local preset=$1
  if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset"
}
