// Every case runs on SQLite and on PostgreSQL.
#include "store/store.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "surveys/scoring.h"
#include "testing/test_backends.h"

namespace pl::store {
namespace {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam(), &url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  static RosterRecord Rec(std::string ext, std::string name, std::string mgr = "",
                          std::string team = "Eng/Platform") {
    RosterRecord r;
    r.external_id = std::move(ext);
    r.name = std::move(name);
    r.email = AsciiLowerName(r.name) + "@example.com";
    r.title = "Engineer";
    r.level = 3;
    r.team_path = std::move(team);
    r.manager_external_id = std::move(mgr);
    r.hire_date = *ParseDate("2024-05-06");
    r.location = "Lisbon";
    r.timezone = "Europe/Lisbon";
    return r;
  }
  static std::string AsciiLowerName(std::string s) {
    for (char& c : s) c = (c == ' ') ? '.' : char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  std::vector<RosterRecord> SmallOrg() {
    auto ceo = Rec("E1", "Ada Lovelace", "", "Exec");
    ceo.title = "CEO";
    ceo.skills = {{"strategy", 4, SkillSource::kSelf}};
    auto cto = Rec("E2", "Grace Hopper", "E1", "Eng");
    cto.skills = {{"compilers", 4, SkillSource::kManager}, {"cobol", 3, SkillSource::kSelf}};
    return {ceo, cto, Rec("E3", "Alan Turing", "E2"), Rec("E4", "Edsger Dijkstra", "E2"),
            Rec("E5", "Barbara Liskov", "E3")};
  }

  // The small organisation, and three snapshots of E3 and E4 (one team): with two ties (2 and
  // 42), with one, with none. Returns their ids; `snap` is left as the last.
  std::array<int64_t, 3> SaveThreeSnapshots(network::Snapshot& snap) {
    EXPECT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
    const auto ids = store_->PersonIdsByExternalId().value();
    const int64_t a = ids.at("E3").value, b = ids.at("E4").value;
    snap.taken_at = *ParseTimestamp("2026-11-01T08:00:00Z");
    snap.people = {{a, "Eng/Platform", 0}, {b, "Eng/Platform", 0}};
    snap.teams = {{"Eng/Platform", 2, 2, 0, 1.0, -1.0, 0.0, 0, 0}};
    std::array<int64_t, 3> out{};
    const std::vector<network::SnapshotEdge> ties[] = {
        {{a, b, 2.0}, {b, a, 42.0}}, {{a, b, 3.0}}, {}};
    for (int i = 0; i < 3; ++i) {
      snap.edges = ties[i];
      out[i] = store_->SaveSnapshot(snap).value();
    }
    return out;
  }

  // A session of the test's own on the store's database, around the store.
  void OpenRaw(soci::session& raw) const {
    if (GetParam() == "sqlite") {
      raw.open(soci::sqlite3, "db=" + url_.substr(std::string("sqlite:").size()));
      return;
    }
    // postgresql://user@host:port/db as libpq keywords
    const std::string rest = url_.substr(url_.find("://") + 3);
    const std::string user = rest.substr(0, rest.find('@'));
    const std::string hostport =
        rest.substr(rest.find('@') + 1, rest.find('/') - rest.find('@') - 1);
    const std::string db = rest.substr(rest.find('/') + 1);
    raw.open(soci::postgresql, "user=" + user + " host=" + hostport.substr(0, hostport.find(':')) +
                                   " port=" + hostport.substr(hostport.find(':') + 1) +
                                   " dbname=" + db.substr(0, db.find('?')));
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, MigrateIsIdempotentAndVersioned) {
  EXPECT_EQ(store_->Backend(), GetParam());
  auto v1 = store_->SchemaVersion();
  ASSERT_TRUE(v1.ok());
  EXPECT_GE(*v1, 1);
  auto v2 = store_->Migrate();
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(*v1, *v2);
  // A second process opening the same database sees the same version and migrates nothing.
  auto other = Open(url_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*(*other)->Migrate(), *v1);
}

TEST_P(StoreTest, ApplyRosterInsertsLinksAndCounts) {
  auto r = store_->ApplyRoster(SmallOrg(), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->added, 5);
  EXPECT_EQ(r->updated, 0);
  EXPECT_EQ(r->teams_added, 3);  // Exec, Eng, Eng/Platform
  EXPECT_EQ(r->skills_added, 3);

  auto page = store_->ListPeople({.limit = 100});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 5);
  // Sorted by name.
  EXPECT_EQ(page->people[0].person.name, "Ada Lovelace");
  EXPECT_EQ(page->people[0].direct_reports, 1);
  auto grace = std::find_if(page->people.begin(), page->people.end(),
                            [](const PersonRow& p) { return p.person.external_id == "E2"; });
  ASSERT_NE(grace, page->people.end());
  EXPECT_EQ(grace->direct_reports, 2);
  EXPECT_EQ(grace->person.team_path, "Eng");

  auto id = store_->FindPersonByExternalId("E2");
  ASSERT_TRUE(id.ok() && id->has_value());
  auto p = store_->GetPerson(**id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->email, "grace.hopper@example.com");
  EXPECT_EQ(FormatDate(*p->hire_date), "2024-05-06");
  ASSERT_EQ(p->skills.size(), 2u);
  EXPECT_EQ(p->skills[0].skill, "compilers");
  EXPECT_EQ(p->skills[0].level, 4);
  EXPECT_EQ(p->skills[0].source, SkillSource::kManager);

  auto sub = store_->ReportingSubtree(**id);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->size(), 3u);  // Turing, Dijkstra, Liskov (two levels)
}

TEST_P(StoreTest, ReapplyingTheSameRosterChangesNothing) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  auto before = store_->GetPerson(store_->FindPersonByExternalId("E5")->value());
  auto r = store_->ApplyRoster(SmallOrg(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->added, 0);
  EXPECT_EQ(r->updated, 0);
  EXPECT_EQ(r->unchanged, 5);
  EXPECT_EQ(r->teams_added, 0);
  EXPECT_EQ(r->skills_added, 0);
}

TEST_P(StoreTest, ChangesAreCountedAndSyncDeactivatesTheAbsent) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  auto org = SmallOrg();
  org[3].skills = {{"algorithms", 4, SkillSource::kSelf}};  // Dijkstra: skills change
  org[4].manager_external_id = "E4";                        // Liskov: manager change
  org.erase(org.begin() + 2);                               // Turing leaves
  auto r = store_->ApplyRoster(org, {.sync = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->added, 0);
  EXPECT_EQ(r->updated, 2);  // Dijkstra's skills, Liskov's manager
  EXPECT_EQ(r->deactivated, 1);
  auto page = store_->ListPeople({.limit = 100});
  EXPECT_EQ(page->total, 4);
  auto all = store_->ListPeople({.include_inactive = true, .limit = 100});
  EXPECT_EQ(all->total, 5);
  // Turing comes back: reactivated, counted as updated.
  auto again = store_->ApplyRoster(SmallOrg(), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->reactivated, 1);
}

TEST_P(StoreTest, DryRunWritesNothing) {
  auto r = store_->ApplyRoster(SmallOrg(), {.dry_run = true});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->added, 5);
  EXPECT_EQ(store_->ListPeople({})->total, 0);
  EXPECT_TRUE(store_->ListTeams()->empty());
}

