#include "ingest/interactions.h"

#include <array>
#include <charconv>
#include <cmath>

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
                          {"question", kContext},
                          {"wave", kContext}}) {
    if (name == alias) return c;
  }
  return -1;
}

}  // namespace

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
  CsvReader reader(text);
  CsvRecord header;
  if (!reader.Next(header)) {
    if (!reader.status().ok())
      return file_error(0, reader.status().message(), "fix the CSV syntax");
    return file_error(0, "the file is empty", "the first line must name the columns");
  }
  std::array<int, kCols> at;
  at.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = AsciiLower(Trim(header.fields[i]));
    if (int c = ColumnOf(name); c >= 0) {
      if (at[c] >= 0) {
        return file_error(header.line, "column '" + name + "' gives the " + kNames[c] + " twice",
                          "keep one");
      }
      at[c] = static_cast<int>(i);
    }
    if (name == "text" || name == "message" || name == "body") {
      plan.issues.push_back({header.line, name, "message text is never imported; column ignored",
                             "leave it out of the export", true});
    }
  }
  for (int c : {kSource, kTarget, kTimestamp}) {
    if (at[c] < 0) {
      return file_error(header.line, std::string("required column '") + kNames[c] + "' is missing",
                        "the header must name source, target and timestamp");
    }
  }
  CsvRecord rec;
  while (reader.Next(rec)) {
    ++plan.rows;
    size_t before = plan.issues.size();
    auto error = [&](int c, std::string m, std::string hint) {
      plan.issues.push_back({rec.line, c < 0 ? "" : kNames[c], std::move(m), std::move(hint)});
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
      for (int c : {kSource, kTarget}) {
        std::string id(field(c));
        auto it = people.find(id);
        if (id.empty()) {
          error(c, "is empty", "give the person's employee id");
        } else if (it == people.end()) {
          error(c, "unknown person '" + id.substr(0, 64) + "'",
                "import the roster first, or correct the employee id");
        } else {
          (c == kSource ? r.src : r.dst) = it->second;
        }
      }
      const bool self = r.src.valid() && r.src == r.dst;
      if (auto t = ParseTimestamp(field(kTimestamp)); t.ok()) {
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
        auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
        if (ec != std::errc() || p != w.data() + w.size() || !std::isfinite(v) || v <= 0 ||
            v > 1e6) {
          error(kWeight, "'" + std::string(w.substr(0, 32)) + "' is not a weight",
                "use a number above 0 and at most 1000000");
        } else {
          r.weight = v;
        }
      }
      std::string_view ctx = field(kContext);
      if (!IsValidUtf8(ctx) || Utf8Length(ctx) > 200) {
        error(kContext, "is not valid UTF-8 of at most 200 characters", "shorten or re-encode it");
      } else {
        r.context = std::string(ctx);
      }
      if (plan.issues.size() == before && self) {  // not a tie between two people
        ++plan.self_interactions;
        continue;
      }
      if (plan.issues.size() == before) {
        plan.records.push_back(std::move(r));
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
  ASSIGN_OR_RETURN(auto people, store.PersonIdsByExternalId());
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
  ASSIGN_OR_RETURN(report.applied,
                   store.AddInteractions(plan.records, "csv", {.dry_run = options.dry_run}));
  return report;
}

}  // namespace pl::ingest
