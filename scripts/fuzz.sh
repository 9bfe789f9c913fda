#!/usr/bin/env bash
# Fuzzes the readers of the files users bring — network files, zip exports, Slack and Teams
# JSON, the import CSVs and workbooks — and the HTTP API's routes with libFuzzer (clang,
# AddressSanitizer and UndefinedBehaviorSanitizer on), each target for SECONDS (default 300),
# starting from its stored corpus. An input that
# fails is left as build/fuzz/<target>-crash-* (or -oom-, -timeout-) and the run stops there;
# add it to src/*/fuzz/corpus/<target>/ with the fix, so the replay test (ctest -L fuzz)
# keeps it fixed.
#   scripts/fuzz.sh                 every target, 300 s each
#   scripts/fuzz.sh 60 chat csv     those two, a minute each
# Inputs that reach new code are kept in build/fuzz/corpus-<target> (not in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(graph_file archive chat csv spreadsheet compressed api)
command -v clang++ >/dev/null || scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target "${targets[@]/#/pl_fuzz_}"
for t in "${targets[@]}"; do
  work=build/fuzz/corpus-$t
  mkdir -p "$work"
  echo "== $t: $seconds s"
  # Zip exports reach 1 MiB; the rest stay small. Memory is capped below the machine's.
  max_len=65536
  [[ $t == archive ]] && max_len=1048576
  seeds=$(echo src/*/fuzz/corpus/"$t")
  touch "build/fuzz/.started-$t"  # inputs an earlier run left are not this run's
  build/fuzz/src/*/fuzz/pl_fuzz_"$t" "$work" "$seeds" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="build/fuzz/$t-" -print_final_stats=1 2>&1 |
    grep -E '^#[0-9]+ +(INITED|DONE)|^(==|SUMMARY|artifact_prefix|Test unit|stat::(number_of_executed_units|peak_rss_mb))' ||
    true
  failed=$(find build/fuzz -maxdepth 1 -name "$t-*" -newer "build/fuzz/.started-$t")
  if [[ -n $failed ]]; then
    echo "$t: an input failed ($failed); replay it with $(echo build/fuzz/src/*/fuzz/pl_fuzz_"$t") FILE"
    exit 1
  fi
done
