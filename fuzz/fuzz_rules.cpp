// libFuzzer harness: iopcare.rules/1 loading; an accepted rule set must write back to JSON that
// loads to the same set (every field). Only iopcare::error may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/rules.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rules = iopcare::io::parse_rules(text, "fuzz");
        const auto again = iopcare::io::parse_rules(iopcare::io::to_json(rules), "round-trip");
        if (!(again == rules)) __builtin_trap();
    } catch (const iopcare::error&) {
    }
    return 0;
}
