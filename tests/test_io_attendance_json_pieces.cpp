// JSON attendance streamed on several threads (io::stream_attendance_json with a thread count):
// the records array is cut into pieces after what looks like the end of a record (a `}`, a comma
// and a `{`), which a string may also hold. Cut into pieces of 1 to 97 bytes, so that cuts fall
// everywhere, a text gives what one thread gives: the same answer, and when it is read, the same
// records in the same order, every one on the calling thread after the zone.
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "iopcare/io/attendance.hpp"
#include "io/attendance_json_pieces.hpp"

using namespace iopcare;

namespace {

const std::string head = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)";

// Records whose strings look like the ends of records, in the places a cut is looked for.
const std::vector<std::string> tricky = {
    R"({"patient": "p-1", "service": "group_therapy", "start": "2026-03-02T18:00:00", "minutes": 180, "status": "attended"})",
    R"({"patient": "a},{b", "service": "group_therapy", "start": "2026-03-03T18:00:00", "minutes": 180, "status": "absent"})",
    R"( {"status": "partial", "attended_minutes": 20, "patient": "} , {", "service": "individual_therapy", "start": "2026-03-04T18:00:00-05:00", "minutes": 50} )",
    "\n\t{\"patient\": \"}  ,  {\", \"service\": \"drug_testing\", \"start\": \"2026-03-05T17:30:00Z\", \"minutes\": 15, \"status\": \"excused\"}",
    R"({"patient": 17, "service": "group_therapy", "start": "2026-03-06T18:00:00", "minutes": 0, "status": "cancelled"})",
    R"({"patient": "]}", "service": "group_therapy", "start": "2026-03-09T18:00:00", "minutes": 180, "status": "attended"})",
};

std::string records_text(const std::vector<std::string>& records, const std::string& tail = "]}") {
    std::string text = head;
    for (std::size_t i = 0; i < records.size(); ++i) text += (i == 0 ? "" : ",") + records[i];
    return text + tail;
}

bool same(const attendance_record& a, const attendance_record& b) {
    return a.patient == b.patient && a.service == b.service && a.start == b.start && a.scheduled == b.scheduled &&
           a.status == b.status && a.attended == b.attended;
}

struct outcome {
    bool read = false;
    int zones = 0;
    bool zone_first = true;    // the zone came before every record
    bool on_caller = true;     // every record came on the calling thread
    std::vector<attendance_record> records;
};

outcome read(const std::string& text, unsigned threads, std::size_t piece_bytes, bool accept_zone = true) {
    outcome o;
    const auto caller = std::this_thread::get_id();
    const auto zone = [&](const time_zone&) {
        ++o.zones;
        return accept_zone;
    };
    const auto keep = [&](const attendance_record& r) {
        o.zone_first = o.zone_first && o.zones == 1;
        o.on_caller = o.on_caller && std::this_thread::get_id() == caller;
        o.records.push_back(r);
    };
    o.read = io::detail::stream_attendance_json_in_pieces(text, zone, keep, threads, piece_bytes);
    return o;
}

// One thread's answer, and the same on 2 and 3 threads wherever the pieces are cut.
void check_pieces_as_one_thread(const std::string& text) {
    const outcome one = read(text, 1, 1);
    for (unsigned threads : {2u, 3u}) {
        for (std::size_t piece = 1; piece <= 97; ++piece) {
            CAPTURE(threads, piece);
            const outcome o = read(text, threads, piece);
            REQUIRE(o.read == one.read);
            CHECK(o.zone_first);
            CHECK(o.on_caller);
            CHECK(o.zones <= 1);
            if (!one.read) continue;  // records handed before a failure are the caller's to drop
            REQUIRE(o.records.size() == one.records.size());
            for (std::size_t i = 0; i < o.records.size(); ++i) {
                CAPTURE(i);
                CHECK(same(o.records[i], one.records[i]));
            }
        }
    }
}

}  // namespace

TEST_CASE("JSON records cut into pieces of 1 to 97 bytes give the one-thread records", "[io][json][threads]") {
    std::vector<std::string> many;
    for (int k = 0; k < 5; ++k) many.insert(many.end(), tricky.begin(), tricky.end());
    const std::string text = records_text(many, "\n]\n}\n");
    const outcome one = read(text, 1, 1);
    REQUIRE(one.read);
    REQUIRE(one.records.size() == many.size());
    CHECK(one.records[1].patient == "a},{b");  // the strings that look like cuts are read whole
    CHECK(one.records[3].patient == "}  ,  {");
    CHECK(one.records[5].patient == "]}");
    check_pieces_as_one_thread(text);
}

TEST_CASE("JSON records in pieces: what one thread refuses is refused wherever the cuts fall",
          "[io][json][threads]") {
    std::vector<std::string> late_error = tricky;
    late_error.push_back(R"({"patient": "p-9", "service": "group_therapy", "start": "2026-03-10T18:00:00", "minutes": 180, "status": "late"})");
    late_error.insert(late_error.end(), tricky.begin(), tricky.end());
    const std::vector<std::string> texts = {
        records_text(late_error),                   // a bad status part-way
        records_text(tricky, ",]}"),                // a comma after the last record
        records_text(tricky, "]"),                  // the top level never closed
        records_text(tricky, "]}}"),                // more after it
        records_text(tricky, "], \"closures\": []}"),  // more than records: the full reader's
        records_text(tricky, "], \"enrollments\": [{\"patient\": \"p-1\"}]}"),
        head + ",{}]}",                             // a comma before the first record
        head + "[]]}",                              // an array among the records
        records_text({}, "]}"),                     // no records at all: read
        records_text({}, " \n ]}"),
        R"({"format": "iopcare.attendance/1", "records": [], "timezone": "America/New_York"})",  // zone after
    };
    for (const auto& text : texts) {
        CAPTURE(text);
        check_pieces_as_one_thread(text);
    }
    CHECK(read(records_text({}, "]}"), 2, 1).read);
    CHECK_FALSE(read(records_text(late_error), 2, 1).read);
    // A refused zone: nothing read, on any thread count.
    for (unsigned threads : {1u, 2u}) CHECK_FALSE(read(records_text(tricky), threads, 7, false).read);
}
