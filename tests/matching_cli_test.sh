#!/usr/bin/env bash
# `peerlearn mentors match --problem FILE` end to end: the optimum and its explanations as JSON,
# the greedy baseline, and refusals that name the field.
set -uo pipefail
BIN=$1
FIXTURES=$2
source "$(dirname "$0")/lib.sh"

expect 0 "help" -- "$BIN" mentors match --help; has "$OUT" "--problem"
expect 0 "match" -- "$BIN" mentors match --problem "$FIXTURES/mentors_problem.json" --out "$WORK/solution.json"
has "$ERR" "3 of 4 mentees matched (optimal)"
has "$ERR" "1 mentee has no eligible mentor at all"
checks=$((checks + 1))
/usr/bin/python3 - "$WORK/solution.json" <<'PY' || fail "solution JSON"
import json, sys
s = json.load(open(sys.argv[1]))
m = {x["mentee"]: x for x in s["matches"]}
# E2's manager is E1: Fay (a champion, one place) takes him; E4 goes to Ana, whom E4 rated 5;
# E7 may not have Ana (excluded) nor Fay (his manager): Cy, at level 4 in presenting.
assert {k: v["mentor"] for k, v in m.items()} == {"E2": "E6", "E4": "E1", "E7": "E3"}, m
assert m["E7"]["explanation"].startswith("Cy Chen is at level 4 in presenting; you are at 1"), m["E7"]
assert "a bridge across the organisation" in m["E7"]["explanation"]
assert abs(s["objective"] - sum(x["score"]["total"] for x in s["matches"])) < 1e-12
u = s["unmatched_mentees"]
assert [x["mentee"] for x in u] == ["E5"] and "too little shared working time" in u[0]["reason"], u
for x in s["matches"]:
    assert x["mentor"] not in [a["mentor"] for a in x["alternatives"]]
PY
expect 0 "greedy" -- "$BIN" mentors match --problem "$FIXTURES/mentors_problem.json" --greedy
has "$ERR" "(greedy)"

printf '{"people": [{"id": "x"}], "mentees": [{"person": "nobody"}]}' >"$WORK/bad.json"
expect 1 "unknown person" -- "$BIN" mentors match --problem "$WORK/bad.json"
has "$ERR" "mentees[0].person: unknown person 'nobody'"
printf '{"skills": [' >"$WORK/broken.json"
expect 1 "broken JSON" -- "$BIN" mentors match --problem "$WORK/broken.json"
has "$ERR" "not valid JSON"
expect 1 "missing file" -- "$BIN" mentors match --problem "$WORK/none.json"
finish
