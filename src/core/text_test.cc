#include "core/text.h"

#include <gtest/gtest.h>

namespace pl {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("Zoë Ångström — 東京 🎉"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xFF"));
  EXPECT_EQ(Utf8Length("Zoë"), 3u);
  std::string built;
  for (char32_t cp : {U'Z', U'ë', U'東', U'🎉', char32_t{0x7F}, char32_t{0x80}, char32_t{0x7FF},
                      char32_t{0x800}, char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
    EXPECT_TRUE(AppendUtf8(built, cp));
  }
  EXPECT_EQ(built,
            "Zë東🎉\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
  EXPECT_FALSE(AppendUtf8(built, 0xD800));  // a surrogate
  EXPECT_FALSE(AppendUtf8(built, 0x110000));
  EXPECT_EQ(Utf8Length(built), 11u);
}

// What a message may show of text it did not write: nothing a terminal would act on (C0 and C1
// controls, DEL; bytes outside UTF-8, which a terminal set for 8-bit controls reads as C1), and
// no character cut in two.
TEST(TextTest, PrintableShowsOnlyWhatATerminalPrints) {
  EXPECT_EQ(Printable("Zoë Ö'Brien", 40), "Zoë Ö'Brien");
  EXPECT_EQ(Printable("a\x1b[31mred\x7f", 40), "a?[31mred?");
  EXPECT_EQ(Printable("\xc2\x9b"
                      "2J",
                      40),
            "?2J");  // U+009B, the C1 escape, as UTF-8
  EXPECT_EQ(Printable("\x9b"
                      "2J\xff",
                      40),
            "\\x9b2J\\xff");
  EXPECT_EQ(Printable("\xc3", 40), "\\xc3");                    // a sequence cut short
  EXPECT_EQ(Printable("\xe0\x80\xaf", 40), "\\xe0\\x80\\xaf");  // overlong '/'
  EXPECT_EQ(Printable("\xed\xa0\x80", 40), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(Printable("ééééé", 3), "ééé...");                   // characters counted, never split
  EXPECT_EQ(Printable("abc", 3), "abc");
  EXPECT_EQ(Printable("", 3), "");
  EXPECT_EQ(Printable("a\n\tb\r\x1b", 40), "a??b??");
  EXPECT_EQ(Printable("a\n\tb\r\x1b", 40, true), "a\n\tb??");  // a message of lines
}

TEST(TextTest, CsvFieldsQuoteAndDefuseFormulas) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
  EXPECT_EQ(CsvText("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvText("@sum"), "'@sum");
  EXPECT_EQ(CsvText("-1+2"), "'-1+2");
  EXPECT_EQ(CsvText("Ana"), "Ana");
}

TEST(TextTest, WrapLinesBreaksAtSpacesKeepingIndentAndBreaks) {
  EXPECT_EQ(WrapLines("one two three four", 9), "one two\nthree\nfour");
  EXPECT_EQ(WrapLines("one two three four", 18), "one two three four");
  EXPECT_EQ(WrapLines("a\n  bb cc dd ee", 8), "a\n  bb cc\n  dd ee");            // its own indent
  EXPECT_EQ(WrapLines("csv      people.csv\nx", 19), "csv      people.csv\nx");  // fits: as is
  EXPECT_EQ(WrapLines("tiny averyveryverylongword end", 6), "tiny\naveryveryverylongword\nend");
  EXPECT_EQ(WrapLines("été été été", 7), "été été\nété");  // code points, not bytes
  EXPECT_EQ(WrapLines("", 10), "");
  EXPECT_EQ(WrapLines("end\n", 10), "end\n");
}

TEST(TextTest, TrimSplitLower) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  auto parts = Split("a;;b", ';');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(AsciiLower("AbC-Ä"), "abc-Ä");
}

}  // namespace
}  // namespace pl
