// The API over real HTTP on an ephemeral port, against both store backends.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "ingest/interactions.h"
#include "ingest/roster.h"
#include "server/accounts.h"
#include "server/api_fixture.h"
#include "server/server.h"
#include "testing/test_backends.h"
#include "testing/zip_writer.h"

namespace pl::server {
namespace {

using nlohmann::json;

// A client's raw connection to the test server: what it sends, and what arrives within
// `seconds` (until the server closes it, or nothing more comes for `seconds`).
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(std::string_view bytes) {
    ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), 0), ssize_t(bytes.size()));
  }
  struct Read {
    std::string bytes;
    bool closed = false;  // the server closed the connection
  };
  Read ReadFor(int seconds) {
    Read r;
    pollfd p{fd_, POLLIN, 0};
    while (::poll(&p, 1, seconds * 1000) == 1) {
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        r.closed = true;
        break;
      }
      r.bytes.append(buf, static_cast<size_t>(n));
    }
    return r;
  }

 private:
  int fd_;
  bool connected_ = false;
};

// Stopping: a connection idle between requests (a browser's keep-alive) is closed at once, not
// after its keep-alive time (5 s: a restart waited that long for an open browser tab); a request
// whose body is still arriving is read to its end and answered, and its connection closed then.
TEST_P(ApiTest, StoppingClosesIdleConnectionsAtOnceAndAnswersRequestsInFlight) {
  RawConnection idle(port_), busy(port_);
  ASSERT_TRUE(idle.connected() && busy.connected());
  idle.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  const auto answered = idle.ReadFor(1);
  EXPECT_TRUE(answered.bytes.starts_with("HTTP/1.1 200")) << answered.bytes;
  EXPECT_FALSE(answered.closed);  // kept alive
  const std::string body = json{{"username", "admin"}, {"password", "admin-password-1"}}.dump();
  busy.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its headers read
  const auto stopped = std::chrono::steady_clock::now();
  server_->Stop();
  // Idle: closed without a word, well before its keep-alive time would have run out.
  const auto after_stop = idle.ReadFor(kKeepAliveSeconds - 3);
  EXPECT_TRUE(after_stop.closed) << "the idle connection is open " << kKeepAliveSeconds - 3
                                 << " s after the stop";
  EXPECT_EQ(after_stop.bytes, "");
  // In flight: the rest of its body, sent after the stop, is read and answered.
  busy.Send(body.substr(10));
  const auto login = busy.ReadFor(kKeepAliveSeconds + 3);
  EXPECT_TRUE(login.bytes.starts_with("HTTP/1.1 200")) << login.bytes;
  EXPECT_NE(login.bytes.find("Set-Cookie: pl_session="), std::string::npos);
  EXPECT_TRUE(login.closed);
  thread_.join();  // Serve() returned
  EXPECT_LT(std::chrono::steady_clock::now() - stopped, std::chrono::seconds(kKeepAliveSeconds))
      << "Serve() returned only once a connection's keep-alive time had run out";
}

TEST_P(ApiTest, HealthIsPublicAndNamesTheStore) {
  auto r = Client().Get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["store"], GetParam());
  EXPECT_GE(j["schema_version"].get<int>(), 1);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
}

TEST_P(ApiTest, SignedOutRequestsGetTheErrorShape) {
  auto r = Client().Get("/api/v1/people");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "unauthenticated");
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  auto forged = Client().Get("/api/v1/me", {{"Cookie", "pl_session=" + std::string(64, 'a')}});
  EXPECT_EQ(forged->status, 401);
  auto session = Client().Get("/api/v1/auth/session");
  EXPECT_EQ(session->status, 200);
  EXPECT_EQ(json::parse(session->body)["signed_in"], false);
}

TEST_P(ApiTest, LoginSetsAHardenedCookie) {
  auto bad = PostLogin("mona", "wrong-password-x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(json::parse(bad->body)["error"]["message"], "wrong username or password");
  auto unknown = PostLogin("nobody", "whatever-password");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(unknown->body)["error"]["message"], "wrong username or password");

  auto r = PostLogin("mona", "mona-password-1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string c = r->get_header_value("Set-Cookie");
  EXPECT_TRUE(c.starts_with("pl_session="));
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(c.find("Path=/"), std::string::npos);
  EXPECT_EQ(c.find("Secure"), std::string::npos) << "plain HTTP: no Secure flag";
  auto j = json::parse(r->body);
  EXPECT_EQ(j["user"]["role"], "manager");
  EXPECT_EQ(j["person"]["name"], "Mona Manager");
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 48u);

  auto tls = PostLogin("mona", "mona-password-1", {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(tls->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_P(ApiTest, LoginRejectsCrossSiteAndNonJson) {
  auto form = Client().Post("/api/v1/auth/login", "username=mona&password=mona-password-1",
                            "application/x-www-form-urlencoded");
  EXPECT_EQ(form->status, 400);
  auto cross = PostLogin("mona", "mona-password-1", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross->status, 403);
  auto junk = Client().Post("/api/v1/auth/login", "{\"username\": 3", "application/json");
  EXPECT_EQ(junk->status, 400);
  EXPECT_EQ(json::parse(junk->body)["error"]["code"], "invalid_argument");
}

TEST_P(ApiTest, StateChangesNeedTheCsrfToken) {
  Session s = Login("emil");
  auto no_token =
      Client().Post("/api/v1/auth/logout", {{"Cookie", s.cookie}}, "", "application/json");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_NE(no_token->body.find("CSRF"), std::string::npos);
  auto wrong =
      Client().Post("/api/v1/auth/logout", {{"Cookie", s.cookie}, {"X-CSRF-Token", "nope"}}, "",
                    "application/json");
  EXPECT_EQ(wrong->status, 403);
  Get(s, "/api/v1/me");  // still signed in
  auto ok = Client().Post("/api/v1/auth/logout", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}},
                          "", "application/json");
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  Get(s, "/api/v1/me", 401);
}

TEST_P(ApiTest, EmployeeSeesThemselfAndPublicFieldsOnly) {
  Session s = Login("emil");
  json self = Get(s, Person("E4"));
  EXPECT_TRUE(self["private"]);
  EXPECT_EQ(self["level"], 3);
  EXPECT_EQ(self["hire_date"], "2024-04-01");
  EXPECT_EQ(self["skills"][0]["skill"], "sql");
  json peer = Get(s, Person("E3"));
  EXPECT_FALSE(peer["private"]);
  EXPECT_EQ(peer["name"], "Theo Lead");
  for (const char* field : {"level", "hire_date", "skills", "employee_id", "active"}) {
    EXPECT_FALSE(peer.contains(field)) << field;
  }
  json list = Get(s, "/api/v1/people?limit=200");
  EXPECT_EQ(list["total"], 7);
  int priv = 0;
  for (auto& p : list["people"]) {
    priv += p["private"].get<bool>();
    if (!p["private"]) {
      EXPECT_FALSE(p.contains("level"));
    }
  }
  EXPECT_EQ(priv, 1);
  Get(s, "/api/v1/audit", 403);
}

TEST_P(ApiTest, ManagerSeesTheirWholeReportingSubtree) {
  Session s = Login("mona");
  for (const char* ext : {"E2", "E3", "E4", "E7"})
    EXPECT_TRUE(Get(s, Person(ext))["private"]) << ext;
  for (const char* ext : {"E1", "E5", "E6"}) EXPECT_FALSE(Get(s, Person(ext))["private"]) << ext;
  json mine = Get(s, "/api/v1/people?scope=reports");
  EXPECT_EQ(mine["total"], 3);
  json me = Get(s, Person("E2"));
  EXPECT_EQ(me["reports"].size(), 2u);
  EXPECT_EQ(me["manager"]["name"], "Cora Chief");
  Get(s, "/api/v1/audit", 403);
}

TEST_P(ApiTest, AdminSeesAllAndReadsAreAudited) {
  Session s = Login("admin");
  for (const char* ext : {"E1", "E2", "E4", "E7"})
    EXPECT_TRUE(Get(s, Person(ext))["private"]) << ext;
  json audit = Get(s, "/api/v1/audit?limit=50");
  int reads = 0;
  for (auto& e : audit["entries"]) reads += e["action"] == "person.read";
  EXPECT_EQ(reads, 4);
  EXPECT_EQ(audit["entries"].back()["action"], "user.login");
}

// Who read a person's data: the log narrowed to that person, the readers and the people read
// named, a page at a time.
TEST_P(ApiTest, AuditLogNamesWhoReadWhomAndPages) {
  Session s = Login("admin");
  for (const char* ext : {"E1", "E2", "E1", "E4", "E1"}) Get(s, Person(ext));
  const std::string e1 = "person:" + std::to_string(ids_["E1"]);
  json about = Get(s, "/api/v1/audit?target=" + e1);
  ASSERT_EQ(about["entries"].size(), 3u);
  for (const auto& e : about["entries"]) {
    EXPECT_EQ(e["action"], "person.read");
    EXPECT_EQ(e["target"], e1);
    EXPECT_EQ(e["target_person"]["name"], "Cora Chief");
    EXPECT_EQ(e["user"]["username"], "admin");
    EXPECT_EQ(e["user"]["role"], "admin");
    EXPECT_EQ(e["user"]["person"]["id"], ids_["E6"]);
  }
  EXPECT_TRUE(about["next_before"].is_null());
  // Pages of two of the person reads, newest first: E1, E4, E1, E2, E1.
  std::vector<int64_t> read;
  std::string before;
  for (int page = 0; page < 4; ++page) {
    json p = Get(s, "/api/v1/audit?action=person.&limit=2" + before);
    for (const auto& e : p["entries"]) read.push_back(e["target_person"]["id"]);
    if (p["next_before"].is_null()) break;
    before = "&before=" + std::to_string(p["next_before"].get<int64_t>());
  }
  EXPECT_EQ(read,
            (std::vector<int64_t>{ids_["E1"], ids_["E4"], ids_["E1"], ids_["E2"], ids_["E1"]}));
  json logins = Get(s, "/api/v1/audit?action=user.login");
  ASSERT_FALSE(logins["entries"].empty());
  EXPECT_TRUE(logins["entries"][0]["target_person"].is_null());
  // A sign-in's target is the user: named by their username.
  EXPECT_EQ(logins["entries"][0]["target_user"]["username"], "admin");
  EXPECT_EQ(logins["entries"][0]["target_user"]["person"]["name"], "Ari Admin");
  EXPECT_TRUE(about["entries"][0]["target_user"].is_null());

  // A time range: from its first instant, `to` not included.
  clock_.Advance(std::chrono::hours(24));
  s = Login("admin");
  Get(s, Person("E2"));
  json late = Get(s, "/api/v1/audit?action=person.read&from=2026-11-02");
  ASSERT_EQ(late["entries"].size(), 1u) << late.dump();
  EXPECT_EQ(late["entries"][0]["target_person"]["id"], ids_["E2"]);
  EXPECT_EQ(Get(s, "/api/v1/audit?action=person.read&to=2026-11-02")["entries"].size(), 5u);
  EXPECT_EQ(
      Get(s, "/api/v1/audit?action=person.read&from=2026-11-01T09:00:00Z&to=2026-11-02")["entries"]
          .size(),
      5u);

  for (const char* bad : {"limit=0", "before=-1", "user=abc", "limit=1001", "from=yesterday",
                          "to=2026-13-01", "from=2026-11-02&to=2026-11-02"}) {
    Get(s, std::string("/api/v1/audit?") + bad, 400);
  }
  Get(s, "/api/v1/audit?action=" + std::string(201, 'a'), 400);
  Get(s, "/api/v1/audit?target=%FF", 400);

  // The same log as a CSV download (every page, as narrowed): who by username, role, employee id
  // and name; whom by employee id and name. The download is audited; only admins get it.
  auto csv = Client().Get("/api/v1/audit.csv?target=" + e1, {{"Cookie", s.cookie}});
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("Content-Disposition"),
            "attachment; filename=\"peerlearn-audit-log.csv\"");
  std::vector<std::string> lines;
  for (std::string_view rest = csv->body; !rest.empty();) {
    size_t end = rest.find("\r\n");
    ASSERT_NE(end, std::string_view::npos) << csv->body;
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 2);
  }
  ASSERT_EQ(lines.size(), 4u) << csv->body;
  EXPECT_EQ(lines[0],
            "id,time,username,role,user_employee_id,user_name,action,target,target_employee_id,"
            "target_name,detail");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string row = lines[i].substr(lines[i].find(',') + 1);
    EXPECT_EQ(row,
              "2026-11-01T09:00:00Z,admin,admin,E6,Ari Admin,person.read," + e1 + ",E1,Cora Chief,")
        << lines[i];
  }
  EXPECT_GT(std::stoll(lines[1]), std::stoll(lines[2]));  // newest first
  auto last = store_->ListAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->front().action, "audit.export");
  EXPECT_EQ(last->front().detail, "3 entries");
  // Every page: more than one page's worth of entries, each once.
  for (int i = 0; i < 1200; ++i) {
    ASSERT_TRUE(store_->AppendAudit({0, clock_.Now(), UserId(), "test.fill", "x", ""}).ok());
  }
  auto all = Client().Get("/api/v1/audit.csv?action=test.", {{"Cookie", s.cookie}});
  ASSERT_TRUE(all);
  EXPECT_EQ(std::count(all->body.begin(), all->body.end(), '\n'), 1201);
  auto signins = Client().Get("/api/v1/audit.csv?action=user.login", {{"Cookie", s.cookie}});
  ASSERT_TRUE(signins);
  EXPECT_NE(signins->body.find(
                ",user.login,user:" +
                std::to_string(store_->ListAudit({.limit = 1, .action_prefix = "user.login"})
                                   ->front()
                                   .user_id.value) +
                ",,admin,"),
            std::string::npos)
      << signins->body;
  EXPECT_EQ(Client().Get("/api/v1/audit.csv?from=soon", {{"Cookie", s.cookie}})->status, 400);
  Session emil = Login("emil");
  EXPECT_EQ(Client().Get("/api/v1/audit.csv", {{"Cookie", emil.cookie}})->status, 403);
}

