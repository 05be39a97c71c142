// The block-at-a-time CSV attendance reader (io::read_attendance_csv): the same records and the
// same errors as reading the whole text (io::parse_attendance_csv) wherever a block ends in a
// row, and a clear error naming the line for a truncated, huge-line or binary file; validation
// on several threads and the streaming report writers, against the one-thread string forms;
// patients written as they are judged, and JSON records streamed in one pass.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <utility>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/io/validation.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/validate.hpp"

using namespace iopcare;
using namespace std::chrono;
using namespace std::chrono_literals;
using iopcare::testing::failure;
using iopcare::testing::mentions;

namespace {

const std::string header = "patient,service,start,minutes,status,attended_minutes\n";
constexpr std::size_t block = std::size_t{1} << 20;  // the reader's block

const time_zone& new_york() {
    static const time_zone z = time_zone::locate("America/New_York");
    return z;
}

std::vector<attendance_record> streamed(const std::string& text) {
    std::istringstream in(text);
    std::vector<attendance_record> out;
    const auto n = io::read_attendance_csv(in, new_york(), [&](const attendance_record& r) { out.push_back(r); }, "a.csv");
    CHECK(n == out.size());
    return out;
}

std::vector<attendance_record> whole(const std::string& text) {
    return io::parse_attendance_csv(text, new_york(), "a.csv").log.records;
}

bool same(const attendance_record& a, const attendance_record& b) {
    return a.patient == b.patient && a.service == b.service && a.start == b.start && a.scheduled == b.scheduled &&
           a.status == b.status && a.attended == b.attended;
}

// The header, then plain rows and one padded row so that `tail` starts `offset` bytes before
// the end of the reader's first block.
std::string with_tail_at(std::size_t offset, const std::string& tail) {
    const std::string row = "p-1,group_therapy,2026-03-02T18:00:00,180,attended,\n";
    std::string text = header;
    const std::size_t goal = block - offset;
    while (text.size() + 2 * row.size() < goal) text += row;
    const std::size_t pad = goal - text.size() - (row.size() - 3);  // the padded row's id length
    text += std::string(pad, 'x') + row.substr(3);
    REQUIRE(text.size() == goal);
    return text + tail;
}

}  // namespace

TEST_CASE("CSV read a block at a time gives the records of the whole text wherever a block ends",
          "[io][csv][stream]") {
    // Quoted fields with quotes, commas and a line end inside, CRLF, a lone CR and a blank line.
    const std::string tail = "\"p \"\"q\"\",\r\nx\",group_therapy,2026-03-02T18:00:00,180,partial,120\r\n"
                             "p-2,individual_therapy,2026-03-03T17:00:00Z,60,attended,\r"
                             "\n"
                             "p-3,\"drug_testing\",2026-03-04T17:00:00-05:00,15,absent,\n";
    for (std::size_t offset = 0; offset <= tail.size() + 1; ++offset) {
        CAPTURE(offset);
        const std::string text = with_tail_at(offset, tail);
        const auto a = streamed(text);
        const auto b = whole(text);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(same(a[i], b[i]));
        CHECK(a[a.size() - 3].patient == "p \"q\",\r\nx");
        CHECK(a.back().service == "drug_testing");
    }
}

TEST_CASE("CSV read a block at a time fails where the whole text fails", "[io][csv][stream]") {
    const std::string bad = "p-9,group_therapy,2026-03-02T18:00:00,1\"80,attended,\n";
    for (std::size_t offset = 0; offset <= bad.size(); offset += 7) {
        CAPTURE(offset);
        const std::string text = with_tail_at(offset, bad);
        const auto a = failure([&] { (void)streamed(text); });
        const auto b = failure([&] { (void)whole(text); });
        CHECK(a.where == b.where);
        CHECK(a.message == b.message);
        CHECK(mentions(a.message, "a quote inside an unquoted field"));
    }
}

