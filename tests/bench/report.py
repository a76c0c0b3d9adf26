#!/usr/bin/env python3
"""Summarises tests/bench/run.sh's raw results: medians (min-max) over the rounds, ratios to
the anchors measured in the same run, the issue's targets, and the growth table.

Refuses (exit 1, no figures) when any run had a non-2xx answer, a timeout or no answer at
all: a fast error is not a result. Usage: report.py RESULTS_FILE
"""
import shlex
import statistics
import sys
from collections import defaultdict

# Which anchor each scenario is compared with.
ANCHOR = {
    "healthz": "http_ceiling",
    "referral_get": "http_ceiling",
    "inbox": "http_ceiling",
    "name_search": "http_ceiling",
    "gap_report": "http_ceiling",
    "referral_post": "write_ceiling",
    "write_per_request": "write_ceiling",
}
ORDER = ["http_ceiling", "healthz", "referral_get", "inbox", "name_search", "gap_report",
         "write_ceiling", "referral_post", "write_per_request"]


def parse(path):
    records = []
    with open(path) as f:
        for line in f:
            words = shlex.split(line)
            if not words:
                continue
            rec = {"kind": words[0]}
            for w in words[1:]:
                k, _, v = w.partition("=")
                rec[k] = v
            records.append(rec)
    return records


def med(values):
    return statistics.median(values) if values else None


