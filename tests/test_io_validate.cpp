// Loaders of iopcare.attendance/1 (JSON and CSV) and iopcare.rules/1, and the JSON report's numbers.
#include "catch.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "iopcare/io/attendance.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/rules.hpp"
#include "iopcare/io/validation.hpp"

#include <nlohmann/json.hpp>

using namespace std::chrono;
using namespace iopcare;

namespace {
const std::string dir = std::string(IOPCARE_SOURCE_DIR) + "/examples/formats/";

std::string where_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const error& e) {
        return e.where() + " | " + e.value();
    }
    return "accepted";
}
}  // namespace

TEST_CASE("the sample attendance loads the same from JSON and from CSV", "[io][attendance]") {
    const auto json = io::load_attendance(dir + "attendance.json");
    CHECK(json.zone.name() == "America/New_York");
    REQUIRE(json.log.records.size() == 25);
    REQUIRE(json.log.enrollments.size() == 3);
    CHECK(json.log.enrollments[1].patient == "p-002");
    CHECK(json.log.enrollments[1].admitted == year{2026} / March / 2);
    CHECK(json.log.enrollments[1].discharged == year{2026} / March / 15);

    const auto& first = json.log.records[0];
    CHECK(first.patient == "p-001");
    CHECK(first.service == "group_therapy");
    CHECK(std::get<local_seconds>(first.start) == local_days{year{2026} / March / 2} + hours{18});
    CHECK(first.scheduled == minutes{180});
    CHECK(first.status == attendance_status::attended);

    const auto csv = io::load_attendance(dir + "attendance.csv", time_zone::locate("America/New_York"));
    REQUIRE(csv.log.records.size() == json.log.records.size());
    for (std::size_t i = 0; i < csv.log.records.size(); ++i) {
        const auto& a = json.log.records[i];
        const auto& b = csv.log.records[i];
        CAPTURE(i);
        CHECK(a.patient == b.patient);
        CHECK(a.service == b.service);
        CHECK(a.start == b.start);
        CHECK(a.scheduled == b.scheduled);
        CHECK(a.status == b.status);
        CHECK(a.attended == b.attended);
    }
    // Record 14 is p-002's partial session: 120 of 180 minutes.
    CHECK(csv.log.records[14].status == attendance_status::partial);
    CHECK(csv.log.records[14].attended == minutes{120});
    // CSV without a zone is an error; a JSON file whose zone differs from the given one too.
    CHECK(where_of([] { (void)io::load_attendance(dir + "attendance.csv"); }) == "timezone | " + dir + "attendance.csv");
    CHECK(where_of([] { (void)io::load_attendance(dir + "attendance.json", time_zone::utc()); }) ==
          dir + "attendance.json /timezone | America/New_York");
}

TEST_CASE("attendance starts with an offset or Z are instants", "[io][attendance]") {
    const auto f = io::parse_attendance_json(R"({"format": "iopcare.attendance/1", "timezone": "UTC", "records": [
        {"patient": 12, "service": "group_therapy", "start": "2026-03-09T18:00:00-04:00", "minutes": 60, "status": "attended"},
        {"patient": "b", "service": "group_therapy", "start": "2026-03-09T22:00:00Z", "minutes": 60, "status": "absent"}]})");
    REQUIRE(f.log.records.size() == 2);
    CHECK(f.log.records[0].patient == "12");
    CHECK(std::get<sys_seconds>(f.log.records[0].start) == sys_days{year{2026} / March / 9} + hours{22});
    CHECK(std::get<sys_seconds>(f.log.records[1].start) == sys_days{year{2026} / March / 9} + hours{22});
}

TEST_CASE("CSV quirks: quotes, CRLF, a byte-order mark, columns in any order", "[io][attendance]") {
    const std::string text =
        "\xEF\xBB\xBFstatus,minutes,start,service,patient\r\n"
        "attended,90,2026-03-02T09:00:00,group_therapy,\"Doe, Jane\"\r\n"
        "\r\n"
        "absent,60,2026-03-03T09:00:00,individual_therapy,\"say \"\"hi\"\"\"\r\n";
    const auto f = io::parse_attendance_csv(text, time_zone::utc(), "q.csv");
    REQUIRE(f.log.records.size() == 2);
    CHECK(f.log.records[0].patient == "Doe, Jane");
    CHECK(f.log.records[0].scheduled == minutes{90});
    CHECK(f.log.records[1].patient == "say \"hi\"");
    CHECK(f.log.records[1].status == attendance_status::absent);

    // Every field of a row quoted, short enough to live inside its string: each keeps its own
    // text while the later ones are read (a row's quoted fields once shared storage that moved).
    const auto all = io::parse_attendance_csv(
        "patient,service,start,minutes,status\n\"p1\",\"group_therapy\",\"2026-03-02T09:00:00\",\"45\",\"absent\"\n",
        time_zone::utc(), "all.csv");
    REQUIRE(all.log.records.size() == 1);
    CHECK(all.log.records[0].patient == "p1");
    CHECK(all.log.records[0].service == "group_therapy");
    CHECK(all.log.records[0].scheduled == minutes{45});
    CHECK(all.log.records[0].status == attendance_status::absent);
    CHECK(where_of([] { (void)io::parse_attendance_csv("", time_zone::utc(), "e.csv"); }) == "e.csv:1:1 | ");
    CHECK(where_of([] {
              (void)io::parse_attendance_csv("patient,service,start,minutes,status\np,group_therapy,2026-03-02T09:00:00,60,partial\n",
                                             time_zone::utc(), "p.csv");
          }) == "p.csv:2:1 | ");
}

