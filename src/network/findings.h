// What the knowledge-flow network says about people and teams, each finding with the signals
// that put it there:
//
//   hidden champions  people whose help is widely sought (distinct people who ask them, answers
//                     given, nominations received, betweenness) while the formal structure does
//                     not see them (no reports, level at or below the median, little
//                     recognition received: kudos from fewer than a quarter of those who ask
//                     them, or from one person at most). Score = mean percentile of the four help
//                     signals; the number of askers must also stand out (Tukey's far-out fence, and
//                     at least three times the median person's).
//   visible helpers   people sought as widely, on the same signals, whom the structure does see
//                     (they manage, stand above the median level, or are thanked by a quarter
//                     of those who ask them): the go-to people already known, to keep from
//                     being overloaded rather than to discover.
//   silos             teams whose ties stay inside: E-I index at or below a threshold.
//   brokers           people who link contacts in different communities that are not tied
//                     to each other (Gould and Fernandez's brokerage across groups: the
//                     liaison, gatekeeper and representative roles, direction aside), far more
//                     than usual (Tukey's far-out fence), tied into at least two communities
//                     besides their own; ranked by that brokerage.
//   single points     articulation points of the undirected network (their loss cuts people
//                     apart), people whose loss splits their own team's internal ties, and
//                     people holding a skill (at a level others can learn from) that nobody
//                     nearby holds at that level: not their teammates, not anyone within a
//                     few steps of them in the network.
//   newcomers         recent hires: distinct people they are tied to, and days from the hire
//                     date to their first, third and fifth distinct contact.
//
// Inputs are plain values; the engine knows nothing of stores or HTTP.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "graph/graph.h"
#include "network/groups.h"
#include "network/metrics.h"

