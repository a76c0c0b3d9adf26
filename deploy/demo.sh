#!/usr/bin/env bash
# One command for a newcomer: install, build (only the server, with its UI inside), create the
# demo database and serve the UI and API on http://127.0.0.1:8080. Stop with Ctrl-C.
# Usage: deploy/demo.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8080}
deploy/setup.sh --demo build-demo
mkdir -p demo
if [[ ! -f demo/enlace.db ]]; then
  build-demo/enlace init --db demo/enlace.db --demo | tee demo/sign-ins.txt
else
  build-demo/enlace init --db demo/enlace.db
  cat demo/sign-ins.txt 2>/dev/null || true
fi
echo
echo "Open http://127.0.0.1:$port/ and sign in with one of the accounts above."
exec build-demo/enlace serve --db demo/enlace.db --port "$port" --log-level warn
