// Slack and Teams imports on small exports written here, covering every kind of message the
// parsers treat differently; the expected interactions are worked out by hand in the comments.
#include "ingest/chat_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "testing/test_backends.h"
#include "testing/zip_writer.h"

namespace pl::ingest {
namespace {

namespace fs = std::filesystem;

using Files = std::vector<pl::testing::ZipEntry>;

std::string WriteFolder(const Files& files) {
  std::string dir = pl::testing::MakeTempDir() + "/export";
  for (const auto& f : files) {
    fs::create_directories(fs::path(dir + "/" + f.name).parent_path());
    std::ofstream(dir + "/" + f.name, std::ios::binary) << f.bytes;
  }
  return dir;
}

std::string WriteZipFile(const Files& files) {
  std::string path = pl::testing::MakeTempDir() + "/export.zip";
  EXPECT_TRUE(pl::testing::WriteZip(path, files));
  return path;
}

// T1 = 2026-03-02T10:00:00Z, a thread in #general started by ana.
const Files kSlack = {
    {"users.json", R"([
      {"id": "U1", "name": "ana", "profile": {"email": "ana@x.org", "real_name": "Ana"}},
      {"id": "U2", "profile": {"email": "ben@x.org"}},
      {"id": "U3", "profile": {"email": "CARA@X.org"}},
      {"id": "U4", "profile": {}},
      {"id": "U5", "name": "zed", "real_name": "Zed Ng", "profile": {"email": "zed@elsewhere.com"}},
      {"id": "B1", "is_bot": true, "profile": {}},
      {"id": "USLACKBOT", "profile": {}}
    ])"},
    {"channels.json", R"([{"id": "C1", "name": "general"}, {"id": "C2", "name": "help"}])"},
    {"dms.json", R"([{"id": "D1", "members": ["U2", "U3"]}])"},
    {"groups.json", "[]"},
    {"mpims.json", "[]"},
    {"integration_logs.json", "[]"},
    {"general/2026-03-02.json", R"([
      {"type": "message", "user": "U1", "text": "question for <@U2> and <@U3|cara>",
       "ts": "1772445600.000100", "thread_ts": "1772445600.000100", "reply_count": 2},
      {"type": "message", "user": "U2", "text": "answer", "ts": "1772445900.000200",
       "thread_ts": "1772445600.000100", "parent_user_id": "U1",
       "reactions": [{"name": "+1", "users": ["U1", "U3", "U5"], "count": 3}]},
      {"type": "message", "subtype": "channel_join", "user": "U4", "text": "<@U4> has joined",
       "ts": "1772449200.000300"},
      {"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "<@U1> deployed",
       "ts": "1772449200.000400"},
      {"type": "message", "user": "U3", "text": "<@U4> see this", "ts": "1772452800.000500",
       "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section",
         "elements": [{"type": "user", "user_id": "U4"}, {"type": "text", "text": " see"}]}]}]}
    ])"},
    {"general/2026-03-03.json", R"([
      {"type": "message", "user": "U3", "text": "me too", "ts": "1772528400.000100",
       "thread_ts": "1772445600.000100"},
      {"type": "message", "user": "U5", "text": "<@U1>", "ts": "1772528400.000200"},
      {"type": "message", "subtype": "channel_topic", "user": "U1", "ts": "1772528400.000300"}
    ])"},
    {"help/2026-03-02.json", R"([
      {"type": "message", "user": "U4", "text": "<@U1> <@U1> thanks, and <@U9> <@U9>",
       "ts": "1772445600.000900",
       "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section",
         "elements": [{"type": "user", "user_id": "U1"}, {"type": "user", "user_id": "U9"}]}]}]}
    ])"},
    {"D1/2026-03-02.json", R"([
      {"type": "message", "user": "U2", "text": "note to <@U2>", "ts": "1772445600.000999"}
    ])"},
};

// ana@x.org, ben@x.org, cara@x.org and dan@x.org, the first `people` of them, as people 1, 2, ...
IdentitySources ByEmail(int people) {
  IdentitySources s;
  const char* names[] = {"ana", "ben", "cara", "dan"};
  for (int i = 0; i < people; ++i) s.by_email[std::string(names[i]) + "@x.org"] = PersonId(i + 1);
  return s;
}

// The export of `files`, as a folder, parsed with `sources` and the default options.
Result<ChatParse> ParseSlackFolder(const Files& files, const IdentitySources& sources) {
  ASSIGN_OR_RETURN(auto archive, OpenArchive(WriteFolder(files), {}));
  return ParseSlackExport(*archive, sources, {});
}

IdentitySources Sources() {
  IdentitySources s = ByEmail(3);
  for (int i = 1; i <= 4; ++i) s.by_employee_id["E" + std::to_string(i)] = PersonId(i);
  s.mapping = {{"U4", "E4"}};
  return s;
}

using Row = std::tuple<int64_t, int64_t, std::string, std::string, std::string, double>;
std::vector<Row> Rows(const std::vector<store::InteractionRecord>& records) {
  std::vector<Row> out;
  for (const auto& r : records) {
    out.emplace_back(r.src.value, r.dst.value, std::string(graph::LayerName(r.layer)),
                     FormatTimestamp(r.ts).substr(0, 10), r.context, r.weight);
  }
  std::sort(out.begin(), out.end());
  return out;
}
std::vector<Row> Rows(const AggregatedRows& rows) { return Rows(rows.ToRecords()); }

