// libFuzzer harness: iopcare.experiment/1 loading (the grid built by JSON pointers into the
// scenario, every point validated), the writers, and the experiment run under tight work
// bounds: one replication a point, refused up front past 200,000 events in all. A scenario
// file the input names is looked for in a folder that does not exist (an absolute path is
// read only when it is a regular file). Only iopcare::error may escape the library.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/experiment.hpp>
#include <iopcare/sim/experiment.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto e = iopcare::io::parse_experiment(text, "/nonexistent-iopcare-fuzz/experiment.json");
        if (e.points.size() != iopcare::sim::grid_size(e.factors)) __builtin_trap();  // the full grid
        iopcare::sim::run_options o;
        o.threads = 1;
        o.replications = 1;
        o.max_events = 200'000;
        o.max_patients = 10'000;
        o.max_waitlist = 1'000;
        const auto r = iopcare::sim::run_experiment(e, o);
        if (r.points.size() != e.points.size()) __builtin_trap();
        (void)iopcare::io::experiment_to_json(e, r);
        (void)iopcare::io::experiment_to_csv(e, r);
        (void)iopcare::io::experiment_to_text(e, r);
    } catch (const iopcare::error&) {
    }
    return 0;
}
