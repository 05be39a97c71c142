// libFuzzer harness: iopcare.program/1 loading, enrolling and expanding two weeks across the
// March 2026 DST change, and writing the sessions. Any input may be rejected with an
// iopcare::error; nothing else may escape, crash, hang or trip a sanitizer. The expansion never
// holds more sessions than expected_sessions() said before it was made.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/program.hpp>
#include <iopcare/io/sessions.hpp>
#include <iopcare/schedule.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace std::chrono;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto file = iopcare::io::parse_program(text, "fuzz");
        iopcare::schedule s(file.prog, iopcare::overflow_policy::waitlist);
        for (auto& e : file.enrollments) {
            try {
                s.enroll(e);
            } catch (const iopcare::error&) {
            }
        }
        const year_month_day from = year{2026} / March / 2;
        const year_month_day to = year{2026} / March / 16;
        s.set_max_sessions(200'000);
        const auto expected = s.expected_sessions(from, to);
        const auto x = s.expand(from, to, iopcare::dst_policy::skip);
        if (x.sessions.size() + x.skipped.size() > expected) __builtin_trap();
        (void)iopcare::find_conflicts(x.sessions);
        (void)iopcare::io::sessions_to_json(s, x);
        (void)iopcare::io::sessions_to_text(s, x, from, 2);
    } catch (const iopcare::error&) {
    }
    return 0;
}