TEST_CASE("a truncated CSV file names its last line", "[io][csv][stream][hostile]") {
    const std::string text = header + "p-1,group_therapy,2026-03-02T18:00:00,180,attended,\np-1,group_th";
    const auto e = failure([&] { (void)streamed(text); });
    CHECK(e.where == "a.csv:3:1");
    CHECK(mentions(e.message, "expected 6 fields, found 2"));
    const auto q = failure([&] { (void)streamed(header + "\"p-1,group_therapy"); });
    CHECK(q.where == "a.csv:2:1");
    CHECK(mentions(q.message, "a quoted field is not closed"));
}

TEST_CASE("a CSV row longer than a mebibyte is an error naming its line, not a growing buffer",
          "[io][csv][stream][hostile]") {
    const std::string text = header + "p-1,group_therapy,2026-03-02T18:00:00,180,attended,\n" +
                             std::string(3 * block, 'z') + "\n";
    for (const auto& f : {std::function<void()>([&] { (void)streamed(text); }),
                          std::function<void()>([&] { (void)whole(text); })}) {
        const auto e = failure(f);
        CHECK(e.where == "a.csv:3:1");
        CHECK(mentions(e.message, "longer than 1048576 bytes"));
    }
}

TEST_CASE("a binary file read as CSV attendance is an error naming the line", "[io][csv][stream][hostile]") {
    std::string bytes = header;
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
    const auto e = failure([&] { (void)streamed(bytes); });
    CHECK(e.where.starts_with("a.csv:"));
    CHECK(e.where != "a.csv:1:1");
    const auto w = failure([&] { (void)whole(bytes); });
    CHECK(e.where == w.where);
    CHECK(e.message == w.message);
}

TEST_CASE("validation split over threads gives the same report, and the streaming writers the same bytes",
          "[validate][threads][io]") {
    const auto file = io::load_attendance(std::string(IOPCARE_SOURCE_DIR) + "/tests/data/golden/varied.json");
    for (const char* id : {"asam-iop-adult", "medicare-iop"}) {
        CAPTURE(id);
        const rule_set rules = builtin_rules(id);
        validate_options one;
        const auto reference = validate(file.log, rules, file.zone, one);
        const std::string json = io::validation_to_json(reference, rules);
        for (unsigned threads : {0u, 2u, 3u, 7u, 500u}) {
            CAPTURE(threads);
            validate_options o;
            o.threads = threads;
            CHECK(io::validation_to_json(validate(file.log, rules, file.zone, o), rules) == json);
        }
        std::ostringstream streamed_json, streamed_csv, streamed_text;
        io::write_validation_json(streamed_json, reference, rules);
        io::write_validation_csv(streamed_csv, reference);
        io::write_validation_text(streamed_text, reference, rules);
        CHECK(streamed_json.str() == json);
        CHECK(streamed_csv.str() == io::validation_to_csv(reference));
        CHECK(streamed_text.str() == io::validation_to_text(reference, rules));
        std::ostringstream compact;
        io::write_validation_json(compact, reference, rules, -1);
        CHECK(compact.str() == io::validation_to_json(reference, rules, -1));
    }
}

namespace {

// Records of every kind the one-pass JSON reader takes, as iopcare.attendance/1 text.
std::string records_json(const std::string& extra_top_level) {
    std::string text = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)";
    const char* patients[] = {R"("p-1")", "17", "-3", R"("p\"q\\\u00e9\n")", R"("😀")"};
    const char* starts[] = {"2026-03-08T02:30:00", "2026-11-01T01:30:00Z", "2026-03-02T18:00:00-05:00",
                            "2026-03-02 18:00:00"};
    const char* statuses[] = {"attended", "partial", "absent", "excused", "cancelled"};
    for (int i = 0; i < 60; ++i) {
        const std::string status = statuses[i % 5];
        text += std::string(i == 0 ? "" : ",") + R"({"patient": )" + patients[i % 5] + R"(, "service": ")" +
                (i % 7 == 0 ? "" : "group_therapy") + R"(", "start": ")" + starts[i % 4] +
                R"(", "minutes": )" + std::to_string(i % 11 == 0 ? -30 : 180 - i) + R"(, "status": ")" + status +
                "\"" + (status == "partial" ? R"(, "attended_minutes": )" + std::to_string(i) : "") + "}";
    }
    return text + "]" + extra_top_level + "}";
}

}  // namespace

