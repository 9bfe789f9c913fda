#include "ingest/survey_csv.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <set>

#include "core/text.h"
#include "ingest/csv.h"
#include "surveys/scoring.h"

namespace pl::ingest {

namespace {

// Text as compared with an item's or a scale point's: lower-case letters and digits, each run of
// anything else one space ("Q1. It is safe…" and "q1 it is safe…" are alike).
std::string Folded(std::string_view text) {
  std::string out;
  for (char c : text) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || static_cast<unsigned char>(c) >= 0x80) {
      out += l;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The item a column heading names by the item's text, as a form's export heads its questions:
// the text itself, or after a short numbering ("3.", "Q3 -", "(3)").
std::optional<size_t> ItemByText(const surveys::Instrument& in, std::string_view heading) {
  const std::string h = Folded(heading);
  for (size_t i = 0; i < in.items.size(); ++i) {
    const std::string t = Folded(in.items[i].text);
    if (t.empty() || h.size() < t.size() || !h.ends_with(t)) continue;
    const std::string_view prefix = std::string_view(h).substr(0, h.size() - t.size());
    if (prefix.empty() || (prefix.size() <= 6 && prefix.back() == ' ')) return i;
  }
  return std::nullopt;
}

// Columns a form's export adds about the response itself, left out with a warning.
bool IsFormBookkeeping(std::string_view name) {
  for (std::string_view n : {"id", "start time", "completion time", "last modified time", "email",
                             "name", "email address", "submitted_at", "timestamp", "date"}) {
    if (name == n) return true;
  }
  return false;
}

}  // namespace

SurveyCsvPlan PlanSurveyCsv(std::string_view text, const surveys::Instrument& in,
                            const std::unordered_map<std::string, PersonId>& people,
                            const SurveyCsvOptions& options) {
  SurveyCsvPlan plan;
  auto file_error = [&](int64_t line, std::string m, std::string hint) {
    plan.issues.push_back({line, "", std::move(m), std::move(hint)});
    plan.has_errors = true;
    plan.records.clear();
    return plan;
  };
  if (in.items.empty()) {
    return file_error(0, "instrument " + in.key + " has no scale items to import",
                      "nominations are imported with `peerlearn import nominations`");
  }
  CsvReader reader(text);
  CsvRecord header;
  if (!reader.Next(header)) {
    if (!reader.status().ok())
      return file_error(0, reader.status().message(), "fix the CSV syntax");
    return file_error(0, "the file is empty", "the first line must name the columns");
  }
  const std::string group_name = AsciiLower(Trim(options.group_column));
  const std::string respondent_name = AsciiLower(Trim(options.respondent_column));
  int group_at = -1, respondent_at = -1;
  std::vector<int> item_at(in.items.size(), -1);
  std::string item_list;
  for (size_t i = 0; i < in.items.size() && i < 12; ++i)
    item_list += (i ? ", " : "") + in.items[i].id;
  if (in.items.size() > 12) item_list += ", ...";
  std::set<std::string> seen;
  for (size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name = AsciiLower(Trim(header.fields[c]));
    if (!seen.insert(name).second) {
      return file_error(header.line, "column '" + name + "' appears twice", "keep one");
    }
    if (name == group_name) {
      group_at = static_cast<int>(c);
    } else if (!respondent_name.empty() && name == respondent_name) {
      respondent_at = static_cast<int>(c);
    } else if (auto i = in.ItemIndex(name) ? in.ItemIndex(name) : ItemByText(in, name)) {
      if (item_at[*i] >= 0) {
        return file_error(header.line,
                          "item '" + in.items[*i].id + "' has two columns ('" +
                              AsciiLower(Trim(header.fields[item_at[*i]])).substr(0, 64) +
                              "' and '" + name.substr(0, 64) + "')",
                          "keep one");
      }
      item_at[*i] = static_cast<int>(c);
    } else if (in.FreeTextIndex(name) || name == "text" || name == "comment" ||
               name == "comments") {
      plan.issues.push_back({header.line, name, "free text is not imported; column ignored",
                             "leave it out of the file", true});
    } else if (IsFormBookkeeping(name)) {
      plan.issues.push_back({header.line, name,
                             "not imported (submission times, response ids and names: the wave's "
                             "dates stand for the times)",
                             "", true});
    } else {
      return file_error(
          header.line, "column '" + name.substr(0, 64) + "' is not an item of " + in.key,
          "name item columns by their ids (" + item_list + ") or texts, the group column '" +
              group_name + "'" +
              (respondent_name.empty() ? std::string()
                                       : ", the respondent column '" + respondent_name + "'"));
    }
  }
  if (group_at < 0) {
    return file_error(header.line, "the group column '" + group_name + "' is missing",
                      "name it with --group-column");
  }
  if (!respondent_name.empty() && respondent_at < 0) {
    return file_error(header.line, "the respondent column '" + respondent_name + "' is missing",
                      "leave out --respondent-column for a file without respondent ids");
  }
  for (size_t i = 0; i < in.items.size(); ++i) {
    if (item_at[i] >= 0) continue;
    if (in.items[i].required) {
      return file_error(header.line, "required item '" + in.items[i].id + "' has no column",
                        "add a column named " + in.items[i].id);
    }
    plan.issues.push_back({header.line, in.items[i].id,
                           "item has no column: every answer to it counts as unanswered", "",
                           true});
  }

  std::set<int64_t> respondents;
  CsvRecord rec;
  const std::string scale = std::to_string(in.scale_min) + ".." + std::to_string(in.scale_max);
  while (reader.Next(rec)) {
    ++plan.rows;
    const size_t before = plan.issues.size();
    auto error = [&](std::string column, std::string m, std::string hint) {
      plan.issues.push_back({rec.line, std::move(column), std::move(m), std::move(hint)});
    };
    if (rec.fields.size() != header.fields.size()) {
      error("",
            "has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                std::to_string(header.fields.size()),
            "check for an unquoted comma");
      ++plan.skipped;
      continue;
    }
    store::SurveyResponseRecord r;
    r.submitted_at = options.wave.opens_at;
    std::string_view group = Trim(rec.fields[group_at]);
    if (group.empty()) {
      error(group_name, "is empty", "give the respondent's team or group");
    } else if (!IsValidUtf8(group) || Utf8Length(group) > 200) {
      error(group_name, "is not valid UTF-8 of at most 200 characters", "shorten or re-encode it");
    } else {
      r.group = std::string(group);
    }
    if (respondent_at >= 0) {
      const std::string id(Trim(rec.fields[respondent_at]));
      const PersonId* p = FindPerson(people, id);
      if (id.empty()) {
        error(respondent_name, "is empty", "give the respondent's employee id or e-mail");
      } else if (p == nullptr) {
        error(respondent_name, "unknown person '" + id.substr(0, 64) + "'",
              "import the roster first, or correct the employee id or e-mail");
      } else if (!respondents.insert(p->value).second) {
        error(respondent_name, "'" + id.substr(0, 64) + "' answered twice",
              "keep one response per person");
      } else {
        r.respondent = *p;
      }
    }
    int answered = 0;
    for (size_t i = 0; i < in.items.size(); ++i) {
      double value = surveys::kMissing;
      if (item_at[i] >= 0) {
        std::string_view cell = Trim(rec.fields[item_at[i]]);
        if (!cell.empty() && cell != "NA" && cell != "na") {
          int v = 0;
          auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
          if (ec != std::errc() || p != cell.data() + cell.size()) {
            // A form exports the point's label ("Somewhat accurate").
            const std::string folded = Folded(cell);
            v = in.scale_min - 1;
            for (size_t k = 0; k < in.scale_labels.size(); ++k) {
              if (Folded(in.scale_labels[k]) == folded) v = in.scale_min + static_cast<int>(k);
            }
          }
          if (v < in.scale_min || v > in.scale_max) {
            error(in.items[i].id,
                  "'" + std::string(cell.substr(0, 32)) + "' is not on the scale " + scale,
                  "use a whole number from " + scale +
                      (in.scale_labels.empty() ? "" : " or its point's label") +
                      ", or leave it empty");
          } else {
            value = v;
            ++answered;
          }
        }
      }
      if (surveys::Answered(value) || !in.items[i].required) {
        r.answers.push_back(value);
      } else {
        error(in.items[i].id, "is required but empty",
              "answer it, or use --lenient to skip the row");
        r.answers.push_back(value);
      }
    }
    if (answered == 0 && plan.issues.size() == before) {
      error("", "answers no item", "drop empty rows");
    }
    if (plan.issues.size() == before) {
      plan.records.push_back(std::move(r));
    } else {
      ++plan.skipped;
    }
  }
  if (!reader.status().ok()) {
    return file_error(0, reader.status().message(), "fix the CSV syntax; nothing was imported");
  }
  for (const auto& i : plan.issues) plan.has_errors |= !i.warning;
  if (plan.has_errors && !options.lenient) plan.records.clear();
  return plan;
}

std::string SurveyFingerprint(const surveys::Instrument& in, std::string_view text) {
  // FNV-1a, 64 bits: enough to recognise the same file, not a security measure.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  mix(in.key);
  mix("\x1f" + std::to_string(in.version) + "\x1f");
  mix(text);
  char buf[40];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx:%zu", static_cast<unsigned long long>(h),
                text.size());
  return buf;
}

Result<SurveyCsvReport> ImportSurveyCsv(store::Store& store, std::string_view text,
                                        const surveys::Instrument& instrument,
                                        const SurveyCsvOptions& options) {
  ASSIGN_OR_RETURN(auto people, PeopleByIdOrEmail(store));
  SurveyCsvPlan plan = PlanSurveyCsv(text, instrument, people, options);
  SurveyCsvReport report;
  report.rows = plan.rows;
  report.skipped = plan.skipped;
  report.issues = std::move(plan.issues);
  if (plan.has_errors && (!options.lenient || plan.records.empty())) {
    report.rejected = true;
    return report;
  }
  if (plan.records.empty()) {
    report.rejected = true;
    report.issues.push_back({0, "", "the file has no responses", "add rows below the header"});
    return report;
  }
  store::WaveRecord wave = options.wave;
  wave.source = "import";
  wave.import_fingerprint = SurveyFingerprint(instrument, text);
  ASSIGN_OR_RETURN(report.wave_id, store.ImportWave(instrument, wave, plan.records, options.dry_run,
                                                    &report.written));
  if (options.dry_run) report.wave_id = 0;
  return report;
}

}  // namespace pl::ingest
