#!/usr/bin/env bash
# The browser for the dashboard's end-to-end tests: Debian's Chromium, driven
# by playwright-core (Playwright's own browser download cannot work offline).
# Installed with apt-get only when missing; PIPELINE_CHROMIUM points elsewhere.
set -euo pipefail
CHROMIUM="${PIPELINE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ -n "${PIPELINE_CHROMIUM:-}" ]; then
  echo "setup: PIPELINE_CHROMIUM=$CHROMIUM is not an executable" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: Chromium is missing and installing it needs root: apt-get install chromium" >&2
    exit 1
  fi
fi
echo "setup: installing Chromium (apt-get) for the dashboard tests"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
