#!/usr/bin/env bash
# Quick start, part one: install dependencies, build everything, and serve the demo
# organisation on the embedded SQLite store at http://127.0.0.1:8080.
# Extra arguments go to `peerlearn demo` (e.g. --people 2000 --seed 7 --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
exec build/release/src/cli/peerlearn demo "$@"
