#!/usr/bin/env bash
# SQLite against PostgreSQL, on the same machine and in the same run (docs/PERFORMANCE.md,
# "PostgreSQL"). One data set is generated once (lib.sh's prepare), copied to a throwaway
# PostgreSQL 15 cluster with `enlace migrate` (tests/support/pg_cluster.sh: loopback, fsync on),
# and served three ways: from the SQLite file, from PostgreSQL by one process, and from
# PostgreSQL by two processes on the one database (each loaded with half the connections by
# its own wrk at the same time; their answers are added up). The three take turns within each
# round, in an order that rotates from round to round.
#
# Usage: tests/bench/postgres.sh BUILD [CASES]
#   BUILD: a build tree with enlace and generate_dataset (lib.sh builds them unless
#   BENCH_SKIP_BUILD=1). CASES: 100000 by default (the gap report "at 100k cases").
# Environment: BENCH_SECONDS (3), BENCH_ROUNDS (3), BENCH_THREADS, BENCH_KEEP=1,
#   PG_BENCH_CONNS ("1 16 64": the durable create), PG_BENCH_SHARED_BUFFERS (256MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench

(($# >= 1)) || { echo "usage: tests/bench/postgres.sh BUILD [CASES]" >&2; exit 2; }
BUILD=$(realpath "$1") CASES=${2:-100000}
THREADS=${BENCH_THREADS:-$(nproc)}
SECONDS_EACH=${BENCH_SECONDS:-3}
ROUNDS=${BENCH_ROUNDS:-3}
read -r -a CONNS <<<"${PG_BENCH_CONNS:-1 16 64}"
IDLE=1000
BENCH_TARGETS="enlace generate_dataset"
source "$BENCH/lib.sh"

# The cluster: the tests' own script, with room for three servers' connections and a buffer
# cache that holds the data set (the tests' cluster keeps 32 MB).
PG_DIR=$(mktemp -d /tmp/enlace-bench-pg.XXXXXX)
trap 'cleanup; "$ROOT/tests/support/pg_cluster.sh" stop "$PG_DIR"' EXIT
PG_URI_BASE=$(PG_CLUSTER_OPTIONS="-c max_connections=200 -c shared_buffers=${PG_BENCH_SHARED_BUFFERS:-256MB}" \
  "$ROOT/tests/support/pg_cluster.sh" start "$PG_DIR")
PG_URI=${PG_URI_BASE%/*}/bench

{
  echo "machine cpus=$(nproc) model=\"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\""
  echo "settings seconds=$SECONDS_EACH rounds=$ROUNDS conns=\"${CONNS[*]}\" cases=$CASES threads=$THREADS"
} >>"$RESULTS"
load() { echo "load phase=$1 avg1=$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"; }

D=$WORK/data
say "generating $CASES cases"
prepare "$D" "$CASES"
say "copying them to PostgreSQL (enlace migrate)"
psql -X -q "$PG_URI_BASE" -c 'CREATE DATABASE bench' >/dev/null
t0=$SECONDS
"$ENLACE" migrate --from "$D/bench.db" --to "$PG_URI" >"$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log" >&2; exit 1; }
echo "migrated cases=$CASES seconds=$((SECONDS - t0))" >>"$RESULTS"

# serve_on NAME DB: a server (production settings, lib.sh's start_enlace) on DB.
serve_on() {
  local name=$1 db=$2
  start "$WORK/$name.log" env ENLACE_RATE_LIMIT_PER_MINUTE=1000000 \
    ENLACE_MAX_CONNECTIONS=2000 ENLACE_MAX_CONNECTIONS_PER_ADDRESS=2000 \
    "$ENLACE" serve --db "$db" --port 0 --threads "$THREADS"
}
serve_on sqlite "$D/bench.db"; SQLITE_PID=$PID SQLITE_BASE=$BASE
serve_on pg_a "$PG_URI"; PG_A_PID=$PID PG_A_BASE=$BASE
serve_on pg_b "$PG_URI"; PG_B_PID=$PID PG_B_BASE=$BASE
# Sessions live in the database: one sign-in per engine serves both PostgreSQL processes.
ENLACE_BASE=$SQLITE_BASE sign_in
S_CASEWORKER=$CASEWORKER S_PARTNER=$PARTNER S_COORDINATOR=$COORDINATOR
ENLACE_BASE=$PG_A_BASE sign_in
P_CASEWORKER=$CASEWORKER P_PARTNER=$PARTNER P_COORDINATOR=$COORDINATOR

# scenario PHASE ROUND NAME CONNS SCRIPT VARS...: one scenario on one of the three set-ups.
# On two processes, two wrk at once with half the connections each; not at 1 connection,
# where a second process has nothing to do.
scenario() {
  local phase=$1 round=$2 name=$3 conns=$4 script=$5
  shift 5
  case $phase in
    sqlite) measure sqlite "$name" "$SQLITE_BASE" "$conns" "$round" "$script" \
              BENCH_TOKEN="$(tok "$name" S)" "$@" ;;
    pg) measure pg "$name" "$PG_A_BASE" "$conns" "$round" "$script" \
          BENCH_TOKEN="$(tok "$name" P)" "$@" ;;
    pg2)
      ((conns > 1)) || return 0
      measure pg2 "$name" "$PG_A_BASE" $((conns / 2)) "$round" "$script" \
        BENCH_TOKEN="$(tok "$name" P)" "$@" &
      local a=$!
      measure pg2 "$name" "$PG_B_BASE" $((conns / 2)) "$round" "$script" \
        BENCH_TOKEN="$(tok "$name" P)" "$@"
      wait "$a" ;;
  esac
}
# The token a scenario signs in with, on engine S (SQLite) or P (PostgreSQL).
tok() {
  local var
  case $1 in
    inbox) var=${2}_PARTNER ;;
    gap_report) var=${2}_COORDINATOR ;;
    *) var=${2}_CASEWORKER ;;
  esac
  echo "${!var}"
}

PHASES_ORDER=(sqlite pg pg2)
post=(BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs")
load start
for r in $(seq "$ROUNDS"); do
  # Rotate who goes first, so that no set-up always meets the machine in the same state.
  order=("${PHASES_ORDER[@]:$(( (r - 1) % 3 ))}" "${PHASES_ORDER[@]:0:$(( (r - 1) % 3 ))}")
  say "round $r of $ROUNDS (${order[*]})"
  for phase in "${order[@]}"; do
    for c in "${CONNS[@]}"; do
      scenario "$phase" "$r" referral_post "$c" post_referral.lua "${post[@]}"
    done
    scenario "$phase" "$r" referral_get 16 get.lua \
      BENCH_PATH='/api/v1/referrals/{id}' BENCH_IDS="$D/referral_ids"
    scenario "$phase" "$r" inbox 16 get.lua BENCH_PATH='/api/v1/referrals?box=inbox&limit=50'
    scenario "$phase" "$r" gap_report 1 get.lua \
      BENCH_PATH="/api/v1/stats/gaps?territory=$(cat "$D/province")"
    scenario "$phase" "$r" healthz 16 get.lua BENCH_PATH=/healthz
  done
done
load end
for p in "$SQLITE_PID" "$PG_A_PID" "$PG_B_PID"; do
  echo "probe what=rss pid_of=$p $(python3 "$BENCH/probe.py" rss "$p" | sed 's/^PROBE //')" >>"$RESULTS"
done
echo "elapsed seconds=$SECONDS" >>"$RESULTS"
cp "$RESULTS" "$BUILD/bench-postgres.txt"
say "results: $BUILD/bench-postgres.txt (raw), summary:"
python3 "$BENCH/pg_report.py" "$RESULTS"
