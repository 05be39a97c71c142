// Internal: records read on one thread and used on another, in batches and in order.
// stream_attendance_json on two threads, for a text whose records it does not cut into pieces
// (the zone after them, say), reads the JSON on a thread of its own while the
// calling thread hands the records on (to a validator, say), so that each keeps a core busy.
// Batches are recycled (their records' strings keep their room) and at most a few are in
// flight, so memory does not grow with the input.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "iopcare/attendance.hpp"

namespace iopcare::io::detail {

class record_relay {
public:
    // Runs `read(put)` on a thread of its own, `put` taking each record, while the calling
    // thread gives the records to `use` in the order put. Rethrows what `read` threw; returns
    // what it returned. Should `use` throw, the reading thread is told to stop and is joined.
    template <class Read>
    bool run(Read read, const std::function<void(const attendance_record&)>& use) {
        bool result = false;
        std::exception_ptr failed;
        std::thread reader([&] {
            try {
                result = read([this](const attendance_record& r) { put(r); });
                flush();
            } catch (const abandoned&) {  // `use` threw: the reading stops at the next batch
            } catch (...) {
                failed = std::current_exception();
            }
            close();
        });
        try {
            drain(use);
        } catch (...) {
            abandon();
            reader.join();
            throw;
        }
        reader.join();
        if (failed) std::rethrow_exception(failed);
        return result;
    }

private:
    // Thrown through `read` when the calling thread has given up, to stop it reading on.
    struct abandoned {};
    struct batch {
        std::vector<attendance_record> records;
        std::size_t size = 0;
    };
    static constexpr std::size_t batch_records = 4096;
    static constexpr std::size_t max_in_flight = 8;

    // The reading thread: a copy of `r` into the batch being filled, passed on when full.
    void put(const attendance_record& r) {
        if (filling_.size == filling_.records.size()) filling_.records.emplace_back();
        filling_.records[filling_.size++] = r;
        if (filling_.size == batch_records) flush();
    }
    void flush() {
        if (filling_.size == 0) return;
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return full_.size() < max_in_flight || abandoned_; });
        if (abandoned_) throw abandoned{};
        full_.push_back(std::move(filling_));
        filling_ = spare_.empty() ? batch{} : std::move(spare_.back());
        if (!spare_.empty()) spare_.pop_back();
        filling_.size = 0;
        cv_.notify_all();
    }
    void close() {
        const std::lock_guard lock(m_);
        closed_ = true;
        cv_.notify_all();
    }
    void abandon() {
        const std::lock_guard lock(m_);
        abandoned_ = true;
        cv_.notify_all();
    }
    // The calling thread: every batch's records to `use`, until the reader closes.
    void drain(const std::function<void(const attendance_record&)>& use) {
        for (;;) {
            batch b;
            {
                std::unique_lock lock(m_);
                cv_.wait(lock, [&] { return !full_.empty() || closed_; });
                if (full_.empty()) return;
                b = std::move(full_.front());
                full_.pop_front();
                cv_.notify_all();
            }
            for (std::size_t i = 0; i < b.size; ++i) use(b.records[i]);
            const std::lock_guard lock(m_);
            spare_.push_back(std::move(b));
        }
    }

    std::mutex m_;
    std::condition_variable cv_;
    std::deque<batch> full_;
    std::vector<batch> spare_;
    batch filling_;  // the reading thread's own
    bool closed_ = false;
    bool abandoned_ = false;
};

}  // namespace iopcare::io::detail
