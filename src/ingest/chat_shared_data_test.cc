// The real Slack workspace export and Microsoft Graph chatMessage samples in ../shared/data.
// Expected counts come from the data's SOURCE.txt (158 messages: 94 bot_message, 49 plain,
// 8 channel_join, 3 file_share, 1 file_comment, 3 bot_add) and from reading the files.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/chat_import.h"

namespace pl::ingest {
namespace {

const std::string kSlack = "../shared/data/slack-export-viewer-testarchive";
const std::string kTeams = "../shared/data/teams-graph-chatmessage";

IdentitySources FourPeople(std::vector<std::string> platform_ids) {
  IdentitySources s;
  for (size_t i = 0; i < platform_ids.size(); ++i) {
    std::string e = "E" + std::to_string(i + 1);
    s.by_employee_id[e] = PersonId(static_cast<int64_t>(i + 1));
    s.mapping[platform_ids[i]] = e;
  }
  return s;
}

TEST(SlackRealExportTest, ZipAndFolderImportWithTheRightCounts) {
  if (!std::filesystem::exists(kSlack)) GTEST_SKIP() << kSlack << " is absent; this test needs it";
  // abilinski, doubledeez, hamza, heroeshannibal
  auto sources = FourPeople({"U0BMYT2FL", "U0BMS113R", "U0BMQB6JE", "U0BMM2FEH"});
  for (std::string path : {kSlack + "/testarchive.zip", kSlack}) {
    SCOPED_TRACE(path);
    auto archive = OpenArchive(path, {});
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    auto p = ParseSlackExport(**archive, sources, {});
    ASSERT_TRUE(p.ok()) << p.status().message();
    const auto& r = p->report;
    EXPECT_TRUE(r.issues.empty());
    EXPECT_EQ(r.files, 17);  // 9 days in #enrique, 8 in #traveling-sailor
    EXPECT_EQ(r.conversations, 2);
    EXPECT_EQ(r.messages, 158);
    EXPECT_EQ(r.kept_messages, 49 + 3 + 1);  // plain, file_share, file_comment
    EXPECT_EQ(r.skipped.at("bot"), 94 + 3);  // bot_message, bot_add
    EXPECT_EQ(r.skipped.at("join or leave"), 8);
    EXPECT_EQ(r.identities.users, 4);
    EXPECT_EQ(r.identities.matched_by_mapping, 4);
    // 14 people's messages mention someone else: hamza → abilinski 9, hamza → doubledeez 4,
    // abilinski → hamza 1 (self-mentions dropped; the one reaction is on a bot's message).
    EXPECT_EQ(r.interactions[size_t(graph::Layer::kMention)], 14);
    EXPECT_EQ(r.interactions[size_t(graph::Layer::kReaction)], 0);
    std::map<std::pair<int64_t, int64_t>, double> by_pair;
    for (const auto& rec : p->records.ToRecords())
      by_pair[{rec.src.value, rec.dst.value}] += rec.weight;
    EXPECT_EQ(by_pair, (std::map<std::pair<int64_t, int64_t>, double>{
                           {{3, 1}, 9}, {{3, 2}, 4}, {{1, 3}, 1}}));
  }
}

TEST(TeamsRealSamplesTest, GraphExamplesImport) {
  if (!std::filesystem::exists(kTeams)) GTEST_SKIP() << kTeams << " is absent; this test needs it";
  // Robin Kline, Jane Smith, and the CLI sample's sender.
  auto sources =
      FourPeople({"8ea0e38b-efb3-4757-924a-5f94061cf8c2", "ef1c916a-3135-4417-ba27-8eb7bd084193",
                  "78ccf530-bbf0-47e4-aae6-da5f8c6fb142"});
  auto archive = OpenArchive(kTeams, {});
  ASSERT_TRUE(archive.ok());
  auto p = ParseTeamsExport(**archive, sources, {});
  ASSERT_TRUE(p.ok()) << p.status().message();
  const auto& r = p->report;
  EXPECT_TRUE(r.issues.empty());
  EXPECT_EQ(r.files, 4);
  // 1 root + 3 inline replies, 3 channel messages, 1 chat message, 1 chat (not a message).
  EXPECT_EQ(r.messages, 9);
  EXPECT_EQ(r.kept_messages, 7);
  EXPECT_EQ(r.skipped.at("system: systemEventMessage"), 1);
  EXPECT_EQ(r.skipped.at("not a chatMessage"), 1);
  // Robin mentions Jane once; Robin's replies are to Robin's own message.
  ASSERT_EQ(p->records.size(), 1u);
  const auto records = p->records.ToRecords();
  EXPECT_EQ(records[0].src, PersonId(1));
  EXPECT_EQ(records[0].dst, PersonId(2));
  EXPECT_EQ(records[0].layer, graph::Layer::kMention);
  EXPECT_EQ(FormatTimestamp(records[0].ts), "2021-03-28T00:00:00Z");
  EXPECT_EQ(records[0].context, "teams:19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2");
}

}  // namespace
}  // namespace pl::ingest