TEST_CASE("JSON attendance read in one pass gives the records the document tree gives", "[io][json][stream]") {
    // "closures": [] adds nothing but is outside what the one-pass reader takes: the tree reads it.
    const auto fast = io::parse_attendance_json(records_json(""), "a.json");
    const auto tree = io::parse_attendance_json(records_json(R"(, "closures": [])"), "a.json");
    REQUIRE(fast.log.records.size() == 60);
    REQUIRE(tree.log.records.size() == 60);
    CHECK(fast.zone == tree.zone);
    for (std::size_t i = 0; i < 60; ++i) {
        CAPTURE(i);
        CHECK(same(fast.log.records[i], tree.log.records[i]));
    }
    CHECK(fast.log.records[1].patient == "17");
    CHECK(fast.log.records[2].patient == "-3");
    CHECK(fast.log.records[3].patient == "p\"q\\\u00e9\n");
}

TEST_CASE("JSON attendance the one-pass reader does not take still gets the full reader's errors",
          "[io][json][stream][hostile]") {
    const std::string head = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)";
    const auto e = failure([&] {
        (void)io::parse_attendance_json(head + R"({"patient": "p", "service": "group_therapy", "start": )"
                                                R"("2026-03-02T18:00:00", "minutes": 180, "minutes": 60, "status": "attended"}]})",
                                        "a.json");
    });
    CHECK(mentions(e.message, "duplicate key"));
    const auto t = failure([&] { (void)io::parse_attendance_json(head + R"({"patient": "p"})", "a.json"); });
    CHECK(mentions(t.message, "not valid JSON"));
    CHECK(t.where.starts_with("a.json:1:"));
    const auto m = failure([&] {
        (void)io::parse_attendance_json(head + R"({"patient": "p", "service": "group_therapy", "start": )"
                                                R"("2026-03-02T18:00:00", "minutes": 180.5, "status": "attended"}]})",
                                        "a.json");
    });
    CHECK(m.where == "/records/0/minutes");
}

TEST_CASE("patients handed out as judged and written as they come give the report's bytes, on any threads",
          "[validate][threads][io][stream]") {
    const auto file = io::load_attendance(std::string(IOPCARE_SOURCE_DIR) + "/tests/data/golden/varied.json");
    using form = io::validation_writer::format;
    for (const char* id : {"asam-iop-adult", "medicare-iop"}) {
        CAPTURE(id);
        const rule_set rules = builtin_rules(id);
        const auto reference = validate(file.log, rules, file.zone);
        const std::string expected[] = {io::validation_to_text(reference, rules),
                                        io::validation_to_json(reference, rules), io::validation_to_csv(reference)};
        for (unsigned threads : {0u, 1u, 2u, 3u, 7u, 500u}) {
            CAPTURE(threads);
            validate_options o;
            o.threads = threads;
            int k = 0;
            for (const form f : {form::text, form::json, form::csv}) {
                CAPTURE(k);
                auto v = validator_for(file.log, rules, file.zone, o);
                std::ostringstream out;
                io::validation_writer w(out, f, rules);
                std::size_t n = 0;
                const auto summary = v.finish([&](patient_result&& p) {
                    CHECK(p.patient == reference.patients[n++].patient);  // in the report's order
                    w.patient(p);
                });
                w.finish(summary);
                CHECK(summary.patients.empty());
                CHECK(n == reference.patients.size());
                CHECK(out.str() == expected[k++]);
            }
        }
    }
}