namespace pl::network {

// What the roster says about a node (by the graph's node index).
struct NodeInfo {
  int32_t team = kNoTeam;
  int level = 0;
  bool manager = false;  // has direct reports
  std::optional<Date> hire_date;
  std::vector<std::pair<int32_t, int>> skills;  // (skill index, level 0..4)
};

struct FindingsParams {
  double champion_min_score = 0.80;  // mean help percentile
  int champion_min_askers = 3;       // at least this many distinct people asked them
  // ... and far more than usual: at least Q3 + k × IQR of everyone's askers (Tukey's "far
  // out" for k = 3), so that a team where everyone helps everyone does not crown everyone.
  double champion_outlier_iqr = 3.0;
  // ... and at least this many times the median person's askers ("widely sought").
  double champion_times_median = 3.0;
  // Seen and thanked for it: kudos from at least this share of the people who asked them (and
  // from two people or more) make a helper recognised, not hidden. Relative to the help sought:
  // one thank-you among sixty askers is little recognition, however few kudos others get.
  double champion_recognised_share = 0.25;
  double silo_max_ei = -0.5;
  int64_t min_team_size = 5;  // smaller teams are never reported (anonymity)
  int broker_min_communities = 2;
  double broker_outlier_iqr = 3.0;  // brokerage above Q3 + k × IQR
  // ... or a bridge (see Bridge) above this: in a small network everyone's brokerage is small
  // and the fence finds few. In nine demos of 150 to 3,000 people 2.5 and 3 found the same
  // planted brokers and 4 fewer; one planted broker of another demo scores 2.59
  // (bench/RESULTS.md).
  double broker_min_bridge = 2.5;
  // ... or a bridge's surprise (see Bridge) above this: in a large network the ties between two
  // big communities are many, so a broker's share of them is small, yet they have far more
  // contacts there than anyone else of their community. At 10,000 people 2.5 and the fence missed
  // 14 of 75 planted brokers, whose surprise was 35 to 100; 20, 25 and 30 found all 75, with 5,
  // 2 and 2 more people besides the truth's brokers and champions (bench/RESULTS.md).
  double broker_min_surprise = 25;
  int newcomer_days = 90;
  // A newcomer is called not yet connected (no tie beyond their manager) only from this many
  // days after their hire: their first days are for meeting people, not yet a sign of being
  // left out (before, they are settling in).
  int newcomer_grace_days = 14;
  // A skill counts as knowledge someone holds from this level (of 0..4) up; "nearby" is their
  // team and everyone within this many steps of them (ties either way).
  int sole_skill_min_level = 3;
  int sole_skill_steps = 2;
  Date today;
};

struct ChampionSignals {
  int64_t askers = 0;       // distinct people who asked them (mention, or whom they answered)
  double answers = 0;       // reply strength given
  int64_t nominations = 0;  // distinct nominators
  double betweenness = 0;
  int64_t recognition = 0;  // distinct people who gave them kudos
  // Percentiles among everyone in the graph (0..1).
  double askers_pct = 0, answers_pct = 0, nominations_pct = 0, betweenness_pct = 0,
         recognition_pct = 0;
};

struct Champion {
  uint32_t node = 0;
  double score = 0;
  ChampionSignals signals;
  std::vector<std::string> reasons;  // plain-language explanation
};

struct Silo {
  int32_t team = 0;
  TeamMetrics metrics;
};

// The tie a person makes between their own community and another. For that community:
// - contacts: theirs there; own: theirs in their own community; ties: all the pairs of contacts
//   between the two communities;
// - score = min(own, contacts) × contacts / ties (contacts / ties is the share of the bridge that
//   is theirs): someone who holds most of the few ties between two groups, with a foot in each,
//   scores high however few contacts they have;
// - expected = ties / the size of their own community: how many contacts there the people of
//   their community have on average (they included);
// - surprise = contacts × ln(contacts / expected) − (contacts − expected) where contacts exceed
//   expected, else 0: the Poisson log-likelihood ratio, so that for a count X drawn with mean
//   `expected`, P(X ≥ contacts) ≤ e^−surprise (Chernoff). It stays high where two big communities
//   share many ties and a broker's share of them is small.
// The community kept is the one with the highest surprise, then the most contacts, then the
// highest score, then the lowest number.
struct Bridge {
  int32_t community = -1;  // the other community; -1: none
  int64_t contacts = 0, own = 0, ties = 0;
  double score = 0;
  double expected = 0, surprise = 0;
};

struct Broker {
  uint32_t node = 0;
  int communities_reached = 0;  // other than their own
  // Pairs of their contacts (ties either way) in different communities with no tie between
  // them: the open pairs they broker across communities.
  int64_t brokerage = 0;
  // The other communities they are tied into, each with how many of their contacts are there;
  // most contacts first.
  std::vector<std::pair<int32_t, int64_t>> links;
  double betweenness = 0;
  double constraint = 0;
  Bridge bridge;
};

// A skill a person holds that nobody near them holds at NodeInfo's level that counts.
struct SoleSkill {
  int32_t skill = 0;
  int level = 0;                  // theirs
  int64_t holders_elsewhere = 0;  // others in the whole network holding it at that level
};

struct SinglePoint {
  uint32_t node = 0;
  bool cuts_network = false;           // an articulation point of the whole network
  int64_t teammates_cut_off = 0;       // members of their team left unreachable inside the team
  std::vector<SoleSkill> sole_skills;  // by skill index
};

struct Newcomer {
  uint32_t node = 0;
  int days_since_hire = 0;
  int64_t contacts = 0;  // distinct people tied either way
  std::optional<int> days_to_first, days_to_third, days_to_fifth;
  bool isolated = false;     // no contact outside their manager, past the grace days
  bool settling_in = false;  // no contact outside their manager yet, within the grace days
};

struct Findings {
  std::vector<Champion> champions;  // best first
  // The same, for people the structure sees; the last reason says how. Best first.
  std::vector<Champion> visible_helpers;
  std::vector<Silo> silos;      // most closed first
  std::vector<Broker> brokers;  // most brokerage first
  // Most teammates cut off first, then cutting the network, then the most skills held by
  // nobody else at all, then the most skills nobody nearby holds.
  std::vector<SinglePoint> single_points;
  std::vector<Newcomer> newcomers;  // least connected first
};

// `interactions` (by domain id, as the graph was built from) give the layer signals and the
// newcomers' timelines; `manager_of` maps node → manager's node (or -1).
Result<Findings> ComputeFindings(const graph::Graph& g,
                                 std::span<const graph::Interaction> interactions,
                                 const std::vector<NodeInfo>& nodes,
                                 const std::vector<int64_t>& manager_of,
                                 const PersonMetrics& metrics, const Communities& communities,
                                 const std::vector<TeamMetrics>& teams,
                                 const FindingsParams& params);

// For each node, the pairs of its contacts (ties either way) in different communities
// (`community` by node) with no tie between them either way: the brokers' measure.
std::vector<int64_t> CrossCommunityBrokerage(const graph::Graph& g,
                                             std::span<const int32_t> community);

// For each node, its Bridge (`community` by node; contacts are ties either way).
std::vector<Bridge> CommunityBridges(const graph::Graph& g, std::span<const int32_t> community);

// Percentile rank of each value among all (ties share the mean rank), in [0, 1].
std::vector<double> Percentiles(const std::vector<double>& values);

}  // namespace pl::network