def spread(values, fmt="{:.0f}"):
    if not values:
        return "-"
    return f"{fmt.format(med(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def main(path):
    recs = parse(path)
    runs = [r for r in recs if r["kind"] == "run"]
    # No answer at all within the run is as much a failure as a wrong one.
    bad = [r for r in runs if int(r["non2xx"]) or int(r["timeouts"]) or not int(r["requests"])]
    if bad:
        print("REFUSED: these runs had non-2xx answers, timeouts or no answer at all; "
              "no figures are reported.")
        for r in bad:
            print(f"  {r['phase']} {r['scenario']} c={r['conns']} round={r['round']}: "
                  f"requests={r['requests']} non2xx={r['non2xx']} (first status {r['first_bad']}) "
                  f"timeouts={r['timeouts']}")
        return 1

    for r in recs:
        if r["kind"] in ("machine", "settings", "load", "generated", "growth_skipped", "elapsed"):
            print(r["kind"], " ".join(f"{k}={v}" for k, v in r.items() if k != "kind"))

    # (phase, scenario, conns) -> lists of rps, p50, p99 over rounds
    table = defaultdict(lambda: {"rps": [], "p50": [], "p99": []})
    for r in runs:
        t = table[(r["phase"], r["scenario"], int(r["conns"]))]
        t["rps"].append(float(r["rps"]))
        t["p50"].append(int(r["p50_us"]) / 1000)
        t["p99"].append(int(r["p99_us"]) / 1000)

    def fig(phase, scenario, conns, what="rps"):
        t = table.get((phase, scenario, conns))
        return med(t[what]) if t else None

    def ratio(phase, scenario, conns, what="rps", anchor=None):
        a = fig(phase, anchor or ANCHOR.get(scenario, ""), conns, what)
        s = fig(phase, scenario, conns, what)
        return s / a if a and s is not None else None

    print("\n| phase | scenario | conns | req/s median (min-max) | p50 ms | p99 ms | "
          "req/s vs anchor | p99 vs anchor |")
    print("|---|---|---|---|---|---|---|---|")
    keys = sorted(table, key=lambda k: (k[0], k[2], ORDER.index(k[1]) if k[1] in ORDER else 99))
    for phase, scenario, conns in keys:
        t = table[(phase, scenario, conns)]
        rr = ratio(phase, scenario, conns)
        pr = ratio(phase, scenario, conns, "p99")
        print(f"| {phase} | {scenario} | {conns} | {spread(t['rps'])} | "
              f"{spread(t['p50'], '{:.2f}')} | {spread(t['p99'], '{:.2f}')} | "
              f"{f'{rr:.0%}' if rr is not None else '-'} | "
              f"{f'{pr:.1f}x' if pr is not None else '-'} |")

    probes = defaultdict(list)
    for r in recs:
        if r["kind"] == "probe":
            probes[r["what"]].append(r)

    def probe_values(what, key):
        return [float(r[key]) for r in probes.get(what, [])]

    print("\n| probe | median (min-max) | anchor |")
    print("|---|---|---|")
    print(f"| start-up to first answer, ms | {spread(probe_values('enlace_startup', 'startup_ms'), '{:.1f}')} | "
          f"{spread(probe_values('anchor_startup', 'startup_ms'), '{:.1f}')} |")
    for r in probes.get("enlace_rss", []):
        print(f"| resident memory after warm-up, MiB | {int(r['rss_kib']) / 1024:.1f} "
              f"(peak {int(r['hwm_kib']) / 1024:.1f}) | - |")
    e_idle, a_idle = probes.get("enlace_idle"), probes.get("anchor_idle")
    if e_idle:
        e, a = e_idle[0], (a_idle or [{}])[0]
        print(f"| bytes per idle keep-alive connection ({e['idle_connections']} open) | "
              f"{e['bytes_per_connection']} | {a.get('bytes_per_connection', '-')} |")

    settings = next(r for r in recs if r["kind"] == "settings")
    high = max(int(c) for c in settings["conns"].split())
    mid = sorted(int(c) for c in settings["conns"].split())[-2]

    def check(name, value, ok, note=""):
        mark = "met" if ok else "MISSED"
        print(f"| {name} | {value} | {mark} | {note} |")

    def pct(x):
        return f"{x:.0%}" if x is not None else "n/a"

    # A --growth-only run has no phase to hold the targets against.
    if any(r["phase"] == "small" for r in runs):
        print(f"\n| target (medians, {high} = high, {mid} = middle connection count) | measured | | note |")
        print("|---|---|---|---|")
        r = ratio("small", "healthz", high)
        p = ratio("small", "healthz", high, "p99")
        check(f"GET /healthz, {high}: >= 70% of HTTP ceiling, p99 <= 2x", f"{pct(r)}, p99 {p or 0:.1f}x",
              r is not None and p is not None and r >= 0.7 and p <= 2)
        r = ratio("small", "referral_get", high)
        check(f"audited GET referral, {high}: >= 30% of HTTP ceiling", pct(r), r is not None and r >= 0.3)
        r = ratio("small", "referral_post", high)
        check(f"durable POST referral, {high}: >= 40% of write ceiling", pct(r), r is not None and r >= 0.4)
        r = ratio("small", "referral_post", mid)
        g = ratio("small", "referral_post", mid, anchor="write_per_request")
        check(f"durable POST referral, {mid}: >= 40% of write ceiling, >= 1.5x per-request",
              f"{pct(r)}, {g or 0:.2f}x", r is not None and g is not None and r >= 0.4 and g >= 1.5)
        p50 = fig("small", "referral_post", 1, "p50")
        single = fig("small", "write_per_request", 1, "p50")
        check("durable POST referral, 1: p50 <= 1 ms and slower than an un-batched insert",
              f"{p50 or 0:.2f} ms (per-request anchor {single or 0:.2f} ms)",
              p50 is not None and single is not None and p50 <= 1 and p50 >= single)
        r = ratio("small", "inbox", high)
        r_large = ratio("large", "inbox", high)
        flat = r is not None and r_large is not None and r_large >= 0.8 * r
        check(f"inbox of 50, {high}: >= 10% of HTTP ceiling, flat 10k -> 100k cases",
              f"{pct(r)} at 10k, {pct(r_large)} at 100k", r is not None and r >= 0.1 and flat)
        worst = []
        for scenario in ("healthz", "referral_get", "inbox", "referral_post"):
            p = ratio("small", scenario, high, "p99")
            if p is not None:
                worst.append((p, scenario))
        if worst:
            p, scenario = max(worst)
            check(f"p99 at {high} <= 3x the anchor's p99", f"worst {p:.1f}x ({scenario})", p <= 3)
        if e_idle:
            per = float(e_idle[0]["bytes_per_connection"])
            check("memory per idle keep-alive connection <= 16 KiB, 10,000 accepted",
                  f"{per / 1024:.1f} KiB, {e_idle[0]['idle_connections']} open", per <= 16 * 1024 and
                  int(e_idle[0]["idle_connections"]) >= 10000)
        st = probe_values("enlace_startup", "startup_ms")
        if st:
            check("start-up to first answer <= 50 ms (10k cases)", f"{med(st):.1f} ms", med(st) <= 50)
        for r in probes.get("enlace_rss", []):
            mib = int(r["rss_kib"]) / 1024
            check("resident memory, 10k cases, after warm-up <= 64 MiB", f"{mib:.1f} MiB", mib <= 64)
        g = fig("large", "gap_report", 1, "p50")
        s = fig("large", "name_search", 1, "p50")
        check("gap report, 100k cases < 500 ms", f"{g or 0:.1f} ms p50", g is not None and g < 500)
        check("name search, 100k cases < 20 ms", f"{s or 0:.1f} ms p50", s is not None and s < 20)

    growth = [r for r in recs if r["kind"] == "generated" and r["phase"].startswith("growth_")]
    if growth:
        print("\n| referrals | GET referral req/s (16) | inbox req/s (16) | name search p50 ms | "
              "gap report p50 ms |")
        print("|---|---|---|---|---|")
        for g in growth:
            ph = g["phase"]
            print(f"| {g['referrals']} | {spread(table[(ph, 'referral_get', 16)]['rps'])} | "
                  f"{spread(table[(ph, 'inbox', 16)]['rps'])} | "
                  f"{spread(table[(ph, 'name_search', 1)]['p50'], '{:.2f}')} | "
                  f"{spread(table[(ph, 'gap_report', 1)]['p50'], '{:.1f}')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
