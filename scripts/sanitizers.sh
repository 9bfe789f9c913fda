#!/usr/bin/env bash
# The suite's sanitizer stage (scripts/test.sh runs it after the release suite): every test of the
# engines, importers, analytics jobs and server — the code that runs on several threads — under
# ThreadSanitizer, then each reader's fuzz target for a short run from its corpus under
# AddressSanitizer and UndefinedBehaviorSanitizer (scripts/fuzz.sh).
#   scripts/sanitizers.sh            ThreadSanitizer, then 20 s a fuzz target
#   scripts/sanitizers.sh 120        ... 120 s a fuzz target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

cmake --preset tsan >/dev/null
cmake --build build/tsan --target pl_network_test pl_ingest_test pl_analytics_test pl_server_test
# Tests of the binaries built here (the others are listed as *_NOT_BUILT); not the CLI, browser or
# shared-data ones. ASLR off: ThreadSanitizer's fixed shadow layout needs it on kernels that
# randomise mappings widely. A race fails its test.
(
  cd build/tsan
  TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1} \
    setarch "$(uname -m)" -R ctest --output-on-failure --timeout 900 -j"$(nproc)" \
    -LE "cli|browser|shared-data|fuzz" -E "_NOT_BUILT"
)

scripts/fuzz.sh "$seconds"
