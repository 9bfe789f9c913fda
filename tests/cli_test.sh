#!/usr/bin/env bash
# The peerlearn command line end to end, on SQLite and on the throw-away PostgreSQL server:
# help, exit codes, migrate, roster import (good, repeated, rejected, lenient), accounts, serve.
set -uo pipefail
BIN=$1; FIX=$2
source "$(dirname "$0")/lib.sh"

expect 0 "help" -- "$BIN" --help;                 has "$OUT" "import"
for sub in demo serve migrate "import roster" "import interactions" "import slack" "import teams" "user add"; do
  expect 0 "help for $sub" -- "$BIN" $sub --help; has "$OUT" "--db"
done
expect 1 "unknown subcommand" -- "$BIN" frobnicate; has "$ERR" "frobnicate"
expect 1 "bad database URL" -- "$BIN" migrate --db mysql://x; has "$ERR" "is not a database URL"
expect 0 "a file path is a SQLite store" -- "$BIN" migrate --db "$WORK/plain-path.db"
[[ -s $WORK/plain-path.db ]] || fail "--db PATH made no SQLite file at that path"
expect 1 "bad config value" -- env PEERLEARN_LISTEN=8080 "$BIN" serve --db "sqlite:$WORK/x.db"; has "$ERR" "PEERLEARN_LISTEN"

