#!/usr/bin/env bash
# Two builds of the server side by side on copies of one data set, A B A B (the "what changed"
# table in docs/PERFORMANCE.md): prints medians (min-max) per build. The data set comes from
# OLD's generator so that both builds can open it; NEW migrates its own copy when it starts,
# before anything is measured.
#
# Usage: tests/bench/ab.sh [--flood] OLD_BUILD NEW_BUILD [CASES]
#   default  inbox pages and audited reads at AB_CONNS connections, and durable POSTs
#   --flood  the overdue-notice backlog: each round starts each build on a fresh copy (every
#            notice the generator left is due), runs durable POSTs at 16 connections and makes
#            one inbox listing a second in; reports the POSTs and how long the listing took
# Environment: BENCH_SECONDS (4; 8 with --flood), BENCH_ROUNDS (3), AB_CONNS ("16 64"),
#   OPEN_INBOX (0: that many more referrals waiting in the inbox, within their deadline),
#   AB_OWN_DATA=1 (NEW generates its own copy of the data set),
#   OPEN_INBOX_DUE_DAYS (30; negative: those referrals are overdue, all since the same instant),
#   AB_SCENARIOS ("inbox referral_get referral_post"; also "healthz", "me" (GET /api/v1/me: the
#   authentication of a signed-in request and one primary-key read), "referral_get_mixed": the
#   audited read while 16 connections POST, and with OPEN_INBOX
#   "inbox_deep": a page half-way through them, "inbox_crossing": the page after the last of
#   them), BENCH_THREADS, BENCH_KEEP=1 keeps the
#   work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench

