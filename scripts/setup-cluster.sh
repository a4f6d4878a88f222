#!/usr/bin/env bash
# What `npm run cluster` (and the cluster tests) need beyond `npm start`, each
# step only when missing:
#   - temporal-server and temporal-sql-tool, built from the Go module
#     go.temporal.io/server at the version the CLI embeds, beside the CLI in the
#     cache, with a version stamp;
#   - the PostgreSQL schema directories of that version, copied next to them, so
#     nothing reads the Go module cache at run time (an operator can copy the
#     cache's bin/ and temporal-schema/ to a machine without Go);
#   - PostgreSQL's binaries (scripts/setup-postgres.sh), unless
#     PIPELINE_DATABASE_URL names a server of the operator's.
# Nothing is downloaded from anywhere but package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${PIPELINE_CACHE_DIR:-$HOME/.cache/party-pipeline}"
# v1.29.1 is the server the CLI v1.5.1 embeds (its go.mod), so the cluster runs what the tests' dev server runs.
SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"
BIN="$CACHE/bin"
SCHEMA="$CACHE/temporal-schema/$SERVER_VERSION"
mkdir -p "$BIN"

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup-cluster: '$1' is required ($2)" >&2; exit 1; }; }

# --- temporal-server and temporal-sql-tool ------------------------------------
stamp="$BIN/temporal-server.version"
if [ -x "$BIN/temporal-server" ] && [ -x "$BIN/temporal-sql-tool" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$SERVER_VERSION" ]; then
  echo "setup-cluster: temporal-server and temporal-sql-tool $SERVER_VERSION cached in $BIN"
else
  need go "install Go 1.22+ to build the Temporal server from its module"
  echo "setup-cluster: building temporal-server and temporal-sql-tool $SERVER_VERSION from their Go module (first time only, a few minutes)"
  # `go install` names the binaries after their packages (server, sql): built aside, then renamed, so a build
  # that fails halfway leaves the previous pair and its stamp untouched.
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$work" go install \
    "go.temporal.io/server/cmd/server@$SERVER_VERSION" "go.temporal.io/server/cmd/tools/sql@$SERVER_VERSION"
  mv -f "$work/server" "$BIN/temporal-server"
  mv -f "$work/sql" "$BIN/temporal-sql-tool"
  echo "$SERVER_VERSION" > "$stamp"
fi

# --- the schema directories ---------------------------------------------------
if [ -f "$SCHEMA/.complete" ]; then
  echo "setup-cluster: PostgreSQL schemas of $SERVER_VERSION cached in $SCHEMA"
else
  need go "install Go 1.22+ to fetch the Temporal server's schemas from its module"
  module_dir="$(GOTOOLCHAIN=local go mod download -json "go.temporal.io/server@$SERVER_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [ -z "$module_dir" ] || [ ! -d "$module_dir/schema/postgresql/v12" ]; then
    echo "setup-cluster: go.temporal.io/server@$SERVER_VERSION has no schema/postgresql/v12 (module at '$module_dir')" >&2
    exit 1
  fi
  rm -rf "$SCHEMA"; mkdir -p "$SCHEMA/postgresql"
  cp -R "$module_dir/schema/postgresql/v12" "$SCHEMA/postgresql/v12"
  chmod -R u+w "$SCHEMA"   # the module cache is read-only; the copy need not be
  touch "$SCHEMA/.complete"
  echo "setup-cluster: PostgreSQL schemas of $SERVER_VERSION copied to $SCHEMA"
fi

# --- PostgreSQL -----------------------------------------------------------------
if [ -n "${PIPELINE_DATABASE_URL:-}" ]; then
  echo "setup-cluster: PIPELINE_DATABASE_URL is set: PostgreSQL is the operator's, nothing to install"
else
  bash scripts/setup-postgres.sh
fi
echo "setup-cluster: ready in $CACHE"
