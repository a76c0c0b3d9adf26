#!/usr/bin/env bash
# One command for every test: install, build, then the C++ unit and integration suites
# (CTest), the same suites under AddressSanitizer + UndefinedBehaviorSanitizer, a bounded
# fuzzing run, the web UI's first-load budgets (npm run size), the web unit tests (vitest), the
# browser journeys (Playwright + Chromium), the OpenAPI contract checks (redocly lint, a
# generated client against a live server), a smoke run of the benchmark scripts
# (tests/bench/run.sh --smoke, under a minute) and the deployment checks. Usage: deploy/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/setup.sh build

# Each step says how long the one before it took, so a slow CI run shows where its time went.
step_start=$SECONDS
say() {
  printf '\033[1m==> %s\033[0m  (previous step %ds, %ds in all)\n' "$*" $((SECONDS - step_start)) "$SECONDS"
  step_start=$SECONDS
}
# The webhook suites' receiver (an independent Standard Webhooks implementation) is installed
# once here, not by two suites racing in parallel.
(cd tests/contract/webhook_receiver && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; })

# A throw-away PostgreSQL 15 cluster for the tests that need one (docs/DEVELOPING.md), stopped
# however this script ends.
pg_dir=$(mktemp -d /tmp/enlace-test-pg.XXXXXX)
trap "'$PWD/tests/support/pg_cluster.sh' stop '$pg_dir'" EXIT
ENLACE_TEST_POSTGRES=$(tests/support/pg_cluster.sh start "$pg_dir")
export ENLACE_TEST_POSTGRES

# What each role downloads on first load, against its 60 KB budget (and /track's 30 KB), measured
# on the web/dist that setup.sh just built and the server embeds: first, as it takes a second.
say "web first-load budgets (npm run size)"
(cd web && npm run size --silent)

say "C++ unit and integration tests"
(cd build && ctest --output-on-failure -j2 --timeout 300)

say "C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan)"
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake --preset asan >/dev/null
cmake --build build-asan
# This run looks for memory and UB errors; the uninstrumented run above already checked the
# behaviour, and a CI run must stay under 40 minutes. So the replies are not checked against the
# OpenAPI document again, and four suites that run the same code paths as others many times
# over (kill -9 rounds, every schema fixture upgraded, a property test's hundreds of reports)
# run only above: under ASan they took 6.5 of its 47 minutes of test time (two at a time). The
# suites run again on PostgreSQL (on_postgres) exercise the same server code as on SQLite.
asan_only_above='CrashDurabilityTest|IdempotencyDurabilityTest|SchemaUpgradeTest|GapReportProperty|on_postgres'
(cd build-asan && UBSAN_OPTIONS=print_stacktrace=1 ENLACE_TEST_OPENAPI_CHECK_OFF=1 \
  ctest --output-on-failure -j2 --timeout 600 -E "$asan_only_above")

say "fuzzing (20 s per target, clang 14)"
tests/fuzz/run.sh 20

say "web unit tests"
(cd web && npm test --silent)

say "browser journeys"
(cd tests/browser && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } \
  && ENLACE_BINARY="$PWD/../../build/enlace" npm test)

say "OpenAPI contract (redocly lint, a client generated from the served document)"
(cd tests/contract && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } \
  && ENLACE_BINARY="$PWD/../../build/enlace" ./run.sh)

say "benchmark scripts (smoke: tiny data, 1-second runs; the figures mean nothing)"
BENCH_BUILD=build tests/bench/run.sh --smoke >build/bench-smoke.txt 2>&1 || { cat build/bench-smoke.txt; exit 1; }

say "deployment checks"
tests/deploy/systemd_verify.sh
ENLACE_REQUIRE_BINARY=1 tests/deploy/install_test.sh build

say "Debian package (cpack, lintian, apt install, remove keeps the data)"
tests/deploy/package_test.sh build
say "done: every step passed"
