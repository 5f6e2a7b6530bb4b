#!/usr/bin/env bash
# Fails when `buf lint` fails or when `buf generate` would change the committed generated code.
set -euo pipefail
cd "$(dirname "$0")/.."
npx buf lint
npx buf generate
if ! git diff --quiet --exit-code -- packages/proto/src/gen || [ -n "$(git ls-files --others --exclude-standard packages/proto/src/gen)" ]; then
  echo "error: generated code in packages/proto/src/gen is stale; run 'npm run proto:generate' and commit" >&2
  git status --short packages/proto/src/gen >&2
  exit 1
fi
echo "proto: lint ok, generated code fresh"
