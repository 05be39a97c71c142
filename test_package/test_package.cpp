// A host application's first use of iopcare, built against an installed or in-tree iopcare:
// the core library, and with IOPCARE_CONSUMER_WITH_IO the io layer too.
#include <cstdio>

#include <iopcare/iopcare.hpp>
#ifdef IOPCARE_CONSUMER_WITH_IO
#include <iopcare/io/attendance.hpp>
#include <iopcare/io/continuum_json.hpp>
#endif

int main() {
    const auto& iop = iopcare::catalog::asam3().at("II.1");
    const auto jump = iopcare::continuum::standard().assess("3.5", "1");
    std::printf("iopcare %s: %s %s; 3.5 -> 1 skips %s\n", iopcare::library_version_string(), iop.code.str().c_str(),
                iop.hours_for(iopcare::population::adult)->describe().c_str(),
                jump.skipped.empty() ? "nothing" : jump.skipped.front().str().c_str());
    bool ok = jump.skipped.size() == 1;
#ifdef IOPCARE_CONSUMER_WITH_IO
    const auto doc = iopcare::io::parse_continuum(
        R"({"format": "iopcare.continuum/1", "transitions": [{"from": "community", "to": "2.1"}, {"from": "2.1", "to": "discharge"}]})");
    // A kept contract: a host reads attendance JSON with parse_attendance_json(text, source)
    // and finds the records in the result's log.records.
    const auto attendance = iopcare::io::parse_attendance_json(
        R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [
              {"patient": "p-1", "service": "group_therapy", "start": "2026-03-02T18:00:00", "minutes": 180, "status": "attended"},
              {"patient": "p-1", "service": "group_therapy", "start": "2026-03-04T18:00:00", "minutes": 180, "status": "absent"}]})",
        "host.json");
    std::printf("io: %zu transitions, %zu attendance records\n", doc.spec.transitions.size(),
                attendance.log.records.size());
    ok = ok && doc.spec.transitions.size() == 2 && attendance.log.records.size() == 2;
#endif
    return ok ? 0 : 1;
}
