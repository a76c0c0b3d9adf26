#!/usr/bin/env bash
# The OpenAPI document's contract checks, against the built binary (ENLACE_BINARY):
#  1. `redocly lint` with its recommended rules (redocly.yaml) on `enlace openapi`: an error
#     fails, warnings are printed and pass. External $refs (the official HSDS 3.0 schemas) are
#     stubbed for lint (stub_external_refs.py says why);
#  2. a TypeScript client generated from the document a running server serves
#     (openapi-typescript + openapi-fetch) signs in and registers a case (client/run.mjs).
# Usage: cd tests/contract && npm ci && ENLACE_BINARY=../../build/enlace ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${ENLACE_BINARY:?set ENLACE_BINARY to the built enlace}"
mkdir -p out
"$ENLACE_BINARY" openapi >out/openapi.json
python3 stub_external_refs.py out/openapi.json out/openapi-lint.json
npx --no-install redocly lint --config redocly.yaml --format=stylish out/openapi-lint.json
# The /hsds replies $ref the HSDS schemas by their published address; CI has no network, so
# the client generator reads the copies kept in the repository (schemas/hsds-3.0/) instead.
export HSDS_SCHEMAS_URL=https://raw.githubusercontent.com/openreferral/specification/3.0/schema/
node client/run.mjs
