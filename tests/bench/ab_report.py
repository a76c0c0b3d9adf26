#!/usr/bin/env python3
"""Summarises tests/bench/ab.sh's raw results: per scenario and connection count, the medians
(min-max) over the rounds for the old and the new build, and new/old. Unlike report.py it
prints runs with errors or timeouts (the flood makes them on the old build) and says so.
Usage: ab_report.py RESULTS_FILE
"""
import sys
from collections import defaultdict

from report import med, parse, spread


def main(path):
    recs = parse(path)
    for r in recs:
        if r["kind"] in ("settings", "load", "generated"):
            print(r["kind"], " ".join(f"{k}={v}" for k, v in r.items() if k != "kind"))
    table = defaultdict(lambda: defaultdict(list))
    for r in recs:
        if r["kind"] != "run":
            continue
        t = table[(r["scenario"], int(r["conns"]), r["phase"])]
        t["rps"].append(float(r["rps"]))
        t["p50"].append(int(r["p50_us"]) / 1000)
        t["p99"].append(int(r["p99_us"]) / 1000)
        t["errors"].append(int(r["non2xx"]) + int(r["timeouts"]))
    print("\n| scenario | conns | build | req/s median (min-max) | p50 ms | p99 ms | errors | "
          "new/old req/s |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario, conns in sorted({(s, c) for s, c, _ in table}):
        old, new = table[(scenario, conns, "old")], table[(scenario, conns, "new")]
        gain = med(new["rps"]) / med(old["rps"]) if old["rps"] and new["rps"] and med(old["rps"]) else None
        for name, t in (("old", old), ("new", new)):
            print(f"| {scenario} | {conns} | {name} | {spread(t['rps'])} | "
                  f"{spread(t['p50'], '{:.2f}')} | {spread(t['p99'], '{:.2f}')} | "
                  f"{sum(t['errors'])} | {f'{gain:.2f}x' if gain and name == 'new' else ''} |")
    cpu = defaultdict(list)  # the server's CPU microseconds per request (ab.sh)
    for r in recs:
        if r["kind"] == "cpu" and int(r["requests"] or 0) > 0:
            cpu[(r["scenario"], int(r["conns"]), r["phase"])].append(
                int(r["ticks"]) * 1e6 / int(r["hz"]) / int(r["requests"]))
    if cpu:
        print("\n| scenario | conns | old: server CPU us/request | new | new/old |")
        print("|---|---|---|---|---|")
        for scenario, conns in sorted({(s, c) for s, c, _ in cpu}):
            old, new = cpu[(scenario, conns, "old")], cpu[(scenario, conns, "new")]
            ratio = f"{med(new) / med(old):.2f}x" if old and new else ""
            print(f"| {scenario} | {conns} | {spread(old, '{:.1f}')} | {spread(new, '{:.1f}')} | {ratio} |")
    probes = defaultdict(list)
    for r in recs:
        if r["kind"] == "probe":
            value = next(v for k, v in r.items() if k not in ("kind", "phase", "what", "round"))
            probes[(r["what"], r["phase"])].append(float(value))
    for (what, phase), values in sorted(probes.items()):
        print(f"{what} {phase}: {spread(values)} over {len(values)} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
