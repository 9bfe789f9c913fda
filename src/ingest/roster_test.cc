#include "ingest/roster.h"

#include <gtest/gtest.h>

#include "testing/test_backends.h"

namespace pl::ingest {
namespace {

constexpr const char* kHeader =
    "employee_id,name,email,title,level,department,team,manager_employee_id,hire_date,location,"
    "timezone,skills\n";

std::string Org() {
  return std::string(kHeader) +
         "E1,Ada Lovelace,ada@example.com,CEO,9,Exec,,,2019-01-07,London,Europe/London,strategy:4\n"
         "E2,Grace Hopper,grace@example.com,CTO,8,Engineering,,E1,2019-03-01,New "
         "York,America/New_York,compilers:4;cobol:3\n"
         "E3,Alan "
         "Turing,alan@example.com,Engineer,5,Engineering,Platform,E2,2021-06-14,London,Europe/"
         "London,crypto:4\n"
         "E4,\"Dijkstra, "
         "Edsger\",edsger@example.com,Engineer,5,Engineering,Platform,E2,2022-09-01,Austin,America/"
         "Chicago,\n"
         "E5,Barbara "
         "Liskov,barbara@example.com,Engineer,4,Engineering,Data,E3,2026-10-01,Boston,America/"
         "New_York,types:3\n";
}

std::vector<ImportIssue> Errors(const RosterPlan& p) {
  std::vector<ImportIssue> out;
  for (const auto& i : p.issues)
    if (!i.warning) out.push_back(i);
  return out;
}

TEST(RosterPlanTest, AGoodFileHasNoIssues) {
  auto plan = PlanRoster(Org(), {}, {});
  EXPECT_FALSE(plan.has_errors);
  EXPECT_TRUE(plan.issues.empty());
  ASSERT_EQ(plan.records.size(), 5u);
  EXPECT_EQ(plan.records[3].name, "Dijkstra, Edsger");
  EXPECT_EQ(plan.records[2].team_path, "Engineering/Platform");
  EXPECT_EQ(plan.records[1].team_path, "Engineering");
  ASSERT_EQ(plan.records[1].skills.size(), 2u);
  EXPECT_EQ(plan.records[1].skills[1].skill, "cobol");
  EXPECT_EQ(plan.records[1].skills[1].level, 3);
}

// The same roster as a spreadsheet saves it where the decimal separator is a comma: separated by
// semicolons, the skills (which hold ';') quoted.
TEST(RosterPlanTest, SemicolonSeparatedFile) {
  const std::string text =
      "employee_id;name;email;title;level;department;team;manager_employee_id;hire_date;location;"
      "timezone;skills\r\n"
      "E1;Ada Lovelace;ada@example.com;CEO;9;Exec;;;2019-01-07;London;Europe/London;strategy:4\r\n"
      "E2;Grace Hopper;grace@example.com;CTO;8;Engineering;;E1;2019-03-01;New York;"
      "America/New_York;\"compilers:4;cobol:3\"\r\n";
  auto plan = PlanRoster(text, {}, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 2u);
  EXPECT_EQ(plan.records[1].name, "Grace Hopper");
  EXPECT_EQ(plan.records[1].location, "New York");
  ASSERT_EQ(plan.records[1].skills.size(), 2u);
  EXPECT_EQ(plan.records[1].skills[1].skill, "cobol");
}

// Each bad-input case: the row's line, the column, and the words of the message.
TEST(RosterPlanTest, EveryBadInputIsReportedWithLineAndColumn) {
  struct Case {
    std::string row;
    std::string column;
    std::string words;
  } cases[] = {
      {"E9,Nine,nine@x.io,,,,,,2023-02-30,,,", "hire_date", "no such day"},
      {"E9,Nine,nine@x.io,,,,,,03/02/2023,,,", "hire_date", "no date in the file tells which"},
      {"E9,Nine,nine@x.io,,,,,,3/2/23,,,", "hire_date", "expected YYYY-MM-DD"},
      {"E9,Nine,not-an-email,,,,,,,,,", "email", "is not an e-mail address"},
      {"E9,Nine,,,eleven,,,,,,,", "level", "is not a level"},
      {"E9,Nine,,,,,,E404,,,,", "manager_employee_id", "unknown manager 'E404'"},
      {"E9,Nine,,,,,,E9,,,,", "manager_employee_id", "their own manager"},
      {"E9,Nine,,,,,,,,,Mars Time,", "timezone", "is not a time zone name"},
      {"E9,Nine,,,,,,,,,,python:7", "skills", "is not skill:level"},
      {"E9,Nine,,,,,,,,,,python:2;Python:3", "skills", "listed twice"},
      {"E9,N\xC3\x28ine,,,,,,,,,,", "name", "not valid UTF-8"},
      {"E9," + std::string(201, 'n') + ",,,,,,,,,,", "name", "more than the 200 allowed"},
      {",Nobody,,,,,,,,,,", "employee_id", "is empty"},
      {"E9,Nine,,,,,Eng//Core,,,,,", "team", "is not a team path"},
      {"E9,Nine,,,", "", "has 5 fields, the header has 12"},
      {"E1,Ada Again,,,,,,,,,,", "employee_id", "duplicate of line 2"},
  };
  for (const auto& c : cases) {
    auto plan = PlanRoster(Org() + c.row + "\n", {}, {});
    auto errors = Errors(plan);
    ASSERT_EQ(errors.size(), 1u) << c.row << (errors.empty() ? "" : ": " + errors[0].message);
    EXPECT_EQ(errors[0].line, 7) << c.row;
    EXPECT_EQ(errors[0].column, c.column) << c.row;
    EXPECT_NE(errors[0].message.find(c.words), std::string::npos) << errors[0].message;
    EXPECT_FALSE(errors[0].hint.empty());
    EXPECT_TRUE(plan.records.empty()) << "strict mode keeps no rows";
  }
}

TEST(RosterPlanTest, ManagerCyclesNameEveryMember) {
  std::string csv = std::string(kHeader) +
                    "A,Ann,,,,,,C,,,,\n"
                    "B,Bob,,,,,,A,,,,\n"
                    "C,Cat,,,,,,B,,,,\n"
                    "D,Dan,,,,,,,,,,\n";
  auto plan = PlanRoster(csv, {}, {});
  auto errors = Errors(plan);
  ASSERT_EQ(errors.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(errors[i].line, i + 2);
    EXPECT_NE(errors[i].message.find("manager cycle"), std::string::npos);
  }
  // Lenient: the cycle is skipped, Dan is kept.
  auto lenient = PlanRoster(csv, {}, {.lenient = true});
  ASSERT_EQ(lenient.records.size(), 1u);
  EXPECT_EQ(lenient.records[0].external_id, "D");
  EXPECT_EQ(lenient.skipped, 3);
}

TEST(RosterPlanTest, CyclesThroughTheStoreAreFound) {
  // The store says X reports to Y; the file says Y reports to X.
  std::vector<store::RosterEntry> existing = {{"X", "Y", true}, {"Y", "", true}};
  auto plan = PlanRoster(std::string(kHeader) + "Y,Yan,,,,,,X,,,,\n", existing, {});
  auto errors = Errors(plan);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("manager cycle: "), std::string::npos) << errors[0].message;
}

TEST(RosterPlanTest, LenientSkipsDependentsOfBadRows) {
  std::string csv =
      Org() + "E6,Six,,,,,,E7,2023-02-30,,,\nE7,Seven,,,,,,E6,,,,\nE8,Eight,,,,,,E7,,,,\n";
  auto plan = PlanRoster(csv, {}, {.lenient = true});
  // E6 has a bad date; E7 reports to E6; E8 to E7: all three go, the rest stays.
  EXPECT_EQ(plan.skipped, 3);
  EXPECT_EQ(plan.records.size(), 5u);
}

// An HR system's export names the columns its own way: matched whatever the case, with spaces,
// hyphens and dots as underscores.
TEST(RosterPlanTest, HrSystemsColumnNames) {
  auto plan = PlanRoster(
      "Employee ID,Display Name,Work E-mail Address,Business Title,Job Grade,Department Name,"
      "Supervisor ID,Date of Joining,Work Location,Time Zone\n"
      "E1,Ada Lovelace,ada@example.com,CEO,9,Exec,,2019-01-07,London,Europe/London\n"
      "E2,Grace Hopper,grace@example.com,CTO,8,Engineering,E1,2019-03-01,New York,"
      "America/New_York\n",
      {}, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  EXPECT_TRUE(plan.issues.empty()) << plan.issues[0].column;
  ASSERT_EQ(plan.records.size(), 2u);
  EXPECT_EQ(plan.records[1].name, "Grace Hopper");
  EXPECT_EQ(plan.records[1].email, "grace@example.com");
  EXPECT_EQ(plan.records[1].title, "CTO");
  EXPECT_EQ(plan.records[1].level, 8);
  EXPECT_EQ(plan.records[1].manager_external_id, "E1");
  EXPECT_EQ(plan.records[1].hire_date, ParseDate("2019-03-01").value());
  EXPECT_EQ(plan.records[1].location, "New York");
  EXPECT_EQ(plan.records[1].timezone, "America/New_York");
}

// First and last name in columns of their own (BambooHR, Personio): the name is the two with a
// space, either alone where the other is empty; a name column wins where it is given. One of
// the two without the other is no name, and said so.
TEST(RosterPlanTest, FirstAndLastNameMakeTheName) {
  auto plan = PlanRoster(
      "Employee Number,First Name,Last Name,Work Email\n"
      "E1,Ada,Lovelace,ada@example.com\nE2,Grace,,grace@example.com\nE3,,Hopper,\n",
      {}, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  EXPECT_TRUE(plan.issues.empty()) << plan.issues[0].column;
  ASSERT_EQ(plan.records.size(), 3u);
  EXPECT_EQ(plan.records[0].name, "Ada Lovelace");
  EXPECT_EQ(plan.records[1].name, "Grace");
  EXPECT_EQ(plan.records[2].name, "Hopper");
  auto both = PlanRoster(
      "id,name,given_name,surname\nE1,Countess Ada,Ada,Lovelace\nE2,,Grace,Hopper\n", {}, {});
  ASSERT_FALSE(both.has_errors) << both.issues[0].message;
  EXPECT_EQ(both.records[0].name, "Countess Ada");
  EXPECT_EQ(both.records[1].name, "Grace Hopper");
  auto first_only = PlanRoster("employee_id,first_name\nE1,Ada\n", {}, {});
  ASSERT_FALSE(Errors(first_only).empty());
  EXPECT_EQ(Errors(first_only)[0].column, "name");
  EXPECT_NE(Errors(first_only)[0].hint.find("first_name and last_name"), std::string::npos);
  auto empty = PlanRoster("employee_id,first_name,last_name\nE1,,\n", {}, {});
  ASSERT_FALSE(Errors(empty).empty());
  EXPECT_EQ(Errors(empty)[0].message, "is empty");
  auto long_name = PlanRoster("employee_id,first_name,last_name\nE1," + std::string(150, 'a') +
                                  "," + std::string(60, 'b') + "\n",
                              {}, {});
  ASSERT_FALSE(Errors(long_name).empty());
  EXPECT_NE(Errors(long_name)[0].message.find("211 characters"), std::string::npos);
}

// Hire dates as a locale writes them: a US export (month first, told by 3/15), a European one
// (day first, told by 15/03, or by dots); a file whose slashed dates fit either way is refused
// on each such date, saying why.
TEST(RosterPlanTest, HireDatesInTheFilesLocale) {
  auto us = PlanRoster("id,name,hire_date\nE1,A,3/4/2021\nE2,B,3/15/2021\nE3,C,\n", {}, {});
  ASSERT_FALSE(us.has_errors) << us.issues[0].message;
  EXPECT_EQ(FormatDate(*us.records[0].hire_date), "2021-03-04");
  EXPECT_EQ(FormatDate(*us.records[1].hire_date), "2021-03-15");
  EXPECT_FALSE(us.records[2].hire_date.has_value());
  auto eu = PlanRoster("id,name,hire_date\nE1,A,03/04/2021\nE2,B,15/03/2021\n", {}, {});
  ASSERT_FALSE(eu.has_errors) << eu.issues[0].message;
  EXPECT_EQ(FormatDate(*eu.records[0].hire_date), "2021-04-03");
  auto de = PlanRoster("id;name;Eintrittsdatum;start_date\nE1;A;x;01.02.2021\n", {}, {});
  ASSERT_FALSE(de.has_errors) << de.issues[0].message;
  EXPECT_EQ(FormatDate(*de.records[0].hire_date), "2021-02-01");
  auto unsure = PlanRoster("id,name,hire_date\nE1,A,03/04/2021\nE2,B,2021-05-06\n", {}, {});
  ASSERT_EQ(Errors(unsure).size(), 1u);
  EXPECT_EQ(Errors(unsure)[0].line, 2);
  EXPECT_EQ(Errors(unsure)[0].column, "hire_date");
  EXPECT_NE(Errors(unsure)[0].message.find("no date in the file tells which"), std::string::npos);
}

// Managers named by e-mail (a "Manager Email" column): found in the file (any case) or in
// peerlearn; unknown, repeated or contradicted addresses refused on their row.
TEST(RosterPlanTest, ManagersByEmail) {
  const std::vector<store::RosterEntry> existing = {{"E0", "", true, "Boss@X.io"}};
  auto plan = PlanRoster(
      "id,name,Work Email,Manager Email\n"
      "E1,Ada,ada@x.io,boss@x.io\nE2,Grace,grace@x.io,ADA@x.io\nE3,Cy,,\n",
      existing, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 3u);
  EXPECT_EQ(plan.records[0].manager_external_id, "E0");
  EXPECT_EQ(plan.records[1].manager_external_id, "E1");
  EXPECT_EQ(plan.records[2].manager_external_id, "");
  struct Case {
    std::string rows, words;
  } cases[] = {
      {"E1,Ada,ada@x.io,nobody@x.io\n", "unknown manager e-mail 'nobody@x.io'"},
      {"E1,Ada,same@x.io,\nE2,Bo,same@x.io,\nE3,Cy,,same@x.io\n", "is on two rows (line 2"},
      {"E1,Ada,ada@x.io,not-an-address\n", "is not an e-mail address"},
  };
  for (const auto& c : cases) {
    auto bad = PlanRoster("id,name,email,manager_email\n" + c.rows, existing, {});
    ASSERT_EQ(Errors(bad).size(), 1u) << c.rows;
    EXPECT_EQ(Errors(bad)[0].column, "manager_email");
    EXPECT_NE(Errors(bad)[0].message.find(c.words), std::string::npos) << Errors(bad)[0].message;
  }
  auto both = PlanRoster(
      "id,name,email,manager_id,manager_email\nE1,Ada,ada@x.io,,\nE2,Bo,bo@x.io,E1,ada@x.io\n"
      "E3,Cy,,E2,ada@x.io\n",
      existing, {});
  ASSERT_EQ(Errors(both).size(), 1u);
  EXPECT_EQ(Errors(both)[0].line, 4);
  EXPECT_NE(Errors(both)[0].message.find("is E1's, but manager_employee_id says E2"),
            std::string::npos)
      << Errors(both)[0].message;
}

TEST(RosterPlanTest, HeaderProblems) {
  auto plan = PlanRoster("name,email\nAda,ada@x.io\n", {}, {});
  ASSERT_FALSE(Errors(plan).empty());
  EXPECT_EQ(Errors(plan)[0].column, "employee_id");
  auto dup = PlanRoster("employee_id,id,name\n1,2,x\n", {}, {});
  EXPECT_NE(Errors(dup)[0].message.find("column given twice"), std::string::npos);
  auto unknown = PlanRoster("employee_id,name,shoe_size\n1,x,44\n", {}, {});
  EXPECT_FALSE(unknown.has_errors);
  ASSERT_EQ(unknown.issues.size(), 1u);
  EXPECT_TRUE(unknown.issues[0].warning);
  EXPECT_EQ(PlanRoster("", {}, {}).issues[0].message, "the file is empty");
  auto broken = PlanRoster("employee_id,name\n1,\"open\n", {}, {.lenient = true});
  EXPECT_TRUE(broken.has_errors);
  EXPECT_TRUE(broken.records.empty()) << "a syntax error never imports part of a file";
}

// A report shows the first issues whole and counts the rest by kind (column, hint, severity), each
// kind with its first line, in the order the kinds first appear.
TEST(FormatIssuesTest, TheFirstAreShownAndTheRestCountedByKind) {
  std::vector<ImportIssue> issues;
  issues.push_back({0, "", "the file has a byte-order mark", "", true});
  for (int line = 2; line < 1000; ++line) {
    issues.push_back({line, "email", "'x" + std::to_string(line) + "' is not an e-mail address",
                      "use name@example.com"});
    if (line % 100 == 0) issues.push_back({line, "level", "'z' is not a number", "use 0-20"});
  }
  auto lines = FormatIssues("people.csv", issues, 3);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "people.csv: warning: the file has a byte-order mark");
  EXPECT_EQ(lines[1],
            "people.csv:2: error: column 'email' 'x2' is not an e-mail address (hint: use "
            "name@example.com)");
  EXPECT_EQ(lines[2], FormatIssue("people.csv", issues[2]));
  EXPECT_EQ(lines[3],
            "people.csv: 996 more errors like line 4: column 'email' 'x4' is not an e-mail "
            "address (hint: use name@example.com)");
  EXPECT_EQ(lines[4],
            "people.csv: 9 more errors like line 100: column 'level' 'z' is not a number (hint: "
            "use 0-20)");
  auto all = FormatIssues("people.csv", issues, issues.size());
  ASSERT_EQ(all.size(), issues.size());
  EXPECT_EQ(all.back(), FormatIssue("people.csv", issues.back()));
  auto one_more = FormatIssues("people.csv", issues, issues.size() - 1);
  EXPECT_EQ(one_more.back(),
            "people.csv: 1 more error like line 999: column 'email' 'x999' is not an e-mail "
            "address (hint: use name@example.com)");
}

TEST(RosterPlanTest, WriteRosterCsvRoundTrips) {
  auto plan = PlanRoster(Org(), {}, {});
  auto again = PlanRoster(WriteRosterCsv(plan.records), {}, {});
  ASSERT_FALSE(again.has_errors);
  ASSERT_EQ(again.records.size(), plan.records.size());
  for (size_t i = 0; i < plan.records.size(); ++i) {
    EXPECT_EQ(again.records[i].name, plan.records[i].name);
    EXPECT_EQ(again.records[i].team_path, plan.records[i].team_path);
    EXPECT_EQ(again.records[i].skills.size(), plan.records[i].skills.size());
  }
}

// Against real stores.
class RosterImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  std::unique_ptr<store::Store> store_;
};

TEST_P(RosterImportTest, StrictRejectionLeavesTheStoreExactlyAsItWas) {
  auto first = ImportRoster(*store_, Org(), {});
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->rejected);
  EXPECT_EQ(first->applied.added, 5);
  auto before = store_->ListPeople({.include_inactive = true, .limit = 100});

