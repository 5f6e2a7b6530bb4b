#!/usr/bin/env bash
# Generates TypeScript for the MLS working group's interop harness contract
# (`$PARLEY_SHARED/interop/mls_client.proto`, default ../shared) into packages/interop/src/gen,
# which git ignores: the contract is read from the shared folder through the one setting, never
# copied. Under CI a missing contract fails; elsewhere it is reported and the step is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PARLEY_SHARED:-../shared}"
proto_dir="$shared/interop"
if [ ! -f "$proto_dir/mls_client.proto" ]; then
  echo "interop: contract missing: $proto_dir/mls_client.proto (set PARLEY_SHARED to the folder holding interop/)" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 0
fi
npx buf generate "$proto_dir" --template buf.gen.interop.yaml
echo "interop: generated packages/interop/src/gen from $proto_dir/mls_client.proto"
