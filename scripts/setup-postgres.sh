#!/usr/bin/env bash
# PostgreSQL's server binaries (initdb, postgres, pg_ctl) from Debian's package,
# installed only when no /usr/lib/postgresql/*/bin/initdb is there yet. Used by
# `npm run cluster` and by the tests that start a throwaway server of their own.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "setup-postgres: PostgreSQL found: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-postgres: no /usr/lib/postgresql/*/bin/initdb and no apt-get: install PostgreSQL 12+ yourself," \
    "or set PIPELINE_DATABASE_URL to a server of yours" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-postgres: installing postgresql needs root (or sudo)" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup-postgres: installing Debian's postgresql package"
$sudo apt-get update -qq
# Debian's package may create and start a cluster of its own on 5432; the project's runs use data directories and ports of their own.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
  echo "setup-postgres: postgresql installed, but no /usr/lib/postgresql/*/bin/initdb" >&2
  exit 1
}
echo "setup-postgres: PostgreSQL installed: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
