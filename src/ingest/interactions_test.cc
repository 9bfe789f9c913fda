#include "ingest/interactions.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "testing/mangle.h"
#include "testing/test_backends.h"

namespace pl::ingest {
namespace {

const std::unordered_map<std::string, PersonId> kPeople = {
    {"E1", PersonId(1)}, {"E2", PersonId(2)}, {"E3", PersonId(3)}};
constexpr const char* kHeader = "source,target,timestamp,layer,weight,context\n";

TEST(InteractionsPlanTest, GoodRowsWithDefaults) {
  auto plan = PlanInteractions(std::string(kHeader) +
                                   "E1,E2,2026-03-01T09:30:00+01:00,mention,2.5,#platform\n"
                                   "E2,E1,2026-03-02,,,\n",
                               kPeople, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 2u);
  EXPECT_EQ(plan.records[0].layer, graph::Layer::kMention);
  EXPECT_DOUBLE_EQ(plan.records[0].weight, 2.5);
  EXPECT_EQ(FormatTimestamp(plan.records[0].ts), "2026-03-01T08:30:00Z");
  EXPECT_EQ(plan.records[0].context, "#platform");
  EXPECT_EQ(plan.records[1].layer, graph::Layer::kReply);
  EXPECT_DOUBLE_EQ(plan.records[1].weight, 1.0);
}

// Separated by semicolons, a weight with a decimal comma (a spreadsheet's CSV in such locales).
TEST(InteractionsPlanTest, SemicolonsAndADecimalComma) {
  auto plan = PlanInteractions(
      "source;target;timestamp;layer;weight;context\nE1;E2;2026-03-01;mention;2,5;\"#a;b\"\n",
      kPeople, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 1u);
  EXPECT_DOUBLE_EQ(plan.records[0].weight, 2.5);
  EXPECT_EQ(plan.records[0].context, "#a;b");
  auto commas =
      PlanInteractions(std::string(kHeader) + "E1,E2,2026-03-01,mention,\"2,5\",\n", kPeople, {});
  EXPECT_TRUE(commas.has_errors);  // a comma-separated file's numbers have a decimal point
}

// A form's export of nominations as it comes: the answers headed by the question. The one column
// of no known name is the nominee (said in a warning), its heading the question; with two such
// columns the file is refused, asking for a nominee column. Interactions are never guessed.
TEST(InteractionsPlanTest, AFormsQuestionColumnIsTheNominee) {
  const std::unordered_map<std::string, PersonId> people = {
      {"E1", PersonId(1)}, {"E2", PersonId(2)}, {"ann@x.com", PersonId(1)}};
  const InteractionsOptions nominations{.default_layer = graph::Layer::kNomination};
  const std::string header =
      "ID,Start time,Completion time,Email,Name,Who helped you most this month?";
  auto plan = PlanInteractions(header + "\n7,2026-03-01 09:00,2026-03-01 09:03,ann@x.com,Ann,E2\n",
                               people, nominations);
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 1u);
  EXPECT_EQ(plan.records[0].src, PersonId(1));
  EXPECT_EQ(plan.records[0].dst, PersonId(2));
  EXPECT_EQ(plan.records[0].context, "Who helped you most this month?");
  EXPECT_EQ(FormatTimestamp(plan.records[0].ts), "2026-03-01T09:03:00Z");
  ASSERT_EQ(plan.issues.size(), 1u);
  EXPECT_TRUE(plan.issues[0].warning);
  EXPECT_EQ(plan.issues[0].message, "read as the nominee column (the only column of another name)");
  auto two = PlanInteractions(header + ",Why?\n7,,2026-03-01,ann@x.com,Ann,E2,kind\n", people,
                              nominations);
  ASSERT_TRUE(two.has_errors);
  EXPECT_EQ(two.issues.back().message, "required column 'target' is missing");
  auto interactions = PlanInteractions(header + "\n7,,2026-03-01,ann@x.com,Ann,E2\n", people, {});
  EXPECT_TRUE(interactions.has_errors);
}

TEST(InteractionsPlanTest, EveryBadRowIsNamed) {
  struct Case {
    const char* row;
    const char* column;
    const char* words;
  } cases[] = {
      {"E1,E9,2026-03-01,reply,1,", "target", "unknown person 'E9'"},
      {",E2,2026-03-01,reply,1,", "source", "is empty"},
      {"E1,E2,yesterday,reply,1,", "timestamp", "not a valid"},
      {"E1,E2,2026-03-01,email,1,", "layer", "is not a layer"},
      {"E1,E2,2026-03-01,reply,-1,", "weight", "is not a weight"},
      {"E1,E2,2026-03-01,reply,nan,", "weight", "is not a weight"},
      {"E1,E2,2026-03-01,reply", "", "has 4 fields"},
  };
  for (const auto& c : cases) {
    auto plan = PlanInteractions(
        std::string(kHeader) + "E1,E2,2026-03-01,reply,1,\n" + c.row + "\n", kPeople, {});
    ASSERT_EQ(plan.issues.size(), 1u) << c.row;
    EXPECT_EQ(plan.issues[0].line, 3) << c.row;
    EXPECT_EQ(plan.issues[0].column, c.column) << c.row;
    EXPECT_NE(plan.issues[0].message.find(c.words), std::string::npos) << plan.issues[0].message;
    EXPECT_TRUE(plan.records.empty()) << "strict: nothing is kept";
    auto lenient =
        PlanInteractions(std::string(kHeader) + "E1,E2,2026-03-01,reply,1,\n" + c.row + "\n",
                         kPeople, {.lenient = true});
    EXPECT_EQ(lenient.records.size(), 1u);
    EXPECT_EQ(lenient.skipped, 1);
  }
}

// A fault names its column as the file's header writes it, not by the role it was read as.
TEST(InteractionsPlanTest, AFaultNamesItsColumnAsTheHeaderWritesIt) {
  auto plan = PlanInteractions("Nominator , nominee,Date\nE1,E9,2026-03-01\nE1,E2,someday\n",
                               kPeople, {.default_layer = graph::Layer::kNomination});
  ASSERT_EQ(plan.issues.size(), 2u);
  EXPECT_EQ(plan.issues[0].column, "nominee");
  EXPECT_EQ(plan.issues[0].message, "unknown person 'E9'");
  EXPECT_EQ(plan.issues[1].column, "Date");
  auto empty = PlanInteractions("Nominator,nominee,Date\n,E2,2026-03-01\n", kPeople,
                                {.default_layer = graph::Layer::kNomination});
  ASSERT_EQ(empty.issues.size(), 1u);
  EXPECT_EQ(empty.issues[0].column, "Nominator");
  EXPECT_EQ(empty.issues[0].message, "is empty");
}

// Mail to oneself is in every message export: such a row is no tie between two people, so it is
// left out and counted, in strict mode too; a self-interaction with another fault is a bad row.
TEST(InteractionsPlanTest, SelfInteractionsAreLeftOutAndCounted) {
  auto plan = PlanInteractions(std::string(kHeader) +
                                   "E1,E1,2026-03-01,reply,1,\n"
                                   "E1,E2,2026-03-01,reply,1,\n"
                                   "E2,E2,2026-03-02,,,\n",
                               kPeople, {});
  EXPECT_FALSE(plan.has_errors);
  EXPECT_TRUE(plan.issues.empty());
  ASSERT_EQ(plan.records.size(), 1u);
  EXPECT_EQ(plan.records[0].src, PersonId(1));
  EXPECT_EQ(plan.records[0].dst, PersonId(2));
  EXPECT_EQ(plan.self_interactions, 2);
  EXPECT_EQ(plan.skipped, 0);
  auto bad = PlanInteractions(std::string(kHeader) + "E1,E1,yesterday,reply,1,\n", kPeople, {});
  EXPECT_TRUE(bad.has_errors);
  ASSERT_EQ(bad.issues.size(), 1u);
  EXPECT_EQ(bad.issues[0].column, "timestamp");
  EXPECT_EQ(bad.self_interactions, 0);
}

// An e-mail log's own header names are understood: from / to / time, sender / recipient / sent_at.
TEST(InteractionsPlanTest, HeaderAliases) {
  for (const char* header :
       {"\"from\",\"to\",\"Time\",\"Reciptype\"\n", "Sender,Recipient,Sent_At,Kind\n",
        "source,target,ts,x\n", "source,target,datetime,x\n", "source,target,created_at,x\n",
        // a survey tool's names, and one only read where the file has no other source
        "Email,nominee_email,Completion time,x\n", "source,target,ts,email\n",
        "source,target,completion time,email\n"}) {
    auto plan =
        PlanInteractions(std::string(header) + "E1,E2,\"2001-05-14 16:39:00\",to\n", kPeople, {});
    ASSERT_FALSE(plan.has_errors) << header << plan.issues[0].message;
    ASSERT_EQ(plan.records.size(), 1u) << header;
    EXPECT_EQ(FormatTimestamp(plan.records[0].ts), "2001-05-14T16:39:00Z") << header;
    EXPECT_EQ(plan.records[0].layer, graph::Layer::kReply) << header;
  }
}

// A mail log names people as mail headers do: "Name <address>" (a comma in the name, "mailto:"
// in the brackets), several recipients in a cell; the parts without an address are names, not
// people. Tab-separated too, as such logs are often exported.
TEST(InteractionsPlanTest, MailHeaderNamesAndSeveralRecipients) {
  const std::unordered_map<std::string, PersonId> people = {
      {"E1", PersonId(1)},       {"ann@x.com", PersonId(1)}, {"E2", PersonId(2)},
      {"bo@x.com", PersonId(2)}, {"E3", PersonId(3)},        {"cy@x.com", PersonId(3)}};
  auto plan = PlanInteractions(
      "from\tto\tsent_at\n"
      "Lee, Ann <Ann@X.com>\tBo, Jr <bo@x.com>; Cy <mailto:cy@x.com>\t2026-03-01\n"
      "E2\tann@x.com, Cy <CY@x.com>\t2026-03-02\n",
      people, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].column << ": " << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 4u);
  EXPECT_EQ(std::make_pair(plan.records[0].src, plan.records[0].dst),
            std::make_pair(PersonId(1), PersonId(2)));
  EXPECT_EQ(std::make_pair(plan.records[1].src, plan.records[1].dst),
            std::make_pair(PersonId(1), PersonId(3)));
  EXPECT_EQ(std::make_pair(plan.records[2].src, plan.records[2].dst),
            std::make_pair(PersonId(2), PersonId(1)));
  EXPECT_EQ(std::make_pair(plan.records[3].src, plan.records[3].dst),
            std::make_pair(PersonId(2), PersonId(3)));
  // An address nobody has is still named, as it is written.
  auto unknown =
      PlanInteractions("from,to,sent_at\nE1,\"Zed <zed@x.com>\",2026-03-01\n", people, {});
  ASSERT_TRUE(unknown.has_errors);
  EXPECT_NE(unknown.issues[0].message.find("unknown person 'Zed <zed@x.com>'"), std::string::npos)
      << unknown.issues[0].message;
}

