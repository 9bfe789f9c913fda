# Shared by the command-line tests: a scratch folder and check helpers.
#   source lib.sh; expect 0 "help" -- "$BIN" --help; has "$OUT" "import"; ...; finish
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
failures=0; checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect CODE DESCRIPTION -- command...: runs it, keeps stdout/stderr in $OUT/$ERR.
expect() {
  local want=$1 what=$2; shift 3
  checks=$((checks + 1))
  "$@" >"$WORK/out" 2>"$WORK/err" </dev/null; local got=$?
  OUT=$(cat "$WORK/out"); ERR=$(cat "$WORK/err")
  [[ $got == "$want" ]] || fail "$what: exit $got, wanted $want; stdout: $OUT; stderr: $ERR"
}
count() {  # rows in a table: count DB TABLE
  if [[ $1 == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "SELECT COUNT(*) FROM $2"; else psql -qAt "$1" -c "SELECT COUNT(*) FROM $2"; fi
}
has() { checks=$((checks + 1)); grep -qF -- "$2" <<<"$1" || fail "expected '$2' in: $1"; }
# Prints the tally; the exit status says whether everything held.
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures == 0 ]]
}
