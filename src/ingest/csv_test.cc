#include "ingest/csv.h"

#include <gtest/gtest.h>

namespace pl::ingest {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text, Status* status = nullptr) {
  CsvReader r(text);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.Next(rec)) out.push_back(rec);
  if (status) *status = r.status();
  return out;
}

TEST(CsvTest, QuotedFieldsCommasQuotesAndLineBreaks) {
  auto recs = ReadAll(
      "\xEF\xBB\xBF"
      "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n1,,3\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].line, 5);  // after the embedded line break and a blank line
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"1", "", "3"}));
}

// A spreadsheet saves CSV with semicolons where the decimal separator is a comma: told from the
// first line (a ';' and no ',' outside quotes), its numbers read with a decimal comma.
TEST(CsvTest, SemicolonsWhereTheFirstLineHasThemAndNoComma) {
  EXPECT_EQ(SniffCsvSeparator("a;b;c\n1,5;2;3"), ';');
  EXPECT_EQ(SniffCsvSeparator("\"x, y\";b\n"), ';');  // the comma is quoted
  EXPECT_EQ(SniffCsvSeparator("a,b;c\n"), ',');
  EXPECT_EQ(SniffCsvSeparator("abc\na;b\n"), ',');  // the first line only
  EXPECT_EQ(SniffCsvSeparator("\"a;b\"\n"), ',');   // quoted semicolons only
  auto recs = ReadAll("\xEF\xBB\xBFname;level\r\n\"Doe; Jo\";1,5\r\nx,y;2\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"name", "level"}));
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"Doe; Jo", "1,5"}));
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"x,y", "2"}));
  EXPECT_EQ(CsvReader("a,b").separator(), ',');
  EXPECT_EQ(CsvReader("a;b", {.separator = ','}).separator(), ',');
  double v = 0;
  EXPECT_TRUE(ParseCsvNumber("1,5", ';', v));
  EXPECT_EQ(v, 1.5);
  EXPECT_TRUE(ParseCsvNumber("-0,25", ';', v));
  EXPECT_EQ(v, -0.25);
  EXPECT_TRUE(ParseCsvNumber("2.5", ';', v));
  EXPECT_EQ(v, 2.5);
  EXPECT_FALSE(ParseCsvNumber("1,5", ',', v));      // a comma-separated file has no decimal comma
  EXPECT_FALSE(ParseCsvNumber("1.000,5", ';', v));  // no thousands separators
  EXPECT_FALSE(ParseCsvNumber("1,0,5", ';', v));
  EXPECT_FALSE(ParseCsvNumber("", ';', v));
  EXPECT_FALSE(ParseCsvNumber("1,5x", ';', v));
}

TEST(CsvTest, TrailingEmptyFieldAndNoFinalNewline) {
  auto recs = ReadAll("a,\nb,c");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"b", "c"}));
}

TEST(CsvTest, SyntaxErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* expect;
  } cases[] = {
      {"a,b\n1,\"open\n2,3\n", "line 2: a quoted field opened here is never closed"},
      {"a,b\n1,x\"y\n", "line 2: a \" inside an unquoted field"},
      {"a,b\n\"x\"y,1\n", "line 2: unexpected text after a closing quote"},
  };
  for (auto c : cases) {
    Status s;
    ReadAll(c.text, &s);
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << s.message();
  }
}

TEST(CsvTest, LimitsStopHostileInput) {
  std::string big = "a\n" + std::string(70000, 'x') + "\n";
  Status s;
  ReadAll(big, &s);
  EXPECT_NE(s.message().find("longer than 65536 bytes"), std::string::npos) << s.message();
  std::string wide(2000, ',');
  ReadAll(wide, &s);
  EXPECT_NE(s.message().find("more than 512 fields"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace pl::ingest
