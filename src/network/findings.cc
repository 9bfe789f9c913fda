#include "network/findings.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <tuple>
#include <unordered_map>

#include "network/internal/igraph_bridge.h"

namespace pl::network {
namespace {

// Distinct (a, b) pairs counted per a.
std::vector<int64_t> DistinctPerNode(std::vector<std::pair<uint32_t, uint32_t>>& pairs, size_t n) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<int64_t> out(n, 0);
  for (auto [a, b] : pairs) ++out[a];
  return out;
}

// "Top N%" for the share of people at or above: rounded up, so the very top reads "top 1%".
std::string Pct(double p) {
  return std::to_string(std::clamp(static_cast<int>(std::ceil(p * 100 - 1e-9)), 1, 100));
}

// Undirected neighbours of v (in or out), sorted, distinct.
std::vector<uint32_t> Neighbours(const graph::Graph& g, uint32_t v) {
  std::vector<uint32_t> out(g.OutNeighbors(v).begin(), g.OutNeighbors(v).end());
  out.insert(out.end(), g.InNeighbors(v).begin(), g.InNeighbors(v).end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Everyone's contacts (ties either way, themselves left out), sorted, as one array: read by
// brokerage and by bridges, built once for both.
class ContactLists {
 public:
  explicit ContactLists(const graph::Graph& g) : start_(g.num_nodes() + 1, 0) {
    for (uint32_t v = 0; v < g.num_nodes(); ++v) {
      for (uint32_t u : Neighbours(g, v)) {
        if (u != v) contacts_.push_back(u);
      }
      start_[v + 1] = contacts_.size();
    }
  }
  uint32_t size() const { return static_cast<uint32_t>(start_.size() - 1); }
  std::span<const uint32_t> of(uint32_t v) const {
    return {contacts_.data() + start_[v], start_[v + 1] - start_[v]};
  }
  uint64_t degree(uint32_t v) const { return start_[v + 1] - start_[v]; }

 private:
  std::vector<uint64_t> start_;
  std::vector<uint32_t> contacts_;
};

std::vector<int64_t> Brokerage(const ContactLists& c, std::span<const int32_t> community) {
  const uint32_t n = c.size();
  // Pairs of contacts in different communities: (d² − Σ over communities of their count²) / 2.
  std::vector<int64_t> out(n, 0);
  std::unordered_map<int32_t, int64_t> per_community;
  for (uint32_t v = 0; v < n; ++v) {
    per_community.clear();
    for (uint32_t u : c.of(v)) ++per_community[community[u]];
    const auto d = static_cast<int64_t>(c.degree(v));
    int64_t same = 0;
    for (const auto& [k, x] : per_community) same += x * x;
    out[v] = (d * d - same) / 2;
  }
  // Less the pairs that are tied: each tie across communities closes one pair for everyone in
  // touch with both ends. Each such tie is taken once, from its end with more contacts, looking
  // through the other end's contacts for the ones marked as this end's.
  std::vector<uint32_t> mark(n, UINT32_MAX);
  for (uint32_t a = 0; a < n; ++a) {
    for (uint32_t w : c.of(a)) mark[w] = a;
    for (uint32_t b : c.of(a)) {
      if (community[a] == community[b]) continue;
      if (c.degree(b) > c.degree(a) || (c.degree(b) == c.degree(a) && b < a)) continue;
      for (uint32_t w : c.of(b)) {
        if (mark[w] == a) --out[w];
      }
    }
  }
  return out;
}

std::vector<Bridge> Bridges(const ContactLists& c, std::span<const int32_t> community) {
  const uint32_t n = c.size();
  std::unordered_map<int32_t, int64_t> size;  // people by community
  for (uint32_t v = 0; v < n; ++v) ++size[community[v]];
  auto key = [](int32_t a, int32_t b) {
    const auto lo = static_cast<uint32_t>(std::min(a, b)),
               hi = static_cast<uint32_t>(std::max(a, b));
    return (uint64_t{lo} << 32) | hi;
  };
  // Each person's contacts counted by community, as runs of (community, count); the pairs of
  // contacts between two communities are then the sum of these counts over both sides, halved —
  // a map update per run instead of one per tie.
  struct Run {
    int32_t community;
    int64_t contacts;
  };
  std::vector<uint64_t> start(n + 1, 0);
  std::vector<Run> runs;
  std::vector<int64_t> own(n, 0);
  std::unordered_map<uint64_t, int64_t> ties;
  std::vector<int32_t> theirs;
  for (uint32_t v = 0; v < n; ++v) {
    theirs.clear();
    for (uint32_t u : c.of(v)) theirs.push_back(community[u]);
    std::sort(theirs.begin(), theirs.end());
    for (size_t i = 0; i < theirs.size();) {
      size_t j = i;
      while (j < theirs.size() && theirs[j] == theirs[i]) ++j;
      const auto k = static_cast<int64_t>(j - i);
      if (theirs[i] == community[v]) {
        own[v] = k;
      } else {
        runs.push_back({theirs[i], k});
        ties[key(theirs[i], community[v])] += k;
      }
      i = j;
    }
    start[v + 1] = runs.size();
  }
  std::vector<Bridge> out(n);
  for (uint32_t v = 0; v < n; ++v) {
    Bridge& best = out[v];
    best.own = own[v];
    const auto members = static_cast<double>(size.at(community[v]));
    for (uint64_t r = start[v]; r < start[v + 1]; ++r) {
      const auto [k_community, k] = runs[r];
      const int64_t t = ties.at(key(k_community, community[v])) / 2;
      const auto x = static_cast<double>(k);
      const double score = static_cast<double>(std::min(own[v], k)) * x / static_cast<double>(t);
      const double expected = static_cast<double>(t) / members;
      const double surprise = x > expected ? x * std::log(x / expected) - (x - expected) : 0.0;
      // The highest surprise; among equal ones the most contacts, then the highest score, then
      // the lowest community (runs are in community order).
      if (std::tie(surprise, k, score) > std::tie(best.surprise, best.contacts, best.score)) {
        best = {k_community, k, own[v], t, score, expected, surprise};
      }
    }
  }
  return out;
}

}  // namespace

std::vector<int64_t> CrossCommunityBrokerage(const graph::Graph& g,
                                             std::span<const int32_t> community) {
  return Brokerage(ContactLists(g), community);
}

std::vector<Bridge> CommunityBridges(const graph::Graph& g, std::span<const int32_t> community) {
  return Bridges(ContactLists(g), community);
}

std::vector<double> Percentiles(const std::vector<double>& values) {
  const size_t n = values.size();
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> out(n, 0);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && values[order[j]] == values[order[i]]) ++j;
    double rank = (static_cast<double>(i + j - 1) / 2.0);  // mean 0-based rank of the tie
    for (size_t k = i; k < j; ++k) out[order[k]] = n > 1 ? rank / static_cast<double>(n - 1) : 1;
    i = j;
  }
  return out;
}

