#!/usr/bin/env python3
"""Weekly hours of attendance the way an analyst would check them with pandas: read the CSV,
keep attended and partial therapy sessions, sum the hours of each patient's Monday-start
week and call a week met when 9 <= hours < 20. Prints the count of weeks in each status
as "status count" lines, to compare with `iopcare validate`.

usage: pandas_validate.py ATTENDANCE_CSV"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], parse_dates=["start"])
df = df[df["status"].isin(["attended", "partial"]) & df["service"].isin(["group_therapy", "individual_therapy"])]
df["minutes_attended"] = df["attended_minutes"].where(df["status"] == "partial", df["minutes"])
df["week"] = df["start"].dt.to_period("W-SUN").dt.start_time
weekly = df.groupby(["patient", "week"])["minutes_attended"].sum() / 60.0
status = pd.cut(weekly, [-1, 9, 20, float("inf")], right=False, labels=["below_minimum", "meets", "above_maximum"])
for name, n in status.value_counts().sort_index().items():
    print(name, n)