TEST_P(StoreTest, SearchFiltersAndEscapesWildcards) {
  auto org = SmallOrg();
  org.push_back(Rec("E6", "Percent 100% Person", "E2", "Sales"));
  ASSERT_TRUE(store_->ApplyRoster(org, {}).ok());
  EXPECT_EQ(store_->ListPeople({.search = "GRACE"})->total, 1);
  EXPECT_EQ(store_->ListPeople({.search = "platform"})->total, 3);  // team path
  EXPECT_EQ(store_->ListPeople({.search = "%"})->total, 1);         // literal, not a wildcard
  EXPECT_EQ(store_->ListPeople({.search = "_"})->total, 0);
  EXPECT_EQ(store_->ListPeople({.roots_only = true})->total, 1);
  auto grace = store_->FindPersonByExternalId("E2")->value();
  EXPECT_EQ(store_->ListPeople({.manager = grace})->total, 3);
  EXPECT_EQ(store_->ListPeople({.subtree_of = grace})->total, 4);
  auto page = store_->ListPeople({.limit = 2, .offset = 2});
  EXPECT_EQ(page->total, 6);
  EXPECT_EQ(page->people.size(), 2u);
  EXPECT_FALSE(store_->ListPeople({.limit = 0}).ok());
  EXPECT_EQ(store_->ListPeople({.limit = 5000}).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, UsersSessionsAndAudit) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  PersonId ada = store_->FindPersonByExternalId("E1")->value();
  User u{UserId(), "ada", "$argon2id$fake", Role::kAdmin, ada, false};
  auto id = store_->CreateUser(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(store_->CreateUser(u).status().code(), StatusCode::kAlreadyExists);
  User ghost{UserId(), "ghost", "x", Role::kEmployee, PersonId(999999), false};
  EXPECT_EQ(store_->CreateUser(ghost).status().code(), StatusCode::kNotFound);
  auto found = store_->FindUser("ada");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->role, Role::kAdmin);
  EXPECT_EQ(found->person_id, ada);
  EXPECT_EQ(store_->FindUser("nobody").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->CountUsers(), 1);

  Timestamp t0 = *ParseTimestamp("2026-01-01T00:00:00Z");
  Session s{"hash1", *id, "csrf1", t0, t0 + std::chrono::hours(1)};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  auto got = store_->GetSession("hash1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->csrf_token, "csrf1");
  EXPECT_EQ(got->expires_at, t0 + std::chrono::hours(1));
  EXPECT_EQ(*store_->DeleteExpiredSessions(t0 + std::chrono::minutes(30)), 0);
  EXPECT_EQ(*store_->DeleteExpiredSessions(t0 + std::chrono::hours(2)), 1);
  EXPECT_EQ(store_->GetSession("hash1").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->AppendAudit({0, t0, *id, "person.read", "person:1", ""}).ok());
  ASSERT_TRUE(store_->AppendAudit({0, t0, UserId(), "user.login_failed", "user:x", ""}).ok());
  auto log = store_->ListAudit(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "user.login_failed");  // newest first
  EXPECT_FALSE((*log)[0].user_id.valid());
  EXPECT_EQ((*log)[1].user_id, *id);
}

// The audit log read a page at a time and narrowed: an action prefix (matched as text, so
// '%' and '_' in it are no patterns), an exact target, a user.
TEST_P(StoreTest, AuditLogPagesAndFilters) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  PersonId ada = store_->FindPersonByExternalId("E1")->value();
  auto id = store_->CreateUser({UserId(), "ada", "$argon2id$fake", Role::kAdmin, ada, false});
  ASSERT_TRUE(id.ok());
  Timestamp t0 = *ParseTimestamp("2026-01-01T00:00:00Z");
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"person.read", "person:1"},      {"network.person.read", "person:1"},
      {"network.export", "snapshot:3"}, {"network_x", "person:2"},
      {"network%", "person:12"},        {"user.login", "user:1"},
      {"person.read", "person:2"},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    UserId who = i % 2 ? *id : UserId();
    Timestamp at = t0 + std::chrono::hours(static_cast<int>(i));
    ASSERT_TRUE(store_->AppendAudit({0, at, who, rows[i].first, rows[i].second, ""}).ok());
  }
  auto actions = [&](const AuditQuery& q) {
    std::vector<std::string> out;
    auto log = store_->ListAudit(q);
    EXPECT_TRUE(log.ok()) << q.action_prefix << ": " << log.status().ToString();
    if (!log.ok()) return out;
    for (const auto& e : *log) out.push_back(e.action + " " + e.target);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(actions({.action_prefix = "network."}),
            (V{"network.export snapshot:3", "network.person.read person:1"}));
  EXPECT_EQ(actions({.action_prefix = "network%"}), V{"network% person:12"});
  EXPECT_EQ(actions({.action_prefix = "network_"}), V{"network_x person:2"});
  EXPECT_EQ(actions({.target = "person:1"}),
            (V{"network.person.read person:1", "person.read person:1"}));
  EXPECT_EQ(actions({.user = *id}),
            (V{"user.login user:1", "network_x person:2", "network.person.read person:1"}));
  EXPECT_EQ(actions({.action_prefix = "person.", .target = "person:2"}), V{"person.read person:2"});
  EXPECT_EQ(actions({.action_prefix = "pérson"}).size(), 0u);
  // A time range: from its first instant, up to but not including its end.
  EXPECT_EQ(actions({.since = t0 + std::chrono::hours(2), .until = t0 + std::chrono::hours(5)}),
            (V{"network% person:12", "network_x person:2", "network.export snapshot:3"}));
  EXPECT_EQ(actions({.user = *id, .since = t0 + std::chrono::hours(4)}), V{"user.login user:1"});
  EXPECT_EQ(actions({.until = t0 + std::chrono::hours(1)}), V{"person.read person:1"});
  EXPECT_EQ(store_->ListAudit({.action_prefix = "\xff"}).status().code(),
            StatusCode::kInvalidArgument);
  // Pages of three, each from the last id of the one before: every entry once, newest first.
  V all;
  for (int64_t before = 0;;) {
    auto page = store_->ListAudit({.limit = 3, .before_id = before});
    ASSERT_TRUE(page.ok());
    for (const auto& e : *page) all.push_back(e.action + " " + e.target);
    if (page->size() < 3) break;
    before = page->back().id;
  }
  ASSERT_EQ(all.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(all[i], rows[rows.size() - 1 - i].first + " " + rows[rows.size() - 1 - i].second);
  }
  EXPECT_EQ(store_->ListAudit({.limit = 0}).status().code(), StatusCode::kInvalidArgument);
  // Retention: the entries from before a time go, the rest stay.
  EXPECT_EQ(*store_->DeleteAuditBefore(t0 + std::chrono::hours(3)), 3);
  EXPECT_EQ(*store_->DeleteAuditBefore(t0 + std::chrono::hours(3)), 0);
  EXPECT_EQ(actions({}), (V{"person.read person:2", "user.login user:1", "network% person:12",
                            "network_x person:2"}));
}

// Bulk writes stream text (COPY on PostgreSQL): every awkward character must survive.
TEST_P(StoreTest, AwkwardTextAndNullsRoundTrip) {
  auto odd = Rec("E\\1", "Zoë \\N O'Brien \"Q\" \t tab", "", "R&D\\Lab/Ünit\\n");
  odd.title = "back\\slash\\";
  odd.hire_date.reset();
  odd.email = "";
  odd.skills = {{"c\\+\\+", 3, SkillSource::kInferred}};
  ASSERT_TRUE(store_->ApplyRoster({odd}, {}).ok());
  auto id = store_->FindPersonByExternalId("E\\1");
  ASSERT_TRUE(id.ok() && id->has_value());
  auto p = store_->GetPerson(**id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name, odd.name);
  EXPECT_EQ(p->title, odd.title);
  EXPECT_EQ(p->team_path, odd.team_path);
  EXPECT_FALSE(p->hire_date.has_value());
  ASSERT_EQ(p->skills.size(), 1u);
  EXPECT_EQ(p->skills[0].skill, "c\\+\\+");
  EXPECT_EQ(p->skills[0].source, SkillSource::kInferred);
  // And the same again is recognised as unchanged.
  auto again = store_->ApplyRoster({odd}, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 1);
}

TEST_P(StoreTest, GetPersonOfNobodyIsNotFound) {
  EXPECT_EQ(store_->GetPerson(PersonId(12345)).status().code(), StatusCode::kNotFound);
}

