#include "notify/sender.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pl::notify {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pl-notify-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SenderTest, AddressesThatCouldAddHeadersOrRecipientsAreRefused) {
  EXPECT_TRUE(PlainAddress("ana.silva@example.co.uk"));
  EXPECT_FALSE(PlainAddress(""));
  EXPECT_FALSE(PlainAddress("ana"));
  EXPECT_FALSE(PlainAddress("ana@localhost"));
  EXPECT_FALSE(PlainAddress("ana@x.io\r\nBcc: all@x.io"));
  EXPECT_FALSE(PlainAddress("ana@x.io, bob@x.io"));
  EXPECT_FALSE(PlainAddress("Ana <ana@x.io>"));
  EXPECT_FALSE(PlainAddress("a@b@x.io"));
}

TEST_F(SenderTest, FileSenderAppendsOneJsonObjectPerMessage) {
  auto s = SenderFromSpec("file:" + (dir_ / "out.jsonl").string()).value();
  ASSERT_TRUE(s->Send({"ana@x.io", "Pulse\nBcc: x", "Hello\nthere", "invitation", 7, 1}).ok());
  ASSERT_TRUE(s->Send({"bob@x.io", "Reminder", "Last day", "reminder", 7, 2}).ok());
  EXPECT_EQ(s->Send({"", "x", "y", "reminder", 7, 3}).code(), StatusCode::kInvalidArgument);
  std::istringstream lines(Slurp(dir_ / "out.jsonl"));
  std::string line;
  std::vector<nlohmann::json> got;
  while (std::getline(lines, line)) got.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]["to"], "ana@x.io");
  EXPECT_EQ(got[0]["subject"], "Pulse Bcc: x");  // no line break survives into a subject
  EXPECT_EQ(got[0]["body"], "Hello\nthere");
  EXPECT_EQ(got[1]["kind"], "reminder");
}

TEST_F(SenderTest, SendmailGetsAnRfc5322MessageOnStdinAndItsExitStatusCounts) {
  // A stand-in for sendmail: keeps its arguments and stdin, fails for one address.
  const fs::path script = dir_ / "fake-sendmail";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\necho \"$@\" > " << (dir_ / "args") << "\ncat > " << (dir_ / "mail")
        << "\ngrep -q '^To: fail@x.io' " << (dir_ / "mail") << " && exit 75\nexit 0\n";
  }
  fs::permissions(script, fs::perms::owner_all);
  auto s = SenderFromSpec("sendmail:" + script.string()).value();
  ASSERT_TRUE(s->Send({"ana@x.io", "Psychological safety", "Hello Ana,\n\nPlease answer.\n",
                       "invitation", 3, 1})
                  .ok());
  EXPECT_EQ(Slurp(dir_ / "args"), "-t -oi\n");
  const std::string mail = Slurp(dir_ / "mail");
  EXPECT_EQ(mail.rfind("To: ana@x.io\r\nSubject: Psychological safety\r\n", 0), 0u) << mail;
  EXPECT_NE(mail.find("\r\n\r\nHello Ana,\n\nPlease answer.\n"), std::string::npos);
  Status failed = s->Send({"fail@x.io", "x", "y", "reminder", 3, 2});
  EXPECT_EQ(failed.code(), StatusCode::kUnavailable);
  EXPECT_NE(failed.message().find("exit status 75"), std::string::npos) << failed.ToString();
  EXPECT_EQ(SenderFromSpec("sendmail:/nonexistent/sendmail")
                .value()
                ->Send({"ana@x.io", "x", "y", "invitation", 3, 1})
                .code(),
            StatusCode::kUnavailable);
}

TEST_F(SenderTest, UnknownSpecsAreRefused) {
  EXPECT_EQ(SenderFromSpec("smtp://x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SenderFromSpec("file:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(SenderFromSpec("log").ok());
}

}  // namespace
}  // namespace pl::notify
