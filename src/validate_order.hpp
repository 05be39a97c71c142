// How the validator spreads patients over threads and hands them on in report order: the
// share of patients each thread judges, and the chunks passed to the sink in order whichever
// thread judged them. Internal to the validator (validate.cpp).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <span>
#include <vector>

#include "iopcare/validate.hpp"

namespace iopcare::detail {

// Contiguous ranges of patients with about the same number of entries each, at most `shares`
// (patient p's entries are [start[p], start[p + 1])). Returns the ranges' bounds.
inline std::vector<std::size_t> share_bounds(std::span<const std::size_t> start, std::size_t shares) {
    const std::size_t patients = start.size() - 1;
    shares = std::max<std::size_t>(1, std::min(shares, patients));
    std::vector<std::size_t> bounds{0};
    std::size_t p = 0;
    for (std::size_t k = 1; k < shares; ++k) {
        const std::size_t goal = start.back() / shares * k;
        while (p < patients && start[p] < goal) ++p;
        if (p > bounds.back()) bounds.push_back(p);
    }
    bounds.push_back(patients);
    return bounds;
}

// Hands chunks of judged patients to the sink in chunk order, whichever thread judged them:
// the thread that stores the chunk next in line passes on it and every chunk ready after it,
// while the others judge on. A chunk is not started more than `window` chunks ahead of the
// last one passed on, so the results held wait for a bounded number of chunks.
class in_order {
public:
    in_order(std::size_t chunks, const validator::patient_sink& sink, std::size_t window)
        : sink_(sink), slots_(chunks), ready_(chunks, 0), window_(window) {}

    // Waits until chunk k may start; false when passing on failed (the sink threw).
    bool wait_turn(std::size_t k) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return failed_ || k < next_ + window_; });
        return !failed_;
    }

    // A chunk that will never come (its judging threw): waiting threads stop.
    void fail() {
        std::lock_guard lock(m_);
        failed_ = true;
        cv_.notify_all();
    }

    // Chunk k is judged: stored, and passed on with the chunks after it when it is next.
    void done(std::size_t k, std::vector<patient_result> judged) {
        std::unique_lock lock(m_);
        slots_[k] = std::move(judged);
        ready_[k] = 1;
        if (passing_ || failed_) return;  // the thread passing on will take this chunk too
        passing_ = true;
        while (!failed_ && next_ < slots_.size() && ready_[next_] != 0) {
            auto batch = std::move(slots_[next_]);
            lock.unlock();
            try {
                for (auto& p : batch) sink_(std::move(p));
            } catch (...) {
                lock.lock();
                failed_ = true;
                passing_ = false;
                cv_.notify_all();
                throw;
            }
            lock.lock();
            ++next_;
            cv_.notify_all();
        }
        passing_ = false;
    }

private:
    const validator::patient_sink& sink_;
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<std::vector<patient_result>> slots_;
    std::vector<char> ready_;
    std::size_t window_;
    std::size_t next_ = 0;  // the next chunk to pass on
    bool passing_ = false;
    bool failed_ = false;
};

}  // namespace iopcare::detail