std::vector<Row> ExpectedSlackRows() {
  const std::string d2 = "2026-03-02", d3 = "2026-03-03", g = "slack:C1";
  std::vector<Row> rows = {
      {1, 2, "mention", d2, g, 1},
      {1, 3, "mention", d2, g, 1},  // ana asks ben and cara
      {2, 1, "reply", d2, g, 1},    // ben answers in the thread
      {1, 2, "reaction", d2, g, 1},
      {3, 2, "reaction", d2, g, 1},          // zed's reaction: not a person
      {3, 4, "mention", d2, g, 1},           // text and blocks: once
      {3, 1, "reply", d3, g, 1},             // starter found across files
      {4, 1, "mention", d2, "slack:C2", 1},  // twice in one message: once
  };
  for (int a : {1, 2, 3}) {  // the thread's three participants, on the thread's first day
    for (int b : {1, 2, 3}) {
      if (a != b) rows.emplace_back(a, b, "thread", d2, g, 1);
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void ExpectSlackReport(const ChatImportReport& r) {
  EXPECT_EQ(r.platform, "slack");
  EXPECT_EQ(r.files, 4);
  EXPECT_EQ(r.conversations, 3);
  EXPECT_EQ(r.messages, 10);
  EXPECT_EQ(r.kept_messages, 6);
  EXPECT_EQ(r.skipped, (std::map<std::string, int64_t>{{"author not matched to a person", 1},
                                                       {"bot", 1},
                                                       {"join or leave", 1},
                                                       {"system: channel_topic", 1}}));
  EXPECT_EQ(r.mentions_of_non_people, 1);   // <@U9>, twice in the text and in the blocks: once
  EXPECT_EQ(r.reactions_by_non_people, 1);  // U5
  EXPECT_EQ(r.interactions[size_t(graph::Layer::kMention)], 4);
  EXPECT_EQ(r.interactions[size_t(graph::Layer::kReply)], 2);
  EXPECT_EQ(r.interactions[size_t(graph::Layer::kReaction)], 2);
  EXPECT_EQ(r.interactions[size_t(graph::Layer::kThread)], 6);
  EXPECT_EQ(r.threads.threads, 1);
  EXPECT_EQ(r.identities.users, 7);
  EXPECT_EQ(r.identities.bots, 2);
  EXPECT_EQ(r.identities.matched_by_email, 3);
  EXPECT_EQ(r.identities.matched_by_mapping, 1);
  EXPECT_EQ(r.identities.unmatched, 1);
  EXPECT_EQ(r.identities.unmatched_ids, std::vector<std::string>{"U5"});
  EXPECT_EQ(r.identities.unmatched_names, std::vector<std::string>{"Zed Ng"});  // not "zed"
  EXPECT_EQ(r.identities.matched_by_link, 0);
  EXPECT_EQ(r.aggregated_rows, 14);
}

TEST(SlackParseTest, FolderAndZipGiveTheSameInteractionsOnAnyNumberOfThreads) {
  for (bool zip : {false, true}) {
    for (int threads : {1, 3}) {
      auto archive = OpenArchive(zip ? WriteZipFile(kSlack) : WriteFolder(kSlack), {});
      ASSERT_TRUE(archive.ok()) << archive.status().message();
      ChatImportOptions opt;
      opt.threads = threads;
      auto p = ParseSlackExport(**archive, Sources(), opt);
      ASSERT_TRUE(p.ok()) << p.status().message();
      SCOPED_TRACE(std::string(zip ? "zip" : "folder") + ", threads " + std::to_string(threads));
      EXPECT_EQ(Rows(p->records), ExpectedSlackRows());
      ExpectSlackReport(p->report);
      EXPECT_TRUE(p->report.issues.empty());
    }
  }
}

// Workers take the day files in runs: an export of many more files than a run, in several
// folders, threads going on across files, is read whole and once on any number of threads.
TEST(SlackParseTest, ManyDayFilesAreEachReadOnceOnAnyNumberOfThreads) {
  Files files = {
      {"users.json", R"([{"id": "U1", "profile": {"email": "ana@x.org"}},
                         {"id": "U2", "profile": {"email": "ben@x.org"}},
                         {"id": "U3", "profile": {"email": "cara@x.org"}}])"},
      {"channels.json", "[]"},
  };
  const int64_t first_day = 1772409600;  // 2026-03-02T00:00:00Z
  int64_t messages = 0;
  for (int c = 0; c < 7; ++c) {
    for (int d = 0; d < 23; ++d) {
      const int64_t t = first_day + int64_t{d} * 86400 + 3600;
      char day[16];
      std::snprintf(day, sizeof day, "2026-%02d-%02d", 3 + d / 28, 2 + d % 28);
      const std::string u = "U" + std::to_string(1 + (c + d) % 3);
      const std::string v = "U" + std::to_string(1 + (c + d + 1) % 3);
      // A thread started on the folder's first day, answered every day; a mention each day.
      const std::string thread = std::to_string(first_day + 3600) + ".000100";
      std::string json = "[{\"user\": \"" + u + "\", \"ts\": \"" + std::to_string(t) +
                         ".000100\", \"text\": \"<@" + v + "> hi\"";
      json += d == 0 ? ", \"thread_ts\": \"" + thread + "\"}" : "}";
      if (d > 0) {
        json += ", {\"user\": \"" + v + "\", \"ts\": \"" + std::to_string(t + 60) +
                ".000200\", \"thread_ts\": \"" + thread + "\", \"text\": \"ok\"}";
        ++messages;
      }
      files.push_back({"c" + std::to_string(c) + "/" + day + ".json", json + "]"});
      ++messages;
    }
  }
  const IdentitySources sources = ByEmail(3);
  // Workers past the first read with file-descriptor tables of their own: the process's table
  // is the same after each import as before.
  auto open_fds = [] {
    return std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                         std::filesystem::directory_iterator{});
  };
  const auto fds_before = open_fds();
  std::vector<Row> one;
  for (bool zip : {false, true}) {
    for (int threads : {1, 2, 3}) {
      SCOPED_TRACE(std::string(zip ? "zip" : "folder") + ", threads " + std::to_string(threads));
      auto archive = OpenArchive(zip ? WriteZipFile(files) : WriteFolder(files), {});
      ASSERT_TRUE(archive.ok()) << archive.status().message();
      ChatImportOptions opt;
      opt.threads = threads;
      auto p = ParseSlackExport(**archive, sources, opt);
      ASSERT_TRUE(p.ok()) << p.status().message();
      EXPECT_EQ(p->report.files, 7 * 23);
      EXPECT_EQ(p->report.messages, messages);
      EXPECT_EQ(p->report.kept_messages, messages);
      EXPECT_EQ(p->report.interactions[size_t(graph::Layer::kMention)], 7 * 23);
      // A folder's 22 replies, less the 7 by its thread's starter (every third day from the 2nd).
      EXPECT_EQ(p->report.interactions[size_t(graph::Layer::kReply)], 7 * (22 - 7));
      EXPECT_EQ(p->report.threads.threads, 7);
      const std::vector<Row> rows = Rows(p->records);
      if (one.empty()) one = rows;
      EXPECT_EQ(rows, one);
    }
  }
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(open_fds(), fds_before);
}

// A folder's sizes are learnt as its files are read: one over a limit refuses the whole export,
// on any number of threads and with --lenient too, as a zip's does when opened.
TEST(SlackParseTest, AFolderOverTheSizeLimitIsRefusedWholeEvenWhenLenient) {
  int64_t total = 0, day_files = 0;  // the day files are read whatever else is
  for (const auto& f : kSlack) {
    total += static_cast<int64_t>(f.bytes.size());
    if (f.name.find('/') != std::string::npos) day_files += static_cast<int64_t>(f.bytes.size());
  }
  const std::string dir = WriteFolder(kSlack);
  for (int threads : {1, 3}) {
    for (int64_t limit : {day_files - 1, total}) {
      auto archive = OpenArchive(dir, {.max_total_bytes = limit});
      ASSERT_TRUE(archive.ok()) << archive.status().message();
      ChatImportOptions opt;
      opt.threads = threads;
      opt.lenient = true;
      auto p = ParseSlackExport(**archive, Sources(), opt);
      if (limit == total) {
        ASSERT_TRUE(p.ok()) << p.status().message();
        EXPECT_EQ(Rows(p->records), ExpectedSlackRows());
        continue;
      }
      ASSERT_FALSE(p.ok()) << "threads " << threads;
      EXPECT_EQ(p.status().code(), StatusCode::kResourceExhausted);
      EXPECT_NE(p.status().message().find("bytes in all"), std::string::npos)
          << p.status().message();
    }
  }
}

TEST(SlackParseTest, ExportInsideAWrappingFolder) {
  Files wrapped;
  for (auto f : kSlack) wrapped.push_back({"Acme Slack export/" + f.name, f.bytes});
  auto archive = OpenArchive(WriteZipFile(wrapped), {});
  ASSERT_TRUE(archive.ok());
  auto p = ParseSlackExport(**archive, Sources(), {});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(Rows(p->records), ExpectedSlackRows());
}

// A system message's subtype is the export's own text: the report shows it printably (an
// escape sequence would act on the terminal that prints it) and keeps at most a hundred reasons
// per worker, so that an export of endless made-up subtypes cannot grow it without bound; real
// reasons ("bot", "no valid ts") are always counted as themselves.
TEST(SlackParseTest, SubtypesInTheReportArePrintableAndBounded) {
  std::string day = R"([{"user": "U1", "ts": "1772445600.000100", "subtype": "\u001b]0;x\u0007"})";
  for (int i = 0; i < 300; ++i) {
    day += R"(, {"user": "U1", "ts": "1772445601.000100", "subtype": "made_up_)" +
           std::to_string(i) + "\"}";
  }
  day += R"(, {"bot_id": "B1", "ts": "1772445602.000100", "subtype": "bot_message"})";
  day += R"(, {"user": "U1", "ts": "soon"}])";
  Files files = {
      {"users.json", R"([{"id": "U1", "profile": {"email": "ana@x.org"}}])"},
      {"channels.json", R"([{"id": "C1", "name": "general"}])"},
      {"general/2026-03-02.json", day},
  };
  const IdentitySources sources = ByEmail(1);
  auto archive = OpenArchive(WriteFolder(files), {});
  ASSERT_TRUE(archive.ok());
  ChatImportOptions one_thread;
  one_thread.threads = 1;
  auto p = ParseSlackExport(**archive, sources, one_thread);
  ASSERT_TRUE(p.ok()) << p.status().message();
  const auto& skipped = p->report.skipped;
  EXPECT_EQ(p->report.messages, 303);
  EXPECT_EQ(skipped.at("system: ?]0;x?"), 1);
  EXPECT_EQ(skipped.at("system: made_up_0"), 1);
  EXPECT_EQ(skipped.at("bot"), 1);
  EXPECT_EQ(skipped.at("no valid ts"), 1);
  // 100 reasons: the escape's, made_up_0 to made_up_98; the other 201 together.
  EXPECT_EQ(skipped.at("system: other subtypes"), 201);
  EXPECT_FALSE(skipped.contains("system: made_up_99"));
  EXPECT_EQ(skipped.size(), 103u);
  int64_t total = 0;
  for (const auto& [reason, n] : skipped) total += n;
  EXPECT_EQ(total, 303);
}

