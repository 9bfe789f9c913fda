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
