#!/usr/bin/env bash
# `peerlearn survey` end to end on SQLite and on the throw-away PostgreSQL server: importing past
# results (strict, refused twice, nothing half-saved), the anonymous tables holding no link from
# answers to people, and the report's suppression of a four-person team by any subtraction.
set -uo pipefail
BIN=$1
source "$(dirname "$0")/lib.sh"
sql() {  # one value from the store
  if [[ $1 == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$2"; else psql -qAt "$1" -c "$2"; fi
}

for sub in import report waves instruments; do
  expect 0 "help for survey $sub" -- "$BIN" survey $sub --help; has "$OUT" "--db"
done

# 17 people: Eng/Platform 6, Eng/Data 4 (too small, and without e-mail addresses), Sales 7.
{
  echo "employee_id,name,team,email"
  for i in $(seq 1 6); do echo "P$i,Platform $i,Eng/Platform,p$i@x.io"; done
  for i in $(seq 1 4); do echo "D$i,Data $i,Eng/Data,"; done
  for i in $(seq 1 7); do echo "S$i,Sales $i,Sales,s$i@x.io"; done
} >"$WORK/roster.csv"
wave() {  # wave FILE PLATFORM-SCORE DATA-SCORE SALES-SCORE: every keyed answer = the score
  local f=$1; echo "employee_id,team,ps1,ps2,ps3,ps4,ps5,ps6,ps7" >"$f"
  row() { echo "$1,$2,$((8 - $3)),$3,$((8 - $3)),$3,$((8 - $3)),$3,$3"; }
  for i in $(seq 1 6); do row "P$i" Eng/Platform "$2"; done >>"$f"
  for i in $(seq 1 4); do row "D$i" Eng/Data "$3"; done >>"$f"
  for i in $(seq 1 7); do row "S$i" Sales "$(( $4 - (i % 2) ))"; done >>"$f"
}
wave "$WORK/spring.csv" 6 2 4
wave "$WORK/autumn-ids.csv" 6 2 6
cut -d, -f2- "$WORK/autumn-ids.csv" >"$WORK/autumn.csv"  # no respondent column at all

PG=$(cat "$PL_TEST_STATE_DIR/pg_url" 2>/dev/null || true)
[[ -n $PG ]] || { echo "FAIL: no PostgreSQL test server (run through ctest)"; exit 1; }
psql -q "$PG" -c "CREATE DATABASE survey_test_$$" || exit 1

for DB in "sqlite:$WORK/s.db" "${PG%/*}/survey_test_$$"; do
  echo "== $DB"
  expect 0 "roster" -- "$BIN" import roster "$WORK/roster.csv" --db "$DB"
  expect 1 "report without waves" -- "$BIN" survey report --db "$DB"; has "$ERR" "no survey waves yet"

  # Strict: one bad cell rejects the file and stores nothing, the instrument included.
  sed '3s/,6,/,9,/' "$WORK/spring.csv" >"$WORK/bad.csv"
  expect 1 "bad value" -- "$BIN" survey import "$WORK/bad.csv" --instrument psych-safety \
    --opens 2026-03-01 --respondent-column employee_id --db "$DB"
  has "$ERR" "bad.csv:3: error: column 'ps2' '9' is not on the scale 1..7"; has "$ERR" "nothing was imported"
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(*) FROM survey_waves") == 0 && $(sql "$DB" "SELECT COUNT(*) FROM instruments") == 0 ]] || fail "a rejected import left rows"
  expect 1 "unknown instrument" -- "$BIN" survey import "$WORK/spring.csv" --instrument nps --opens 2026-03-01 --db "$DB"
  has "$ERR" "unknown instrument 'nps'"
  expect 1 "k below 3" -- "$BIN" survey import "$WORK/spring.csv" --instrument psych-safety --opens 2026-03-01 --k 2 \
    --respondent-column employee_id --db "$DB"
  has "$ERR" "cannot be below 3"
  expect 1 "bad date" -- "$BIN" survey import "$WORK/spring.csv" --instrument psych-safety --opens March \
    --respondent-column employee_id --db "$DB"
  has "$ERR" "--opens: 'March' is not a date"

  expect 0 "import spring" -- "$BIN" survey import "$WORK/spring.csv" --instrument psych-safety \
    --opens 2026-03-01 --closes 2026-03-14 --title "Spring" --respondent-column employee_id --db "$DB"
  has "$OUT" "17 responses stored as wave #1"; has "$OUT" "17 completions recorded apart"
  expect 1 "the same file again" -- "$BIN" survey import "$WORK/spring.csv" --instrument psych-safety \
    --opens 2026-03-01 --respondent-column employee_id --db "$DB"
  has "$ERR" "already imported as wave 1"
  # Anonymous: the answers carry no respondent, only the day; completions have no answer link.
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(*) FROM survey_responses WHERE respondent_id IS NOT NULL") == 0 ]] || fail "anonymous answers carry respondent ids"
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(*) FROM survey_completions") == 17 ]] || fail "completions not recorded"
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(DISTINCT submitted_day) FROM survey_responses") == 1 ]] || fail "submission times not coarsened"
  if [[ $DB == sqlite:* ]]; then  # no hidden insertion-ordered rowid to line the two tables up
    checks=$((checks + 1)); ! sqlite3 "${DB#sqlite:}" "SELECT rowid FROM survey_responses" 2>/dev/null || fail "survey_responses has a rowid"
    checks=$((checks + 1)); ! sqlite3 "${DB#sqlite:}" "SELECT rowid FROM survey_completions" 2>/dev/null || fail "survey_completions has a rowid"
  fi
  expect 0 "import autumn" -- "$BIN" survey import "$WORK/autumn.csv" --instrument psych-safety \
    --opens 2026-09-01 --title "Autumn" --db "$DB"
  has "$OUT" "stored as wave #2"
  expect 0 "waves" -- "$BIN" survey waves --db "$DB"; has "$OUT" '"Autumn"'; has "$OUT" '"Spring"'

  expect 0 "report json" -- "$BIN" survey report --db "$DB"
  echo "$OUT" >"$WORK/report.json"
  checks=$((checks + 1))
  /usr/bin/python3 - "$WORK/report.json" <<'PY' || fail "report JSON"
import json, sys
r = json.load(open(sys.argv[1]))
g = {x["group"]: x for x in r["groups"]}
assert r["k"] == 5 and r["respondents"] == 17, r
# The four-person team shows nothing; nor does its sibling, since Eng minus Platform = Data.
assert g["Eng/Data"]["status"].startswith("suppressed: fewer than k"), g["Eng/Data"]
assert g["Eng/Platform"]["status"].startswith("suppressed: would reveal"), g["Eng/Platform"]
for name in ("Eng/Data", "Eng/Platform"):
    assert set(g[name]) == {"group", "status"}, g[name]
assert g["Eng"]["respondents"] == 10 and abs(g["Eng"]["subscales"][0]["mean"] - 4.4) < 1e-12
# Sales improved from about 3.6 to 5.6: the change and its interval come from the spring wave.
s = g["Sales"]["subscales"][0]
assert abs(s["change"]["difference"] - 2.0) < 1e-12, s
assert 0 < s["change"]["low"] < 2 < s["change"]["high"], s
PY
  expect 0 "report csv, k raised" -- "$BIN" survey report 1 --format csv --k 11 --db "$DB"
  has "$OUT" '"Eng",suppressed'; has "$OUT" '"(everyone)",shown,"scale:safety",17,'
  expect 0 "report --k cannot lower" -- "$BIN" survey report 2 --format csv --k 3 --db "$DB"
  has "$OUT" '"Eng/Data",suppressed'
  expect 1 "report of a missing wave" -- "$BIN" survey report 9 --db "$DB"; has "$ERR" "no wave #9"
  expect 1 "bad format" -- "$BIN" survey report --format xml --db "$DB"; has "$ERR" "json or csv"

  # A recurring wave: scheduled, opened by the job, invitations delivered once through a file.
  expect 1 "schedule for an unknown team" -- "$BIN" survey schedule --instrument learning-pulse \
    --first-opens 2026-01-05 --population Eng/Nope --db "$DB"
  has "$ERR" "no team 'Eng/Nope'"
  expect 1 "schedule open longer than its period" -- "$BIN" survey schedule \
    --instrument learning-pulse --first-opens 2026-01-05 --every-days 7 --open-days 10 --db "$DB"
  has "$ERR" "open_days: 1 to every_days (7)"
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(*) FROM survey_schedules") == 0 ]] || fail "a refused schedule was stored"
  FIRST=$(date -u -d '2 days ago' +%F)
  expect 0 "schedule" -- "$BIN" survey schedule --instrument learning-pulse --first-opens "$FIRST" \
    --every-days 42 --open-days 14 --title "Eng pulse" --population Eng --db "$DB"
  has "$OUT" "schedule #1"
  expect 0 "schedules" -- "$BIN" survey schedules --db "$DB"; has "$OUT" "every 42 days, open 14"
  rm -f "$WORK/outbox.jsonl"
  expect 0 "tick" -- "$BIN" survey tick --outbox "file:$WORK/outbox.jsonl" --db "$DB"
  has "$OUT" "1 waves opened, 10 invitations and 0 reminders queued, 6 sent, 4 failed"
  expect 0 "tick again" -- "$BIN" survey tick --outbox "file:$WORK/outbox.jsonl" --db "$DB"
  has "$OUT" "0 waves opened, 0 invitations and 0 reminders queued, 0 sent"
  checks=$((checks + 1)); [[ $(wc -l <"$WORK/outbox.jsonl") == 6 ]] || fail "outbox lines"
  checks=$((checks + 1)); [[ $(sql "$DB" "SELECT COUNT(*) FROM message_outbox WHERE given_up = 1 AND last_error = 'no e-mail address'") == 4 ]] || fail "undeliverable invitations not recorded"
  checks=$((checks + 1)); grep -q "\"subject\":\"Survey: Eng pulse, $FIRST\"" "$WORK/outbox.jsonl" || fail "invitation subject"
  expect 1 "tick with a bad outbox" -- "$BIN" survey tick --outbox "smtp://x" --db "$DB"
  has "$ERR" "not file:PATH, sendmail:COMMAND or log"
done
psql -q "$PG" -c "DROP DATABASE survey_test_$$" >/dev/null
finish
