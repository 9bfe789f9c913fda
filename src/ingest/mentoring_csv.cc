#include "ingest/mentoring_csv.h"

#include <charconv>
#include <map>
#include <set>

#include "ingest/csv.h"

namespace pl::ingest {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      std::string part = Trim(s.substr(start, i - start));
      if (!part.empty()) out.push_back(part);
      start = i + 1;
    }
  }
  return out;
}

bool ParseInt(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

using Columns = std::map<std::string, size_t>;

// The header row: columns by name, each required one present ("line 1: missing column ...").
Result<Columns> ReadHeader(CsvReader& reader, std::initializer_list<const char*> required,
                           const char* expected) {
  CsvRecord rec;
  if (!reader.Next(rec)) {
    RETURN_IF_ERROR(reader.status());
    return InvalidArgument("the file is empty");
  }
  Columns col;
  for (size_t i = 0; i < rec.fields.size(); ++i) col[Trim(rec.fields[i])] = i;
  for (const char* need : required) {
    if (!col.count(need)) {
      return InvalidArgument(std::string("line 1: missing column '") + need + "' (expected " +
                             expected + ")");
    }
  }
  return col;
}

// A row's field by column name, trimmed; "" when the column or the field is absent.
std::string Field(const Columns& col, const CsvRecord& rec, const char* name) {
  auto it = col.find(name);
  return it == col.end() || it->second >= rec.fields.size() ? std::string()
                                                            : Trim(rec.fields[it->second]);
}

}  // namespace

Result<MentoringCsvReport> ImportMentoringOptIns(store::Store& store, const std::string& text,
                                                 Timestamp now, bool dry_run) {
  CsvReader reader(text);
  ASSIGN_OR_RETURN(Columns col, ReadHeader(reader, {"employee_id", "role", "skills"},
                                           "employee_id,role,skills,capacity"));
  CsvRecord rec;
  std::vector<store::MentoringOptIn> optins;
  std::set<std::pair<std::string, std::string>> seen;
  MentoringCsvReport report;
  while (reader.Next(rec)) {
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    auto field = [&](const char* name) { return Field(col, rec, name); };
    const std::string id = field("employee_id"), role = field("role");
    ASSIGN_OR_RETURN(auto person, store.FindPersonByExternalId(id));
    if (!person) return InvalidArgument(where + "employee_id: no person '" + id + "'");
    if (role != "mentee" && role != "mentor") {
      return InvalidArgument(where + "role: '" + role + "' is not mentee or mentor");
    }
    if (!seen.insert({id, role}).second) {
      return InvalidArgument(where + id + " is a " + role + " twice");
    }
    store::MentoringOptIn o;
    o.person = *person;
    o.role = role;
    o.updated_at = now;
    const auto parts = Split(field("skills"), ';');
    if (parts.empty()) return InvalidArgument(where + "skills: at least one");
    for (const std::string& part : parts) {
      if (role == "mentee") {
        const size_t colon = part.rfind(':');
        int target = 0;
        if (colon == std::string::npos || !ParseInt(part.substr(colon + 1), target) || target < 1 ||
            target > 4) {
          return InvalidArgument(where + "skills: '" + part +
                                 "' is not skill:target with a target from 1 to 4");
        }
        o.goals.emplace_back(Trim(part.substr(0, colon)), target);
      } else {
        o.offers.push_back(part);
      }
    }
    if (role == "mentor") {
      if (!ParseInt(field("capacity"), o.capacity) || o.capacity < 1 || o.capacity > 20) {
        return InvalidArgument(where + "capacity: '" + field("capacity") +
                               "' is not a whole number from 1 to 20");
      }
      ++report.mentors;
    } else {
      ++report.mentees;
    }
    optins.push_back(std::move(o));
  }
  RETURN_IF_ERROR(reader.status());
  if (!dry_run) {
    for (const auto& o : optins) RETURN_IF_ERROR(store.SaveMentoringOptIn(o));
  }
  return report;
}

Result<int64_t> ImportCircleSignups(store::Store& store, const std::string& text, Timestamp now,
                                    bool dry_run) {
  CsvReader reader(text);
  ASSIGN_OR_RETURN(Columns col, ReadHeader(reader, {"employee_id", "preferences"},
                                           "employee_id,preferences,facilitator,max_circles"));
  ASSIGN_OR_RETURN(auto challenges, store.ListChallenges());
  std::map<int64_t, std::string> status;
  for (const auto& c : challenges) status[c.id] = c.status;
  CsvRecord rec;
  std::vector<store::CircleSignup> signups;
  std::set<std::string> seen;
  while (reader.Next(rec)) {
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    auto field = [&](const char* name) { return Field(col, rec, name); };
    const std::string id = field("employee_id");
    ASSIGN_OR_RETURN(auto person, store.FindPersonByExternalId(id));
    if (!person) return InvalidArgument(where + "employee_id: no person '" + id + "'");
    if (!seen.insert(id).second) return InvalidArgument(where + id + " signs up twice");
    store::CircleSignup s;
    s.person = *person;
    s.updated_at = now;
    std::set<int64_t> ranked;
    for (const std::string& part : Split(field("preferences"), ';')) {
      int c = 0;
      if (!ParseInt(part, c) || !status.count(c)) {
        return InvalidArgument(where + "preferences: '" + part + "' is not a challenge id");
      }
      if (status.at(c) != "open") {
        return InvalidArgument(where + "preferences: challenge " + part + " is closed");
      }
      if (!ranked.insert(c).second) {
        return InvalidArgument(where + "preferences: challenge " + part + " is ranked twice");
      }
      s.preferences.push_back(c);
    }
    if (s.preferences.empty()) return InvalidArgument(where + "preferences: at least one");
    const std::string f = field("facilitator");
    if (f == "yes" || f == "true" || f == "1") {
      s.facilitator = true;
    } else if (!f.empty() && f != "no" && f != "false" && f != "0") {
      return InvalidArgument(where + "facilitator: '" + f + "' is not yes or no");
    }
    const std::string m = field("max_circles");
    if (!m.empty() && (!ParseInt(m, s.max_circles) || s.max_circles < 1 || s.max_circles > 3)) {
      return InvalidArgument(where + "max_circles: '" + m + "' is not 1, 2 or 3");
    }
    signups.push_back(std::move(s));
  }
  RETURN_IF_ERROR(reader.status());
  if (!dry_run) {
    for (const auto& s : signups) RETURN_IF_ERROR(store.SaveCircleSignup(s));
  }
  return static_cast<int64_t>(signups.size());
}

Result<std::vector<std::pair<std::string, std::string>>> ParseSkillTaxonomyCsv(
    const std::string& text) {
  CsvReader reader(text);
  ASSIGN_OR_RETURN(Columns col, ReadHeader(reader, {"skill"}, "skill,parent"));
  CsvRecord rec;
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  while (reader.Next(rec)) {
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    auto field = [&](const char* name) { return Field(col, rec, name); };
    const std::string skill = field("skill"), parent = field("parent");
    if (skill.empty() || skill.size() > 80)
      return InvalidArgument(where + "skill: 1 to 80 characters");
    if (parent.size() > 80) return InvalidArgument(where + "parent: at most 80 characters");
    if (skill == parent) return InvalidArgument(where + "'" + skill + "' is its own parent");
    if (!seen.insert(skill).second) return InvalidArgument(where + "'" + skill + "' twice");
    out.emplace_back(skill, parent);
  }
  RETURN_IF_ERROR(reader.status());
  return out;
}

}  // namespace pl::ingest
