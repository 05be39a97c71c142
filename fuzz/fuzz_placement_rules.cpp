// libFuzzer harness: iopcare.placement-rules/1 loading, then placing a fixed assessment under
// the loaded rules. Any input may be rejected with an iopcare::error; nothing else may escape,
// crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/placement.hpp>
#include <iopcare/placement.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rules = iopcare::io::parse_placement_rules(text, "fuzz");
        iopcare::assessment a;
        a.assessed_edition = rules.rules_edition;
        a.patient = "fuzz";
        a.date = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{2}};
        for (int rating = 0; rating <= iopcare::max_rating; ++rating) {
            a.ratings.fill(rating);
            (void)iopcare::place(a, rules);
            (void)iopcare::assess_candidacy(a, rules, iopcare::catalog::of(rules.rules_edition));
        }
        (void)iopcare::io::to_json(rules);
    } catch (const iopcare::error&) {
    }
    return 0;
}
