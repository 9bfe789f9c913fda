// The demo organisation's past survey waves, as CSV files a customer would import: Edmondson's
// psychological safety three times (about 10, 6 and 2 months ago), the learning-culture pulse
// every seven weeks (three waves), one readiness assessment, one self-evaluation and two
// reaction forms. Consistent with the planted truth: the low-safety teams answer low in every
// safety wave (and feel less safe to ask in the pulse); the improved team climbs from low to
// high; readiness shows tangible rewards and resources as the gaps.
//
//   for (const DemoWave& w : SurveyWaves(org)) ImportSurveyCsv(store, w.csv, instrument, ...);
#pragma once

#include <string>
#include <vector>

#include "demo/demo.h"

namespace pl::demo {

struct DemoWave {
  std::string instrument;  // a built-in instrument key
  std::string title;
  Date opens;
  Date closes;
  std::string file_name;  // e.g. "psych-safety-2026-01-26.csv"
  std::string csv;        // employee_id,team,<item ids...>
};

// Oldest first. Deterministic for the organisation's seed.
std::vector<DemoWave> SurveyWaves(const Organisation& org);

}  // namespace pl::demo
