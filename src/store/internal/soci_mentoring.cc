// Skills for matching, and the mentoring programme: opt-ins and pairs.
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "store/internal/soci_store.h"
#include "store/internal/soci_util.h"

namespace pl::store::internal {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

}  // namespace

Result<std::vector<std::tuple<PersonId, std::string, int>>> SociStore::AllPersonSkills() {
  return Guard(
      "reading skills", [&]() -> Result<std::vector<std::tuple<PersonId, std::string, int>>> {
        soci::session sql(*pool_);
        long long person = 0;
        std::string skill;
        int level = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT ps.person_id, s.name, ps.level FROM person_skills ps "
                    "JOIN skills s ON s.id = ps.skill_id JOIN people p ON p.id = ps.person_id "
                    "WHERE p.active = 1 ORDER BY ps.person_id, s.name",
             into(person), into(skill), into(level));
        st.execute();
        std::vector<std::tuple<PersonId, std::string, int>> out;
        while (st.fetch()) out.emplace_back(PersonId(person), skill, level);
        return out;
      });
}

Result<std::vector<std::pair<std::string, std::string>>> SociStore::SkillParents() {
  return Guard("reading the skill taxonomy",
               [&]() -> Result<std::vector<std::pair<std::string, std::string>>> {
                 soci::session sql(*pool_);
                 std::string name, parent;
                 indicator parent_ind{};
                 soci::statement st =
                     (sql.prepare << "SELECT s.name, q.name FROM skills s "
                                     "LEFT JOIN skills q ON q.id = s.parent_id ORDER BY s.name",
                      into(name), into(parent, parent_ind));
                 st.execute();
                 std::vector<std::pair<std::string, std::string>> out;
                 while (st.fetch()) {
                   out.emplace_back(name, parent_ind == soci::i_ok ? parent : std::string());
                 }
                 return out;
               });
}

Result<int64_t> SociStore::ApplySkillTaxonomy(
    const std::vector<std::pair<std::string, std::string>>& skill_parent) {
  return Guard("applying the skill taxonomy", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    // The taxonomy as it would be: stored parents, overridden by the file.
    std::map<std::string, std::string> parent;
    {
      std::string name, up;
      indicator up_ind{};
      soci::statement st = (sql.prepare << "SELECT s.name, q.name FROM skills s LEFT JOIN skills q "
                                           "ON q.id = s.parent_id",
                            into(name), into(up, up_ind));
      st.execute();
      while (st.fetch()) parent[name] = up_ind == soci::i_ok ? up : "";
    }
    for (const auto& [name, up] : skill_parent) parent[name] = up;
    for (const auto& [name, up] : skill_parent) {
      if (!up.empty() && !parent.count(up)) parent[up] = "";  // a parent named only as a parent
    }
    for (const auto& [name, up] : parent) {
      std::set<std::string> seen = {name};
      for (std::string x = up; !x.empty(); x = parent[x]) {
        if (!seen.insert(x).second) {
          return InvalidArgument("skill '" + name + "' would be its own ancestor (through '" + x +
                                 "')");
        }
      }
    }
    int64_t added = 0;
    for (const auto& [name, up] : parent) {
      int n = 0;
      sql << "SELECT COUNT(*) FROM skills WHERE name = :n", use(name), into(n);
      if (!n) {
        sql << "INSERT INTO skills (name) VALUES (:n)", use(name);
        ++added;
      }
    }
    for (const auto& [name, up] : parent) {
      if (up.empty()) {
        sql << "UPDATE skills SET parent_id = NULL WHERE name = :n", use(name);
      } else {
        sql << "UPDATE skills SET parent_id = (SELECT id FROM skills WHERE name = :p) "
               "WHERE name = :n",
            use(up), use(name);
      }
    }
    tr.commit();
    return added;
  });
}

