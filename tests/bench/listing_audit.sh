#!/usr/bin/env bash
# What auditing a listing page costs: a demo database plus CASES cases for one caseworker, then
# ROUNDS sequential GET /cases?limit=500 and GET /referrals?box=outbox&limit=500 with curl,
# timing each, counting the audit rows each page wrote and the server's CPU time per page (user +
# system, from /proc: far steadier than wall time on a loaded machine).
# Usage: tests/bench/listing_audit.sh ENLACE_BINARY [CASES] [ROUNDS]
set -euo pipefail
BIN=$(realpath "$1")
CASES=${2:-500}
ROUNDS=${3:-30}
WORK=$(mktemp -d /tmp/enlace-listing-bench.XXXXXX)
SERVER=
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" init --db "$WORK/db" --demo >/dev/null
"$BIN" serve --db "$WORK/db" --port 0 >"$WORK/out" 2>"$WORK/err" &
SERVER=$!
for _ in $(seq 100); do grep -q 'listening on' "$WORK/out" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/out" | head -1)
URL=${URL%/}
TOKEN=$(curl -sf "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"pichincha.caseworker","password":"demo-password-2026"}' | jq -r .token)
AUTH=(-H "Authorization: Bearer $TOKEN")
TERRITORY=$(curl -sf "${AUTH[@]}" "$URL/api/v1/territories?limit=500" | jq -r '.items[] | select(.name=="Quito") | .id')
for i in $(seq "$CASES"); do
  curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' "$URL/api/v1/cases" -o /dev/null \
    -d "{\"person\":{\"given_name\":\"Bench\",\"family_name\":\"Person $i\",\"estimated_age\":30,\"sex\":\"unknown\",\"nationality\":\"EC\"},\"territory_id\":\"$TERRITORY\"}"
done

# The server's CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }

# page PATH: ROUNDS requests; prints mean and median milliseconds, audit rows and CPU per request.
page() {
  local path=$1 before after cpu0 cpu1
  before=$(sqlite3 "file:$WORK/db?mode=ro" 'SELECT COUNT(*) FROM audit_event')
  cpu0=$(cpu_ticks)
  : >"$WORK/times"
  for _ in $(seq "$ROUNDS"); do
    curl -sf "${AUTH[@]}" "$URL$path" -o /dev/null -w '%{time_total}\n' >>"$WORK/times"
  done
  cpu1=$(cpu_ticks)
  after=$(sqlite3 "file:$WORK/db?mode=ro" 'SELECT COUNT(*) FROM audit_event')
  sort -n "$WORK/times" | awk -v p="$path" -v rows=$(((after - before) / ROUNDS)) \
    -v cpu="$(echo "($cpu1 - $cpu0) * 1000 / $(getconf CLK_TCK) / $ROUNDS" | bc -l)" \
    '{t[NR]=$1*1000; s+=$1*1000} END {printf "%-40s mean %.1f ms  median %.1f ms  server CPU %.1f ms  audit rows %d (per request)\n", p, s/NR, t[int((NR+1)/2)], cpu, rows}'
}
page "/api/v1/cases?limit=500"
page "/api/v1/referrals?box=outbox&limit=500"
