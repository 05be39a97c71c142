// libFuzzer harness: iopcare.rules/1 loading; an accepted rule set must write back to JSON that
// loads to the same thresholds. Only iopcare::error may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/rules.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rules = iopcare::io::parse_rules(text, "fuzz");
        const auto again = iopcare::io::parse_rules(iopcare::io::to_json(rules), "round-trip");
        if (again.min_weekly != rules.min_weekly || again.max_weekly != rules.max_weekly ||
            again.min_days_per_week != rules.min_days_per_week || again.service_mix.size() != rules.service_mix.size())
            __builtin_trap();
    } catch (const iopcare::error&) {
    }
    return 0;
}
