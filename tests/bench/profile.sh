#!/usr/bin/env bash
# Where the time goes while wrk drives one scenario at a time on a 10k-case data set.
#   PROFILER=callgrind (default): user-space instructions per function, exact but 50x slower,
#     at 4 connections; writes BUILD/profile-SCENARIO-{inclusive,self}.txt.
#   PROFILER=perf: `perf record -e cpu-clock -g` samples of the running server (this VM has no
#     hardware counters; the software clock works), kernel time included, at full speed and
#     PROFILE_CONNS connections; writes BUILD/profile-SCENARIO-perf-{threads,self}.txt (the
#     share of each thread, then of each symbol).
# Usage: tests/bench/profile.sh [post|get|inbox|healthz ...]   (default: the first three)
# Environment: BENCH_BUILD (default build-bench), PROFILE_CASES (10000), PROFILE_SECONDS (15),
#   PROFILE_CONNS (4 under callgrind, 64 under perf).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench
BUILD=${BENCH_BUILD:-build-bench}
THREADS=${BENCH_THREADS:-$(nproc)}
IDLE=0
source "$BENCH/lib.sh"
RESULTS=$WORK/results.txt
SCENARIOS=("$@")
((${#SCENARIOS[@]})) || SCENARIOS=(post get inbox)

D=$WORK/data
say "generating ${PROFILE_CASES:-10000} cases"
prepare "$D" "${PROFILE_CASES:-10000}"
PROFILER=${PROFILER:-callgrind}
SECS=${PROFILE_SECONDS:-15}
if [[ $PROFILER == perf ]]; then CONNS=${PROFILE_CONNS:-64}; else CONNS=${PROFILE_CONNS:-4}; fi
WRK_THREADS=$((CONNS < 2 ? 1 : 2))

# load SCENARIO: wrk for SECS seconds.
load() {
  case $1 in
    post) env BENCH_TOKEN="$CASEWORKER" BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs" \
            wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$BENCH/wrk/post_referral.lua" "$ENLACE_BASE" ;;
    get) env BENCH_TOKEN="$CASEWORKER" BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$D/referral_ids" \
           wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$BENCH/wrk/get.lua" "$ENLACE_BASE" ;;
    inbox) env BENCH_TOKEN="$PARTNER" BENCH_PATH='/api/v1/referrals?box=inbox&limit=50' \
             wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$BENCH/wrk/get.lua" "$ENLACE_BASE" ;;
    healthz) env BENCH_PATH=/healthz \
               wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$BENCH/wrk/get.lua" "$ENLACE_BASE" ;;
  esac | grep -E '^BENCH|Requests/sec'
}

for s in "${SCENARIOS[@]}"; do
  case $s in post | get | inbox | healthz) ;; *) echo "unknown scenario $s" >&2; exit 2 ;; esac
  if [[ $PROFILER == perf ]]; then
    out=$WORK/$s.perf
    start_enlace "$D"
    sign_in
    say "profiling $s with perf ($CONNS connections)"
    load "$s" &
    wrk_pid=$!
    sleep 2  # past the connections' start
    perf record -q -e cpu-clock -F 2000 -g -p "$ENLACE_PID" -o "$out" -- sleep $((SECS - 4)) >/dev/null 2>&1
    wait "$wrk_pid"
    stop "$ENLACE_PID"
    perf report -i "$out" --no-children -s pid --stdio -g none 2>/dev/null | grep '%' \
      >"$BUILD/profile-$s-perf-threads.txt"
    perf report -i "$out" --no-children -s pid,dso,sym --stdio -g none 2>/dev/null | grep '%' |
      head -60 >"$BUILD/profile-$s-perf-self.txt"
    say "$BUILD/profile-$s-perf-threads.txt, $BUILD/profile-$s-perf-self.txt"
  else
    out=$WORK/$s.callgrind
    ENLACE_WRAP="valgrind --tool=callgrind --callgrind-out-file=$out" start_enlace "$D"
    sign_in
    say "profiling $s"
    load "$s"
    stop "$ENLACE_PID"
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | head -70 >"$BUILD/profile-$s-inclusive.txt"
    callgrind_annotate "$out" 2>/dev/null | head -50 >"$BUILD/profile-$s-self.txt"
    say "$BUILD/profile-$s-inclusive.txt, $BUILD/profile-$s-self.txt"
  fi
done