// Times as a US spreadsheet saves them (month first, told by 3/15; a 12-hour clock), and as a
// European one does (day first); dates that fit either way are refused, saying why.
TEST(InteractionsPlanTest, TimesInTheFilesLocale) {
  auto us = PlanInteractions(
      "source,target,timestamp\nE1,E2,3/4/2026 9:05 AM\nE2,E1,3/15/2026 2:30:10 PM\n", kPeople, {});
  ASSERT_FALSE(us.has_errors) << us.issues[0].message;
  EXPECT_EQ(FormatTimestamp(us.records[0].ts), "2026-03-04T09:05:00Z");
  EXPECT_EQ(FormatTimestamp(us.records[1].ts), "2026-03-15T14:30:10Z");
  auto eu = PlanInteractions(
      "source;target;timestamp\nE1;E2;03/04/2026 09:05\nE2;E1;15/03/2026 14:30\n", kPeople, {});
  ASSERT_FALSE(eu.has_errors) << eu.issues[0].message;
  EXPECT_EQ(FormatTimestamp(eu.records[0].ts), "2026-04-03T09:05:00Z");
  auto unsure = PlanInteractions("source,target,timestamp\nE1,E2,03/04/2026 09:05\n", kPeople, {});
  ASSERT_TRUE(unsure.has_errors);
  EXPECT_NE(unsure.issues[0].message.find("no date in the file tells which"), std::string::npos)
      << unsure.issues[0].message;
  auto iso_first = PlanInteractions("source,target,timestamp\nE1,E2,2026-03-04\nE2,E1,15/03/2026\n",
                                    kPeople, {});
  ASSERT_TRUE(iso_first.has_errors);  // a file's times in one form: ISO, as its first one is
  EXPECT_EQ(iso_first.issues[0].line, 3);
}