TEST_CASE("patients formatted on the judging threads and written in order give the report's bytes",
          "[validate][threads][io][stream]") {
    const auto file = io::load_attendance(std::string(IOPCARE_SOURCE_DIR) + "/tests/data/golden/varied.json");
    using form = io::validation_writer::format;
    for (const char* id : {"asam-iop-adult", "medicare-iop"}) {  // medicare-iop: day tiers, CSV tier columns
        CAPTURE(id);
        const rule_set rules = builtin_rules(id);
        const auto reference = validate(file.log, rules, file.zone);
        REQUIRE(reference.patients.size() > 3);
        const std::pair<form, std::string> cases[] = {
            {form::text, io::validation_to_text(reference, rules)},
            {form::json, io::validation_to_json(reference, rules)},
            {form::csv, io::validation_to_csv(reference)},
        };
        for (unsigned threads : {1u, 2u, 3u, 7u}) {
            CAPTURE(threads);
            validate_options o;
            o.threads = threads;
            for (const auto& [f, expected] : cases) {
                auto v = validator_for(file.log, rules, file.zone, o);
                std::ostringstream out;
                io::validation_writer w(out, f, rules);
                std::atomic<std::size_t> rendered{0};
                std::size_t n = 0;
                const auto summary = v.finish(
                    [&](const patient_result& p) {
                        ++rendered;
                        return w.render(p);
                    },
                    [&](patient_result&& p, std::string&& text) {
                        CHECK(p.patient == reference.patients[n++].patient);  // in the report's order
                        CHECK(!text.empty());
                        w.patient(text);
                    });
                w.finish(summary);
                CHECK(rendered == reference.patients.size());
                CHECK(n == reference.patients.size());
                CHECK(out.str() == expected);
            }
        }
        // Other indentations: compact, and four spaces a level.
        for (int indent : {-1, 4}) {
            CAPTURE(indent);
            auto v = validator_for(file.log, rules, file.zone);
            std::ostringstream out;
            io::validation_writer w(out, form::json, rules, indent);
            w.finish(v.finish([&](const patient_result& p) { return w.render(p); },
                              [&](patient_result&&, std::string&& text) { w.patient(text); }));
            CHECK(out.str() == io::validation_to_json(reference, rules, indent));
        }
    }
}

TEST_CASE("a render that throws stops the judging and its error reaches the caller", "[validate][threads][stream]") {
    // 300 patients of 100 weekly sessions: 30,000 records, so several chunks of judging (a
    // chunk is about 8,192 records) and patient 250 in the last of them.
    attendance_log log;
    for (int p = 0; p < 300; ++p) {
        for (int w = 0; w < 100; ++w) {
            attendance_record r;
            r.patient = "p-" + std::to_string(1000 + p);
            r.service = "group_therapy";
            r.start = local_days{2026y / January / 5d} + days{7 * w} + 18h;
            r.scheduled = 180min;
            log.records.push_back(r);
        }
    }
    const rule_set rules = builtin_rules("asam-iop-adult");
    const auto reference = validate(log, rules, new_york());
    REQUIRE(reference.patients.size() == 300);
    const patient_id bad = reference.patients[250].patient;
    for (unsigned threads : {1u, 3u}) {
        CAPTURE(threads);
        validate_options o;
        o.threads = threads;
        auto v = validator_for(log, rules, new_york(), o);
        std::vector<std::string> written;
        const auto render = [&](const patient_result& p) -> std::string {
            if (p.patient == bad) throw std::runtime_error("cannot render patient 250");
            return p.patient.str();
        };
        CHECK_THROWS_WITH(v.finish(render, [&](patient_result&&, std::string&& text) { written.push_back(text); }),
                          "cannot render patient 250");
        // What was written is the start of the report, in order, and stops before patient 250.
        CHECK(written.size() < 250);
        for (std::size_t i = 0; i < written.size(); ++i) CHECK(written[i] == reference.patients[i].patient.str());
        // On one thread the chunks go in turn: the ones before patient 250's were written whole.
        if (threads == 1) CHECK(written.size() >= 150);
    }
}

