#!/usr/bin/env bash
# Builds everything: the C++ binary and tests (CMake preset, default "release") and the web app.
#   scripts/build.sh [release|debug|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
(cd web && npm run --silent build >/dev/null)
if [[ ! -f build/$preset/build.ninja ]]; then cmake --preset "$preset" >/dev/null; fi
cmake --build --preset "$preset" -- -j"$(nproc)"
