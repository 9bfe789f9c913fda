#include "demo/survey_demo.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "surveys/instrument.h"

namespace pl::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;

double Normal(Rng& rng) {  // Box–Muller
  const double u = 1.0 - rng.Real(), v = rng.Real();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * kPi * v);
}

struct Plan {
  std::string key;
  std::string title;
  int days_ago;
  // The keyed answer a person of `team` gives to item `i` (before noise).
  std::function<double(const std::string& team, size_t item)> mean;
  double person_sd = 0.6, item_sd = 0.7, missing = 0.03, response_rate = 0.8;
};

std::string Wave(const Organisation& org, const surveys::Instrument& in, const Plan& plan,
                 Rng& rng) {
  std::ostringstream csv;
  csv << "employee_id,team";
  for (const auto& item : in.items) csv << "," << item.id;
  csv << "\n";
  for (const auto& p : org.people) {
    const bool keen = p.team_path == org.truth.improved_safety_team;  // every one of them answers
    if (p.team_path.empty() || (!rng.Chance(plan.response_rate) && !keen)) continue;
    const double person = plan.person_sd * Normal(rng);
    csv << p.external_id << ",\"" << p.team_path << "\"";
    for (size_t i = 0; i < in.items.size(); ++i) {
      csv << ",";
      if (!in.items[i].required && rng.Chance(plan.missing)) continue;
      double keyed = std::round(plan.mean(p.team_path, i) + person + plan.item_sd * Normal(rng));
      keyed = std::clamp(keyed, double(in.scale_min), double(in.scale_max));
      csv << static_cast<int>(in.Keyed(i, keyed));  // raw answer: reverse items mirrored back
    }
    csv << "\n";
  }
  return csv.str();
}

}  // namespace

std::vector<DemoWave> SurveyWaves(const Organisation& org) {
  const GroundTruth& t = org.truth;
  const std::set<std::string> low(t.low_safety_teams.begin(), t.low_safety_teams.end());
  Rng rng(org.params.seed ^ 0x5e7ae75e7ae7ULL);
  // A stable per-team offset, so teams differ a little beyond the planted effects.
  std::map<std::string, double> team_offset;
  for (const auto& p : org.people) {
    if (!team_offset.count(p.team_path)) team_offset[p.team_path] = 0.3 * Normal(rng);
  }
  const int safety_waves[] = {300, 180, 60};
  std::vector<Plan> plans;
  for (int w = 0; w < 3; ++w) {
    plans.push_back({"psych-safety", "Psychological safety, wave " + std::to_string(w + 1),
                     safety_waves[w], [&, w](const std::string& team, size_t) {
                       if (low.count(team)) return 3.0 + team_offset[team] * 0.5;
                       if (team == t.improved_safety_team) return 3.2 + 1.2 * w;
                       return 5.4 + team_offset[team];
                     }});
  }
  for (int w = 0; w < 3; ++w) {
    plans.push_back({"learning-pulse", "Learning pulse " + std::to_string(w + 1), 147 - 49 * w,
                     [&](const std::string& team, size_t item) {
                       double m = 3.7 + team_offset[team];
                       if (low.count(team) && item == 0) m -= 1.2;  // not safe to ask
                       return m;
                     },
                     0.5, 0.6});
  }
  const double readiness[] = {3.8, 3.4, 3.2, 3.6, 3.0, 2.2, 3.1, 2.5};  // rewards, resources low
  plans.push_back({"readiness", "Peer-learning readiness review", 200,
                   [&](const std::string& team, size_t item) {
                     return readiness[item / 2] + 0.5 * team_offset[team];
                   },
                   0.4, 0.5, 0.0, 0.6});
  plans.push_back({"learning-self-evaluation", "Current state of learning", 200,
                   [&](const std::string& team, size_t item) {
                     return (item < 2 ? 3.1 : 2.7) + 0.5 * team_offset[team];
                   },
                   0.4, 0.5, 0.0, 0.6});
  for (int w = 0; w < 2; ++w) {
    plans.push_back(
        {"reaction",
         w == 0 ? "Reaction: feedback conversations workshop" : "Reaction: pairing on incidents",
         90 - 40 * w, [w](const std::string&, size_t) { return 3.8 + 0.4 * w; }, 0.5, 0.5, 0.02,
         0.5});
  }
  std::sort(plans.begin(), plans.end(),
            [](const Plan& a, const Plan& b) { return a.days_ago > b.days_ago; });
  std::vector<DemoWave> out;
  for (const Plan& plan : plans) {
    auto in = surveys::BuiltinInstrument(plan.key);
    if (!in.ok()) continue;  // built-ins always parse (tested)
    DemoWave w;
    w.instrument = plan.key;
    w.title = plan.title;
    w.opens = org.params.today - std::chrono::days(plan.days_ago);
    w.closes = w.opens + std::chrono::days(14);
    w.file_name = plan.key + "-" + FormatDate(w.opens) + ".csv";
    w.csv = Wave(org, *in, plan, rng);
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace pl::demo
