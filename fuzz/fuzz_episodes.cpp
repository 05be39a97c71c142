// libFuzzer harness: iopcare.episodes/1 loading, the analysis against the standard continuum
// and every report writer. Any input may be rejected with an iopcare::error; nothing else may
// escape, crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/episodes.hpp>
#include <iopcare/io/episodes.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto record = iopcare::io::parse_episodes(text, "fuzz");
        const auto report = iopcare::analyze(record);
        (void)iopcare::io::episode_report_to_json(report);
        (void)iopcare::io::episode_report_to_text(report);
        for (auto t : {iopcare::io::episode_table::levels, iopcare::io::episode_table::moves,
                       iopcare::io::episode_table::follow_up, iopcare::io::episode_table::problems}) {
            (void)iopcare::io::episode_report_to_csv(report, t);
        }
        (void)iopcare::io::to_json(record);
    } catch (const iopcare::error&) {
    }
    return 0;
}
