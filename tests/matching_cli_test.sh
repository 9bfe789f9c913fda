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

# The programme on the store (SQLite): opt-ins from CSV, proposals, approval, rating.
DB="sqlite:$WORK/m.db"
cat >"$WORK/roster.csv" <<'CSV'
employee_id,name,team,manager_employee_id,timezone,skills
E1,Ana Lima,Sales,,Europe/London,negotiation:4;presenting:3
E2,Bo Berg,Sales,E1,Europe/London,negotiation:1
E3,Cy Chen,Engineering,,Europe/Berlin,sql:4
E4,Di Diaz,Engineering,E3,Europe/Berlin,sql:1
E6,Fay Fox,Support,,Europe/Lisbon,negotiation:4;sql:4
CSV
expect 0 "roster" -- "$BIN" import roster "$WORK/roster.csv" --db "$DB"
printf 'skill,parent\ncommunication,\nnegotiation,communication\npresenting,communication\nsql,data\n' >"$WORK/skills.csv"
printf 'skill,parent\ncommunication,negotiation\n' >"$WORK/cycle.csv"
expect 0 "skills" -- "$BIN" import skills "$WORK/skills.csv" --db "$DB"
has "$OUT" "4 skills placed in the taxonomy, 2 of them new"  # communication and data
expect 1 "skills cycle" -- "$BIN" import skills "$WORK/cycle.csv" --db "$DB"
has "$ERR" "would be its own ancestor"
printf 'skill,parent\nsql,\nsql,data\n' >"$WORK/twice.csv"
expect 1 "skill twice" -- "$BIN" import skills "$WORK/twice.csv" --db "$DB"; has "$ERR" "line 3: 'sql' twice"
printf 'employee_id,role,skills,capacity\nE2,mentee,negotiation:3,\nE4,mentee,sql:3;presenting:2,\nE1,mentor,negotiation;presenting,2\nE3,mentor,sql,1\nE6,mentor,negotiation;sql,1\n' >"$WORK/optins.csv"
printf 'employee_id,role,skills,capacity\nE2,mentee,negotiation:9,\n' >"$WORK/bad-optins.csv"
expect 1 "bad opt-in" -- "$BIN" mentors import "$WORK/bad-optins.csv" --db "$DB"
has "$ERR" "line 2: skills: 'negotiation:9' is not skill:target with a target from 1 to 4"
printf 'employee_id,role,skills,capacity\nE9,mentor,sql,1\n' >"$WORK/who.csv"
expect 1 "unknown person" -- "$BIN" mentors import "$WORK/who.csv" --db "$DB"
has "$ERR" "line 2: employee_id: no person 'E9'"
expect 0 "opt-ins" -- "$BIN" mentors import "$WORK/optins.csv" --db "$DB"
has "$OUT" "2 mentees and 3 mentors opted in"
expect 1 "exclude nobody" -- "$BIN" mentors exclude E2 E99 --reason "x" --db "$DB"; has "$ERR" "no person 'E99'"
expect 0 "exclude" -- "$BIN" mentors exclude E4 E3 --reason "same project" --db "$DB"; has "$OUT" "E4 and E3 will not be paired"
expect 0 "match on the store" -- "$BIN" mentors match --db "$DB"
has "$OUT" "2 of 2 mentees matched with 3 mentors"
has "$OUT" "proposals stored for approval"
has "$OUT" "E2 <- E6: Fay Fox is at level 4 in negotiation"  # not Ana, his manager
has "$OUT" "E4 <- E1: Ana Lima is at level 3 in presenting"  # Cy is his manager; Fay is taken
expect 0 "pairs" -- "$BIN" mentors pairs --db "$DB"; has "$OUT" "#1  proposed"
expect 0 "approve" -- "$BIN" mentors approve 1 --db "$DB"; has "$OUT" "pair #1 approved"
expect 1 "approve twice" -- "$BIN" mentors approve 1 --db "$DB"; has "$ERR" "is approved; it cannot become approved"
expect 0 "end" -- "$BIN" mentors end 1 --db "$DB"
expect 0 "rate" -- "$BIN" mentors rate 1 5 --db "$DB"; has "$OUT" "pair #1 rated 5"
expect 1 "rate out of range" -- "$BIN" mentors rate 1 9 --db "$DB"; has "$ERR" "rating: 1 to 5"
expect 0 "pairs again" -- "$BIN" mentors pairs --db "$DB"; has "$OUT" "ended"; has "$OUT" "rated 5"

# Learning circles: 40 volunteers over three challenges, circles of 5 to 8.
/usr/bin/python3 - "$WORK/circles.json" <<'PY'
import json, random, sys
rng = random.Random(4)
challenges = [{"id": c, "title": t, "skills": s} for c, t, s in
              [("onboard", "Faster onboarding", ["docs"]), ("pricing", "Pricing clarity", ["sql"]),
               ("incidents", "Calmer incidents", ["ops"])]]
people = []
for i in range(40):
    prefs = rng.sample([c["id"] for c in challenges], rng.randint(1, 3))
    people.append({"id": f"V{i}", "name": f"Volunteer {i}", "team": f"T{i % 6}", "community": i % 4,
                   "level": i % 3, "facilitator": i % 6 == 0, "utc_offset_hours": 0,
                   "skills": {rng.choice(["docs", "sql", "ops"]): 3}, "preferences": prefs})