// Interactions are checked against the roster by the store itself (PostgreSQL's table has no
// foreign keys since migration 11): a write naming anybody not in it, as source or target, is
// refused whole, saying which row and whom, and the store keeps exactly what it had.
TEST_P(StoreTest, InteractionsNamingSomebodyNotInTheRosterAreRefusedWhole) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const PersonId ada = ids.at("E1"), grace = ids.at("E2"), alan = ids.at("E3");
  const Timestamp day = *ParseTimestamp("2026-11-02T00:00:00Z");
  std::vector<InteractionRecord> good = {{ada, grace, graph::Layer::kReply, day, 2.0, "C1"},
                                         {grace, alan, graph::Layer::kMention, day, 1.0, "C1"}};
  auto added = store_->AddInteractions(good, "test", {});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->added, 2);
  int64_t largest = 0;
  for (const auto& [ext, id] : ids) largest = std::max(largest, id.value);
  // A few rows (the store reads only their people) and many (it reads the whole roster).
  for (bool as_target : {false, true}) {
    for (int64_t stranger : {largest + 1, int64_t{0}, int64_t{-7}, largest + 100000}) {
      for (int extra : {0, 100}) {
        auto batch = good;
        batch[0].weight = 5.0;  // would raise the stored row
        batch.push_back({alan, ada, graph::Layer::kReaction, day, 1.0, "C2"});
        for (int k = 0; k < extra; ++k) {
          batch.push_back(
              {alan, ada, graph::Layer::kReaction, day + std::chrono::seconds(k + 1), 1.0, "C2"});
        }
        batch.push_back(as_target ? InteractionRecord{alan, PersonId(stranger),
                                                      graph::Layer::kReply, day, 1.0, "C2"}
                                  : InteractionRecord{PersonId(stranger), alan,
                                                      graph::Layer::kReply, day, 1.0, "C2"});
        auto refused =
            store_->AddInteractions(batch, "test", {.on_duplicate = OnDuplicate::kKeepLarger});
        ASSERT_FALSE(refused.ok()) << stranger;
        EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
        EXPECT_NE(refused.status().message().find("interaction " + std::to_string(4 + extra) +
                                                  " names person " + std::to_string(stranger) +
                                                  ", who is not in"),
                  std::string::npos)
            << refused.status().message();
      }
    }
  }
  auto stored = store_->LoadInteractions(std::nullopt);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].src, ada.value);
  EXPECT_EQ((*stored)[0].weight, 2.0);
  EXPECT_EQ((*stored)[1].dst, alan.value);
  // Retention: interactions from before a time go (by when they happened), the rest stay.
  ASSERT_TRUE(
      store_
          ->AddInteractions(
              {{alan, ada, graph::Layer::kKudos, day + std::chrono::days(1), 1.0, "K"}}, "test", {})
          .ok());
  // Written with a retention: rows from before it are counted, not written.
  auto kept = store_->AddInteractions(
      {{ada, alan, graph::Layer::kKudos, day - std::chrono::days(400), 1.0, "old"},
       {ada, alan, graph::Layer::kKudos, day + std::chrono::days(2), 1.0, "new"}},
      "test", {.not_before = day - std::chrono::days(30)});
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->added, 1);
  EXPECT_EQ(kept->too_old, 1);
  EXPECT_EQ(store_->LoadInteractions(std::nullopt)->size(), 4u);
  EXPECT_EQ(*store_->DeleteInteractionsBefore(day), 0);
  EXPECT_EQ(*store_->DeleteInteractionsBefore(day + std::chrono::hours(1)), 2);
  stored = store_->LoadInteractions(std::nullopt);
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].src, alan.value);
}

TEST_P(StoreTest, AccountLinksAreKeptPerPlatformAndARefusedBatchWritesNothing) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const PersonId ada = ids.at("E1"), grace = ids.at("E2");
  const Timestamp t{};
  auto linked = store_->LinkAccounts("slack", {{"U2", grace, t}, {"U1", ada, t}});
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(*linked, 2);
  // The same again changes nothing; a new person for U1 changes one.
  EXPECT_EQ(*store_->LinkAccounts("slack", {{"U1", ada, t}, {"U2", grace, t}}), 0);
  EXPECT_EQ(*store_->LinkAccounts("slack", {{"U1", grace, t}}), 1);
  // A batch naming somebody not stored is refused whole, naming the account.
  auto refused = store_->LinkAccounts("slack", {{"U3", ada, t}, {"U4", PersonId(999999), t}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
  EXPECT_NE(refused.status().message().find("account U4: there is no person 999999"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(store_->LinkAccounts("zoom", {{"Z1", ada, t}}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->LinkAccounts("slack", {{"", ada, t}}).status().code(),
            StatusCode::kInvalidArgument);
  auto slack = store_->ListAccountLinks("slack");
  ASSERT_TRUE(slack.ok()) << slack.status().ToString();
  ASSERT_EQ(slack->size(), 2u);  // U3 was not written
  EXPECT_EQ((*slack)[0].account, "U1");
  EXPECT_EQ((*slack)[0].person, grace);
  EXPECT_EQ((*slack)[1].account, "U2");
  EXPECT_GT((*slack)[0].linked_at.time_since_epoch().count(), 0);
  // Platforms are apart: the same account id on Teams is another account.
  EXPECT_EQ(*store_->LinkAccounts("teams", {{"U1", ada, t}}), 1);
  EXPECT_EQ(store_->ListAccountLinks("teams")->at(0).person, ada);
  EXPECT_EQ(store_->ListAccountLinks("slack")->at(0).person, grace);
  const std::vector<std::string> gone = {"U1", "U9"};
  EXPECT_EQ(*store_->UnlinkAccounts("slack", gone), 1);
  ASSERT_EQ(store_->ListAccountLinks("slack")->size(), 1u);
  EXPECT_EQ(store_->ListAccountLinks("teams")->size(), 1u);
}

TEST_P(StoreTest, SnapshotsRoundTripExactly) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  auto ids = store_->PersonIdsByExternalId();
  ASSERT_TRUE(ids.ok());
  auto all = store_->AllPeople(false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  EXPECT_LT((*all)[0].id.value, (*all)[1].id.value);
  EXPECT_EQ((*all)[2].team_path, "Eng/Platform");
  const int64_t a = ids->at("E3").value, b = ids->at("E4").value, c = ids->at("E5").value;

  network::Snapshot snap;
  snap.taken_at = *ParseTimestamp("2026-11-01T08:00:00Z");
  snap.window = graph::Window{*ParseTimestamp("2026-08-03T00:00:00Z"), snap.taken_at};
  snap.params = {{"damping", 0.85}};
  snap.summary = {{"people", 3}, {"modularity", 0.1234567890123}};
  snap.findings = {{"champions", {{{"person", a}, {"reasons", {"asked by 5 people"}}}}},
                   {"silos", nlohmann::json::array()}};
  snap.flows = {{"Eng/Platform", "Eng/Platform", 2}};
  network::SnapshotPerson pa{a, "Eng/Platform", 0, 2, 1, 3.5, 1.0, 0.1 / 3, 1.0, 0.5, 1.0, 1.0};
  pa.effective_size = std::numeric_limits<double>::quiet_NaN();  // stored as NULL, read as NaN
  pa.coreness = 2;
  pa.clustering = 1.0 / 3;
  pa.x = -1;
  pa.y = 0.25;
  network::SnapshotPerson pb{b, "Eng/Platform", 1};
  network::SnapshotPerson pc{c, "", 1};
  snap.people = {pa, pb, pc};
  snap.teams = {{"Eng/Platform", 3, 2, 0, 2.0 / 3, -1.0, 0.0, 0, 0}};
  snap.edges = {{a, b, 1.0 / 7}, {b, a, 2.5}, {c, a, 1e-9}};

  auto id = store_->SaveSnapshot(snap);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto loaded = store_->LoadSnapshot(*id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->id, *id);
  EXPECT_EQ(loaded->taken_at, snap.taken_at);
  ASSERT_TRUE(loaded->window.has_value());
  EXPECT_EQ(loaded->window->from, snap.window->from);
  EXPECT_EQ(loaded->summary, snap.summary);
  EXPECT_EQ(loaded->findings, snap.findings);
  EXPECT_EQ(loaded->flows, snap.flows);
  ASSERT_EQ(loaded->people.size(), 3u);
  const auto& la = loaded->people[0];
  EXPECT_EQ(la.id, a);
  EXPECT_EQ(la.in_degree, 2u);
  EXPECT_EQ(la.pagerank, 0.1 / 3);  // shortest round-trip text: bit-exact
  EXPECT_TRUE(std::isnan(la.effective_size));
  EXPECT_EQ(la.clustering, 1.0 / 3);
  EXPECT_EQ(la.coreness, 2u);
  EXPECT_EQ(la.x, -1);
  EXPECT_EQ(loaded->people[2].team, "");
  ASSERT_EQ(loaded->teams.size(), 1u);
  EXPECT_EQ(loaded->teams[0].density, 2.0 / 3);
  EXPECT_EQ(loaded->teams[0].ei_index, -1.0);
  ASSERT_EQ(loaded->edges.size(), 3u);
  EXPECT_EQ(loaded->edges[0].weight, 1.0 / 7);
  EXPECT_EQ(loaded->edges[2].weight, 1e-9);

  // A second, later snapshot lists first; an unknown id is NotFound.
  snap.taken_at = *ParseTimestamp("2026-11-08T08:00:00Z");
  snap.window.reset();
  auto id2 = store_->SaveSnapshot(snap);
  ASSERT_TRUE(id2.ok());
  auto list = store_->ListSnapshots();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, *id2);
  EXPECT_EQ(store_->LatestSnapshotId().value(), std::optional<int64_t>(*id2));
  EXPECT_FALSE((*list)[0].window.has_value());
  EXPECT_EQ((*list)[1].summary.at("modularity"), 0.1234567890123);
  EXPECT_EQ((*list)[1].params, nlohmann::json({{"damping", 0.85}}));
  EXPECT_EQ(store_->LoadSnapshot(*id2 + 100).status().code(), StatusCode::kNotFound);

  // A person over time: their row in each snapshot, oldest first, with how many had fewer askers.
  auto history = store_->PersonHistory(PersonId(a), 10);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].snapshot_id, *id);
  EXPECT_EQ((*history)[1].snapshot_id, *id2);
  EXPECT_EQ((*history)[0].taken_at, *ParseTimestamp("2026-11-01T08:00:00Z"));
  ASSERT_TRUE((*history)[0].window.has_value());
  EXPECT_EQ((*history)[0].window->from, *ParseTimestamp("2026-08-03T00:00:00Z"));
  EXPECT_FALSE((*history)[1].window.has_value());
  EXPECT_EQ((*history)[0].people, 3);
  EXPECT_EQ((*history)[0].fewer_askers, 2);  // b and c: no askers
  EXPECT_EQ((*history)[0].person.in_degree, 2u);
  EXPECT_EQ((*history)[0].person.team, "Eng/Platform");
  EXPECT_EQ((*history)[0].person.pagerank, 0.1 / 3);
  EXPECT_EQ((*history)[0].findings, snap.findings);
  EXPECT_EQ((*history)[0].params, nlohmann::json({{"damping", 0.85}}));
  auto newest = store_->PersonHistory(PersonId(a), 1);
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ(newest->front().snapshot_id, *id2);
  EXPECT_EQ(store_->PersonHistory(PersonId(b), 10)->front().fewer_askers, 0);
  EXPECT_TRUE(store_->PersonHistory(PersonId(ids->at("E1").value), 10)->empty());

  // Ties must join two of the snapshot's people, each pair once, in (src, dst) order: else the
  // snapshot is refused whole, saying which tie.
  auto ties = snap.edges;
  snap.edges.push_back({c, 999999, 1.0});
  auto refused = store_->SaveSnapshot(snap);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("snapshot tie 4 ("), std::string::npos)
      << refused.status().message();
  snap.edges = ties;
  snap.edges.push_back(ties.back());
  refused = store_->SaveSnapshot(snap);
  EXPECT_NE(refused.status().message().find("repeats a tie"), std::string::npos)
      << refused.status().message();
  snap.edges = {ties[1], ties[0]};
  EXPECT_EQ(store_->SaveSnapshot(snap).status().code(), StatusCode::kInvalidArgument);
  snap.edges = ties;
  EXPECT_EQ(store_->ListSnapshots()->size(), 2u);

  // A snapshot naming somebody not in the store is refused whole.
  snap.people.push_back({999999, "", 0});
  EXPECT_FALSE(store_->SaveSnapshot(snap).ok());
  EXPECT_EQ(store_->ListSnapshots()->size(), 2u);
}

