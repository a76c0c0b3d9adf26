#!/usr/bin/env bash
# What one /metrics scrape costs, two builds side by side on copies of one data set: each build
# serves it, answers a few seconds of mixed requests (so the request series are there), then
# SCRAPES scrapes one after another; prints per build the median (min-max) time of a scrape as
# curl saw it, and the server's CPU time per scrape (/proc/PID/stat), over ROUNDS rounds, each
# build first every other round.
# Usage: tests/bench/metrics_scrape.sh OLD_BUILD NEW_BUILD [CASES]
# Environment: SCRAPES (200), BENCH_ROUNDS (3), BENCH_THREADS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench
(($# >= 2)) || { echo "usage: tests/bench/metrics_scrape.sh OLD_BUILD NEW_BUILD [CASES]" >&2; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2") CASES=${3:-10000}
THREADS=${BENCH_THREADS:-$(nproc)}
SCRAPES=${SCRAPES:-200}
ROUNDS=${BENCH_ROUNDS:-3}
IDLE=0
BUILD=$OLD
BENCH_SKIP_BUILD=1
source "$BENCH/lib.sh"
SECONDS_EACH=2

D=$WORK/data
say "generating $CASES cases with $OLD's generator"
prepare "$D" "$CASES"
cp "$D/bench.db" "$WORK/pristine.db"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for r in $(seq "$ROUNDS"); do
  order="old new"
  ((r % 2)) || order="new old"
  for name in $order; do
    ENLACE=$([[ $name == old ]] && echo "$OLD" || echo "$NEW")/enlace
    rm -f "$D"/bench.db-wal "$D"/bench.db-shm
    cp "$WORK/pristine.db" "$D/bench.db"
    : >"$D/serve.log"
    start_enlace "$D"
    sign_in
    measure "$name" healthz "$ENLACE_BASE" 16 "$r" get.lua BENCH_PATH=/healthz
    measure "$name" referral_get "$ENLACE_BASE" 16 "$r" get.lua BENCH_TOKEN="$CASEWORKER" \
      BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$D/referral_ids"
    measure "$name" inbox "$ENLACE_BASE" 16 "$r" get.lua BENCH_TOKEN="$PARTNER" \
      BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
    before=$(cpu_ticks "$ENLACE_PID")
    for _ in $(seq "$SCRAPES"); do
      curl -sf -o /dev/null -w '%{time_total}\n' "$ENLACE_BASE/metrics"
    done >"$WORK/times"
    after=$(cpu_ticks "$ENLACE_PID")
    bytes=$(curl -sf "$ENLACE_BASE/metrics" | wc -c)
    series=$(curl -sf "$ENLACE_BASE/metrics" | grep -vc '^#')
    stop "$ENLACE_PID"
    python3 - "$name" "$r" "$((after - before))" "$(getconf CLK_TCK)" "$SCRAPES" "$bytes" "$series" \
      "$WORK/times" <<'PY'
import statistics, sys
name, r, ticks, hz, n, size, series, path = sys.argv[1:]
t = sorted(float(x) * 1000 for x in open(path))
print(f"{name} round={r} scrape_ms median={statistics.median(t):.2f} min={t[0]:.2f} "
      f"max={t[-1]:.2f} server_cpu_ms_per_scrape={int(ticks) * 1000 / int(hz) / int(n):.2f} "
      f"bytes={size} series={series}")
PY
  done
done
echo "load avg1=$(cut -d' ' -f1 /proc/loadavg)"
