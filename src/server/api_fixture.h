// The API test fixture: a fresh store on each backend with a small organisation and three
// accounts, and the server on an ephemeral port over real HTTP.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "ingest/interactions.h"
#include "ingest/roster.h"
#include "server/accounts.h"
#include "server/server.h"
#include "testing/test_backends.h"

namespace pl::server {

using nlohmann::json;

// E1 CEO ─┬─ E2 (manager) ─┬─ E3 ── E7
//         │                └─ E4 (employee)
//         └─ E5 ── E6 (admin's person)
constexpr const char* kRoster =
    "employee_id,name,email,title,level,team,manager_employee_id,hire_date,location,timezone,"
    "skills\n"
    "E1,Cora Chief,cora@x.io,CEO,10,Exec,,2015-01-05,London,Europe/London,strategy:4\n"
    "E2,Mona Manager,mona@x.io,Engineering "
    "Manager,6,Eng/Platform,E1,2018-02-01,Berlin,Europe/Berlin,coaching:3\n"
    "E3,Theo Lead,theo@x.io,Staff "
    "Engineer,5,Eng/Platform,E2,2019-03-01,Berlin,Europe/Berlin,c++:4\n"
    "E4,Emil Employee,emil@x.io,Engineer,3,Eng/Platform,E2,2024-04-01,Lisbon,Europe/Lisbon,sql:2\n"
    "E5,Sam Sales,sam@x.io,Sales Manager,6,Sales,E1,2017-05-01,New "
    "York,America/New_York,negotiation:4\n"
    "E6,Ari Admin,ari@x.io,Head of "
    "L&D,7,People/L&D,E5,2016-06-01,London,Europe/London,facilitation:4\n"
    "E7,Nia New,nia@x.io,Junior Engineer,1,Eng/Platform,E3,2026-10-20,Berlin,Europe/Berlin,\n";

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto imported = ingest::ImportRoster(*store_, kRoster, {});
    ASSERT_TRUE(imported.ok() && !imported->rejected);
    for (auto [name, role, person] :
         {std::tuple{"admin", Role::kAdmin, "E6"}, std::tuple{"mona", Role::kManager, "E2"},
          std::tuple{"emil", Role::kEmployee, "E4"}}) {
      auto id = AddAccount(
          *store_, {name, std::string(name) + "-password-1", role, person, HashCost::kMinimum});
      ASSERT_TRUE(id.ok()) << id.status().ToString();
    }
    for (const char* ext : {"E1", "E2", "E3", "E4", "E5", "E6", "E7"}) {
      ids_[ext] = store_->FindPersonByExternalId(ext)->value().value;
    }
    config_.listen = "127.0.0.1:0";
    config_.login_max_failures = 3;
    config_.session_ttl_minutes = 60;
    config_.session_idle_minutes = 30;
    config_.max_upload_mib = 1;  // uploads over 1 MiB refused (UploadedExportsImportLikeTheCli)
    config_.interactions_keep_days = 400;  // from 2025-09-27 (UploadedExportsImportLikeTheCli)
    auto server = Server::Create(*store_, config_, {.clock = &clock_});
    ASSERT_TRUE(server.ok());
    server_ = std::move(server).value();
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Serve(); });
    // Serving before the test starts: a server stopped before it began to listen would listen
    // on, and TearDown would wait for it for ever.
    for (int i = 0; i < 500 && !Client().Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  httplib::Result PostLogin(const std::string& user, const std::string& password,
                            const httplib::Headers& headers = {}) {
    json body = {{"username", user}, {"password", password}};
    return Client().Post("/api/v1/auth/login", headers, body.dump(), "application/json");
  }

  Session Login(const std::string& user) {
    auto r = PostLogin(user, user + "-password-1");
    EXPECT_TRUE(r) << "no response";
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    std::string set_cookie = r->get_header_value("Set-Cookie");
    std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    return {cookie, json::parse(r->body)["csrf_token"]};
  }

  json Get(const Session& s, const std::string& path, int expect = 200) {
    auto r = Client().Get(path, {{"Cookie", s.cookie}});
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  // A state-changing request (PUT or POST) with the session's cookie and CSRF token.
  json Send(const char* method, const Session& s, const std::string& path, const json& body,
            int expect) {
    httplib::Headers h = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    auto r = std::string(method) == "PUT" ? Client().Put(path, h, body.dump(), "application/json")
                                          : Client().Post(path, h, body.dump(), "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << method << " " << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  // POST /api/v1/network/snapshots with this body as it is (malformed bodies included).
  httplib::Result Analyse(const Session& s, const std::string& body) {
    return Client().Post("/api/v1/network/snapshots",
                         {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, body,
                         "application/json");
  }

  std::string Person(const char* ext) { return "/api/v1/people/" + std::to_string(ids_[ext]); }

  std::unique_ptr<store::Store> store_;
  Config config_;
  ManualClock clock_{*ParseTimestamp("2026-11-01T09:00:00Z")};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, int64_t> ids_;
};

}  // namespace pl::server