Result<Findings> ComputeFindings(const graph::Graph& g,
                                 std::span<const graph::Interaction> interactions,
                                 const std::vector<NodeInfo>& nodes,
                                 const std::vector<int64_t>& manager_of,
                                 const PersonMetrics& metrics, const Communities& communities,
                                 const std::vector<TeamMetrics>& teams,
                                 const FindingsParams& params) {
  const size_t n = g.num_nodes();
  if (nodes.size() != n || manager_of.size() != n || metrics.pagerank.size() != n ||
      communities.membership.size() != n) {
    return InvalidArgument(
        "findings need node information, metrics and communities for every node");
  }
  Findings f;

  // --- layer signals ---
  std::vector<std::pair<uint32_t, uint32_t>> askers, nominators, recognisers;
  std::vector<double> answers(n, 0);
  struct Contact {
    uint32_t newcomer, other;
    Timestamp ts;
  };
  std::vector<Contact> contacts;
  for (const auto& x : interactions) {
    auto a = g.IndexOf(x.src), b = g.IndexOf(x.dst);
    if (!a || !b || *a == *b) continue;
    switch (x.layer) {
      case graph::Layer::kMention:
        askers.emplace_back(*b, *a);
        break;
      case graph::Layer::kReply:
        askers.emplace_back(*a, *b);
        answers[*a] += x.weight;
        break;
      case graph::Layer::kNomination:
        nominators.emplace_back(*b, *a);
        break;
      case graph::Layer::kKudos:
        recognisers.emplace_back(*b, *a);
        break;
      default:
        break;
    }
    for (auto [me, other] : {std::pair{*a, *b}, std::pair{*b, *a}}) {
      if (nodes[me].hire_date) contacts.push_back({me, other, x.ts});
    }
  }
  std::vector<int64_t> asked = DistinctPerNode(askers, n),
                       nominated = DistinctPerNode(nominators, n),
                       recognised = DistinctPerNode(recognisers, n);
  auto as_double = [](const std::vector<int64_t>& v) {
    return std::vector<double>(v.begin(), v.end());
  };
  std::vector<double> asked_pct = Percentiles(as_double(asked)), answers_pct = Percentiles(answers),
                      nominated_pct = Percentiles(as_double(nominated)),
                      between_pct = Percentiles(metrics.betweenness),
                      recognised_pct = Percentiles(as_double(recognised));
  const bool have_nominations = !nominators.empty(),
             have_replies =
                 std::any_of(answers.begin(), answers.end(), [](double a) { return a > 0; });

  // --- hidden champions ---
  std::vector<int> levels;
  for (const auto& nd : nodes) {
    if (nd.level > 0) levels.push_back(nd.level);
  }
  std::sort(levels.begin(), levels.end());
  const int median_level = levels.empty() ? 0 : levels[levels.size() / 2];
  std::vector<int64_t> asked_sorted;
  for (int64_t a : asked) {
    if (a > 0) asked_sorted.push_back(a);
  }
  std::sort(asked_sorted.begin(), asked_sorted.end());
  auto quantile = [&](double q) {
    return asked_sorted.empty() ? 0.0
                                : static_cast<double>(asked_sorted[static_cast<size_t>(
                                      q * static_cast<double>(asked_sorted.size() - 1))]);
  };
  const double asked_median = quantile(0.5);
  // Far more than usual: beyond Tukey's far-out fence, and at least k times the median person's
  // count. Where the middle half is narrow (12 to 17 people in the demo) the fence alone lets in
  // people asked by twice the median (planted brokers, who answer in two departments); where it
  // is wide the fence is the stricter of the two.
  const double asked_fence =
      std::max(quantile(0.75) + params.champion_outlier_iqr * (quantile(0.75) - quantile(0.25)),
               params.champion_times_median * asked_median);
  for (uint32_t v = 0; v < n; ++v) {
    ChampionSignals s;
    s.askers = asked[v];
    s.answers = answers[v];
    s.nominations = nominated[v];
    s.betweenness = metrics.betweenness[v];
    s.recognition = recognised[v];
    s.askers_pct = asked_pct[v];
    s.answers_pct = answers_pct[v];
    s.nominations_pct = nominated_pct[v];
    s.betweenness_pct = between_pct[v];
    s.recognition_pct = recognised_pct[v];
    const NodeInfo& nd = nodes[v];
    const bool recognised =
        s.recognition >= 2 && static_cast<double>(s.recognition) >=
                                  params.champion_recognised_share * static_cast<double>(s.askers);
    const bool senior = median_level > 0 && nd.level > median_level;
    const bool visible = nd.manager || senior || recognised;
    if (s.askers < params.champion_min_askers || static_cast<double>(s.askers) < asked_fence) {
      continue;
    }
    double sum = s.askers_pct + s.betweenness_pct;
    int parts = 2;
    if (have_replies) sum += s.answers_pct, ++parts;
    if (have_nominations) sum += s.nominations_pct, ++parts;
    const double score = sum / parts;
    if (score < params.champion_min_score) continue;
    Champion c{v, score, s, {}};
    c.reasons.push_back("asked for help by " + std::to_string(s.askers) + " people (top " +
                        Pct(1 - s.askers_pct) +
                        "%; the median person: " + std::to_string(std::lround(asked_median)) + ")");
    if (have_replies) {
      c.reasons.push_back("answers given: " + std::to_string(std::lround(s.answers)) + " (top " +
                          Pct(1 - s.answers_pct) + "%)");
    }
    if (have_nominations) {
      c.reasons.push_back("named as a helper by " + std::to_string(s.nominations) +
                          " colleagues (top " + Pct(1 - s.nominations_pct) + "%)");
    }
    c.reasons.push_back("bridges between people: betweenness in the top " +
                        Pct(1 - s.betweenness_pct) + "%");
    const std::string kudos = "kudos from " + std::to_string(s.recognition) + " of the " +
                              std::to_string(s.askers) + " people who asked them";
    if (!visible) {
      c.reasons.push_back("not visible formally: no reports, level " + std::to_string(nd.level) +
                          " (median " + std::to_string(median_level) + "), " + kudos);
      f.champions.push_back(std::move(c));
      continue;
    }
    std::vector<std::string> seen;
    if (nd.manager) seen.push_back("manages people");
    if (senior) {
      seen.push_back("level " + std::to_string(nd.level) + " (median " +
                     std::to_string(median_level) + ")");
    }
    if (recognised) seen.push_back(kudos);
    std::string why = "seen by the structure: ";
    for (size_t i = 0; i < seen.size(); ++i) why += (i > 0 ? "; " : "") + seen[i];
    c.reasons.push_back(std::move(why));
    f.visible_helpers.push_back(std::move(c));
  }
  for (auto* list : {&f.champions, &f.visible_helpers}) {
    std::sort(list->begin(), list->end(), [](const Champion& a, const Champion& b) {
      return a.score != b.score ? a.score > b.score : a.node < b.node;
    });
  }

  // --- silos ---
  for (const auto& t : teams) {
    if (t.members < params.min_team_size || t.internal_ties + t.external_ties == 0) continue;
    if (t.ei_index <= params.silo_max_ei) f.silos.push_back({t.team, t});
  }
  std::sort(f.silos.begin(), f.silos.end(), [](const Silo& a, const Silo& b) {
    return a.metrics.ei_index != b.metrics.ei_index ? a.metrics.ei_index < b.metrics.ei_index
                                                    : a.team < b.team;
  });

  // --- brokers: brokerage across communities beyond Tukey's far-out fence, or a bridge that is
  // mostly theirs or far beyond what their community has there (Bridge), and contacts in two
  // communities besides their own at least ---
  const ContactLists everyone(g);
  const std::vector<int64_t> brokerage = Brokerage(everyone, communities.membership);
  std::vector<int64_t> brokerage_sorted = brokerage;
  std::sort(brokerage_sorted.begin(), brokerage_sorted.end());
  auto bq = [&](double q) {
    return brokerage_sorted.empty() ? 0.0
                                    : static_cast<double>(brokerage_sorted[static_cast<size_t>(
                                          q * static_cast<double>(brokerage_sorted.size() - 1))]);
  };
  const double brokerage_fence = bq(0.75) + params.broker_outlier_iqr * (bq(0.75) - bq(0.25));
  const std::vector<Bridge> bridges = Bridges(everyone, communities.membership);
  for (uint32_t v = 0; v < n; ++v) {
    if (static_cast<double>(brokerage[v]) <= brokerage_fence &&
        bridges[v].score <= params.broker_min_bridge &&
        bridges[v].surprise <= params.broker_min_surprise) {
      continue;
    }
    std::map<int32_t, int64_t> contacts_in;
    for (uint32_t u : everyone.of(v)) {
      if (communities.membership[u] != communities.membership[v]) {
        ++contacts_in[communities.membership[u]];
      }
    }
    if (static_cast<int>(contacts_in.size()) < params.broker_min_communities) continue;
    std::vector<std::pair<int32_t, int64_t>> links(contacts_in.begin(), contacts_in.end());
    std::stable_sort(links.begin(), links.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    f.brokers.push_back({v, static_cast<int>(links.size()), brokerage[v], std::move(links),
                         metrics.betweenness[v], metrics.constraint[v], bridges[v]});
  }
  std::sort(f.brokers.begin(), f.brokers.end(), [](const Broker& a, const Broker& b) {
    if (a.brokerage != b.brokerage) return a.brokerage > b.brokerage;
    return a.betweenness != b.betweenness ? a.betweenness > b.betweenness : a.node < b.node;
  });

  // --- single points of failure ---
  std::vector<bool> cut(n, false);
  if (n > 0) {
    internal::IGraph und;
    RETURN_IF_ERROR(internal::ToUndirected(g, false, und, nullptr));
    internal::IIntVector points;
    RETURN_IF_ERROR(
        internal::Check(igraph_articulation_points(&und.g, &points.v), "articulation points"));
    for (int64_t p : points.Copy()) cut[static_cast<size_t>(p)] = true;
  }
  std::map<int32_t, std::vector<uint32_t>> members;
  for (uint32_t v = 0; v < n; ++v) {
    if (nodes[v].team != kNoTeam) members[nodes[v].team].push_back(v);
  }
  std::vector<int64_t> team_cut(n, 0);
  std::vector<int> mark(n, -1);
  int counter = 0;  // a fresh stamp per search
  for (const auto& entry : members) {
    const auto& team = entry.first;  // not bindings: the lambda below captures them
    const auto& list = entry.second;
    if (list.size() < 3) continue;
    auto reach_without = [&](uint32_t removed, int stamp) {
      // Members reachable inside the team from the first member other than `removed`.
      uint32_t start = list[0] == removed ? list[1] : list[0];
      std::deque<uint32_t> queue{start};
      mark[start] = stamp;
      int64_t seen = 1;
      while (!queue.empty()) {
        uint32_t u = queue.front();
        queue.pop_front();
        for (uint32_t w : Neighbours(g, u)) {
          if (w == removed || nodes[w].team != team || mark[w] == stamp) continue;
          mark[w] = stamp;
          ++seen;
          queue.push_back(w);
        }
      }
      return seen;
    };
    const int64_t whole = reach_without(UINT32_MAX, ++counter);
    for (uint32_t v : list) {
      int64_t left = reach_without(v, ++counter);
      // Removing v loses v itself; anything beyond that was cut off.
      int64_t lost = whole - 1 - left;
      if (lost > 0) team_cut[v] = lost;
    }
  }
  // Skills nobody nearby holds: each holder's teammates, then a breadth-first search out to
  // sole_skill_steps (ties either way), until every skill they hold has been seen again.
  std::vector<std::vector<SoleSkill>> sole(n);
  {
    std::vector<std::vector<std::pair<int32_t, int>>> held(n);  // at the level that counts
    std::vector<int64_t> holders;
    for (uint32_t v = 0; v < n; ++v) {
      for (auto [skill, level] : nodes[v].skills) {
        if (skill < 0 || level < params.sole_skill_min_level) continue;
        held[v].emplace_back(skill, level);
        if (static_cast<size_t>(skill) >= holders.size()) holders.resize(size_t(skill) + 1, 0);
      }
      // A skill listed twice counts once, at its higher level.
      std::sort(held[v].begin(), held[v].end(), [](auto a, auto b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
      });
      held[v].erase(std::unique(held[v].begin(), held[v].end(),
                                [](auto a, auto b) { return a.first == b.first; }),
                    held[v].end());
      for (auto [skill, level] : held[v]) ++holders[static_cast<size_t>(skill)];
    }
    // Stamped with the holder searched from: whose skills were read, who was reached.
    std::vector<uint32_t> met(n, UINT32_MAX), reached(n, UINT32_MAX);
    std::vector<uint32_t> frontier, next;
    std::vector<std::pair<int32_t, int>> open;
    for (uint32_t v = 0; v < n; ++v) {
      if (held[v].empty()) continue;
      open = held[v];
      // Drops from `open` every skill u holds; true when nothing is left open.
      auto meet = [&](uint32_t u) {
        if (u != v && met[u] != v) {
          met[u] = v;
          for (const auto& h : held[u]) {
            auto it = std::find_if(open.begin(), open.end(),
                                   [&](const auto& o) { return o.first == h.first; });
            if (it != open.end()) open.erase(it);
          }
        }
        return open.empty();
      };
      // Reaches everyone one step beyond `frontier` into `next`; true once nothing is open.
      auto step_out = [&] {
        next.clear();
        for (uint32_t x : frontier) {
          for (std::span<const uint32_t> list : {g.OutNeighbors(x), g.InNeighbors(x)}) {
            for (uint32_t u : list) {
              if (reached[u] == v) continue;
              reached[u] = v;
              next.push_back(u);
              if (meet(u)) return true;
            }
          }
        }
        frontier.swap(next);
        return false;
      };
      bool done = false;
      if (nodes[v].team != kNoTeam) {
        for (uint32_t u : members.at(nodes[v].team)) {
          if ((done = meet(u))) break;
        }
      }
      reached[v] = v;
      frontier.assign(1, v);
      for (int s = 0; !done && s < params.sole_skill_steps && !frontier.empty(); ++s) {
        done = step_out();
      }
      for (auto [skill, level] : open) {
        sole[v].push_back({skill, level, holders[static_cast<size_t>(skill)] - 1});
      }
    }
  }
  for (uint32_t v = 0; v < n; ++v) {
    if (cut[v] || team_cut[v] > 0 || !sole[v].empty()) {
      f.single_points.push_back({v, cut[v], team_cut[v], std::move(sole[v])});
    }
  }
  auto unique_skills = [](const SinglePoint& p) {
    return std::count_if(p.sole_skills.begin(), p.sole_skills.end(),
                         [](const SoleSkill& s) { return s.holders_elsewhere == 0; });
  };
  std::sort(f.single_points.begin(), f.single_points.end(),
            [&](const SinglePoint& a, const SinglePoint& b) {
              return std::tuple(-a.teammates_cut_off, !a.cuts_network, -unique_skills(a),
                                -static_cast<int64_t>(a.sole_skills.size()), a.node) <
                     std::tuple(-b.teammates_cut_off, !b.cuts_network, -unique_skills(b),
                                -static_cast<int64_t>(b.sole_skills.size()), b.node);
            });

  // --- newcomers ---
  std::sort(contacts.begin(), contacts.end(), [](const Contact& a, const Contact& b) {
    return a.newcomer != b.newcomer ? a.newcomer < b.newcomer
           : a.other != b.other     ? a.other < b.other
                                    : a.ts < b.ts;
  });
  std::unordered_map<uint32_t, std::vector<Timestamp>>
      first_contact;  // newcomer → first ts per person
  for (size_t i = 0; i < contacts.size(); ++i) {
    if (i == 0 || contacts[i].newcomer != contacts[i - 1].newcomer ||
        contacts[i].other != contacts[i - 1].other) {
      first_contact[contacts[i].newcomer].push_back(contacts[i].ts);
    }
  }
  for (uint32_t v = 0; v < n; ++v) {
    const auto& hire = nodes[v].hire_date;
    if (!hire || *hire > params.today ||
        *hire <= params.today - std::chrono::days(params.newcomer_days)) {
      continue;
    }
    Newcomer nc;
    nc.node = v;
    nc.days_since_hire = static_cast<int>((params.today - *hire).count());
    auto nbrs = Neighbours(g, v);
    nc.contacts = static_cast<int64_t>(nbrs.size());
    const int64_t manager = manager_of[v];
    const bool alone = std::all_of(nbrs.begin(), nbrs.end(),
                                   [&](uint32_t u) { return static_cast<int64_t>(u) == manager; });
    nc.isolated = alone && nc.days_since_hire >= params.newcomer_grace_days;
    nc.settling_in = alone && !nc.isolated;
    std::vector<Timestamp> times = first_contact[v];
    std::sort(times.begin(), times.end());
    auto days_to = [&](size_t k) -> std::optional<int> {
      if (times.size() < k) return std::nullopt;
      auto d = std::chrono::floor<std::chrono::days>(times[k - 1]) - Date(*hire);
      return std::max(0, static_cast<int>(d.count()));
    };
    nc.days_to_first = days_to(1);
    nc.days_to_third = days_to(3);
    nc.days_to_fifth = days_to(5);
    f.newcomers.push_back(nc);
  }
  std::sort(f.newcomers.begin(), f.newcomers.end(), [](const Newcomer& a, const Newcomer& b) {
    return a.contacts != b.contacts ? a.contacts < b.contacts : a.node < b.node;
  });
  return f;
}

}  // namespace pl::network