PG=$(cat "$PL_TEST_STATE_DIR/pg_url" 2>/dev/null || true)
[[ -n $PG ]] || { echo "FAIL: no PostgreSQL test server (run through ctest)"; exit 1; }
psql -q "$PG" -c "CREATE DATABASE cli_test_$$" || exit 1
snapshot() {  # the people, teams and skills, as text
  local q="SELECT p.external_id, p.name, p.title, p.level, p.active, COALESCE(m.external_id,''), COALESCE(t.path,'') FROM people p LEFT JOIN people m ON m.id = p.manager_id LEFT JOIN teams t ON t.id = p.team_id ORDER BY 1; SELECT COUNT(*) FROM person_skills; SELECT COUNT(*) FROM teams;"
  if [[ $1 == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$q"; else psql -qAt "$1" -c "$q"; fi
}

isnapshot() {  # the interactions, as text
  local q="SELECT src_person_id, dst_person_id, layer, ts, weight, source, context FROM interactions ORDER BY 1, 2, 3, 4, 7"
  if [[ $1 == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$q"; else psql -qAt "$1" -c "$q"; fi
}

# Pseudonymisation: a pseudonymised roster and a Slack export imported with the same key still
# meet; no employee id, e-mail, name or channel id reaches the store.
# The key is binary and ends with a newline byte, as one random 32-byte key in 256 does: it
# still counts as 32 bytes.
{ head -c 31 /dev/urandom; printf '\n'; } >"$WORK/key"
expect 0 "pseudonymise roster" -- "$BIN" pseudonymise-roster "$FIX/roster_good.csv" "$WORK/pseudo.csv" --key "$WORK/key"
has "$OUT" "5 people pseudonymised"
checks=$((checks + 1)); ! grep -qE "E1|Ada|ada@example.com" "$WORK/pseudo.csv" || fail "identities left in the pseudonymised roster"
expect 0 "pseudonymous roster import" -- "$BIN" import roster "$WORK/pseudo.csv" --db "sqlite:$WORK/p.db"
expect 0 "pseudonymous slack import" -- "$BIN" import slack "$FIX/slack_export" --pseudonymise-key "$WORK/key" --db "sqlite:$WORK/p.db"
has "$OUT" "3 by e-mail, 1 unmatched"
has "$OUT" "stored: 6 daily rows (6 new"
has "$OUT" "pseudonymised"
# (GLOB, not LIKE: SQLite's LIKE ignores case, and 1 random key in ~100 gives a pseudonymous
# name whose hex holds "ada".)
checks=$((checks + 1)); [[ -z $(sqlite3 "$WORK/p.db" "SELECT 1 FROM interactions WHERE context LIKE '%CPLAT%' UNION ALL SELECT 1 FROM people WHERE name GLOB '*Ada*' OR email LIKE '%example.com' OR external_id = 'E1'") ]] || fail "identities reached the pseudonymous store"
printf 'too-short' >"$WORK/short.key"
expect 1 "short key" -- "$BIN" import slack "$FIX/slack_export" --pseudonymise-key "$WORK/short.key" --db "sqlite:$WORK/p.db"
has "$ERR" "needs at least 32"

# A roster as spreadsheets save it: an .xlsx workbook written by openpyxl and an .ods one written
# by odfpy (levels as numbers, hire dates as dates, empty cells left out) and a
# semicolon-separated CSV, and tab-separated UTF-16 text as Excel saves "Unicode Text"; each
# imports as the CSV does. A zip that is no spreadsheet is refused, saying so, as is UTF-16 cut
# short.
/usr/bin/python3 - "$FIX/roster_good.csv" "$WORK/roster.xlsx" "$WORK/roster_semi.csv" "$WORK/not_a_book.zip" "$WORK/roster.ods" "$WORK/roster_unicode.txt" <<'PY' || fail "could not write the workbook"
import csv, datetime, sys, zipfile
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
rows = list(csv.reader(open(sys.argv[1], newline="")))
book = openpyxl.Workbook()
sheet = book.active
sheet.append(rows[0])
for r in rows[1:]:
    r = [x if x else None for x in r]
    r[4], r[8] = int(r[4]), datetime.date.fromisoformat(r[8])
    sheet.append(r)
book.save(sys.argv[2])
with open(sys.argv[3], "w", newline="") as f:
    csv.writer(f, delimiter=";").writerows(rows)
with zipfile.ZipFile(sys.argv[4], "w") as z:
    z.writestr("users.json", "[]")
ods = OpenDocumentSpreadsheet()
table = Table(name="People")
for i, r in enumerate(rows):
    row = TableRow()
    for j, x in enumerate(r):
        if not x:
            cell = TableCell()
        elif i > 0 and j == 4:
            cell = TableCell(valuetype="float", value=int(x))
        elif i > 0 and j == 8:
            cell = TableCell(valuetype="date", datevalue=x)
        else:
            cell = TableCell(valuetype="string")
        if x:
            cell.addElement(P(text=x))
        row.addElement(cell)
    table.addElement(row)
ods.spreadsheet.addElement(table)
ods.save(sys.argv[5])
with open(sys.argv[6], "wb") as f:
    f.write("\r\n".join("\t".join(r) for r in rows).encode("utf-16") + "\r\n".encode("utf-16-le"))
PY
roster_dates() { sqlite3 "$1" "SELECT external_id, hire_date, location, timezone FROM people ORDER BY 1"; }
expect 0 "roster from CSV" -- "$BIN" import roster "$FIX/roster_good.csv" --db "sqlite:$WORK/from_csv.db"
for f in roster.xlsx roster.ods roster_semi.csv roster_unicode.txt; do
  expect 0 "roster from $f" -- "$BIN" import roster "$WORK/$f" --db "sqlite:$WORK/from_$f.db"
  has "$OUT" "5 rows, 5 added, 0 updated, 0 unchanged"
  checks=$((checks + 1))
  [[ "$(snapshot "sqlite:$WORK/from_$f.db")" == "$(snapshot "sqlite:$WORK/from_csv.db")" &&
     "$(roster_dates "$WORK/from_$f.db")" == "$(roster_dates "$WORK/from_csv.db")" ]] ||
    fail "$f imported other than the CSV"
done
expect 1 "a zip that is no workbook" -- "$BIN" import roster "$WORK/not_a_book.zip" --db "sqlite:$WORK/from_csv.db"
has "$ERR" "not_a_book.zip: a zip file, but not a spreadsheet (.xlsx or .ods"
head -c 101 "$WORK/roster_unicode.txt" >"$WORK/roster_cut.txt"
expect 1 "UTF-16 cut short" -- "$BIN" import roster "$WORK/roster_cut.txt" --db "sqlite:$WORK/from_csv.db"
has "$ERR" "roster_cut.txt: the text is UTF-16 (it starts with a byte-order mark), cut short at byte 100"

for DB in "sqlite:$WORK/cli.db" "${PG%/*}/cli_test_$$"; do
  echo "--- $DB"
  expect 0 "migrate" -- "$BIN" migrate --db "$DB";          has "$OUT" "schema at version 18 (was 0)"
  expect 0 "migrate again" -- "$BIN" migrate --db "$DB";    has "$OUT" "already up to date"
  expect 0 "import good" -- "$BIN" import roster "$FIX/roster_good.csv" --db "$DB"
  has "$OUT" "5 rows, 5 added, 0 updated, 0 unchanged"
  expect 0 "import again" -- "$BIN" import roster "$FIX/roster_good.csv" --db "$DB"
  has "$OUT" "0 added, 0 updated, 5 unchanged"
  before=$(snapshot "$DB")

  # A manager cycle, a duplicate id and a bad date: rejected whole, with lines, store unchanged.
  expect 1 "import bad" -- "$BIN" import roster "$FIX/roster_bad.csv" --db "$DB" --sync
  has "$ERR" "roster_bad.csv:7: error: column 'manager_employee_id' manager cycle: E6 -> E7 -> E6"
  has "$ERR" "roster_bad.csv:8: error: column 'manager_employee_id' manager cycle: E6 -> E7 -> E6"
  has "$ERR" "roster_bad.csv:9: error: column 'employee_id' 'E3' is a duplicate of line 4"
  has "$ERR" "roster_bad.csv:10: error: column 'hire_date' '2024-02-30' is not a valid calendar date"
  has "$ERR" "4 error(s) in 9 rows"
  has "$ERR" "nothing was imported"
  checks=$((checks + 1)); [[ "$(snapshot "$DB")" == "$before" ]] || fail "a rejected import changed the store"

  expect 0 "dry run" -- "$BIN" import roster "$FIX/roster_bad.csv" --db "$DB" --lenient --dry-run
  has "$OUT" "dry run, nothing written"
  checks=$((checks + 1)); [[ "$(snapshot "$DB")" == "$before" ]] || fail "a dry run changed the store"
  expect 0 "lenient" -- "$BIN" import roster "$FIX/roster_bad.csv" --db "$DB" --lenient
  has "$OUT" "9 rows, 0 added, 1 updated, 4 unchanged, 0 deactivated, 4 skipped"
  expect 1 "missing file" -- "$BIN" import roster "$WORK/none.csv" --db "$DB"; has "$ERR" "is not a readable file"

  expect 0 "interactions" -- "$BIN" import interactions "$FIX/interactions.csv" --db "$DB"
  has "$OUT" "4 rows, 4 interactions added, 0 already present, 0 skipped"
  expect 0 "interactions again" -- "$BIN" import interactions "$FIX/interactions.csv" --db "$DB"
  has "$OUT" "0 interactions added, 4 already present"
  printf 'source,target,timestamp\nE1,E404,2026-02-01\n' >"$WORK/bad_inter.csv"
  expect 1 "bad interactions" -- "$BIN" import interactions "$WORK/bad_inter.csv" --db "$DB"
  has "$ERR" "bad_inter.csv:2: error: column 'target' unknown person 'E404'"
  # Nominations as a matrix: refused without a date (the store as it was), then with one.
  printf '"",E1,E2,E3\nE1,0,1,0\nE2,2,0,1\nE3,0,0,0\n' >"$WORK/matrix.csv"
  ibefore=$(isnapshot "$DB")
  expect 1 "matrix without a date" -- "$BIN" import nominations "$WORK/matrix.csv" --db "$DB"
  has "$ERR" "matrix.csv:1: error: a matrix names no dates"
  checks=$((checks + 1)); [[ "$(isnapshot "$DB")" == "$ibefore" ]] || fail "a refused matrix changed the store"
  expect 1 "bad date" -- "$BIN" import nominations "$WORK/matrix.csv" --db "$DB" --date soon
  has "$ERR" "--date: "
  expect 0 "matrix" -- "$BIN" import nominations "$WORK/matrix.csv" --db "$DB" --date 2026-02-15
  has "$OUT" "3 rows, 3 interactions added, 0 already present, 0 skipped"
  expect 0 "matrix of another question" -- "$BIN" import nominations "$WORK/matrix.csv" --db "$DB" --date 2026-02-15 --question friendship
  has "$OUT" "3 rows, 3 interactions added, 0 already present, 0 skipped"
  expect 0 "matrix again" -- "$BIN" import nominations "$WORK/matrix.csv" --db "$DB" --date 2026-02-15 --question friendship
  has "$OUT" "3 rows, 0 interactions added, 3 already present, 0 skipped"
  # Kudos (the note never read: a warning) and project debriefs (helpers in numbered columns,
  # the project given on the command line); a debrief without helpers is refused, the store kept.
  printf 'giver,receiver,given_at,note\nE1,E2,2026-02-16,"thanks, =cmd"\nE3,E2,2026-02-16,\n' >"$WORK/kudos.csv"
  expect 0 "kudos" -- "$BIN" import kudos "$WORK/kudos.csv" --db "$DB"
  has "$OUT" "2 rows, 2 interactions added, 0 already present, 0 skipped"
  has "$ERR" "column 'note' message text is never imported; column ignored"
  printf 'respondent,helper_1,helper_2,date\nE1,E2,E3,2026-02-17\nE2,E3,,2026-02-17\n' >"$WORK/debriefs.csv"
  expect 0 "debriefs" -- "$BIN" import debriefs "$WORK/debriefs.csv" --db "$DB" --project Apollo
  has "$OUT" "2 rows, 3 interactions added, 0 already present, 0 skipped"
  expect 0 "debriefs of another project" -- "$BIN" import debriefs "$WORK/debriefs.csv" --db "$DB" --project Zeus
  has "$OUT" "2 rows, 3 interactions added, 0 already present, 0 skipped"
  printf 'respondent,date\nE1,2026-02-17\n' >"$WORK/helperless.csv"
  ibefore=$(isnapshot "$DB")
  expect 1 "debriefs without helpers" -- "$BIN" import debriefs "$WORK/helperless.csv" --db "$DB"
  has "$ERR" "helper_1, helper_2"
  checks=$((checks + 1)); [[ "$(isnapshot "$DB")" == "$ibefore" ]] || fail "a refused debrief changed the store"

  # Slack: the fixture export as a folder and as a zip (the same interactions: nothing twice).
  expect 0 "slack folder" -- "$BIN" import slack "$FIX/slack_export" --db "$DB"
  has "$OUT" "1 message files in 1 conversations"
  has "$OUT" "accounts: 5 (1 bots), 0 matched by the mapping, 0 by linked accounts, 3 by e-mail, 1 unmatched (UGUEST guest)"
  has "$OUT" "link unmatched accounts to people once with 'peerlearn accounts slack --link MAPPING.csv'"
  has "$OUT" "messages: 5, by people: 2"
  has "$OUT" "interactions: reply 1 mention 1 reaction 2 thread 2"
  has "$OUT" "stored: 6 daily rows (6 new, 0 raised, 0 already present)"
  has "$OUT" "Not kept: message text"
  (cd "$FIX/slack_export" && zip -qr "$WORK/slack.zip" .)
  expect 0 "slack zip again" -- "$BIN" import slack "$WORK/slack.zip" --db "$DB" --threads 2
  has "$OUT" "stored: 6 daily rows (0 new, 0 raised, 6 already present)"
  # Into a store whose one person has none of the export's accounts: nothing to keep, and said so.
  printf 'employee_id,name,email,team\nX1,Xu,xu@elsewhere.example,Eng\n' >"$WORK/stranger.csv"
  expect 0 "roster of a stranger" -- "$BIN" import roster "$WORK/stranger.csv" --db "sqlite:$WORK/stranger.db"
  expect 0 "slack, nobody matched" -- "$BIN" import slack "$FIX/slack_export" --db "sqlite:$WORK/stranger.db"
  has "$OUT" "0 by e-mail, 4 unmatched"; has "$OUT" "interactions: none; threads with 2+ people 0"
  has "$OUT" "stored: 0 daily rows"
  # What the export names is printed printably: an escape sequence in a name or a subtype
  # reaches the terminal as '?', never as the control character.
  cp -r "$FIX/slack_export" "$WORK/hostile"
  sed -i 's|"name": "guest"|"name": "guest\\u001b[2J\\u009b31m"|' "$WORK/hostile/users.json"
  printf '[{"user": "UADA", "ts": "1770000000.000100", "subtype": "x\\u001b]0;owned\\u0007"}]\n' \
    >"$WORK/hostile/platform/2026-02-05.json"
  expect 0 "slack export with escapes" -- "$BIN" import slack "$WORK/hostile" --db "$DB" --dry-run
  has "$OUT" "1 unmatched (UGUEST guest?[2J?31m)"
  has "$OUT" "skipped, system: x?]0;owned?: 1"
  has "$OUT" "would store: "
  has "$OUT" "s weighing against the store (nothing kept)"
  checks=$((checks + 1)); ! grep -q $'\x1b' <<<"$OUT" || fail "an escape reached the output: $OUT"
  ibefore=$(isnapshot "$DB")
  cp -r "$FIX/slack_export" "$WORK/broken"; echo '[{"user": "UADA", "ts": ' >"$WORK/broken/platform/2026-02-03.json"
  expect 1 "slack malformed" -- "$BIN" import slack "$WORK/broken" --db "$DB"
  has "$ERR" "platform/2026-02-03.json: byte "
  has "$ERR" "nothing was imported"
  # Many malformed files: the first 20 named, the rest counted.
  for d in $(seq -w 1 28); do echo '[{"user": ' >"$WORK/broken/platform/2026-03-$d.json"; done
  for d in $(seq -w 1 6); do echo '[{"user": ' >"$WORK/broken/platform/2026-04-0$d.json"; done
  expect 1 "slack, 35 malformed files" -- "$BIN" import slack "$WORK/broken" --db "$DB"
  checks=$((checks + 1)); [[ $(grep -c ': byte ' <<<"$ERR") == 20 ]] || fail "expected 20 files named: $ERR"
  has "$ERR" "15 more malformed file(s) and 0 more warning(s) not shown"
  has "$ERR" "35 malformed file(s); nothing was imported"
  printf 'x' >"$WORK/evil.txt"
  (cd "$WORK" && rm -f evil.zip && python3 -c "
import zipfile; z = zipfile.ZipFile('evil.zip', 'w'); z.writestr('users.json', '[]'); z.writestr('../../etc/evil.json', '[]'); z.close()")
  expect 1 "slack hostile zip" -- "$BIN" import slack "$WORK/evil.zip" --db "$DB"
  has "$ERR" "unsafe name"
  expect 1 "slack entry limit" -- "$BIN" import slack "$WORK/slack.zip" --db "$DB" --max-entries 2
  has "$ERR" "over the limit of 2"
  checks=$((checks + 1)); [[ "$(isnapshot "$DB")" == "$ibefore" ]] || fail "a refused chat import changed the store"

  # Linking the guest's account once: a file naming somebody not in the roster links nothing
  # (unless --lenient); later imports match the account without a mapping.
  expect 0 "no accounts linked" -- "$BIN" accounts slack --db "$DB"; has "$OUT" "no slack accounts linked"
  printf 'slack_id,employee_id\nUGUEST,E4\nUNOBODY,E404\n' >"$WORK/links.csv"
  expect 1 "link naming nobody" -- "$BIN" accounts slack --link "$WORK/links.csv" --db "$DB"
  has "$OUT" "account UNOBODY: employee id E404 is not in the roster"
  has "$ERR" "1 of 2 rows name an employee id not in the roster; nothing linked"
  expect 0 "link, dry run" -- "$BIN" accounts slack --link "$WORK/links.csv" --lenient --dry-run --db "$DB"
  has "$OUT" "dry run: would link 1 of 2 accounts"; has "$OUT" "no slack accounts linked"
  expect 0 "link, lenient" -- "$BIN" accounts slack --link "$WORK/links.csv" --lenient --db "$DB"
  has "$OUT" "linked 1 of 2 accounts (0 already so, 1 naming nobody in the roster)"
  has "$OUT" "UGUEST  E4  Dijkstra, Edsger  20"
  expect 0 "teams accounts apart" -- "$BIN" accounts teams --db "$DB"; has "$OUT" "no teams accounts linked"
  expect 0 "slack after linking" -- "$BIN" import slack "$FIX/slack_export" --db "$DB"
  has "$OUT" "0 matched by the mapping, 1 by linked accounts, 3 by e-mail, 0 unmatched"
  has "$OUT" "messages: 5, by people: 3"
  has "$OUT" "stored: 7 daily rows (1 new, 0 raised, 6 already present)"
  expect 0 "unlink" -- "$BIN" accounts slack --unlink UGUEST --unlink UNOBODY --db "$DB"
  has "$OUT" "unlinked 1 of 2 accounts"; has "$OUT" "no slack accounts linked"
  # An unmatched account named as one person of the roster is (case and spaces aside): suggested.
  rm -rf "$WORK/named"; cp -r "$FIX/slack_export" "$WORK/named"
  sed -i 's/"name": "guest",/"name": "guest", "real_name": "dijkstra,  EDSGER",/' "$WORK/named/users.json"
  expect 0 "slack, an account named as a person" -- "$BIN" import slack "$WORK/named" --dry-run --db "$DB"
  has "$OUT" "unmatched (UGUEST dijkstra,  EDSGER)"
  has "$OUT" "unmatched accounts named as one person of the roster is: UGUEST → E4"
  # The unmatched accounts as a mapping template: blank rows link nothing, filled ones link.
  expect 0 "slack, unmatched accounts written out" -- "$BIN" import slack "$WORK/named" --dry-run --unmatched-out "$WORK/unmatched.csv" --db "$DB"
  has "$OUT" "unmatched.csv: 1 unmatched accounts"
  checks=$((checks + 1))
  [[ $(cat "$WORK/unmatched.csv") == $'slack_id,name,employee_id\nUGUEST,"dijkstra,  EDSGER",E4' ]] || fail "unmatched template: $(cat "$WORK/unmatched.csv")"
  printf 'slack_id,name,employee_id\nUGUEST,guest,\n' >"$WORK/blank.csv"
  expect 0 "link a blank template" -- "$BIN" accounts slack --link "$WORK/blank.csv" --db "$DB"
  has "$OUT" "linked 0 of 0 accounts (0 already so, 0 naming nobody in the roster); 1 rows left blank"
  expect 0 "link the template" -- "$BIN" accounts slack --link "$WORK/unmatched.csv" --db "$DB"
  has "$OUT" "linked 1 of 1 accounts"; has "$OUT" "UGUEST  E4  Dijkstra, Edsger"

  expect 1 "weak password" -- bash -c "echo short | '$BIN' user add root --role admin --password-stdin --db '$DB'"
  has "$ERR" "at least 10 characters"
  expect 0 "first admin" -- bash -c "echo a-good-password-1 | '$BIN' user add root --role admin --password-stdin --db '$DB'"
  has "$OUT" "created admin account 'root'"
  expect 1 "duplicate user" -- bash -c "echo a-good-password-1 | '$BIN' user add root --role admin --password-stdin --db '$DB'"
  has "$ERR" "is taken"
  expect 1 "unknown person" -- "$BIN" user add ghost --role employee --person E404 --generate-password --db "$DB"
  has "$ERR" "no person with employee id 'E404'"
  expect 1 "bad role" -- "$BIN" user add x --role boss --generate-password --db "$DB"; has "$ERR" "--role must be"
  expect 0 "employee account" -- "$BIN" user add grace --role manager --person E2 --generate-password --db "$DB"
  has "$OUT" "with password: "
done

# serve: binds a free port, answers, and stops cleanly on SIGTERM. Nothing was analysed yet, so
# the server analyses the network at once (every interaction: PEERLEARN_NETWORK_ANALYZE_DAYS=0).
checks=$((checks + 1)); [[ $(count "sqlite:$WORK/cli.db" network_snapshots) == 0 ]] || fail "a snapshot before serving"
PEERLEARN_NETWORK_ANALYZE_DAYS=0 "$BIN" serve --db "sqlite:$WORK/cli.db" --listen 127.0.0.1:0 >"$WORK/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/serve.out" && break; sleep 0.1; done
for _ in $(seq 1 100); do grep -q "network analysis: snapshot 1 stored" "$WORK/serve.out" && break; sleep 0.1; done
has "$(cat "$WORK/serve.out")" "network analysis: snapshot 1 stored"
checks=$((checks + 1)); [[ $(count "sqlite:$WORK/cli.db" network_snapshots) == 1 ]] || fail "serving stored no snapshot"
expect 0 "the scheduled snapshot listed" -- "$BIN" snapshots --db "sqlite:$WORK/cli.db"; has "$OUT" "all time (scheduled)"

port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1 | cut -d: -f2)
checks=$((checks + 1))
curl -sf "http://127.0.0.1:$port/api/v1/health" | grep -q '"status":"ok"' || fail "serve did not answer on port $port"
kill -TERM $pid; wait $pid; code=$?
checks=$((checks + 1)); [[ $code == 0 ]] || fail "serve exited $code after SIGTERM"
has "$(cat "$WORK/serve.out")" "peerlearn: stopped"

# audit: the log as CSV, narrowed; the scheduled analysis is there, by nobody; each export is
# itself logged; bad filters are refused.
expect 0 "audit help" -- "$BIN" audit --help; has "$OUT" "--action"
expect 0 "audit, analyses" -- "$BIN" audit --action network.analyze --db "sqlite:$WORK/cli.db"
has "$OUT" "id,time,username,role,user_employee_id,user_name,action,target,target_employee_id,target_name,detail"
has "$OUT" ",,,,,network.analyze,snapshot:1,,,\"scheduled every 168 hours, every interaction\""
checks=$((checks + 1)); [[ $(wc -l <<<"$OUT") == 2 ]] || fail "audit --action network.analyze: $OUT"
expect 0 "audit to a file" -- "$BIN" audit --action audit. --out "$WORK/audit.csv" --db "sqlite:$WORK/cli.db"
has "$ERR" "1 entry written to $WORK/audit.csv"
has "$(cat "$WORK/audit.csv")" ",audit.export,audit_log,,,\"1 entry, on the command line\""
expect 1 "audit, a bad day" -- "$BIN" audit --from 2026-02-30 --db "sqlite:$WORK/cli.db"; has "$ERR" "--from must be a date"
expect 1 "audit, nobody" -- "$BIN" audit --user ghost --db "sqlite:$WORK/cli.db"; has "$ERR" "no account 'ghost'"
expect 1 "audit, a range the wrong way" -- "$BIN" audit --from 2026-02-02 --to 2026-02-01 --db "sqlite:$WORK/cli.db"; has "$ERR" "--from must be before --to"

# Retention: a server keeping interactions 30 days deletes those that happened before at once
# (the fixtures' January 2026 ones among them), keeps the rest, and says so in the audit log.
all_before=$(count "sqlite:$WORK/cli.db" interactions)
old=$(sqlite3 "$WORK/cli.db" "SELECT COUNT(*) FROM interactions WHERE ts < (strftime('%s','now') - 30 * 86400) * 1000000")
checks=$((checks + 1)); (( old >= 4 )) || fail "only $old interactions older than 30 days"
PEERLEARN_INTERACTIONS_KEEP_DAYS=30 PEERLEARN_NETWORK_ANALYZE_HOURS=0 "$BIN" serve --db "sqlite:$WORK/cli.db" --listen 127.0.0.1:0 >"$WORK/serve2.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "interaction retention" "$WORK/serve2.out" && break; sleep 0.1; done
kill -TERM $pid; wait $pid
has "$(cat "$WORK/serve2.out")" "interaction retention: $old interactions older than 30 days deleted"
checks=$((checks + 1)); [[ $(count "sqlite:$WORK/cli.db" interactions) == $((all_before - old)) ]] || fail "not $((all_before - old)) interactions left after the retention"
expect 0 "audit, pruning" -- "$BIN" audit --action interactions.prune --db "sqlite:$WORK/cli.db"
has "$OUT" ",interactions.prune,interactions,,,$old interactions from before "
# ... and an import under that retention keeps nothing older (the pruned rows stay gone).
left=$(count "sqlite:$WORK/cli.db" interactions)
expect 0 "import under a retention" -- env PEERLEARN_INTERACTIONS_KEEP_DAYS=30 "$BIN" import interactions "$FIX/interactions.csv" --db "sqlite:$WORK/cli.db"
has "$OUT" "4 rows, 0 interactions added, 0 already present, 4 older than the retention (30 days) not kept"
checks=$((checks + 1)); [[ $(count "sqlite:$WORK/cli.db" interactions) == "$left" ]] || fail "an import under a retention added old interactions"

psql -q "$PG" -c "DROP DATABASE cli_test_$$" >/dev/null 2>&1
finish
