#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests.
#   tests/support/pg_cluster.sh start DIR   initdb in DIR/data, start it on a free loopback port
#                                           (fsync on, unix socket in DIR), create the role and
#                                           database the tests use, print their URI
#   tests/support/pg_cluster.sh stop DIR    stop it and remove DIR
# The tests read the URI from ENLACE_TEST_POSTGRES (docs/DEVELOPING.md). PG_CLUSTER_OPTIONS:
# more server settings (`-c name=value ...`; the last of a name wins), for the benchmarks. PostgreSQL refuses to
# run as root, so as root the cluster belongs to the `postgres` user. Anyone on this machine may
# connect to it without a password (trust on loopback): it holds nothing but test data and
# lives as long as one test run.
set -euo pipefail

usage() { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)}
[[ -x "$bindir/initdb" ]] || { echo "pg_cluster: PostgreSQL 15 server not found (apt install postgresql-15, or set PG_BINDIR)" >&2; exit 1; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ ! -e "$dir/data" ]] || { echo "pg_cluster: $dir/data exists already" >&2; exit 1; }
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    # A free port: the kernel picks one for a socket that is closed at once; a clash with
    # another starter in between shows as a failed start, which is retried.
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    started=
    for _ in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=on -c max_connections=60 -c shared_buffers=32MB ${PG_CLUSTER_OPTIONS:-}" \
          start >/dev/null; then
        started=1
        break
      fi
    done
    [[ -n $started ]] || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    # The tests' role owns nothing but what it creates: each test makes its own database.
    as_owner "$bindir/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE enlace_test LOGIN CREATEDB" \
      -c "CREATE DATABASE enlace_test OWNER enlace_test" >/dev/null
    echo "postgresql://enlace_test@127.0.0.1:$port/enlace_test"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
