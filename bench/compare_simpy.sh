#!/bin/sh
# Runs iopcare and SimPy 3 on continuum-ref side by side and prints agreement and speed ratios.
#   bench/compare_simpy.sh [BUILD_DIR] [REPLICATIONS]
# Picks the first Python 3 that can import simpy ($IOPCARE_PYTHON, python3, the system's).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build/release"}
reps=${2:-20}
driver="$build/bench/bench_sim_vs_simpy"
[ -x "$driver" ] || { echo "build bench_sim_vs_simpy first (cmake --build $build --target bench_sim_vs_simpy)" >&2; exit 2; }
for py in "${IOPCARE_PYTHON:-}" python3 /usr/bin/python3; do
  [ -n "$py" ] || continue
  if "$py" -c 'import simpy' 2>/dev/null; then
    exec "$driver" --replications "$reps" --python "$py" --script "$here/simpy_continuum_ref.py"
  fi
done
echo "no Python 3 with simpy found (Debian: python3-simpy3); set IOPCARE_PYTHON" >&2
exit 2
