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

// Tab-separated text (a header with tabs and neither commas nor semicolons): fields may hold
// commas and spaces, and quotes work as in CSV; its numbers take a decimal point only.
TEST(CsvTest, TabsWhereTheFirstLineHasThemAndNoCommaOrSemicolon) {
  EXPECT_EQ(SniffCsvSeparator("employee_id\tname\tlevel\nE1\tDoe, Jo\t3\n"), '\t');
  EXPECT_EQ(SniffCsvSeparator("a\tb,c\n"), ',');
  EXPECT_EQ(SniffCsvSeparator("a\tb;c\n"), ';');
  EXPECT_EQ(SniffCsvSeparator("\"a\tb\",c\n"), ',');  // the tab is quoted
  auto recs = ReadAll("employee_id\tname\tlevel\r\nE1\tDoe, Jo\t3\r\nE2\t\"Lee\t\"\"Al\"\"\"\t\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"E1", "Doe, Jo", "3"}));
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"E2", "Lee\t\"Al\"", ""}));
  double v = 0;
  EXPECT_TRUE(ParseCsvNumber("2.5", '\t', v));
  EXPECT_EQ(v, 2.5);
  EXPECT_FALSE(ParseCsvNumber("2,5", '\t', v));
}

// Excel's "Unicode Text": UTF-16 (little- or big-endian, by its byte-order mark) becomes UTF-8,
// the mark dropped; text without the mark is left as it is; broken UTF-16 is refused at its byte.
TEST(CsvTest, Utf16TextWithAByteOrderMarkBecomesUtf8) {
  auto utf16 = [](std::u16string_view s, bool big) {
    std::string out = big ? "\xFE\xFF" : "\xFF\xFE";
    for (char16_t c : s) {
      const char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
      out += big ? hi : lo;
      out += big ? lo : hi;
    }
    return out;
  };
  const std::u16string table = u"id\tname\r\nE1\tRen\u00e9e \U0001F600\r\n";
  for (bool big : {false, true}) {
    auto text = TableTextAsUtf8(utf16(table, big));
    ASSERT_TRUE(text.ok()) << text.status().message();
    EXPECT_EQ(*text,
              "id\tname\r\nE1\tRen\xC3\xA9"
              "e \xF0\x9F\x98\x80\r\n");
    auto recs = ReadAll(*text);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].fields[1],
              "Ren\xC3\xA9"
              "e \xF0\x9F\x98\x80");
  }
  auto plain = TableTextAsUtf8("\xEF\xBB\xBFid,name\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "\xEF\xBB\xBFid,name\n");
  std::string odd = utf16(u"id", false) + "x";  // a last byte without its pair
  auto cut = TableTextAsUtf8(odd);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("UTF-16"), std::string::npos) << cut.status().message();
  EXPECT_NE(cut.status().message().find("byte 6"), std::string::npos) << cut.status().message();
  std::string lone = utf16(u"ab", false);
  lone += std::string("\x00\xDC", 2);  // a low surrogate alone (0xDC00)
  lone += utf16(u"c", false).substr(2);
  auto broken = TableTextAsUtf8(lone);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("byte 6"), std::string::npos)
      << broken.status().message();
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