// Mentions in text as JSON may write it: with short escapes around them (read from the raw
// text), spelt with \u escapes (read from the unescaped text), and beside escapes that only look
// like one; timestamps with fewer than six digits after the dot, none, or a longer seconds part.
TEST(SlackParseTest, MentionsThroughEscapesAndTimestampsOfEveryLength) {
  Files files = {
      {"users.json", R"([{"id": "U1", "profile": {"email": "ana@x.org"}},
                         {"id": "U2", "profile": {"email": "ben@x.org"}},
                         {"id": "U3", "profile": {"email": "cara@x.org"}}])"},
      {"channels.json", R"([{"id": "C1", "name": "general"}])"},
      {"general/2026-03-02.json", R"([
        {"user": "U1", "ts": "1772445600.000100", "text": "see https:\/\/x.org\n<@U2>\t\"ok\""},
        {"user": "U1", "ts": "1772445601.000100", "text": "\u003c@U3\u003e and \u00e9"},
        {"user": "U2", "ts": "1772445602", "text": "\\<@U3> \\u003c@U1>"},
        {"user": "U3", "ts": "1772445603.5", "text": "<@U1\n> <@U2\"> <@U2|ben>"},
        {"user": "U3", "ts": "01772445604.000000", "text": "no mention \\\" <@"},
        {"user": "U2", "ts": "1772445605.00000x", "text": "<@U1>"}
      ])"},
  };
  const IdentitySources sources = ByEmail(3);
  for (const std::string& path : {WriteFolder(files), WriteZipFile(files)}) {
    auto archive = OpenArchive(path, {});
    ASSERT_TRUE(archive.ok());
    auto p = ParseSlackExport(**archive, sources, {});
    ASSERT_TRUE(p.ok()) << p.status().message();
    const std::string d = "2026-03-02", g = "slack:C1";
    EXPECT_EQ(Rows(p->records), (std::vector<Row>{{1, 2, "mention", d, g, 1},
                                                  {1, 3, "mention", d, g, 1},
                                                  {2, 3, "mention", d, g, 1},
                                                  {3, 2, "mention", d, g, 1}}));
    EXPECT_EQ(p->report.messages, 6);
    EXPECT_EQ(p->report.kept_messages, 5);
    EXPECT_EQ(p->report.skipped, (std::map<std::string, int64_t>{{"no valid ts", 1}}));
  }
}

