#include "demo/demo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pl::demo {

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (auto& s : s_) {
    x += 0x9E3779B97F4A7C15ull;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    s = z ^ (z >> 31);
  }
}

uint64_t Rng::Next() {
  auto rotl = [](uint64_t v, int k) { return (v << k) | (v >> (64 - k)); };
  uint64_t result = rotl(s_[1] * 5, 7) * 9;
  uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::Below(uint64_t n) {
  // Lemire's nearly-divisionless method would be faster; modulo bias is negligible for n << 2^64.
  return Next() % n;
}

double Rng::Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

namespace {

struct Department {
  const char* name;
  double weight;
  std::vector<const char*> teams;
  const char* ic_title;       // "Software Engineer"
  const char* manager_title;  // "Engineering Manager"
  std::vector<const char*> skills;
};

const std::vector<Department>& Departments() {
  static const std::vector<Department> kDepartments = {
      {"Engineering",
       0.34,
       {"Platform", "Payments", "Mobile", "Data", "Infrastructure", "Security", "Growth", "Search",
        "Identity", "Integrations"},
       "Software Engineer",
       "Engineering Manager",
       {"c++", "go", "typescript", "python", "sql", "kubernetes", "observability", "system design",
        "security", "code review", "incident response", "distributed systems"}},
      {"Product",
       0.07,
       {"Core Product", "Platform Product", "Growth Product", "Analytics"},
       "Product Manager",
       "Group Product Manager",
       {"discovery", "roadmapping", "user research", "analytics", "experimentation", "pricing",
        "sql"}},
      {"Design",
       0.05,
       {"Product Design", "Brand", "Research"},
       "Designer",
       "Design Manager",
       {"interaction design", "visual design", "user research", "prototyping", "accessibility",
        "design systems"}},
      {"Sales",
       0.16,
       {"Enterprise", "Mid-Market", "SMB", "Sales Engineering", "Partnerships"},
       "Account Executive",
       "Sales Manager",
       {"negotiation", "discovery calls", "forecasting", "solution selling", "crm hygiene",
        "pricing", "public speaking"}},
      {"Marketing",
       0.07,
       {"Demand Generation", "Content", "Product Marketing", "Events"},
       "Marketing Specialist",
       "Marketing Manager",
       {"copywriting", "seo", "campaign analytics", "positioning", "public speaking", "events"}},
      {"Customer Success",
       0.13,
       {"Onboarding", "Support", "Account Management", "Renewals"},
       "Customer Success Manager",
       "Customer Success Lead",
       {"de-escalation", "onboarding", "product knowledge", "renewals", "stakeholder management",
        "ticket triage"}},
      {"Finance",
       0.05,
       {"Accounting", "FP&A", "Procurement"},
       "Financial Analyst",
       "Finance Manager",
       {"forecasting", "excel modelling", "revenue recognition", "budgeting", "sql"}},
      {"People",
       0.05,
       {"Learning & Development", "People Partners", "Talent Acquisition"},
       "People Partner",
       "People Manager",
       {"coaching", "facilitation", "interviewing", "employment law", "workshop design",
        "feedback"}},
      {"Operations",
       0.06,
       {"IT", "Workplace", "Business Operations"},
       "Operations Specialist",
       "Operations Manager",
       {"process design", "vendor management", "it support", "automation", "project management"}},
      {"Legal",
       0.02,
       {"Commercial Legal", "Privacy"},
       "Counsel",
       "Legal Manager",
       {"contract review", "privacy law", "negotiation", "compliance"}},
  };
  return kDepartments;
}

const std::vector<const char*> kCommonSkills = {"mentoring",    "stakeholder management",
                                                "presenting",   "writing",
                                                "facilitation", "onboarding others"};

struct Place {
  const char* city;
  const char* tz;
  double weight;
};
const std::vector<Place> kPlaces = {
    {"London", "Europe/London", 0.22},     {"Berlin", "Europe/Berlin", 0.14},
    {"Lisbon", "Europe/Lisbon", 0.08},     {"New York", "America/New_York", 0.16},
    {"Austin", "America/Chicago", 0.09},   {"San Francisco", "America/Los_Angeles", 0.09},
    {"Toronto", "America/Toronto", 0.06},  {"Bangalore", "Asia/Kolkata", 0.08},
    {"Singapore", "Asia/Singapore", 0.05}, {"Sydney", "Australia/Sydney", 0.03},
};

const std::vector<const char*> kFirst = {
    "Ada",     "Aiko",   "Amara", "Ana",    "Anil",     "Arjun",   "Astrid", "Ben",   "Bilal",
    "Bruno",   "Camila", "Chen",  "Chioma", "Clara",    "Daniel",  "Dara",   "David", "Elena",
    "Emeka",   "Emma",   "Farah", "Felix",  "Fatima",   "Gabriel", "Grace",  "Hana",  "Hugo",
    "Ibrahim", "Ines",   "Isaac", "Ivy",    "Jamal",    "Jana",    "Javier", "Jin",   "Joao",
    "Jonas",   "Julia",  "Kai",   "Kavya",  "Kenji",    "Lara",    "Leila",  "Leo",   "Lucia",
    "Luca",    "Maya",   "Mateo", "Mei",    "Mohammed", "Nadia",   "Naveen", "Nia",   "Noah",
    "Nora",    "Olga",   "Omar",  "Oskar",  "Priya",    "Rafael",  "Rania",  "Ravi",  "Rosa",
    "Sam",     "Sara",   "Sean",  "Sofia",  "Suki",     "Tariq",   "Tomas",  "Uma",   "Valentina",
    "Victor",  "Wei",    "Yara",  "Yusuf",  "Zara",     "Zoe"};
const std::vector<const char*> kLast = {
    "Adeyemi", "Alvarez",  "Andersen", "Bauer",     "Becker",  "Bianchi",  "Chen",     "Costa",
    "Das",     "Dubois",   "Eriksson", "Fernandes", "Fischer", "Garcia",   "Gupta",    "Haddad",
    "Hansen",  "Hoffmann", "Ito",      "Ivanova",   "Jansen",  "Jones",    "Kaur",     "Khan",
    "Kim",     "Kowalski", "Kumar",    "Larsen",    "Lee",     "Lopez",    "Martin",   "Mendes",
    "Moreau",  "Murphy",   "Nakamura", "Nguyen",    "Novak",   "Okafor",   "Oliveira", "Osei",
    "Park",    "Patel",    "Petrov",   "Rossi",     "Santos",  "Schmidt",  "Silva",    "Singh",
    "Smith",   "Suzuki",   "Tanaka",   "Taylor",    "Torres",  "Virtanen", "Wagner",   "Walsh",
    "Wang",    "Williams", "Wong",     "Yilmaz",    "Zhang"};

template <typename T>
const T& Weighted(Rng& rng, const std::vector<T>& items) {
  double total = 0;
  for (const auto& i : items) total += i.weight;
  double x = rng.Real() * total;
  for (const auto& i : items) {
    if ((x -= i.weight) < 0) return i;
  }
  return items.back();
}

struct Builder {
  Rng rng;
  Date today;
  std::vector<store::RosterRecord> people;
  std::unordered_set<std::string> emails;
  int next_id = 1;

  std::string NewId() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "E%06d", next_id++);
    return buf;
  }

  std::string Email(const std::string& first, const std::string& last) {
    std::string base;
    for (char c : first + "." + last) {
      if (c == ' ') continue;
      base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string e = base + "@northwind.example";
    for (int n = 2; !emails.insert(e).second; ++n) {
      e = base + std::to_string(n) + "@northwind.example";
    }
    return e;
  }

  // Tenure in days: most people a few years, a tail of long-timers, and ~8% hired in 90 days.
  Date HireDate(int min_years) {
    int days;
    if (min_years == 0 && rng.Chance(0.08)) {
      days = static_cast<int>(rng.Below(90));
    } else {
      double years = min_years + -std::log(1 - rng.Real()) * 2.6;
      years = std::min(years, 15.0);
      days = 90 + static_cast<int>(years * 365.25);
    }
    return today - std::chrono::days(days);
  }

  store::RosterRecord& Add(const std::string& title, int level, const std::string& team,
                           const std::string& manager, const Place& place, int min_years) {
    store::RosterRecord r;
    r.external_id = NewId();
    std::string first = kFirst[rng.Below(kFirst.size())];
    std::string last = kLast[rng.Below(kLast.size())];
    r.name = first + " " + last;
    r.email = Email(first, last);
    r.title = title;
    r.level = level;
    r.team_path = team;
    r.manager_external_id = manager;
    r.hire_date = HireDate(min_years);
    r.location = place.city;
    r.timezone = place.tz;
    people.push_back(std::move(r));
    return people.back();
  }

  void GiveSkills(store::RosterRecord& r, const Department& d, int level) {
    std::set<std::string> chosen;
    size_t n = 3 + rng.Below(4);
    for (int attempt = 0; chosen.size() < n && attempt < 40; ++attempt) {
      const char* s = rng.Chance(0.8) ? d.skills[rng.Below(d.skills.size())]
                                      : kCommonSkills[rng.Below(kCommonSkills.size())];
      if (!chosen.insert(s).second) continue;
      int base = std::clamp(level / 2, 0, 3);
      int lvl = std::clamp(base + static_cast<int>(rng.Below(3)) - 1, 0, 4);
      if (lvl == 4 && !rng.Chance(0.3)) lvl = 3;  // experts are rare
      r.skills.push_back({s, lvl, rng.Chance(0.7) ? SkillSource::kSelf : SkillSource::kManager});
    }
  }
};

const char* IcTitle(int level) {
  switch (level) {
    case 1:
      return "Junior ";
    case 2:
    case 3:
      return "";
    case 4:
      return "Senior ";
    case 5:
      return "Staff ";
    default:
      return "Principal ";
  }
}

}  // namespace

