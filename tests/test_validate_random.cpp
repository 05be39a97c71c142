// Randomised checks against independent oracles: counted time equals the minutes covered by
// the attended sessions (marked on a minute grid, so overlaps count once), and every bad record
// the generator planted is rejected while every good one is kept.
#include "catch.hpp"

#include <bitset>
#include <random>
#include <string>
#include <vector>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

namespace {

constexpr int grid_days = 28;  // four weeks from Monday 2026-03-02
const local_days grid_start{2026y / March / 2d};

}  // namespace

TEST_CASE("random sessions: counted time is the covered minutes", "[validate][random]") {
    std::mt19937 gen(20260302);
    const char* services[] = {"group_therapy", "individual_therapy", "psychoeducation", "drug_testing", "yoga"};
    const bool counts[] = {true, true, true, false, false};
    for (int round = 0; round < 40; ++round) {
        std::vector<attendance_record> rs;
        std::vector<std::bitset<grid_days * 1440>> covered(3);
        std::vector<bool> has_records(3, false);
        std::uniform_int_distribution<int> minute_of_grid(0, grid_days * 1440 - 1 - 600);
        std::uniform_int_distribution<int> length(0, 300);
        std::uniform_int_distribution<int> pick(0, 4);
        std::uniform_int_distribution<int> who(0, 2);
        std::uniform_int_distribution<int> status(0, 9);
        const int n = 1 + round * 5;
        for (int i = 0; i < n; ++i) {
            const int start = minute_of_grid(gen);
            const int len = length(gen);
            const int s = pick(gen);
            const int p = who(gen);
            attendance_record r;
            r.patient = "p" + std::to_string(p);
            r.service = services[s];
            r.start = local_seconds{grid_start} + minutes{start};
            r.scheduled = minutes{len};
            int attended = len;
            const int st = status(gen);
            if (st == 0) {
                r.status = attendance_status::absent;
                attended = 0;
            } else if (st == 1) {
                r.status = attendance_status::partial;
                attended = len / 2;
                r.attended = minutes{attended};
            }
            has_records[static_cast<std::size_t>(p)] = true;
            if (counts[s])
                for (int m = start; m < start + attended; ++m) covered[static_cast<std::size_t>(p)].set(static_cast<std::size_t>(m));
            rs.push_back(r);
        }
        const auto report = validate(rs, builtin_rules("asam-iop-adult"), time_zone::utc());
        CHECK(report.rejected.empty());
        std::size_t weeks = 0;
        for (const auto& pr : report.patients) {
            const auto p = static_cast<std::size_t>(pr.patient.str()[1] - '0');
            seconds total{};
            for (const auto& w : pr.weeks) {
                total += w.counted;
                CHECK(w.counted <= hours{24 * 7});
                CHECK((w.week_start - grid_start).count() % 7 == 0);  // Monday-start weeks
            }
            INFO("round " << round << " patient " << pr.patient);
            CHECK(total == minutes{covered[p].count()});
            weeks += pr.weeks.size();
        }
        CHECK(report.weeks.total() == weeks);
        CHECK(report.records == rs.size());
        // Every patient with a record is in the report (a dropped patient would otherwise go
        // unnoticed by the loop above), and no one else is.
        std::size_t with_records = 0;
        for (std::size_t p = 0; p < 3; ++p) {
            if (!has_records[p]) continue;
            ++with_records;
            INFO("round " << round << " patient p" << p);
            CHECK(report.find("p" + std::to_string(p)) != nullptr);
        }
        CHECK(report.patients.size() == with_records);
    }
}

TEST_CASE("random bad records are all rejected and the good ones all kept", "[validate][random]") {
    std::mt19937 gen(4);
    std::uniform_int_distribution<int> kind(0, 6);
    std::uniform_int_distribution<int> day_of(0, 27);
    for (int round = 0; round < 20; ++round) {
        std::vector<attendance_record> rs;
        std::vector<bool> bad;
        for (int i = 0; i < 50; ++i) {
            attendance_record r;
            r.patient = "p" + std::to_string(i % 4);
            r.service = "group_therapy";
            r.start = local_seconds{grid_start + days{day_of(gen)}} + 9h;
            r.scheduled = 180min;
            bool is_bad = true;
            switch (kind(gen)) {
                case 0: r.service = "underwater_basket_weaving"; break;
                case 1: r.scheduled = -5min; break;
                case 2: r.scheduled = 25h; break;
                case 3:
                    r.status = attendance_status::partial;
                    r.attended = 181min;
                    break;
                case 4: r.start = local_seconds{local_days{1492y / October / 12d}}; break;
                case 5: r.start = sys_seconds{seconds{std::numeric_limits<std::int64_t>::max() / 2}}; break;
                default: is_bad = false; break;
            }
            rs.push_back(r);
            bad.push_back(is_bad);
        }
        const auto report = validate(rs, builtin_rules("h0015"), time_zone::locate("America/New_York"));
        std::vector<bool> rejected(rs.size(), false);
        for (const auto& x : report.rejected) rejected.at(x.index) = true;
        CHECK(rejected == bad);
        std::size_t good = 0;
        for (bool b : bad) good += b ? 0 : 1;
        CHECK(report.records_counted == good);
    }
}

TEST_CASE("an implausible 'through' date is a configuration error", "[validate]") {
    validate_options o;
    o.through = 9999y / December / 31d;
    try {
        (void)validate(std::vector<attendance_record>{}, builtin_rules("h0015"), time_zone::utc(), o);
        FAIL("expected invalid_argument");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_argument);
        CHECK(e.where() == "through");
        CHECK(e.value() == "9999-12-31");
    }
}