// On PostgreSQL each snapshot's ties are a table of their own, attached to snapshot_edges; on
// either backend a snapshot whose ties cannot be written is not saved at all: not its row,
// people, teams or a table. Blocked on PostgreSQL by a table already holding the name the next
// snapshot's ties would take, on SQLite by a trigger refusing one tie.
TEST_P(StoreTest, SnapshotTiesOnePartitionEachAndAFailedWriteLeavesNothing) {
  network::Snapshot snap;
  const auto [first, second, no_ties] = SaveThreeSnapshots(snap);
  const int64_t a = snap.people[0].id, b = snap.people[1].id;

  soci::session raw;
  OpenRaw(raw);
  const bool pg = GetParam() == "postgresql";
  if (pg) {
    std::vector<std::string> parts(10);
    raw << "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
           "WHERE i.inhparent = 'snapshot_edges'::regclass ORDER BY c.relname",
        soci::into(parts);
    EXPECT_EQ(parts, (std::vector<std::string>{"snapshot_edges_" + std::to_string(first),
                                               "snapshot_edges_" + std::to_string(second)}));
    int indexes = -1;
    raw << "SELECT COUNT(*) FROM pg_indexes WHERE tablename LIKE 'snapshot_edges%'",
        soci::into(indexes);
    EXPECT_EQ(indexes, 0);
  }
  EXPECT_EQ(store_->LoadSnapshot(first)->edges.size(), 2u);
  EXPECT_EQ(store_->LoadSnapshot(second)->edges.size(), 1u);
  EXPECT_EQ(store_->LoadSnapshot(no_ties)->edges.size(), 0u);

  // The blocker.
  std::string next;
  if (pg) {
    long long last = 0;
    raw << "SELECT last_value FROM network_snapshots_id_seq", soci::into(last);
    next = "snapshot_edges_" + std::to_string(last + 1);
    raw << "CREATE TABLE " + next + " (x INTEGER)";
  } else {
    raw << "CREATE TRIGGER refuse_42 BEFORE INSERT ON snapshot_edges WHEN NEW.weight = 42 "
           "BEGIN SELECT RAISE(ABORT, 'tie refused by the test'); END";
  }
  auto rows = [&](const std::string& table) {
    long long n = -1;
    raw << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  };
  const long long people = rows("snapshot_people"), teams = rows("snapshot_teams");
  snap.edges = {{a, b, 2.0}, {b, a, 42.0}};
  auto refused = store_->SaveSnapshot(snap);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(pg ? next : "tie refused by the test"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(store_->ListSnapshots()->size(), 3u);
  EXPECT_EQ(rows("snapshot_people"), people);
  EXPECT_EQ(rows("snapshot_teams"), teams);
  EXPECT_EQ(rows("snapshot_edges"), 3);
  if (pg) {
    EXPECT_EQ(rows("pg_inherits WHERE inhparent = 'snapshot_edges'::regclass"), 2);
    raw << "DROP TABLE " + next;
  } else {
    raw << "DROP TRIGGER refuse_42";
  }
  const int64_t saved = store_->SaveSnapshot(snap).value();
  EXPECT_EQ(store_->LoadSnapshot(saved)->edges.size(), 2u);
  EXPECT_EQ(store_->LoadSnapshot(saved)->edges[1].weight, 42.0);
}

// Migration 12 moves a PostgreSQL store's ties from the one table of schema 11 (with its
// block-range index) into a partition per snapshot, every tie kept; SQLite's table is untouched.
TEST_P(StoreTest, MigrationTwelveMovesEachSnapshotsTiesIntoItsOwnTable) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const int64_t a = ids.at("E3").value, b = ids.at("E4").value, c = ids.at("E5").value;
  network::Snapshot snap;
  snap.taken_at = *ParseTimestamp("2026-11-01T08:00:00Z");
  snap.people = {{a, "Eng/Platform", 0}, {b, "Eng/Platform", 0}, {c, "Eng/Platform", 0}};
  snap.edges = {{a, b, 1.0 / 3}, {a, c, 2.0}, {c, b, 0.5}};
  const int64_t first = store_->SaveSnapshot(snap).value();
  snap.edges = {{b, c, 7.0}};
  const int64_t second = store_->SaveSnapshot(snap).value();
  const auto before_first = store_->LoadSnapshot(first)->edges;

  soci::session raw;
  OpenRaw(raw);
  if (GetParam() == "postgresql") {  // back to schema 11, the ties kept
    raw << "CREATE TABLE kept AS SELECT * FROM snapshot_edges";
    raw << "DROP TABLE snapshot_edges";
    raw << "CREATE TABLE snapshot_edges (snapshot_id BIGINT NOT NULL, src_person_id BIGINT NOT "
           "NULL, dst_person_id BIGINT NOT NULL, weight DOUBLE PRECISION NOT NULL)";
    raw << "INSERT INTO snapshot_edges SELECT * FROM kept ORDER BY snapshot_id DESC";
    raw << "CREATE INDEX snapshot_edges_snapshot ON snapshot_edges USING brin (snapshot_id)";
    raw << "DROP TABLE kept";
  }
  const int latest = store_->SchemaVersion().value();
  raw << "DROP TABLE deleted_snapshots";  // migration 13's
  raw << "DROP TABLE account_links";      // migration 14's
  raw << "DROP INDEX audit_log_target";   // migration 16's
  raw << "DROP INDEX audit_log_user";
  raw << "DROP TABLE job_leases";              // migration 17's
  raw << "DROP INDEX snapshot_people_person";  // migration 18's
  raw << "DELETE FROM schema_migrations WHERE version >= 12";
  ASSERT_EQ(store_->SchemaVersion().value(), 11);
  auto migrated = store_->Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ(*migrated, latest);

  const auto after_first = store_->LoadSnapshot(first)->edges;
  ASSERT_EQ(after_first.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(after_first[i].src, before_first[i].src);
    EXPECT_EQ(after_first[i].dst, before_first[i].dst);
    EXPECT_EQ(after_first[i].weight, before_first[i].weight);
  }
  ASSERT_EQ(store_->LoadSnapshot(second)->edges.size(), 1u);
  EXPECT_EQ(store_->LoadSnapshot(second)->edges[0].weight, 7.0);
  if (GetParam() == "postgresql") {
    long long parts = -1, rows_in_first = -1, indexes = -1;
    raw << "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'snapshot_edges'::regclass",
        soci::into(parts);
    EXPECT_EQ(parts, 2);
    raw << "SELECT COUNT(*) FROM snapshot_edges_" + std::to_string(first),
        soci::into(rows_in_first);
    EXPECT_EQ(rows_in_first, 3);
    raw << "SELECT COUNT(*) FROM pg_indexes WHERE tablename LIKE 'snapshot_edges%'",
        soci::into(indexes);
    EXPECT_EQ(indexes, 0);
  }
  // A later snapshot is written the new way beside the migrated ones.
  const int64_t third = store_->SaveSnapshot(snap).value();
  EXPECT_EQ(store_->LoadSnapshot(third)->edges.size(), 1u);
}

