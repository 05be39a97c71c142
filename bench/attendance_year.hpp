// A year of attendance for 5,000 patients (about 1,050,000 records), the workload of
// bench_validate and bench_report: each patient attends group therapy on Mon, Tue and Thu
// (180 min, one absence and one partial session in ten), individual therapy on Wednesday
// (50 min, the same) and, in the first five weeks, a drug test.
#pragma once

#include <string>

#include "iopcare/attendance.hpp"

namespace iopcare::bench {

using namespace std::chrono;
using namespace std::chrono_literals;

constexpr unsigned n_patients = 5000;
constexpr unsigned n_weeks = 52;

inline attendance_log make_log() {
    attendance_log log;
    log.records.reserve(std::size_t{n_patients} * n_weeks * 4 + n_patients * 5);
    const local_days first{2026y / January / 5d};  // a Monday
    for (unsigned p = 0; p < n_patients; ++p) {
        const std::string id = "P" + std::to_string(100000 + p);
        const auto admit = first + days{p % 7};
        log.enrollments.push_back(enrollment_period{id, "2.1", year_month_day{admit},
                                                    year_month_day{admit + days{n_weeks * 7 - 1}}});
        for (unsigned w = 0; w < n_weeks; ++w) {
            const auto monday = first + days{7 * w};
            for (unsigned d : {0u, 1u, 2u, 3u}) {  // Mon, Tue, Thu group; Wed individual
                const auto day = monday + days{d};
                if (day < admit || day > admit + days{n_weeks * 7 - 1}) continue;
                const bool individual = d == 2;
                attendance_record r;
                r.patient = id;
                r.service = individual ? "individual_therapy" : "group_therapy";
                r.start = local_seconds{day} + (individual ? 17h : 18h);
                r.scheduled = individual ? 50min : 180min;
                const unsigned k = (p * 31 + w * 7 + d) % 10;
                if (k == 0) r.status = attendance_status::absent;
                if (k == 1) {  // 120 of 180 min, 30 of 50 (a version before this one had 120 of
                               // 50 too, which the validator rejected: 25,715 records of the year)
                    r.status = attendance_status::partial;
                    r.attended = individual ? 30min : 120min;
                }
                log.records.push_back(std::move(r));
            }
            if (w < 5) {
                attendance_record t;
                t.patient = id;
                t.service = "drug_testing";
                t.start = local_seconds{monday + days{1}} + 17h + 30min;
                t.scheduled = 15min;
                log.records.push_back(std::move(t));
            }
        }
    }
    return log;
}

inline const attendance_log& the_log() {
    static const attendance_log log = make_log();
    return log;
}

}  // namespace iopcare::bench
