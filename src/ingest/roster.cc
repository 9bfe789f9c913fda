#include "ingest/roster.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "ingest/csv.h"

namespace pl::ingest {
namespace {

enum class Col {
  kEmployeeId,
  kName,
  kEmail,
  kTitle,
  kLevel,
  kDepartment,
  kTeam,
  kManager,
  kHireDate,
  kLocation,
  kTimezone,
  kSkills,
  kFirstName,  // where the roster has no name column: first and last name make it
  kLastName,
  kManagerEmail,  // the manager by e-mail, as some HR systems export them
  kCount
};
constexpr size_t kCols = static_cast<size_t>(Col::kCount);

struct ColumnSpec {
  Col col;
  const char* name;
  std::vector<const char*> aliases;
  size_t max_chars;
};

const std::vector<ColumnSpec>& Specs() {
  static const std::vector<ColumnSpec> kSpecs = {
      // Names as HR systems export them too (Workday, BambooHR, Personio, SAP): matched with
      // spaces, hyphens and dots as underscores ("Employee ID", "Work E-mail", "Hire Date").
      {Col::kEmployeeId,
       "employee_id",
       {"employee_number", "id", "employee_no", "emp_id", "worker_id", "personnel_number"},
       64},
      {Col::kName, "name", {"full_name", "display_name", "employee_name"}, 200},
      {Col::kEmail,
       "email",
       {"e_mail", "mail", "work_email", "work_e_mail", "email_address", "e_mail_address",
        "work_email_address", "work_e_mail_address", "business_email"},
       254},
      {Col::kTitle, "title", {"job_title", "business_title", "position", "position_title"}, 200},
      {Col::kLevel, "level", {"grade", "job_level", "job_grade", "pay_grade"}, 16},
      {Col::kDepartment, "department", {"dept", "department_name"}, 200},
      {Col::kTeam, "team", {"team_path", "team_name"}, 500},
      {Col::kManager,
       "manager_employee_id",
       {"manager_id", "manager_employee_number", "manager", "supervisor_id", "supervisor",
        "line_manager_id", "line_manager", "reports_to", "manager_number"},
       64},
      {Col::kHireDate,
       "hire_date",
       {"start_date", "hired", "date_of_joining", "joining_date", "date_hired"},
       32},
      {Col::kLocation,
       "location",
       {"office", "city", "work_location", "office_location", "site"},
       200},
      {Col::kTimezone, "timezone", {"time_zone", "tz"}, 64},
      {Col::kSkills, "skills", {}, 4000},
      {Col::kFirstName, "first_name", {"given_name", "firstname", "forename"}, 200},
      {Col::kLastName, "last_name", {"surname", "family_name", "lastname"}, 200},
      {Col::kManagerEmail,
       "manager_email",
       {"manager_e_mail", "manager_work_email", "manager_email_address", "supervisor_email",
        "line_manager_email", "reports_to_email"},
       254},
  };
  return kSpecs;
}

const ColumnSpec& Spec(Col c) { return Specs()[static_cast<size_t>(c)]; }

// --- detect ------------------------------------------------------------------------------------

struct Layout {
  std::array<int, kCols> index;  // column position in the file, or -1
  size_t width = 0;
  int Of(Col c) const { return index[static_cast<size_t>(c)]; }
};

std::optional<Layout> DetectLayout(const CsvRecord& header, std::vector<ImportIssue>& issues) {
  Layout layout;
  layout.index.fill(-1);
  layout.width = header.fields.size();
  bool ok = true;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    // "Employee ID", "employee-id" and "employee.id" all name employee_id.
    std::string name;
    for (char c : AsciiLower(Trim(header.fields[i]))) {
      if (c == ' ' || c == '-' || c == '.') c = '_';
      if (c == '_' && (name.empty() || name.back() == '_')) continue;
      name += c;
    }
    while (name.ends_with('_')) name.pop_back();
    const ColumnSpec* match = nullptr;
    for (const auto& spec : Specs()) {
      if (name == spec.name) match = &spec;
      for (const char* a : spec.aliases) {
        if (name == a) match = &spec;
      }
    }
    if (!match) {
      issues.push_back({header.line, std::string(header.fields[i]), "unknown column, ignored",
                        "known columns: employee_id, name (or first_name and last_name), email, "
                        "title, level, department, team, manager_employee_id (or manager_email), "
                        "hire_date, location, timezone, skills",
                        true});
      continue;
    }
    int& slot = layout.index[static_cast<size_t>(match->col)];
    if (slot >= 0) {
      issues.push_back(
          {header.line, match->name,
           "column given twice (as '" + header.fields[slot] + "' and '" + header.fields[i] + "')",
           "keep one of them"});
      ok = false;
      continue;
    }
    slot = static_cast<int>(i);
  }
  for (Col required : {Col::kEmployeeId, Col::kName}) {
    if (required == Col::kName && layout.Of(Col::kFirstName) >= 0 &&
        layout.Of(Col::kLastName) >= 0) {
      continue;  // the name made of the two
    }
    if (layout.Of(required) < 0) {
      issues.push_back({header.line, Spec(required).name, "required column is missing",
                        "the header must name employee_id and name (or first_name and last_name)"});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return layout;
}

// --- parse and check one row ---------------------------------------------------------------------

struct Row {
  int64_t line = 0;
  store::RosterRecord rec;
  std::string manager_email;  // the manager as the file names them by e-mail, if it does
  bool bad = false;
};

bool HasControlChars(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

bool ValidEmail(std::string_view e) {
  size_t at = e.find('@');
  if (at == 0 || at == std::string_view::npos || e.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = e.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.')
    return false;
  for (char c : e)
    if (c == ' ' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  return true;
}

bool ValidTimezone(std::string_view tz) {
  if (tz == "UTC" || tz == "GMT") return true;
  if (tz.find('/') == std::string_view::npos) return false;
  for (char c : tz) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+'))
      return false;
  }
  return !tz.starts_with('/') && !tz.ends_with('/');
}

Row ParseRow(const CsvRecord& csv, const Layout& layout, DateOrder dates,
             std::vector<ImportIssue>& issues) {
  Row row;
  row.line = csv.line;
  auto error = [&](Col c, std::string message, std::string hint) {
    issues.push_back(
        {csv.line, c == Col::kCount ? "" : Spec(c).name, std::move(message), std::move(hint)});
    row.bad = true;
  };
  if (csv.fields.size() != layout.width) {
    error(Col::kCount,
          "has " + std::to_string(csv.fields.size()) + " fields, the header has " +
              std::to_string(layout.width),
          "check for an unquoted comma in a value, or a missing field");
    return row;
  }
  std::array<std::string, kCols> v;
  for (size_t c = 0; c < kCols; ++c) {
    int at = layout.index[c];
    if (at < 0) continue;
    const std::string& raw = csv.fields[at];
    Col col = static_cast<Col>(c);
    if (!IsValidUtf8(raw)) {
      error(col, "is not valid UTF-8", "save the file as UTF-8");
      continue;
    }
    std::string_view t = Trim(raw);
    if (HasControlChars(t)) {
      error(col, "contains control characters (line breaks, tabs or similar)",
            "remove them; a roster value is a single line");
      continue;
    }
    if (Utf8Length(t) > Spec(col).max_chars) {
      error(col,
            "is " + std::to_string(Utf8Length(t)) + " characters long, more than the " +
                std::to_string(Spec(col).max_chars) + " allowed",
            "shorten the value");
      continue;
    }
    v[c] = std::string(t);
  }
  if (row.bad) return row;
  auto& r = row.rec;
  r.external_id = v[size_t(Col::kEmployeeId)];
  r.name = v[size_t(Col::kName)];
  if (r.name.empty()) {  // "First Name" and "Last Name" columns, as many HR systems export
    const std::string& first = v[size_t(Col::kFirstName)];
    const std::string& last = v[size_t(Col::kLastName)];
    r.name = first + (first.empty() || last.empty() ? "" : " ") + last;
    if (Utf8Length(r.name) > Spec(Col::kName).max_chars) {
      error(Col::kName,
            "first and last name are " + std::to_string(Utf8Length(r.name)) +
                " characters long together, more than the " +
                std::to_string(Spec(Col::kName).max_chars) + " allowed",
            "shorten the value");
    }
  }
  r.email = v[size_t(Col::kEmail)];
  r.title = v[size_t(Col::kTitle)];
  r.location = v[size_t(Col::kLocation)];
  r.timezone = v[size_t(Col::kTimezone)];
  r.manager_external_id = v[size_t(Col::kManager)];
  if (r.external_id.empty()) error(Col::kEmployeeId, "is empty", "every row needs an employee id");
  if (r.name.empty()) error(Col::kName, "is empty", "every row needs a name");
  row.manager_email = v[size_t(Col::kManagerEmail)];
  if (!row.manager_email.empty() && !ValidEmail(row.manager_email)) {
    error(Col::kManagerEmail, "'" + row.manager_email + "' is not an e-mail address",
          "give the manager's e-mail, or leave it empty");
  }
  if (!r.email.empty() && !ValidEmail(r.email)) {
    error(Col::kEmail, "'" + r.email + "' is not an e-mail address",
          "use name@example.com, or leave it empty");
  }
  if (const std::string& lv = v[size_t(Col::kLevel)]; !lv.empty()) {
    int level = 0;
    auto [p, ec] = std::from_chars(lv.data(), lv.data() + lv.size(), level);
    if (ec != std::errc() || p != lv.data() + lv.size() || level < 0 || level > 20) {
      error(Col::kLevel, "'" + lv + "' is not a level",
            "use a whole number from 0 to 20, or leave it empty");
    } else {
      r.level = level;
    }
  }
  {
    std::string path;
    const std::string& dept = v[size_t(Col::kDepartment)];
    const std::string& team = v[size_t(Col::kTeam)];
    if (!dept.empty()) path = dept;
    if (!team.empty()) path += (path.empty() ? "" : "/") + team;
    bool ok = true;
    if (!path.empty()) {
      for (std::string_view seg : Split(path, '/')) {
        if (Trim(seg).empty() || Trim(seg).size() != seg.size()) ok = false;
      }
    }
    if (!ok) {
      error(dept.empty() ? Col::kTeam : Col::kDepartment, "'" + path + "' is not a team path",
            "write teams as Department/Team with no empty parts or spaces around '/'");
    } else {
      r.team_path = path;
    }
  }
  if (const std::string& hd = v[size_t(Col::kHireDate)]; !hd.empty()) {
    auto d = ParseLocalDate(hd, dates);
    if (!d.ok()) {
      error(Col::kHireDate, d.status().message(), "write dates as YYYY-MM-DD, e.g. 2024-03-18");
    } else {
      r.hire_date = *d;
    }
  }
  if (!r.timezone.empty() && !ValidTimezone(r.timezone)) {
    error(Col::kTimezone, "'" + r.timezone + "' is not a time zone name",
          "use an IANA name such as Europe/Berlin or America/New_York, or UTC");
  }
  if (const std::string& sk = v[size_t(Col::kSkills)]; !sk.empty()) {
    std::set<std::string> seen;
    for (std::string_view item : Split(sk, ';')) {
      item = Trim(item);
      if (item.empty()) continue;
      size_t colon = item.rfind(':');
      std::string name(Trim(colon == std::string_view::npos ? item : item.substr(0, colon)));
      std::string_view lvl = colon == std::string_view::npos ? "" : Trim(item.substr(colon + 1));
      int level = -1;
      if (lvl.size() == 1 && lvl[0] >= '0' && lvl[0] <= '4') level = lvl[0] - '0';
      if (name.empty() || level < 0 || Utf8Length(name) > 100) {
        error(Col::kSkills, "'" + std::string(item) + "' is not skill:level",
              "write skills as name:level with levels 0 (aware) to 4 (expert), separated by ';'");
        break;
      }
      std::string key = AsciiLower(name);
      if (!seen.insert(key).second) {
        error(Col::kSkills, "skill '" + name + "' is listed twice", "list each skill once");
        break;
      }
      r.skills.push_back({key, level, SkillSource::kSelf});
    }
  }
  return row;
}

}  // namespace

namespace {

// "column 'email' 'x' is not an e-mail address (hint: ...)"
std::string IssueText(const ImportIssue& issue) {
  std::string out;
  if (!issue.column.empty()) out += "column '" + issue.column + "' ";
  out += issue.message;
  if (!issue.hint.empty()) out += " (hint: " + issue.hint + ")";
  return out;
}

}  // namespace

std::string FormatIssue(std::string_view file_name, const ImportIssue& issue) {
  std::string out(file_name);
  if (issue.line > 0) out += ":" + std::to_string(issue.line);
  out += issue.warning ? ": warning: " : ": error: ";
  return out + IssueText(issue);
}

std::vector<std::string> FormatIssues(std::string_view file_name,
                                      const std::vector<ImportIssue>& issues, size_t shown) {
  std::vector<std::string> lines;
  struct Kind {
    const ImportIssue* first;
    int64_t count;
  };
  std::vector<Kind> kinds;
  std::map<std::tuple<bool, std::string_view, std::string_view>, size_t> kind_of;
  for (size_t i = 0; i < issues.size(); ++i) {
    const ImportIssue& issue = issues[i];
    if (i < shown) {
      lines.push_back(FormatIssue(file_name, issue));
      continue;
    }
    auto [it, added] = kind_of.try_emplace({issue.warning, issue.column, issue.hint}, kinds.size());
    if (added) kinds.push_back({&issue, 0});
    ++kinds[it->second].count;
  }
  for (const Kind& k : kinds) {
    const std::string where =
        k.first->line > 0 ? " like line " + std::to_string(k.first->line) : "";
    lines.push_back(std::string(file_name) + ": " + std::to_string(k.count) + " more " +
                    (k.first->warning ? "warning" : "error") + (k.count == 1 ? "" : "s") + where +
                    ": " + IssueText(*k.first));
  }
  return lines;
}

RosterPlan PlanRoster(std::string_view text, const std::vector<store::RosterEntry>& existing,
                      const RosterOptions& options) {
  RosterPlan plan;
  auto file_error = [&](int64_t line, std::string m, std::string hint) {
    plan.issues.push_back({line, "", std::move(m), std::move(hint)});
    plan.has_errors = true;
    return plan;
  };
  // Detect.
  CsvReader reader(text);
  CsvRecord header;
  if (!reader.Next(header)) {
    if (!reader.status().ok())
      return file_error(0, reader.status().message(), "fix the CSV syntax");
    return file_error(0, "the file is empty", "the first line must be a header naming the columns");
  }
  std::optional<Layout> layout = DetectLayout(header, plan.issues);
  if (!layout) {
    plan.has_errors = true;
    return plan;
  }

  // Parse every row, checking each alone.
  std::vector<CsvRecord> records;
  for (CsvRecord rec; reader.Next(rec);) records.push_back(std::move(rec));
  if (!reader.status().ok()) {
    // A syntax error leaves the rest of the file unreadable: never partially import.
    plan.rows = static_cast<int64_t>(records.size());
    return file_error(0, reader.status().message(), "fix the CSV syntax; nothing was imported");
  }
  // Hire dates as the file's locale writes them: day or month first, told by all of them.
  std::vector<std::string_view> hire_dates;
  if (const int at = layout->Of(Col::kHireDate); at >= 0) {
    for (const CsvRecord& r : records) {
      if (static_cast<size_t>(at) < r.fields.size()) hire_dates.push_back(Trim(r.fields[at]));
    }
  }
  const DateOrder dates = InferDateOrder(hire_dates);
  std::vector<Row> rows;
  for (const CsvRecord& r : records) rows.push_back(ParseRow(r, *layout, dates, plan.issues));
  plan.rows = static_cast<int64_t>(rows.size());

  // Across rows: duplicate ids.
  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& row = rows[i];
    if (row.rec.external_id.empty()) continue;
    auto [it, inserted] = by_id.emplace(row.rec.external_id, i);
    if (!inserted) {
      plan.issues.push_back({row.line, "employee_id",
                             "'" + row.rec.external_id + "' is a duplicate of line " +
                                 std::to_string(rows[it->second].line),
                             "each employee id may appear once"});
      row.bad = true;
    }
  }

  // Managers named by e-mail: the person with that address in this file, else in peerlearn (any
  // case); an address two rows of the file give is nobody's in particular.
  if (layout->Of(Col::kManagerEmail) >= 0) {
    std::unordered_map<std::string, std::string> id_of;       // lower-case e-mail → id
    std::unordered_map<std::string, int64_t> line_of, twice;  // the file's, and its repeats
    for (const auto& e : existing) {
      if (!e.email.empty()) id_of[AsciiLower(e.email)] = e.external_id;
    }
    for (const Row& row : rows) {
      if (row.rec.email.empty() || row.rec.external_id.empty()) continue;
      const std::string key = AsciiLower(row.rec.email);
      if (auto [it, first] = line_of.emplace(key, row.line); !first) twice.emplace(key, it->second);
      id_of[key] = row.rec.external_id;
    }
    for (Row& row : rows) {
      if (row.bad || row.manager_email.empty()) continue;
      const std::string key = AsciiLower(row.manager_email);
      auto it = id_of.find(key);
      std::string problem, hint;
      if (twice.count(key)) {
        problem = "manager e-mail '" + row.manager_email + "' is on two rows (line " +
                  std::to_string(twice[key]) + " and another)";
        hint = "give each person their own e-mail, or name the manager by manager_employee_id";
      } else if (it == id_of.end()) {
        problem = "unknown manager e-mail '" + row.manager_email +
                  "': nobody in this file nor in peerlearn has it";
        hint = "add the manager's row with that e-mail, or correct it";
      } else if (!row.rec.manager_external_id.empty() &&
                 row.rec.manager_external_id != it->second) {
        problem = "manager e-mail '" + row.manager_email + "' is " + it->second +
                  "'s, but manager_employee_id says " + row.rec.manager_external_id;
        hint = "give one manager";
      }
      if (!problem.empty()) {
        plan.issues.push_back({row.line, "manager_email", problem, hint});
        row.bad = true;
        continue;
      }
      row.rec.manager_external_id = it->second;
    }
  }

  // Managers must exist (in the file, or already in the store and not about to be deactivated),
  // and the reporting lines must not loop. Repeated until stable so that, in lenient mode, rows
  // whose manager was skipped are skipped too.
  std::unordered_map<std::string, const store::RosterEntry*> stored;
  for (const auto& e : existing) stored.emplace(e.external_id, &e);
  auto usable = [&](const std::string& id) {
    auto it = by_id.find(id);
    return it != by_id.end() && !rows[it->second].bad;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (Row& row : rows) {
      if (row.bad || row.rec.manager_external_id.empty()) continue;
      const std::string& m = row.rec.manager_external_id;
      if (m == row.rec.external_id) {
        plan.issues.push_back({row.line, "manager_employee_id", "'" + m + "' is their own manager",
                               "leave the manager empty for the top of the organisation"});
        row.bad = changed = true;
        continue;
      }
      if (usable(m)) continue;
      auto in_file = by_id.find(m);
      if (in_file != by_id.end()) {
        plan.issues.push_back({row.line, "manager_employee_id",
                               "manager '" + m + "' (line " +
                                   std::to_string(rows[in_file->second].line) + ") was rejected",
                               "fix that row first"});
        row.bad = changed = true;
        continue;
      }
      auto st = stored.find(m);
      if (st == stored.end()) {
        plan.issues.push_back({row.line, "manager_employee_id",
                               "unknown manager '" + m + "': not in this file nor in peerlearn",
                               "add the manager's row, or correct the id"});
        row.bad = changed = true;
      } else if (options.sync) {
        plan.issues.push_back(
            {row.line, "manager_employee_id",
             "manager '" + m + "' is not in this file, so --sync would deactivate them",
             "include the manager's row, or import without --sync"});
        row.bad = changed = true;
      }
    }
    // Cycles over the reporting lines that would result (file rows override the store).
    std::unordered_map<std::string, std::string> manager_of;
    for (const auto& e : existing) {
      if (!e.manager_external_id.empty()) manager_of[e.external_id] = e.manager_external_id;
    }
    for (const Row& row : rows) {
      if (row.bad || row.rec.external_id.empty()) continue;
      if (row.rec.manager_external_id.empty()) {
        manager_of.erase(row.rec.external_id);
      } else {
        manager_of[row.rec.external_id] = row.rec.manager_external_id;
      }
    }
    std::unordered_map<std::string, int> state;  // 1 = on the current path, 2 = done
    for (Row& row : rows) {
      if (row.bad || state[row.rec.external_id] == 2) continue;
      std::vector<std::string> path;
      std::string cur = row.rec.external_id;
      while (true) {
        int& s = state[cur];
        if (s == 2) break;
        if (s == 1) {
          // cur is on the path: the loop is from cur to the end of the path.
          auto start = std::find(path.begin(), path.end(), cur);
          std::string loop;
          for (auto it = start; it != path.end(); ++it) loop += *it + " -> ";
          loop += cur;
          for (auto it = start; it != path.end(); ++it) {
            auto f = by_id.find(*it);
            if (f == by_id.end())
              continue;  // a stored person; the file row that closes it is flagged
            Row& member = rows[f->second];
            if (member.bad) continue;
            plan.issues.push_back({member.line, "manager_employee_id", "manager cycle: " + loop,
                                   "someone in this reporting line must report outside it"});
            member.bad = true;
          }
          changed = true;
          break;
        }
        s = 1;
        path.push_back(cur);
        auto m = manager_of.find(cur);
        if (m == manager_of.end()) break;
        cur = m->second;
      }
      for (const auto& p : path) state[p] = 2;
    }
  }

  std::stable_sort(plan.issues.begin(), plan.issues.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
  for (const auto& issue : plan.issues) plan.has_errors |= !issue.warning;
  for (Row& row : rows) {
    if (row.bad) {
      ++plan.skipped;
    } else {
      plan.records.push_back(std::move(row.rec));
    }
  }
  if (!options.lenient && plan.has_errors) plan.records.clear();
  return plan;
}

Result<RosterReport> ImportRoster(store::Store& store, std::string_view text,
                                  const RosterOptions& options) {
  ASSIGN_OR_RETURN(std::vector<store::RosterEntry> existing, store.RosterIndex());
  RosterPlan plan = PlanRoster(text, existing, options);
  RosterReport report;
  report.rows = plan.rows;
  report.issues = std::move(plan.issues);
  report.skipped = plan.skipped;
  if (plan.has_errors && !options.lenient) {
    report.rejected = true;
    report.skipped = 0;
    return report;
  }
  if (plan.rows == 0 && plan.has_errors) {
    report.rejected = true;  // nothing readable at all
    return report;
  }
  report.accepted = static_cast<int64_t>(plan.records.size());
  if (options.sync && plan.records.empty()) {
    report.rejected = true;
    report.issues.push_back({0, "", "no valid rows, and --sync would deactivate everyone",
                             "check the file; nothing was changed"});
    return report;
  }
  ASSIGN_OR_RETURN(report.applied, store.ApplyRoster(plan.records, {.sync = options.sync,
                                                                    .dry_run = options.dry_run}));
  report.written = true;
  return report;
}

Result<std::unordered_map<std::string, PersonId>> PeopleByIdOrEmail(store::Store& store) {
  ASSIGN_OR_RETURN(auto people, store.PersonIdsByExternalId());
  ASSIGN_OR_RETURN(auto by_email, store.PersonIdsByEmail());
  for (auto& [email, id] : by_email) people.emplace(email, id);  // an employee id comes first
  return people;
}

const PersonId* FindPerson(const std::unordered_map<std::string, PersonId>& people,
                           const std::string& id) {
  auto it = people.find(id);
  if (it == people.end() && id.find('@') != std::string::npos) it = people.find(AsciiLower(id));
  if (it == people.end()) {
    // "Name <address>": the address between the last pair of angle brackets.
    const size_t open = id.rfind('<'), close = id.find('>', open == id.npos ? id.size() : open);
    if (close != id.npos) {
      std::string address(Trim(std::string_view(id).substr(open + 1, close - open - 1)));
      if (AsciiLower(address.substr(0, 7)) == "mailto:") address.erase(0, 7);
      if (address.find('@') != address.npos) it = people.find(AsciiLower(address));
    }
  }
  return it == people.end() ? nullptr : &it->second;
}

std::string WriteRosterCsv(const std::vector<store::RosterRecord>& records) {
  std::string out =
      "employee_id,name,email,title,level,team,manager_employee_id,hire_date,location,timezone,"
      "skills\r\n";
  for (const auto& r : records) {
    std::string skills;
    for (const auto& s : r.skills) {
      skills += (skills.empty() ? "" : ";") + s.skill + ":" + std::to_string(s.level);
    }
    for (const std::string& f :
         {r.external_id, r.name, r.email, r.title, std::to_string(r.level), r.team_path,
          r.manager_external_id, r.hire_date ? FormatDate(*r.hire_date) : std::string(), r.location,
          r.timezone, skills}) {
      out += CsvField(f);
      out += ',';
    }
    out.back() = '\r';
    out += '\n';
  }
  return out;
}

}  // namespace pl::ingest