TEST(InteractionsPlanTest, MessageTextIsNeverRead) {
  auto plan = PlanInteractions("source,target,timestamp,text\nE1,E2,2026-03-01,secret plans\n",
                               kPeople, {});
  EXPECT_FALSE(plan.has_errors);
  ASSERT_EQ(plan.issues.size(), 1u);
  EXPECT_TRUE(plan.issues[0].warning);
  EXPECT_EQ(plan.records[0].context, "");
  EXPECT_FALSE(PlanInteractions("source,timestamp\n", kPeople, {}).issues.empty());
}

class InteractionsImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto r = ImportRoster(
        *store_, "employee_id,name,manager_employee_id\nE1,Ann,\nE2,Bob,E1\nE3,Cat,E1\n", {});
    ASSERT_TRUE(r.ok() && !r->rejected);
  }
  size_t Stored() { return store_->LoadInteractions(std::nullopt)->size(); }
  std::unique_ptr<store::Store> store_;
};

TEST_P(InteractionsImportTest, ReimportAddsNothingAndWindowsFilter) {
  std::string csv = std::string(kHeader) +
                    "E2,E1,2026-01-10T10:00:00Z,reply,1,#help\n"
                    "E3,E1,2026-02-10T10:00:00Z,mention,1,#help\n"
                    "E3,E1,2026-02-10T10:00:00Z,mention,1,#help\n"  // the same again in one file
                    "E1,E3,2026-04-10T10:00:00Z,kudos,0.25,\\tab\n";
  auto r = ImportInteractions(*store_, csv, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->rejected);
  EXPECT_EQ(r->applied.added, 3);
  EXPECT_EQ(r->applied.duplicates, 1);
  auto again = ImportInteractions(*store_, csv, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->applied.added, 0);
  EXPECT_EQ(again->applied.duplicates, 4);
  EXPECT_EQ(Stored(), 3u);

  auto q1 = store_->LoadInteractions(graph::Quarter(2026, 1));
  ASSERT_TRUE(q1.ok());
  ASSERT_EQ(q1->size(), 2u);
  graph::Graph g = graph::Build(*store_->LoadInteractions(std::nullopt));
  auto e1 = *store_->PersonIdsByExternalId();
  uint32_t ann = *g.IndexOf(e1.at("E1").value), cat = *g.IndexOf(e1.at("E3").value);
  EXPECT_EQ(g.InDegree(ann), 2u);
  EXPECT_DOUBLE_EQ(g.Weight(ann, cat), 0.25);
}

