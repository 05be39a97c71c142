#!/usr/bin/env python3
"""The continuum-ref scenario written in SimPy 3, for the side-by-side comparison with iopcare.

Same model as iopcare's: Poisson external arrivals per level, FIFO waitlists, lognormal
lengths of stay by mean and sd, routing at the end of each stay, "wait in community" blocking
(the slot is released before the patient joins the next waitlist). Statistics after the
warm-up: time-average occupancy, admissions per year (per 365 days), mean wait of patients
admitted after the warm-up.

Output, one line each:
  rep <index> <wall seconds>
  stat <index> <level id> <occupancy> <admissions per year> <mean wait days>
"""
import argparse
import math
import random
import sys
import time

import simpy

LEVELS = [  # id, capacity, LOS mean, LOS sd, external arrivals per day
    ("residential", 38, 28.0, 10.0, 1.0),
    ("php", 18, 15.0, 5.0, 0.6),
    ("iop", 160, 56.0, 21.0, 1.2),
    ("op", 250, 90.0, 30.0, 0.8),
]
ROUTES = {
    "residential": [("php", 0.25), ("iop", 0.45), ("op", 0.10), ("discharge", 0.20)],
    "php": [("iop", 0.60), ("op", 0.15), ("residential", 0.05), ("discharge", 0.20)],
    "iop": [("op", 0.55), ("residential", 0.05), ("php", 0.05), ("discharge", 0.35)],
    "op": [("iop", 0.08), ("discharge", 0.92)],
}
HORIZON = 3650.0
WARMUP = 365.0


def lognormal_params(mean, sd):
    s2 = math.log1p((sd * sd) / (mean * mean))
    return math.log(mean) - 0.5 * s2, math.sqrt(s2)


class Level:
    def __init__(self, env, ident, capacity, mean, sd, rate):
        self.env = env
        self.id = ident
        self.slots = simpy.Resource(env, capacity=capacity)
        self.mu, self.sigma = lognormal_params(mean, sd)
        self.rate = rate
        self.occ = 0
        self.last = 0.0
        self.area = 0.0
        self.admissions = 0
        self.wait_sum = 0.0

    def integrate(self):
        now = self.env.now
        start = max(self.last, WARMUP)
        if now > start:
            self.area += self.occ * (now - start)
        self.last = now


def patient(env, levels, first, rng):
    level = levels[first]
    while True:
        joined = env.now
        req = level.slots.request()
        yield req
        level.integrate()
        level.occ += 1
        if env.now >= WARMUP:
            level.admissions += 1
            level.wait_sum += env.now - joined
        yield env.timeout(rng.lognormvariate(level.mu, level.sigma))
        level.integrate()
        level.occ -= 1
        level.slots.release(req)
        x = rng.random()
        acc = 0.0
        target = ROUTES[level.id][-1][0]
        for to, p in ROUTES[level.id]:
            acc += p
            if x < acc:
                target = to
                break
        if target == "discharge":
            return
        level = levels[target]


def arrivals(env, levels, ident, rng):
    level = levels[ident]
    while True:
        yield env.timeout(rng.expovariate(level.rate))
        env.process(patient(env, levels, ident, rng))


def replication(index, seed):
    rng = random.Random(seed * 1000003 + index)
    env = simpy.Environment()
    levels = {ident: Level(env, ident, cap, m, s, r) for ident, cap, m, s, r in LEVELS}
    for ident in levels:
        env.process(arrivals(env, levels, ident, rng))
    env.run(until=HORIZON)
    span = HORIZON - WARMUP
    out = []
    for ident, level in levels.items():
        level.integrate()
        wait = level.wait_sum / level.admissions if level.admissions else 0.0
        out.append((ident, level.area / span, level.admissions / span * 365.0, wait))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--paced", action="store_true",
                    help="wait for a line on standard input before each replication, so that a driver "
                         "can time its own replication between them, under the same load")
    args = ap.parse_args()
    for i in range(args.replications):
        if args.paced and not sys.stdin.readline():
            return
        t0 = time.perf_counter()
        stats = replication(i, args.seed)
        dt = time.perf_counter() - t0
        print(f"rep {i} {dt:.6f}")
        for ident, occ, adm, wait in stats:
            print(f"stat {i} {ident} {occ:.6f} {adm:.6f} {wait:.6f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
