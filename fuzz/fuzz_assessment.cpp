// libFuzzer harness: iopcare.assessment/1 loading, then placement under the illustrative rules
// of its edition and both report writers. Any input may be rejected with an iopcare::error;
// nothing else may escape, crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/placement.hpp>
#include <iopcare/placement.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto a = iopcare::io::parse_assessment(text, "fuzz");
        const auto& rules = iopcare::placement_rules::illustrative(a.assessed_edition);
        const auto& levels = iopcare::catalog::of(a.assessed_edition);
        const auto p = iopcare::place(a, rules, levels);
        const auto c = iopcare::assess_candidacy(a, rules, levels);
        (void)iopcare::io::placement_to_json(a, rules, p, c);
        (void)iopcare::io::placement_to_text(a, rules, p, c, levels);
        (void)iopcare::io::to_json(a);
    } catch (const iopcare::error&) {
    }
    return 0;
}
