#include "demo/chat_demo.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pl::demo {
namespace {

using json = nlohmann::json;

struct Member {
  const store::RosterRecord* rec;
  std::string slack_id;
  int team = -1, dept = -1;
  // Recognised helpers are sought as champions are; only the kudos they receive differ.
  bool champion = false, recognised = false, silo = false, isolated = false, broker = false;
  int second_dept = -1;  // brokers: the other department they work with
  int manager = -1;
};

struct Channel {
  std::string id, name;
  std::vector<int> pool;         // who may answer here
  std::vector<double> weight;    // how likely each is chosen
  std::map<int32_t, json> days;  // day → messages
};

std::string Slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string Ts(int64_t seconds, int64_t seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(seconds),
                static_cast<long long>(seq % 1000000));
  return buf;
}

const char* kTopics[] = {"the release checklist", "a flaky test",      "the Q3 forecast",
                         "onboarding a client",   "the pricing model", "a stakeholder review",
                         "the data pipeline",     "an escalation",     "the hiring loop",
                         "our style guide"};

struct World {
  std::vector<Member> people;
  std::vector<Channel> channels;
  std::vector<int> team_channel, dept_channel;
  int help_channel = 0, general_channel = 0;
  // answers[asker]: who answered them and on which day (for nominations)
  struct Answer {
    int responder;
    int32_t day;
  };
  std::vector<std::vector<Answer>> answers;
};

int Pick(Rng& rng, const std::vector<int>& pool, const std::vector<double>& weight, int exclude) {
  double total = 0;
  for (size_t i = 0; i < pool.size(); ++i) total += pool[i] == exclude ? 0 : weight[i];
  if (total <= 0) return -1;
  double x = rng.Real() * total;
  for (size_t i = 0; i < pool.size(); ++i) {
    if (pool[i] == exclude) continue;
    x -= weight[i];
    if (x < 0) return pool[i];
  }
  return -1;
}

World Build(const Organisation& org) {
  World w;
  const auto& t = org.truth;
  std::unordered_set<std::string> champions(t.hidden_champions.begin(), t.hidden_champions.end());
  std::unordered_set<std::string> recognised(t.recognised_helpers.begin(),
                                             t.recognised_helpers.end());
  std::unordered_set<std::string> brokers(t.brokers.begin(), t.brokers.end());
  std::unordered_set<std::string> silos(t.silo_teams.begin(), t.silo_teams.end());
  std::unordered_set<std::string> isolated(t.isolated_newcomers.begin(),
                                           t.isolated_newcomers.end());
  std::map<std::string, int> teams, depts;
  std::unordered_map<std::string, int> index;
  for (const auto& r : org.people) {
    Member m;
    m.rec = &r;
    m.slack_id = "U" + std::to_string(100000 + w.people.size());
    if (!r.team_path.empty()) {
      m.team = teams.emplace(r.team_path, static_cast<int>(teams.size())).first->second;
      std::string dept = r.team_path.substr(0, r.team_path.find('/'));
      m.dept = depts.emplace(dept, static_cast<int>(depts.size())).first->second;
      m.silo = silos.count(r.team_path) > 0;
    }
    m.champion = champions.count(r.external_id) > 0;
    m.recognised = recognised.count(r.external_id) > 0;
    m.broker = brokers.count(r.external_id) > 0;
    m.isolated = isolated.count(r.external_id) > 0;
    index[r.external_id] = static_cast<int>(w.people.size());
    w.people.push_back(std::move(m));
  }
  for (auto& m : w.people) {
    if (auto it = index.find(m.rec->manager_external_id); it != index.end()) m.manager = it->second;
    if (m.broker) {
      if (auto it = t.broker_partner_dept.find(m.rec->external_id);
          it != t.broker_partner_dept.end()) {
        if (auto d = depts.find(it->second); d != depts.end()) m.second_dept = d->second;
      }
    }
  }
  auto add_channel = [&](std::string id, std::string name) {
    w.channels.push_back({std::move(id), std::move(name), {}, {}, {}});
    return static_cast<int>(w.channels.size() - 1);
  };
  w.team_channel.resize(teams.size());
  for (const auto& [path, i] : teams) {
    w.team_channel[i] = add_channel("CT" + std::to_string(1000 + i), "team-" + Slug(path));
  }
  w.dept_channel.resize(depts.size());
  for (const auto& [name, i] : depts) {
    w.dept_channel[i] = add_channel("CD" + std::to_string(100 + i), "dept-" + Slug(name));
  }
  w.help_channel = add_channel("CH1", "ask-anything");
  w.general_channel = add_channel("CG1", "general");
  // Who answers where, and how likely: champions are sought well beyond their team.
  for (size_t i = 0; i < w.people.size(); ++i) {
    const Member& m = w.people[i];
    if (m.team < 0 || m.isolated) continue;
    const int p = static_cast<int>(i);
    const double base = m.rec->level >= 5 ? 0.6 : 1.0;  // managers answer a little less
    auto add = [&](int channel, double weight) {
      w.channels[channel].pool.push_back(p);
      w.channels[channel].weight.push_back(weight);
    };
    const bool sought = m.champion || m.recognised;
    add(w.team_channel[m.team], sought ? 4 * base : base);
    if (m.silo) continue;  // silo members answer only inside their team
    // Brokers answer in two departments, about as often as anyone: they bridge, they are not
    // swamped.
    add(w.dept_channel[m.dept], sought ? 12.0 : 0.3 * base);
    add(w.help_channel, sought ? 10.0 : 0.05);
    if (m.second_dept >= 0) add(w.dept_channel[m.second_dept], 0.5);
  }
  w.answers.resize(w.people.size());
  return w;
}