// A survey tool's export (Microsoft Forms' columns): people by e-mail in any case, the answers
// to a question with several in one cell separated by ';', an employee id among them; an
// unknown e-mail is named.
TEST_P(InteractionsImportTest, NominationsByEmailAsFormsExportThem) {
  auto roster = ImportRoster(
      *store_, "employee_id,name,email\nE1,Ann,ann@example.com\nE2,Bob,Bob@Example.com\nE3,Cat,\n",
      {});
  ASSERT_TRUE(roster.ok() && !roster->rejected);
  const std::string forms =
      "ID,Start time,Completion time,Email,Name,nominee\n"
      "1,2026-03-01T09:00:00,2026-03-01T09:05:00,ANN@example.com,Ann,bob@EXAMPLE.com;E3;\n"
      "2,2026-03-01T09:10:00,2026-03-01T09:12:00,bob@example.com,Bob,\"ann@example.com, E2\"\n";
  const InteractionsOptions nominations{.default_layer = graph::Layer::kNomination};
  auto r = ImportInteractions(*store_, forms, nominations);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->rejected) << r->issues[0].message;
  EXPECT_EQ(r->applied.added, 3);
  auto ids = *store_->PersonIdsByExternalId();
  auto stored = *store_->LoadInteractions(std::nullopt);
  ASSERT_EQ(stored.size(), 3u);
  int from_ann = 0;
  for (const auto& i : stored) {
    EXPECT_EQ(i.layer, graph::Layer::kNomination);
    from_ann += i.src == ids.at("E1").value;
    if (i.src == ids.at("E1").value) {
      EXPECT_EQ(FormatTimestamp(i.ts), "2026-03-01T09:05:00Z");
      EXPECT_TRUE(i.dst == ids.at("E2").value || i.dst == ids.at("E3").value);
    }
  }
  EXPECT_EQ(from_ann, 2);
  auto unknown = ImportInteractions(
      *store_, "Email,Completion time,nominee\nann@example.com,2026-03-02,zed@example.com\n",
      nominations);
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE(unknown->rejected);
  ASSERT_EQ(unknown->issues.size(), 1u);
  EXPECT_EQ(unknown->issues[0].message, "unknown person 'zed@example.com'");
  EXPECT_EQ(Stored(), 3u);
}