json.dump({"skills": [{"id": s} for s in ["docs", "sql", "ops"]], "challenges": challenges,
           "people": people, "settings": {"min_size": 5, "max_size": 8, "seed": 1}},
          open(sys.argv[1], "w"))
PY
expect 0 "circles" -- "$BIN" circles form --problem "$WORK/circles.json" --out "$WORK/formed.json"
has "$ERR" "volunteers seated (formed)"
checks=$((checks + 1))
/usr/bin/python3 - "$WORK/circles.json" "$WORK/formed.json" <<'PY' || fail "circles JSON"
import json, sys
p, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
people = {x["id"]: x for x in p["people"]}
seen = set()
for c in r["circles"]:
    assert 5 <= len(c["members"]) <= 8, c
    assert any(people[m]["facilitator"] for m in c["members"]), c
    for m in c["members"]:
        assert c["challenge"] in people[m]["preferences"], (m, c["challenge"])
        assert m not in seen, m
        seen.add(m)
    assert c["explanation"].startswith(f'{len(c["members"])} members from'), c["explanation"]
assert abs(r["objective"] - sum(c["score"]["total"] for c in r["circles"])) < 1e-9
assert len(seen) + len(r["unassigned"]) == 40, (len(seen), r["unassigned"])
PY
expect 0 "circles greedy" -- "$BIN" circles form --problem "$WORK/circles.json" --greedy
has "$ERR" "(greedy)"
printf '{"challenges": [{"id": "a"}], "people": [{"id": "x", "preferences": ["b"]}]}' >"$WORK/badc.json"
expect 1 "unknown challenge" -- "$BIN" circles form --problem "$WORK/badc.json"
has "$ERR" "people[0].preferences[0]: unknown challenge 'b'"
printf '{"challenges": [{"id": "a", "title": "Alpha"}], "people": [{"id": "x", "facilitator": true, "preferences": ["a"]}]}' >"$WORK/tiny.json"
expect 0 "too few to run" -- "$BIN" circles form --problem "$WORK/tiny.json"
has "$ERR" '"Alpha" cannot run: 1 volunteer chose it and a circle needs 12. Invite more volunteers for it.'

# Circles on the store (the mentoring database above): challenges, sign-ups from CSV, formation
# into proposals, start, pin.
expect 0 "challenge" -- "$BIN" circles challenge --title "Shorter deal cycles" --skills negotiation,presenting --sponsor E1 --db "$DB"
has "$OUT" 'challenge #1 "Shorter deal cycles" is open for sign-ups'
expect 0 "challenge 2" -- "$BIN" circles challenge --title "Data people trust" --skills sql --db "$DB"
expect 1 "challenge bad sponsor" -- "$BIN" circles challenge --title "X" --sponsor E99 --db "$DB"
has "$ERR" "no person 'E99'"
printf 'employee_id,preferences,facilitator,max_circles\nE1,1,yes,\nE2,1;2,,\nE3,2;1,yes,1\nE4,2,no,\nE6,1;2,,2\n' >"$WORK/signups.csv"
printf 'employee_id,preferences,facilitator,max_circles\nE1,1,yes,\nE2,1;7,,\n' >"$WORK/bad-signups.csv"
expect 1 "signups unknown challenge" -- "$BIN" circles import "$WORK/bad-signups.csv" --db "$DB"
has "$ERR" "line 3: preferences: '7' is not a challenge id"
expect 0 "challenges none" -- "$BIN" circles challenges --db "$DB"
has "$OUT" "#1  open  Shorter deal cycles  (0 volunteers, 0 as first choice)"  # nothing written
expect 0 "signups" -- "$BIN" circles import "$WORK/signups.csv" --db "$DB"; has "$OUT" "5 volunteers signed up"
expect 0 "challenges" -- "$BIN" circles challenges --db "$DB"
has "$OUT" "#1  open  Shorter deal cycles  (4 volunteers, 3 as first choice)"
has "$OUT" "#2  open  Data people trust  (4 volunteers, 2 as first choice)"
expect 0 "form too big" -- "$BIN" circles form --db "$DB"
has "$OUT" "0 circles, 0 of 5 volunteers seated"
has "$ERR" "cannot run"
expect 0 "form" -- "$BIN" circles form --min-size 2 --max-size 3 --min-overlap-hours 4 --db "$DB"
has "$OUT" "2 circles, 5 of 5 volunteers seated"
has "$OUT" "proposals stored"
expect 0 "list" -- "$BIN" circles list --db "$DB"
has "$OUT" "#1  proposed  "
has "$OUT" "#2  proposed  "
expect 0 "start" -- "$BIN" circles start 1 --db "$DB"; has "$OUT" "circle #1 active"
expect 1 "start twice" -- "$BIN" circles start 1 --db "$DB"; has "$ERR" "circle #1 is active; it cannot become active"
expect 1 "pin nobody" -- "$BIN" circles pin E99 1 --db "$DB"; has "$ERR" "no person 'E99'"
expect 1 "pin no challenge" -- "$BIN" circles pin E4 9 --db "$DB"; has "$ERR" "there is no challenge #9"
expect 0 "pin" -- "$BIN" circles pin E4 1 --db "$DB"; has "$OUT" "E4 pinned to challenge #1"
finish
