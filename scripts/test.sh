#!/usr/bin/env bash
# Quick start, part two: install dependencies, build everything, and run the whole suite —
# unit, store (SQLite and a throw-away PostgreSQL 15), API over real HTTP, CLI, and the browser
# tests in Debian's Chromium, then ThreadSanitizer and the fuzz targets (scripts/sanitizers.sh).
# Extra arguments go to ctest (e.g. -L store, -R Roster), and the sanitizer stage is left out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
(cd build/release && ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@")
# The whole suite (no arguments, as CI runs it) ends with the sanitizer stage: ThreadSanitizer on
# the threaded code's tests and a short run of every fuzz target (scripts/sanitizers.sh).
if [[ $# -eq 0 ]]; then
  scripts/sanitizers.sh
fi
