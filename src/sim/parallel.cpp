// Tasks on threads and event logs in task order (parallel.hpp).
#include "sim/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <thread>
#include <type_traits>

namespace iopcare::sim::detail {

int run_tasks(int n, int threads, const std::function<void(int)>& task, const std::function<void(int, int)>& progress) {
    int used = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    used = std::max(1, std::min(used, n));
    std::atomic<int> next{0};
    int finished = 0;
    std::mutex progress_mutex, failure_mutex;
    std::exception_ptr failure;
    auto worker = [&] {
        for (;;) {
            const int i = next.fetch_add(1);
            if (i >= n) return;
            try {
                task(i);
                if (progress) {
                    const std::lock_guard<std::mutex> lock(progress_mutex);
                    progress(++finished, n);
                }
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next.store(n);
            }
        }
    };
    if (used == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(static_cast<std::size_t>(used));
        for (int t = 0; t < used; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }
    if (failure) std::rethrow_exception(failure);
    return used;
}

void ordered_log::append(int task, std::string text) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (task == next_) {
        log_.write(text);
    } else {
        waiting_[task].chunks.push_back(std::move(text));
    }
}

void ordered_log::finish(int task) {
    const std::lock_guard<std::mutex> lock(mutex_);
    waiting_[task].done = true;
    advance();
}

// Writes what the task in turn has kept, and moves past every finished task.
void ordered_log::advance() {
    for (;;) {
        auto it = waiting_.find(next_);
        if (it == waiting_.end()) return;
        for (const std::string& chunk : it->second.chunks) log_.write(chunk);
        it->second.chunks.clear();
        if (!it->second.done) return;
        waiting_.erase(it);
        ++next_;
    }
}

namespace {

static_assert(std::is_trivially_copyable_v<flow_event>);

// An event sink as a log: the "text" is the events' bytes, turned back into events and passed
// to the sink in task order.
class sink_log final : public event_log {
public:
    explicit sink_log(event_sink sink) : sink_(std::move(sink)) {}
    void format(std::span<const flow_event> events, std::string& out) const override {
        out.append(reinterpret_cast<const char*>(events.data()), events.size_bytes());
    }
    void write(std::string_view text) override {
        for (std::size_t at = 0; at + sizeof(flow_event) <= text.size(); at += sizeof(flow_event)) {
            flow_event e;
            std::memcpy(&e, text.data() + at, sizeof e);
            sink_(e);
        }
    }

private:
    event_sink sink_;
};

}  // namespace

run_logs::run_logs(const run_options& o) {
    if (o.events) {
        sink_ = std::make_unique<sink_log>(o.events);
        logs_.push_back({sink_.get(), std::make_unique<ordered_log>(*sink_)});
    }
    if (o.log) logs_.push_back({o.log, std::make_unique<ordered_log>(*o.log)});
}

void run_logs::recorder::record(std::span<const flow_event> events) {
    for (auto& e : logs_.logs_) {
        std::string text;
        e.log->format(events, text);  // on this thread, outside the lock
        e.order->append(task_, std::move(text));
    }
}

void run_logs::recorder::finish() {
    for (auto& e : logs_.logs_) e.order->finish(task_);
}

}  // namespace iopcare::sim::detail