TEST_CASE("rule files extend a built-in set and write back", "[io][rules]") {
    const rule_set r = io::load_rules(dir + "rules.json");
    CHECK(r.id == "clinic-iop");
    CHECK(r.weekly.minimum == hours{9});    // from asam-iop-adult
    CHECK(r.weekly.maximum == hours{20});
    CHECK_FALSE(r.weekly.maximum_inclusive);
    CHECK(r.min_days_per_week == 3);
    CHECK(r.min_daily == hours{3});
    CHECK(r.step_down_allowance == 2);
    REQUIRE(r.service_mix.size() == 1);
    CHECK(r.service_mix[0].service == "individual_therapy");

    const rule_set again = io::parse_rules(io::to_json(r));
    CHECK(again == r);
    CHECK(again.id == r.id);
    CHECK(again.weekly == r.weekly);
    CHECK(again.min_daily == r.min_daily);
    CHECK(again.week_start == r.week_start);
    CHECK(again.edge_weeks == r.edge_weeks);
    CHECK(again.service_mix.size() == 1);

    // A built-in set written out and read back is the same set.
    for (auto id : builtin_rule_ids()) {
        CAPTURE(id);
        const auto b = builtin_rules(id);
        const auto c = io::parse_rules(io::to_json(b));
        CHECK(c.weekly == b.weekly);
        CHECK(c.min_days_per_week == b.min_days_per_week);
        // ... and every other field: the whole set compares equal.
        CHECK(c == b);
    }

    // "max_weekly_hours": null removes the inherited maximum; 19.5 h is 1170 minutes.
    const auto open = io::parse_rules(R"({"format": "iopcare.rules/1", "extends": "asam-iop-adult", "max_weekly_hours": null,
        "min_weekly_hours": 19.5})");
    CHECK_FALSE(open.weekly.maximum.has_value());
    CHECK(open.weekly.minimum == minutes{1170});
    CHECK(where_of([] { (void)io::parse_rules(R"({"format": "iopcare.rules/1", "id": "x", "min_weekly_hours": -1})"); }) ==
          "/min_weekly_hours | -1");
    CHECK(where_of([] { (void)io::parse_rules(R"({"format": "iopcare.rules/1", "id": "x", "weeks": "fortnightly"})"); }) ==
          "/weeks | fortnightly");
}

