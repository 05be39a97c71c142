// Internal: numbered tasks on threads (sim/parallel.cpp), for the simulation's replications and
// for validation's shares of patients.
#pragma once

#include <functional>

namespace iopcare::sim::detail {

// Runs task(0) ... task(n - 1) on `threads` threads (0: all cores), handed out in order; after
// each, progress(finished, n) under a lock. The first exception stops the hand-out and is
// rethrown once every thread has stopped. Returns the threads used.
int run_tasks(int n, int threads, const std::function<void(int)>& task, const std::function<void(int, int)>& progress);

}  // namespace iopcare::sim::detail
