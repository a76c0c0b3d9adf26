#!/usr/bin/env bash
# Times GET /api/v1/stats/gaps on a synthetic province: median of 10 requests with curl, for
# the whole province and for one municipality, JSON and CSV, over the default 90 days and over
# the two years the data spans. Usage: tests/bench/gap_report.sh [BUILD_DIR] (CASES=100000).
# REUSE_DB=FILE with IDS=FILE (the generator's output) times an existing copy instead.
set -euo pipefail

BUILD=${1:-build}
CASES=${CASES:-100000}
RUNS=${RUNS:-10}
ENLACE="$BUILD/enlace"
GENERATE="$BUILD/tests/generate_dataset"
source "$(dirname "$0")/one_server.sh"

TODAY=$(date -u +%F)
FROM_2Y=$(date -u -d "$TODAY - 729 days" +%F)
if [[ -n "${REUSE_DB:-}" ]]; then
  cp "$REUSE_DB" "$WORK/bench.db"
  [[ -f "$REUSE_DB-wal" ]] && cp "$REUSE_DB-wal" "$WORK/bench.db-wal"
  cp "$IDS" "$WORK/ids"
else
  echo "generating $CASES cases into $WORK/bench.db ..."
  "$GENERATE" --db "$WORK/bench.db" --cases "$CASES" --now "$TODAY" --days 730 | tee "$WORK/ids"
fi
PROVINCE=$(sed -n 's/^province_id=//p' "$WORK/ids")
TOWN=$(sed -n 's/^municipality_id=//p' "$WORK/ids")
ORG=$(sed -n 's/^organization_id=//p' "$WORK/ids")

PASSWORD="bench coordinator password 42"
printf '%s\n' "$PASSWORD" | "$ENLACE" user add --db "$WORK/bench.db" --username bench-coord-$$ \
  --role coordinator --organization "$ORG" --password-stdin >/dev/null

start_server "$WORK/bench.db"
TOKEN=$(sign_in "bench-coord-$$" "$PASSWORD")

# median of $RUNS timed requests (after one warm-up), in milliseconds
time_it() {
  local accept=$1 query=$2
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Accept: $accept" "$BASE/api/v1/stats/gaps?$query"
  for _ in $(seq "$RUNS"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" -H "Accept: $accept" \
      "$BASE/api/v1/stats/gaps?$query"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.0f", 1000 * (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'
}

printf '\n%-44s %8s %8s\n' "report ($CASES cases)" "JSON ms" "CSV ms"
for scope in "province:territory=$PROVINCE" "municipality:territory=$TOWN"; do
  name=${scope%%:*}
  q=${scope#*:}
  for period in "90 days:" "2 years:&from=$FROM_2Y&to=$TODAY" "2 years, by=age_group:&from=$FROM_2Y&to=$TODAY&by=age_group" "90 days, by=nationality:&by=nationality"; do
    label=${period%%:*}
    extra=${period#*:}
    printf '%-44s %8s %8s\n' "$name, $label" "$(time_it application/json "$q$extra")" "$(time_it text/csv "$q$extra")"
  done
done
