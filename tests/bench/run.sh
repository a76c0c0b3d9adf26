#!/usr/bin/env bash
# Enlace against the ceilings of this machine, measured side by side in the same run
# (docs/PERFORMANCE.md). Builds in Release, generates the synthetic data sets with
# generate_dataset, and runs wrk against Enlace and the anchors in tests/bench/anchors/
# alternately, ROUNDS times; prints medians (min-max), p50/p99 and the ratios, and refuses to
# report when any answer was not 2xx.
#
# Usage: tests/bench/run.sh [--smoke] [--no-growth | --growth-only]
#   --smoke        tiny data sets, 1-second runs, one round: keeps the scripts working (CI)
#   --no-growth    skip the growth table (10k, 100k, 1M referrals)
#   --growth-only  only the growth table (BENCH_GROWTH: its sizes in referrals)
# Environment: BENCH_BUILD (default build-bench; the smoke run in CI uses the test build),
#   BENCH_SECONDS, BENCH_ROUNDS, BENCH_THREADS (I/O threads, default: the number of cores),
#   BENCH_SLOW_SECONDS (each gap report run, default 8: at a million referrals one report can
#   take 2 s, and a run that finishes none is refused),
#   BENCH_KEEP=1 keeps the work directory. BENCH_SKIP_BUILD=1 uses BUILD's binaries as they
#   are; BENCH_RESULTS names the raw results file (default BUILD/bench-results.txt). BENCH_KEY_FILE: serve with that encryption key
#   (each data set is sealed with `enlace rekey` after generation; the figures then include
#   decryption and the blind name index).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench

SMOKE=0
GROWTH=1
PHASES=1
for arg in "$@"; do
  case $arg in
    --smoke) SMOKE=1 ;;
    --no-growth) GROWTH=0 ;;
    --growth-only) PHASES=0 ;;
    *) echo "usage: tests/bench/run.sh [--smoke] [--no-growth | --growth-only]" >&2; exit 2 ;;
  esac
done

THREADS=${BENCH_THREADS:-$(nproc)}
if ((SMOKE)); then
  BUILD=${BENCH_BUILD:-build-bench}
  SECONDS_EACH=${BENCH_SECONDS:-1}; ROUNDS=${BENCH_ROUNDS:-1}; CONNS=(1 8)
  SLOW_SECONDS=${BENCH_SLOW_SECONDS:-$SECONDS_EACH}
  SMALL=300; LARGE=600; IDLE=200; GROWTH_REFERRALS=(1000); OPEN_INBOX_REFERRALS=1000
else
  BUILD=${BENCH_BUILD:-build-bench}
  SECONDS_EACH=${BENCH_SECONDS:-2}; ROUNDS=${BENCH_ROUNDS:-3}; CONNS=(1 16 64)
  SLOW_SECONDS=${BENCH_SLOW_SECONDS:-8}
  SMALL=10000; LARGE=100000; IDLE=10000; GROWTH_REFERRALS=(10000 100000 1000000)
  OPEN_INBOX_REFERRALS=100000
fi
[[ -z ${BENCH_GROWTH:-} ]] || read -r -a GROWTH_REFERRALS <<<"$BENCH_GROWTH"
HIGH=${CONNS[-1]}

source "$BENCH/lib.sh"

{
  echo "machine cpus=$(nproc) model=\"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\""
  echo "machine mem_mib=$(free -m | awk '/^Mem:/ {print $2}') threads=$THREADS"
  echo "settings seconds=$SECONDS_EACH slow_seconds=$SLOW_SECONDS rounds=$ROUNDS conns=\"${CONNS[*]}\" smoke=$SMOKE"
} >"$RESULTS"
load() { echo "load phase=$1 avg1=$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"; }

# reads PHASE DIR CONNS ROUND: the HTTP ceiling, then every read scenario of Enlace.
reads() {
  local phase=$1 dir=$2 c=$3 r=$4
  measure "$phase" http_ceiling "$HTTP_BASE" "$c" "$r" get.lua BENCH_PATH=/healthz
  measure "$phase" healthz "$ENLACE_BASE" "$c" "$r" get.lua BENCH_PATH=/healthz
  measure "$phase" referral_get "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$CASEWORKER" \
    BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$dir/referral_ids"
  measure "$phase" inbox "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$PARTNER" \
    BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
}
# Slow reads at one and a few connections: a report at 64 would only measure the queue.
slow_reads() {
  local phase=$1 dir=$2 c=$3 r=$4
  measure "$phase" name_search "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$CASEWORKER" \
    BENCH_PATH='/api/v1/cases?q={id}' BENCH_IDS="$dir/names"
  SECONDS_EACH=$SLOW_SECONDS measure "$phase" gap_report "$ENLACE_BASE" "$c" "$r" get.lua \
    BENCH_TOKEN="$COORDINATOR" BENCH_PATH="/api/v1/stats/gaps?territory=$(cat "$dir/province")"
}
writes() {
  local phase=$1 dir=$2 c=$3 r=$4
  local post=(BENCH_IDS="$dir/post_cases" BENCH_ORGS="$dir/post_orgs")
  measure "$phase" write_ceiling "$GROUP_BASE" "$c" "$r" post_referral.lua "${post[@]}"
  measure "$phase" referral_post "$ENLACE_BASE" "$c" "$r" post_referral.lua \
    BENCH_TOKEN="$CASEWORKER" "${post[@]}"
  measure "$phase" write_per_request "$SINGLE_BASE" "$c" "$r" post_referral.lua "${post[@]}"
}

