// Learning circles: challenges, volunteers' sign-ups, admins' pins, circles with their members,
// life (cadence, checklist, summary) and meetings.
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

bool ActivePerson(soci::session& sql, int64_t id) {
  long long key = id;
  int n = 0;
  sql << "SELECT COUNT(*) FROM people WHERE id = :p AND active = 1", use(key), into(n);
  return n > 0;
}

std::vector<std::string> StringList(const std::string& json_text) {
  return nlohmann::json::parse(json_text).get<std::vector<std::string>>();
}

}  // namespace

Result<int64_t> SociStore::CreateChallenge(const ChallengeRecord& c) {
  return Guard("posting a challenge", [&]() -> Result<int64_t> {
    if (c.title.empty() || c.title.size() > 200) return InvalidArgument("title: 1 to 200 bytes");
    if (c.problem.size() > 4000) return InvalidArgument("problem: at most 4000 bytes");
    if (c.skills.size() > 12) return InvalidArgument("skills: at most 12");
    for (const auto& s : c.skills) {
      if (s.empty() || s.size() > 80) return InvalidArgument("skills: names of 1 to 80 bytes");
    }
    if (c.status != "open" && c.status != "closed") {
      return InvalidArgument("status: open or closed");
    }
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    if (c.sponsor.valid() && !ActivePerson(sql, c.sponsor.value)) {
      return NotFound("there is no active person with id " + std::to_string(c.sponsor.value));
    }
    long long sponsor = c.sponsor.value, at = Micros(c.created_at), id = 0;
    indicator sponsor_ind = c.sponsor.valid() ? soci::i_ok : soci::i_null;
    const std::string skills = nlohmann::json(c.skills).dump();
    sql << "INSERT INTO challenges (title, problem, skills, sponsor_id, status, created_at) "
           "VALUES (:t, :p, :s, :o, :st, :c) RETURNING id",
        use(c.title), use(c.problem), use(skills), use(sponsor, sponsor_ind), use(c.status),
        use(at), into(id);
    tr.commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<ChallengeRecord>> SociStore::ListChallenges() {
  return Guard("reading challenges", [&]() -> Result<std::vector<ChallengeRecord>> {
    soci::session sql(*pool_);
    long long id = 0, sponsor = 0, at = 0;
    indicator sponsor_ind{};
    std::string title, problem, skills, status;
    soci::statement st =
        (sql.prepare << "SELECT id, title, problem, skills, sponsor_id, status, created_at "
                        "FROM challenges ORDER BY id",
         into(id), into(title), into(problem), into(skills), into(sponsor, sponsor_ind),
         into(status), into(at));
    st.execute();
    std::vector<ChallengeRecord> out;
    while (st.fetch()) {
      ChallengeRecord c;
      c.id = id;
      c.title = title;
      c.problem = problem;
      c.skills = StringList(skills);
      if (sponsor_ind == soci::i_ok) c.sponsor = PersonId(sponsor);
      c.status = status;
      c.created_at = FromMicros(at);
      out.push_back(std::move(c));
    }
    return out;
  });
}

Status SociStore::SetChallengeStatus(int64_t id, const std::string& status) {
  return Guard("changing a challenge", [&]() -> Status {
    if (status != "open" && status != "closed") return InvalidArgument("status: open or closed");
    soci::session sql(*pool_);
    long long key = id;
    int n = 0;
    sql << "SELECT COUNT(*) FROM challenges WHERE id = :i", use(key), into(n);
    if (!n) return NotFound("there is no challenge #" + std::to_string(id));
    sql << "UPDATE challenges SET status = :s WHERE id = :i", use(status), use(key);
    return OkStatus();
  });
}

Status SociStore::SaveCircleSignup(const CircleSignup& s) {
  return Guard("saving a circle sign-up", [&]() -> Status {
    if (s.max_circles < 1 || s.max_circles > 3) return InvalidArgument("max_circles: 1 to 3");
    if (s.preferences.size() > 10) return InvalidArgument("preferences: at most 10 challenges");
    std::set<int64_t> seen;
    for (int64_t c : s.preferences) {
      if (!seen.insert(c).second) {
        return InvalidArgument("preferences: challenge #" + std::to_string(c) + " is listed twice");
      }
    }
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    if (!ActivePerson(sql, s.person.value)) {
      return NotFound("there is no active person with id " + std::to_string(s.person.value));
    }
    for (int64_t c : s.preferences) {
      long long key = c;
      std::string status;
      sql << "SELECT status FROM challenges WHERE id = :i", use(key), into(status);
      if (!sql.got_data()) {
        return InvalidArgument("preferences: there is no challenge #" + std::to_string(c));
      }
      if (status != "open") {
        return InvalidArgument("preferences: challenge #" + std::to_string(c) +
                               " is closed to sign-ups");
      }
    }
    long long person = s.person.value, at = Micros(s.updated_at);
    int facilitator = s.facilitator ? 1 : 0, max_circles = s.max_circles;
    sql << "DELETE FROM circle_preferences WHERE person_id = :p", use(person);
    sql << "DELETE FROM circle_volunteers WHERE person_id = :p", use(person);
    if (!s.preferences.empty()) {
      sql << "INSERT INTO circle_volunteers (person_id, facilitator, max_circles, updated_at) "
             "VALUES (:p, :f, :m, :t)",
          use(person), use(facilitator), use(max_circles), use(at);
      long long challenge = 0;
      int rank = 0;
      soci::statement st = (sql.prepare << "INSERT INTO circle_preferences (person_id, "
                                           "challenge_id, rank) VALUES (:p, :c, :r)",
                            use(person), use(challenge), use(rank));
      for (size_t i = 0; i < s.preferences.size(); ++i) {
        challenge = s.preferences[i];
        rank = static_cast<int>(i) + 1;
        st.execute(true);
      }
    }
    tr.commit();
    return OkStatus();
  });
}

Result<std::vector<CircleSignup>> SociStore::ListCircleSignups() {
  return Guard("reading circle sign-ups", [&]() -> Result<std::vector<CircleSignup>> {
    soci::session sql(*pool_);
    long long person = 0, at = 0, challenge = 0;
    int facilitator = 0, max_circles = 1;
    std::map<int64_t, CircleSignup> by_person;
    {
      soci::statement st =
          (sql.prepare << "SELECT v.person_id, v.facilitator, v.max_circles, v.updated_at "
                          "FROM circle_volunteers v JOIN people p ON p.id = v.person_id "
                          "WHERE p.active = 1",
           into(person), into(facilitator), into(max_circles), into(at));
      st.execute();
      while (st.fetch()) {
        by_person[person] = {PersonId(person), {}, facilitator != 0, max_circles, FromMicros(at)};
      }
    }
    soci::statement st = (sql.prepare << "SELECT person_id, challenge_id FROM circle_preferences "
                                         "ORDER BY person_id, rank",
                          into(person), into(challenge));
    st.execute();
    while (st.fetch()) {
      auto it = by_person.find(person);
      if (it != by_person.end()) it->second.preferences.push_back(challenge);
    }
    std::vector<CircleSignup> out;
    for (auto& [_, s] : by_person) out.push_back(std::move(s));
    return out;
  });
}

Status SociStore::PinToChallenge(PersonId person, int64_t challenge_id, bool pinned) {
  return Guard("pinning a person to a challenge", [&]() -> Status {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long p = person.value, c = challenge_id;
    if (pinned) {
      if (!ActivePerson(sql, p)) {
        return NotFound("there is no active person with id " + std::to_string(p));
      }
      int n = 0;
      sql << "SELECT COUNT(*) FROM challenges WHERE id = :c", use(c), into(n);
      if (!n) return NotFound("there is no challenge #" + std::to_string(c));
      sql << "DELETE FROM circle_pins WHERE person_id = :p AND challenge_id = :c", use(p), use(c);
      sql << "INSERT INTO circle_pins (person_id, challenge_id) VALUES (:p, :c)", use(p), use(c);
    } else {
      sql << "DELETE FROM circle_pins WHERE person_id = :p AND challenge_id = :c", use(p), use(c);
    }
    tr.commit();
    return OkStatus();
  });
}

Result<std::vector<std::pair<PersonId, int64_t>>> SociStore::CirclePins() {
  return Guard("reading circle pins", [&]() -> Result<std::vector<std::pair<PersonId, int64_t>>> {
    soci::session sql(*pool_);
    long long p = 0, c = 0;
    soci::statement st =
        (sql.prepare << "SELECT person_id, challenge_id FROM circle_pins ORDER BY person_id, "
                        "challenge_id",
         into(p), into(c));
    st.execute();
    std::vector<std::pair<PersonId, int64_t>> out;
    while (st.fetch()) out.emplace_back(PersonId(p), c);
    return out;
  });
}

Result<std::vector<int64_t>> SociStore::ReplaceCircleProposals(
    const std::vector<CircleRecord>& proposals) {
  return Guard("storing proposed circles", [&]() -> Result<std::vector<int64_t>> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    sql << "DELETE FROM circle_members WHERE circle_id IN "
           "(SELECT id FROM circles WHERE status = 'proposed')";
    sql << "DELETE FROM circles WHERE status = 'proposed'";
    std::vector<int64_t> ids;
    const long long at = Micros(clock_.Now());
    for (const CircleRecord& c : proposals) {
      long long challenge = c.challenge_id, id = 0;
      int cadence = c.cadence_days;
      sql << "INSERT INTO circles (challenge_id, status, score, explanation, cadence_days, "
             "created_at) VALUES (:c, 'proposed', :s, :e, :d, :t) RETURNING id",
          use(challenge), use(c.score), use(c.explanation), use(cadence), use(at), into(id);
      long long person = 0;
      std::string role;
      soci::statement st = (sql.prepare << "INSERT INTO circle_members (circle_id, person_id, "
                                           "role) VALUES (:c, :p, :r)",
                            use(id), use(person), use(role));
      for (const CircleMember& m : c.members) {
        person = m.person.value;
        role = m.role;
        st.execute(true);
      }
      ids.push_back(id);
    }
    tr.commit();
    return ids;
  });
}

Result<std::vector<CircleRecord>> SociStore::ListCircles() {
  return Guard("reading circles", [&]() -> Result<std::vector<CircleRecord>> {
    soci::session sql(*pool_);
    long long id = 0, challenge = 0, at = 0, started = 0, person = 0;
    indicator started_ind{};
    int cadence = 7;
    std::string status, score, explanation, checklist, summary, role;
    std::map<int64_t, CircleRecord> by_id;
    {
      soci::statement st =
          (sql.prepare << "SELECT id, challenge_id, status, score, explanation, cadence_days, "
                          "checklist, summary, created_at, started_at FROM circles ORDER BY id",
           into(id), into(challenge), into(status), into(score), into(explanation), into(cadence),
           into(checklist), into(summary), into(at), into(started, started_ind));
      st.execute();
      while (st.fetch()) {
        CircleRecord c;
        c.id = id;
        c.challenge_id = challenge;
        c.status = status;
        c.score = score;
        c.explanation = explanation;
        c.cadence_days = cadence;
        c.checklist = StringList(checklist);
        c.summary = summary;
        c.created_at = FromMicros(at);
        if (started_ind == soci::i_ok) c.started_at = FromMicros(started);
        by_id.emplace(id, std::move(c));
      }
    }
    soci::statement st = (sql.prepare << "SELECT circle_id, person_id, role FROM circle_members "
                                         "ORDER BY circle_id, role, person_id",
                          into(id), into(person), into(role));
    st.execute();
    while (st.fetch()) {
      auto it = by_id.find(id);
      if (it != by_id.end()) it->second.members.push_back({PersonId(person), role});
    }
    std::vector<CircleRecord> out;
    for (auto& [_, c] : by_id) out.push_back(std::move(c));
    return out;
  });
}

Status SociStore::SetCircleStatus(int64_t id, const std::string& status, Timestamp now) {
  return Guard("changing a circle", [&]() -> Status {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long key = id, at = Micros(now);
    std::string current;
    sql << "SELECT status FROM circles WHERE id = :i", use(key), into(current);
    if (!sql.got_data()) return NotFound("there is no circle #" + std::to_string(id));
    const bool ok = (current == "proposed" && status == "active") ||
                    (current == "active" && status == "closed");
    if (!ok) {
      return FailedPrecondition("circle #" + std::to_string(id) + " is " + current +
                                "; it cannot become " + status);
    }
    if (status == "active") {
      sql << "UPDATE circles SET status = 'active', started_at = :t WHERE id = :i", use(at),
          use(key);
    } else {
      sql << "UPDATE circles SET status = :s WHERE id = :i", use(status), use(key);
    }
    tr.commit();
    return OkStatus();
  });
}

Status SociStore::SaveCircleLife(int64_t id, int cadence_days,
                                 const std::vector<std::string>& checklist,
                                 const std::string& summary) {
  return Guard("saving a circle's cadence, checklist and summary", [&]() -> Status {
    if (cadence_days < 1 || cadence_days > 62) return InvalidArgument("cadence_days: 1 to 62");
    if (summary.size() > 32000) return InvalidArgument("summary: too long");
    soci::session sql(*pool_);
    long long key = id;
    int n = 0;
    sql << "SELECT COUNT(*) FROM circles WHERE id = :i", use(key), into(n);
    if (!n) return NotFound("there is no circle #" + std::to_string(id));
    const std::string items = nlohmann::json(checklist).dump();
    sql << "UPDATE circles SET cadence_days = :d, checklist = :c, summary = :s WHERE id = :i",
        use(cadence_days), use(items), use(summary), use(key);
    return OkStatus();
  });
}

Result<int64_t> SociStore::AddCircleMeeting(const CircleMeeting& m) {
  return Guard("logging a circle meeting", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long circle = m.circle_id;
    std::string status;
    sql << "SELECT status FROM circles WHERE id = :i", use(circle), into(status);
    if (!sql.got_data()) return NotFound("there is no circle #" + std::to_string(m.circle_id));
    if (status != "active") {
      return FailedPrecondition("circle #" + std::to_string(m.circle_id) + " is " + status +
                                "; only an active circle logs meetings");
    }
    long long held = Micros(m.held_on), at = Micros(m.created_at), by = m.logged_by.value, id = 0;
    indicator by_ind = m.logged_by.valid() ? soci::i_ok : soci::i_null;
    const std::string takeaways = nlohmann::json(m.takeaways).dump();
    sql << "INSERT INTO circle_meetings (circle_id, held_on, notes, takeaways, logged_by, "
           "created_at) VALUES (:c, :h, :n, :k, :b, :t) RETURNING id",
        use(circle), use(held), use(m.notes), use(takeaways), use(by, by_ind), use(at), into(id);
    tr.commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<CircleMeeting>> SociStore::ListCircleMeetings(int64_t circle_id) {
  return Guard("reading circle meetings", [&]() -> Result<std::vector<CircleMeeting>> {
    soci::session sql(*pool_);
    long long circle = circle_id, id = 0, held = 0, by = 0, at = 0;
    indicator by_ind{};
    std::string notes, takeaways;
    soci::statement st =
        (sql.prepare << "SELECT id, held_on, notes, takeaways, logged_by, created_at FROM "
                        "circle_meetings WHERE circle_id = :c ORDER BY held_on DESC, id DESC",
         use(circle), into(id), into(held), into(notes), into(takeaways), into(by, by_ind),
         into(at));
    st.execute();
    std::vector<CircleMeeting> out;
    while (st.fetch()) {
      CircleMeeting m;
      m.id = id;
      m.circle_id = circle_id;
      m.held_on = FromMicros(held);
      m.notes = notes;
      m.takeaways = StringList(takeaways);
      if (by_ind == soci::i_ok) m.logged_by = PersonId(by);
      m.created_at = FromMicros(at);
      out.push_back(std::move(m));
    }
    return out;
  });
}

}  // namespace pl::store::internal
