#!/usr/bin/env bash
# The OpenAPI document's contract checks, against the built binary (ENLACE_BINARY):
#  1. `redocly lint` with its recommended rules on `enlace openapi`: an error fails, warnings
#     are printed and pass;
#  2. a TypeScript client generated from the document a running server serves
#     (openapi-typescript + openapi-fetch) signs in and registers a case (client/run.mjs).
# Usage: cd tests/contract && npm ci && ENLACE_BINARY=../../build/enlace ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${ENLACE_BINARY:?set ENLACE_BINARY to the built enlace}"
mkdir -p out
"$ENLACE_BINARY" openapi >out/openapi.json
npx --no-install redocly lint --extends=recommended --format=stylish out/openapi.json
node client/run.mjs
