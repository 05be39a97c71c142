// How the validator spreads patients over threads and hands them on in report order: the
// share of patients each thread judges, and the chunks passed to the sink in order whichever
// thread judged them; and the rejections in report order. Internal to the validator (validate.cpp).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "iopcare/validate.hpp"

namespace iopcare::detail {

// Rejections in report order: records first, then enrollments, then certifications, each by
// index. Sorted by a precomputed key (field compared once per rejection, not per comparison);
// an item is rejected at most once, so keys are unique.
inline std::vector<rejected_record> in_report_order(std::vector<rejected_record> rejected) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(rejected.size());
    for (std::size_t i = 0; i < rejected.size(); ++i) {
        const auto& r = rejected[i];
        const std::uint64_t rank = r.field == "enrollment" ? 1 : r.field == "certification" ? 2 : 0;
        keys[i] = {rank << 56 | r.index, static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end());
    std::vector<rejected_record> out;
    out.reserve(rejected.size());
    for (const auto& k : keys) out.push_back(std::move(rejected[k.second]));
    return out;
}

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
    // A chunk of judged patients and, when they are rendered, their texts.
    struct chunk {
        std::vector<patient_result> patients;
        std::vector<std::string> texts;
    };

    in_order(std::size_t chunks, const validator::rendered_sink& sink, std::size_t window)
        : sink_(sink), slots_(chunks), ready_(chunks, 0), window_(window) {}

    // Waits until chunk k may start; false when passing on failed (the sink threw).
    bool wait_turn(std::size_t k) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return failed_ || k < next_ + window_; });
        return !failed_;
    }

    // The results of a chunk the sink is done with, for the next chunk's judging to reuse their
    // buffers (validate.cpp, renew()); empty when there is none.
    std::vector<patient_result> take_spent() {
        std::lock_guard lock(m_);
        if (spent_.empty()) return {};
        std::vector<patient_result> v = std::move(spent_.back());
        spent_.pop_back();
        return v;
    }

    // A chunk that will never come (its judging threw): waiting threads stop.
    void fail() {
        std::lock_guard lock(m_);
        failed_ = true;
        cv_.notify_all();
    }

    // Chunk k is judged: stored, and passed on with the chunks after it when it is next.
    void done(std::size_t k, chunk judged) {
        std::unique_lock lock(m_);
        slots_[k] = std::move(judged);
        ready_[k] = 1;
        if (passing_ || failed_) return;  // the thread passing on will take this chunk too
        passing_ = true;
        while (!failed_ && next_ < slots_.size() && ready_[next_] != 0) {
            auto batch = std::move(slots_[next_]);
            lock.unlock();
            try {
                for (std::size_t i = 0; i < batch.patients.size(); ++i)
                    sink_(std::move(batch.patients[i]), i < batch.texts.size() ? std::move(batch.texts[i]) : std::string());
            } catch (...) {
                lock.lock();
                failed_ = true;
                passing_ = false;
                cv_.notify_all();
                throw;
            }
            lock.lock();
            // At most a window of spent chunks is kept; the rest go with `batch`.
            if (spent_.size() < window_) spent_.push_back(std::move(batch.patients));
            ++next_;
            cv_.notify_all();
        }
        passing_ = false;
    }

private:
    const validator::rendered_sink& sink_;
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<chunk> slots_;
    std::vector<std::vector<patient_result>> spent_;
    std::vector<char> ready_;
    std::size_t window_;
    std::size_t next_ = 0;  // the next chunk to pass on
    bool passing_ = false;
    bool failed_ = false;
};

}  // namespace iopcare::detail
