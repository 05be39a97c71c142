// libFuzzer harness: iopcare.scenario/1 loading, validation, the traffic equations, writing the
// scenario back, and one replication under tight work bounds: whatever the scenario asks for,
// the run is refused up front or stopped by its guards within about a million events, so a
// fuzzed scenario can never run for years. Only iopcare::error may escape the library.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/scenario.hpp>
#include <iopcare/sim/scenario.hpp>
#include <iopcare/sim/simulation.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto s = iopcare::io::parse_scenario(text, "fuzz");
        (void)iopcare::sim::offered_rates_per_day(s);
        const auto again = iopcare::io::parse_scenario(iopcare::io::to_json(s), "round-trip");
        if (again.levels.size() != s.levels.size()) __builtin_trap();  // the writer must round-trip
        iopcare::sim::run_options o;
        o.threads = 1;
        o.replications = 1;
        o.max_events = 200'000;
        o.max_patients = 10'000;
        o.max_waitlist = 1'000;
        const auto r = iopcare::sim::simulate(s, o);
        if (r.events > 10'000'000) __builtin_trap();  // past every guard
    } catch (const iopcare::error&) {
    }
    return 0;
}
