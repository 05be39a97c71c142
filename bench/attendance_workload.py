#!/usr/bin/env python3
"""Writes the attendance of bench_validate's pattern as CSV (and optionally as
iopcare.attendance/1 JSON): 5,000 patients (P100000...) over the 52 weeks from Monday 2026-01-05
(1,065,000 records, 60 MB of CSV); group therapy Mon, Tue, Thu at 18:00 (180 min), individual
therapy Wed at 17:00 (50 min), one absence and one partial session in ten (120 minutes
of a group, 30 of an individual session: bench_validate's 120 of 50 would be rejected), and a
15-minute drug test on the Tuesdays of the first five weeks.

usage: attendance_workload.py CSV_OUT [JSON_OUT] [--patients N]"""
import datetime
import sys


def records(patients, weeks=52):
    first = datetime.date(2026, 1, 5)
    for p in range(patients):
        pid = "P%d" % (100000 + p)
        for w in range(weeks):
            monday = first + datetime.timedelta(days=7 * w)
            for d in (0, 1, 2, 3):
                day = monday + datetime.timedelta(days=d)
                individual = d == 2
                k = (p * 31 + w * 7 + d) % 10
                status = "absent" if k == 0 else "partial" if k == 1 else "attended"
                yield (pid, "individual_therapy" if individual else "group_therapy",
                       "%sT%s:00:00" % (day.isoformat(), "17" if individual else "18"),
                       50 if individual else 180, status, ("30" if individual else "120") if k == 1 else "")
            if w < 5:
                tuesday = monday + datetime.timedelta(days=1)
                yield (pid, "drug_testing", tuesday.isoformat() + "T17:30:00", 15, "attended", "")


def main(argv):
    patients = 5000
    if "--patients" in argv:
        i = argv.index("--patients")
        patients = int(argv[i + 1])
        del argv[i:i + 2]
    rows = list(records(patients))
    with open(argv[1], "w", newline="") as f:
        f.write("patient,service,start,minutes,status,attended_minutes\n")
        f.writelines("%s,%s,%s,%d,%s,%s\n" % r for r in rows)
    if len(argv) > 2:
        with open(argv[2], "w") as f:
            f.write('{"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [')
            sep = "\n"
            for pid, svc, start, minutes, status, attended in rows:
                extra = ', "attended_minutes": %s' % attended if attended else ""
                f.write('%s{"patient": "%s", "service": "%s", "start": "%s", "minutes": %d, "status": "%s"%s}'
                        % (sep, pid, svc, start, minutes, status, extra))
                sep = ",\n"
            f.write("\n]}\n")
    print(len(rows))


if __name__ == "__main__":
    main(sys.argv)