TEST_P(ApiTest, FailedLoginsAreRateLimited) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(PostLogin("emil", "bad-password-x")->status, 401);
  auto r = PostLogin("emil", "emil-password-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "resource_exhausted");
  EXPECT_EQ(r->get_header_value("Retry-After"), "300");
  clock_.Advance(std::chrono::seconds(301));
  EXPECT_EQ(PostLogin("emil", "emil-password-1")->status, 200);
}

TEST_P(ApiTest, SessionsExpireWhenIdleAndAtTheirEnd) {
  Session s = Login("emil");
  clock_.Advance(std::chrono::minutes(29));
  Get(s, "/api/v1/me");
  clock_.Advance(std::chrono::minutes(29));
  Get(s, "/api/v1/me");
  clock_.Advance(std::chrono::minutes(31));  // idle too long
  json j = Get(s, "/api/v1/me", 401);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("idle"), std::string::npos);

  Session t = Login("emil");
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(std::chrono::minutes(20));
    Get(t, "/api/v1/me", i < 2 ? 200 : 401);  // 60-minute absolute limit
  }
}

TEST_P(ApiTest, BadRequestsGetPreciseErrors) {
  Session s = Login("emil");
  EXPECT_EQ(Get(s, "/api/v1/people/abc", 400)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Get(s, "/api/v1/people/999999", 404)["error"]["code"], "not_found");
  EXPECT_EQ(Get(s, "/api/v1/people?limit=5000", 400)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Get(s, "/api/v1/people?scope=everything", 400)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Get(s, "/api/v1/nothing-here", 404)["error"]["code"], "not_found");
  auto wrong_method = Client().Delete("/api/v1/people", {{"Cookie", s.cookie}});
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "GET");
  std::string huge(2 << 20, 'x');
  auto big = Client().Post("/api/v1/auth/login", huge, "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_P(ApiTest, DirectorySearchAndOrgChart) {
  Session s = Login("emil");
  json found = Get(s, "/api/v1/people?q=sales");
  EXPECT_EQ(found["total"], 1);
  EXPECT_EQ(found["people"][0]["name"], "Sam Sales");
  json top = Get(s, "/api/v1/org");
  ASSERT_EQ(top["children"].size(), 1u);
  EXPECT_EQ(top["children"][0]["name"], "Cora Chief");
  EXPECT_EQ(top["children"][0]["direct_reports"], 2);
  json sub = Get(s, "/api/v1/org?root=" + std::to_string(ids_["E3"]));
  EXPECT_EQ(sub["root"]["name"], "Theo Lead");
  ASSERT_EQ(sub["chain"].size(), 2u);
  EXPECT_EQ(sub["chain"][0]["name"], "Cora Chief");
  EXPECT_EQ(sub["children"][0]["name"], "Nia New");
  EXPECT_FALSE(sub["children"][0].contains("level")) << "the org chart shows public fields only";
}

