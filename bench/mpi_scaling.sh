#!/bin/sh
# iopcare-mpi's speed-up from 1 to 2 ranks, and its memory per rank for 100 and 4,000
# replications, on continuum-ref.   bench/mpi_scaling.sh [BUILD_DIR]
# mpirun runs as root only when told (CI containers): --allow-run-as-root; --oversubscribe lets
# 2 ranks share a machine whose cores are busy with other work.
set -eu
build=${1:-build/release}
exe="$build/bench/bench_mpi_scaling"
[ -x "$exe" ] || { echo "build bench_mpi_scaling first (cmake --build $build --target bench_mpi_scaling)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for np in 1 2; do
  for reps in 100 4000; do
    echo "== mpirun -np $np, $reps replications"
    mpirun --allow-run-as-root --oversubscribe -np "$np" "$exe" --replications "$reps" | tee "$out/$np.$reps"
  done
done
t1=$(awk '$1 == 4000 {print $2}' "$out/1.4000")
t2=$(awk '$1 == 4000 {print $2}' "$out/2.4000")
echo "speed-up from 1 to 2 ranks, 4000 replications: $(echo "$t1 $t2" | awk '{printf "%.2f", $1 / $2}')"