TEST_P(InteractionsImportTest, RejectedAndDryRunImportsChangeNothing) {
  std::string good = std::string(kHeader) + "E2,E1,2026-01-10T10:00:00Z,reply,1,\n";
  ASSERT_TRUE(ImportInteractions(*store_, good, {}).ok());
  auto bad = ImportInteractions(
      *store_, good + "E2,E404,2026-01-11,reply,1,\nE3,E1,2026-01-12,reply,1,\n", {});
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad->rejected);
  EXPECT_EQ(Stored(), 1u);
  auto dry = ImportInteractions(*store_, std::string(kHeader) + "E3,E1,2026-01-12,reply,1,\n",
                                {.dry_run = true});
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->applied.added, 1);
  EXPECT_EQ(Stored(), 1u);
  auto lenient =
      ImportInteractions(*store_, good + "E2,E404,2026-01-11,reply,1,\nE3,E1,2026-01-12,reply,1,\n",
                         {.lenient = true});
  ASSERT_TRUE(lenient.ok());
  EXPECT_FALSE(lenient->rejected);
  EXPECT_EQ(lenient->skipped, 1);
  EXPECT_EQ(lenient->applied.added, 1);
  EXPECT_EQ(lenient->applied.duplicates, 1);
  EXPECT_EQ(Stored(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionsImportTest,
                         ::testing::ValuesIn(pl::testing::Backends()), pl::testing::BackendName());

// A survey's export: one respondent a row, the people they named in numbered columns. Blank
// answers add nothing, a person named twice in a row counts once, naming oneself is left out
// and counted; an unknown person is named by the column that holds them.
TEST(InteractionsPlanTest, NumberedNomineeColumns) {
  auto plan = PlanInteractions(
      "Respondent_ID,Nominee 1,Nominee 2,nominee_3,Submitted_At,Question\n"
      "E1,E2,E3,,2026-03-01T10:00:00Z,advice\n"
      "E2,E1,E1,E2,2026-03-02,advice\n"
      "E3,,,,2026-03-02,advice\n",
      kPeople, {.default_layer = graph::Layer::kNomination});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  EXPECT_EQ(plan.rows, 3);
  ASSERT_EQ(plan.records.size(), 3u);
  EXPECT_EQ(plan.records[0].src, PersonId(1));
  EXPECT_EQ(plan.records[0].dst, PersonId(2));
  EXPECT_EQ(plan.records[1].dst, PersonId(3));
  EXPECT_EQ(plan.records[2].src, PersonId(2));
  EXPECT_EQ(plan.records[2].dst, PersonId(1));
  EXPECT_EQ(plan.records[2].layer, graph::Layer::kNomination);
  EXPECT_EQ(plan.records[2].context, "advice");
  EXPECT_EQ(plan.self_interactions, 1);

  auto bad = PlanInteractions("nominator,nominee_1,nominee_2,date\nE1,E2,E9,2026-03-01\n", kPeople,
                              {.default_layer = graph::Layer::kNomination});
  ASSERT_TRUE(bad.has_errors);
  ASSERT_EQ(bad.issues.size(), 1u);
  EXPECT_EQ(bad.issues[0].column, "nominee_2");
  EXPECT_EQ(bad.issues[0].message, "unknown person 'E9'");
  EXPECT_TRUE(bad.records.empty());

  // Not numbered: "nominee_employee_id" and "total" are what they were.
  auto plain = PlanInteractions("nominator,nominee_employee_id,date,total\nE1,E2,2026-03-01,9\n",
                                kPeople, {});
  ASSERT_FALSE(plain.has_errors);
  ASSERT_EQ(plain.records.size(), 1u);
}

// Kudos as a recognition tool exports them (giver, receiver, when, the note never read) and project
// debriefs ("who helped on this project?": the respondent and the helpers in numbered columns),
// each on its own layer; the kinds by name.
TEST(InteractionsPlanTest, KudosAndProjectDebriefs) {
  auto kudos = PlanInteractions(
      "Giver,Receiver,Given_At,Note\n"
      "E1,E2,2026-03-01T10:00:00Z,Thanks for walking me through the release!\n"
      "E3,E2,2026-03-02,\n",
      kPeople, {.default_layer = *CsvKindLayer("kudos")});
  ASSERT_FALSE(kudos.has_errors) << kudos.issues[0].message;
  ASSERT_EQ(kudos.records.size(), 2u);
  EXPECT_EQ(kudos.records[0].src, PersonId(1));
  EXPECT_EQ(kudos.records[0].dst, PersonId(2));
  EXPECT_EQ(kudos.records[1].src, PersonId(3));
  for (const auto& r : kudos.records) {
    EXPECT_EQ(r.layer, graph::Layer::kKudos);
    EXPECT_EQ(r.context, "");  // the note is not the context, nor kept anywhere
  }
  ASSERT_EQ(kudos.issues.size(), 1u);
  EXPECT_TRUE(kudos.issues[0].warning);
  EXPECT_EQ(kudos.issues[0].column, "note");
  EXPECT_EQ(kudos.issues[0].message, "message text is never imported; column ignored");

  auto debriefs = PlanInteractions(
      "Project,Date,Respondent,Helped by 1,Helped by 2,helper_3,comments\n"
      "Apollo launch,2026-03-05,E1,E2,E3,,went well\n"
      "Apollo launch,2026-03-05,E2,E3,,,\n",
      kPeople, {.default_layer = *CsvKindLayer("debriefs")});
  ASSERT_FALSE(debriefs.has_errors) << debriefs.issues[0].message;
  ASSERT_EQ(debriefs.records.size(), 3u);
  EXPECT_EQ(debriefs.records[0].src, PersonId(1));
  EXPECT_EQ(debriefs.records[0].dst, PersonId(2));
  EXPECT_EQ(debriefs.records[1].dst, PersonId(3));
  EXPECT_EQ(debriefs.records[2].src, PersonId(2));
  EXPECT_EQ(debriefs.records[2].dst, PersonId(3));
  for (const auto& r : debriefs.records) {
    EXPECT_EQ(r.layer, graph::Layer::kDebrief);
    EXPECT_EQ(r.context, "Apollo launch");
  }
  // A recognition tool's export by e-mail, one thank-you naming two people (as such tools give
  // them), its amount and reason columns not read as anything.
  const std::unordered_map<std::string, PersonId> by_email = {
      {"ana@x.org", PersonId(1)}, {"ben@x.org", PersonId(2)}, {"cat@x.org", PersonId(3)}};
  auto emailed = PlanInteractions(
      "giver_email,recipients,created_at,amount,reason\n"
      "ana@x.org,\"ben@x.org, cat@x.org\",2026-03-03T09:00:00Z,10,for the migration\n",
      by_email, {.default_layer = graph::Layer::kKudos});
  ASSERT_FALSE(emailed.has_errors) << emailed.issues[0].message;
  ASSERT_EQ(emailed.records.size(), 2u);
  EXPECT_EQ(emailed.records[0].src, PersonId(1));
  EXPECT_EQ(emailed.records[0].dst, PersonId(2));
  EXPECT_EQ(emailed.records[1].dst, PersonId(3));
  EXPECT_EQ(emailed.records[1].weight, 1.0);  // the amount is not a weight
  // Without a column of helpers, the message says what to call it.
  auto none = PlanInteractions("project,date,respondent\nApollo,2026-03-05,E1\n", kPeople,
                               {.default_layer = graph::Layer::kDebrief});
  ASSERT_TRUE(none.has_errors);
  EXPECT_NE(none.issues[0].hint.find("helper_1, helper_2"), std::string::npos);

  EXPECT_EQ(CsvKindLayer("nominations"), graph::Layer::kNomination);
  EXPECT_EQ(CsvKindLayer("interactions"), graph::Layer::kReply);
  EXPECT_FALSE(CsvKindLayer("kudo").has_value());
}

// A file without times takes the date given for every row; without one it is refused, naming
// the column.
TEST(InteractionsPlanTest, OneDateForAFileWithoutTimes) {
  const Timestamp day = ParseTimestamp("2026-10-01").value();
  auto plan = PlanInteractions("nominator,nominee,question\nE1,E2,advice\nE2,E3,advice\n", kPeople,
                               {.default_layer = graph::Layer::kNomination, .date = day});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 2u);
  EXPECT_EQ(plan.records[1].ts, day);
  EXPECT_EQ(plan.records[1].context, "advice");
  auto none = PlanInteractions("nominator,nominee\nE1,E2\n", kPeople, {});
  ASSERT_TRUE(none.has_errors);
  EXPECT_EQ(none.issues[0].message, "required column 'timestamp' is missing");
  EXPECT_NE(none.issues[0].hint.find("--date"), std::string::npos);
  // The context given stands for a missing context column; a column keeps its own.
  auto asked = PlanInteractions("nominator,nominee\nE1,E2\n", kPeople,
                                {.date = day, .context = "friendship"});
  ASSERT_EQ(asked.records.size(), 1u);
  EXPECT_EQ(asked.records[0].context, "friendship");
  auto column = PlanInteractions("nominator,nominee,question\nE1,E2,advice\n", kPeople,
                                 {.date = day, .context = "friendship"});
  ASSERT_EQ(column.records.size(), 1u);
  EXPECT_EQ(column.records[0].context, "advice");
  auto too_long = PlanInteractions("nominator,nominee\nE1,E2\n", kPeople,
                                   {.date = day, .context = std::string(201, 'q')});
  ASSERT_TRUE(too_long.has_errors);
  EXPECT_TRUE(too_long.records.empty());
  // A file with times keeps its own.
  auto own = PlanInteractions("nominator,nominee,date\nE1,E2,2026-03-01\n", kPeople, {.date = day});
  ASSERT_EQ(own.records.size(), 1u);
  EXPECT_EQ(own.records[0].ts, ParseTimestamp("2026-03-01").value());
}

