// Simulate and experiment over MPI ranks (mpi_backend.hpp).
//
// Protocol, per job: rank 0 sends each rank the job (the points' scenarios as
// iopcare.scenario/1 text, which reads back to the same numbers, and the run settings); each
// rank answers "ready for 2 tasks", and then sends each task's result, which also asks for one
// more task: a rank always has the next task in hand when it finishes one, so it never waits
// for rank 0. Rank 0 answers every request with the next task number, or -1 once all are handed
// out; it runs tasks itself on a second thread and polls for messages between naps of a quarter
// of a task's time, so that its coordination takes next to nothing from the computation that
// mpirun binds to the same core (naps of 50 microseconds cost rank 0 a fifth of its speed)
// while every rank still gets its next task long before it finishes the one in hand. Task t is
// replication t % R of point t / R (R replications a point).
#include "mpi_backend.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/request.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <iopcare/io/scenario.hpp>

#include "serialize.hpp"


namespace iopcare::mpi {

namespace {

enum tag : int { tag_job = 1, tag_ready = 2, tag_task = 3, tag_result = 4 };
constexpr int prefetch = 2;  // tasks a rank asks for at first: one to run, one in hand

struct job {
    bool quit = false;
    std::vector<std::string> points;  // iopcare.scenario/1
    int replications = 0;
    std::uint64_t seed = 0;
    bool log = false, log_point = false, log_warmup = false;
    std::int64_t max_waitlist = 0, max_patients = 0;

    template <class A>
    void serialize(A& a, unsigned) {
        a & quit & points & replications & seed & log & log_point & log_warmup & max_waitlist & max_patients;
    }
};

struct task_result {
    int task = -1;
    sim::replication_result result;
    std::string log;
    bool failed = false;
    int code = 0;
    std::string where, value, message;

    template <class A>
    void serialize(A& a, unsigned) {
        a & task & result & log & failed & code & where & value & message;
    }
};

rank_stats stats;

// Receives from rank 0, napping between looks rather than spinning as MPI's blocking receive
// does: a rank waiting for its next job, or for a task while it has none in hand, leaves the
// core to the ranks that compute (2 ranks on 2 cores, or more ranks than cores).
template <class T>
void receive_from_root(const boost::mpi::communicator& world, int tag, T& value) {
    while (!world.iprobe(0, tag)) std::this_thread::sleep_for(std::chrono::microseconds(50));
    world.recv(0, tag, value);
}

double peak_memory_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return 0.0;
}

// A job's runners, on any rank: every rank reads the same scenario text, so every rank
// computes the same numbers.
class workload {
public:
    explicit workload(const job& j) : replications_(j.replications) {
        sim::run_options o;
        o.threads = 1;
        o.seed = j.seed;
        o.max_waitlist = j.max_waitlist;
        o.max_patients = j.max_patients;
        o.max_events = std::numeric_limits<std::uint64_t>::max();  // rank 0 checked the whole run
        o.log_warmup = j.log_warmup;
        std::vector<sim::scenario> points;
        for (const auto& text : j.points) points.push_back(io::parse_scenario(text, "job"));
        if (j.log) {
            log_ = std::make_unique<sim::csv_event_log>(sink_, points.front(), j.log_point);
            o.log = log_.get();
        }
        for (auto& p : points) runners_.emplace_back(std::move(p), o, j.replications);
    }

    // Task t, or its error.
    task_result run(int t) const {
        task_result r;
        r.task = t;
        try {
            const auto p = static_cast<std::size_t>(t / replications_);
            r.result = runners_[p].run(t % replications_, log_ ? &r.log : nullptr, static_cast<int>(p));
        } catch (const error& e) {
            r.failed = true;
            r.code = static_cast<int>(e.code());
            r.where = e.where();
            r.value = e.value();
            r.message = e.message();
        }
        return r;
    }

private:
    int replications_;
    std::ostringstream sink_;  // the header the formatter writes; only rank 0's file has one
    std::unique_ptr<sim::csv_event_log> log_;
    std::vector<sim::replication_runner> runners_;
};

// Rank 0's side of a job: hands out the tasks, runs some itself, and gathers the results in
// task order, writing their logs in that order.
class coordinator {
public:
    coordinator(const boost::mpi::communicator& world, const job& j, const sim::run_options& o)
        : world_(world), o_(o), local_(j), tasks_(static_cast<int>(j.points.size()) * j.replications),
          results_(static_cast<std::size_t>(tasks_)), ranks_(static_cast<std::size_t>(world.size())) {}