Result<Organisation> Generate(const Params& params) {
  if (params.people < 25 || params.people > 1'000'000) {
    return InvalidArgument("the demo organisation needs between 25 and 1000000 people (got " +
                           std::to_string(params.people) + ")");
  }
  Organisation org;
  org.params = params;
  Builder b{Rng(params.seed), params.today, {}, {}, 1};
  b.people.reserve(params.people);
  const auto& depts = Departments();
  const Place& hq = kPlaces[0];

  // The executive layer: a CEO and one head per department.
  auto& ceo = b.Add("Chief Executive Officer", 10, "Executive", "", hq, 6);
  ceo.skills = {{"strategy", 4, SkillSource::kSelf}, {"public speaking", 4, SkillSource::kSelf}};
  std::string ceo_id = ceo.external_id;
  std::vector<std::string> heads;
  for (const auto& d : depts) {
    auto& h = b.Add(std::string("VP ") + d.name, 9, d.name, ceo_id, Weighted(b.rng, kPlaces), 3);
    b.GiveSkills(h, d, 8);
    heads.push_back(h.external_id);
  }

  // Team slots: ~8 people a team (a manager and ICs), shared between departments by weight
  // (largest remainder, at least one team each). Directors are needed above eight teams; their
  // number depends on the split, so the split is computed twice.
  auto allocate = [&](int total) {
    std::vector<int> out(depts.size(), 1);
    int left = total - static_cast<int>(depts.size());
    std::vector<std::pair<double, size_t>> rest;
    int given = 0;
    for (size_t i = 0; i < depts.size(); ++i) {
      double share = depts[i].weight * left;
      out[i] += static_cast<int>(share);
      given += static_cast<int>(share);
      rest.push_back({share - std::floor(share), i});
    }
    std::sort(rest.begin(), rest.end(), [](auto& a, auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    for (int i = 0; i < left - given; ++i) out[rest[i % rest.size()].second]++;
    return out;
  };
  auto directors_for = [](int n) {
    int d = 0;
    if (n > 8) {
      int g = (n + 7) / 8;
      d += g;
      while (g > 8) d += (g = (g + 7) / 8);
    }
    return d;
  };
  int remaining = params.people - static_cast<int>(b.people.size());
  int total_teams = std::max<int>(static_cast<int>(depts.size()), (remaining + 7) / 8);
  std::vector<int> teams_per_dept = allocate(total_teams);
  for (int pass = 0; pass < 2; ++pass) {
    int directors = 0;
    for (int n : teams_per_dept) directors += directors_for(n);
    total_teams = std::max<int>(static_cast<int>(depts.size()), (remaining - directors + 7) / 8);
    teams_per_dept = allocate(total_teams);
  }
  int directors = 0;
  for (int n : teams_per_dept) directors += directors_for(n);
  int members = std::max(total_teams, remaining - directors);
  std::vector<int> team_sizes(total_teams, members / total_teams);
  for (int i = 0; i < members % total_teams; ++i) team_sizes[i]++;

  struct TeamInfo {
    std::string path;
    size_t dept;
    std::vector<std::string> members;
    std::string manager;
  };
  std::vector<TeamInfo> teams;
  int team_index = 0;
  std::vector<std::string> people_managers;  // for the manager demo login
  for (size_t di = 0; di < depts.size(); ++di) {
    const auto& d = depts[di];
    int n = teams_per_dept[di];
    // Managers of managers: group teams by eight until a head has at most eight groups.
    std::vector<std::string> level_above(n, heads[di]);
    if (n > 8) {
      int groups = (n + 7) / 8;
      int tier = 0;
      std::vector<int> sizes = {groups};
      while (sizes.back() > 8) sizes.push_back((sizes.back() + 7) / 8);
      // Build from the top: senior tiers first.
      std::vector<std::string> parents = {heads[di]};
      for (auto it = sizes.rbegin(); it != sizes.rend(); ++it, ++tier) {
        std::vector<std::string> next;
        for (int g = 0; g < *it; ++g) {
          bool senior = std::next(it) != sizes.rend();
          auto& dir = b.Add(std::string(senior ? "Senior Director, " : "Director, ") + d.name,
                            senior ? 8 : 7, d.name, parents[g * parents.size() / *it],
                            Weighted(b.rng, kPlaces), 2);
          b.GiveSkills(dir, d, 7);
          next.push_back(dir.external_id);
        }
        parents = std::move(next);
      }
      for (int t = 0; t < n; ++t) level_above[t] = parents[t * parents.size() / n];
    }
    std::map<std::string, int> name_uses;
    for (int t = 0; t < n; ++t) {
      std::string base = d.teams[t % d.teams.size()];
      int use = ++name_uses[base];
      static const char* const kSuffix[] = {"", " II", " III", " IV", " V"};
      std::string name = use <= 5 ? base + kSuffix[use - 1] : base + " " + std::to_string(use);
      TeamInfo ti{std::string(d.name) + "/" + name, di, {}, ""};
      const Place& place = Weighted(b.rng, kPlaces);
      int size = team_index < total_teams ? team_sizes[team_index++] : 0;
      size = std::min(size, params.people - static_cast<int>(b.people.size()));
      if (size <= 0) continue;
      int mlevel = 5 + static_cast<int>(b.rng.Below(2));
      auto& m = b.Add(d.manager_title, mlevel, ti.path, level_above[t], place, 1);
      b.GiveSkills(m, d, mlevel);
      ti.manager = m.external_id;
      if (size > 1) people_managers.push_back(m.external_id);
      for (int i = 1; i < size; ++i) {
        int level = 1 + static_cast<int>(std::min<uint64_t>(b.rng.Below(6), b.rng.Below(6)));
        const Place& p = b.rng.Chance(0.8) ? place : Weighted(b.rng, kPlaces);
        auto& ic =
            b.Add(std::string(IcTitle(level)) + d.ic_title, level, ti.path, ti.manager, p, 0);
        b.GiveSkills(ic, d, level);
        ti.members.push_back(ic.external_id);
      }
      teams.push_back(std::move(ti));
    }
  }
  // Rounding can leave a few slots over (departments with more team slots than people).
  while (static_cast<int>(b.people.size()) < params.people) {
    TeamInfo& ti = teams[b.rng.Below(teams.size())];
    const auto& d = depts[ti.dept];
    auto& ic = b.Add(d.ic_title, 2, ti.path, ti.manager, Weighted(b.rng, kPlaces), 0);
    b.GiveSkills(ic, d, 2);
    ti.members.push_back(ic.external_id);
  }

  // Planted ground truth.
  std::unordered_map<std::string, store::RosterRecord*> by_id;
  for (auto& p : b.people) by_id[p.external_id] = &p;
  GroundTruth& truth = org.truth;
  std::vector<store::RosterRecord*> ics;
  for (auto& t : teams)
    for (auto& m : t.members) ics.push_back(by_id[m]);
  // Hidden champions: ~2% of ICs, formal level 2-3, expert in two skills.
  for (auto* p : ics) {
    if (p->level < 2 || p->level > 3 || !b.rng.Chance(0.025)) continue;
    if (p->hire_date && *p->hire_date > params.today - std::chrono::days(365)) continue;
    int upgraded = 0;
    for (auto& s : p->skills) {
      if (upgraded < 2) {
        s.level = 4;
        ++upgraded;
      }
    }
    if (upgraded == 2) truth.hidden_champions.push_back(p->external_id);
  }
  // Brokers: ~1% of ICs (each given a department to work with below, once the silos are known).
  for (auto* p : ics) {
    if (b.rng.Chance(0.01)) truth.brokers.push_back(p->external_id);
  }
  // Silo teams: ~10%, at least one; never a team with a hidden champion or a broker (both are
  // sought or work beyond their team, which a silo is not: a broker in a silo would be planted
  // as both and found as neither).
  std::unordered_set<std::string> outgoing_teams;
  for (const auto& c : truth.hidden_champions) outgoing_teams.insert(by_id[c]->team_path);
  for (const auto& c : truth.brokers) outgoing_teams.insert(by_id[c]->team_path);
  for (auto& t : teams) {
    if (b.rng.Chance(0.1) && !outgoing_teams.count(t.path)) truth.silo_teams.push_back(t.path);
  }
  for (size_t i = 0; truth.silo_teams.empty() && i < teams.size(); ++i) {
    const TeamInfo& t = teams[(teams.size() / 2 + i) % teams.size()];
    if (!outgoing_teams.count(t.path)) truth.silo_teams.push_back(t.path);
  }
  // Each broker works with one other department that has kBrokerPartnerDeptMin people or more
  // outside silo teams (who answer only their own team), chosen from the id, not the random
  // stream the rest of the truth draws on; one with no such department is not planted.
  {
    const std::set<std::string> silo(truth.silo_teams.begin(), truth.silo_teams.end());
    auto dept_of = [](const std::string& path) { return path.substr(0, path.find('/')); };
    std::map<std::string, int> answering;  // department → its people outside silo teams
    for (const auto& p : b.people) {
      if (!p.team_path.empty() && !silo.count(p.team_path)) ++answering[dept_of(p.team_path)];
    }
    std::vector<std::string> planted;
    for (const auto& id : truth.brokers) {
      const std::string own = dept_of(by_id[id]->team_path);
      std::vector<std::string> partners;
      for (const auto& [dept, size] : answering) {
        if (dept != own && size >= kBrokerPartnerDeptMin) partners.push_back(dept);
      }
      if (partners.empty()) continue;
      truth.broker_partner_dept[id] = partners[std::hash<std::string>{}(id) % partners.size()];
      planted.push_back(id);
    }
    truth.brokers = std::move(planted);
  }
  // Newcomers: hired within 90 days; a third of them planted as isolated, never a broker (who
  // is planted working with two departments), nor anyone hired in the last two weeks (who is
  // settling in, not yet left out: FindingsParams::newcomer_grace_days).
  const std::unordered_set<std::string> brokers(truth.brokers.begin(), truth.brokers.end());
  for (auto& p : b.people) {
    if (p.hire_date && *p.hire_date > params.today - std::chrono::days(90)) {
      truth.recent_hires.push_back(p.external_id);
      const bool settling_in = *p.hire_date > params.today - std::chrono::days(14);
      if (b.rng.Chance(0.34) && !brokers.count(p.external_id) && !settling_in) {
        truth.isolated_newcomers.push_back(p.external_id);
      }
    }
  }
  // Recognised helpers, from their own stream so the truth above does not depend on them: about
  // 0.6% of the ICs at level 2-3, hired more than a year ago, planted as nothing else and
  // outside silo teams (who answer only their own team); the middle one of those where the draw
  // picked none. Their skills stay as they are.
  {
    Rng rng(params.seed ^ 0x7265636F67ULL);
    std::unordered_set<std::string> planted(truth.hidden_champions.begin(),
                                            truth.hidden_champions.end());
    planted.insert(truth.brokers.begin(), truth.brokers.end());
    planted.insert(truth.recent_hires.begin(), truth.recent_hires.end());
    const std::unordered_set<std::string> silo(truth.silo_teams.begin(), truth.silo_teams.end());
    std::vector<const store::RosterRecord*> eligible;
    for (const auto* p : ics) {
      if (p->level < 2 || p->level > 3 || planted.count(p->external_id) ||
          silo.count(p->team_path) ||
          (p->hire_date && *p->hire_date > params.today - std::chrono::days(365))) {
        continue;
      }
      eligible.push_back(p);
    }
    for (const auto* p : eligible) {
      if (rng.Chance(0.006)) truth.recognised_helpers.push_back(p->external_id);
    }
    if (truth.recognised_helpers.empty() && !eligible.empty()) {
      truth.recognised_helpers.push_back(eligible[eligible.size() / 2]->external_id);
    }
  }
  // Skills with exactly one expert.
  std::map<std::string, int> experts;
  for (auto& p : b.people)
    for (auto& s : p.skills)
      if (s.level == 4) experts[s.skill]++;
  for (auto& [skill, n] : experts)
    if (n == 1) truth.single_expert_skills.push_back(skill);
  // Survey truth, from its own stream so the truth above does not depend on it: ~12% of the
  // teams of at least five people (two at least) with low psychological safety, and one more
  // that improved between the first and the latest wave.
  {
    Rng rng(params.seed ^ 0x5afe5afe5afeULL);
    std::vector<const TeamInfo*> big;
    for (const auto& t : teams) {
      if (t.members.size() + 1 >= 5) big.push_back(&t);
    }
    for (const TeamInfo* t : big) {
      if (rng.Chance(0.12)) truth.low_safety_teams.push_back(t->path);
    }
    for (size_t i = 0; truth.low_safety_teams.size() < 2 && i < big.size(); i += 3) {
      if (std::find(truth.low_safety_teams.begin(), truth.low_safety_teams.end(), big[i]->path) ==
          truth.low_safety_teams.end()) {
        truth.low_safety_teams.push_back(big[i]->path);
      }
    }
    // The improved team is the largest of the rest, so it is the last of its department's
    // teams that secondary suppression would hide.
    const TeamInfo* improved = nullptr;
    for (const TeamInfo* t : big) {
      if (std::find(truth.low_safety_teams.begin(), truth.low_safety_teams.end(), t->path) !=
          truth.low_safety_teams.end()) {
        continue;
      }
      if (!improved || t->members.size() > improved->members.size()) improved = t;
    }
    if (improved) truth.improved_safety_team = improved->path;
  }

  // Demo log-ins: the Learning & Development lead is the admin; a manager with reports and one of
  // their reports.
  for (auto& t : teams) {
    if (t.path.ends_with("Learning & Development") && org.admin_external_id.empty()) {
      org.admin_external_id = t.manager;
      by_id[t.manager]->title = "Head of Learning & Development";
    }
  }
  if (org.admin_external_id.empty()) org.admin_external_id = heads[7];  // VP People
  // The manager leads an Engineering team of three or more; of those, the first with a planted
  // isolated newcomer, else the first with a recent hire past their settling-in weeks, else the
  // first, so that the manager's Newcomers page has someone on it where the demo allows. The
  // employee is their first report hired before the last 90 days.
  {
    const std::unordered_set<std::string> isolated(truth.isolated_newcomers.begin(),
                                                   truth.isolated_newcomers.end());
    auto settled_hire = [&](const std::string& id) {
      const auto& hired = by_id[id]->hire_date;
      return hired && *hired > params.today - std::chrono::days(90) &&
             *hired <= params.today - std::chrono::days(14);
    };
    const TeamInfo* chosen = nullptr;
    int best = -1;
    for (const auto& t : teams) {
      if (t.members.size() < 3 || !t.path.starts_with("Engineering/")) continue;
      int score = 0;
      for (const auto& m : t.members) {
        score = std::max(score, isolated.count(m) ? 2 : settled_hire(m) ? 1 : 0);
      }
      if (score > best) chosen = &t, best = score;
    }
    if (chosen != nullptr) {
      org.manager_external_id = chosen->manager;
      org.employee_external_id = chosen->members[0];
      for (const auto& m : chosen->members) {
        const auto& hired = by_id[m]->hire_date;
        if (!hired || *hired <= params.today - std::chrono::days(90)) {
          org.employee_external_id = m;
          break;
        }
      }
    }
  }
  if (org.manager_external_id.empty()) {
    org.manager_external_id = teams[0].manager;
    org.employee_external_id = teams[0].members.empty() ? heads[0] : teams[0].members[0];
  }
  org.people = std::move(b.people);
  return org;
}

std::string TruthJson(const Organisation& org) {
  nlohmann::json j;
  j["generator"] = "peerlearn demo";
  j["people"] = org.params.people;
  j["seed"] = org.params.seed;
  j["today"] = FormatDate(org.params.today);
  const auto& t = org.truth;
  j["hidden_champions"] = t.hidden_champions;
  j["recognised_helpers"] = t.recognised_helpers;
  j["brokers"] = t.brokers;
  j["broker_partner_departments"] = t.broker_partner_dept;
  j["silo_teams"] = t.silo_teams;
  j["recent_hires"] = t.recent_hires;
  j["isolated_newcomers"] = t.isolated_newcomers;
  j["single_expert_skills"] = t.single_expert_skills;
  j["low_safety_teams"] = t.low_safety_teams;
  j["improved_safety_team"] = t.improved_safety_team;
  j["logins"] = {{"admin", org.admin_external_id},
                 {"manager", org.manager_external_id},
                 {"employee", org.employee_external_id}};
  return j.dump(2) + "\n";
}

}  // namespace pl::demo