// A sociomatrix as R and pandas write it: the ties where a number is above 0, weighted by it,
// all on the date given; the diagonal left out and counted.
TEST(InteractionsPlanTest, MatrixOfNominations) {
  const Timestamp day = ParseTimestamp("2026-10-01").value();
  const InteractionsOptions opt{.default_layer = graph::Layer::kNomination, .date = day};
  auto plan = PlanInteractions(
      "\"\",\"E1\",\"E2\",\"E3\"\n\"E1\",0,1,2\n\"E2\",1,1,\n\"E3\",0,0.5,0\n", kPeople, opt);
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  EXPECT_EQ(plan.rows, 3);
  EXPECT_EQ(plan.self_interactions, 1);
  ASSERT_EQ(plan.records.size(), 4u);
  const std::vector<std::tuple<int64_t, int64_t, double>> want = {
      {1, 2, 1}, {1, 3, 2}, {2, 1, 1}, {3, 2, 0.5}};
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& r = plan.records[i];
    EXPECT_EQ(std::tuple(r.src.value, r.dst.value, r.weight), want[i]) << i;
    EXPECT_EQ(r.ts, day);
    EXPECT_EQ(r.layer, graph::Layer::kNomination);
    EXPECT_EQ(r.context, "");
  }
  InteractionsOptions advice = opt;
  advice.context = "advice";
  auto asked = PlanInteractions(",E1,E2\nE1,0,1\nE2,0,0\n", kPeople, advice);
  ASSERT_EQ(asked.records.size(), 1u);
  EXPECT_EQ(asked.records[0].context, "advice");
  // An edge list pandas wrote with its index column is not a matrix: its rows are read.
  auto indexed = PlanInteractions(",source,target,timestamp\n0,E1,E2,2026-03-01\n", kPeople, {});
  ASSERT_FALSE(indexed.has_errors) << indexed.issues[0].message;
  ASSERT_EQ(indexed.records.size(), 1u);
  EXPECT_EQ(indexed.records[0].dst, PersonId(2));
  // Without a date: refused, saying to give one.
  auto undated = PlanInteractions(",E1,E2\nE1,0,1\nE2,1,0\n", kPeople, {});
  ASSERT_TRUE(undated.has_errors);
  EXPECT_EQ(undated.issues[0].message, "a matrix names no dates");
  EXPECT_TRUE(undated.records.empty());
  // Every fault named by its line and the person's column or row.
  auto bad = PlanInteractions(",E1,E2,E9,E2\nE1,0,x,1,0\nE2,1,0,0\nE7,1,0,0,0\nE1,0,1,0,0\n",
                              kPeople, opt);
  ASSERT_TRUE(bad.has_errors);
  std::vector<std::tuple<int64_t, std::string, std::string>> got;
  for (const auto& i : bad.issues) got.push_back({i.line, i.column, i.message});
  const std::vector<std::tuple<int64_t, std::string, std::string>> issues = {
      {1, "E9", "unknown person 'E9'"},
      {1, "E2", "heads two columns (3 and 5)"},
      {2, "E2", "'x' is not a number of nominations"},
      {3, "", "has 4 fields, the header has 5"},
      {4, "E7", "unknown person 'E7'"},
      {5, "E1", "has a second row (the first on line 2)"}};
  EXPECT_EQ(got, issues);
  EXPECT_TRUE(bad.records.empty());
  // Lenient: the good rows' ties, the unknown column's cells skipped.
  InteractionsOptions lenient = opt;
  lenient.lenient = true;
  auto some = PlanInteractions(",E1,E2,E9\nE1,0,1,1\nE2,3,0,0\n", kPeople, lenient);
  ASSERT_EQ(some.records.size(), 2u);
  EXPECT_EQ(some.records[1].weight, 3);
}

