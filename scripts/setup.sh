#!/usr/bin/env bash
# Everything `npm start` and `npm test` need on a fresh clone, each step only
# when missing: npm dependencies, then the two Temporal servers.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: the registry mirror lacks other
  # platforms' optional binaries (@swc/core-darwin-*, ...), so the lock file
  # cannot list them and `npm ci` refuses it; install still honours the lock.
  echo "setup: installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
bash scripts/setup-servers.sh
