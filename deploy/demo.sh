#!/usr/bin/env bash
# One command for a newcomer: install, build, create the demo database and serve the UI and
# API on http://127.0.0.1:8080. Stop with Ctrl-C. Usage: deploy/demo.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8080}
deploy/setup.sh build
mkdir -p demo
# The demo is loaded once, into a new database: `init --demo` refuses one that has users. Later
# runs only bring the schema up to date and print the sign-ins kept from the first.
if [[ ! -f demo/enlace.db ]]; then
  if ! build/enlace init --db demo/enlace.db --demo | tee demo/sign-ins.txt; then
    rm -f demo/enlace.db demo/enlace.db-wal demo/enlace.db-shm demo/sign-ins.txt  # try afresh next time
    exit 1
  fi
else
  build/enlace init --db demo/enlace.db
  cat demo/sign-ins.txt 2>/dev/null || true
fi
echo
echo "Open http://127.0.0.1:$port/ and sign in with one of the accounts above."
exec build/enlace serve --db demo/enlace.db --port "$port" --web-root web/dist --log-level warn