// A thread's timestamp written two ways ("…600.000100" and "…600.0001") is one thread; one a
// microsecond later is another; the last microsecond of a day is that day's.
TEST(SlackParseTest, TimestampsAreExactToTheMicrosecond) {
  Files files = {
      {"users.json", R"([{"id": "U1", "profile": {"email": "ana@x.org"}},
                         {"id": "U2", "profile": {"email": "ben@x.org"}},
                         {"id": "U3", "profile": {"email": "cara@x.org"}}])"},
      {"channels.json", R"([{"id": "C1", "name": "general"}])"},
      {"general/2026-03-02.json", R"([
        {"user": "U1", "ts": "1772445600.000100", "thread_ts": "1772445600.000100", "text": "?"},
        {"user": "U2", "ts": "1772445900.2", "thread_ts": "1772445600.0001", "text": "a"},
        {"user": "U3", "ts": "1772495999.999999", "thread_ts": "1772445600.000101", "text": "b"},
        {"user": "U3", "ts": "1772496000.000000", "text": "<@U1>"}
      ])"},
  };
  auto p = ParseSlackFolder(files, ByEmail(3));
  ASSERT_TRUE(p.ok()) << p.status().message();
  const std::string d = "2026-03-02", g = "slack:C1";
  EXPECT_EQ(Rows(p->records), (std::vector<Row>{{1, 2, "thread", d, g, 1},
                                                {2, 1, "reply", d, g, 1},
                                                {2, 1, "thread", d, g, 1},
                                                {3, 1, "mention", "2026-03-03", g, 1}}));
  EXPECT_EQ(p->report.threads.replies, 1);
  EXPECT_EQ(p->report.threads.replies_without_starter, 1);
}

// Messages as Slack exports them today: a user_profile, team ids, rich-text blocks repeating the
// text (a link, an emoji, a mention of a group and of the channel), a file with its uploader, an
// edit by someone else, an unfurled attachment, a thread starter listing its replies. Only the
// message's own user, its thread and mention keys and its reactions count: nobody named inside
// a file, an edit, an attachment or a reply list, and no group or channel mention.
TEST(SlackParseTest, MessagesAsSlackExportsThemToday) {
  Files files = {
      {"users.json", R"([{"id": "U1", "profile": {"email": "ana@x.org"}},
                         {"id": "U2", "profile": {"email": "ben@x.org"}},
                         {"id": "U3", "profile": {"email": "cara@x.org"}},
                         {"id": "U4", "profile": {"email": "dan@x.org"}}])"},
      {"channels.json", R"([{"id": "C1", "name": "general"}])"},
      {"general/2026-03-02.json", R"([
    {
        "client_msg_id": "0c4f0b46-6b1e-4f55-9d3e-2f2d9c0a1e11",
        "type": "message",
        "text": "<!subteam^S1> <!here> see <https://x.org|this> :tada: <@U2>",
        "user": "U1",
        "ts": "1772445600.000100",
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "Ab1",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [
                            {"type": "usergroup", "usergroup_id": "S1"},
                            {"type": "broadcast", "range": "here"},
                            {"type": "text", "text": " see "},
                            {"type": "link", "url": "https://x.org", "text": "this"},
                            {"type": "emoji", "name": "tada", "unicode": "1f389"},
                            {"type": "user", "user_id": "U2"}
                        ]
                    }
                ]
            }
        ],
        "team": "T1",
        "user_team": "T1",
        "source_team": "T1",
        "user_profile": {"avatar_hash": "g1", "real_name": "Ana", "display_name": "ana",
                         "team": "T1", "name": "ana", "is_restricted": false},
        "edited": {"user": "U4", "ts": "1772445700.000000"},
        "files": [{"id": "F1", "name": "plan.pdf", "user": "U4", "user_team": "T1"}],
        "attachments": [{"author_id": "U4", "text": "<@U4> unfurled", "fallback": "x"}],
        "thread_ts": "1772445600.000100",
        "reply_count": 1,
        "reply_users_count": 1,
        "latest_reply": "1772445900.000200",
        "reply_users": ["U3"],
        "replies": [{"user": "U3", "ts": "1772445900.000200"}],
        "is_locked": false,
        "subscribed": false,
        "reactions": [{"name": "tada", "users": ["U3"], "count": 1}]
    },
    {
        "client_msg_id": "5a3b2c1d-0000-4000-8000-000000000001",
        "type": "message",
        "text": "thanks",
        "user": "U3",
        "ts": "1772445900.000200",
        "blocks": [{"type": "rich_text", "block_id": "Cd2", "elements": [
            {"type": "rich_text_section", "elements": [{"type": "text", "text": "thanks"}]}]}],
        "team": "T1",
        "user_profile": {"real_name": "Cara", "name": "cara", "team": "T1"},
        "thread_ts": "1772445600.000100",
        "parent_user_id": "U1"
    }
])"},
  };
  auto p = ParseSlackFolder(files, ByEmail(4));
  ASSERT_TRUE(p.ok()) << p.status().message();
  const std::string d = "2026-03-02", g = "slack:C1";
  EXPECT_EQ(Rows(p->records), (std::vector<Row>{{1, 2, "mention", d, g, 1},
                                                {1, 3, "thread", d, g, 1},
                                                {3, 1, "reaction", d, g, 1},
                                                {3, 1, "reply", d, g, 1},
                                                {3, 1, "thread", d, g, 1}}));
  EXPECT_EQ(p->report.messages, 2);
  EXPECT_EQ(p->report.kept_messages, 2);
  EXPECT_EQ(p->report.mentions_of_non_people, 0);
}

