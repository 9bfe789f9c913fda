#!/usr/bin/env bash
# Quick start, part two: install dependencies, build everything, and run the whole suite —
# unit, store (SQLite and a throw-away PostgreSQL 15), API over real HTTP, CLI, and the browser
# tests in Debian's Chromium. Extra arguments go to ctest (e.g. -L store, -R Roster).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
cd build/release
ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@"
