// libFuzzer harness: FHIR import (a Bundle or NDJSON of Encounters and EpisodeOfCares), the
// validation of what it reads, and the export of that attendance again. Any input may be
// rejected with an iopcare::error; nothing else may escape, crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/io/fhir.hpp>
#include <iopcare/validate.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const iopcare::time_zone zone = iopcare::time_zone::locate("America/New_York");
    static const iopcare::rule_set rules = iopcare::builtin_rules("asam-iop-adult");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)iopcare::io::looks_like_fhir(text);
    try {
        const auto in = iopcare::io::parse_fhir_attendance(text, zone, "fuzz");
        (void)iopcare::validate(in.file.log, rules, in.file.zone);
        iopcare::io::fhir_export out;
        out.attendance = &in.file.log;
        out.zone = &in.file.zone;
        if (!in.file.log.records.empty() || !in.file.log.enrollments.empty()) (void)iopcare::io::to_fhir_bundle(out);
    } catch (const iopcare::error&) {
    }
    return 0;
}
