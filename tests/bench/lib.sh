# Shared by run.sh and profile.sh (sourced): the Release build, the data sets and starting
# servers. Expects ROOT, BENCH, BUILD, THREADS and IDLE to be set.

say() { printf '\033[1m==> %s\033[0m  (%ds)\n' "$*" "$SECONDS" >&2; }

# --- build -----------------------------------------------------------------------------------
# BENCH_SKIP_BUILD=1 runs the binaries already in BUILD as they are (another checkout's build,
# for a before/after comparison) without touching that tree.
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
    # -g adds symbols for the profiles; it does not change the code generated at -O3.
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g >/dev/null
  fi
  BENCH_TARGETS=${BENCH_TARGETS:-enlace generate_dataset bench_http_anchor bench_write_anchor}
  say "building $BENCH_TARGETS in $BUILD"
  # shellcheck disable=SC2086
  ninja -C "$BUILD" -j2 $BENCH_TARGETS >/dev/null
fi
ENLACE=$BUILD/enlace
GENERATE=$(find "$BUILD" -name generate_dataset -type f -perm -u+x | head -1)
HTTP_ANCHOR=$BUILD/tests/bench/anchors/bench_http_anchor
WRITE_ANCHOR=$BUILD/tests/bench/anchors/bench_write_anchor
[[ -x "$GENERATE" ]] || { echo "generate_dataset was not built" >&2; exit 1; }

# 10,000 idle connections need as many descriptors in the server and in the client.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < IDLE + 200)); then
  echo "ulimit -n is $(ulimit -n); $IDLE idle connections need more: measuring $(( $(ulimit -n) - 200 ))" >&2
  IDLE=$(( $(ulimit -n) - 200 ))
fi

WORK=$(mktemp -d /tmp/enlace-bench.XXXXXX)
RESULTS=$WORK/results.txt
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# measure PHASE SCENARIO URL CONNS ROUND SCRIPT [VAR=VALUE...]: one wrk run, one result line.
measure() {
  local phase=$1 scenario=$2 url=$3 conns=$4 round=$5 script=$6
  shift 6
  local threads=$((conns < 2 ? 1 : 2)) out
  out=$(env "$@" wrk -t"$threads" -c"$conns" -d"${SECONDS_EACH}s" --timeout 10s \
    -s "$BENCH/wrk/$script" "$url")
  local line
  line=$(grep '^BENCH ' <<<"$out") || { echo "$out" >&2; exit 1; }
  echo "run phase=$phase scenario=$scenario conns=$conns round=$round ${line#BENCH }" >>"$RESULTS"
  printf '  %-8s %-14s c=%-3s r=%s %s\n' "$phase" "$scenario" "$conns" "$round" "${line#BENCH }" >&2
}

# --- data sets -------------------------------------------------------------------------------
TODAY=$(date -u +%F)
PASSWORD="bench password 4 the network"

# prepare DIR CASES: generates the network, adds three users who can sign in (caseworker and
# partner of one organisation, a coordinator), a current consent covering every organisation
# and category on that organisation's open cases (so every POST is a valid referral), and the
# id lists the wrk scripts draw from. The generator leaves every overdue notice pending; they
# are marked sent just now, as on a server that has been running, unless NOTICES=1 (ab.sh
# --flood measures that backlog). Every deadline counts (due_at: the answer's and the
# outcome's), and the mark is now: a mark at the deadline itself would make every reminder due
# (follow_up.hpp), and the scanner would spend the measurement sending them.
# Checks each step itself: the growth table calls it where `set -e` does not apply.
prepare() {
  local dir=$1 cases=$2
  mkdir -p "$dir"
  local t0=$SECONDS
  # GEN_TIMEOUT: 0 is none; the growth table gives up on a size that takes longer.
  timeout "${GEN_TIMEOUT:-0}" "$GENERATE" --db "$dir/bench.db" --cases "$cases" --now "$TODAY" \
    --days 730 >"$dir/ids" || { echo "generate_dataset failed or ran out of time" >&2; return 1; }
  echo "generated phase=$(basename "$dir") cases=$cases referrals=$(sed -n 's/^referrals=//p' "$dir/ids") seconds=$((SECONDS - t0))" >>"$RESULTS"
  local org province
  org=$(sed -n 's/^organization_id=//p' "$dir/ids")
  province=$(sed -n 's/^province_id=//p' "$dir/ids")
  echo "$province" >"$dir/province"
  for u in "bench-caseworker caseworker" "bench-partner partner" "bench-coordinator coordinator"; do
    set -- $u
    printf '%s\n' "$PASSWORD" | "$ENLACE" user add --db "$dir/bench.db" --username "$1" --role "$2" \
      --organization "$org" --password-stdin >/dev/null || return 1
  done
  local now_ms=$(( $(date +%s) * 1000 ))
  ((${NOTICES:-0})) || sqlite3 "$dir/bench.db" "UPDATE referral SET overdue_notified_at = $now_ms
    WHERE due_at < $now_ms" || return 1
  # OPEN_INBOX=N: N more referrals waiting in the bench organisation's inbox, all within their
  # deadline (a sender that piles them up on an organisation that never answers), all with
  # the same one: in OPEN_INBOX_DUE_DAYS days (30; negative: overdue since then, the notices
  # sent). $dir/deep_cursor: the cursor of a page half-way through them, as the server gives
  # it out (ab.sh's inbox_deep); $dir/crossing_cursor: after the last of them (inbox_crossing:
  # overdue, the page that goes on past them).
  if ((${OPEN_INBOX:-0})); then
    local due_ms=$(( now_ms + ${OPEN_INBOX_DUE_DAYS:-30} * 86400000 ))
    local notified=NULL
    ((due_ms < now_ms)) && notified=$due_ms
    sqlite3 -bail "$dir/bench.db" <<SQL || return 1
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${OPEN_INBOX})
INSERT INTO referral (id, case_id, from_org, to_org, service_id, category, urgency, reason,
                      status, legal_basis, consent_id, justification, shared_fields, snapshot,
                      respond_by, requested_at, overdue_notified_at, created_by, version,
                      created_at, updated_at)
