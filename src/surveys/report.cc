#include "surveys/report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <sstream>

namespace pl::surveys {
namespace {

// "a/b/c" -> "", "a", "a/b", "a/b/c".
std::vector<std::string> PathAndAncestors(const std::string& path) {
  std::vector<std::string> out = {""};
  if (path.empty()) return out;
  for (size_t pos = path.find('/'); pos != std::string::npos; pos = path.find('/', pos + 1)) {
    out.push_back(path.substr(0, pos));
  }
  out.push_back(path);
  return out;
}

struct GroupIndex {
  std::vector<std::string> names;  // sorted, "" first
  std::vector<std::vector<uint32_t>> members;
};

GroupIndex IndexGroups(const WaveData& w) {
  std::map<std::string, std::vector<uint32_t>> m;
  for (uint32_t r = 0; r < w.groups.size(); ++r) {
    for (const std::string& g : PathAndAncestors(w.groups[r])) m[g].push_back(r);
  }
  GroupIndex gi;
  for (auto& [name, members] : m) {
    gi.names.push_back(name);
    gi.members.push_back(std::move(members));
  }
  return gi;
}

// The keyed answers of `rows` to `items`.
Columns Subset(const Instrument& in, const Answers& a, const std::vector<uint32_t>& rows,
               const std::vector<size_t>& items) {
  Columns c;
  c.cols = items.size();
  for (uint32_t r : rows) {
    for (size_t i : items) {
      const double x = a.at(r, i);
      c.values.push_back(Answered(x) ? in.Keyed(i, x) : kMissing);
    }
  }
  return c;
}

struct Computed {
  std::vector<Visibility> visibility;
  std::vector<std::vector<Describe>> scale_stats;  // per group, per subscale (shown groups only)
};

}  // namespace

WaveReport BuildReport(const WaveData& now, const WaveData* previous, const ReportParams& params) {
  const Instrument& in = *now.instrument;
  const int k = EffectiveK(params.k);
  WaveReport report;
  report.instrument_key = in.key;
  report.instrument_version = in.version;
  report.k = k;
  const RespondentScores scores = ScoreRespondents(in, now.answers);
  const size_t subscales = in.subscales.size();

  auto visible = [&](const GroupIndex& gi) {
    std::vector<GuardGroup> gg;
    for (size_t g = 0; g < gi.names.size(); ++g) gg.push_back({gi.names[g], gi.members[g]});
    return GuardGroups(gg, {.k = k});
  };
  const GroupIndex gi = IndexGroups(now);
  const std::vector<Visibility> vis = visible(gi);

  // The previous wave's shown groups and their scale statistics, for change.
  std::map<std::string, std::vector<Describe>> before;
  if (previous && previous->instrument && previous->instrument->key == in.key) {
    const GroupIndex pgi = IndexGroups(*previous);
    const std::vector<Visibility> pvis = visible(pgi);
    const RespondentScores ps = ScoreRespondents(*previous->instrument, previous->answers);
    for (size_t g = 0; g < pgi.names.size(); ++g) {
      if (pvis[g] != Visibility::kShown) continue;
      std::vector<Describe>& d = before[pgi.names[g]];
      for (size_t s = 0; s < subscales && s < ps.subscales; ++s) {
        std::vector<double> v;
        for (uint32_t r : pgi.members[g]) v.push_back(ps.at(r, s));
        d.push_back(DescribeValues(v));
      }
    }
  }

  for (size_t g = 0; g < gi.names.size(); ++g) {
    GroupResult out;
    out.group = gi.names[g];
    out.visibility = vis[g];
    if (vis[g] == Visibility::kShown) {
      const auto& rows = gi.members[g];
      out.respondents = static_cast<int>(rows.size());
      for (size_t s = 0; s < subscales; ++s) {
        SubscaleResult sr;
        std::vector<double> v;
        for (uint32_t r : rows) v.push_back(scores.at(r, s));
        sr.score = DescribeValues(v);
        const std::vector<size_t> items = in.SubscaleItems(s);
        sr.agreement = RwgJ(Subset(in, now.answers, rows, items),
                            UniformNullVariance(in.scale_max - in.scale_min + 1));
        if (auto it = before.find(out.group); it != before.end() && s < it->second.size()) {
          sr.change = MeanChange(it->second[s], sr.score, params.confidence);
        }
        out.subscales.push_back(sr);
      }
      for (size_t i = 0; i < in.items.size(); ++i) {
        std::vector<double> keyed;
        for (uint32_t r : rows) {
          const double x = now.answers.at(r, i);
          keyed.push_back(Answered(x) ? in.Keyed(i, x) : kMissing);
        }
        ItemResult ir;
        ir.stats = DescribeItem(in, keyed);
        if (ir.stats.n < k) ir = ItemResult{.suppressed = true};
        out.items.push_back(std::move(ir));
      }
    }
    report.groups.push_back(std::move(out));
  }

  if (!gi.names.empty() && vis[0] == Visibility::kShown) {
    report.respondents = static_cast<int>(gi.members[0].size());
    // ICC over respondents' own groups, among groups of at least k.
    std::map<std::string, int> own;
    for (const std::string& g : now.groups) ++own[g];
    for (size_t s = 0; s < subscales; ++s) {
      ScaleReliability rel;
      const std::vector<size_t> items = in.SubscaleItems(s);
      std::vector<uint32_t> all(now.answers.respondents());
      std::iota(all.begin(), all.end(), 0);
      rel.alpha = CronbachAlpha(Subset(in, now.answers, all, items), /*pairwise=*/true);
      std::vector<double> v;
      std::vector<int> group;
      std::map<std::string, int> ids;
      for (uint32_t r = 0; r < now.groups.size(); ++r) {
        if (own[now.groups[r]] < k) continue;
        v.push_back(scores.at(r, s));
        group.push_back(ids.try_emplace(now.groups[r], static_cast<int>(ids.size())).first->second);
      }
      rel.icc = IntraclassCorrelation(v, group);
      report.reliability.push_back(rel);
    }
  }
  return report;
}

namespace {

using Json = nlohmann::ordered_json;

Json Num(double x) { return std::isnan(x) ? Json(nullptr) : Json(x); }

std::string_view VisibilityName(Visibility v) {
  switch (v) {
    case Visibility::kShown:
      return "shown";
    case Visibility::kTooSmall:
      return "suppressed: fewer than k respondents";
    case Visibility::kDifferencing:
      return "suppressed: would reveal a smaller group by subtraction";
  }
  return "suppressed";
}

Json DescribeJson(const Describe& d) {
  Json j = {{"n", d.n}, {"mean", Num(d.mean)}, {"sd", Num(d.sd)}};
  if (!d.distribution.empty()) {
    j["distribution"] = d.distribution;
    j["favourable"] = Num(d.favourable);
  }
  return j;
}

}  // namespace

std::string ReportToJson(const WaveReport& r, const Instrument& in) {
  using json = Json;
  json j = {{"instrument", r.instrument_key},
            {"version", r.instrument_version},
            {"k", r.k},
            {"respondents", r.respondents}};
  json rel = json::array();
  for (size_t s = 0; s < r.reliability.size(); ++s) {
    const auto& x = r.reliability[s];
    rel.push_back({{"subscale", in.subscales[s].id},
                   {"alpha", Num(x.alpha.raw_alpha)},
                   {"std_alpha", Num(x.alpha.std_alpha)},
                   {"average_r", Num(x.alpha.average_r)},
                   {"icc1", Num(x.icc.icc1)},
                   {"icc2", Num(x.icc.icc2)},
                   {"icc_groups", x.icc.groups}});
  }
  j["reliability"] = rel;
  json groups = json::array();
  for (const GroupResult& g : r.groups) {
    json o = {{"group", g.group}, {"status", VisibilityName(g.visibility)}};
    if (g.visibility == Visibility::kShown) {
      o["respondents"] = g.respondents;
      json subs = json::array();
      for (size_t s = 0; s < g.subscales.size(); ++s) {
        const SubscaleResult& x = g.subscales[s];
        json sj = DescribeJson(x.score);
        sj["subscale"] = in.subscales[s].id;
        sj["rwg_j"] = Num(x.agreement.rwg_j);
        if (!std::isnan(x.change.difference)) {
          sj["change"] = {{"difference", Num(x.change.difference)},
                          {"low", Num(x.change.low)},
                          {"high", Num(x.change.high)}};
        }
        subs.push_back(sj);
      }
      o["subscales"] = subs;
      json items = json::array();
      for (size_t i = 0; i < g.items.size(); ++i) {
        json ij = g.items[i].suppressed ? json{{"status", "suppressed: fewer than k answers"}}
                                        : DescribeJson(g.items[i].stats);
        ij["item"] = in.items[i].id;
        items.push_back(ij);
      }
      o["items"] = items;
    }
    groups.push_back(o);
  }
  j["groups"] = groups;
  return j.dump(2) + "\n";
}

std::string ReportToCsv(const WaveReport& r, const Instrument& in) {
  std::ostringstream out;
  out.precision(17);
  auto cell = [&out](double x) {
    if (!std::isnan(x)) out << x;
  };
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  out << "group,status,measure,n,mean,sd,favourable,rwg_j,change,change_low,change_high\n";
  for (const GroupResult& g : r.groups) {
    const std::string name = quote(g.group.empty() ? "(everyone)" : g.group);
    if (g.visibility != Visibility::kShown) {
      out << name << ",suppressed,,,,,,,,,\n";
      continue;
    }
    for (size_t s = 0; s < g.subscales.size(); ++s) {
      const SubscaleResult& x = g.subscales[s];
      out << name << ",shown," << quote("scale:" + in.subscales[s].id) << "," << x.score.n << ",";
      cell(x.score.mean), out << ",", cell(x.score.sd), out << ",,", cell(x.agreement.rwg_j);
      out << ",", cell(x.change.difference), out << ",", cell(x.change.low), out << ",";
      cell(x.change.high), out << "\n";
    }
    for (size_t i = 0; i < g.items.size(); ++i) {
      out << name << "," << (g.items[i].suppressed ? "suppressed" : "shown") << ","
          << quote("item:" + in.items[i].id) << ",";
      if (!g.items[i].suppressed) {
        const Describe& d = g.items[i].stats;
        out << d.n << ",", cell(d.mean), out << ",", cell(d.sd), out << ",", cell(d.favourable);
      } else {
        out << ",,,";
      }
      out << ",,,,\n";
    }
  }
  return out.str();
}

}  // namespace pl::surveys