TEST_CASE("rule files: day tiers, certification, recertification by days, closures", "[io][rules]") {
    const auto r = io::parse_rules(R"({"format": "iopcare.rules/1", "extends": "medicare-php", "id": "php-service-days",
        "first_recertification_basis": "service_day", "recertification_interval_days": 28, "closures": "prorate",
        "day_tiers": [{"min_services": 2, "label": "two"}, {"min_services": 5, "label": "five_plus"}]})");
    CHECK(r.id == "php-service-days");
    CHECK(r.certification_required);  // from medicare-php
    CHECK(r.first_recertification_day == 18u);
    CHECK(r.first_recertification_basis == stay_day_basis::service_day);
    CHECK(r.recertification_interval_days == std::chrono::days{28});
    CHECK(r.closures == closure_policy::prorate);
    REQUIRE(r.day_tiers.size() == 2);
    CHECK(r.day_tiers[1].min_services == 5);
    CHECK(r.day_tiers[1].label == "five_plus");
    CHECK(io::parse_rules(io::to_json(r)) == r);

    // Switching Medicare IOP to days: null removes the inherited months.
    const auto days_only = io::parse_rules(R"({"format": "iopcare.rules/1", "extends": "medicare-iop",
        "recertification_interval_months": null, "recertification_interval_days": 60, "certification_required": false})");
    CHECK_FALSE(days_only.recertification_interval.has_value());
    CHECK(days_only.recertification_interval_days == std::chrono::days{60});
    CHECK_FALSE(days_only.certification_required);

    const auto bad = [](const char* body) {
        return where_of([&] { (void)io::parse_rules(std::string(R"({"format": "iopcare.rules/1", "id": "x", )") + body + "}"); });
    };
    CHECK(bad(R"("day_tiers": [{"min_services": 4, "label": "a"}, {"min_services": 3, "label": "b"}])") ==
          "/day_tiers/1/min_services | 3");
    CHECK(bad(R"("day_tiers": [{"min_services": 3, "label": "below_tier"}])") == "/day_tiers/0/label | below_tier");
    CHECK(bad(R"("day_tiers": [{"min_services": 3, "label": "a"}, {"min_services": 4, "label": "a"}])") ==
          "/day_tiers/1/label | a");
    CHECK(bad(R"("day_tiers": [{"min_services": 3}])") == "/day_tiers/0/label | ");
    CHECK(bad(R"("recertification_interval_months": 2, "recertification_interval_days": 30)") ==
          "/recertification_interval_days | 30");
    CHECK(bad(R"("first_recertification_day": 0)") == "/first_recertification_day | 0");
    CHECK(bad(R"("first_recertification_basis": "service")") == "/first_recertification_basis | service");
    CHECK(bad(R"("closures": "skip")") == "/closures | skip");
    CHECK(bad(R"("certification_required": "yes")") == "/certification_required | yes");
}

TEST_CASE("attendance files: closures and a step-down date", "[io][attendance]") {
    const auto f = io::parse_attendance_json(R"({"format": "iopcare.attendance/1", "timezone": "UTC", "records": [],
        "enrollments": [{"patient": "a", "admitted": "2026-03-02", "discharged": "2026-03-29", "step_down": "2026-03-16"}],
        "closures": ["2026-03-10", "2026-03-03"]})");
    REQUIRE(f.log.enrollments.size() == 1);
    CHECK(f.log.enrollments[0].step_down == year{2026} / March / 16);
    CHECK(f.log.closures == std::vector<year_month_day>{year{2026} / March / 10, year{2026} / March / 3});
    CHECK(where_of([] {
              (void)io::parse_attendance_json(R"({"format": "iopcare.attendance/1", "timezone": "UTC", "records": [],
        "enrollments": [{"patient": "a", "admitted": "2026-03-02", "discharged": "2026-03-29", "step_down": "2026-04-01"}]})");
          }) == "/enrollments/0/step_down | 2026-04-01");
    CHECK(where_of([] {
              (void)io::parse_attendance_json(
                  R"({"format": "iopcare.attendance/1", "timezone": "UTC", "records": [], "closures": ["2026-02-30"]})");
          }) == "/closures/0 | 2026-02-30");
}

TEST_CASE("JSON hours: every count of seconds is written as nlohmann writes its rounded value", "[io][validate]") {
    // The writer puts hours rounded to four decimals without the general shortest-digits
    // search; nlohmann's dump of the same double is the reference. Every second up to 12 h, then
    // every 7 s up to a week's 168 h, then past the fast path's 10,000 h.
    std::vector<std::int64_t> secs;
    for (std::int64_t s = 0; s <= 12 * 3600; ++s) secs.push_back(s);
    for (std::int64_t s = 12 * 3600; s <= 168 * 3600; s += 7) secs.push_back(s);
    for (std::int64_t s : {std::int64_t{9999} * 3600 + 3599, std::int64_t{10000} * 3600, std::int64_t{123456789} * 3600 + 17})
        secs.push_back(s);
    const rule_set rules = builtin_rules("asam-iop-adult");
    std::ostringstream sink;
    io::validation_writer writer(sink, io::validation_writer::format::json, rules, -1);
    std::size_t wrong = 0;
    for (std::size_t from = 0; from < secs.size(); from += 5000) {
        patient_result p;
        p.patient = "p";
        for (std::size_t i = from; i < std::min(secs.size(), from + 5000); ++i) {
            week_result w;
            w.counted = std::chrono::seconds{secs[i]};
            p.weeks.push_back(w);
        }
        const std::string text = writer.render(p);
        std::size_t at = 0;
        for (const auto& w : p.weeks) {
            at = text.find("\"hours\":", at);
            REQUIRE(at != std::string::npos);
            at += 8;
            const std::string shown = text.substr(at, text.find(',', at) - at);
            const std::string expected = nlohmann::json(std::round(w.hours() * 10000.0) / 10000.0).dump();
            if (shown != expected && ++wrong <= 5) FAIL_CHECK(w.counted.count() << " s: " << shown << " vs " << expected);
        }
    }
    CHECK(wrong == 0);
}