// Deleting snapshots takes their row, people, teams and ties (on PostgreSQL their table), and
// nothing of the others; an unknown id among them deletes none.
TEST_P(StoreTest, DeletingSnapshotsTakesAllOfThemAndNothingElse) {
  network::Snapshot snap;
  const auto [first, kept, no_ties] = SaveThreeSnapshots(snap);

  soci::session raw;
  OpenRaw(raw);
  auto rows = [&](const std::string& table, int64_t id) {
    long long n = -1;
    raw << "SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = " + std::to_string(id),
        soci::into(n);
    return n;
  };
  const int64_t missing = no_ties + 100;
  auto refused = store_->DeleteSnapshots(std::vector<int64_t>{first, missing});
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
  EXPECT_NE(refused.status().message().find("no snapshot " + std::to_string(missing)),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(store_->ListSnapshots()->size(), 3u);
  EXPECT_EQ(rows("snapshot_edges", first), 2);

  auto deleted = store_->DeleteSnapshots(std::vector<int64_t>{no_ties, first, first});
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(*deleted, 2);  // the ties
  const auto left = store_->ListSnapshots().value();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, kept);
  EXPECT_EQ(store_->LoadSnapshot(first).status().code(), StatusCode::kNotFound);
  for (int64_t gone : {first, no_ties}) {
    for (const char* table : {"snapshot_people", "snapshot_teams", "snapshot_edges"}) {
      EXPECT_EQ(rows(table, gone), 0) << table << " of " << gone;
    }
  }
  EXPECT_EQ(rows("snapshot_people", kept), 2);
  EXPECT_EQ(rows("snapshot_teams", kept), 1);
  ASSERT_EQ(store_->LoadSnapshot(kept)->edges.size(), 1u);
  if (GetParam() == "postgresql") {
    long long tables = -1;
    raw << "SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'snapshot_edges\\_%'",
        soci::into(tables);
    EXPECT_EQ(tables, 1);  // the kept snapshot's
  }
  // A new snapshot does not take a deleted one's id.
  EXPECT_GT(store_->SaveSnapshot(snap).value(), no_ties);
}

