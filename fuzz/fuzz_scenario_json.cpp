// libFuzzer harness: iopcare.scenario/1 loading, validation, the traffic equations and writing
// the scenario back. (Running the simulation itself is left to the tests: a fuzzed scenario may
// legitimately ask for years of events.) Only iopcare::error may escape the library.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/scenario.hpp>
#include <iopcare/sim/scenario.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto s = iopcare::io::parse_scenario(text, "fuzz");
        (void)iopcare::sim::offered_rates_per_day(s);
        const auto again = iopcare::io::parse_scenario(iopcare::io::to_json(s), "round-trip");
        if (again.levels.size() != s.levels.size()) __builtin_trap();  // the writer must round-trip
    } catch (const iopcare::error&) {
    }
    return 0;
}
