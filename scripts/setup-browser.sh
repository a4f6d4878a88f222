#!/usr/bin/env bash
# What the end-to-end tests need from Debian: Chromium for the dashboard, driven
# by playwright-core (Playwright's own browser download cannot work offline), and
# poppler-utils (pdftotext, pdftoppm) to read back and render the PDFs the API
# prints. Each installed with apt-get only when missing; PIPELINE_CHROMIUM points
# elsewhere.
set -euo pipefail
CHROMIUM="${PIPELINE_CHROMIUM:-/usr/bin/chromium}"
PACKAGES=()
if [ ! -x "$CHROMIUM" ]; then
  if [ -n "${PIPELINE_CHROMIUM:-}" ]; then
    echo "setup: PIPELINE_CHROMIUM=$CHROMIUM is not an executable" >&2
    exit 1
  fi
  PACKAGES+=(chromium)
fi
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then PACKAGES+=(poppler-utils); fi
if [ ${#PACKAGES[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: ${PACKAGES[*]} missing and installing needs root: apt-get install ${PACKAGES[*]}" >&2
    exit 1
  fi
fi
echo "setup: installing ${PACKAGES[*]} (apt-get) for the end-to-end tests"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