// Fills the channels' days and the answer tallies.
void Simulate(const Organisation& org, const ChatParams& params, World& w) {
  Rng rng(params.seed * 0x9E3779B97F4A7C15ull ^ org.params.seed);
  const Date today = org.params.today;
  int64_t seq = 0;
  auto post = [&](int channel, int32_t day, json msg) {
    w.channels[channel].days[day].push_back(std::move(msg));
  };
  for (int back = params.days; back >= 1; --back) {
    const Date date = today - std::chrono::days(back);
    const auto day = static_cast<int32_t>(date.time_since_epoch().count());
    std::chrono::weekday wd{date};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) continue;
    const int64_t day_start = int64_t{day} * 86400;
    // The deploy bot, every working day.
    post(w.general_channel, day,
         {{"type", "message"},
          {"subtype", "bot_message"},
          {"bot_id", "BDEPLOY"},
          {"username", "deploybot"},
          {"text", "Deployed build " + std::to_string(day)},
          {"ts", Ts(day_start + 8 * 3600, ++seq)}});
    for (size_t i = 0; i < w.people.size(); ++i) {
      Member& m = w.people[i];
      const auto& hire = m.rec->hire_date;
      if (hire && *hire > date) continue;
      if (m.team < 0) continue;
      const int p = static_cast<int>(i);
      if (hire && *hire == date) {  // joining the team channel on the first day
        post(w.team_channel[m.team], day,
             {{"type", "message"},
              {"subtype", "channel_join"},
              {"user", m.slack_id},
              {"text", "<@" + m.slack_id + "> has joined the channel"},
              {"ts", Ts(day_start + 9 * 3600, ++seq)}});
      }
      const bool newcomer = hire && *hire > today - std::chrono::days(90);
      double ask = m.isolated ? 0.03 : newcomer ? 0.30 : 0.18;
      if (!rng.Chance(ask)) continue;
      // Where to ask.
      int channel;
      double x = rng.Real();
      if (m.silo || m.isolated) {
        channel = w.team_channel[m.team];
      } else if (m.second_dept >= 0 && x < 0.35) {
        channel = w.dept_channel[m.second_dept];
      } else if (x < 0.55) {
        channel = w.team_channel[m.team];
      } else if (x < 0.85) {
        channel = w.dept_channel[m.dept];
      } else {
        channel = w.help_channel;
      }
      const int64_t t0 = day_start + 9 * 3600 + static_cast<int64_t>(rng.Below(8 * 3600));
      const std::string thread = Ts(t0, ++seq);
      std::vector<int> responders;
      if (m.isolated) {
        if (m.manager >= 0 && rng.Chance(0.3)) responders.push_back(m.manager);
      } else {
        int k = 1 + static_cast<int>(rng.Below(3));
        for (int j = 0; j < k * 3 && static_cast<int>(responders.size()) < k; ++j) {
          int r = Pick(rng, w.channels[channel].pool, w.channels[channel].weight, p);
          const auto& joined = r >= 0 ? w.people[r].rec->hire_date : std::nullopt;
          if (joined && *joined > date) continue;  // not hired yet: nobody answers before they join
          if (r >= 0 && std::find(responders.begin(), responders.end(), r) == responders.end()) {
            responders.push_back(r);
          }
        }
      }
      std::string text =
          "Does anyone know about " + std::string(kTopics[rng.Below(std::size(kTopics))]) + "?";
      json question = {{"type", "message"},
                       {"user", m.slack_id},
                       {"ts", thread},
                       {"thread_ts", thread},
                       {"reply_count", responders.size()}};
      if (!responders.empty() && rng.Chance(0.4)) {
        const std::string& who = w.people[responders[0]].slack_id;
        text = "<@" + who + "> " + text;
        question["blocks"] = json::array(
            {{{"type", "rich_text"},
              {"elements",
               json::array(
                   {{{"type", "rich_text_section"},
                     {"elements", json::array({{{"type", "user"}, {"user_id", who}},
                                               {{"type", "text"}, {"text", " help?"}}})}}})}}});
      }
      question["text"] = text;
      post(channel, day, std::move(question));
      int64_t t = t0;
      for (int r : responders) {
        w.answers[p].push_back({r, static_cast<int32_t>(t / 86400)});
        t += 60 + static_cast<int64_t>(rng.Below(3600));
        json reply = {
            {"type", "message"},  {"user", w.people[r].slack_id}, {"text", "Here is how I did it"},
            {"ts", Ts(t, ++seq)}, {"thread_ts", thread},          {"parent_user_id", m.slack_id}};
        if (rng.Chance(0.6)) {
          reply["reactions"] =
              json::array({{{"name", "pray"}, {"users", json::array({m.slack_id})}, {"count", 1}}});
        }
        // Replies land on the day they are written.
        post(channel, static_cast<int32_t>(t / 86400), std::move(reply));
      }
    }
  }
}

}  // namespace