FLOOD=0
if [[ ${1:-} == --flood ]]; then FLOOD=1; shift; fi
(($# >= 2)) || { echo "usage: tests/bench/ab.sh [--flood] OLD_BUILD NEW_BUILD [CASES]" >&2; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2") CASES=${3:-10000}
THREADS=${BENCH_THREADS:-$(nproc)}
SECONDS_EACH=${BENCH_SECONDS:-$((FLOOD ? 8 : 4))}
ROUNDS=${BENCH_ROUNDS:-3}
read -r -a CONNS <<<"${AB_CONNS:-16 64}"
read -r -a SCENARIOS <<<"${AB_SCENARIOS:-inbox referral_get referral_post}"
IDLE=1000  # the connection limits: room for one run's connections closing while the next opens

BUILD=$OLD
BENCH_TARGETS="enlace generate_dataset"
source "$BENCH/lib.sh"
ninja -C "$NEW" -j2 enlace >/dev/null

# Each run also records the server's CPU time (user + system, from /proc/PID/stat) and the
# report divides it by the requests: on a shared, loaded machine req/s follows the share of
# the cores the server gets, CPU time per request much less so.
eval "lib_$(declare -f measure)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() {
  local before after requests
  before=$(cpu_ticks "$ENLACE_PID")
  lib_measure "$@"
  after=$(cpu_ticks "$ENLACE_PID")
  requests=$(tail -1 "$RESULTS" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
  echo "cpu phase=$1 scenario=$2 conns=$4 round=$5 ticks=$((after - before)) hz=$(getconf CLK_TCK) requests=$requests" >>"$RESULTS"
}
echo "settings seconds=$SECONDS_EACH rounds=$ROUNDS conns=\"${CONNS[*]}\" old=$OLD new=$NEW" >>"$RESULTS"

D=$WORK/data
say "generating $CASES cases with $OLD's generator"
NOTICES=$FLOOD prepare "$D" "$CASES"
cp "$D/bench.db" "$WORK/pristine.db"
# AB_OWN_DATA=1: NEW gets the same data set (same seed) from its own generator, for an OLD
# whose schema NEW cannot migrate (migrations renumbered between development builds).
if ((${AB_OWN_DATA:-0})); then
  say "generating $CASES cases with $NEW's generator"
  (ENLACE=$NEW/enlace GENERATE=$(find "$NEW" -name generate_dataset -type f -perm -u+x | head -1)
   NOTICES=$FLOOD prepare "$WORK/data_new" "$CASES") || exit 1
  cp "$WORK/data_new/bench.db" "$WORK/pristine_new.db"
fi

# use NAME: points start_enlace at that build's server and a fresh copy of the data.
use() {
  ENLACE=$([[ $1 == old ]] && echo "$OLD" || echo "$NEW")/enlace
  local pristine=$WORK/pristine.db
  D=$WORK/data
  if ((${AB_OWN_DATA:-0})) && [[ $1 == new ]]; then
    pristine=$WORK/pristine_new.db
    D=$WORK/data_new
  fi
  rm -f "$D"/bench.db-wal "$D"/bench.db-shm
  cp "$pristine" "$D/bench.db"
  # The copy's dirty pages would otherwise be written back during the next build's fsyncs.
  sync
  : >"$D/serve.log"  # start() reads the port from the first "listening on" line
}

flood_round() {
  local name=$1 r=$2 t0 t1
  use "$name"
  start_enlace "$D"
  sign_in
  measure "$name" referral_post "$ENLACE_BASE" 16 "$r" post_referral.lua BENCH_TOKEN="$CASEWORKER" \
    BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs" &
  local wrk_pid=$!
  sleep 1
  t0=$(date +%s%N)
  curl -sf -o /dev/null -H "Authorization: Bearer $PARTNER" "$ENLACE_BASE/api/v1/referrals?box=inbox&limit=50"
  t1=$(date +%s%N)
  wait "$wrk_pid"
  echo "probe phase=$name what=listing_during_flood round=$r ms=$(((t1 - t0) / 1000000))" >>"$RESULTS"
  stop "$ENLACE_PID"
  echo "probe phase=$name what=notices_left round=$r count=$(sqlite3 "$D/bench.db" \
    "SELECT COUNT(*) FROM referral WHERE status IN ('requested','received') AND overdue_notified_at IS NULL AND respond_by < $(($(date +%s) * 1000))")" >>"$RESULTS"
}

load() { echo "load avg1=$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"; }
load
for r in $(seq "$ROUNDS"); do
  # Each build goes first every other round: whatever the previous run leaves behind (writeback,
  # a warm cache) falls on both.
  order="old new"
  ((r % 2)) || order="new old"
  for name in $order; do
    if ((FLOOD)); then flood_round "$name" "$r"; continue; fi
    use "$name"
    start_enlace "$D"
    sign_in
    for c in "${CONNS[@]}"; do
      for s in "${SCENARIOS[@]}"; do
        case $s in
          healthz) measure "$name" healthz "$ENLACE_BASE" "$c" "$r" get.lua BENCH_PATH=/healthz ;;
          me) measure "$name" me "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$CASEWORKER" \
                BENCH_PATH=/api/v1/me ;;
          inbox) measure "$name" inbox "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$PARTNER" \
                   BENCH_PATH='/api/v1/referrals?box=inbox&limit=50' ;;
          # A page half-way through the OPEN_INBOX referrals, from the cursor a walk would get.
          inbox_deep) measure "$name" inbox_deep "$ENLACE_BASE" "$c" "$r" get.lua \
                        BENCH_TOKEN="$PARTNER" \
                        BENCH_PATH="/api/v1/referrals?box=inbox&limit=50&cursor=$(cat "$D/deep_cursor")" ;;
          # The page after the last of them (with OPEN_INBOX_DUE_DAYS < 0: past the overdue run).
          inbox_crossing) measure "$name" inbox_crossing "$ENLACE_BASE" "$c" "$r" get.lua \
                            BENCH_TOKEN="$PARTNER" \
                            BENCH_PATH="/api/v1/referrals?box=inbox&limit=50&cursor=$(cat "$D/crossing_cursor")" ;;
          referral_get) measure "$name" referral_get "$ENLACE_BASE" "$c" "$r" get.lua \
                          BENCH_TOKEN="$CASEWORKER" BENCH_PATH='/api/v1/referrals/{id}' \
                          BENCH_IDS="$D/referral_ids" ;;
          # The audited read while 16 connections POST: reads and writes sharing the writer
          # (the POSTs beside it are reported as post_beside_get).
          referral_get_mixed)
            measure "$name" post_beside_get "$ENLACE_BASE" 16 "$r" post_referral.lua \
              BENCH_TOKEN="$CASEWORKER" BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs" &
            beside=$!
            measure "$name" referral_get_mixed "$ENLACE_BASE" "$c" "$r" get.lua \
              BENCH_TOKEN="$CASEWORKER" BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$D/referral_ids"
            wait "$beside" ;;
          referral_post) measure "$name" referral_post "$ENLACE_BASE" "$c" "$r" post_referral.lua \
                           BENCH_TOKEN="$CASEWORKER" BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs" ;;
          *) echo "unknown scenario $s" >&2; exit 2 ;;
        esac
      done
    done
    stop "$ENLACE_PID"
  done
done
load
cp "$RESULTS" "$NEW/ab-results.txt"
python3 "$BENCH/ab_report.py" "$RESULTS"
