#!/usr/bin/env bash
# Builds and runs every test: unit tests beside the code and the e2e scenarios in test/e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
node --test --test-reporter=spec "$@" dist/src dist/test