TEST(SlackParseTest, MalformedFileIsNamedWithItsOffsetStrictRejectsLenientSkips) {
  Files files = kSlack;
  files.push_back({"help/2026-03-04.json", R"([{"user": "U1", "ts": "1772614800.1", "text": )"});
  // Well-formed JSON with whole messages first — a mention with a reaction, a reply in a
  // thread, a bot's — then something that is not a message: none of them may count.
  files.push_back({"help/2026-03-05.json",
                   R"([{"user": "U1", "ts": "1772701200.1", "text": "<@U2> hi",)"
                   R"( "reactions": [{"name": "+1", "users": ["U3"]}]},)"
                   R"( {"user": "U2", "ts": "1772701201.1", "thread_ts": "1772701200.1"},)"
                   R"( {"subtype": "bot_message", "bot_id": "B1", "ts": "1772701202.1"},)"
                   R"( 42])"});
  auto archive = OpenArchive(WriteFolder(files), {});
  ASSERT_TRUE(archive.ok());
  auto strict = ParseSlackExport(**archive, Sources(), {});
  ASSERT_TRUE(strict.ok());
  EXPECT_TRUE(strict->report.rejected);
  EXPECT_TRUE(strict->records.empty());
  ASSERT_EQ(strict->report.issues.size(), 2u);
  EXPECT_EQ(strict->report.issues[1].file, "help/2026-03-05.json");
  const FileIssue& issue = strict->report.issues[0];
  EXPECT_EQ(issue.file, "help/2026-03-04.json");
  EXPECT_GE(issue.offset, 0);
  EXPECT_NE(issue.message.find("malformed JSON"), std::string::npos);
  EXPECT_NE(FormatFileIssue(issue).find("help/2026-03-04.json: byte "), std::string::npos);

  ChatImportOptions lenient;
  lenient.lenient = true;
  auto l = ParseSlackExport(**archive, Sources(), lenient);
  ASSERT_TRUE(l.ok());
  EXPECT_FALSE(l->report.rejected);
  EXPECT_EQ(l->report.files_failed, 2);
  EXPECT_EQ(Rows(l->records), ExpectedSlackRows());  // nothing of the bad file counted
  EXPECT_EQ(l->report.messages, 10);
  EXPECT_EQ(l->report.kept_messages, 6);
  EXPECT_EQ(l->report.skipped.at("bot"), 1);
  EXPECT_EQ(l->report.interactions[size_t(graph::Layer::kMention)], 4);
  EXPECT_EQ(l->report.interactions[size_t(graph::Layer::kReaction)], 2);
  EXPECT_EQ(l->report.interactions[size_t(graph::Layer::kReply)], 2);
  EXPECT_EQ(l->report.threads.threads, 1);
}

// Files simdjson's first pass refuses — a string never closed, a control character inside a
// string, bytes that are not UTF-8 — leave no document to ask where: the import crashed on them
// (found by the chat fuzz target). Each is named at the byte where it goes wrong.
TEST(SlackParseTest, FilesTheFirstPassRefusesAreNamedAtTheirByte) {
  const std::string day = R"([{"type": "message", "user": "U1", "ts": "1772614800.1", "text": )";
  const struct {
    std::string bytes;
    int64_t offset;
  } cases[] = {
      {day + R"("unclosed, and no end)", static_cast<int64_t>(day.size())},
      {day + "\"a\tb\"}]", static_cast<int64_t>(day.size()) + 2},
      {day + "\"caf\\u00e9 \xC3\xA9 \xFF\"}]", static_cast<int64_t>(day.size()) + 14},
      {day + "\"\xE2\x82\"}]", static_cast<int64_t>(day.size()) + 1},  // a sequence cut short
      {day + "\"a \\\" b}]", static_cast<int64_t>(day.size())},        // the escaped quote
      {day + "\"\\\xC3\xA9 never closed", static_cast<int64_t>(day.size())},  // an escaped é
  };
  for (const auto& c : cases) {
    Files files = kSlack;
    files.push_back({"help/2026-03-04.json", c.bytes});
    auto archive = OpenArchive(WriteFolder(files), {});
    ASSERT_TRUE(archive.ok());
    auto strict = ParseSlackExport(**archive, Sources(), {});
    ASSERT_TRUE(strict.ok()) << strict.status().message();
    EXPECT_TRUE(strict->report.rejected);
    ASSERT_EQ(strict->report.issues.size(), 1u) << c.bytes;
    EXPECT_EQ(FormatFileIssue(strict->report.issues[0]).substr(0, 30),
              "help/2026-03-04.json: byte " + std::to_string(c.offset) + ":")
        << FormatFileIssue(strict->report.issues[0]);
    ChatImportOptions lenient;
    lenient.lenient = true;
    auto l = ParseSlackExport(**archive, Sources(), lenient);
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l->report.files_failed, 1);
    EXPECT_EQ(Rows(l->records), ExpectedSlackRows());
  }
  // The metadata files the same way: the import is refused, naming the file and byte.
  Files files = kSlack;
  files[0].bytes = R"([{"id": "U1", "profile": {"email": "ana@x.org)";
  auto archive = OpenArchive(WriteFolder(files), {});
  auto p = ParseSlackExport(**archive, Sources(), {});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("users.json: byte 35: "), std::string::npos)
      << p.status().message();
}

TEST(SlackParseTest, NotASlackExport) {
  auto archive = OpenArchive(WriteFolder({{"notes.txt", "hi"}}), {});
  ASSERT_TRUE(archive.ok());
  auto p = ParseSlackExport(**archive, Sources(), {});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("no users.json"), std::string::npos);
  Files bad_users = {{"users.json", R"([{"id": "U1", "profile": {"email": ]])"}};
  auto b = OpenArchive(WriteFolder(bad_users), {});
  auto q = ParseSlackExport(**b, Sources(), {});
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("users.json: byte"), std::string::npos)
      << q.status().message();
}

TEST(SlackParseTest, PseudonymisedConversationsAndMatching) {
  auto key = Pseudonymizer::FromKey(std::string(32, 'k'));
  ASSERT_TRUE(key.ok());
  IdentitySources s;
  // A roster imported with the same key holds pseudonymous e-mails and employee ids.
  s.by_email[key->Apply("email", "ana@x.org")] = PersonId(1);
  s.by_email[key->Apply("email", "ben@x.org")] = PersonId(2);
  s.by_email[key->Apply("email", "cara@x.org")] = PersonId(3);
  s.by_employee_id[key->Apply("employee", "E4")] = PersonId(4);
  s.mapping = {{"U4", "E4"}};
  ChatImportOptions opt;
  opt.pseudonymizer = *key;
  auto archive = OpenArchive(WriteFolder(kSlack), {});
  auto p = ParseSlackExport(**archive, s, opt);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->report.pseudonymised);
  EXPECT_EQ(p->report.identities.unmatched, 1);
  // An account an admin linked is kept as its pseudonym, and matched through it.
  s.linked[key->Apply("account", "U5")] = PersonId(4);
  s.linked["U3"] = PersonId(1);  // as the plain id: not how a pseudonymising import keeps it
  auto linked = ParseSlackExport(**archive, s, opt);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->report.identities.unmatched, 0);
  EXPECT_EQ(linked->report.identities.matched_by_link, 1);
  EXPECT_EQ(linked->report.identities.matched_by_email, 3);  // U3 by e-mail, as before
  EXPECT_EQ(key->Apply("account", "U5").substr(0, 2), "a-");
  s.linked.clear();
  ASSERT_EQ(p->records.size(), 14u);
  for (const auto& r : p->records.ToRecords()) {
    EXPECT_TRUE(r.context == key->Apply("conversation", "C1") ||
                r.context == key->Apply("conversation", "C2"))
        << r.context;
    EXPECT_EQ(r.context.find("C1"), std::string::npos);
  }
  EXPECT_NE(key->Apply("email", "ana@x.org"), key->Apply("email", "ben@x.org"));
  EXPECT_EQ(key->Apply("email", " ANA@x.org"), key->Apply("email", "ana@x.org"));
  auto other = Pseudonymizer::FromKey(std::string(32, 'j'));
  EXPECT_NE(other->Apply("email", "ana@x.org"), key->Apply("email", "ana@x.org"));
  EXPECT_FALSE(Pseudonymizer::FromKey("short").ok());
}

