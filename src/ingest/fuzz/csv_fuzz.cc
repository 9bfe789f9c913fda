// Fuzz target: the CSV readers behind the imports — the roster, interactions, nominations (with
// a date, so matrices are read too), an id-mapping, a survey's answers and a skill taxonomy. The
// first byte chooses the reader (its value modulo 6) and strict or lenient (bit 7); the rest is
// the file. A plan must keep only rows between known, distinct people, reject (strict) exactly
// where an issue is an error, and say what each issue is.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"
#include "ingest/conversations.h"
#include "ingest/interactions.h"
#include "ingest/mentoring_csv.h"
#include "ingest/roster.h"
#include "ingest/survey_csv.h"
#include "surveys/instrument.h"
#include "testing/fuzz_check.h"

namespace {

using pl::PersonId;
using pl::ingest::ImportIssue;

void CheckIssues(const std::vector<ImportIssue>& issues, bool has_errors) {
  bool errors = false;
  for (const ImportIssue& i : issues) {
    PL_FUZZ_CHECK(!i.message.empty());
    PL_FUZZ_CHECK(i.line >= 0);
    errors = errors || !i.warning;
  }
  PL_FUZZ_CHECK(errors == has_errors);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  if (size < 1) return 0;
  const bool lenient = (data[0] & 0x80) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::unordered_map<std::string, PersonId> people = {
      {"E1", PersonId(1)}, {"E2", PersonId(2)}, {"E3", PersonId(3)}};
  switch ((data[0] & 0x7f) % 6) {
    case 0: {
      const RosterPlan plan = PlanRoster(text, {}, {.lenient = lenient});
      CheckIssues(plan.issues, plan.has_errors);
      PL_FUZZ_CHECK(static_cast<int64_t>(plan.records.size()) <= plan.rows);
      for (const auto& r : plan.records) PL_FUZZ_CHECK(!r.external_id.empty());
      break;
    }
    case 1:
    case 2: {
      const bool nominations = (data[0] & 0x7f) % 6 == 2;
      InteractionsOptions options{.lenient = lenient};
      if (nominations) {
        options.default_layer = pl::graph::Layer::kNomination;
        options.date = pl::ParseTimestamp("2026-03-01T00:00:00Z").value();
        options.context = "wave 1";
      }
      const InteractionsPlan plan = PlanInteractions(text, people, options);
      CheckIssues(plan.issues, plan.has_errors);
      for (const auto& r : plan.records) {
        PL_FUZZ_CHECK(r.src.value >= 1 && r.src.value <= 3 && r.dst.value >= 1 && r.dst.value <= 3);
        PL_FUZZ_CHECK(r.src != r.dst);
        PL_FUZZ_CHECK(r.weight > 0 && r.weight <= 1e300);
      }
      break;
    }
    case 3: {
      int64_t blank = 0;
      auto mapping = ParseIdMapping(text, &blank);
      if (mapping.ok()) {
        for (const auto& [account, employee] : mapping.value()) {
          PL_FUZZ_CHECK(!account.empty() && !employee.empty());
        }
        PL_FUZZ_CHECK(blank >= 0);
      } else {
        PL_FUZZ_CHECK(!mapping.status().message().empty());
      }
      break;
    }
    case 4: {
      static const pl::surveys::Instrument instrument =
          pl::surveys::BuiltinInstrument("psych-safety").value();
      SurveyCsvOptions options{.lenient = lenient};
      options.respondent_column = "employee_id";
      const SurveyCsvPlan plan = PlanSurveyCsv(text, instrument, people, options);
      CheckIssues(plan.issues, plan.has_errors);
      PL_FUZZ_CHECK(static_cast<int64_t>(plan.records.size()) <= plan.rows);
      break;
    }
    case 5: {
      auto taxonomy = ParseSkillTaxonomyCsv(std::string(text));
      if (taxonomy.ok()) {
        for (const auto& [skill, parent] : taxonomy.value()) PL_FUZZ_CHECK(!skill.empty());
      } else {
        PL_FUZZ_CHECK(!taxonomy.status().message().empty());
      }
      break;
    }
  }
  return 0;
}
