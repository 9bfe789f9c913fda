#include "ingest/interactions.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/csv.h"

namespace pl::ingest {
namespace {

enum Col { kSource, kTarget, kTimestamp, kLayer, kWeight, kContext, kCols };
constexpr std::array<const char*, kCols> kNames = {"source", "target", "timestamp",
                                                   "layer",  "weight", "context"};
// Other names a column may have (peer-nomination exports among them).
int ColumnOf(std::string_view name) {
  for (int c = 0; c < kCols; ++c) {
    if (name == kNames[c]) return c;
  }
  for (auto [alias, c] : {std::pair{"nominator_employee_id", kSource},
                          {"nominator", kSource},
                          {"from", kSource},
                          {"nominee_employee_id", kTarget},
                          {"nominee", kTarget},
                          {"to", kTarget},
                          {"sender", kSource},
                          {"recipient", kTarget},
                          {"date", kTimestamp},
                          {"time", kTimestamp},
                          {"datetime", kTimestamp},
                          {"ts", kTimestamp},
                          {"sent_at", kTimestamp},
                          {"created_at", kTimestamp},
                          {"respondent", kSource},
                          {"respondent_id", kSource},
                          {"respondent_employee_id", kSource},
                          {"submitted_at", kTimestamp},
                          {"question", kContext},
                          {"wave", kContext},
                          {"giver", kSource},
                          {"given_by", kSource},
                          {"giver_employee_id", kSource},
                          {"receiver", kTarget},
                          {"receiver_employee_id", kTarget},
                          {"recipient_employee_id", kTarget},
                          {"helper", kTarget},
                          {"helper_employee_id", kTarget},
                          {"helped_by", kTarget},
                          {"giver_email", kSource},
                          {"giver email", kSource},
                          {"receiver_email", kTarget},
                          {"receiver email", kTarget},
                          {"recipient_email", kTarget},
                          {"recipient email", kTarget},
                          {"receivers", kTarget},
                          {"recipients", kTarget},
                          {"helper_email", kTarget},
                          {"given_at", kTimestamp},
                          {"project", kContext},
                          {"project_name", kContext}}) {
    if (name == alias) return c;
  }
  return -1;
}

// Survey tools' names (Microsoft Forms, Google Forms) for a column with no other name in the
// file: an "Email" beside a "source" column is only read as the source where there is none.
int SurveyColumnOf(std::string_view name) {
  for (auto [alias, c] : {std::pair{"email", kSource},
                          {"e-mail", kSource},
                          {"email address", kSource},
                          {"respondent email", kSource},
                          {"nominator_email", kSource},
                          {"nominator email", kSource},
                          {"nominee_email", kTarget},
                          {"nominee email", kTarget},
                          {"completion time", kTimestamp}}) {
    if (name == alias) return c;
  }
  return -1;
}

// A column of what someone wrote (a message's text, a kudos' note): never read.
bool IsMessageText(std::string_view name) {
  for (std::string_view text :
       {"text", "message", "body", "comment", "comments", "note", "notes", "reason"}) {
    if (name == text) return true;
  }
  return false;
}

// A survey's numbered answer column ("nominee_2", "nominee 2", "target3", "to_1"): one more
// target of the row's source.
bool IsNumberedTarget(std::string_view name) {
  for (std::string_view stem : {"nominee_employee_id", "nominee", "target", "to", "recipient",
                                "receiver", "helper", "helped_by", "helped by"}) {
    if (!name.starts_with(stem)) continue;
    std::string_view rest = name.substr(stem.size());
    if (!rest.empty() && (rest[0] == '_' || rest[0] == ' ' || rest[0] == '-')) {
      rest.remove_prefix(1);
    }
    if (!rest.empty() && rest.size() <= 3 &&
        std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return true;
    }
  }
  return false;
}

// The ties of a matrix (see interactions.h), its header read already.
void PlanMatrix(CsvReader& reader, const CsvRecord& header,
                const std::unordered_map<std::string, PersonId>& people,
                const InteractionsOptions& options, InteractionsPlan& plan) {
  auto issue = [&](int64_t line, std::string column, std::string m, std::string hint) {
    plan.issues.push_back({line, std::move(column), std::move(m), std::move(hint)});
  };
  if (!options.date) {
    issue(header.line, "", "a matrix names no dates",
          "give the date its answers were collected: --date 2026-10-01 (date= in the API)");
    return;
  }
  // The person heading each column (none where unknown: its cells are skipped, once reported).
  std::vector<std::optional<PersonId>> column(header.fields.size());
  std::unordered_map<std::string, size_t> seen;
  auto id_of = [](std::string_view cell) { return std::string(Trim(cell)).substr(0, 200); };
  for (size_t j = 1; j < header.fields.size(); ++j) {
    const std::string id = id_of(header.fields[j]);
    if (id.empty()) {
      issue(header.line, "column " + std::to_string(j + 1), "names nobody",
            "put an employee id in every header cell but the first");
    } else if (auto [it, fresh] = seen.emplace(id, j); !fresh) {
      issue(header.line, id,
            "heads two columns (" + std::to_string(it->second + 1) + " and " +
                std::to_string(j + 1) + ")",
            "keep one");
    } else if (const PersonId* p = FindPerson(people, id); p == nullptr) {
      issue(header.line, id, "unknown person '" + id + "'",
            "import the roster first, or correct the employee id or e-mail");
    } else {
      column[j] = *p;
    }
  }
  std::unordered_map<std::string, int64_t> rows_of;
  CsvRecord rec;
  while (reader.Next(rec)) {
    ++plan.rows;
    const size_t before = plan.issues.size();
    const std::string id = rec.fields.empty() ? "" : id_of(rec.fields[0]);
    std::optional<PersonId> src;
    if (rec.fields.size() != header.fields.size()) {
      issue(rec.line, "",
            "has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                std::to_string(header.fields.size()),
            "give every person a row with a number for each column");
    } else if (id.empty()) {
      issue(rec.line, "", "the row names nobody", "start the row with an employee id");
    } else if (auto [it, fresh] = rows_of.emplace(id, rec.line); !fresh) {
      issue(rec.line, id, "has a second row (the first on line " + std::to_string(it->second) + ")",
            "keep one");
    } else if (const PersonId* p = FindPerson(people, id); p == nullptr) {
      issue(rec.line, id, "unknown person '" + id + "'",
            "import the roster first, or correct the employee id or e-mail");
    } else {
      src = *p;
    }
    std::vector<store::InteractionRecord> ties;
    int64_t self = 0;
    for (size_t j = 1; src && j < rec.fields.size(); ++j) {
      const std::string_view cell = Trim(rec.fields[j]);
      double v = 0;
      if (cell.empty()) continue;
      if (!ParseCsvNumber(cell, reader.separator(), v) || !std::isfinite(v) || v < 0 || v > 1e6) {
        issue(rec.line, id_of(header.fields[j]),
              "'" + std::string(cell.substr(0, 32)) + "' is not a number of nominations",
              "use 0 for none, or a number up to 1000000");
        continue;
      }
      if (v == 0 || !column[j]) continue;
      if (*column[j] == *src) {
        ++self;
        continue;
      }
      ties.push_back({.src = *src,
                      .dst = *column[j],
                      .layer = options.default_layer,
                      .ts = *options.date,
                      .weight = v,
                      .context = options.context});
    }
    if (plan.issues.size() == before) {
      plan.self_interactions += self;
      plan.records.insert(plan.records.end(), ties.begin(), ties.end());
    } else {
      ++plan.skipped;
    }
  }
}

// How the file writes its times' dates: ISO unless its first time is written as a locale writes
// dates ("3/15/2026 14:05"); then day or month first as told by its times, read until one
// tells (a number above 12 in either place) — a second pass over the text, which a file of ISO
// times never takes.
DateOrder TimestampOrder(std::string_view text, char separator, int column) {
  if (column < 0) return DateOrder::kIso;
  CsvReader reader(text, {.separator = separator});
  CsvRecord rec;
  reader.Next(rec);  // the header
  bool first = true;
  while (reader.Next(rec)) {
    if (static_cast<size_t>(column) >= rec.fields.size()) continue;
    const std::string_view cell = Trim(rec.fields[column]);
    if (cell.empty()) continue;
    std::string_view date;
    if (!IsLocalDate(cell, date)) {
      if (first) return DateOrder::kIso;
      continue;
    }
    first = false;
    const DateOrder order = InferDateOrder({date});
    if (order == DateOrder::kDayFirst || order == DateOrder::kMonthFirst) return order;
  }
  return first ? DateOrder::kIso : DateOrder::kAmbiguous;
}

}  // namespace

std::optional<graph::Layer> CsvKindLayer(std::string_view kind) {
  for (const auto& k : kInteractionCsvKinds) {
    if (k.name == kind) return k.default_layer;
  }
  return std::nullopt;
}

InteractionsPlan PlanInteractions(std::string_view text,
                                  const std::unordered_map<std::string, PersonId>& people,
                                  const InteractionsOptions& options) {
  InteractionsPlan plan;
  auto file_error = [&](int64_t line, std::string m, std::string hint) {
    plan.issues.push_back({line, "", std::move(m), std::move(hint)});
    plan.has_errors = true;
    plan.records.clear();
    return plan;
  };
  if (!IsValidUtf8(options.context) || Utf8Length(options.context) > 200) {
    return file_error(0, "the context given is not valid UTF-8 of at most 200 characters",
                      "shorten or re-encode it");
  }
  CsvReader reader(text);
  CsvRecord header;
  if (!reader.Next(header)) {
    if (!reader.status().ok())
      return file_error(0, reader.status().message(), "fix the CSV syntax");
    return file_error(0, "the file is empty", "the first line must name the columns");
  }
  // A matrix starts with an empty cell; so does an edge list pandas wrote with its index column,
  // but its header then names a source and a target (the unnamed column is not read).
  const bool names_ties = std::any_of(header.fields.begin(), header.fields.end(), [](auto& f) {
    const int c = ColumnOf(AsciiLower(Trim(f)));
    return c == kSource || c == kTarget;
  });
  if (header.fields.size() >= 2 && Trim(header.fields[0]).empty() && !names_ties) {
    PlanMatrix(reader, header, people, options, plan);
    if (!reader.status().ok()) {
      return file_error(0, reader.status().message(), "fix the CSV syntax; nothing was imported");
    }
    for (const auto& i : plan.issues) plan.has_errors |= !i.warning;
    if (plan.has_errors && !options.lenient) plan.records.clear();
    return plan;
  }
  std::array<int, kCols> at, survey;
  at.fill(-1);
  survey.fill(-1);
  std::vector<int> numbered;  // nominee_1, nominee_2, ...: one row, several targets
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = AsciiLower(Trim(header.fields[i]));
    if (IsNumberedTarget(name)) numbered.push_back(static_cast<int>(i));
    if (int c = ColumnOf(name); c >= 0) {
      if (at[c] >= 0) {
        return file_error(header.line, "column '" + name + "' gives the " + kNames[c] + " twice",
                          "keep one");
      }
      at[c] = static_cast<int>(i);
    } else if (int s = SurveyColumnOf(name); s >= 0 && survey[s] < 0) {
      survey[s] = static_cast<int>(i);
    }
    if (IsMessageText(name)) {
      plan.issues.push_back({header.line, name, "message text is never imported; column ignored",
                             "leave it out of the export", true});
    }
  }
  for (int c = 0; c < kCols; ++c) {
    if (at[c] < 0) at[c] = survey[c];
  }
  // A form's export of nominations heads its answers with the question ("Who helped you most
  // this month?"): where no column names the nominee and exactly one column is none of the
  // known ones (a form's ID, start time and name aside), that is the nominee, and its heading
  // the question where the file and the options give none.
  std::string question;
  if (at[kTarget] < 0 && numbered.empty() && options.default_layer == graph::Layer::kNomination) {
    std::vector<int> others;
    for (size_t i = 0; i < header.fields.size(); ++i) {
      const std::string name = AsciiLower(Trim(header.fields[i]));
      if (ColumnOf(name) >= 0 ||
          std::find(survey.begin(), survey.end(), static_cast<int>(i)) != survey.end() ||
          name == "id" || name == "start time" || name == "name" || name == "last modified time" ||
          IsMessageText(name)) {
        continue;
      }
      others.push_back(static_cast<int>(i));
    }
    if (others.size() == 1) {
      at[kTarget] = others[0];
      const std::string_view heading = Trim(header.fields[others[0]]);
      plan.issues.push_back({header.line, std::string(heading.substr(0, 64)),
                             "read as the nominee column (the only column of another name)",
                             "name it nominee to say so", true});
      if (at[kContext] < 0 && options.context.empty() && IsValidUtf8(heading) &&
          Utf8Length(heading) <= 200) {
        question = std::string(heading);
      }
    }
  }
  // The targets a row names: the target column, and any numbered ones after it.
  std::vector<int> targets;
  if (at[kTarget] >= 0) targets.push_back(at[kTarget]);
  targets.insert(targets.end(), numbered.begin(), numbered.end());
  if (!targets.empty()) at[kTarget] = targets[0];
  for (int c : {kSource, kTarget, kTimestamp}) {
    if (at[c] < 0 && !(c == kTimestamp && options.date)) {
      return file_error(header.line, std::string("required column '") + kNames[c] + "' is missing",
                        c == kTimestamp
                            ? "name the timestamp column, or give one date for every row (--date "
                              "2026-10-01; date= in the API)"
                        : c == kTarget && options.default_layer == graph::Layer::kNomination
                            ? "name the column of the people nominated nominee (several columns: "
                              "nominee_1, nominee_2, ...)"
                        : c == kTarget && options.default_layer == graph::Layer::kDebrief
                            ? "name the column of the people who helped helper (several columns: "
                              "helper_1, helper_2, ...)"
                        : c == kTarget && options.default_layer == graph::Layer::kKudos
                            ? "name the column of the people thanked receiver"
                            : "the header must name source, target and timestamp");
    }
  }
  const DateOrder dates = TimestampOrder(text, reader.separator(), at[kTimestamp]);
  CsvRecord rec;
  while (reader.Next(rec)) {
    ++plan.rows;
    size_t before = plan.issues.size();
    // A fault is named by its column as the header writes it ("nominee", "Date"), or by its role
    // where no column holds it.
    auto heading = [&](int c) {
      return at[c] < 0 ? std::string(kNames[c]) : std::string(Trim(header.fields[at[c]]));
    };
    auto error = [&](int c, std::string m, std::string hint) {
      plan.issues.push_back({rec.line, c < 0 ? "" : heading(c), std::move(m), std::move(hint)});
    };
    if (rec.fields.size() != header.fields.size()) {
      error(-1,
            "has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                std::to_string(header.fields.size()),
            "check for an unquoted comma");
    } else {
      auto field = [&](int c) -> std::string_view {
        return at[c] < 0 ? std::string_view() : Trim(rec.fields[at[c]]);
      };
      store::InteractionRecord r;
      r.layer = options.default_layer;
      // The person an id names (an employee id or an e-mail). A numbered target's cell may be
      // blank (an answer not given) and is named by its header in lower case ("nominee_2"); the
      // others as the header writes them ("nominee", as `heading`).
      auto person = [&](int c, int column, bool numbered,
                        std::string_view cell) -> std::optional<PersonId> {
        const std::string id(Trim(cell));
        if (id.empty()) {
          if (!numbered) error(c, "is empty", "give the person's employee id or e-mail");
        } else if (const PersonId* p = FindPerson(people, id); p == nullptr) {
          plan.issues.push_back({rec.line,
                                 numbered ? AsciiLower(Trim(header.fields[column]))
                                          : std::string(Trim(header.fields[column])),
                                 "unknown person '" + id.substr(0, 64) + "'",
                                 "import the roster first, or correct the employee id or e-mail"});
        } else {
          return *p;
        }
        return std::nullopt;
      };
      if (auto p = person(kSource, at[kSource], false, rec.fields[at[kSource]])) r.src = *p;
      // With numbered targets (a survey's answers), blank cells are answers not given; a row
      // naming nobody adds nothing. A target cell may name several people separated by ';' or
      // ',', as forms export a question's several answers (Microsoft Forms "a@x.com;b@x.com;",
      // Google Forms "a@x.com, b@x.com"), and a mail log its recipients, also with their names
      // ("Doe, Jane <jane@x.com>; Bob <bob@x.com>": the parts without an address are names).
      std::vector<PersonId> dst;
      std::vector<std::string_view> names;
      for (int column : targets) {
        const std::string_view cell = rec.fields[column];
        const bool several = cell.find_first_of(";,") != std::string_view::npos;
        const bool named = cell.find('<') != std::string_view::npos;
        names.clear();
        for (size_t start = 0; start <= cell.size();) {
          const size_t end =
              several ? std::min(cell.find_first_of(";,", start), cell.size()) : cell.size();
          names.push_back(cell.substr(start, end - start));
          start = end + 1;
        }
        for (std::string_view one : names) {
          if (several && Trim(one).empty()) continue;
          if (named && one.find('@') == one.npos && one.find('<') == one.npos) continue;
          if (auto p = person(kTarget, column, targets.size() > 1, one)) {
            if (std::find(dst.begin(), dst.end(), *p) == dst.end()) dst.push_back(*p);
          }
        }
      }
      if (at[kTimestamp] < 0) {
        r.ts = *options.date;
      } else if (auto t = ParseLocalTimestamp(field(kTimestamp), dates); t.ok()) {
        r.ts = *t;
      } else {
        error(kTimestamp, t.status().message(), "use ISO-8601, e.g. 2026-03-01T09:30:00Z");
      }
      if (auto l = field(kLayer); !l.empty()) {
        if (auto layer = graph::ParseLayer(AsciiLower(l))) {
          r.layer = *layer;
        } else {
          error(kLayer, "'" + std::string(l.substr(0, 32)) + "' is not a layer",
                "use reply, mention, reaction, thread, nomination, debrief, kudos or mentoring");
        }
      }
      if (auto w = field(kWeight); !w.empty()) {
        double v = 0;
        if (!ParseCsvNumber(w, reader.separator(), v) || !std::isfinite(v) || v <= 0 || v > 1e6) {
          error(kWeight, "'" + std::string(w.substr(0, 32)) + "' is not a weight",
                "use a number above 0 and at most 1000000");
        } else {
          r.weight = v;
        }
      }
      std::string_view ctx = at[kContext] >= 0          ? field(kContext)
                             : !options.context.empty() ? std::string_view(options.context)
                                                        : std::string_view(question);
      if (!IsValidUtf8(ctx) || Utf8Length(ctx) > 200) {
        error(kContext, "is not valid UTF-8 of at most 200 characters", "shorten or re-encode it");
      } else {
        r.context = std::string(ctx);
      }
      if (plan.issues.size() == before) {
        for (PersonId d : dst) {
          if (d == r.src) {  // not a tie between two people
            ++plan.self_interactions;
            continue;
          }
          plan.records.push_back(r);
          plan.records.back().dst = d;
        }
        continue;
      }
    }
    ++plan.skipped;
  }
  if (!reader.status().ok()) {
    return file_error(0, reader.status().message(), "fix the CSV syntax; nothing was imported");
  }
  for (const auto& i : plan.issues) plan.has_errors |= !i.warning;
  if (plan.has_errors && !options.lenient) plan.records.clear();
  return plan;
}

Result<InteractionsReport> ImportInteractions(store::Store& store, std::string_view text,
                                              const InteractionsOptions& options) {
  ASSIGN_OR_RETURN(auto people, PeopleByIdOrEmail(store));
  InteractionsPlan plan = PlanInteractions(text, people, options);
  InteractionsReport report;
  report.rows = plan.rows;
  report.issues = std::move(plan.issues);
  report.skipped = plan.skipped;
  report.self_interactions = plan.self_interactions;
  // Strict: any error rejects the file. Lenient: rejected only when nothing usable remains.
  if (plan.has_errors && (!options.lenient || plan.records.empty())) {
    report.rejected = true;
    return report;
  }
  report.accepted = static_cast<int64_t>(plan.records.size());
  ASSIGN_OR_RETURN(report.applied, store.AddInteractions(plan.records, "csv",
                                                         {.dry_run = options.dry_run,
                                                          .not_before = options.not_before}));
  return report;
}

}  // namespace pl::ingest