    std::vector<sim::replication_result> run() {
        if (world_.size() == 1) return run_alone();
        std::thread compute([this] { compute_locally(); });
        while (!finished()) {
            take_local_results();
            if (auto st = world_.iprobe(boost::mpi::any_source, boost::mpi::any_tag)) {
                receive(st->source(), st->tag());
            } else {
                std::this_thread::sleep_for(nap());
            }
        }
        compute.join();
        take_local_results();
        if (failure_) throw error(*failure_);
        return std::move(results_);
    }

private:
    // One rank has no one to serve: no polling thread, which mpirun binds to the same core as
    // the computation and which cost a fifth of its speed.
    std::vector<sim::replication_result> run_alone() {
        compute_locally();
        take_local_results();
        if (failure_) throw error(*failure_);
        return std::move(results_);
    }

    struct rank_state {
        bool ready = false;
        int in_flight = 0;
    };

    // A quarter of the mean task time so far on this rank, within 20 microseconds and 2 ms.
    [[nodiscard]] std::chrono::microseconds nap() const {
        const int done = local_count_.load(std::memory_order_relaxed);
        if (done == 0) return std::chrono::microseconds(20);
        const auto mean = local_us_.load(std::memory_order_relaxed) / done;
        return std::chrono::microseconds(std::clamp<std::int64_t>(mean / 4, 20, 2000));
    }

    void compute_locally() {
        int count = 0;
        for (int t = next_.fetch_add(1); t < tasks_; t = next_.fetch_add(1), ++count) {
            const auto started = std::chrono::steady_clock::now();
            task_result r = local_.run(t);
            const auto took = std::chrono::steady_clock::now() - started;
            local_us_.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(took).count(),
                                std::memory_order_relaxed);
            local_count_.fetch_add(1, std::memory_order_relaxed);
            const std::lock_guard<std::mutex> lock(mutex_);
            local_done_.push_back(std::move(r));
        }
        stats.tasks = count;
        local_finished_.store(true);
    }

    void take_local_results() {
        std::deque<task_result> done;
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            done.swap(local_done_);
        }
        for (auto& r : done) take(std::move(r));
    }

    void receive(int source, int tag) {
        auto& rank = ranks_[static_cast<std::size_t>(source)];
        int wanted = 1;
        if (tag == tag_ready) {
            world_.recv(source, tag_ready, wanted);
            rank.ready = true;
        } else {
            task_result r;
            world_.recv(source, tag_result, r);
            --rank.in_flight;
            take(std::move(r));
        }
        for (int k = 0; k < wanted; ++k) {
            int t = next_.fetch_add(1);
            if (t >= tasks_) t = -1;
            world_.send(source, tag_task, t);
            if (t >= 0) ++rank.in_flight;
        }
    }

    void take(task_result&& r) {
        if (r.failed) {
            if (!failure_) failure_ = error_info{static_cast<errc>(r.code), r.where, r.value, r.message};
            next_.store(tasks_);  // hand out nothing more
            return;
        }
        results_[static_cast<std::size_t>(r.task)] = std::move(r.result);
        if (o_.log) {
            logs_[r.task] = std::move(r.log);
            for (auto it = logs_.find(next_log_); it != logs_.end(); it = logs_.find(++next_log_)) {
                o_.log->write(it->second);
                logs_.erase(it);
            }
        }
        ++done_;
        if (o_.progress) o_.progress(done_, tasks_);
    }

    [[nodiscard]] bool finished() const {
        if (!local_finished_.load()) return false;
        for (std::size_t w = 1; w < ranks_.size(); ++w) {
            if (!ranks_[w].ready || ranks_[w].in_flight > 0) return false;
        }
        return next_.load() >= tasks_;
    }

    const boost::mpi::communicator& world_;
    const sim::run_options& o_;
    workload local_;
    int tasks_;
    std::vector<sim::replication_result> results_;
    std::vector<rank_state> ranks_;
    std::atomic<int> next_{0};
    std::atomic<bool> local_finished_{false};
    std::atomic<std::int64_t> local_us_{0};  // time spent on this rank's tasks, for nap()
    std::atomic<int> local_count_{0};
    std::mutex mutex_;
    std::deque<task_result> local_done_;
    std::map<int, std::string> logs_;
    int next_log_ = 0;
    int done_ = 0;
    std::optional<error_info> failure_;
};

