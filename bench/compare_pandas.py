#!/usr/bin/env python3
"""iopcare validate next to a pandas script, end to end, on a million attendance records.

Generates the workload (attendance_workload.py: 5,000 patients x 52 weeks, 1,065,000 records,
as CSV and as iopcare.attendance/1 JSON), then runs, each RUNS times in turn on the same
machine: the pandas script (pandas_validate.py) and `iopcare validate` with CSV in and text,
CSV and JSON out, and with JSON in. It checks that pandas and iopcare count the same weeks in
each status and that JSON in gives the same report as CSV in, and prints the best wall time
and the peak resident memory of each, and the ratios the issue asks for (issue 17). Then the
throughput of `simulate --events` and `schedule --format csv` next to `cat FILE > /dev/null`.
Nothing is asserted: figures only.

usage: compare_pandas.py IOPCARE [--runs N] [--python PYTHON] [--dir DIR] [--threads N]"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


TIME = "/usr/bin/time"  # GNU time: the peak RSS of the command itself


def run(cmd, stdout_path=None):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, exit code, CPU seconds). The peak and
    the CPU time come from GNU time when it is there: the child this script forks starts as a
    copy of it, so getrusage would count the script's own memory for a small command."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r") as report:
        timed = [TIME, "-f", "%M %U %S", "-o", report.name] + cmd if os.access(TIME, os.X_OK) else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=out, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        rss_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        if timed is not cmd:
            fields = report.read().split()
            if len(fields) >= 3:
                rss_kb, cpu = int(fields[-3]), float(fields[-2]) + float(fields[-1])
    if out is not subprocess.DEVNULL:
        out.close()
    return seconds, rss_kb / 1024.0, os.waitstatus_to_exitcode(status), cpu


def pick_python(given):
    for py in [given, os.environ.get("IOPCARE_PYTHON"), "python3", "/usr/bin/python3"]:
        if py and subprocess.run([py, "-c", "import pandas"], stderr=subprocess.DEVNULL).returncode == 0:
            return py
    sys.exit("no Python 3 with pandas found (Debian: python3-pandas); set IOPCARE_PYTHON")


def week_counts_csv(path):
    """Weeks by status in iopcare's CSV report."""
    counts = collections.Counter()
    with open(path, newline="") as f:
        next(f)
        for line in f:
            counts[line.split(",")[4]] += 1
    return counts


def week_counts_pandas(path):
    counts = collections.Counter()
    with open(path) as f:
        for line in f:
            name, n = line.split()
            counts[name] += int(n)
    return counts


def best(rows):
    """The best wall time, the largest peak RSS and the least CPU time of a command's runs."""
    return min(r[0] for r in rows), max(r[1] for r in rows), min(r[-1] for r in rows)


def validate_side_by_side(args, py, d):
    csv_in, json_in = os.path.join(d, "attendance.csv"), os.path.join(d, "attendance.json")
    subprocess.run([sys.executable, os.path.join(HERE, "attendance_workload.py"), csv_in, json_in],
                   check=True, stdout=subprocess.DEVNULL)
    common = ["validate", "--rules", "asam-iop-adult", "--timezone", "America/New_York"]
    if args.threads is not None:
        common += ["--threads", str(args.threads)]
    cases = collections.OrderedDict([
        ("pandas", [py, os.path.join(HERE, "pandas_validate.py"), csv_in]),
        ("iopcare text", [args.iopcare] + common + ["--attendance", csv_in, "--format", "text"]),
        ("iopcare csv", [args.iopcare] + common + ["--attendance", csv_in, "--format", "csv"]),
        ("iopcare json", [args.iopcare] + common + ["--attendance", csv_in, "--format", "json"]),
        ("iopcare json in", [args.iopcare] + common + ["--attendance", json_in, "--format", "text"]),
    ])
    times = collections.defaultdict(list)
    for _ in range(args.runs):
        for name, cmd in cases.items():
            out = os.path.join(d, name.replace(" ", "_") + ".out")
            seconds, rss, rc, cpu = run(cmd, out)
            if rc not in (0, 1):
                sys.exit("%s failed (exit %d)" % (" ".join(cmd), rc))
            times[name].append((seconds, rss, cpu))
    pandas_counts = week_counts_pandas(os.path.join(d, "pandas.out"))
    iopcare_counts = week_counts_csv(os.path.join(d, "iopcare_csv.out"))
    iopcare_counts = collections.Counter({k: v for k, v in iopcare_counts.items() if v})
    pandas_counts = collections.Counter({k: v for k, v in pandas_counts.items() if v})
    same_json_in = open(os.path.join(d, "iopcare_text.out"), "rb").read() == \
        open(os.path.join(d, "iopcare_json_in.out"), "rb").read()
    sizes = {"csv": os.path.getsize(csv_in), "json": os.path.getsize(json_in)}
    return times, pandas_counts, iopcare_counts, same_json_in, sizes