  // A manager cycle, a duplicate id and a bad date, and one good change.
  std::string bad = Org();
  bad.replace(bad.find("Engineer,5,Engineering,Platform,E2,2021"), 6, "Staff ");
  bad +=
      "E6,Six,,,,,,E7,,,,\nE7,Seven,,,,,,E6,,,,\nE3,Turing "
      "Again,,,,,,,,,,\nE8,Eight,,,,,,,2023-02-30,,,\n";
  auto r = ImportRoster(*store_, bad, {.sync = true});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rejected);
  EXPECT_FALSE(r->written);
  std::vector<int64_t> lines;
  for (const auto& i : r->issues) lines.push_back(i.line);
  EXPECT_EQ(lines, (std::vector<int64_t>{7, 8, 9, 10}));

  auto after = store_->ListPeople({.include_inactive = true, .limit = 100});
  ASSERT_EQ(after->total, before->total);
  for (size_t i = 0; i < after->people.size(); ++i) {
    EXPECT_EQ(after->people[i].person.title, before->people[i].person.title);
    EXPECT_EQ(after->people[i].person.active, before->people[i].person.active);
  }
}

TEST_P(RosterImportTest, ReimportChangesNothingAndSyncDeactivates) {
  ASSERT_TRUE(ImportRoster(*store_, Org(), {}).ok());
  auto again = ImportRoster(*store_, Org(), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->applied.added, 0);
  EXPECT_EQ(again->applied.updated, 0);
  EXPECT_EQ(again->applied.unchanged, 5);
  std::string without_e5 = Org().substr(0, Org().rfind("E5,"));
  auto sync = ImportRoster(*store_, without_e5, {.sync = true});
  ASSERT_TRUE(sync.ok());
  EXPECT_EQ(sync->applied.deactivated, 1);
  EXPECT_EQ(store_->ListPeople({})->total, 4);
}

TEST_P(RosterImportTest, LenientImportsTheGoodRowsAndCountsTheBad) {
  auto r = ImportRoster(*store_, Org() + "E6,Six,,,,,,,1999-13-01,,,\n", {.lenient = true});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->rejected);
  EXPECT_EQ(r->skipped, 1);
  EXPECT_EQ(r->accepted, 5);
  EXPECT_EQ(store_->ListPeople({})->total, 5);
}

TEST_P(RosterImportTest, SyncNeedsTheManagersInTheFile) {
  ASSERT_TRUE(ImportRoster(*store_, Org(), {}).ok());
  auto r = ImportRoster(*store_, std::string(kHeader) + "E9,Nine,,,,,,E1,,,,\n", {.sync = true});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rejected);
  ASSERT_EQ(r->issues.size(), 1u);
  EXPECT_NE(r->issues[0].message.find("--sync would deactivate"), std::string::npos);
  // Without --sync, a manager already in peerlearn is fine.
  auto ok = ImportRoster(*store_, std::string(kHeader) + "E9,Nine,,,,,,E1,,,,\n", {});
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->rejected);
  EXPECT_EQ(ok->applied.added, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterImportTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::ingest