// A text key is measured without its line ending; a binary key of 32 random bytes that happens
// to end with a CR or LF byte (`head -c 32 /dev/urandom`, once in 128) is still 32 bytes long.
// Either way the trailing CR and LF bytes are left out of the key itself, as they always were.
TEST(SlackParseTest, PseudonymisationKeysTextAndBinary) {
  EXPECT_FALSE(Pseudonymizer::FromKey(std::string(31, 'k') + "\n").ok());
  auto text = Pseudonymizer::FromKey(std::string(32, 'k') + "\r\n");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->Apply("employee", "E1"),
            Pseudonymizer::FromKey(std::string(32, 'k'))->Apply("employee", "E1"));
  std::string binary(32, '\x9c');
  binary[5] = '\0';
  binary.back() = '\n';
  auto b = Pseudonymizer::FromKey(binary);
  ASSERT_TRUE(b.ok()) << b.status().message();
  binary.back() = '\r';  // the same 31 bytes of key either way
  EXPECT_EQ(Pseudonymizer::FromKey(binary)->Apply("employee", "E1"), b->Apply("employee", "E1"));
  EXPECT_FALSE(Pseudonymizer::FromKey(std::string(30, '\x9c') + "\n").ok());
}

TEST(IdMappingTest, ParsesAndNamesBadRows) {
  auto m = ParseIdMapping("slack_id,employee_id\nU1,E1\nU2, E2 \n");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->at("U2"), "E2");
  auto twice = ParseIdMapping("slack_id,employee_id\nU1,E1\nU1,E2\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("line 3"), std::string::npos);
  EXPECT_FALSE(ParseIdMapping("who,whom\nU1,E1\n").ok());
  // A template partly filled in: a blank employee id maps nothing and is counted; other
  // columns are ignored; a blank account id is an error.
  int64_t blank = -1;
  auto partly = ParseIdMapping("slack_id,name,employee_id\nU1,\"Ng, Zed\",E1\nU2,Ana,\n", &blank);
  ASSERT_TRUE(partly.ok()) << partly.status().message();
  EXPECT_EQ(*partly, (std::unordered_map<std::string, std::string>{{"U1", "E1"}}));
  EXPECT_EQ(blank, 1);
  auto no_account = ParseIdMapping("slack_id,employee_id\nU1,E1\n ,E2\n");
  ASSERT_FALSE(no_account.ok());
  EXPECT_NE(no_account.status().message().find("line 3: the account id is empty"),
            std::string::npos);
  EXPECT_FALSE(ParseIdMapping("slack_id,employee_id\nU1\n").ok());
}

// --- Teams ---------------------------------------------------------------------------------------

const Files kTeams = {
    {"channel.json", R"({"@odata.context": "x", "value": [
      {"id": "100", "replyToId": null, "messageType": "message",
       "createdDateTime": "2026-03-02T10:00:00Z",
       "from": {"application": null, "device": null, "user": {"id": "a-1", "displayName": "A"}},
       "body": {"contentType": "html", "content": "<at id=\"0\">Ben</at> help?"},
       "channelIdentity": {"teamId": "t", "channelId": "19:c1@thread.tacv2"},
       "mentions": [{"id": 0, "mentionText": "Ben", "mentioned": {"user": {"id": "b-2"}}}],
       "reactions": [{"reactionType": "like", "user": {"user": {"id": "c-3"}}}],
       "replies": [{"id": "101", "replyToId": "100", "messageType": "message",
                    "createdDateTime": "2026-03-02T11:00:00Z",
                    "from": {"user": {"id": "b-2"}},
                    "channelIdentity": {"teamId": "t", "channelId": "19:c1@thread.tacv2"}}]},
      {"id": "103", "messageType": "systemEventMessage", "from": null,
       "createdDateTime": "2026-03-02T12:00:00Z",
       "channelIdentity": {"teamId": "t", "channelId": "19:c1@thread.tacv2"}},
      {"id": "104", "messageType": "message", "createdDateTime": "2026-03-02T12:00:00Z",
       "from": {"application": {"id": "app", "displayName": "Build bot"}, "user": null},
       "channelIdentity": {"teamId": "t", "channelId": "19:c1@thread.tacv2"}}
    ]})"},
    {"later/reply.json", R"({"id": "102", "replyToId": "100", "messageType": "message",
       "createdDateTime": "2026-03-03T09:00:00Z", "from": {"user": {"id": "c-3"}},
       "channelIdentity": {"teamId": "t", "channelId": "19:c1@thread.tacv2"}})"},
    {"chat.json", R"([{"id": "200", "messageType": "message", "chatId": "19:chat@thread.v2",
       "createdDateTime": "2026-03-02T10:00:00Z", "from": {"user": {"id": "a-1"}},
       "mentions": [{"mentioned": {"user": {"id": "x-9"}}}]}])"},
};

TEST(TeamsParseTest, RepliesMentionsReactionsAcrossFiles) {
  IdentitySources s;
  for (int i = 1; i <= 3; ++i) s.by_employee_id["E" + std::to_string(i)] = PersonId(i);
  s.mapping = {{"a-1", "E1"}, {"b-2", "E2"}};
  s.linked = {{"c-3", PersonId(3)}};  // an account an admin linked: no users.json needed
  for (int threads : {1, 2}) {
    auto archive = OpenArchive(WriteFolder(kTeams), {});
    ASSERT_TRUE(archive.ok());
    ChatImportOptions opt;
    opt.threads = threads;
    auto p = ParseTeamsExport(**archive, s, opt);
    ASSERT_TRUE(p.ok()) << p.status().message();
    const std::string d2 = "2026-03-02", c = "teams:19:c1@thread.tacv2";
    std::vector<Row> want = {{1, 2, "mention", d2, c, 1},
                             {3, 1, "reaction", d2, c, 1},
                             {2, 1, "reply", d2, c, 1},
                             {3, 1, "reply", "2026-03-03", c, 1}};
    for (int a : {1, 2, 3}) {
      for (int b : {1, 2, 3}) {
        if (a != b) want.emplace_back(a, b, "thread", d2, c, 1);
      }
    }
    std::sort(want.begin(), want.end());
    EXPECT_EQ(Rows(p->records), want);
    const auto& r = p->report;
    EXPECT_EQ(r.files, 3);
    EXPECT_EQ(r.messages, 6);
    EXPECT_EQ(r.kept_messages, 4);
    EXPECT_EQ(r.skipped,
              (std::map<std::string, int64_t>{{"bot", 1}, {"system: systemEventMessage", 1}}));
    EXPECT_EQ(r.mentions_of_non_people, 1);  // x-9 is nobody we know
    EXPECT_EQ(r.conversations, 2);
    EXPECT_EQ(r.identities.matched_by_mapping, 2);
    EXPECT_EQ(r.identities.matched_by_link, 1);
  }
}