// An analysis over a calendar quarter or a date range, as the command line's --quarter and
// --from/--to: the window stored with the snapshot and only its interactions counted; a bad or
// doubled window is refused and nothing stored.
TEST_P(ApiTest, AnalysisByQuarterOrDateRange) {
  Session admin = Login("admin");
  auto x = ingest::ImportInteractions(*store_,
                                      "source,target,timestamp\n"
                                      "E3,E2,2026-09-30T23:00:00Z\n"
                                      "E4,E3,2026-10-01T00:00:00Z\n"
                                      "E7,E3,2026-10-26T11:00:00Z\n"
                                      "E4,E2,2026-10-27T12:00:00Z\n",
                                      {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  auto post = [&](const std::string& body) { return Analyse(admin, body); };
  auto refused = [&](const std::string& body, const std::string& says) {
    auto r = post(body);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_NE(r->body.find(says), std::string::npos) << r->body;
  };
  refused(R"({"quarter": "2026Q9"})", "'quarter' must look like 2026Q3 (got '2026Q9')");
  refused(R"({"quarter": 3})", "'quarter' must be a quarter like");
  refused(R"({"days": 30, "quarter": "2026Q4"})", "give one of 'days', 'quarter' or 'from'/'to'");
  refused(R"({"from": "2026-11-01", "to": "2026-10-01"})", "'from' must be before 'to'");
  refused(R"({"from": "2026-02-30"})", "'from': ");
  refused(R"({"quarter": "2026Q4", "half_life_days": 0})", "'half_life_days' must be");
  refused(R"({"betweenness_sources": 1})", "'betweenness_sources' must be a whole number from 2");
  refused(R"({"exact": "yes"})", "'exact' must be true or false");
  refused(R"({"exact": true, "betweenness_sources": 4})", "one at a time");
  EXPECT_EQ(store_->ListSnapshots()->size(), 0u);
  // Betweenness estimated from a few sources even for a network this small, and said so; or
  // exact, as by default here.
  auto sampled = post(R"({"betweenness_sources": 4})");
  ASSERT_EQ(sampled->status, 201) << sampled->body;
  EXPECT_EQ(json::parse(sampled->body)["summary"]["betweenness_method"], "sampled from 4 sources");
  auto exact = post(R"({"exact": true})");
  ASSERT_EQ(exact->status, 201) << exact->body;
  EXPECT_EQ(json::parse(exact->body)["summary"]["betweenness_method"], "exact");
  const std::vector<int64_t> made = {json::parse(sampled->body)["snapshot"]["id"].get<int64_t>(),
                                     json::parse(exact->body)["snapshot"]["id"].get<int64_t>()};
  ASSERT_TRUE(store_->DeleteSnapshots(made).ok());
  EXPECT_EQ(store_->ListSnapshots()->size(), 0u);

  // 2026Q4: from 1 October 00:00 UTC, so the tie of 30 September is left out.
  auto q = post(R"({"quarter": "2026Q4"})");
  ASSERT_EQ(q->status, 201) << q->body;
  json qs = json::parse(q->body);
  EXPECT_EQ(qs["summary"]["ties"], 3);
  EXPECT_EQ(qs["snapshot"]["window"]["from"], "2026-10-01T00:00:00Z");
  EXPECT_EQ(qs["snapshot"]["window"]["to"], "2027-01-01T00:00:00Z");
  // A range open at its start, to 27 October 00:00: the first three.
  auto r = post(R"({"to": "2026-10-27"})");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["summary"]["ties"], 3);
  auto both = post(R"({"from": "2026-10-01", "to": "2026-10-27T00:00:00Z", "half_life_days": 7})");
  ASSERT_EQ(both->status, 201) << both->body;
  EXPECT_EQ(json::parse(both->body)["summary"]["ties"], 2);
  EXPECT_EQ(json::parse(both->body)["snapshot"]["window"]["from"], "2026-10-01T00:00:00Z");
  EXPECT_EQ(store_->ListSnapshots()->size(), 3u);
}

// Who helps whom among the fixture's seven people: Theo (E3) is the only tie of Nia (E7).
constexpr const char* kNetworkTies =
    "source,target,timestamp\n"
    "E3,E2,2026-10-25T10:00:00Z\n"
    "E4,E3,2026-10-25T11:00:00Z\n"
    "E7,E3,2026-10-26T11:00:00Z\n"
    "E4,E2,2026-10-26T12:00:00Z\n"
    "E5,E1,2026-10-27T12:00:00Z\n"
    "E6,E5,2026-10-27T13:00:00Z\n"
    "E6,E3,2026-10-28T13:00:00Z\n";

// The knowledge network: who may see which results, over real HTTP.
TEST_P(ApiTest, NetworkResultsFollowRolesAndTheAnonymityThreshold) {
  Session admin = Login("admin"), mona = Login("mona"), emil = Login("emil");
  json none = Get(admin, "/api/v1/network/summary", 404);
  EXPECT_NE(none["error"]["message"].get<std::string>().find("not been analysed yet"),
            std::string::npos);

  auto x = ingest::ImportInteractions(*store_, kNetworkTies, {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  auto post = [&](const Session& s, const std::string& body, const std::string& csrf = "") {
    return Client().Post("/api/v1/network/snapshots",
                         {{"Cookie", s.cookie}, {"X-CSRF-Token", csrf.empty() ? s.csrf : csrf}},
                         body, "application/json");
  };
  // Only admins analyse; bad settings are refused and store nothing.
  EXPECT_EQ(post(mona, "{}")->status, 403);
  auto bad = post(admin, R"({"days": "thirty"})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("'days' must be a whole number"), std::string::npos);
  EXPECT_EQ(post(admin, R"({"colour": 1})")->status, 400);
  EXPECT_EQ(post(admin, R"({"layers": {"gossip": 2}})")->status, 400);
  auto negative = post(admin, R"({"layers": {"reply": -1.5}})");
  EXPECT_EQ(negative->status, 400);
  EXPECT_NE(negative->body.find("must be a number at least 0 (got '-1.5')"), std::string::npos)
      << negative->body;
  EXPECT_EQ(post(admin, "not json")->status, 400);
  EXPECT_EQ(post(admin, "{}", "wrong-token")->status, 403);
  EXPECT_EQ(store_->ListSnapshots()->size(), 0u);
  auto first = post(admin, R"({"days": 30, "layers": {"reply": 1, "kudos": 1e-7}})");
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(json::parse(first->body)["summary"]["ties"], 7);
  // A weight as sent, however small (not rounded to six decimals, which made it 0).
  EXPECT_EQ(Get(admin, "/api/v1/network/summary")["params"]["layer_weights"]["kudos"], 1e-7);

  // Everyone signed in sees the organisation's summary.
  for (const Session* s : {&admin, &mona, &emil}) {
    json sum = Get(*s, "/api/v1/network/summary");
    EXPECT_EQ(sum["summary"]["people"], 7);
  }
  // Person-level scores: the person and admins only, not even the person's manager.
  auto me = [&](const char* ext) { return "/api/v1/network/people/" + std::to_string(ids_[ext]); };
  json own = Get(emil, me("E4"));
  EXPECT_EQ(own["metrics"]["out_degree"], 2);
  EXPECT_EQ(own["team"], "Eng/Platform");
  Get(emil, me("E3"), 403);
  Get(mona, me("E3"), 403);
  json theo = Get(admin, me("E3"));
  EXPECT_EQ(theo["metrics"]["in_degree"], 3);  // E4, E7, E6 came to Theo
  EXPECT_DOUBLE_EQ(theo["percentiles"]["in_degree"].get<double>(), 1.0);
  // Teams besides their own: Ari (People/L&D) came to Theo, who went to Mona (his own team);
  // Sam (Sales) had Ari come to him and went to Cora (Exec).
  EXPECT_EQ(theo["other_teams"], json({{"came_from", 1}, {"went_to", 0}}));
  EXPECT_EQ(Get(admin, me("E5"))["other_teams"], json({{"came_from", 1}, {"went_to", 1}}));
  EXPECT_EQ(Get(admin, me("E6"))["other_teams"], json({{"came_from", 0}, {"went_to", 2}}));
  auto audit = store_->ListAudit(5);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].action, "network.person.read");
  Get(admin, "/api/v1/network/people/999999", 404);
  // Over time: the same rule; one row per snapshot that has them, oldest first.
  const int64_t first_id = json::parse(first->body)["snapshot"]["id"].get<int64_t>();
  json own_history = Get(emil, me("E4") + "/history");
  ASSERT_EQ(own_history["snapshots"].size(), 1u) << own_history.dump();
  EXPECT_EQ(own_history["snapshots"][0]["snapshot"]["id"], first_id);
  EXPECT_EQ(own_history["snapshots"][0]["out_degree"], 2);
  EXPECT_EQ(own_history["snapshots"][0]["people"], 7);
  EXPECT_TRUE(own_history["snapshots"][0]["flags"].is_array());
  ASSERT_FALSE(own_history["snapshots"][0]["snapshot"]["window"].is_null());  // the 30 days
  Get(emil, me("E3") + "/history", 403);
  Get(mona, me("E3") + "/history", 403);
  json theo_history = Get(admin, me("E3") + "/history");
  EXPECT_EQ(theo_history["snapshots"][0]["in_degree"], 3);
  // The most sought: the other six have fewer askers.
  EXPECT_DOUBLE_EQ(theo_history["snapshots"][0]["fewer_askers_share"].get<double>(), 6.0 / 7);
  EXPECT_EQ(store_->ListAudit(1)->at(0).action, "network.person.history.read");
  Get(admin, "/api/v1/network/people/999999/history", 404);
  Get(admin, me("E3") + "/history?limit=0", 400);
  // Their community, named for an admin by its largest teams, as the communities list has them;
  // for the person, by no team under k people (here every team is).
  EXPECT_EQ(own["community_teams"], json::array());
  const json emil_seen = Get(admin, me("E4"));
  ASSERT_FALSE(emil_seen["community_teams"].empty());
  int found = 0;
  const json named = Get(admin, "/api/v1/network/communities");
  for (const auto& c : named["communities"]) {
    if (c["id"] != emil_seen["community"]) continue;
    json largest = json::array();
    for (const auto& t : c["teams"]) {
      if (largest.size() < 3) largest.push_back(t["team"]);
    }
    EXPECT_EQ(emil_seen["community_teams"], largest);
    ++found;
  }
  EXPECT_EQ(found, 1) << named.dump();

  // Teams: every team is under k = 5 people, so the manager sees none of hers and is told so.
  json admin_teams = Get(admin, "/api/v1/network/teams");
  EXPECT_EQ(admin_teams["teams"].size(), 4u);
  json mona_teams = Get(mona, "/api/v1/network/teams");
  EXPECT_TRUE(mona_teams["teams"].empty());
  EXPECT_EQ(mona_teams["suppressed_small_teams"], 1);
  Get(emil, "/api/v1/network/teams", 403);
  json flows = Get(mona, "/api/v1/network/flows");
  ASSERT_EQ(flows["teams"].size(), 1u) << "small teams are pooled";
  EXPECT_EQ(flows["teams"][0]["members"], 7);
  EXPECT_EQ(Get(admin, "/api/v1/network/flows")["teams"].size(), 4u);
  Get(emil, "/api/v1/network/flows", 403);
  EXPECT_TRUE(Get(mona, "/api/v1/network/graph")["nodes"]["label"].empty());
  Get(mona, "/api/v1/network/graph?level=person", 403);
  Get(emil, "/api/v1/network/graph", 403);
  Get(admin, "/api/v1/network/graph?level=everyone", 400);
  json graph = Get(admin, "/api/v1/network/graph?level=person");
  EXPECT_EQ(graph["nodes"]["id"].size(), 7u);
  EXPECT_EQ(graph["edges"]["source"].size(), 7u);
  EXPECT_EQ(graph["edges_total"], 7);
  // Fewer lines asked for: everyone's strongest ties first, the total still said.
  json few = Get(admin, "/api/v1/network/graph?level=person&max_edges=2");
  EXPECT_EQ(few["edges"]["source"].size(), 2u);
  EXPECT_EQ(few["edges"]["weight"].size(), 2u);
  EXPECT_EQ(few["edges_total"], 7);
  Get(admin, "/api/v1/network/graph?level=person&max_edges=-1", 400);
  Get(admin, "/api/v1/network/graph?level=person&max_edges=lots", 400);
  EXPECT_EQ(Get(admin, "/api/v1/network/graph")["nodes"]["label"].size(), 4u);

  // A snapshot's export files to download: person-level, so admins only; audited; names left
  // out on asking.
  const std::string files =
      "/api/v1/network/snapshots/" + std::to_string(store_->ListSnapshots()->front().id);
  Get(mona, files + "/people.csv", 403);
  Get(emil, files + "/network.gexf", 403);
  auto download = [&](const std::string& url) {
    return Client().Get(url, {{"Cookie", admin.cookie}});
  };
  auto gexf = download(files + "/network.gexf");
  ASSERT_TRUE(gexf);
  EXPECT_EQ(gexf->status, 200);
  EXPECT_EQ(gexf->get_header_value("Content-Type"), "application/gexf+xml; charset=utf-8");
  EXPECT_EQ(gexf->get_header_value("Content-Disposition"),
            "attachment; filename=\"peerlearn-snapshot-" + files.substr(files.rfind('/') + 1) +
                "-network.gexf\"");
  size_t nodes = 0, edges = 0;
  for (size_t at = 0; (at = gexf->body.find("<node id=", at)) != std::string::npos; ++at) ++nodes;
  for (size_t at = 0; (at = gexf->body.find("<edge id=", at)) != std::string::npos; ++at) ++edges;
  EXPECT_EQ(nodes, 7u);
  EXPECT_EQ(edges, 7u);
  EXPECT_NE(gexf->body.find("Theo"), std::string::npos);
  EXPECT_EQ(store_->ListAudit(1)->front().action, "network.export");
  EXPECT_EQ(store_->ListAudit(1)->front().detail, "network.gexf");
  auto people = download(files + "/people.csv?names=0");
  ASSERT_TRUE(people);
  EXPECT_EQ(people->status, 200);
  EXPECT_EQ(people->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(people->body.starts_with("employee_id,title,")) << people->body.substr(0, 80);
  EXPECT_EQ(people->body.find("Theo"), std::string::npos);
  EXPECT_EQ(store_->ListAudit(1)->front().detail, "people.csv, without names");
  // The findings' own tables: a person-level one refused to a manager like the rest.
  Get(mona, files + "/newcomers.csv", 403);
  auto communities = download(files + "/communities.csv");
  ASSERT_TRUE(communities);
  EXPECT_EQ(communities->status, 200);
  EXPECT_TRUE(communities->body.starts_with("community,size,team,members\r\n"))
      << communities->body.substr(0, 80);
  auto newcomers = download(files + "/newcomers.csv");
  ASSERT_TRUE(newcomers);
  EXPECT_NE(newcomers->body.find(",days_since_hire,contacts,days_to_first,"), std::string::npos);
  auto summary = download(files + "/summary.json");
  ASSERT_TRUE(summary);
  EXPECT_EQ(json::parse(summary->body)["summary"]["ties"], 7);
  auto missing = download(files + "/passwords.txt");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("its files: people.csv, edges.csv"), std::string::npos);
  EXPECT_EQ(download(files + "/people.csv?names=yes")->status, 400);
  EXPECT_EQ(download("/api/v1/network/snapshots/99999/people.csv")->status, 404);

  // Champions are person-level: admins only. Newcomers: their managers and admins.
  Get(mona, "/api/v1/network/champions", 403);
  EXPECT_TRUE(Get(admin, "/api/v1/network/champions")["visible_helpers"].is_array());
  json mona_new = Get(mona, "/api/v1/network/newcomers");
  ASSERT_EQ(mona_new["newcomers"].size(), 1u);
  EXPECT_EQ(mona_new["newcomers"][0]["person"]["name"], "Nia New");
  EXPECT_EQ(mona_new["newcomers"][0]["contacts"], 1);
  Get(emil, "/api/v1/network/newcomers", 403);
  Get(mona, "/api/v1/network/communities");
  Get(emil, "/api/v1/network/communities", 403);

  // The findings against a truth an admin trusts: admins only; the counts are the snapshot's own
  // champions against the list; a list naming nobody, or not a truth at all, is refused.
  auto check = [&](const Session& s, const std::string& body) {
    return Client().Post("/api/v1/network/findings/check",
                         {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, body,
                         "application/json");
  };
  EXPECT_EQ(check(mona, R"({"hidden_champions": ["E3"]})")->status, 403);
  const json champs = Get(admin, "/api/v1/network/champions")["champions"];
  std::set<int64_t> champion_ids;
  for (const auto& c : champs) champion_ids.insert(c["person"]["id"].get<int64_t>());
  int64_t hits = 0;
  std::vector<std::string> missed;
  for (const char* e : {"E3", "E5"}) {
    const auto id = store_->FindPersonByExternalId(e);
    ASSERT_TRUE(id.ok() && id->has_value());
    if (champion_ids.count((*id)->value)) {
      ++hits;
    } else {
      missed.push_back(e);
    }
  }
  auto checked = check(admin, R"({"hidden_champions": ["E3", "E5"], "seed": 1})");
  ASSERT_EQ(checked->status, 200) << checked->body;
  const json scored = json::parse(checked->body);
  ASSERT_EQ(scored["scores"].size(), 1u);
  const json& sc = scored["scores"][0];
  EXPECT_EQ(sc["finding"], "hidden champions");
  EXPECT_EQ(sc["found"], champs.size());
  EXPECT_EQ(sc["known"], 2);
  EXPECT_EQ(sc["hits"], hits);
  EXPECT_EQ(sc["missed"], json(missed));
  EXPECT_DOUBLE_EQ(sc["recall"].get<double>(), hits / 2.0);
  for (const std::string& e : missed) {
    EXPECT_TRUE(scored["people"][e]["name"].is_string()) << scored.dump();
  }
  auto nobody = check(admin, R"({"hidden_champions": ["E3", "E99"]})");
  EXPECT_EQ(nobody->status, 400);
  EXPECT_NE(nobody->body.find("'E99' is nobody in the roster"), std::string::npos) << nobody->body;
  EXPECT_EQ(check(admin, R"({"seed": 42})")->status, 400);
  EXPECT_EQ(check(admin, R"({"silo_teams": "Eng"})")->status, 400);

  // Comparing snapshots: person-level changes for admins only.
  Get(admin, "/api/v1/network/diff", 404);
  clock_.Advance(std::chrono::minutes(10));  // within the sessions' idle limit
  ASSERT_EQ(post(admin, "{}")->status, 201);
  json d = Get(admin, "/api/v1/network/diff");
  EXPECT_TRUE(d.contains("people"));
  // Everyone the admin's changes mention is named, and the reading is audited.
  auto diff_reads = [&] {
    auto entries = store_->ListAudit(1000);
    return entries.ok() ? std::count_if(entries->begin(), entries->end(),
                                        [](const AuditEntry& e) {
                                          return e.action == "network.diff.read" &&
                                                 e.target.find("..") != std::string::npos;
                                        })
                        : -1;
  };
  std::set<std::string> mentioned;
  for (const char* list : {"champions", "brokers", "single_points", "isolated_newcomers"}) {
    for (const char* part : {"added", "removed", "kept"}) {
      for (const auto& id : d[list][part]) mentioned.insert(std::to_string(id.get<int64_t>()));
    }
  }
  for (const auto& p : d["people"]) mentioned.insert(std::to_string(p["person"].get<int64_t>()));
  ASSERT_FALSE(mentioned.empty());
  ASSERT_EQ(d["names"].size(), mentioned.size()) << d.dump();
  for (const auto& id : mentioned) {
    EXPECT_EQ(d["names"][id]["id"], std::stoll(id));
    EXPECT_TRUE(d["names"][id]["name"].is_string()) << id;
  }
  EXPECT_TRUE(
      d["isolated_newcomers"]["kept"].empty() ||
      d["names"][std::to_string(d["isolated_newcomers"]["kept"][0].get<int64_t>())]["name"] ==
          "Nia New");
  EXPECT_EQ(diff_reads(), 1);
  json md = Get(mona, "/api/v1/network/diff");
  EXPECT_FALSE(md.contains("people"));
  EXPECT_FALSE(md.contains("champions"));
  EXPECT_FALSE(md.contains("names"));
  EXPECT_EQ(diff_reads(), 1);
  EXPECT_TRUE(md["teams"].empty());
  EXPECT_EQ(Get(emil, "/api/v1/network/snapshots")["snapshots"].size(), 2u);
  // The server's own weekly analysis (the default schedule), next a week after the newest.
  json listed = Get(emil, "/api/v1/network/snapshots");
  EXPECT_EQ(listed["schedule"]["every_hours"], 168);
  EXPECT_EQ(listed["schedule"]["days"], 90);
  EXPECT_EQ(listed["schedule"]["next_at"],
            FormatTimestamp(*ParseTimestamp(listed["snapshots"][0]["taken_at"].get<std::string>()) +
                            std::chrono::hours(168)));
  Get(admin, "/api/v1/network/summary?snapshot=abc", 400);
  Get(admin, "/api/v1/network/summary?snapshot=12345", 404);
  // A deleted snapshot is not served, though it was read (and kept) just before.
  const int64_t older = store_->ListSnapshots()->back().id;
  const std::string older_url = "/api/v1/network/summary?snapshot=" + std::to_string(older);
  EXPECT_EQ(Get(admin, older_url)["summary"]["people"], 7);
  auto del = [&](const Session& s, const std::string& id, const std::string& csrf = "") {
    return Client().Delete("/api/v1/network/snapshots/" + id,
                           {{"Cookie", s.cookie}, {"X-CSRF-Token", csrf.empty() ? s.csrf : csrf}});
  };
  EXPECT_EQ(del(mona, std::to_string(older))->status, 403);
  EXPECT_EQ(del(admin, std::to_string(older), "wrong-token")->status, 403);
  EXPECT_EQ(del(admin, "abc")->status, 400);
  EXPECT_EQ(del(admin, "12345")->status, 404);
  EXPECT_EQ(store_->ListSnapshots()->size(), 2u);
  auto deleted = del(admin, std::to_string(older));
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(json::parse(deleted->body)["deleted"], older);
  EXPECT_EQ(json::parse(deleted->body)["ties"], 7);
  EXPECT_EQ(del(admin, std::to_string(older))->status, 404);
  EXPECT_NE(Get(admin, "/api/v1/audit").dump().find("network.snapshot.delete"), std::string::npos);
  Get(admin, older_url, 404);
  EXPECT_EQ(Get(emil, "/api/v1/network/snapshots")["snapshots"].size(), 1u);
  EXPECT_EQ(Get(admin, "/api/v1/network/summary")["summary"]["people"], 7);
}

// Who is a newcomer and how long they settle in are analysis settings, stored with the snapshot.
// Nia was hired 12 days before the clock's day and is tied to her manager alone: settling in with
// the default 14 days' grace, not yet connected with none, and no newcomer at all when newcomers
// are those hired within 10 days. Bad settings are refused before anything is stored.
TEST_P(ApiTest, NewcomerDaysAndGraceAreAnalysisSettings) {
  Session admin = Login("admin"), mona = Login("mona");
  auto x = ingest::ImportInteractions(*store_, kNetworkTies, {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  auto post = [&](const std::string& body) { return Analyse(admin, body); };
  for (const char* bad :
       {R"({"newcomer_days": 0})", R"({"newcomer_days": 3651})", R"({"newcomer_days": "90"})",
        R"({"newcomer_grace_days": -1})", R"({"newcomer_grace_days": 1.5})",
        R"({"newcomer_days": 30, "newcomer_grace_days": 30})"}) {
    auto r = post(bad);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_NE(r->body.find("'newcomer_"), std::string::npos) << r->body;
  }
  EXPECT_NE(post(R"({"newcomer_days": 30, "newcomer_grace_days": 30})")->body.find("fewer than"),
            std::string::npos);
  EXPECT_TRUE(store_->ListSnapshots()->empty());

  auto nia = [&](const json& r) {
    for (const auto& n : r["newcomers"]) {
      if (n["person"]["name"] == "Nia New") return n;
    }
    return json();
  };
  ASSERT_EQ(post("{}")->status, 201);
  json r = Get(mona, "/api/v1/network/newcomers");
  EXPECT_EQ(r["newcomer_days"], 90);
  EXPECT_EQ(r["newcomer_grace_days"], 14);
  EXPECT_EQ(nia(r)["days_since_hire"], 12) << r.dump();
  EXPECT_EQ(nia(r)["settling_in"], true);
  EXPECT_EQ(nia(r)["isolated"], false);

  ASSERT_EQ(post(R"({"newcomer_grace_days": 0})")->status, 201);
  r = Get(mona, "/api/v1/network/newcomers");
  EXPECT_EQ(r["newcomer_grace_days"], 0);
  EXPECT_EQ(nia(r)["settling_in"], false);
  EXPECT_EQ(nia(r)["isolated"], true);
  EXPECT_EQ(Get(admin, "/api/v1/network/summary")["params"]["newcomer_grace_days"], 0);

  ASSERT_EQ(post(R"({"newcomer_days": 10, "newcomer_grace_days": 3})")->status, 201);
  r = Get(mona, "/api/v1/network/newcomers");
  EXPECT_EQ(r["newcomer_days"], 10);
  EXPECT_TRUE(nia(r).is_null()) << r.dump();

  // The list says how each snapshot was analysed unlike the newest, or unlike the one asked for.
  json listed = Get(mona, "/api/v1/network/snapshots");
  ASSERT_EQ(listed["snapshots"].size(), 3u);
  const json& newest = listed["snapshots"][0];
  EXPECT_EQ(listed["like"], newest["id"]);
  EXPECT_TRUE(newest["settings_changed"].empty());
  EXPECT_EQ(listed["snapshots"][1]["settings_changed"],
            json::parse(R"([{"setting": "newcomer_days", "before": 90, "after": 10},
                            {"setting": "newcomer_grace_days", "before": 0, "after": 3}])"));
  EXPECT_EQ(listed["snapshots"][2]["settings_changed"].size(), 2u);
  const json first = listed["snapshots"][2]["id"];
  listed = Get(mona, "/api/v1/network/snapshots?like=" + first.dump());
  EXPECT_EQ(listed["like"], first);
  EXPECT_TRUE(listed["snapshots"][2]["settings_changed"].empty());
  EXPECT_EQ(listed["snapshots"][1]["settings_changed"],
            json::parse(R"([{"setting": "newcomer_grace_days", "before": 0, "after": 14}])"));
  Get(mona, "/api/v1/network/snapshots?like=99999", 404);
  Get(mona, "/api/v1/network/snapshots?like=x", 400);
  // A person's history says the same against the newest of their snapshots.
  json theo =
      Get(admin, "/api/v1/network/people/" +
                     std::to_string(store_->PersonIdsByExternalId()->at("E3").value) + "/history");
  ASSERT_EQ(theo["snapshots"].size(), 3u);
  EXPECT_TRUE(theo["snapshots"][2]["settings_changed"].empty());
  EXPECT_EQ(theo["snapshots"][1]["settings_changed"],
            json::parse(R"([{"setting": "newcomer_days", "before": 90, "after": 10},
                            {"setting": "newcomer_grace_days", "before": 0, "after": 3}])"));
}

// Single points of failure are person-level: admins only, audited. In the fixture every skill is
// held by one person, so everyone holding one at level 3 or above holds it alone (Emil's sql is
// level 2; Nia has none); Theo is also the only path between Nia and the rest of her team.
TEST_P(ApiTest, SinglePointsAreForAdminsAndNameSkillsNobodyNearbyHolds) {
  Session admin = Login("admin"), mona = Login("mona"), emil = Login("emil");
  auto x = ingest::ImportInteractions(*store_, kNetworkTies, {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  auto post = [&](const std::string& body) { return Analyse(admin, body); };
  for (const char* bad : {R"({"skill_level": 0})", R"({"skill_level": "3"})",
                          R"({"skill_steps": 11})", R"({"skill_steps": -1})"}) {
    auto r = post(bad);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_NE(r->body.find("'skill_"), std::string::npos) << r->body;
  }
  EXPECT_TRUE(store_->ListSnapshots()->empty());
  ASSERT_EQ(post("{}")->status, 201);

  Get(mona, "/api/v1/network/single-points", 403);
  Get(emil, "/api/v1/network/single-points", 403);
  json r = Get(admin, "/api/v1/network/single-points");
  EXPECT_EQ(store_->ListAudit(1)->front().action, "network.single_points.read");
  EXPECT_EQ(r["skills_analysed"], true);
  EXPECT_EQ(r["skill_level"], 3);
  EXPECT_EQ(r["skill_steps"], 2);
  std::map<std::string, json> by_name;
  for (const auto& p : r["single_points"]) by_name[p["person"]["name"]] = p;
  auto sole = [](const char* skill, int level) {
    return json::array({{{"skill", skill}, {"level", level}, {"holders_elsewhere", 0}}});
  };
  EXPECT_EQ(by_name["Cora Chief"]["sole_skills"], sole("strategy", 4));
  EXPECT_EQ(by_name["Mona Manager"]["sole_skills"], sole("coaching", 3));
  EXPECT_EQ(by_name["Theo Lead"]["sole_skills"], sole("c++", 4));
  EXPECT_EQ(by_name["Sam Sales"]["sole_skills"], sole("negotiation", 4));
  EXPECT_EQ(by_name["Ari Admin"]["sole_skills"], sole("facilitation", 4));
  EXPECT_EQ(by_name["Theo Lead"]["teammates_cut_off"], 1);
  EXPECT_EQ(by_name["Theo Lead"]["cuts_network"], true);
  EXPECT_EQ(by_name.count("Emil Employee") + by_name.count("Nia New"), 0u) << r.dump();
  // Most teammates cut off first.
  EXPECT_EQ(r["single_points"][0]["person"]["name"], "Theo Lead");
  // The person-level map names the same people as its single points, as nodes, in this order.
  const json graph = Get(admin, "/api/v1/network/graph?level=person");
  std::vector<int64_t> mapped;
  for (const auto& node : graph["findings"]["single_point"]) {
    mapped.push_back(graph["nodes"]["id"][node.get<size_t>()].get<int64_t>());
  }
  std::vector<int64_t> listed;
  for (const auto& p : r["single_points"]) listed.push_back(p["person"]["id"].get<int64_t>());
  EXPECT_EQ(mapped, listed);
  for (const char* flag : {"hidden_champion", "visible_helper", "broker", "isolated_newcomer"}) {
    EXPECT_TRUE(graph["findings"][flag].is_array()) << flag;
  }

  // Only expert skills (level 4): Mona's coaching no longer counts, and she cuts nothing.
  ASSERT_EQ(post(R"({"skill_level": 4, "skill_steps": 0})")->status, 201);
  json four = Get(admin, "/api/v1/network/single-points");
  EXPECT_EQ(four["skill_level"], 4);
  EXPECT_EQ(four["skill_steps"], 0);
  for (const auto& p : four["single_points"]) {
    EXPECT_NE(p["person"]["name"], "Mona Manager") << four.dump();
  }
  EXPECT_EQ(four["single_points"].size(), r["single_points"].size() - 1);
}

// Brokers (admins only): Theo's team of three, with two pairs apart (Cora and Sam, Mona and Ari)
// that each reach Theo alone: Theo links them. Each broker named, with their community and the
// ones they link named by their teams, as the snapshot has them.
TEST_P(ApiTest, BrokersAreForAdminsAndNameTheCommunitiesTheyLink) {
  Session admin = Login("admin"), mona = Login("mona"), emil = Login("emil");
  // Ties within the three groups three days running; Cora and Ari each reached Theo once.
  std::string ties = "source,target,timestamp\n";
  for (auto [pair, days] : std::vector<std::pair<std::string, int>>{{"E3,E4", 3},
                                                                    {"E4,E7", 3},
                                                                    {"E7,E3", 3},
                                                                    {"E1,E5", 3},
                                                                    {"E5,E1", 3},
                                                                    {"E2,E6", 3},
                                                                    {"E6,E2", 3},
                                                                    {"E1,E3", 1},
                                                                    {"E6,E3", 1}}) {
    for (int day = 10; day < 10 + days; ++day) {
      ties += pair + ",2026-10-" + std::to_string(day) + "T10:00:00Z\n";
    }
  }
  auto x = ingest::ImportInteractions(*store_, ties, {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  ASSERT_EQ(Analyse(admin, "{}")->status, 201);
  Get(mona, "/api/v1/network/brokers", 403);
  Get(emil, "/api/v1/network/brokers", 403);
  json r = Get(admin, "/api/v1/network/brokers");
  EXPECT_EQ(store_->ListAudit(1)->front().action, "network.brokers.read");
  auto snapshot = store_->LoadSnapshot(r["snapshot"]["id"].get<int64_t>());
  ASSERT_TRUE(snapshot.ok());
  const json& found = snapshot->findings.at("brokers");
  ASSERT_EQ(r["brokers"].size(), found.size()) << r.dump();
  ASSERT_GE(found.size(), 1u) << r.dump();
  const json& theo = r["brokers"][0];
  EXPECT_EQ(theo["person"]["name"], "Theo Lead") << r.dump();
  EXPECT_EQ(theo["person"]["team"], "Eng/Platform");
  EXPECT_EQ(theo["communities_reached"], 2);
  // Theo's contacts: Emil and Nia (his community), Cora (with Sam) and Ari (with Mona): Emil and
  // Nia each with Cora and with Ari, and Cora with Ari; none of them tied.
  EXPECT_EQ(theo["brokerage"], found[0]["brokerage"]);
  EXPECT_EQ(theo["brokerage"], 5) << r.dump();
  std::map<int64_t, int32_t> community;
  for (const auto& p : snapshot->people) community[p.id] = p.community;
  const int64_t theo_id = theo["person"]["id"].get<int64_t>();
  EXPECT_EQ(theo["community"]["id"], community[theo_id]);
  EXPECT_EQ(theo["community"]["teams"], json::array({"Eng/Platform"}));
  ASSERT_EQ(theo["links"].size(), 2u);
  std::set<std::string> linked;
  for (const auto& l : theo["links"]) {
    EXPECT_EQ(l["contacts"], 1);
    for (const auto& t : l["teams"]) linked.insert(t.get<std::string>());
  }
  EXPECT_EQ(linked, (std::set<std::string>{"Exec", "Sales", "Eng/Platform", "People/L&D"}));
  // His bridge: one contact in each other community, the only tie between it and his, with two
  // at home: min(2, 1) × 1 / 1 = 1 for both, and 1 / 3 on average for the three people of his
  // community (surprise ln 3 - 2 / 3) for both, so the first community (the lower id) is kept,
  // named by its teams as the links are.
  const double third = 1.0 / 3;
  EXPECT_EQ(theo["bridge"], (json{{"id", theo["links"][0]["id"]},
                                  {"teams", theo["links"][0]["teams"]},
                                  {"contacts", 1},
                                  {"own_contacts", 2},
                                  {"ties_between", 1},
                                  {"score", 1.0},
                                  {"expected", third},
                                  {"surprise", 1 * std::log(1 / third) - (1 - third)}}))
      << r.dump();
  EXPECT_EQ(found[0]["bridge"]["community"], theo["links"][0]["id"]);
  // Without Theo the three groups fall apart: he is a single point of failure too, and each list
  // says so of the other; nobody else is in both.
  auto listed = [&](const char* kind, int64_t id) {
    for (const auto& f : snapshot->findings.at(kind)) {
      if (f.at("person") == id) return true;
    }
    return false;
  };
  ASSERT_TRUE(listed("single_points", theo_id));
  json theo_also = json::array();
  if (listed("champions", theo_id)) theo_also.push_back("champion");
  if (listed("visible_helpers", theo_id)) theo_also.push_back("visible_helper");
  theo_also.push_back("single_point");
  EXPECT_EQ(theo["also"], theo_also);
  int seen_theo = 0;
  for (auto [path, key, self] : {std::tuple{"champions", "champions", "champion"},
                                 {"brokers", "brokers", "broker"},
                                 {"single-points", "single_points", "single_point"}}) {
    const json list = Get(admin, std::string("/api/v1/network/") + path);
    for (const auto& p : list.at(key)) {
      const int64_t id = p["person"]["id"].get<int64_t>();
      json also = json::array();
      for (auto [kind, name] : {std::pair{"champions", "champion"},
                                {"visible_helpers", "visible_helper"},
                                {"brokers", "broker"},
                                {"single_points", "single_point"}}) {
        if (std::string_view(name) != self && listed(kind, id)) also.push_back(name);
      }
      EXPECT_EQ(p["also"], also) << path << ": " << p.dump();
      seen_theo += id == theo_id;
    }
  }
  EXPECT_GE(seen_theo, 2);
  // The same in the snapshot's brokers.csv download: Theo first, his community, two reached,
  // five pairs, one contact in each of the two, his bridge.
  auto csv = Client().Get("/api/v1/network/snapshots/" +
                              std::to_string(r["snapshot"]["id"].get<int64_t>()) + "/brokers.csv",
                          {{"Cookie", admin.cookie}});
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(csv->body.starts_with("rank,employee_id,name,")) << csv->body;
  const std::string c = std::to_string(community[theo_id]);
  const std::string a = theo["links"][0]["id"].dump(), b = theo["links"][1]["id"].dump();
  EXPECT_NE(csv->body.find("\r\n1,E3,Theo Lead,"), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find("," + c + ",2,5,"), std::string::npos) << csv->body;
  const std::string bridge = "," + a + ":1;" + b + ":1," + a + ",1,2,1,1,";
  const size_t at = csv->body.find(bridge);
  ASSERT_NE(at, std::string::npos) << csv->body;
  // Then the average and the surprise, written to round-trip.
  const size_t from = at + bridge.size(), comma = csv->body.find(',', from),
               end = csv->body.find("\r\n", from);
  ASSERT_LT(comma, end) << csv->body;
  EXPECT_EQ(std::stod(csv->body.substr(from, comma - from)), third);
  EXPECT_EQ(std::stod(csv->body.substr(comma + 1, end - comma - 1)),
            1 * std::log(1 / third) - (1 - third));
}

// An account the import could not match is linked to a person once, by an admin (one at a time
// or from a mapping CSV), and every later upload matches it; nobody else sees or changes links.
TEST_P(ApiTest, LinkedAccountsMatchInLaterUploads) {
  Session admin = Login("admin"), mona = Login("mona");
  const std::string path = ::testing::TempDir() + "/links-" + GetParam() + ".zip";
  ASSERT_TRUE(pl::testing::WriteZip(
      path, {{"users.json", R"([{"id": "UEMIL", "profile": {"email": "emil@x.io"}},
                                {"id": "UOUT", "name": "out", "real_name": "Otto Out",
                                 "profile": {"email": "otto@elsewhere.example"}},
                                {"id": "UTHEO", "real_name": "theo  LEAD",
                                 "profile": {"email": "theo@home.example"}}])"},
             {"channels.json", R"([{"id": "CPLAT", "name": "platform"}])"},
             {"platform/2026-02-02.json",
              R"([{"type": "message", "user": "UOUT", "text": "<@UEMIL> thanks",
                   "ts": "1770026400.000100"}])"}}));
  std::ifstream in(path, std::ios::binary);
  const std::string zip(std::istreambuf_iterator<char>(in), {});
  auto post = [&](const std::string& url, const std::string& body, const char* type) {
    return Client().Post(url, {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, body, type);
  };
  auto link = [&](const Session& s, const std::string& account, const std::string& body,
                  const std::string& csrf = "") {
    return Client().Put("/api/v1/accounts/slack/" + account,
                        {{"Cookie", s.cookie}, {"X-CSRF-Token", csrf.empty() ? s.csrf : csrf}},
                        body, "application/json");
  };
  auto unlink = [&](const std::string& account) {
    return Client().Delete("/api/v1/accounts/slack/" + account,
                           {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}});
  };
  auto stored = [&] {
    return static_cast<int64_t>(store_->LoadInteractions(std::nullopt)->size());
  };

  json r = json::parse(post("/api/v1/imports/slack", zip, "application/zip")->body);
  // UTHEO's name is Theo Lead's (case and spaces aside): suggested; nobody is Otto Out.
  EXPECT_EQ(r["accounts"]["unmatched_accounts"],
            json::parse(R"([{"id": "UOUT", "name": "Otto Out", "suggested": null},
                             {"id": "UTHEO", "name": "theo  LEAD", "suggested":
                              {"id": )" +
                        std::to_string(ids_["E3"]) +
                        R"(, "name": "Theo Lead", "team": "Eng/Platform"}}])"));
  EXPECT_EQ(r["accounts"]["matched_by_link"], 0);
  EXPECT_EQ(r["rows"]["added"], 0);

  // Refusals change nothing.
  Get(mona, "/api/v1/accounts/slack", 403);
  Get(admin, "/api/v1/accounts/zoom", 404);
  const std::string otto = R"({"person_id": )" + std::to_string(ids_["E3"]) + "}";
  EXPECT_EQ(link(mona, "UOUT", otto)->status, 403);
  EXPECT_EQ(link(admin, "UOUT", otto, "wrong-token")->status, 403);
  EXPECT_EQ(link(admin, "UOUT", R"({"person_id": "E3"})")->status, 400);
  auto nobody = link(admin, "UOUT", R"({"person_id": 999999})");
  EXPECT_EQ(nobody->status, 404);
  EXPECT_NE(nobody->body.find("there is no person 999999"), std::string::npos) << nobody->body;
  EXPECT_TRUE(Get(admin, "/api/v1/accounts/slack")["links"].empty());

  // Linked to Theo: the same upload now keeps UOUT's mention of Emil.
  auto linked = link(admin, "UOUT", otto);
  ASSERT_EQ(linked->status, 200) << linked->body;
  EXPECT_EQ(json::parse(linked->body)["changed"], true);
  EXPECT_EQ(json::parse(link(admin, "UOUT", otto)->body)["changed"], false);
  json links = Get(admin, "/api/v1/accounts/slack")["links"];
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["account"], "UOUT");
  EXPECT_EQ(links[0]["person"]["name"], "Theo Lead");
  EXPECT_TRUE(Get(admin, "/api/v1/accounts/teams")["links"].empty());
  r = json::parse(post("/api/v1/imports/slack", zip, "application/zip")->body);
  EXPECT_EQ(r["accounts"]["matched_by_link"], 1);
  EXPECT_EQ(r["accounts"]["unmatched"], 1);  // UTHEO, not linked
  EXPECT_EQ(r["rows"]["added"], 1);
  EXPECT_EQ(stored(), 1);
  EXPECT_NE(Get(admin, "/api/v1/audit").dump().find("accounts.link"), std::string::npos);

  // Unlinked: 404 the second time; a mapping CSV naming somebody unknown links nothing unless
  // lenient.
  EXPECT_EQ(unlink("UOUT")->status, 200);
  EXPECT_EQ(unlink("UOUT")->status, 404);
  const std::string csv = "slack_id,employee_id\nUOUT,E3\nUGONE,E99\n";
  auto strict = post("/api/v1/imports/slack-accounts", csv, "text/csv");
  ASSERT_EQ(strict->status, 422) << strict->body;
  EXPECT_EQ(json::parse(strict->body)["problems"],
            json::array({"account UGONE: employee id E99 is not in the roster"}));
  EXPECT_TRUE(Get(admin, "/api/v1/accounts/slack")["links"].empty());
  auto dry = post("/api/v1/imports/slack-accounts?lenient=1&dry_run=1", csv, "text/csv");
  ASSERT_EQ(dry->status, 200) << dry->body;
  EXPECT_EQ(json::parse(dry->body)["linked"], 1);
  EXPECT_TRUE(Get(admin, "/api/v1/accounts/slack")["links"].empty());
  auto lenient = post("/api/v1/imports/slack-accounts?lenient=1", csv, "text/csv");
  ASSERT_EQ(lenient->status, 200) << lenient->body;
  EXPECT_EQ(json::parse(lenient->body)["linked"], 1);
  EXPECT_EQ(json::parse(lenient->body)["unknown"], 1);
  EXPECT_EQ(json::parse(lenient->body)["blank"], 0);
  auto blank = post("/api/v1/imports/slack-accounts?dry_run=1",
                    "slack_id,name,employee_id\nUNEW,New,\n", "text/csv");
  ASSERT_EQ(blank->status, 200) << blank->body;
  EXPECT_EQ(json::parse(blank->body)["blank"], 1);
  EXPECT_EQ(json::parse(blank->body)["linked"], 0);
  EXPECT_EQ(Get(admin, "/api/v1/accounts/slack")["links"][0]["person"]["name"], "Theo Lead");
  EXPECT_EQ(post("/api/v1/imports/slack-accounts", "who,whom\nU1,E1\n", "text/csv")->status, 400);
  // An export with 60 unmatched accounts: all counted, the first 50 listed.
  std::string sixty = "[";
  for (int i = 0; i < 60; ++i) {
    sixty +=
        (i ? "," : "") + std::string(R"({"id": "UX)") + std::to_string(i) + R"(", "profile": {}})";
  }
  const std::string crowd = ::testing::TempDir() + "/crowd-" + GetParam() + ".zip";
  ASSERT_TRUE(pl::testing::WriteZip(crowd, {{"users.json", sixty + "]"},
                                            {"channels.json", R"([{"id": "C1", "name": "c"}])"},
                                            {"c/2026-02-02.json", "[]"}}));
  std::ifstream crowd_in(crowd, std::ios::binary);
  json c =
      json::parse(post("/api/v1/imports/slack?dry_run=1",
                       std::string(std::istreambuf_iterator<char>(crowd_in), {}), "application/zip")
                      ->body);
  EXPECT_EQ(c["accounts"]["unmatched"], 60);
  EXPECT_EQ(c["accounts"]["unmatched_ids"].size(), 50u);
  EXPECT_EQ(c["accounts"]["unmatched_accounts"].size(), 50u);
  EXPECT_EQ(c["accounts"]["unmatched_accounts"][49]["id"], "UX49");

  // Many links (their people read with the whole directory): each still named.
  std::string many = "slack_id,employee_id\n";
  for (int i = 0; i < 100; ++i) many += "UMANY" + std::to_string(i) + (i % 2 ? ",E3\n" : ",E4\n");
  ASSERT_EQ(post("/api/v1/imports/slack-accounts", many, "text/csv")->status, 200);
  json all = Get(admin, "/api/v1/accounts/slack")["links"];
  ASSERT_EQ(all.size(), 101u);
  for (const json& l : all) {
    const std::string a = l["account"];
    EXPECT_EQ(l["person"]["name"],
              a == "UOUT" || std::stoi(a.substr(5)) % 2 ? "Theo Lead" : "Emil Employee")
        << a;
  }
}

// An admin uploads a Slack export: imported as `peerlearn import slack` would, counted once
// however often it comes; anyone else, a hostile or malformed zip and an oversized body are
// refused with the store as it was.
TEST_P(ApiTest, UploadedExportsImportLikeTheCli) {
  Session admin = Login("admin"), mona = Login("mona");
  const std::string users = R"([
    {"id": "UMONA", "profile": {"email": "Mona@x.io"}},
    {"id": "UTHEO", "profile": {"email": "theo@x.io"}},
    {"id": "UEMIL", "profile": {"email": "emil@x.io"}},
    {"id": "UOUT", "profile": {"email": "someone@elsewhere.example"}},
    {"id": "BBOT", "is_bot": true, "profile": {}}])";
  const std::string day = R"([
    {"type": "message", "user": "UEMIL", "text": "<@UTHEO> how do I deploy?", "ts": "1770026400.000100",
     "thread_ts": "1770026400.000100", "reply_count": 1},
    {"type": "message", "user": "UTHEO", "text": "like this", "ts": "1770026500.000200",
     "thread_ts": "1770026400.000100", "parent_user_id": "UEMIL",
     "reactions": [{"name": "pray", "users": ["UEMIL", "UMONA"], "count": 2}]},
    {"type": "message", "subtype": "bot_message", "bot_id": "BBOT", "text": "deployed",
     "ts": "1770026700.000400"}])";
  auto zip = [&](const std::vector<pl::testing::ZipEntry>& entries) {
    const std::string path = ::testing::TempDir() + "/upload-" + GetParam() + ".zip";
    EXPECT_TRUE(pl::testing::WriteZip(path, entries));
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string good = zip({{"users.json", users},
                                {"channels.json", R"([{"id": "CPLAT", "name": "platform"}])"},
                                {"platform/2026-02-02.json", day}});
  auto upload = [&](const Session& s, const std::string& body, const std::string& query = "",
                    const std::string& csrf = "") {
    return Client().Post("/api/v1/imports/slack" + query,
                         {{"Cookie", s.cookie}, {"X-CSRF-Token", csrf.empty() ? s.csrf : csrf}},
                         body, "application/zip");
  };
  auto stored = [&] {
    auto xs = store_->LoadInteractions(std::nullopt);
    return xs.ok() ? static_cast<int64_t>(xs->size()) : -1;
  };
  ASSERT_EQ(stored(), 0);

  // Not an admin, no CSRF token, a dry run: nothing stored.
  EXPECT_EQ(upload(mona, good)->status, 403);
  EXPECT_EQ(upload(admin, good, "", "wrong-token")->status, 403);
  auto dry = upload(admin, good, "?dry_run=1");
  ASSERT_EQ(dry->status, 200) << dry->body;
  EXPECT_EQ(json::parse(dry->body)["rows"]["aggregated"], 6);
  EXPECT_EQ(stored(), 0);

  auto first = upload(admin, good);
  ASSERT_EQ(first->status, 200) << first->body;
  json r = json::parse(first->body);
  EXPECT_EQ(r["platform"], "slack");
  EXPECT_EQ(r["messages"], 3);
  EXPECT_EQ(r["kept_messages"], 2);
  EXPECT_EQ(r["accounts"]["matched_by_email"], 3);
  EXPECT_EQ(r["accounts"]["unmatched"], 1);
  EXPECT_EQ(r["accounts"]["unmatched_ids"], json::array({"UOUT"}));
  // Emil → Theo: mention; Theo → Emil: reply; Emil, Mona → Theo: reactions; the thread's two
  // people both ways: six rows.
  EXPECT_EQ(r["interactions"],
            json({{"reply", 1}, {"mention", 1}, {"reaction", 2}, {"thread", 2}}));
  EXPECT_EQ(r["rows"]["added"], 6);
  EXPECT_EQ(r["bytes"], good.size());
  EXPECT_EQ(stored(), 6);
  auto audit = store_->ListAudit(1);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].action, "import.slack");

  // The same export again: nothing new.
  auto again = upload(admin, good);
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(json::parse(again->body)["rows"]["added"], 0);
  EXPECT_EQ(json::parse(again->body)["rows"]["already_present"], 6);
  EXPECT_EQ(stored(), 6);

  // A Teams export goes to the Teams importer: Emil's channel message mentions Theo, who replies.
  const std::string teams = zip({{"users.json", R"({"value": [{"id": "a-1", "mail": "emil@x.io"},
                                                             {"id": "b-2", "mail": "THEO@x.io"}]})"},
                                 {"channel.json", R"({"value": [
      {"id": "100", "messageType": "message", "createdDateTime": "2026-03-02T10:00:00Z",
       "from": {"user": {"id": "a-1"}}, "channelIdentity": {"teamId": "t", "channelId": "19:c1"},
       "mentions": [{"id": 0, "mentioned": {"user": {"id": "b-2"}}}],
       "replies": [{"id": "101", "replyToId": "100", "messageType": "message",
                    "createdDateTime": "2026-03-02T11:00:00Z", "from": {"user": {"id": "b-2"}},
                    "channelIdentity": {"teamId": "t", "channelId": "19:c1"}}]}]})"}});
  auto from_teams = Client().Post("/api/v1/imports/teams",
                                  {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, teams,
                                  "application/zip");
  ASSERT_EQ(from_teams->status, 200) << from_teams->body;
  json t = json::parse(from_teams->body);
  EXPECT_EQ(t["platform"], "teams");
  EXPECT_EQ(t["accounts"]["matched_by_email"], 2);
  EXPECT_EQ(t["interactions"], json({{"reply", 1}, {"mention", 1}, {"thread", 2}}));
  EXPECT_EQ(t["rows"]["added"], 4);
  EXPECT_EQ(stored(), 10);

  // CSV files: interactions (a reply and a mention), then nominations (rows without a layer);
  // a row naming nobody in the roster refuses the file (strict) with its line.
  auto send_csv = [&](const std::string& kind, const std::string& text) {
    return Client().Post("/api/v1/imports/" + kind,
                         {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, text,
                         "text/csv");
  };
  auto csv = send_csv("interactions",
                      "source,target,timestamp,layer\nE4,E3,2026-03-01T10:00:00Z,reply\n"
                      "E3,E4,2026-03-01T11:00:00Z,mention\n");
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(json::parse(csv->body)["added"], 2);
  auto named =
      send_csv("nominations", "nominator,nominee,date\nE4,E3,2026-03-05\nE7,E3,2026-03-05\n");
  ASSERT_EQ(named->status, 200) << named->body;
  EXPECT_EQ(json::parse(named->body)["kind"], "nominations");
  EXPECT_EQ(json::parse(named->body)["added"], 2);
  EXPECT_EQ(stored(), 14);
  auto nobody =
      send_csv("nominations", "nominator,nominee,date\nE4,E3,2026-03-06\nE4,E99,2026-03-06\n");
  ASSERT_EQ(nobody->status, 422) << nobody->body;
  EXPECT_EQ(json::parse(nobody->body)["issues"][0]["line"], 3);
  EXPECT_EQ(stored(), 14);
  // A matrix of nominations: refused without a date, checked with one (a dry run: the three
  // ties counted, nothing stored); a date that is not one is a 400.
  const std::string matrix = ",E3,E4,E7\nE3,0,1,0\nE4,2,0,1\nE7,0,0,0\n";
  auto send_matrix = [&](const std::string& query) {
    return Client().Post("/api/v1/imports/nominations" + query,
                         {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, matrix,
                         "text/csv");
  };
  auto undated = send_matrix("");
  ASSERT_EQ(undated->status, 422) << undated->body;
  EXPECT_EQ(json::parse(undated->body)["issues"][0]["message"], "a matrix names no dates");
  auto dated = send_matrix("?date=2026-03-09&dry_run=1");
  ASSERT_EQ(dated->status, 200) << dated->body;
  EXPECT_EQ(json::parse(dated->body)["added"], 3);
  EXPECT_EQ(json::parse(dated->body)["rows"], 3);
  auto not_a_date = send_matrix("?date=March");
  EXPECT_EQ(not_a_date->status, 400) << not_a_date->body;
  EXPECT_NE(not_a_date->body.find("'date'"), std::string::npos) << not_a_date->body;
  EXPECT_EQ(stored(), 14);
  // Two matrices of one date, of two questions, are stored apart; the same one again adds
  // nothing.
  for (auto [q, added] : {std::pair{"advice", 3}, {"friendship", 3}, {"advice", 0}}) {
    auto r = send_matrix(std::string("?date=2026-03-09&question=") + q);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["added"], added) << q;
  }
  EXPECT_EQ(stored(), 20);
  // Nominations as an .xlsx workbook (a survey tool's export): its first sheet read as its CSV
  // would be, the date cell shown through a date format read as a date; a zip that is no
  // workbook is a 400 saying so, the store as it was.
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>nominator</t></is></c>"
      "<c t=\"inlineStr\"><is><t>nominee</t></is></c><c t=\"inlineStr\"><is><t>date</t></is>"
      "</c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>E7</t></is></c><c t=\"inlineStr\">"
      "<is><t>E4</t></is></c><c s=\"1\"><v>46095</v></c></row></sheetData></worksheet>";
  auto xlsx = Client().Post(
      "/api/v1/imports/nominations", {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}},
      zip({{"xl/workbook.xml",
            "<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"},
           {"xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
            "</Relationships>"},
           {"xl/styles.xml",
            "<styleSheet><cellXfs><xf/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"},
           {"xl/worksheets/sheet1.xml", sheet}}),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(json::parse(xlsx->body)["added"], 1);
  EXPECT_EQ(stored(), 21);
  auto not_a_book = Client().Post("/api/v1/imports/interactions",
                                  {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}},
                                  zip({{"users.json", "[]"}}), "application/zip");
  EXPECT_EQ(not_a_book->status, 400) << not_a_book->body;
  EXPECT_NE(not_a_book->body.find("not a spreadsheet"), std::string::npos) << not_a_book->body;
  EXPECT_EQ(stored(), 21);
  // Kudos and project debriefs, each on its own layer, the note never kept, the project as the
  // context (from the query where the file names none); audited by kind.
  auto kudos = send_csv("kudos", "giver,receiver,given_at,note\nE3,E4,2026-03-10,thanks!\n");
  ASSERT_EQ(kudos->status, 200) << kudos->body;
  EXPECT_EQ(json::parse(kudos->body)["kind"], "kudos");
  EXPECT_EQ(json::parse(kudos->body)["added"], 1);
  EXPECT_EQ(json::parse(kudos->body)["issues"][0]["column"], "note");
  auto debrief =
      Client().Post("/api/v1/imports/debriefs?project=Apollo",
                    {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}},
                    "respondent,helper_1,helper_2,date\nE4,E3,E7,2026-03-11\n", "text/csv");
  ASSERT_EQ(debrief->status, 200) << debrief->body;
  EXPECT_EQ(json::parse(debrief->body)["added"], 2);
  EXPECT_EQ(stored(), 24);
  int kudos_rows = 0, debrief_rows = 0;
  const auto all = store_->LoadInteractions(std::nullopt);
  for (const auto& x : *all) {
    if (x.layer == graph::Layer::kKudos) {
      ++kudos_rows;
      EXPECT_EQ(x.src, ids_.at("E3"));
      EXPECT_EQ(x.dst, ids_.at("E4"));
    }
    debrief_rows += x.layer == graph::Layer::kDebrief && x.src == ids_.at("E4");
  }
  EXPECT_EQ(kudos_rows, 1);
  EXPECT_EQ(debrief_rows, 2);
  EXPECT_EQ(store_->ListAudit({.action_prefix = "import.kudos"})->size(), 1u);
  EXPECT_EQ(store_->ListAudit({.action_prefix = "import.debriefs"})->size(), 1u);
  auto helperless = send_csv("debriefs", "respondent,date\nE4,2026-03-11\n");
  ASSERT_EQ(helperless->status, 422) << helperless->body;
  EXPECT_NE(json::parse(helperless->body)["issues"][0]["hint"].get<std::string>().find("helper_1"),
            std::string::npos);
  EXPECT_EQ(stored(), 24);

  // Refused, the store as it was: an entry climbing out, a malformed day file (strict), an
  // empty body, not a zip, an unknown platform, too large.
  auto climbing = upload(admin, zip({{"users.json", users}, {"../platform/2026-02-03.json", day}}));
  EXPECT_EQ(climbing->status, 400) << climbing->body;
  EXPECT_NE(climbing->body.find("../platform"), std::string::npos) << climbing->body;
  const std::string broken =
      zip({{"users.json", users},
           {"channels.json", R"([{"id": "CPLAT", "name": "platform"}])"},
           {"platform/2026-02-03.json", R"([{"type": "message", "user": )"}});
  auto strict = upload(admin, broken);
  EXPECT_EQ(strict->status, 422) << strict->body;
  EXPECT_EQ(json::parse(strict->body)["issues"][0]["file"], "platform/2026-02-03.json");
  auto lenient = upload(admin, broken, "?lenient=1");
  EXPECT_EQ(lenient->status, 200) << lenient->body;
  EXPECT_EQ(json::parse(lenient->body)["files_failed"], 1);
  // A day file that ends inside a string (refused by simdjson's first pass) once crashed the
  // server: it is refused like the rest, at the byte where the string opens, and the server
  // goes on answering (the requests below).
  auto unclosed =
      upload(admin, zip({{"users.json", users},
                         {"channels.json", R"([{"id": "CPLAT", "name": "platform"}])"},
                         {"platform/2026-02-04.json",
                          R"([{"type": "message", "user": "UEMIL", "text": "never closed)"}}));
  ASSERT_EQ(unclosed->status, 422) << unclosed->body;
  EXPECT_EQ(json::parse(unclosed->body)["issues"][0]["file"], "platform/2026-02-04.json");
  EXPECT_EQ(json::parse(unclosed->body)["issues"][0]["offset"], 46);
  auto empty = upload(admin, "");
  EXPECT_EQ(empty->status, 400) << empty->body;
  auto text = upload(admin, "just some text");
  EXPECT_EQ(text->status, 400) << text->body;
  EXPECT_EQ(text->body.find("/proc/"), std::string::npos) << text->body;
  EXPECT_NE(text->body.find("the uploaded file"), std::string::npos) << text->body;
  auto other = Client().Post("/api/v1/imports/myspace",
                             {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, good,
                             "application/zip");
  EXPECT_EQ(other->status, 404);
  auto huge = upload(admin, std::string((1 << 20) + 1, 'x'));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413) << huge->body;
  EXPECT_EQ(stored(), 24);
  EXPECT_EQ(json::parse(again->body)["rows"]["older_than_retention"], 0);
  // The server keeps interactions 400 days (from 2025-09-27): an older one is counted, not kept.
  auto old = send_csv("interactions",
                      "source,target,timestamp\nE4,E3,2025-09-26T10:00:00Z\n"
                      "E3,E4,2025-09-28T10:00:00Z\n");
  ASSERT_EQ(old->status, 200) << old->body;
  EXPECT_EQ(json::parse(old->body)["added"], 1);
  EXPECT_EQ(json::parse(old->body)["older_than_retention"], 1);
  EXPECT_EQ(stored(), 25);

  // Elsewhere bodies stay under 1 MiB, whether they say their size or come in chunks.
  const httplib::Headers h = {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}};
  auto big = Client().Post("/api/v1/network/snapshots", h, std::string((1 << 20) + 1, ' '),
                           "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(json::parse(big->body)["error"]["code"], "payload_too_large");
  auto chunks = [](size_t pieces) {
    return [pieces](size_t offset, httplib::DataSink& sink) {
      const std::string piece(64 << 10, ' ');
      if (offset < pieces * piece.size()) {
        sink.write(piece.data(), piece.size());
      } else {
        sink.write("{}", 2);
        sink.done();
      }
      return true;
    };
  };
  auto chunked = Client().Post("/api/v1/network/snapshots", h, chunks(17), "application/json");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  auto fits = Client().Post("/api/v1/network/snapshots", h, chunks(2), "application/json");
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->status, 201) << fits->body;
  auto get = Client().Get("/api/v1/me", {{"Cookie", admin.cookie}, {"Content-Length", "2000000"}});
  EXPECT_FALSE(get && get->status == 200);
}

// A pseudonym key the server cannot read is found when it starts, not at the first upload.
TEST_P(ApiTest, AnUnreadablePseudonymKeyStopsTheServerFromStarting) {
  Config c = config_;
  c.pseudonym_key_file = ::testing::TempDir() + "/no-such-key";
  auto server = Server::Create(*store_, c, {.clock = &clock_});
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("pseudonym_key_file"), std::string::npos)
      << server.status().message();
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::server