job make_job(const std::vector<const sim::scenario*>& points, int replications, std::uint64_t seed,
             const sim::run_options& o, bool log_point) {
    if (o.events || o.daily_census) {
        throw error(errc::invalid_argument, "run_options", "", "an event sink and daily census are not sent over MPI");
    }
    job j;
    for (const auto* p : points) j.points.push_back(io::to_json(*p, -1));
    j.replications = replications;
    j.seed = seed;
    j.log = o.log != nullptr;
    j.log_point = log_point;
    j.log_warmup = o.log_warmup;
    j.max_waitlist = o.max_waitlist;
    j.max_patients = o.max_patients;
    return j;
}

std::vector<sim::replication_result> run_job(const boost::mpi::communicator& world, const job& j, const sim::run_options& o) {
    for (int w = 1; w < world.size(); ++w) world.send(w, tag_job, j);
    coordinator c(world, j, o);
    auto results = c.run();
    stats.peak_memory_mb = peak_memory_mb();
    return results;
}

}  // namespace

sim::simulation_result simulate(const boost::mpi::communicator& world, const sim::scenario& s, const sim::run_options& o) {
    const int reps = o.replications.value_or(s.replications);
    // The checks and errors of one process's run, before anything is sent.
    (void)sim::replication_runner(s, o, reps);
    const auto started = std::chrono::steady_clock::now();
    std::vector<sim::replication_result> runs = run_job(world, make_job({&s}, reps, o.seed.value_or(s.seed), o, false), o);
    sim::simulation_result r = sim::summarize_runs(s, std::move(runs));
    r.threads_used = world.size();
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

sim::experiment_result run_experiment(const boost::mpi::communicator& world, const sim::experiment& e,
                                      const sim::run_options& o) {
    sim::validate(e, o);
    const int reps = o.replications.value_or(e.replications);
    std::vector<const sim::scenario*> points;
    for (const auto& p : e.points) points.push_back(&p);
    const auto started = std::chrono::steady_clock::now();
    std::vector<sim::replication_result> flat = run_job(world, make_job(points, reps, o.seed.value_or(e.seed), o, true), o);
    std::vector<std::vector<sim::replication_result>> runs(e.points.size());
    for (std::size_t t = 0; t < flat.size(); ++t) runs[t / static_cast<std::size_t>(reps)].push_back(std::move(flat[t]));
    sim::experiment_result r = sim::summarize_experiment(e, std::move(runs));
    r.threads_used = world.size();
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

void release_workers(const boost::mpi::communicator& world) {
    job quit;
    quit.quit = true;
    for (int w = 1; w < world.size(); ++w) world.send(w, tag_job, quit);
}

void serve(const boost::mpi::communicator& world) {
    for (;;) {
        job j;
        receive_from_root(world, tag_job, j);
        if (j.quit) return;
        std::unique_ptr<workload> work;
        std::optional<error> setup;
        try {
            work = std::make_unique<workload>(j);
        } catch (const error& e) {
            setup = e;
        }
        stats.tasks = 0;
        world.send(0, tag_ready, prefetch);
        int pending = prefetch;
        std::deque<int> in_hand;
        // A result is sent without waiting for rank 0 to take it: a blocking send of a result
        // (packed, then its size and its bytes) returned only when rank 0's poller woke and
        // received it, about half a millisecond, a fifth of a task. The next send, a task
        // later, first makes sure this one is done; the result lives until then.
        task_result sent;
        std::optional<boost::mpi::request> sending;
        for (;;) {
            while (in_hand.empty() && pending > 0) {
                int t = -1;
                receive_from_root(world, tag_task, t);
                --pending;
                if (t >= 0) in_hand.push_back(t);
            }
            if (in_hand.empty()) break;
            const int t = in_hand.front();
            in_hand.pop_front();
            task_result r;
            if (work) {
                r = work->run(t);
            } else {
                r = {t, {}, {}, true, static_cast<int>(setup->code()), setup->where(), setup->value(), setup->message()};
            }
            if (sending) sending->wait();
            sent = std::move(r);
            sending = world.isend(0, tag_result, sent);
            ++pending;
            ++stats.tasks;
        }
        if (sending) sending->wait();
        stats.peak_memory_mb = peak_memory_mb();
    }
}

rank_stats last_stats() {
    rank_stats s = stats;
    s.peak_memory_mb = peak_memory_mb();
    return s;
}

}  // namespace iopcare::mpi
