// Sustained survey submissions over real HTTP on loopback: the peerlearn server in this process
// on a fresh store, PEOPLE invited employees signed in, then CLIENTS concurrent keep-alive
// clients submit every person's answers to an anonymous wave (learning pulse: completion and
// answers apart, up to 200 answer rows rewritten per submission) and to a confidential one
// (reaction form: one linked row per person). Every submission must get a 200, and afterwards
// the store must hold exactly one answer row and one completion per person: none lost.
//   bench_survey_load sqlite|postgresql [--people N] [--clients C] [--runs R]
// PostgreSQL needs PL_BENCH_PG_URL (bench/run.sh starts a durable server and sets it).
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "bench/fresh_store.h"
#include "demo/demo.h"
#include "ingest/roster.h"
#include "server/accounts.h"
#include "server/server.h"
#include "store/store.h"
#include "surveys/instrument.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bench_survey_load: %s\n", what.c_str());
  std::exit(1);
}

struct Session {
  std::string cookie, csrf;
};

struct RunResult {
  double anonymous_per_s = 0, confidential_per_s = 0;
};

RunResult Run(const std::string& backend, int people, int clients) {
  const std::string url = pl::bench::FreshUrl(backend, "load_");
  if (url.empty()) Die("no store for " + backend + " (PostgreSQL needs PL_BENCH_PG_URL)");
  auto opened = pl::store::Open(url, {.pool_size = std::max(8, clients + 2)});
  if (!opened.ok()) Die(opened.status().ToString());
  std::unique_ptr<pl::store::Store> store = std::move(opened).value();
  if (!store->Migrate().ok()) Die("migration failed");
  auto org = pl::demo::Generate({people, 5, *pl::ParseDate("2026-11-01")});
  if (!org.ok()) Die(org.status().ToString());
  auto roster = pl::ingest::ImportRoster(*store, pl::ingest::WriteRosterCsv(org->people), {});
  if (!roster.ok() || roster->rejected) Die("roster import failed");
  std::vector<std::string> users;
  for (size_t i = 0; i < org->people.size(); ++i) {
    const std::string user = "u" + std::to_string(i);
    auto id = pl::server::AddAccount(
        *store, {user, user + "-password-1", pl::Role::kEmployee, org->people[i].external_id,
                 pl::server::HashCost::kMinimum});
    if (!id.ok()) Die(id.status().ToString());
    users.push_back(user);
  }
  const auto now = pl::SystemClock().Now();
  std::vector<int64_t> waves;
  for (const char* key : {"learning-pulse", "reaction"}) {
    auto in = pl::surveys::BuiltinInstrument(key);
    pl::store::WaveRecord w;
    w.instrument_id = store->SaveInstrument(*in).value();
    w.title = key;
    w.opens_at = now - std::chrono::hours(1);
    w.closes_at = now + std::chrono::hours(24);
    waves.push_back(store->CreateWave(w).value());
  }
  pl::Config config;
  config.listen = "127.0.0.1:0";
  config.log_level = "warn";
  auto server = pl::server::Server::Create(*store, config, {});
  if (!server.ok()) Die(server.status().ToString());
  auto port = (*server)->Bind();
  if (!port.ok()) Die(port.status().ToString());
  std::thread serving([&] { (void)(*server)->Serve(); });

  std::vector<Session> sessions(users.size());
  {
    std::vector<std::thread> t;
    for (int c = 0; c < clients; ++c) {
      t.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", *port);
        for (size_t i = c; i < users.size(); i += clients) {
          json body = {{"username", users[i]}, {"password", users[i] + "-password-1"}};
          auto r = client.Post("/api/v1/auth/login", body.dump(), "application/json");
          if (!r || r->status != 200) Die("login failed for " + users[i]);
          const std::string set = r->get_header_value("Set-Cookie");
          sessions[i] = {set.substr(0, set.find(';')), json::parse(r->body)["csrf_token"]};
        }
      });
    }
    for (auto& x : t) x.join();
  }
  auto submit_all = [&](int64_t wave, const json& answers) {
    std::atomic<int> failed{0};
    std::string first_error;
    const auto start = Clock::now();
    std::vector<std::thread> t;
    for (int c = 0; c < clients; ++c) {
      t.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", *port);
        client.set_read_timeout(60);
        const std::string path = "/api/v1/surveys/waves/" + std::to_string(wave) + "/response";
        const std::string body = json{{"answers", answers}, {"submit", true}}.dump();
        for (size_t i = c; i < users.size(); i += clients) {
          auto r =
              client.Put(path, {{"Cookie", sessions[i].cookie}, {"X-CSRF-Token", sessions[i].csrf}},
                         body, "application/json");
          if (!r || r->status != 200) {
            if (failed++ == 0) first_error = r ? r->body : "no response";
          }
        }
      });
    }
    for (auto& x : t) x.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (failed) Die(std::to_string(failed.load()) + " submissions failed: " + first_error);
    const auto rows = store->LoadSurveyResponses(wave).value().size();
    const auto done = store->SurveyCompletions(wave).value().size();
    if (rows != users.size() || done != users.size()) {
      Die("lost submissions: " + std::to_string(rows) + " answer rows and " + std::to_string(done) +
          " completions for " + std::to_string(users.size()) + " people");
    }
    return static_cast<double>(users.size()) / seconds;
  };
  RunResult r;
  r.anonymous_per_s =
      submit_all(waves[0], {{"safe_to_ask", 4}, {"peer_learning", 3}, {"time_to_learn", 2}});
  r.confidential_per_s = submit_all(
      waves[1], {{"worth", 4}, {"relevant", 5}, {"engaging", 4}, {"apply", 3}, {"recommend", 5}});
  (*server)->Stop();
  serving.join();
  return r;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2)
    Die("usage: bench_survey_load sqlite|postgresql [--people N] [--clients C] [--runs R]");
  const std::string backend = argv[1];
  int people = 2000, clients = 8, runs = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (flag == "--people")
      people = v;
    else if (flag == "--clients")
      clients = v;
    else if (flag == "--runs")
      runs = v;
    else
      Die("unknown flag " + flag);
  }
  std::vector<double> anonymous, confidential;
  for (int r = 0; r < runs; ++r) {
    RunResult x = Run(backend, people, clients);
    std::printf("  %s run %d: anonymous %.0f submissions/s, confidential %.0f submissions/s\n",
                backend.c_str(), r + 1, x.anonymous_per_s, x.confidential_per_s);
    anonymous.push_back(x.anonymous_per_s);
    confidential.push_back(x.confidential_per_s);
  }
  std::printf(
      "%s, %d people, %d clients: median anonymous %.0f/s, confidential %.0f/s; every "
      "submission answered 200 and stored once (none lost)\n",
      backend.c_str(), people, clients, Median(anonymous), Median(confidential));
  return 0;
}