Status SociStore::SetLearningGoals(PersonId person, const std::vector<LearningGoal>& goals,
                                   Timestamp now) {
  return Guard("saving learning goals", [&]() -> Status {
    if (goals.size() > 10) return InvalidArgument("goals: at most 10");
    std::set<std::string> seen;
    for (const auto& g : goals) {
      if (g.skill.empty() || g.skill.size() > 80) {
        return InvalidArgument("goals: skill names of 1 to 80 bytes");
      }
      if (g.target < 1 || g.target > 4) {
        return InvalidArgument("goal '" + g.skill + "': a target level from 1 to 4");
      }
      if (!seen.insert(g.skill).second) return InvalidArgument("goal '" + g.skill + "' twice");
    }
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long p = person.value, at = Micros(now);
    int found = 0;
    sql << "SELECT COUNT(*) FROM people WHERE id = :p AND active = 1", use(p), into(found);
    if (!found) return NotFound("there is no active person with id " + std::to_string(p));
    sql << "DELETE FROM learning_goals WHERE person_id = :p", use(p);
    std::string skill;
    int target = 0, position = 0;
    soci::statement st = (sql.prepare << "INSERT INTO learning_goals (person_id, skill, target, "
                                         "position, updated_at) VALUES (:p, :s, :t, :o, :u)",
                          use(p), use(skill), use(target), use(position), use(at));
    for (const auto& g : goals) {
      skill = g.skill, target = g.target;
      st.execute(true);
      ++position;
    }
    tr.commit();
    return OkStatus();
  });
}

Result<std::vector<std::pair<PersonId, LearningGoal>>> SociStore::LearningGoals(
    std::optional<PersonId> person) {
  return Guard("reading learning goals",
               [&]() -> Result<std::vector<std::pair<PersonId, LearningGoal>>> {
                 soci::session sql(*pool_);
                 long long who = 0, filter = person ? person->value : 0;
                 int only = person ? 1 : 0, target = 0;
                 std::string skill;
                 soci::statement st =
                     (sql.prepare << "SELECT g.person_id, g.skill, g.target FROM learning_goals g "
                                     "JOIN people p ON p.id = g.person_id WHERE p.active = 1 "
                                     "AND (:o = 0 OR g.person_id = :f) "
                                     "ORDER BY g.person_id, g.position",
                      use(only), use(filter), into(who), into(skill), into(target));
                 st.execute();
                 std::vector<std::pair<PersonId, LearningGoal>> out;
                 while (st.fetch()) out.emplace_back(PersonId(who), LearningGoal{skill, target});
                 return out;
               });
}

Status SociStore::SaveMentoringOptIn(const MentoringOptIn& o) {
  return Guard("saving a mentoring opt-in", [&]() -> Status {
    if (o.role != "mentee" && o.role != "mentor") {
      return InvalidArgument("role: \"mentee\" or \"mentor\"");
    }
    if (o.role == "mentee" && o.goals.empty()) return InvalidArgument("a mentee needs a goal");
    if (!o.network.empty() &&
        (o.role != "mentee" || (o.network != "bridge" && o.network != "familiar"))) {
      return InvalidArgument("network: a mentee's \"bridge\" or \"familiar\"");
    }
    if (o.role == "mentor" && (o.offers.empty() || o.capacity < 1 || o.capacity > 20)) {
      return InvalidArgument("a mentor offers at least one skill and 1 to 20 places");
    }
    for (const auto& [skill, target] : o.goals) {
      if (skill.empty() || target < 1 || target > 4) {
        return InvalidArgument("goal '" + skill + "': a skill and a target level from 1 to 4");
      }
    }
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long person = o.person.value, at = Micros(o.updated_at);
    int found = 0, capacity = o.capacity;
    sql << "SELECT COUNT(*) FROM people WHERE id = :p AND active = 1", use(person), into(found);
    if (!found) return NotFound("there is no active person with id " + std::to_string(person));
    nlohmann::json goals = nlohmann::json::array();
    for (const auto& [skill, target] : o.goals)
      goals.push_back({{"skill", skill}, {"target", target}});
    const std::string g = goals.dump(), offers = nlohmann::json(o.offers).dump();
    sql << "DELETE FROM mentoring_optins WHERE person_id = :p AND role = :r", use(person),
        use(o.role);
    sql << "INSERT INTO mentoring_optins (person_id, role, goals, offers, capacity, updated_at, "
           "network) VALUES (:p, :r, :g, :o, :c, :t, :n)",
        use(person), use(o.role), use(g), use(offers), use(capacity), use(at), use(o.network);
    tr.commit();
    return OkStatus();
  });
}

