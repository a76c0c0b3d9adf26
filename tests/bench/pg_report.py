#!/usr/bin/env python3
"""Summarises tests/bench/postgres.sh's raw results: per scenario and connection count, the
medians (min-max) over the rounds on SQLite, on PostgreSQL with one process and with two
(the two processes' answers of one round added up), and the ratios pg/sqlite and pg2/pg.
Refuses, as report.py does, when any run had a non-2xx answer, a timeout or no answer at all.
Usage: pg_report.py RESULTS_FILE
"""
import sys
from collections import defaultdict

from report import med, parse, spread

PHASES = ("sqlite", "pg", "pg2")


def main(path):
    recs = parse(path)
    runs = [r for r in recs if r["kind"] == "run"]
    bad = [r for r in runs if int(r["non2xx"]) or int(r["timeouts"]) or not int(r["requests"])]
    for r in recs:
        if r["kind"] in ("machine", "settings", "load", "generated", "migrated", "probe", "elapsed"):
            print(r["kind"], " ".join(f"{k}={v}" for k, v in r.items() if k != "kind"))
    if bad:
        print("REFUSED: these runs had non-2xx answers, timeouts or no answer at all:")
        for r in bad:
            print(" ", r)
        return 1
    # One round of one set-up: the sum of its wrk runs (two on two processes).
    rounds = defaultdict(lambda: {"rps": 0.0, "p50": 0.0, "p99": 0.0})
    for r in runs:
        key = (r["scenario"], int(r["conns"]), r["phase"], r["round"])
        t = rounds[key]
        t["rps"] += float(r["rps"])
        t["p50"] = max(t["p50"], int(r["p50_us"]) / 1000)
        t["p99"] = max(t["p99"], int(r["p99_us"]) / 1000)
    table = defaultdict(lambda: defaultdict(list))
    for (scenario, conns, phase, _), t in rounds.items():
        if phase == "pg2":
            conns *= 2  # each of the two wrk runs had half the connections
        for k in ("rps", "p50", "p99"):
            table[(scenario, conns)][(phase, k)].append(t[k])
    print("\n| scenario | conns | SQLite req/s | PostgreSQL req/s | 2 processes req/s | "
          "p50 ms (SQLite / PG / 2) | pg/sqlite | pg2/pg |")
    print("|---|---|---|---|---|---|---|---|")
    order = ["referral_post", "referral_get", "inbox", "gap_report", "healthz"]
    for scenario, conns in sorted(table, key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1])):
        t = table[(scenario, conns)]
        m = {p: med(t[(p, "rps")]) for p in PHASES}
        ratio = lambda a, b: f"{m[a] / m[b]:.2f}x" if m[a] and m[b] else "-"
        p50 = " / ".join(f"{med(t[(p, 'p50')]):.1f}" if t[(p, "p50")] else "-" for p in PHASES)
        print(f"| {scenario} | {conns} | {spread(t[('sqlite', 'rps')])} | {spread(t[('pg', 'rps')])} | "
              f"{spread(t[('pg2', 'rps')])} | {p50} | {ratio('pg', 'sqlite')} | {ratio('pg2', 'pg')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
