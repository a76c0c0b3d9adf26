# Sourced by the bench scripts that time one endpoint (gap_report.sh, audit_verify.sh): a work
# directory removed on exit, one `enlace serve` on a free port, and a sign-in. Expects ENLACE.

WORK=$(mktemp -d /tmp/enlace-bench.XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_server DB [NAME=VALUE...]: serves DB with those settings added to the environment;
# sets SERVER_PID and BASE (http://127.0.0.1:PORT) once it accepts connections.
start_server() {
  local db=$1
  shift
  env ENLACE_LOG_LEVEL=warn "$@" "$ENLACE" serve --db "$db" --port 0 >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$WORK/serve.log" && break
    sleep 0.1
  done
  BASE=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$WORK/serve.log" | head -1)
  [[ -n "$BASE" ]] || { echo "server did not start"; cat "$WORK/serve.log"; exit 1; }
}

# sign_in USERNAME PASSWORD: prints a bearer token.
sign_in() {
  curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "$BASE/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
