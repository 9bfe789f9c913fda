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

TEST(TextTest, TrimSplitLower) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  auto parts = Split("a;;b", ';');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(AsciiLower("AbC-Ä"), "abc-Ä");
}

}  // namespace
}  // namespace pl