TEST_CASE("JSON attendance streamed in one pass hands over the records the full reader reads",
          "[io][json][stream]") {
    // Plain records only (records_json has escapes, which the one-pass reader leaves to the tree).
    const std::string plain =
        R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)"
        R"({"patient": "p-1", "service": "group_therapy", "start": "2026-03-08T02:30:00", "minutes": 180, "status": "attended"},)"
        R"({"patient": 17, "service": "", "start": "2026-11-01T01:30:00Z", "minutes": -30, "status": "absent"},)"
        R"({"status": "partial", "attended_minutes": 20, "patient": "p-1", "service": "individual_therapy", "start": "2026-03-02T18:00:00-05:00", "minutes": 50},)"
        R"({"patient": "😀", "service": "group_therapy", "start": "2026-03-02 18:00:00", "minutes": 180, "status": "excused"}]})";
    const std::string plain_and_closures = plain.substr(0, plain.size() - 1) + R"(, "closures": []})";
    const auto tree = io::parse_attendance_json(plain_and_closures, "a.json");
    REQUIRE(tree.log.records.size() == 4);
    std::vector<attendance_record> got;
    std::optional<time_zone> zone;
    const auto take_zone = [&](const time_zone& z) {
        zone = z;
        return true;
    };
    const auto keep = [&](const attendance_record& r) { got.push_back(r); };
    REQUIRE(io::stream_attendance_json(plain, take_zone, keep));
    REQUIRE(zone);
    CHECK(*zone == tree.zone);
    REQUIRE(got.size() == tree.log.records.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CAPTURE(i);
        CHECK(same(got[i], tree.log.records[i]));
    }
    // What it does not take: more than records, a refused zone, a zone after the records.
    CHECK_FALSE(io::stream_attendance_json(plain_and_closures, take_zone, keep));
    CHECK_FALSE(io::stream_attendance_json(plain, [](const time_zone&) { return false; }, keep));
    CHECK_FALSE(io::stream_attendance_json(records_json(""), take_zone, keep));  // escapes
    const std::string late_zone =
        R"({"format": "iopcare.attendance/1", "records": [], "timezone": "America/New_York"})";
    CHECK_FALSE(io::stream_attendance_json(late_zone, take_zone, keep));
    CHECK(io::parse_attendance_json(late_zone, "a.json").log.records.empty());
}

TEST_CASE("JSON attendance streamed on several threads hands over the same records in order",
          "[io][json][stream][threads]") {
    // Many batches' worth (a batch is 4,096 records), with patients and lengths that vary.
    std::string text = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)";
    constexpr int n = 20000;
    for (int i = 0; i < n; ++i) {
        text += std::string(i == 0 ? "" : ",") + R"({"patient": "p-)" + std::to_string(i / 7) +
                R"(", "service": "group_therapy", "start": "2026-03-02T18:00:00", "minutes": )" +
                std::to_string(1 + i % 300) + R"(, "status": "attended"})";
    }
    text += "]}";
    const auto tree = io::parse_attendance_json(text, "a.json");
    REQUIRE(tree.log.records.size() == static_cast<std::size_t>(n));
    for (unsigned threads : {0u, 1u, 2u, 3u}) {
        CAPTURE(threads);
        std::vector<attendance_record> got;
        int zones = 0;
        bool zone_first = true;  // the zone came before every record
        const auto take_zone = [&](const time_zone&) {
            ++zones;
            return true;
        };
        const auto caller = std::this_thread::get_id();
        bool on_caller = true;
        REQUIRE(io::stream_attendance_json(
            text, take_zone,
            [&](const attendance_record& r) {
                on_caller = on_caller && std::this_thread::get_id() == caller;
                zone_first = zone_first && zones == 1;
                got.push_back(r);
            },
            threads));
        CHECK(on_caller);  // the sink is called on the calling thread only
        CHECK(zone_first);
        REQUIRE(got.size() == tree.log.records.size());
        std::size_t i = 0;
        while (i < got.size() && same(got[i], tree.log.records[i])) ++i;
        CHECK(i == got.size());
        // A refused zone, and a sink that throws part-way: the reading stops either way.
        CHECK_FALSE(io::stream_attendance_json(text, [](const time_zone&) { return false; }, [](const auto&) {}, threads));
        std::size_t taken = 0;
        CHECK_THROWS_WITH(io::stream_attendance_json(
                              text, take_zone,
                              [&](const attendance_record&) {
                                  if (++taken == 5000) throw std::runtime_error("enough");
                              },
                              threads),
                          "enough");
        CHECK(taken == 5000);
    }
}
