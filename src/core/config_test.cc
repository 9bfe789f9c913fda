#include "core/config.h"

#include <gtest/gtest.h>

namespace pl {
namespace {

TEST(ConfigTest, FlagsBeatEnvironmentBeatFile) {
  ConfigSources src;
  src.file_name = "peerlearn.conf";
  src.file_text = "# comment\ndb = sqlite:file.db\nlisten = \"0.0.0.0:9000\"\nthreads = 4\n";
  src.env = {{"PEERLEARN_LISTEN", "127.0.0.1:9001"}, {"PEERLEARN_THREADS", "6"}};
  src.flags = {{"threads", "8"}};
  auto c = LoadConfig(src);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->db, "sqlite:file.db");
  EXPECT_EQ(c->listen, "127.0.0.1:9001");
  EXPECT_EQ(c->threads, 8);
  EXPECT_EQ(c->ListenHost(), "127.0.0.1");
  EXPECT_EQ(c->ListenPort(), 9001);
}

TEST(ConfigTest, APathWithoutSchemeIsASqliteFile) {
  for (auto [given, url] : std::initializer_list<std::pair<const char*, const char*>>{
           {"pl.db", "sqlite:pl.db"},
           {"/var/lib/peerlearn/pl.db", "sqlite:/var/lib/peerlearn/pl.db"},
           {"./data/2026:q4.db", "sqlite:./data/2026:q4.db"},
           {"sqlite:x.db", "sqlite:x.db"},
           {"postgresql://pl@db:5432/pl", "postgresql://pl@db:5432/pl"}}) {
    ConfigSources src;
    src.flags = {{"db", given}};
    auto c = LoadConfig(src);
    ASSERT_TRUE(c.ok()) << given << ": " << c.status().ToString();
    EXPECT_EQ(c->db, url) << given;
  }
  for (const char* bad : {"mysql://x", "sqlite:", "postgresql:pl", ""}) {
    ConfigSources src;
    src.flags = {{"db", bad}};
    EXPECT_FALSE(LoadConfig(src).ok()) << "'" << bad << "'";
  }
}

TEST(ConfigTest, ErrorsNameTheSource) {
  struct Case {
    ConfigSources src;
    const char* expect;
  } cases[] = {
      {{"a.conf", "\n\nthreads = many\n", {}, {}},
       "a.conf:3: threads: 'many' is not a whole number"},
      {{"a.conf", "colour = blue\n", {}, {}}, "a.conf:1: unknown setting 'colour'"},
      {{"a.conf", "just words\n", {}, {}}, "a.conf:1: expected 'key = value'"},
      {{"", std::nullopt, {{"PEERLEARN_LISTEN", "8080"}}, {}},
       "PEERLEARN_LISTEN: listen: '8080' is not host:port"},
      {{"", std::nullopt, {}, {{"db", "mysql://x"}}},
       "--db: db: 'mysql://x' is not a database URL"},
      {{"", std::nullopt, {}, {{"anonymity_k", "2"}}},
       "--anonymity_k: anonymity_k: 2 is out of range [3, 1000]"},
      {{"", std::nullopt, {}, {{"secure_cookies", "maybe"}}}, "is not a boolean"},
      {{"a.conf", "network_analyze_hours = -1\n", {}, {}},
       "a.conf:1: network_analyze_hours: -1 is out of range [0, 8784]"},
      {{"a.conf", "network_analyze_days = weekly\n", {}, {}},
       "a.conf:1: network_analyze_days: 'weekly' is not a whole number"},
  };
  for (const auto& c : cases) {
    auto r = LoadConfig(c.src);
    ASSERT_FALSE(r.ok()) << c.expect;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace pl