TEST_P(StoreTest, AnonymousAnswersKeepNoLinkToWhoCompleted) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  auto ps = surveys::BuiltinInstrument("psych-safety");
  ASSERT_TRUE(ps.ok());
  auto instrument = store_->SaveInstrument(*ps);
  ASSERT_TRUE(instrument.ok()) << instrument.status().ToString();
  EXPECT_EQ(store_->SaveInstrument(*ps).value(), *instrument);  // same definition: same id
  surveys::Instrument changed = *ps;
  changed.items[0].text = "Changed.";
  EXPECT_EQ(store_->SaveInstrument(changed).status().code(), StatusCode::kAlreadyExists);

  const auto ids = store_->PersonIdsByExternalId().value();
  WaveRecord wave{.instrument_id = *instrument,
                  .title = "Spring 2026",
                  .opens_at = *ParseTimestamp("2026-03-01T00:00:00Z"),
                  .closes_at = *ParseTimestamp("2026-03-15T00:00:00Z"),
                  .k = 5,
                  .source = "import",
                  .import_fingerprint = "abc"};
  std::vector<SurveyResponseRecord> responses;
  for (const char* who : {"E3", "E4", "E5"}) {
    responses.push_back({ids.at(who),
                         "Eng/Platform",
                         {7, 1, 2, surveys::kMissing, 3, 4, 5},
                         *ParseTimestamp("2026-03-02T17:45:12Z")});
  }
  responses.push_back({std::nullopt,
                       "Eng/Platform",
                       {1, 2, 3, 4, 5, 6, 7},
                       *ParseTimestamp("2026-03-03T08:00:00Z")});

  // A dry run and a malformed response both leave nothing behind.
  SurveyWriteResult counts;
  ASSERT_TRUE(store_->ImportWave(*ps, wave, responses, /*dry_run=*/true, &counts).ok());
  EXPECT_EQ(counts.responses, 4);
  EXPECT_EQ(counts.completions, 3);
  auto bad = responses;
  bad[2].answers.pop_back();
  auto failed = store_->ImportWave(*ps, wave, bad, false, nullptr);
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(failed.status().message(), "response 3: 6 answers for 7 items");
  EXPECT_TRUE(store_->ListWaves()->empty());

  auto wave_id = store_->ImportWave(*ps, wave, responses, false, &counts);
  ASSERT_TRUE(wave_id.ok()) << wave_id.status().ToString();
  EXPECT_EQ(store_->ImportWave(*ps, wave, responses, false, nullptr).status().code(),
            StatusCode::kAlreadyExists);  // the same file again
  auto stored = store_->LoadSurveyResponses(*wave_id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 4u);
  int with_missing = 0;
  for (const StoredResponse& r : *stored) {
    EXPECT_FALSE(r.respondent.has_value());
    EXPECT_EQ(r.group, "Eng/Platform");
    with_missing += std::isnan(r.answers[3]);
    EXPECT_TRUE(r.submitted_day == 20514 || r.submitted_day == 20515) << r.submitted_day;
  }
  EXPECT_EQ(with_missing, 3);
  auto w = store_->GetWave(*wave_id);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->title, "Spring 2026");
  EXPECT_EQ(w->import_fingerprint, "abc");
  EXPECT_EQ(store_->GetWave(*wave_id + 7).status().code(), StatusCode::kNotFound);

  // A confidential instrument keeps the respondent; one response per person per wave.
  auto reaction = surveys::BuiltinInstrument("reaction");
  auto rid = store_->SaveInstrument(*reaction);
  ASSERT_TRUE(rid.ok());
  WaveRecord wave2{.instrument_id = *rid,
                   .title = "Workshop",
                   .opens_at = wave.opens_at,
                   .closes_at = wave.closes_at,
                   .k = 3};
  wave2.source = "import";
  std::vector<SurveyResponseRecord> two = {{ids.at("E3"), "Eng", {5, 4, 4, 5, 5}, wave.opens_at},
                                           {ids.at("E3"), "Eng", {1, 1, 1, 1, 1}, wave.opens_at}};
  EXPECT_EQ(store_->ImportWave(*reaction, wave2, two, false, nullptr).status().code(),
            StatusCode::kAlreadyExists);
  two.pop_back();
  auto w2 = store_->ImportWave(*reaction, wave2, two, false, nullptr);
  ASSERT_TRUE(w2.ok()) << w2.status().ToString();
  EXPECT_EQ(store_->LoadSurveyResponses(*w2)->at(0).respondent, ids.at("E3"));
  EXPECT_EQ(store_->ListWaves()->size(), 2u);
  wave2.k = 2;
  EXPECT_EQ(store_->CreateWave(wave2).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, SubmissionsDraftsAndAnonymousEditingByReceipt) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  auto ps = surveys::BuiltinInstrument("psych-safety").value();
  auto instrument = store_->SaveInstrument(ps);
  ASSERT_TRUE(instrument.ok());
  WaveRecord wave{.instrument_id = *instrument,
                  .title = "Live",
                  .opens_at = *ParseTimestamp("2026-03-01T00:00:00Z"),
                  .closes_at = *ParseTimestamp("2026-03-15T00:00:00Z"),
                  .k = 5};
  wave.population = {"Eng/Platform", "Exec"};
  auto id = store_->CreateWave(wave);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(store_->GetWave(*id)->population, wave.population);

  const Timestamp now = *ParseTimestamp("2026-03-02T10:11:12Z");
  const std::vector<double> partial = {5, surveys::kMissing, 3, surveys::kMissing, 2, 6, 7};
  ASSERT_TRUE(
      store_->SaveSurveyDraft(*id, ids.at("E3"), {partial, now, {{"comment", "half"}}}).ok());
  auto draft = store_->GetSurveyDraft(*id, ids.at("E3"));
  ASSERT_TRUE(draft.ok() && draft->has_value());
  EXPECT_TRUE(std::isnan((*draft)->answers[1]));
  EXPECT_DOUBLE_EQ((*draft)->answers[6], 7);
  EXPECT_EQ((*draft)->comments.at("comment"), "half");

  // Anonymous: the first submission needs no key; a second one needs the first one's key.
  SurveySubmission sub{*id, ids.at("E3"), "Eng/Platform", {5, 4, 3, 4, 2, 6, 7}, "key-e3", now};
  sub.comments = {{"comment", "Fewer \"quick\" syncs; more pairing"}};
  EXPECT_EQ(store_->SubmitSurveyResponse(sub).value(), false);
  EXPECT_FALSE(store_->GetSurveyDraft(*id, ids.at("E3"))->has_value());  // the draft is gone
  for (const char* who : {"E4", "E5", "E1"}) {
    SurveySubmission other{*id, ids.at(who), "Eng/Platform", {1, 1, 1, 1, 1, 1, 1}, "", now};
    ASSERT_TRUE(store_->SubmitSurveyResponse(other).ok());
  }
  sub.edit_key = "";
  EXPECT_EQ(store_->SubmitSurveyResponse(sub).status().code(), StatusCode::kFailedPrecondition);
  sub.edit_key = "key-e3";
  sub.answers[0] = 1;
  EXPECT_EQ(store_->SubmitSurveyResponse(sub).value(), true);
  auto stored = store_->LoadSurveyResponses(*id).value();
  ASSERT_EQ(stored.size(), 4u);
  int edited = 0;
  for (const auto& r : stored) {
    EXPECT_FALSE(r.respondent.has_value());
    const bool mine = r.answers[0] == 1 && r.answers[1] == 4;
    edited += mine;
    // The free text travelled with its row through the other submissions' rewrites.
    EXPECT_EQ(r.comments.count("comment"), mine ? 1u : 0u);
    if (mine) {
      EXPECT_EQ(r.comments.at("comment"), "Fewer \"quick\" syncs; more pairing");
    }
  }
  EXPECT_EQ(edited, 1);
  EXPECT_EQ(store_->SurveyCompletions(*id)->size(), 4u);
  sub.answers.pop_back();
  EXPECT_EQ(store_->SubmitSurveyResponse(sub).status().code(), StatusCode::kInvalidArgument);

  // Confidential: linked, and a resubmission replaces the answers.
  auto reaction = store_->SaveInstrument(surveys::BuiltinInstrument("reaction").value());
  WaveRecord w2 = wave;
  w2.instrument_id = *reaction;
  auto id2 = store_->CreateWave(w2);
  ASSERT_TRUE(id2.ok());
  SurveySubmission c{*id2, ids.at("E4"), "Eng/Platform", {5, 5, 5, 5, 5}, "", now};
  EXPECT_EQ(store_->SubmitSurveyResponse(c).value(), false);
  c.answers = {2, 2, 2, 2, 2};
  EXPECT_EQ(store_->SubmitSurveyResponse(c).value(), true);
  auto conf = store_->LoadSurveyResponses(*id2).value();
  ASSERT_EQ(conf.size(), 1u);
  EXPECT_EQ(conf[0].respondent, ids.at("E4"));
  EXPECT_DOUBLE_EQ(conf[0].answers[0], 2);
  EXPECT_EQ(store_->SurveyCompletions(*id2)->size(), 1u);
}

// What a database dump shows after an anonymous submission: every answer row of the wave has a
// new id (SQLite keeps the table in id order), and on PostgreSQL every row carries the last
// transaction's id (xmin), so no row stands out as the one written with a completion.
TEST_P(StoreTest, AnAnonymousSubmissionLeavesNoRowStandingOutInADump) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  auto in = surveys::BuiltinInstrument("learning-pulse").value();
  WaveRecord wave{.instrument_id = store_->SaveInstrument(in).value(),
                  .title = "Pulse",
                  .opens_at = *ParseTimestamp("2026-03-01T00:00:00Z"),
                  .closes_at = *ParseTimestamp("2026-03-15T00:00:00Z"),
                  .k = 5};
  const int64_t w = store_->CreateWave(wave).value();
  soci::session raw;
  OpenRaw(raw);
  auto row_ids = [&] {
    std::vector<std::string> out(50);
    raw << "SELECT id FROM survey_responses ORDER BY id", soci::into(out);
    return std::set<std::string>(out.begin(), out.end());
  };
  std::set<std::string> before;
  for (const char* who : {"E1", "E2", "E3", "E4", "E5"}) {
    SurveySubmission sub{w,     ids.at(who),
                         "Eng", std::vector<double>(in.items.size(), 3.0),
                         "",    *ParseTimestamp("2026-03-02T10:00:00Z")};
    ASSERT_TRUE(store_->SubmitSurveyResponse(sub).ok());
    std::set<std::string> after = row_ids();
    EXPECT_EQ(after.size(), before.size() + 1);
    for (const std::string& id : before) EXPECT_FALSE(after.count(id)) << id << " survived";
    before = after;
    if (GetParam() == "postgresql") {
      int distinct = 0;
      raw << "SELECT COUNT(DISTINCT xmin::text) FROM survey_responses", soci::into(distinct);
      EXPECT_EQ(distinct, 1);
    }
  }
}

