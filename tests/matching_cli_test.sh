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
finish
