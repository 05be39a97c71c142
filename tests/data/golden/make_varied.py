#!/usr/bin/env python3
"""Writes varied.csv and varied.json: the same 2,400 or so attendance records in both forms,
for the byte-for-byte report tests. Made to reach the corners a faster reader or a split over
threads could get wrong: patients interleaved and out of order, ids that need quoting or are
not ASCII, every status, partial sessions, overlaps, records on and around the daylight-saving
changes of 2026 in America/New_York (a skipped and a repeated hour), UTC and offset starts,
unknown services, negative and too long sessions, blank lines and CRLF line ends.
Deterministic: the same files on every run."""
import json
import random

rng = random.Random(17)
services = ["group_therapy", "individual_therapy", "family_therapy", "drug_testing",
            "psychoeducation", "medication_management", "yoga_class"]
statuses = ["attended"] * 6 + ["partial", "absent", "excused", "cancelled"]
patients = ["p-%03d" % i for i in range(70)] + ["p,comma", 'p"quote', "pé-ü", "p 9"]
rows = []
for n in range(2400):
    p = rng.choice(patients)
    svc = rng.choice(services) if rng.random() < 0.3 else "group_therapy"
    day = 1 + rng.randrange(0, 300)
    month, dom = 1, day
    lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    while dom > lengths[month - 1]:
        dom -= lengths[month - 1]
        month += 1
    hour = rng.choice([9, 13, 17, 18, 18, 18])
    minute = rng.choice([0, 0, 0, 30])
    suffix = rng.choice([""] * 8 + ["Z", "-05:00"])
    if rng.random() < 0.03:  # the skipped hour and the repeated one
        month, dom, hour, suffix = rng.choice([(3, 8, 2, ""), (11, 1, 1, ""), (3, 8, 1, ""), (11, 1, 0, "")])
    start = "2026-%02d-%02dT%02d:%02d:00%s" % (month, dom, hour, minute, suffix)
    minutes = rng.choice([180, 180, 120, 60, 50, 15, 90])
    if rng.random() < 0.01:
        minutes = rng.choice([-30, 1500, 0])
    status = rng.choice(statuses)
    attended = ""
    if status == "partial":
        attended = str(rng.choice([30, 60, 120, 200]))
    rows.append((p, svc, start, minutes, status, attended))


def csv_field(text):
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


with open("varied.csv", "w", newline="", encoding="utf-8") as f:
    f.write("patient,service,start,minutes,status,attended_minutes\r\n")
    for i, r in enumerate(rows):
        end = "\r\n" if i % 3 == 0 else "\n"
        f.write(",".join([csv_field(r[0]), r[1], r[2], str(r[3]), r[4], r[5]]) + end)
        if i % 500 == 7:
            f.write("\n")

records = []
for p, svc, start, minutes, status, attended in rows:
    rec = {"patient": p, "service": svc, "start": start, "minutes": minutes, "status": status}
    if attended:
        rec["attended_minutes"] = int(attended)
    records.append(rec)
doc = {"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": records,
       "enrollments": [{"patient": "p-001", "level": "2.1", "admitted": "2026-02-02", "discharged": "2026-08-30",
                        "step_down": "2026-07-01"},
                       {"patient": "p-002", "level": "2.1", "admitted": "2026-01-07"}],
       "certifications": [{"patient": "p-001", "date": "2026-02-02"}, {"patient": "p-003", "date": "2026-03-01"}],
       "closures": ["2026-05-25", "2026-07-03"]}
with open("varied.json", "w", encoding="utf-8") as f:
    # One record a line: small, and a diff shows what changed.
    f.write("{\n")
    for n, (key, value) in enumerate(doc.items()):
        f.write('"%s": ' % key)
        if isinstance(value, list):
            f.write("[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n]")
        else:
            f.write(json.dumps(value))
        f.write(",\n" if n + 1 < len(doc) else "\n")
    f.write("}\n")
