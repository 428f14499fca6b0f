#!/usr/bin/env bash
# The contract lint of `npm run lint`: the OpenAPI document the app serves must pass Spectral (spectral:oas and
# the OWASP API Security ruleset, .spectral.yaml) and Redocly (redocly.yaml) with no error and no warning.
#   scripts/lint-contract.sh             builds the app and lints the document it serves right now
#   scripts/lint-contract.sh <file>      lints that document (test/lint proves a regression fails)
set -euo pipefail
cd "$(dirname "$0")/.."

document=${1:-}
if [ -z "$document" ]; then
  # Inside the repository (git-ignored): the rule overrides in .spectral.yaml match files under it only.
  document=dist-tools/served/openapi.json
  mkdir -p "$(dirname "$document")"
  npm run build >/dev/null
  npx tsc -p tsconfig.tools.json
  npm exec -- node dist-tools/scripts/write-openapi.js "$document" >/dev/null
fi

echo "== spectral (spectral:oas + OWASP API Security) on the served document"
npx spectral lint "$document" --ruleset .spectral.yaml --fail-severity warn --display-only-failures
echo "== redocly lint on the served document"
npx redocly lint "$document" --config redocly.yaml --format stylish