SELECT printf('open-inbox-%08d', n.i), t.case_id, t.from_org, '$org', NULL, t.category,
       t.urgency, t.reason, 'requested', t.legal_basis, t.consent_id, t.justification,
       t.shared_fields, t.snapshot, $due_ms, $now_ms, $notified, t.created_by, 1, $now_ms,
       $now_ms
  FROM n, (SELECT * FROM referral WHERE from_org <> '$org' AND status <> 'draft' LIMIT 1) t;
.output $dir/deep_cursor
SELECT CASE WHEN $due_ms < $now_ms THEN '1:$due_ms:' ELSE '0:' END || rowid FROM referral
 WHERE id = printf('open-inbox-%08d', ${OPEN_INBOX} / 2);
.output $dir/crossing_cursor
SELECT CASE WHEN $due_ms < $now_ms THEN '1:$due_ms:' ELSE '0:' END || rowid FROM referral
 WHERE id = printf('open-inbox-%08d', ${OPEN_INBOX});
SQL
    # Opaque as the server hands it out (gateway/handlers/paging.cpp): base64url of "c1:" + key.
    local key f
    for f in deep_cursor crossing_cursor; do
      key=$(cat "$dir/$f")
      printf 'c1:%s' "$key" | base64 -w0 | tr '+/' '-_' | tr -d '=' >"$dir/$f"
    done
    echo "open_inbox phase=$(basename "$dir") referrals=${OPEN_INBOX}" >>"$RESULTS"
  fi
  sqlite3 -bail "$dir/bench.db" <<SQL || return 1
INSERT INTO consent (id, case_id, method, categories, organizations, recorded_by, given_at, expires_at)
SELECT 'bench-consent-' || id, id, 'written',
       (SELECT json_group_array(code) FROM category),
       (SELECT json_group_array(id) FROM organization),
       created_by, $now_ms, $now_ms + 300 * 86400000
  FROM case_file WHERE organization_id = '$org' AND status = 'open';
.output $dir/post_cases
SELECT id FROM case_file WHERE organization_id = '$org' AND status = 'open' ORDER BY random() LIMIT 5000;
.output $dir/post_orgs
SELECT id FROM organization WHERE id <> '$org';
.output $dir/referral_ids
-- A draft is its sender's alone: the receiver gets 404 for it.
SELECT id FROM referral WHERE from_org = '$org' OR (to_org = '$org' AND status <> 'draft')
 ORDER BY random() LIMIT 20000;
.output $dir/names
SELECT lower(given_name) FROM case_file WHERE organization_id = '$org' AND given_name IS NOT NULL
 ORDER BY random() LIMIT 5000;
SQL
  # BENCH_KEY_FILE: the deployment with an encryption key. The generator writes plaintext, as a
  # deployment before its first key had; `enlace rekey` seals it and builds the blind name
  # index, the way an operator would (docs/OPERATIONS.md).
  if [[ -n ${BENCH_KEY_FILE:-} ]]; then
    local t1=$SECONDS
    "$ENLACE" rekey --db "$dir/bench.db" --new-key-file "$BENCH_KEY_FILE" >/dev/null || return 1
    echo "rekeyed phase=$(basename "$dir") cases=$cases seconds=$((SECONDS - t1))" >>"$RESULTS"
  fi
}

# start LOG CMD...: starts a server, waits for "listening on", sets PID and BASE.
start() {
  local log=$1
  shift
  # A fresh log: an earlier server's "listening on" must not be taken for this one's.
  "$@" >"$log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 600); do
    grep -q "listening on" "$log" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  BASE=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log" | head -1)
  [[ -n "$BASE" ]] || { echo "$* did not start" >&2; cat "$log" >&2; exit 1; }
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# The production settings, except the per-token and per-address request limits (wrk is one
# address with one token) and the connection limits (the idle-connection measurement).
# ENLACE_WRAP: a command to run it under (profile.sh: valgrind).
start_enlace() {
  local dir=$1
  # shellcheck disable=SC2086
  start "$dir/serve.log" env ENLACE_RATE_LIMIT_PER_MINUTE=1000000 \
    ENLACE_MAX_CONNECTIONS=$((IDLE + 100)) ENLACE_MAX_CONNECTIONS_PER_ADDRESS=$((IDLE + 100)) \
    ${BENCH_KEY_FILE:+ENLACE_ENCRYPTION_KEY_FILE=$BENCH_KEY_FILE} \
    ${ENLACE_WRAP:-} "$ENLACE" serve --db "$dir/bench.db" --port 0 --threads "$THREADS"
  ENLACE_PID=$PID
  ENLACE_BASE=$BASE
}

token() {
  local answer
  answer=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$ENLACE_BASE/api/v1/auth/login") || true
  if [[ "${answer##*$'\n'}" != 200 ]]; then
    echo "sign-in of $1 at $ENLACE_BASE failed: ${answer:-no answer}" >&2
    return 1
  fi
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"${answer%$'\n'*}"
}

sign_in() {
  CASEWORKER=$(token bench-caseworker)
  PARTNER=$(token bench-partner)
  COORDINATOR=$(token bench-coordinator)
}