def print_validate(args, times, pandas_counts, iopcare_counts, same_json_in, sizes):
    print("== iopcare validate vs pandas: 1,065,000 records (best of %d runs; peak RSS the largest)" % args.runs)
    print("   CSV %.1f MB, JSON %.1f MB" % (sizes["csv"] / 1e6, sizes["json"] / 1e6))
    print("   weeks by status: pandas %s, iopcare %s: %s" % (
        dict(sorted(pandas_counts.items())), dict(sorted(iopcare_counts.items())),
        "agree" if pandas_counts == iopcare_counts else "DISAGREE"))
    print("   JSON in gives the same report as CSV in: %s" % ("yes" if same_json_in else "NO"))
    pandas_t, _, pandas_cpu = best(times["pandas"])
    print("   %-16s %9s %9s %17s %10s %11s" % ("", "wall", "CPU", "peak RSS", "pandas/this", "(CPU)"))
    for name, rows in times.items():
        t, rss, cpu = best(rows)
        size = sizes["json"] if name.endswith("json in") else sizes["csv"]
        print("   %-16s %7.3f s %7.3f s %6.1f MiB (%.2fx in) %8.2fx %8.2fx" % (
            name, t, cpu, rss, rss * 1048576 / size, pandas_t / t, pandas_cpu / cpu))
    text_t, _, text_cpu = best(times["iopcare text"])
    for label, name in (("JSON out / text out", "iopcare json"), ("JSON in / CSV in", "iopcare json in")):
        t, _, cpu = best(times[name])
        print("   %s: %.2fx wall, %.2fx CPU" % (label, t / text_t, cpu / text_cpu))


def throughput_inputs(d):
    """continuum-ref scaled to about 10,000 arrivals in one year, one replication; a program
    with 10,000 patients enrolled for 52 weeks."""
    with open(os.path.join(HERE, "..", "examples", "continuum-ref.json")) as f:
        scenario = json.load(f)
    per_day = sum(level["arrivals_per_day"] for level in scenario["levels"])
    scale = 10000 / 365 / per_day
    for level in scenario["levels"]:
        level["arrivals_per_day"] = round(level["arrivals_per_day"] * scale, 3)
        level["capacity"] = int(level["capacity"] * scale)
    scenario.update(horizon_days=365, warmup_days=0, replications=1)
    program = {"format": "iopcare.program/1", "name": "Evening IOP", "level": "2.1", "population": "adult",
               "timezone": "America/New_York",
               "sessions": [{"days": ["MO", "TU", "TH"], "start": "18:00", "minutes": 180, "service": "group_therapy",
                             "group": "evening", "capacity": 10000},
                            {"days": ["WE"], "start": "17:00", "minutes": 50, "service": "individual_therapy"}],
               "enrollments": [{"patient": "P%d" % (100000 + p), "admitted": "2026-01-05", "weeks": 52,
                                "group": "evening"}
                               for p in range(10000)]}
    paths = os.path.join(d, "scenario.json"), os.path.join(d, "program.json")
    for path, doc in zip(paths, (scenario, program)):
        with open(path, "w") as f:
            json.dump(doc, f)
    return paths


def throughput(args, d):
    """MB/s of the event log and of the schedule CSV, next to cat as the floor."""
    print("== throughput: 10,000 patients x 1 year (best of %d runs)" % args.runs)
    scenario, program = throughput_inputs(d)
    events = os.path.join(d, "events.csv")
    schedule = os.path.join(d, "schedule.csv")
    sim = [args.iopcare, "simulate", "--scenario", scenario, "--no-progress", "--events", events]
    sched = [args.iopcare, "schedule", "--program", program, "--from", "2026-01-05", "--weeks", "52",
             "--format", "csv", "--max-sessions", "10000000"]
    rows = {"simulate --events": [], "schedule --format csv": [], "cat events": [], "cat schedule": []}
    for _ in range(args.runs):
        for name, cmd, out in (("simulate --events", sim, None), ("schedule --format csv", sched, schedule),
                               ("cat events", ["cat", events], None), ("cat schedule", ["cat", schedule], None)):
            seconds, rss, rc, cpu = run(cmd, out)
            if rc != 0:
                sys.exit("%s failed (exit %d)" % (" ".join(cmd), rc))
            rows[name].append((seconds, rss, cpu))
    for name, path in (("simulate --events", events), ("cat events", events),
                       ("schedule --format csv", schedule), ("cat schedule", schedule)):
        t, rss, cpu = best(rows[name])
        mb = os.path.getsize(path) / 1e6
        print("   %-22s %7.3f s (CPU %.3f s)  %7.1f MB  %8.1f MB/s  %6.1f MiB peak" % (name, t, cpu, mb, mb / t, rss))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("iopcare")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--python")
    p.add_argument("--dir")
    p.add_argument("--threads", type=int)
    p.add_argument("--skip-throughput", action="store_true")
    args = p.parse_args()
    py = pick_python(args.python)
    with tempfile.TemporaryDirectory(dir=args.dir) as d:
        print_validate(args, *validate_side_by_side(args, py, d))
        if not args.skip_throughput:
            throughput(args, d)


if __name__ == "__main__":
    main()
