// Past survey results from CSV: one row per respondent, a group column (a team path such as
// "Sales/EMEA", or any grouping the survey used), one column per item named by the item's id (ps1 …
// ps7 for psych-safety) or headed by its text as a form heads its questions (any case and
// punctuation, after a short numbering: "3. It is safe to take a risk on this team."), and
// optionally a respondent column of employee ids (or e-mails, in any case). A form's own columns
// (ID, Start time, Completion time, Email, Name) are left out with a warning. Stages as in the
// other imports: detect → parse → validate → load; strict by default (any bad row rejects the file
// and nothing is written), --lenient skips bad rows. The whole file becomes one wave in one
// transaction; the same file (same bytes, same instrument) is refused a second time.
//
// Cells: empty or NA = not answered; otherwise a whole number on the instrument's scale, or the
// label of one of its points ("Somewhat accurate"; any case and punctuation). A row
// must answer at least one item and every required item. For an anonymous instrument the
// respondent column, if present, only records who completed the wave; it is never linked to the
// answers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "ingest/roster.h"
#include "surveys/instrument.h"

namespace pl::ingest {

struct SurveyCsvOptions {
  bool lenient = false;
  bool dry_run = false;
  std::string group_column = "team";
  std::string respondent_column;  // "" = the file has no respondent ids
  store::WaveRecord wave;         // title, dates, k; instrument and source are filled in
};

struct SurveyCsvPlan {
  int64_t rows = 0;
  std::vector<store::SurveyResponseRecord> records;
  std::vector<ImportIssue> issues;
  int64_t skipped = 0;
  bool has_errors = false;
};
SurveyCsvPlan PlanSurveyCsv(std::string_view text, const surveys::Instrument& instrument,
                            const std::unordered_map<std::string, PersonId>& people,
                            const SurveyCsvOptions& options);

struct SurveyCsvReport {
  int64_t rows = 0;
  int64_t skipped = 0;
  bool rejected = false;
  std::vector<ImportIssue> issues;
  int64_t wave_id = 0;
  store::SurveyWriteResult written;
};
// Stores the instrument (if not yet stored) and the wave with its responses.
Result<SurveyCsvReport> ImportSurveyCsv(store::Store& store, std::string_view text,
                                        const surveys::Instrument& instrument,
                                        const SurveyCsvOptions& options);

// A stable fingerprint of an import: the instrument, its version and the file's bytes.
std::string SurveyFingerprint(const surveys::Instrument& instrument, std::string_view text);

}  // namespace pl::ingest