// Pseudonymised, a Teams export without a users list still matches an account an admin linked:
// kept as its pseudonym, it is looked up by the pseudonym of each id the messages name.
TEST(TeamsParseTest, PseudonymisedLinkedAccountsWithoutAUsersList) {
  auto key = Pseudonymizer::FromKey(std::string(32, 'k'));
  ASSERT_TRUE(key.ok());
  IdentitySources s;
  for (int i = 1; i <= 3; ++i) {
    s.by_employee_id[key->Apply("employee", "E" + std::to_string(i))] = PersonId(i);
  }
  s.mapping = {{"a-1", "E1"}, {"b-2", "E2"}};
  s.linked = {{key->Apply("account", "c-3"), PersonId(3)}};
  ChatImportOptions opt;
  opt.pseudonymizer = *key;
  auto archive = OpenArchive(WriteFolder(kTeams), {});
  ASSERT_TRUE(archive.ok());
  auto p = ParseTeamsExport(**archive, s, opt);
  ASSERT_TRUE(p.ok()) << p.status().message();
  std::set<std::tuple<int64_t, int64_t, std::string, std::string>> got, want;
  for (const auto& [a, b, layer, day, context, w] : Rows(p->records)) got.emplace(a, b, layer, day);
  for (const auto& [a, b, layer, day] :
       std::vector<std::tuple<int64_t, int64_t, std::string, std::string>>{
           {1, 2, "mention", "2026-03-02"},
           {3, 1, "reaction", "2026-03-02"},
           {2, 1, "reply", "2026-03-02"},
           {3, 1, "reply", "2026-03-03"}}) {
    want.emplace(a, b, layer, day);
  }
  for (int a : {1, 2, 3}) {
    for (int b : {1, 2, 3}) {
      if (a != b) want.emplace(a, b, "thread", "2026-03-02");
    }
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(p->report.mentions_of_non_people, 1);  // x-9: no link, no pseudonym match
  // The plain id as a link's key matches nothing under pseudonymisation.
  s.linked = {{"c-3", PersonId(3)}};
  auto plain = ParseTeamsExport(**OpenArchive(WriteFolder(kTeams), {}), s, opt);
  ASSERT_TRUE(plain.ok());
  EXPECT_LT(plain->records.size(), p->records.size());
}

TEST(TeamsParseTest, MalformedJsonNamed) {
  auto archive = OpenArchive(WriteFolder({{"x.json", R"({"value": [{"id": "1",)"}}), {});
  auto p = ParseTeamsExport(**archive, {}, {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->report.rejected);
  ASSERT_EQ(p->report.issues.size(), 1u);
  EXPECT_EQ(p->report.issues[0].file, "x.json");
}

TEST(TeamsParseTest, FilesTheFirstPassRefusesAreNamedAtTheirByte) {
  auto archive =
      OpenArchive(WriteFolder({{"x.json", R"({"value": [{"id": "1", "body": "never closed)"}}), {});
  auto p = ParseTeamsExport(**archive, {}, {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->report.rejected);
  ASSERT_EQ(p->report.issues.size(), 1u);
  EXPECT_EQ(FormatFileIssue(p->report.issues[0]).substr(0, 15), "x.json: byte 31")
      << FormatFileIssue(p->report.issues[0]);
  Files with_users = kTeams;
  with_users.push_back({"users.json", "{\"value\": [{\"id\": \"a-1\", \"mail\": \"\xC0\xAF\"}]}"});
  auto u = ParseTeamsExport(**OpenArchive(WriteFolder(with_users), {}), {}, {});
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("users.json: byte 34: "), std::string::npos)
      << u.status().message();
}

// --- Into the store, both backends ---------------------------------------------------------------

class ChatStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
    std::vector<store::RosterRecord> people = {
        {.external_id = "E1", .name = "Ana", .email = "ana@x.org"},
        {.external_id = "E2", .name = "Ben", .email = "ben@x.org"},
        {.external_id = "E3", .name = "Cara", .email = "cara@x.org"},
        {.external_id = "E4", .name = "Dev"}};
    ASSERT_TRUE(store_->ApplyRoster(people, {}).ok());
    map_ = "slack_id,employee_id\nU4,E4\n";
  }
  int64_t Count() {
    auto all = store_->LoadInteractions(std::nullopt);
    EXPECT_TRUE(all.ok());
    return all.ok() ? static_cast<int64_t>(all->size()) : -1;
  }
  std::unique_ptr<store::Store> store_;
  std::string map_;
};

TEST_P(ChatStoreTest, ImportTwiceThenALaterExportAddsOnlyWhatIsNew) {
  ChatImportOptions opt;
  opt.mapping_csv = map_;
  std::string first = WriteZipFile(kSlack);
  auto r1 = ImportSlack(*store_, first, opt);
  ASSERT_TRUE(r1.ok()) << r1.status().message();
  EXPECT_EQ(r1->applied.added, 14);
  EXPECT_EQ(Count(), 14);

  auto again = ImportSlack(*store_, first, opt);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->applied.added, 0);
  EXPECT_EQ(again->applied.updated, 0);
  EXPECT_EQ(again->applied.duplicates, 14);
  EXPECT_EQ(Count(), 14);

  // The later export holds the same days plus one more message on 2026-03-02 (ana mentions ben
  // again: that day's count rises to 2) and a new reply on 2026-03-03.
  Files later = kSlack;
  for (auto& f : later) {
    if (f.name == "general/2026-03-02.json") {
      f.bytes.insert(f.bytes.rfind(']'),
                     R"(, {"type": "message", "user": "U1", "text": "<@U2> ping",
                          "ts": "1772452800.000600"})");
    }
    if (f.name == "general/2026-03-03.json") {
      f.bytes.insert(f.bytes.rfind(']'),
                     R"(, {"type": "message", "user": "U2", "text": "done",
                          "ts": "1772530200.000100", "thread_ts": "1772445600.000100",
                          "parent_user_id": "U1"})");
    }
  }
  auto r2 = ImportSlack(*store_, WriteFolder(later), opt);
  ASSERT_TRUE(r2.ok()) << r2.status().message();
  EXPECT_EQ(r2->applied.added, 1);    // ben → ana reply on 03-03
  EXPECT_EQ(r2->applied.updated, 1);  // ana → ben mention on 03-02: 1 → 2
  EXPECT_EQ(Count(), 15);
  auto all = store_->LoadInteractions(std::nullopt);
  double mention_weight = 0;
  for (const auto& i : *all) {
    if (i.layer == graph::Layer::kMention && i.weight > 1) mention_weight = i.weight;
  }
  EXPECT_EQ(mention_weight, 2.0);
}

