#!/usr/bin/env bash
# Where the time goes: Enlace under callgrind (this VM exposes no hardware counters to perf)
# while wrk drives one scenario at a time at 4 connections on a 10k-case data set. Writes the
# top functions, inclusive and exclusive, to BUILD/profile-SCENARIO-{inclusive,self}.txt.
# Usage: tests/bench/profile.sh [post|get|inbox ...]   (default: all three)
# Environment: BENCH_BUILD (default build-bench), PROFILE_CASES (10000), PROFILE_SECONDS (15).
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
for s in "${SCENARIOS[@]}"; do
  out=$WORK/$s.callgrind
  ENLACE_WRAP="valgrind --tool=callgrind --callgrind-out-file=$out" start_enlace "$D"
  sign_in
  say "profiling $s"
  case $s in
    post) env BENCH_TOKEN="$CASEWORKER" BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs" \
            wrk -t1 -c4 -d"${PROFILE_SECONDS:-15}s" --timeout 10s -s "$BENCH/wrk/post_referral.lua" "$ENLACE_BASE" ;;
    get) env BENCH_TOKEN="$CASEWORKER" BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$D/referral_ids" \
           wrk -t1 -c4 -d"${PROFILE_SECONDS:-15}s" --timeout 10s -s "$BENCH/wrk/get.lua" "$ENLACE_BASE" ;;
    inbox) env BENCH_TOKEN="$PARTNER" BENCH_PATH='/api/v1/referrals?box=inbox&limit=50' \
             wrk -t1 -c4 -d"${PROFILE_SECONDS:-15}s" --timeout 10s -s "$BENCH/wrk/get.lua" "$ENLACE_BASE" ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac | grep -E '^BENCH|Requests/sec'
  stop "$ENLACE_PID"
  callgrind_annotate --inclusive=yes "$out" 2>/dev/null | head -70 >"$BUILD/profile-$s-inclusive.txt"
  callgrind_annotate "$out" 2>/dev/null | head -50 >"$BUILD/profile-$s-self.txt"
  say "$BUILD/profile-$s-inclusive.txt, $BUILD/profile-$s-self.txt"
done