Status WriteSlackExport(const Organisation& org, const ChatParams& params, const FileSink& sink) {
  World w = Build(org);
  Simulate(org, params, w);
  json users = json::array();
  for (const auto& m : w.people) {
    users.push_back({{"id", m.slack_id},
                     {"name", Slug(m.rec->name)},
                     {"deleted", false},
                     {"is_bot", false},
                     {"profile", {{"real_name", m.rec->name}, {"email", m.rec->email}}}});
  }
  users.push_back(
      {{"id", "BDEPLOY"}, {"name", "deploybot"}, {"is_bot", true}, {"profile", json::object()}});
  RETURN_IF_ERROR(sink("users.json", users.dump(1)));
  json channels = json::array();
  for (const auto& c : w.channels) channels.push_back({{"id", c.id}, {"name", c.name}});
  RETURN_IF_ERROR(sink("channels.json", channels.dump(1)));
  for (const char* empty : {"dms.json", "groups.json", "mpims.json"}) {
    RETURN_IF_ERROR(sink(empty, "[]"));
  }
  for (const auto& c : w.channels) {
    for (const auto& [day, messages] : c.days) {
      RETURN_IF_ERROR(sink(c.name + "/" + FormatDate(Date(std::chrono::days(day))) + ".json",
                           messages.dump(1)));
    }
  }
  return OkStatus();
}

