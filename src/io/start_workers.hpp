// Internal: the worker threads of the readers' pipelines (CSV and JSON pieces), started all or
// none: should a thread fail to start, the ones already running are stopped and joined before
// the error leaves the constructor that started them, which otherwise would leave them running
// on an object that no longer exists.
#pragma once

#include <thread>
#include <vector>

namespace iopcare::io::detail {

// Starts `n` threads running `work`; if one cannot start, calls `stop` (which must end and join
// those in `threads`) and rethrows.
template <class Work, class Stop>
void start_workers(std::vector<std::thread>& threads, unsigned n, const Work& work, const Stop& stop) {
    try {
        for (unsigned k = 0; k < n; ++k) threads.emplace_back(work);
    } catch (...) {
        stop();
        throw;
    }
}

}  // namespace iopcare::io::detail
