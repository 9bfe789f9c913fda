// The real Slack workspace export in ../shared/data uploaded through the API: the counts the
// command-line import gives (src/ingest/chat_shared_data_test.cc), over real HTTP. Its accounts
// carry no e-mail, so none matches the fixture's people and nothing is stored.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "server/api_fixture.h"

namespace pl::server {
namespace {

const std::string kZip = "../shared/data/slack-export-viewer-testarchive/testarchive.zip";

TEST_P(ApiTest, TheRealSlackExportUploadsWithTheCommandLinesCounts) {
  if (!std::filesystem::exists(kZip)) GTEST_SKIP() << kZip << " is absent; this test needs it";
  std::ifstream in(kZip, std::ios::binary);
  const std::string zip((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Session admin = Login("admin");
  auto r = Client().Post("/api/v1/imports/slack",
                         {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, zip,
                         "application/zip");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json report = json::parse(r->body);
  EXPECT_EQ(report["files"], 17);
  EXPECT_EQ(report["conversations"], 2);
  EXPECT_EQ(report["messages"], 158);
  // The 53 messages by people (49 plain, 3 file_share, 1 file_comment) are by accounts that
  // match nobody here.
  EXPECT_EQ(report["kept_messages"], 0);
  EXPECT_EQ(report["skipped"]["author not matched to a person"], 49 + 3 + 1);
  EXPECT_EQ(report["skipped"]["bot"], 94 + 3);
  EXPECT_EQ(report["skipped"]["join or leave"], 8);
  EXPECT_EQ(report["accounts"]["users"], 4);
  EXPECT_EQ(report["accounts"]["unmatched"], 4);
  EXPECT_EQ(report["accounts"]["unmatched_ids"],
            json::array({"U0BMYT2FL", "U0BMS113R", "U0BMQB6JE", "U0BMM2FEH"}));
  EXPECT_TRUE(report["issues"].empty()) << report["issues"].dump();
  EXPECT_EQ(report["rows"]["added"], 0);
  EXPECT_EQ(report["bytes"], zip.size());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ApiTest, ::testing::Values(std::string("sqlite")));

}  // namespace
}  // namespace pl::server
