#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (preset "fuzz", build-fuzz/) and runs each for a
# bounded time from its seed corpus. Any crash, leak or sanitizer report fails the run.
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET]   (default 20; docs/SECURITY.md: 300)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
targets=(http_request json_body cursor query)

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"

out=build-fuzz/runs
mkdir -p "$out"
for t in "${targets[@]}"; do
  # The seed corpus stays as committed; what the fuzzer finds goes to build-fuzz.
  mkdir -p "$out/$t-corpus"
  log="$out/$t.log"
  if ! build-fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/$t-" \
        "$out/$t-corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz_$t: FAILED (crash input in $out/)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz_$t: ${seconds}s, $runs executions, 0 crashes"
done