// Mangled copies of good files of each form (rows, numbered answers, a matrix): every plan names
// only known people and positive weights, or has issues that say where; none crashes.
TEST(InteractionsPlanTest, MangledFilesArePlannedOrRefusedWithAMessage) {
  const std::vector<std::string> good = {
      "source,target,timestamp,layer,weight,context\nE1,E2,2026-03-01,reply,2,c\nE2,E3,2026-03-02,"
      "kudos,1,\n",
      "respondent,nominee_1,nominee_2,date,question\nE1,E2,E3,2026-03-01,q\nE2,,E1,2026-03-01,q\n",
      "\"\",\"E1\",\"E2\",\"E3\"\n\"E1\",0,1,2\n\"E2\",1,0,0\n\"E3\",0,0.5,0\n"};
  const InteractionsOptions opt{.default_layer = graph::Layer::kNomination,
                                .date = ParseTimestamp("2026-10-01").value()};
  std::mt19937 rng(7);
  int planned = 0, refused = 0;
  for (const std::string& text : good) {
    for (int round = 0; round < 2000; ++round) {
      const std::string m = pl::testing::Mangle(text, rng, 3, ",\"\n\r 0123E.-x");
      for (bool lenient : {false, true}) {
        InteractionsOptions o = opt;
        o.lenient = lenient;
        const InteractionsPlan plan = PlanInteractions(m, kPeople, o);
        for (const auto& r : plan.records) {
          ASSERT_TRUE(r.src.value >= 1 && r.src.value <= 3 && r.dst.value >= 1 &&
                      r.dst.value <= 3 && r.src != r.dst && r.weight > 0)
              << m;
        }
        for (const auto& i : plan.issues) ASSERT_FALSE(i.message.empty()) << m;
        if (plan.has_errors) {
          ++refused;
          if (!lenient) {
            ASSERT_TRUE(plan.records.empty()) << m;
          }
        } else {
          ++planned;
        }
      }
    }
  }
  EXPECT_GT(planned, 1000);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace pl::ingest
