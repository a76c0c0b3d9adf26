#!/usr/bin/env bash
# Times audit chain verification on a long log: `enlace audit verify` and
# GET /api/v1/audit/verify, side by side in each round with a baseline that reads the same rows
# without hashing (sqlite3 summing their lengths), so a busy machine moves all three together.
# Usage: tests/bench/audit_verify.sh [BUILD_DIR] (EVENTS=1000000 ROUNDS=5)
set -euo pipefail

BUILD=${1:-build}
EVENTS=${EVENTS:-1000000}
ROUNDS=${ROUNDS:-5}
ENLACE="$BUILD/enlace"
GENERATE="$BUILD/tests/bench/generate_audit_log"
source "$(dirname "$0")/one_server.sh"

DB="$WORK/audit.db"
t0=$(date +%s.%N)
"$GENERATE" --db "$DB" --events "$EVENTS"
echo "generated in $(echo "$(date +%s.%N) - $t0" | bc) s; file $(du -h "$DB" | cut -f1)"
PASSWORD="bench auditor password 42"
printf '%s\n' "$PASSWORD" | "$ENLACE" user add --db "$DB" --username bench-auditor --role auditor \
  --password-stdin >/dev/null
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

# Two-factor off for the bench auditor only: this measures verification, not sign-in.
start_server "$DB" ENLACE_TOTP_REQUIRED=false
TOKEN=$(sign_in bench-auditor "$PASSWORD")

# "wall_seconds cpu_seconds" of one run; CPU (user + system) moves far less than wall time
# when other builds share the machine. A failed run stops the bench.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  tail -1 "$WORK/time" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
SCAN="SELECT count(*), sum(length(at) + length(actor_user) + length(organization) + length(role) +
  length(action) + length(entity_type) + length(entity_id) + length(outcome) + length(address) +
  length(request_id) + length(prev_hash) + length(hash)) FROM audit_event"
# The server's own CPU time across the request (from /proc), besides the client's wall time.
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
http() {
  local before start wall after
  before=$(server_cpu_ticks)
  start=$(date +%s.%N)
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/audit/verify" | grep -q '"ok":true'
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  after=$(server_cpu_ticks)
  printf '%.2f %.2f' "$wall" "$(echo "($after - $before) / $(getconf CLK_TCK)" | bc -l)"
}

sqlite3 "$DB" "$SCAN" >/dev/null  # warm the page cache once for all three
printf 'round  scan_wall scan_cpu  cli_wall cli_cpu  http_wall http_cpu\n'
for r in $(seq "$ROUNDS"); do
  printf '%5d  %s  %s  %s\n' "$r" "$(timed sqlite3 "$DB" "$SCAN")" "$(timed "$ENLACE" audit verify --db "$DB")" "$(http)"
done | tee "$WORK/rounds"
awk 'function median(a, n,   i, j, t) {
       for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
       return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
     }
     { for (c = 2; c <= 7; c++) v[c, NR] = $c; n = NR }
     END {
       for (c = 2; c <= 7; c++) { for (i = 1; i <= n; i++) a[i] = v[c, i]; m[c] = median(a, n) }
       printf "medians of %d rounds (wall / CPU seconds):\n", n
       printf "  scan of the rows (baseline)     %6.2f / %5.2f\n", m[2], m[3]
       printf "  enlace audit verify             %6.2f / %5.2f   (%.1fx / %.1fx the scan)\n", m[4], m[5], m[4] / m[2], m[5] / m[3]
       printf "  GET /api/v1/audit/verify        %6.2f / %5.2f   (%.1fx / %.1fx the scan; CPU of the server)\n", m[6], m[7], m[6] / m[2], m[7] / m[3]
     }' "$WORK/rounds"
