#!/usr/bin/env python3
"""Checks that llmmon's report.json windows and DuckDB's CSV (DuckDbWindows.java) agree, row for row.

usage: compare_windows.py report.json duckdb.csv  -> prints 'agree N rows' or the differences, exit 1
"""
import csv
import json
import sys


def main(report, duck):
    ours = {}
    for w in json.load(open(report))["windows"]:
        if w.get("slice"):
            continue
        ours[(w["window_start"], w["feature_id"], w["model_id"])] = w
    theirs = {}
    with open(duck, newline="") as f:
        for row in csv.DictReader(f):
            theirs[(row["window_start"], row["feature_id"], row["model_id"])] = row
    problems = []
    for key in sorted(set(ours) ^ set(theirs)):
        problems.append(f"{key}: only in {'llmmon' if key in ours else 'duckdb'}")
    for key in sorted(set(ours) & set(theirs)):
        o, t = ours[key], theirs[key]
        for mine, other, exact in [("requests", "requests", True), ("errors", "errors", True),
                                   ("refusals", "refusals", True), ("latency_p50_ms", "p50", True),
                                   ("latency_p95_ms", "p95", True), ("latency_p99_ms", "p99", True),
                                   ("mean_input_tokens", "mean_in", False), ("mean_output_tokens", "mean_out", False)]:
            a, b = float(o[mine]), float(t[other])
            if (a != b) if exact else abs(a - b) > 1e-9 * max(1.0, abs(a)):
                problems.append(f"{key} {mine}: llmmon {a} duckdb {b}")
    if problems:
        print(f"DISAGREE {len(problems)} difference(s):")
        print("\n".join(problems[:20]))
        return 1
    print(f"agree {len(ours)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
