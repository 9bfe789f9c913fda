#include "network/truth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_set>

namespace pl::network {
namespace {

constexpr const char* kPeopleKeys[] = {"hidden_champions", "brokers", "isolated_newcomers"};

Result<std::vector<std::string>> ReadList(const nlohmann::json& doc, const char* key) {
  const nlohmann::json& list = doc.at(key);
  if (!list.is_array()) {
    return InvalidArgument(std::string("\"") + key + "\" is not a list (of " +
                           (std::string_view(key) == "silo_teams" ? "team paths" : "employee ids") +
                           ")");
  }
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = std::string("\"") + key + "\"[" + std::to_string(i) + "]";
    if (!list[i].is_string() || list[i].get_ref<const std::string&>().empty()) {
      return InvalidArgument(where + " is not a non-empty string");
    }
    const std::string& v = list[i].get_ref<const std::string&>();
    if (!seen.insert(v).second) return InvalidArgument(where + ": '" + v + "' is listed twice");
    out.push_back(v);
  }
  return out;
}

FindingScore Score(const char* finding, const std::set<std::string>& found,
                   const std::set<std::string>& known) {
  FindingScore s;
  s.finding = finding;
  s.found = static_cast<int64_t>(found.size());
  s.known = static_cast<int64_t>(known.size());
  for (const std::string& f : found) {
    if (known.contains(f)) {
      ++s.hits;
    } else {
      s.unexpected.push_back(f);
    }
  }
  for (const std::string& k : known) {
    if (!found.contains(k)) s.missed.push_back(k);
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  s.precision = s.found > 0 ? static_cast<double>(s.hits) / static_cast<double>(s.found) : kNaN;
  s.recall = s.known > 0 ? static_cast<double>(s.hits) / static_cast<double>(s.known) : kNaN;
  return s;
}

}  // namespace

Result<KnownTruth> ParseKnownTruth(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("not JSON");
  return KnownTruthFrom(doc);
}

Result<KnownTruth> KnownTruthFrom(const nlohmann::json& doc) {
  if (!doc.is_object()) return InvalidArgument("not a JSON object");
  KnownTruth t;
  std::optional<std::vector<std::string>>* people[] = {&t.hidden_champions, &t.brokers,
                                                       &t.isolated_newcomers};
  for (size_t k = 0; k < std::size(kPeopleKeys); ++k) {
    if (!doc.contains(kPeopleKeys[k])) continue;
    ASSIGN_OR_RETURN(*people[k], ReadList(doc, kPeopleKeys[k]));
  }
  if (doc.contains("silo_teams")) {
    ASSIGN_OR_RETURN(t.silo_teams, ReadList(doc, "silo_teams"));
  }
  if (doc.contains("recognised_helpers")) {
    if (!t.hidden_champions) {
      return InvalidArgument(
          "\"recognised_helpers\" are scored against the hidden champions found: give "
          "\"hidden_champions\" too");
    }
    ASSIGN_OR_RETURN(t.recognised_helpers, ReadList(doc, "recognised_helpers"));
    const std::set<std::string> champions(t.hidden_champions->begin(), t.hidden_champions->end());
    for (size_t i = 0; i < t.recognised_helpers->size(); ++i) {
      const std::string& id = (*t.recognised_helpers)[i];
      if (champions.contains(id)) {
        return InvalidArgument("\"recognised_helpers\"[" + std::to_string(i) + "]: '" + id +
                               "' is listed in \"hidden_champions\" too");
      }
    }
  }
  if (doc.contains("today")) {
    const nlohmann::json& d = doc.at("today");
    Result<Date> today =
        d.is_string() ? ParseDate(d.get<std::string>()) : InvalidArgument("not a string");
    if (!today.ok()) return InvalidArgument("\"today\" is not a date (YYYY-MM-DD)");
    t.today = *today;
  }
  if (!t.hidden_champions && !t.brokers && !t.isolated_newcomers && !t.silo_teams) {
    return InvalidArgument(
        "none of \"hidden_champions\", \"brokers\", \"isolated_newcomers\" or \"silo_teams\" is "
        "there: nothing to compare the findings with");
  }
  return t;
}

Result<std::vector<FindingScore>> ScoreFindings(
    const Snapshot& snapshot, const KnownTruth& truth,
    const std::unordered_map<int64_t, std::string>& employee_id) {
  std::unordered_set<std::string_view> employees;
  for (const auto& [id, e] : employee_id) employees.insert(e);
  auto known_people = [&](const char* key,
                          const std::vector<std::string>& ids) -> Result<std::set<std::string>> {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!employees.contains(ids[i])) {
        return InvalidArgument(std::string("\"") + key + "\"[" + std::to_string(i) + "]: '" +
                               ids[i] + "' is nobody in the roster");
      }
    }
    return std::set<std::string>(ids.begin(), ids.end());
  };
  auto found_people = [&](const char* finding,
                          bool (*keep)(const nlohmann::json&)) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    if (!snapshot.findings.contains(finding)) return out;
    for (const nlohmann::json& f : snapshot.findings.at(finding)) {
      if (!f.is_object() || !f.contains("person") || !f.at("person").is_number_integer()) {
        return InvalidArgument("the snapshot's " + std::string(finding) +
                               " hold an entry without a person");
      }
      if (!keep(f)) continue;
      const int64_t person = f.at("person").get<int64_t>();
      auto it = employee_id.find(person);
      if (it == employee_id.end()) {
        return NotFound("the snapshot's " + std::string(finding) + " name person " +
                        std::to_string(person) + ", who is no longer in the store");
      }
      out.insert(it->second);
    }
    return out;
  };
  auto any = [](const nlohmann::json&) { return true; };
  auto isolated = [](const nlohmann::json& n) {
    return n.contains("isolated") && n.at("isolated").is_boolean() && n.at("isolated").get<bool>();
  };

  std::vector<FindingScore> scores;
  if (truth.hidden_champions) {
    ASSIGN_OR_RETURN(auto known, known_people("hidden_champions", *truth.hidden_champions));
    ASSIGN_OR_RETURN(auto found, found_people("champions", any));
    scores.push_back(Score("hidden champions", found, known));
    if (truth.recognised_helpers) {
      ASSIGN_OR_RETURN(auto recognised,
                       known_people("recognised_helpers", *truth.recognised_helpers));
      FindingScore& s = scores.back();
      s.recognised = static_cast<int64_t>(recognised.size());
      for (const std::string& id : s.unexpected) {
        if (recognised.contains(id)) s.recognised_reported.push_back(id);
      }
    }
  }
  if (truth.silo_teams) {
    const int64_t floor = snapshot.params.contains("min_team_size") &&
                                  snapshot.params.at("min_team_size").is_number_integer()
                              ? snapshot.params.at("min_team_size").get<int64_t>()
                              : 5;
    std::unordered_map<std::string_view, int64_t> members;
    for (const SnapshotTeam& t : snapshot.teams) members[t.team] = t.members;
    std::set<std::string> known;
    int64_t unreportable = 0;
    for (size_t i = 0; i < truth.silo_teams->size(); ++i) {
      const std::string& team = (*truth.silo_teams)[i];
      auto it = members.find(team);
      if (it == members.end()) {
        return InvalidArgument("\"silo_teams\"[" + std::to_string(i) + "]: '" + team +
                               "' is no team of the snapshot");
      }
      if (it->second < floor) {
        ++unreportable;
      } else {
        known.insert(team);
      }
    }
    std::set<std::string> found;
    if (snapshot.findings.contains("silos")) {
      for (const nlohmann::json& s : snapshot.findings.at("silos")) {
        if (!s.is_object() || !s.contains("team") || !s.at("team").is_string()) {
          return InvalidArgument("the snapshot's silos hold an entry without a team");
        }
        found.insert(s.at("team").get<std::string>());
      }
    }
    scores.push_back(Score("silo teams", found, known));
    scores.back().unreportable = unreportable;
  }
  if (truth.brokers) {
    ASSIGN_OR_RETURN(auto known, known_people("brokers", *truth.brokers));
    ASSIGN_OR_RETURN(auto found, found_people("brokers", any));
    scores.push_back(Score("brokers", found, known));
    if (truth.hidden_champions) {
      const std::set<std::string> champions(truth.hidden_champions->begin(),
                                            truth.hidden_champions->end());
      for (const std::string& id : scores.back().unexpected) {
        scores.back().unexpected_champions += champions.contains(id);
      }
    }
    if (truth.recognised_helpers) {
      const std::set<std::string> recognised(truth.recognised_helpers->begin(),
                                             truth.recognised_helpers->end());
      for (const std::string& id : scores.back().unexpected) {
        scores.back().unexpected_recognised += recognised.contains(id);
      }
    }
  }
  if (truth.isolated_newcomers) {
    ASSIGN_OR_RETURN(auto known, known_people("isolated_newcomers", *truth.isolated_newcomers));
    ASSIGN_OR_RETURN(auto found, found_people("newcomers", isolated));
    scores.push_back(Score("isolated newcomers", found, known));
    // The day the snapshot was analysed for (snapshots keep it with their settings).
    const nlohmann::json& params = snapshot.params;
    Result<Date> analysed = params.contains("today") && params.at("today").is_string()
                                ? ParseDate(params.at("today").get<std::string>())
                                : NotFound("no day");
    if (truth.today && analysed.ok() && *analysed != *truth.today) {
      auto setting = [&](const char* key, int64_t fallback) {
        return params.contains(key) && params.at(key).is_number_integer()
                   ? params.at(key).get<int64_t>()
                   : fallback;
      };
      const int64_t days = setting("newcomer_days", 90);
      const int64_t grace = setting("newcomer_grace_days", 0);  // none before it was a setting
      scores.back().note = "the truth holds for " + FormatDate(*truth.today) +
                           " and the snapshot was analysed for " + FormatDate(*analysed) +
                           ": newcomers are the people hired in the " + std::to_string(days) +
                           " days before" +
                           (grace > 0 ? ", not yet connected only after their first " +
                                            std::to_string(grace) + ", so who crossed either line"
                                      : ", so who crossed that line") +
                           " in between is in one list and not the other";
    }
  }
  return scores;
}

nlohmann::json FindingScoresJson(const std::vector<FindingScore>& scores) {
  nlohmann::json out = nlohmann::json::array();
  auto number = [](double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); };
  for (const FindingScore& s : scores) {
    out.push_back({{"finding", s.finding},
                   {"found", s.found},
                   {"known", s.known},
                   {"hits", s.hits},
                   {"unreportable", s.unreportable},
                   {"precision", number(s.precision)},
                   {"recall", number(s.recall)},
                   {"missed", s.missed},
                   {"unexpected", s.unexpected}});
    if (s.finding == "brokers") {
      out.back()["unexpected_champions"] = s.unexpected_champions;
      if (s.unexpected_recognised > 0)
        out.back()["unexpected_recognised"] = s.unexpected_recognised;
    }
    if (s.recognised > 0) {
      out.back()["recognised_helpers"] = s.recognised;
      out.back()["recognised_reported"] = s.recognised_reported;
    }
    if (!s.note.empty()) out.back()["note"] = s.note;
  }
  return out;
}

}  // namespace pl::network