TEST_P(StoreTest, SchedulesAdvanceOnceAndTheOutboxKeepsEachMessageOnce) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const int64_t pulse =
      store_->SaveInstrument(surveys::BuiltinInstrument("learning-pulse").value()).value();
  ScheduleRecord r{.instrument_id = pulse,
                   .title = "Pulse",
                   .population = {"Eng"},
                   .k = 5,
                   .every_days = 42,
                   .open_days = 14,
                   .reminder_days_before = {5, 2},
                   .next_opens_at = *ParseTimestamp("2026-03-02T09:00:00Z")};
  ScheduleRecord bad = r;
  bad.open_days = 43;
  EXPECT_EQ(store_->CreateSchedule(bad).status().code(), StatusCode::kInvalidArgument);
  bad = r;
  bad.k = 2;
  EXPECT_EQ(store_->CreateSchedule(bad).status().code(), StatusCode::kInvalidArgument);
  bad = r;
  bad.reminder_days_before = {0};
  EXPECT_EQ(store_->CreateSchedule(bad).status().code(), StatusCode::kInvalidArgument);
  bad = r;
  bad.instrument_id = 999;
  EXPECT_EQ(store_->CreateSchedule(bad).status().code(), StatusCode::kInvalidArgument);
  auto id = store_->CreateSchedule(r);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto listed = store_->ListSchedules().value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].population, std::vector<std::string>{"Eng"});
  EXPECT_EQ(listed[0].reminder_days_before, (std::vector<int>{5, 2}));
  EXPECT_TRUE(listed[0].active);

  WaveRecord w{.instrument_id = pulse,
               .title = "Pulse, 2026-03-02",
               .opens_at = r.next_opens_at,
               .closes_at = r.next_opens_at + std::chrono::days(14),
               .k = 5};
  w.reminder_days_before = {5, 2};
  const Timestamp next = r.next_opens_at + std::chrono::days(42);
  auto wave = store_->AdvanceSchedule(*id, r.next_opens_at, next, &w);
  ASSERT_TRUE(wave.ok() && wave->has_value()) << wave.status().ToString();
  // A second run with the old expectation changes nothing.
  auto again = store_->AdvanceSchedule(*id, r.next_opens_at, next, &w);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(store_->ListWaves()->size(), 1u);
  auto stored = store_->GetWave(**wave).value();
  EXPECT_EQ(stored.schedule_id, *id);
  EXPECT_EQ(stored.reminder_days_before, (std::vector<int>{5, 2}));
  EXPECT_EQ(store_->ListSchedules()->at(0).next_opens_at, next);
  ASSERT_TRUE(store_->SetScheduleActive(*id, false).ok());
  EXPECT_FALSE(store_->ListSchedules()->at(0).active);
  EXPECT_EQ(store_->SetScheduleActive(77, false).code(), StatusCode::kNotFound);

  std::vector<OutboxMessage> msgs;
  for (const char* who : {"E2", "E3"}) {
    msgs.push_back({.wave_id = **wave,
                    .person = ids.at(who),
                    .kind = "invitation",
                    .recipient = std::string(who) + "@x.io",
                    .subject = "Pulse",
                    .body = "Please answer"});
  }
  EXPECT_EQ(store_->EnqueueMessages(msgs).value(), 2);
  EXPECT_EQ(store_->EnqueueMessages(msgs).value(), 0);  // the same messages again: none added
  auto pending = store_->PendingMessages(3, 10).value();
  ASSERT_EQ(pending.size(), 2u);
  const Timestamp now = *ParseTimestamp("2026-03-02T09:05:00Z");
  ASSERT_TRUE(store_->RecordDelivery(pending[0].id, "", now, false).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_->RecordDelivery(pending[1].id, "refused", now, false).ok());
  }
  EXPECT_TRUE(store_->PendingMessages(3, 10)->empty());  // one sent, one given up
  auto all = store_->WaveMessages(**wave).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].sent_at, now);
  EXPECT_EQ(all[1].attempts, 3);
  EXPECT_EQ(all[1].last_error, "refused");
  auto sum = store_->SummariseOutbox(**wave, 3).value();
  EXPECT_EQ(sum.sent, 1);
  EXPECT_EQ(sum.failed, 1);
  EXPECT_EQ(sum.pending, 0);
  OutboxMessage odd = msgs[0];
  odd.kind = "spam";
  EXPECT_EQ(store_->EnqueueMessages({odd}).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, SkillTaxonomyIsAppliedWholeOrNotAtAll) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());  // skills strategy, compilers, cobol
  auto added = store_->ApplySkillTaxonomy({{"engineering", ""},
                                           {"compilers", "engineering"},
                                           {"cobol", "languages"},
                                           {"languages", "engineering"}});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 2);  // engineering, languages
  std::map<std::string, std::string> parent;
  const auto stored = store_->SkillParents().value();
  for (const auto& [name, up] : stored) parent[name] = up;
  EXPECT_EQ(parent.at("cobol"), "languages");
  EXPECT_EQ(parent.at("languages"), "engineering");
  EXPECT_EQ(parent.at("engineering"), "");
  EXPECT_EQ(parent.at("strategy"), "");
  // A cycle through the stored part is refused, and nothing changes.
  auto cycle = store_->ApplySkillTaxonomy({{"engineering", "cobol"}, {"newskill", ""}});
  EXPECT_EQ(cycle.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cycle.status().message().find("its own ancestor"), std::string::npos);
  auto after = store_->SkillParents().value();
  EXPECT_EQ(after.size(), parent.size());
  for (const auto& [name, up] : after) EXPECT_EQ(parent.at(name), up) << name;
}