Status SociStore::RemoveMentoringOptIn(PersonId person, const std::string& role) {
  return Guard("removing a mentoring opt-in", [&]() -> Status {
    soci::session sql(*pool_);
    long long p = person.value;
    sql << "DELETE FROM mentoring_optins WHERE person_id = :p AND role = :r", use(p), use(role);
    return OkStatus();
  });
}

Result<std::vector<MentoringOptIn>> SociStore::ListMentoringOptIns() {
  return Guard("reading mentoring opt-ins", [&]() -> Result<std::vector<MentoringOptIn>> {
    soci::session sql(*pool_);
    long long person = 0, at = 0;
    int capacity = 0;
    std::string role, goals, offers, network;
    soci::statement st =
        (sql.prepare << "SELECT o.person_id, o.role, o.goals, o.offers, o.capacity, o.updated_at, "
                        "o.network FROM mentoring_optins o JOIN people p ON p.id = o.person_id "
                        "WHERE p.active = 1 ORDER BY o.person_id, o.role",
         into(person), into(role), into(goals), into(offers), into(capacity), into(at),
         into(network));
    st.execute();
    std::vector<MentoringOptIn> out;
    while (st.fetch()) {
      MentoringOptIn o;
      o.person = PersonId(person);
      o.role = role;
      for (const auto& g : nlohmann::json::parse(goals)) {
        o.goals.emplace_back(g.at("skill").get<std::string>(), g.at("target").get<int>());
      }
      o.offers = nlohmann::json::parse(offers).get<std::vector<std::string>>();
      o.capacity = capacity;
      o.updated_at = FromMicros(at);
      o.network = network;
      out.push_back(std::move(o));
    }
    return out;
  });
}

Status SociStore::ReplaceMentoringProposals(const std::vector<MentoringPair>& proposals) {
  return Guard("storing mentoring proposals", [&]() -> Status {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    sql << "DELETE FROM mentoring_pairs WHERE status = 'proposed'";
    long long mentee = 0, mentor = 0, at = Micros(clock_.Now());
    double score = 0;
    std::string explanation, alternatives;
    soci::statement st =
        (sql.prepare << "INSERT INTO mentoring_pairs (mentee_id, mentor_id, status, score, "
                        "explanation, alternatives, created_at) "
                        "VALUES (:a, :b, 'proposed', :s, :e, :x, :t)",
         use(mentee), use(mentor), use(score), use(explanation), use(alternatives), use(at));
    for (const MentoringPair& p : proposals) {
      mentee = p.mentee.value, mentor = p.mentor.value, score = p.score;
      explanation = p.explanation;
      nlohmann::json alts = nlohmann::json::array();
      for (const auto& [who, why] : p.alternatives) {
        alts.push_back({{"mentor", who.value}, {"explanation", why}});
      }
      alternatives = alts.dump();
      st.execute(true);
    }
    tr.commit();
    return OkStatus();
  });
}

