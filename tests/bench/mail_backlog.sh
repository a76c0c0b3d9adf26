#!/usr/bin/env bash
# A backlog of queued notifications drains without slowing requests (issue #16): durable
# POST /api/v1/referrals at 16 connections while the mail sender drains BACKLOG queued mails
# into a real SMTP server on loopback (Debian's python3-aiosmtpd, tests/support/smtp_sink.py),
# against the same run with the same SMTP server and an empty queue. Rounds alternate
# (quiet backlog, backlog quiet, ...), each server on a fresh copy of one data set; prints the
# medians (min-max) of req/s, p50 and p99 per phase, p99 backlog/quiet, and how many of the
# backlog's mails were sent during each backlog run.
#
# Usage: tests/bench/mail_backlog.sh [BUILD] [CASES]   (defaults: build-bench, 10000)
# Environment: BACKLOG (10000), BENCH_SECONDS (8), BENCH_ROUNDS (3), BENCH_THREADS,
#   BENCH_KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/tests/bench
BUILD=$(realpath -m "${1:-build-bench}")
CASES=${2:-10000}
BACKLOG=${BACKLOG:-10000}
THREADS=${BENCH_THREADS:-$(nproc)}
SECONDS_EACH=${BENCH_SECONDS:-8}
ROUNDS=${BENCH_ROUNDS:-3}
IDLE=200
BENCH_TARGETS="enlace generate_dataset"
source "$BENCH/lib.sh"

D=$WORK/data
say "generating $CASES cases"
prepare "$D" "$CASES"
# Every bench user has an address and takes every mail at once (the API's defaults for their
# roles decide which events they get): the POSTs then queue mails of their own in both phases.
sqlite3 -bail "$D/bench.db" "UPDATE app_user SET email = username || '@bench.example'"
cp "$D/bench.db" "$WORK/quiet.db"
now_ms=$(($(date +%s) * 1000))
sqlite3 -bail "$D/bench.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $BACKLOG)
INSERT INTO mail_outbox (user_id, event, referral_id, status, created_at, next_attempt_at)
SELECT u.id, 'referral.created', r.id, 'requested', $now_ms, $now_ms
  FROM n, (SELECT id FROM app_user WHERE username = 'bench-partner') u,
       (SELECT id FROM referral WHERE status = 'requested' LIMIT 1) r;
SQL
cp "$D/bench.db" "$WORK/backlog.db"

# The SMTP server: one for the whole run, keeping what it receives on disk as the tests' does.
SMTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/mail"
# Debian's python3 (which has aiosmtpd), whatever python3 comes first on PATH.
/usr/bin/python3 "$ROOT/tests/support/smtp_sink.py" "$SMTP_PORT" "$WORK/mail" >"$WORK/smtp.log" 2>&1 &
PIDS+=("$!")
for i in $(seq 101); do
  ((i <= 100)) || { echo "the SMTP server did not start:" >&2; cat "$WORK/smtp.log" >&2; exit 1; }
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" 2>/dev/null && break
  sleep 0.1
done
ENLACE_WRAP="env ENLACE_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT ENLACE_MAIL_FROM=enlace@bench.example ENLACE_PUBLIC_URL=https://enlace.bench.example"

# The backlog's mails (made at $now_ms) already sent.
backlog_sent() {
  sqlite3 "$D/bench.db" "SELECT count(*) FROM mail_outbox WHERE state = 'sent' AND created_at = $now_ms"
}

echo "settings seconds=$SECONDS_EACH rounds=$ROUNDS backlog=$BACKLOG cases=$CASES threads=$THREADS" >>"$RESULTS"
echo "load avg1=$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"
for r in $(seq "$ROUNDS"); do
  order="quiet backlog"
  ((r % 2)) || order="backlog quiet"
  for phase in $order; do
    rm -f "$D"/bench.db-wal "$D"/bench.db-shm
    cp "$WORK/$phase.db" "$D/bench.db"
    sync
    start_enlace "$D"
    sign_in
    measure "$phase" referral_post "$ENLACE_BASE" 16 "$r" post_referral.lua \
      BENCH_TOKEN="$CASEWORKER" BENCH_IDS="$D/post_cases" BENCH_ORGS="$D/post_orgs"
    stop "$ENLACE_PID"
    echo "probe phase=$phase what=backlog_sent round=$r count=$(backlog_sent)" >>"$RESULTS"
  done
done
echo "load avg1=$(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"
cp "$RESULTS" "$BUILD/mail-backlog-results.txt"

python3 - "$RESULTS" <<'PY'
import statistics, sys
runs, probes, other = [], [], []
for line in open(sys.argv[1]):
    kind, *fields = line.split()
    rec = dict(f.split("=", 1) for f in fields if "=" in f)
    (runs if kind == "run" else probes if kind == "probe" else other).append((kind, rec))
for kind, rec in other:
    print(kind, " ".join(f"{k}={v}" for k, v in rec.items()))
def summary(values):
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"
p99 = {}
print("\n| phase | req/s median (min-max) | p50 ms | p99 ms | errors | backlog mails sent during the run |")
print("|---|---|---|---|---|---|")
for phase in ("quiet", "backlog"):
    rs = [r for _, r in runs if r["phase"] == phase]
    if not rs:
        continue
    p99[phase] = statistics.median(int(r["p99_us"]) / 1000 for r in rs)
    sent = [int(p["count"]) for _, p in probes if p["phase"] == phase]
    errors = sum(int(r["non2xx"]) + int(r.get("timeouts", 0)) for r in rs)
    print(f"| {phase} | {summary([float(r['rps']) for r in rs])} | "
          f"{summary([int(r['p50_us']) / 1000 for r in rs])} | "
          f"{summary([int(r['p99_us']) / 1000 for r in rs])} | {errors} | "
          f"{', '.join(map(str, sent))} |")
if "quiet" in p99 and "backlog" in p99:
    print(f"\np99 backlog/quiet: {p99['backlog'] / p99['quiet']:.2f} (target: at most 1.20)")
PY