namespace {

std::string NominationsCsv(const Organisation& org, const ChatParams& params, const World& w) {
  Rng rng(params.seed ^ 0xC0FFEEull ^ org.params.seed);
  std::string out = "nominator_employee_id,nominee_employee_id,date,question\n";
  const char* question = "Who helped you most in the last six weeks?";
  for (int wave : {60, 10}) {
    const Date on = org.params.today - std::chrono::days(wave);
    const std::string date = FormatDate(on);
    // The six weeks the question asks about, up to the wave's day.
    const auto last = static_cast<int32_t>(on.time_since_epoch().count());
    const int32_t first = last - 41;
    for (size_t i = 0; i < w.people.size(); ++i) {
      std::map<int, int> count;  // helper → answers in the six weeks
      for (const auto& a : w.answers[i]) {
        if (a.day >= first && a.day <= last) ++count[a.responder];
      }
      if (count.empty() || !rng.Chance(0.7)) continue;  // 70% respond to a wave
      std::vector<std::pair<int, int>> helpers;         // (-count, person): most help first
      for (auto [r, n] : count) helpers.emplace_back(-n, r);
      std::sort(helpers.begin(), helpers.end());
      const size_t k = wave == 60 ? 2 : 3;
      for (size_t j = 0; j < helpers.size() && j < k; ++j) {
        out += w.people[i].rec->external_id + "," + w.people[helpers[j].second].rec->external_id +
               "," + date + "," + question + "\n";
      }
    }
  }
  return out;
}

std::string KudosCsv(const Organisation& org, const ChatParams& params, const World& w) {
  Rng rng(params.seed ^ 0x6B75646F73ull ^ org.params.seed);
  std::vector<bool> manages(w.people.size(), false);
  std::vector<int> levels;
  for (const Member& m : w.people) {
    if (m.manager >= 0) manages[static_cast<size_t>(m.manager)] = true;
    levels.push_back(m.rec->level);
  }
  std::nth_element(levels.begin(), levels.begin() + static_cast<long>(levels.size() / 2),
                   levels.end());
  const int median_level = levels.empty() ? 0 : levels[levels.size() / 2];
  std::string out = "giver_employee_id,receiver_employee_id,given_at\n";
  for (size_t i = 0; i < w.people.size(); ++i) {
    for (const auto& a : w.answers[i]) {
      const Member& helper = w.people[static_cast<size_t>(a.responder)];
      if (helper.champion) continue;
      const bool visible =
          manages[static_cast<size_t>(a.responder)] || helper.rec->level > median_level;
      if (!rng.Chance(helper.recognised ? 0.5 : visible ? 0.12 : 0.03)) continue;
      out += w.people[i].rec->external_id + "," + helper.rec->external_id + "," +
             FormatDate(Date(std::chrono::days(a.day))) + "\n";
    }
  }
  return out;
}

std::string DebriefsCsv(const Organisation& org, const ChatParams& params, const World& w) {
  Rng rng(params.seed ^ 0xDEB81EFull ^ org.params.seed);
  std::string out = "respondent_employee_id,helper_1,helper_2,helper_3,date,project\n";
  for (int back : {40, 5}) {
    const Date on = org.params.today - std::chrono::days(back);
    const auto last = static_cast<int32_t>(on.time_since_epoch().count());
    const int32_t first = last - 29;
    const std::string date = FormatDate(on);
    for (size_t i = 0; i < w.people.size(); ++i) {
      const Member& m = w.people[i];
      if (m.team < 0) continue;
      std::map<int, int> count;  // helper → answers in the 30 days
      for (const auto& a : w.answers[i]) {
        if (a.day >= first && a.day <= last) ++count[a.responder];
      }
      if (count.empty() || !rng.Chance(0.6)) continue;  // 60% take part in their debrief
      std::vector<std::pair<int, int>> helpers;         // (-count, person): most help first
      for (auto [r, n] : count) helpers.emplace_back(-n, r);
      std::sort(helpers.begin(), helpers.end());
      out += m.rec->external_id;
      for (size_t j = 0; j < 3; ++j) {
        out += ",";
        if (j < helpers.size())
          out += w.people[static_cast<size_t>(helpers[j].second)].rec->external_id;
      }
      out += "," + date + "," + Slug(m.rec->team_path) + " " + date.substr(0, 7) + " debrief\n";
    }
  }
  return out;
}

}  // namespace

HelpCsvs WriteHelpCsvs(const Organisation& org, const ChatParams& params) {
  World w = Build(org);
  Simulate(org, params, w);
  return {NominationsCsv(org, params, w), KudosCsv(org, params, w), DebriefsCsv(org, params, w)};
}

}  // namespace pl::demo