# --- anchors ---------------------------------------------------------------------------------
start "$WORK/http_anchor.log" "$HTTP_ANCHOR" --port 0 --threads "$THREADS"
HTTP_PID=$PID HTTP_BASE=$BASE
start "$WORK/group.log" "$WRITE_ANCHOR" --db "$WORK/anchor_group.db" --port 0 --threads "$THREADS"
GROUP_BASE=$BASE
start "$WORK/single.log" "$WRITE_ANCHOR" --db "$WORK/anchor_single.db" --per-request --port 0 \
  --threads "$THREADS"
SINGLE_BASE=$BASE

# --- 10k cases: every scenario, start-up, memory -----------------------------------------------
if ((PHASES)); then
S=$WORK/small
say "generating $SMALL cases"
prepare "$S" "$SMALL"

say "start-up to first answer ($SMALL cases)"
for r in $(seq "$ROUNDS"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "probe phase=small what=anchor_startup round=$r $(python3 "$BENCH/probe.py" startup "$port" \
    "$HTTP_ANCHOR" --port "$port" --threads "$THREADS" | sed 's/^PROBE //')" >>"$RESULTS"
  echo "probe phase=small what=enlace_startup round=$r $(python3 "$BENCH/probe.py" startup "$port" \
    "$ENLACE" serve --db "$S/bench.db" --port "$port" --threads "$THREADS" | sed 's/^PROBE //')" >>"$RESULTS"
done

start_enlace "$S"
sign_in
say "10k phase: reads, writes ($ROUNDS rounds of ${SECONDS_EACH}s, connections ${CONNS[*]})"
load small
for c in "${CONNS[@]}"; do
  for r in $(seq "$ROUNDS"); do
    reads small "$S" "$c" "$r"
    ((c > 16)) || slow_reads small "$S" "$c" "$r"
    writes small "$S" "$c" "$r"
  done
done
load small
echo "probe phase=small what=enlace_rss $(python3 "$BENCH/probe.py" rss "$ENLACE_PID" | sed 's/^PROBE //')" >>"$RESULTS"

say "memory per idle keep-alive connection ($IDLE connections)"
echo "probe phase=small what=anchor_idle $(python3 "$BENCH/probe.py" idle "$HTTP_PID" "${HTTP_BASE##*:}" "$IDLE" | sed 's/^PROBE //')" >>"$RESULTS"
echo "probe phase=small what=enlace_idle $(python3 "$BENCH/probe.py" idle "$ENLACE_PID" "${ENLACE_BASE##*:}" "$IDLE" | sed 's/^PROBE //')" >>"$RESULTS"
stop "$ENLACE_PID"

# --- 100k cases: the reads that could grow ----------------------------------------------------
L=$WORK/large
say "generating $LARGE cases"
prepare "$L" "$LARGE"
start_enlace "$L"
sign_in
say "100k phase"
load large
for r in $(seq "$ROUNDS"); do
  reads large "$L" "$HIGH" "$r"
  slow_reads large "$L" 1 "$r"
done
load large
stop "$ENLACE_PID"
rm -rf "$S" "$L"
fi

# --- growth: 10k, 100k, 1M referrals ---------------------------------------------------------
if ((GROWTH)); then
  for n in "${GROWTH_REFERRALS[@]}"; do
    G=$WORK/growth_$n
    # generate_dataset makes about 3.26 referrals per case (needs x referrals per need).
    cases=$(( n * 100 / 326 ))
    say "growth: about $n referrals ($cases cases)"
    if ! (GEN_TIMEOUT=180 prepare "$G" "$cases") 2>"$WORK/growth.err"; then
      echo "growth_skipped referrals=$n reason=\"generation did not finish within 3 minutes\"" >>"$RESULTS"
      rm -rf "$G"
      continue
    fi
    start_enlace "$G"
    sign_in
    for r in $(seq "$ROUNDS"); do
      measure "growth_$n" referral_get "$ENLACE_BASE" 16 "$r" get.lua BENCH_TOKEN="$CASEWORKER" \
        BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$G/referral_ids"
      measure "growth_$n" inbox "$ENLACE_BASE" 16 "$r" get.lua BENCH_TOKEN="$PARTNER" \
        BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
      slow_reads "growth_$n" "$G" 1 "$r"
    done
    stop "$ENLACE_PID"
    rm -rf "$G"
  done
  # One box holding many open referrals still within their deadline (an organisation that
  # never answers): a page must cost its own rows whatever the box holds.
  G=$WORK/growth_open_inbox
  say "growth: one inbox with $OPEN_INBOX_REFERRALS open referrals"
  OPEN_INBOX=$OPEN_INBOX_REFERRALS prepare "$G" $(( GROWTH_REFERRALS[0] * 100 / 326 ))
  start_enlace "$G"
  sign_in
  for r in $(seq "$ROUNDS"); do
    measure growth_open_inbox inbox "$ENLACE_BASE" 16 "$r" get.lua BENCH_TOKEN="$PARTNER" \
      BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
    measure growth_open_inbox inbox "$ENLACE_BASE" 64 "$r" get.lua BENCH_TOKEN="$PARTNER" \
      BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
  done
  stop "$ENLACE_PID"
  rm -rf "$G"
fi

echo "elapsed seconds=$((SECONDS))" >>"$RESULTS"
SAVED=${BENCH_RESULTS:-$ROOT/$BUILD/bench-results.txt}
cp "$RESULTS" "$SAVED"
say "results: $SAVED (raw), summary:"
python3 "$BENCH/report.py" "$RESULTS"
