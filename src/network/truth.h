// How a snapshot's findings compare with what is known to be true of the organisation: the demo's
// planted ground truth (`*.truth.json`), or lists an analyst trusts (the experts a survey named,
// the teams known to work apart). Precision (the share of what was found that is known) and
// recall (the share of what is known that was found) for each kind of finding the truth lists.
//
//   ASSIGN_OR_RETURN(KnownTruth truth, ParseKnownTruth(text));
//   ASSIGN_OR_RETURN(std::vector<FindingScore> scores,
//                    ScoreFindings(snapshot, truth, employee_id_of_person));
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "network/snapshot.h"

namespace pl::network {

// The truth's lists, each absent (not scored) or a list of employee ids (people) or team paths.
struct KnownTruth {
  std::optional<std::vector<std::string>> hidden_champions, brokers, isolated_newcomers;
  // People as widely sought as hidden champions but thanked for it: visible, so a hidden
  // champion reported among them is a false one. Scored with the hidden champions only.
  std::optional<std::vector<std::string>> recognised_helpers;
  std::optional<std::vector<std::string>> silo_teams;
  std::optional<Date> today;  // the day the truth holds for (the demo's "today")
};

// A JSON object with any of "hidden_champions", "brokers", "isolated_newcomers" (employee ids)
// and "silo_teams" (team paths), each a list of strings, and optionally "today" (YYYY-MM-DD) and,
// beside "hidden_champions", "recognised_helpers" (employee ids); other keys are ignored (the
// demo's file holds its seed, logins and more). InvalidArgument naming the key and the place: not
// JSON, not an object, a list that is not one, an entry that is not a non-empty string or is
// there twice, someone listed as a hidden champion and a recognised helper both,
// "recognised_helpers" without "hidden_champions"; or none of the four keys.
Result<KnownTruth> ParseKnownTruth(std::string_view json);
// The same from a parsed document (an API request's body).
Result<KnownTruth> KnownTruthFrom(const nlohmann::json& doc);

struct FindingScore {
  std::string finding;       // "hidden champions", "silo teams", "brokers", "isolated newcomers"
  int64_t found = 0;         // what the snapshot reports
  int64_t known = 0;         // what the truth lists (silo teams: those that can be reported)
  int64_t hits = 0;          // in both
  int64_t unreportable = 0;  // silo teams the truth lists, smaller than the reporting floor
  double precision = 0;      // hits / found; NaN when nothing was found
  double recall = 0;         // hits / known; NaN when nothing is known
  std::vector<std::string> missed;      // known, not found (employee ids or team paths), sorted
  std::vector<std::string> unexpected;  // found, not known, sorted
  // Brokers only: how many of `unexpected` are hidden champions the truth lists (sought across
  // the organisation, they link communities too); 0 where it lists none.
  int64_t unexpected_champions = 0;
  // Brokers only: how many of `unexpected` are recognised helpers the truth lists (as widely
  // sought, they link communities as well); 0 where it lists none.
  int64_t unexpected_recognised = 0;
  // Hidden champions only, where the truth lists recognised helpers: how many it lists, and
  // those of them the snapshot reports as hidden champions (in `unexpected` too), sorted.
  int64_t recognised = 0;
  std::vector<std::string> recognised_reported;
  // Isolated newcomers only, where the truth holds for another day than the one the snapshot
  // was analysed for: newcomers are the people hired in the window before that day, so who
  // crossed its line in between is in one list and not the other. Empty otherwise.
  std::string note;
};

// Scores `snapshot`'s findings against each list `truth` has, in the order above. People are
// matched by employee id: `employee_id` maps a person's id to theirs, for everyone in the store
// (whoever the snapshot names must be in it). A silo team the truth lists with fewer members in
// the snapshot than its reporting floor (the snapshot's "min_team_size", 5 if unset) is never
// reported, for anonymity: counted in `unreportable`, not in `known`. InvalidArgument naming
// the list and entry where the truth names an employee id nobody in the store has, or a team
// the snapshot does not have.
Result<std::vector<FindingScore>> ScoreFindings(
    const Snapshot& snapshot, const KnownTruth& truth,
    const std::unordered_map<int64_t, std::string>& employee_id);

// The scores as JSON: [{"finding", "found", "known", "hits", "unreportable", "precision",
// "recall" (null where undefined), "missed", "unexpected"}, ...]; brokers' also has
// "unexpected_champions", and where the truth lists recognised helpers "unexpected_recognised"
// (brokers) and "recognised_helpers" and "recognised_reported" (hidden champions); a score with
// a note has its "note".
nlohmann::json FindingScoresJson(const std::vector<FindingScore>& scores);

}  // namespace pl::network
