#!/usr/bin/env bash
# Is an inbox page flat in the size of the box? The first page of one organisation's inbox
# holding OPEN_INBOX more referrals within their deadline, for each size, with one build: the
# sizes' servers measured in turn, the order alternating from round to round (docs/
# PERFORMANCE.md, "One inbox with 100,000 open referrals").
#
# Usage: tests/bench/open_inbox.sh BUILD [CASES]
# ab_report.py's table calls the smaller box "old" and the larger "new": new/old near 1 is flat.
# Environment: OPEN_INBOX_SIZES (two of them: "25000 100000"), OPEN_INBOX_DUE_DAYS (lib.sh), AB_CONNS
#   ("1 64"), BENCH_SECONDS (4), BENCH_ROUNDS (3), BENCH_THREADS, BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench

(($# >= 1)) || { echo "usage: tests/bench/open_inbox.sh BUILD [CASES]" >&2; exit 2; }
BUILD=$(realpath "$1") CASES=${2:-3067}
THREADS=${BENCH_THREADS:-$(nproc)}
SECONDS_EACH=${BENCH_SECONDS:-4}
ROUNDS=${BENCH_ROUNDS:-3}
read -r -a CONNS <<<"${AB_CONNS:-1 64}"
read -r -a SIZES <<<"${OPEN_INBOX_SIZES:-25000 100000}"
((${#SIZES[@]} == 2)) || { echo "OPEN_INBOX_SIZES: two sizes" >&2; exit 2; }
IDLE=1000
BENCH_TARGETS="enlace generate_dataset"
source "$BENCH/lib.sh"

for n in "${SIZES[@]}"; do
  say "generating $CASES cases and $n open referrals in one inbox"
  OPEN_INBOX=$n prepare "$WORK/open_$n" "$CASES"
done
for r in $(seq "$ROUNDS"); do
  order=("${SIZES[@]}")
  ((r % 2)) || order=($(printf '%s\n' "${SIZES[@]}" | tac))
  for n in "${order[@]}"; do
    start_enlace "$WORK/open_$n"
    sign_in
    for c in "${CONNS[@]}"; do
      measure "$([[ $n == "${SIZES[0]}" ]] && echo old || echo new)" inbox "$ENLACE_BASE" "$c" "$r" get.lua BENCH_TOKEN="$PARTNER" \
        BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
    done
    stop "$ENLACE_PID"
  done
done
echo "settings old=${SIZES[0]} new=${SIZES[1]}" >>"$RESULTS"
python3 "$BENCH/ab_report.py" "$RESULTS"