Result<std::vector<MentoringPair>> SociStore::ListMentoringPairs() {
  return Guard("reading mentoring pairs", [&]() -> Result<std::vector<MentoringPair>> {
    soci::session sql(*pool_);
    long long id = 0, mentee = 0, mentor = 0, at = 0;
    double score = 0, rating = 0;
    indicator rating_ind{};
    std::string status, explanation, alternatives;
    soci::statement st =
        (sql.prepare << "SELECT id, mentee_id, mentor_id, status, score, explanation, rating, "
                        "created_at, alternatives FROM mentoring_pairs ORDER BY id",
         into(id), into(mentee), into(mentor), into(status), into(score), into(explanation),
         into(rating, rating_ind), into(at), into(alternatives));
    st.execute();
    std::vector<MentoringPair> out;
    while (st.fetch()) {
      MentoringPair p{id, PersonId(mentee), PersonId(mentor), status, score, explanation,
                      {}, FromMicros(at)};
      if (rating_ind == soci::i_ok) p.rating = rating;
      for (const auto& a : nlohmann::json::parse(alternatives)) {
        p.alternatives.emplace_back(PersonId(a.at("mentor").get<int64_t>()),
                                    a.at("explanation").get<std::string>());
      }
      out.push_back(std::move(p));
    }
    return out;
  });
}

Status SociStore::SetMentoringPairStatus(int64_t id, const std::string& status) {
  return Guard("changing a mentoring pair", [&]() -> Status {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long key = id;
    std::string current;
    sql << "SELECT status FROM mentoring_pairs WHERE id = :i", use(key), into(current);
    if (!sql.got_data()) return NotFound("there is no pair #" + std::to_string(id));
    const bool ok = (current == "proposed" && status == "approved") ||
                    (current == "approved" && status == "ended");
    if (!ok) {
      return FailedPrecondition("pair #" + std::to_string(id) + " is " + current +
                                "; it cannot become " + status);
    }
    sql << "UPDATE mentoring_pairs SET status = :s WHERE id = :i", use(status), use(key);
    tr.commit();
    return OkStatus();
  });
}

Status SociStore::RateMentoringPair(int64_t id, double rating) {
  return Guard("rating a mentoring pair", [&]() -> Status {
    if (!(rating >= 1 && rating <= 5)) return InvalidArgument("rating: 1 to 5");
    soci::session sql(*pool_);
    long long key = id;
    std::string current;
    sql << "SELECT status FROM mentoring_pairs WHERE id = :i", use(key), into(current);
    if (!sql.got_data()) return NotFound("there is no pair #" + std::to_string(id));
    if (current == "proposed") {
      return FailedPrecondition("pair #" + std::to_string(id) + " is only proposed");
    }
    sql << "UPDATE mentoring_pairs SET rating = :r WHERE id = :i", use(rating), use(key);
    return OkStatus();
  });
}

Status SociStore::ExcludeMentoringPair(PersonId a, PersonId b, const std::string& reason) {
  return Guard("excluding a mentoring pair", [&]() -> Status {
    if (a == b) return InvalidArgument("two different people");
    if (reason.empty() || reason.size() > 500)
      return InvalidArgument("reason: 1 to 500 characters");
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long x = std::min(a.value, b.value), y = std::max(a.value, b.value);
    int found = 0;
    sql << "SELECT COUNT(*) FROM people WHERE id IN (:x, :y)", use(x), use(y), into(found);
    if (found != 2) return NotFound("both people must exist");
    sql << "DELETE FROM mentoring_exclusions WHERE person_a = :x AND person_b = :y", use(x), use(y);
    sql << "INSERT INTO mentoring_exclusions (person_a, person_b, reason) VALUES (:x, :y, :r)",
        use(x), use(y), use(reason);
    tr.commit();
    return OkStatus();
  });
}

Result<std::vector<std::pair<PersonId, PersonId>>> SociStore::MentoringExclusions() {
  return Guard(
      "reading mentoring exclusions", [&]() -> Result<std::vector<std::pair<PersonId, PersonId>>> {
        soci::session sql(*pool_);
        long long x = 0, y = 0;
        soci::statement st = (sql.prepare << "SELECT person_a, person_b FROM "
                                             "mentoring_exclusions ORDER BY person_a, person_b",
                              into(x), into(y));
        st.execute();
        std::vector<std::pair<PersonId, PersonId>> out;
        while (st.fetch()) out.emplace_back(PersonId(x), PersonId(y));
        return out;
      });
}

}  // namespace pl::store::internal
