// Internal: running numbered tasks (replications, or an experiment's (point, replication)
// pairs) on threads, and writing their event logs in task order.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "detail/run_tasks.hpp"
#include "sim/engine.hpp"

namespace iopcare::sim::detail {

// Tasks' texts written to a log in task order: the task next in order writes as it goes,
// the others keep their text until their turn.
class ordered_log {
public:
    explicit ordered_log(event_log& log) : log_(log) {}
    void append(int task, std::string text);
    void finish(int task);

private:
    struct pending {
        std::vector<std::string> chunks;  // moved in, written in order
        bool done = false;
    };
    void advance();
    event_log& log_;
    std::mutex mutex_;
    int next_ = 0;
    std::map<int, pending> waiting_;
};

// The logs of a run: the options' text log and its event sink (as a log of raw events), each
// written in task order.
class run_logs {
public:
    explicit run_logs(const run_options& o);
    [[nodiscard]] bool any() const noexcept { return !logs_.empty(); }
    // A recorder for one task; finish() it when the task is done.
    class recorder final : public event_recorder {
    public:
        recorder(run_logs& logs, int task) : logs_(logs), task_(task) {}
        void record(std::span<const flow_event> events) override;
        void finish();

    private:
        run_logs& logs_;
        int task_;
    };

private:
    struct entry {
        event_log* log;
        std::unique_ptr<ordered_log> order;
    };
    std::unique_ptr<event_log> sink_;
    std::vector<entry> logs_;
};

}  // namespace iopcare::sim::detail