TEST_P(StoreTest, LearningGoalsAreReplacedWholeAndRefusalsKeepThem) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const Timestamp now = Timestamp(*ParseDate("2026-03-02"));
  ASSERT_TRUE(store_->SetLearningGoals(ids.at("E3"), {{"sql", 3}, {"negotiation", 2}}, now).ok());
  ASSERT_TRUE(store_->SetLearningGoals(ids.at("E4"), {{"cobol", 4}}, now).ok());
  for (const auto& bad :
       std::vector<std::vector<LearningGoal>>{{{"sql", 5}},
                                              {{"sql", 2}, {"sql", 3}},
                                              {{"", 2}},
                                              std::vector<LearningGoal>(11, {"x", 2})}) {
    EXPECT_EQ(store_->SetLearningGoals(ids.at("E3"), bad, now).code(),
              StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(store_->SetLearningGoals(PersonId(999), {{"sql", 3}}, now).code(),
            StatusCode::kNotFound);
  const auto e3 = store_->LearningGoals(ids.at("E3")).value();
  ASSERT_EQ(e3.size(), 2u);
  EXPECT_EQ(e3[0].second.skill, "sql");  // in the order given
  EXPECT_EQ(e3[1].second.target, 2);
  EXPECT_EQ(store_->LearningGoals(std::nullopt).value().size(), 3u);
  ASSERT_TRUE(store_->SetLearningGoals(ids.at("E3"), {}, now).ok());
  EXPECT_TRUE(store_->LearningGoals(ids.at("E3")).value().empty());
  EXPECT_EQ(store_->LearningGoals(std::nullopt).value().size(), 1u);
}

TEST_P(StoreTest, CirclesFromChallengeToMeetingsWithEveryRefusalLeavingNothing) {
  ASSERT_TRUE(store_->ApplyRoster(SmallOrg(), {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  const Timestamp t0 = Timestamp(*ParseDate("2026-03-02"));
  ChallengeRecord c{0,
                    "Faster onboarding",
                    "New joiners take 90 days to ship",
                    {"mentoring"},
                    ids.at("E1"),
                    "open",
                    t0};
  const int64_t onboarding = store_->CreateChallenge(c).value();
  c.title = "Calmer incidents";
  c.sponsor = PersonId();
  const int64_t incidents = store_->CreateChallenge(c).value();
  EXPECT_EQ(store_->CreateChallenge({0, "", "", {}, {}, "open", t0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateChallenge({0, "x", "", {}, PersonId(999), "open", t0}).status().code(),
            StatusCode::kNotFound);
  {
    const auto all = store_->ListChallenges().value();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].sponsor, ids.at("E1"));
    EXPECT_FALSE(all[1].sponsor.valid());
    EXPECT_EQ(all[0].skills, std::vector<std::string>{"mentoring"});
  }
  // Sign-ups: ranked, replaced whole; a repeated, unknown or closed challenge changes nothing.
  ASSERT_TRUE(store_->SaveCircleSignup({ids.at("E3"), {incidents, onboarding}, true, 2, t0}).ok());
  ASSERT_TRUE(store_->SaveCircleSignup({ids.at("E4"), {onboarding}, false, 1, t0}).ok());
  EXPECT_EQ(store_->SaveCircleSignup({ids.at("E4"), {onboarding, onboarding}, false, 1, t0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SaveCircleSignup({ids.at("E4"), {incidents, 77}, false, 1, t0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SaveCircleSignup({ids.at("E4"), {incidents}, false, 4, t0}).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->SetChallengeStatus(incidents, "closed").ok());
  EXPECT_EQ(store_->SaveCircleSignup({ids.at("E5"), {incidents}, false, 1, t0}).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->SetChallengeStatus(incidents, "open").ok());
  {
    const auto signups = store_->ListCircleSignups().value();
    ASSERT_EQ(signups.size(), 2u);
    EXPECT_EQ(signups[0].person, ids.at("E3"));
    EXPECT_EQ(signups[0].preferences, (std::vector<int64_t>{incidents, onboarding}));
    EXPECT_TRUE(signups[0].facilitator);
    EXPECT_EQ(signups[0].max_circles, 2);
    EXPECT_EQ(signups[1].preferences, std::vector<int64_t>{onboarding});  // unchanged
  }
  ASSERT_TRUE(store_->SaveCircleSignup({ids.at("E4"), {}, false, 1, t0}).ok());  // withdraws
  EXPECT_EQ(store_->ListCircleSignups().value().size(), 1u);
  // Pins.
  ASSERT_TRUE(store_->PinToChallenge(ids.at("E5"), onboarding, true).ok());
  EXPECT_EQ(store_->PinToChallenge(ids.at("E5"), 99, true).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CirclePins().value(),
            (std::vector<std::pair<PersonId, int64_t>>{{ids.at("E5"), onboarding}}));
  // Proposals replace proposals only; an active circle stays.
  CircleRecord a{0,
                 onboarding,
                 "proposed",
                 {{ids.at("E3"), "facilitator"}, {ids.at("E5")}},
                 R"({"total": 12.5})",
                 "two first choices",
                 7,
                 {},
                 "",
                 t0,
                 std::nullopt};
  const auto first = store_->ReplaceCircleProposals({a, a}).value();
  ASSERT_EQ(first.size(), 2u);
  ASSERT_TRUE(store_->SetCircleStatus(first[0], "active", t0 + std::chrono::days(1)).ok());
  EXPECT_EQ(store_->SetCircleStatus(first[0], "active", t0).code(),
            StatusCode::kFailedPrecondition);
  const auto second = store_->ReplaceCircleProposals({a}).value();
  {
    const auto circles = store_->ListCircles().value();
    ASSERT_EQ(circles.size(), 2u);
    EXPECT_EQ(circles[0].id, first[0]);
    EXPECT_EQ(circles[0].status, "active");
    EXPECT_EQ(*circles[0].started_at, t0 + std::chrono::days(1));
    EXPECT_EQ(circles[1].id, second[0]);
    ASSERT_EQ(circles[0].members.size(), 2u);
    EXPECT_EQ(circles[0].members[0].role, "facilitator");  // the facilitator first
    EXPECT_EQ(circles[0].score, R"({"total": 12.5})");
  }
  // Life and meetings: only an active circle logs meetings.
  ASSERT_TRUE(store_->SaveCircleLife(first[0], 14, {"ground-rules"}, "We learned ü.").ok());
  EXPECT_EQ(store_->SaveCircleLife(first[0], 0, {}, "").code(), StatusCode::kInvalidArgument);
  CircleMeeting m{0,
                  first[0],
                  t0 + std::chrono::days(8),
                  "Mapped the first week",
                  {"buddy", "docs"},
                  ids.at("E3"),
                  t0 + std::chrono::days(8)};
  ASSERT_TRUE(store_->AddCircleMeeting(m).ok());
  m.held_on = t0 + std::chrono::days(15);
  m.takeaways = {};
  const int64_t later = store_->AddCircleMeeting(m).value();
  m.circle_id = second[0];
  EXPECT_EQ(store_->AddCircleMeeting(m).status().code(), StatusCode::kFailedPrecondition);
  const auto meetings = store_->ListCircleMeetings(first[0]).value();
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_EQ(meetings[0].id, later);
  EXPECT_EQ(meetings[1].takeaways, (std::vector<std::string>{"buddy", "docs"}));
  const auto circles = store_->ListCircles().value();
  EXPECT_EQ(circles[0].cadence_days, 14);
  EXPECT_EQ(circles[0].checklist, std::vector<std::string>{"ground-rules"});
  EXPECT_EQ(circles[0].summary, "We learned ü.");
  ASSERT_TRUE(store_->SetCircleStatus(first[0], "closed", t0).ok());
  EXPECT_EQ(store_->AddCircleMeeting(meetings[0]).status().code(), StatusCode::kFailedPrecondition);
}

// Concurrent submissions from separate connections: each gets through (SQLite's write lock is
// taken at BEGIN, PostgreSQL's wave row is locked), and each is stored exactly once, although
// every anonymous submission rewrites rows the others are rewriting too.
TEST_P(StoreTest, ConcurrentSubmissionsAllLandExactlyOnce) {
  std::vector<RosterRecord> org = SmallOrg();
  for (int i = 0; i < 43; ++i)
    org.push_back(Rec("C" + std::to_string(i), "Crowd " + std::to_string(i), "E2"));
  ASSERT_TRUE(store_->ApplyRoster(org, {}).ok());
  const auto ids = store_->PersonIdsByExternalId().value();
  auto other = Open(url_, {.pool_size = 8});
  ASSERT_TRUE(other.ok());
  for (const char* key : {"learning-pulse", "reaction"}) {
    auto in = surveys::BuiltinInstrument(key).value();
    WaveRecord wave{.instrument_id = store_->SaveInstrument(in).value(),
                    .title = key,
                    .opens_at = *ParseTimestamp("2026-03-01T00:00:00Z"),
                    .closes_at = *ParseTimestamp("2026-03-15T00:00:00Z"),
                    .k = 5};
    const int64_t id = store_->CreateWave(wave).value();
    std::vector<PersonId> people;
    for (const auto& [ext, pid] : ids) people.push_back(pid);
    ASSERT_EQ(people.size(), 48u);
    std::atomic<int> failed{0};
    std::string first_error;
    std::mutex m;
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&, t] {
        Store& s = t % 2 ? **other : *store_;  // two processes' worth of connections
        for (size_t i = t; i < people.size(); i += 6) {
          SurveySubmission sub{id,
                               people[i],
                               "Eng",
                               std::vector<double>(in.items.size(), 4.0),
                               "key-" + std::to_string(i),
                               *ParseTimestamp("2026-03-02T10:00:00Z")};
          auto r = s.SubmitSurveyResponse(sub);
          if (!r.ok() && failed++ == 0) {
            std::lock_guard lock(m);
            first_error = r.status().ToString();
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0) << key << ": " << first_error;
    EXPECT_EQ(store_->LoadSurveyResponses(id)->size(), 48u) << key;
    EXPECT_EQ(store_->SurveyCompletions(id)->size(), 48u) << key;
  }
}

// A job is held by one server at a time, until its time is up or it is given back; of several
// servers (each its own connections) asking at once, exactly one gets it.
TEST_P(StoreTest, JobsAreHeldByOneServerAtATime) {
  const Timestamp t0 = *ParseTimestamp("2026-06-01T00:00:00Z");
  const auto hour = std::chrono::hours(1);
  EXPECT_TRUE(*store_->ClaimJob("network.analyze", "a", t0, t0 + hour));
  EXPECT_FALSE(*store_->ClaimJob("network.analyze", "b", t0 + hour / 2, t0 + 2 * hour));
  EXPECT_TRUE(*store_->ClaimJob("other.job", "b", t0, t0 + hour));  // jobs are apart
  EXPECT_TRUE(*store_->ClaimJob("network.analyze", "a", t0 + hour / 2, t0 + 2 * hour));  // renewed
  EXPECT_FALSE(*store_->ClaimJob("network.analyze", "b", t0 + hour, t0 + 3 * hour));
  EXPECT_TRUE(*store_->ClaimJob("network.analyze", "b", t0 + 2 * hour, t0 + 3 * hour));  // time up
  EXPECT_TRUE(store_->ReleaseJob("network.analyze", "a").ok());  // not a's: stays b's
  EXPECT_FALSE(*store_->ClaimJob("network.analyze", "a", t0 + 2 * hour, t0 + 3 * hour));
  EXPECT_TRUE(store_->ReleaseJob("network.analyze", "b").ok());
  EXPECT_TRUE(*store_->ClaimJob("network.analyze", "a", t0 + 2 * hour, t0 + 3 * hour));

  constexpr int kServers = 6;
  for (int round = 0; round < 5; ++round) {
    const std::string job = "race." + std::to_string(round);
    std::vector<std::unique_ptr<Store>> servers;
    for (int i = 0; i < kServers; ++i)
      servers.push_back(std::move(Open(url_, {.pool_size = 1}).value()));
    std::atomic<int> won = 0, failed = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < kServers; ++i) {
      threads.emplace_back([&, i] {
        auto r = servers[i]->ClaimJob(job, "server " + std::to_string(i), t0, t0 + hour);
        if (!r.ok()) {
          ++failed;
        } else if (*r) {
          ++won;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0) << job;
    EXPECT_EQ(won.load(), 1) << job;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

TEST(StoreOpenTest, RejectsUnknownSchemesAndUnreachableServers) {
  EXPECT_EQ(Open("mysql://x").status().code(), StatusCode::kInvalidArgument);
  auto r = Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(Open("sqlite:/nonexistent-dir/x/y.db").status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace pl::store