TEST_P(ChatStoreTest, FailedImportChangesNothingAndDryRunWritesNothing) {
  ChatImportOptions opt;
  opt.mapping_csv = map_;
  opt.dry_run = true;
  auto dry = ImportSlack(*store_, WriteFolder(kSlack), opt);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->applied.added, 14);
  EXPECT_EQ(Count(), 0);

  Files bad = kSlack;
  bad.push_back({"help/2026-03-05.json", "[{\"user\": \"U1\" \"ts\": \"1\"}]"});
  opt.dry_run = false;
  auto r = ImportSlack(*store_, WriteFolder(bad), opt);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rejected);
  EXPECT_EQ(Count(), 0);

  auto hostile = pl::testing::MakeTempDir() + "/h.zip";
  Files evil = kSlack;
  evil.push_back({"general/../../../../tmp/x.json", "[]"});
  ASSERT_TRUE(pl::testing::WriteZip(hostile, evil));
  auto h = ImportSlack(*store_, hostile, opt);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.status().message().find("unsafe name"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

// Accounts linked once (from a mapping CSV) match in every later import of their platform,
// without the CSV; a file naming somebody not in the roster links nothing unless lenient.
TEST_P(ChatStoreTest, LinkedAccountsMatchInEveryLaterImport) {
  ChatImportOptions opt;
  const std::string csv = "slack_id,employee_id\nU4,E4\nU5,E9\n";
  auto strict = LinkAccountsFromCsv(*store_, "slack", csv, opt);
  ASSERT_TRUE(strict.ok()) << strict.status().message();
  EXPECT_TRUE(strict->rejected);
  EXPECT_EQ(strict->rows, 2);
  EXPECT_EQ(strict->unknown, 1);
  EXPECT_EQ(strict->problems,
            std::vector<std::string>{"account U5: employee id E9 is not in the roster"});
  EXPECT_TRUE(store_->ListAccountLinks("slack")->empty());
  opt.lenient = true;
  opt.dry_run = true;
  EXPECT_EQ(LinkAccountsFromCsv(*store_, "slack", csv, opt)->linked, 1);
  EXPECT_TRUE(store_->ListAccountLinks("slack")->empty());
  opt.dry_run = false;
  auto lenient = LinkAccountsFromCsv(*store_, "slack", csv, opt);
  ASSERT_TRUE(lenient.ok());
  EXPECT_FALSE(lenient->rejected);
  EXPECT_EQ(lenient->linked, 1);
  EXPECT_EQ(lenient->unknown, 1);
  EXPECT_EQ(LinkAccountsFromCsv(*store_, "slack", csv, opt)->unchanged, 1);
  EXPECT_FALSE(LinkAccountsFromCsv(*store_, "slack", "employee_id\nE1\n", opt).ok());
  EXPECT_TRUE(store_->ListAccountLinks("teams")->empty());

  // U4 matched through the link: the same 14 rows as with the CSV.
  ChatImportOptions plain;
  auto r1 = ImportSlack(*store_, WriteFolder(kSlack), plain);
  ASSERT_TRUE(r1.ok()) << r1.status().message();
  EXPECT_EQ(r1->identities.matched_by_link, 1);
  EXPECT_EQ(r1->identities.matched_by_mapping, 0);
  EXPECT_EQ(r1->applied.added, 14);
  // U5 linked to Dev (E4) too: importing the same export again adds only U5's two ties, its
  // reaction to ben's answer and its mention of ana.
  const auto ids = store_->PersonIdsByExternalId().value();
  ASSERT_EQ(*store_->LinkAccounts("slack", {{"U5", ids.at("E4"), {}}}), 1);
  auto r2 = ImportSlack(*store_, WriteFolder(kSlack), plain);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->identities.matched_by_link, 2);
  EXPECT_EQ(r2->identities.unmatched, 0);
  EXPECT_EQ(r2->applied.added, 2);
  EXPECT_EQ(r2->applied.duplicates, 14);
  EXPECT_EQ(Count(), 16);
}

// An unmatched account named as exactly one active person of the roster is (without case or
// extra spaces) comes with that person as a suggestion; a name two people share, or nobody
// has, with none.
TEST_P(ChatStoreTest, UnmatchedAccountsNamedAsOnePersonAreSuggested) {
  std::vector<store::RosterRecord> twins = {{.external_id = "E5", .name = "Zed Ng"},
                                            {.external_id = "E6", .name = "Zed  Ng"}};
  ASSERT_TRUE(store_->ApplyRoster(twins, {}).ok());
  Files export_ = kSlack;
  const std::string before = R"({"id": "U4", "profile": {}})";
  auto& users = export_[0].bytes;
  ASSERT_NE(users.find(before), std::string::npos);
  users.replace(users.find(before), before.size(),
                R"({"id": "U4", "real_name": " DEV ", "profile": {}})");
  auto r = ImportSlack(*store_, WriteFolder(export_), {.dry_run = true});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& id = r->identities;
  EXPECT_EQ(id.unmatched_ids, (std::vector<std::string>{"U4", "U5"}));
  EXPECT_EQ(id.unmatched_suggested_employee_ids, (std::vector<std::string>{"E4", ""}));
  EXPECT_EQ(id.unmatched_suggested[0], store_->PersonIdsByExternalId()->at("E4"));
  EXPECT_FALSE(id.unmatched_suggested[1].valid());  // two people are called Zed Ng
}

INSTANTIATE_TEST_SUITE_P(Backends, ChatStoreTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::ingest
