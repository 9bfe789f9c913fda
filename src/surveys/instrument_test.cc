#include "surveys/instrument.h"

#include <gtest/gtest.h>

namespace pl::surveys {
namespace {

TEST(InstrumentTest, BuiltinsParseAndPsychSafetyIsEdmondsons) {
  const auto keys = BuiltinKeys();
  EXPECT_EQ(keys.size(), 6u);
  for (const std::string& key : keys) {
    auto in = BuiltinInstrument(key);
    ASSERT_TRUE(in.ok()) << key << ": " << in.status().ToString();
    EXPECT_EQ(in->key, key);
  }
  auto ps = BuiltinInstrument("psych-safety");
  ASSERT_TRUE(ps.ok());
  ASSERT_EQ(ps->items.size(), 7u);
  EXPECT_EQ(ps->scale_min, 1);
  EXPECT_EQ(ps->scale_max, 7);
  EXPECT_EQ(ps->anonymity, Anonymity::kAnonymous);
  std::vector<int> reversed;
  for (size_t i = 0; i < 7; ++i) {
    if (ps->items[i].reverse) reversed.push_back(static_cast<int>(i) + 1);
  }
  EXPECT_EQ(reversed, (std::vector<int>{1, 3, 5}));
  EXPECT_EQ(ps->items[0].text, "If you make a mistake on this team, it is often held against you.");
  EXPECT_DOUBLE_EQ(ps->Keyed(0, 6), 2);
  EXPECT_DOUBLE_EQ(ps->Keyed(1, 6), 6);
  auto readiness = BuiltinInstrument("readiness");
  ASSERT_TRUE(readiness.ok());
  EXPECT_EQ(readiness->subscales.size(), 8u);
  auto noms = BuiltinInstrument("peer-nominations");
  ASSERT_TRUE(noms.ok());
  EXPECT_EQ(noms->nominations.size(), 3u);
  EXPECT_EQ(noms->anonymity, Anonymity::kAttributed);
  EXPECT_EQ(BuiltinInstrument("nope").status().code(), StatusCode::kNotFound);
}

TEST(InstrumentTest, RoundTripsThroughJson) {
  auto ps = BuiltinInstrument("readiness");
  ASSERT_TRUE(ps.ok());
  auto again = ParseInstrument(InstrumentToJson(*ps));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(InstrumentToJson(*again), InstrumentToJson(*ps));
  EXPECT_EQ(again->SubscaleItems(*again->SubscaleIndex("trust")), (std::vector<size_t>{6, 7}));
}

TEST(InstrumentTest, DefaultsGiveOneSubscaleAndTheTopOfTheScaleAsFavourable) {
  auto in = ParseInstrument(R"({"key": "k", "title": "T", "scale": {"min": 1, "max": 7},
      "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B", "reverse": true}]})");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  ASSERT_EQ(in->subscales.size(), 1u);
  EXPECT_EQ(in->items[1].subscale, in->subscales[0].id);
  EXPECT_EQ(in->favourable_min, 5);
  EXPECT_EQ(in->anonymity, Anonymity::kConfidential);
}

TEST(InstrumentTest, ErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {"[1]", "instrument: expected a JSON object"},
      {"{", "instrument: not valid JSON"},
      {R"({"title": "T", "items": [{"id": "a", "text": "A"}]})", "key: missing"},
      {R"({"key": "K!", "title": "T"})", "key: use 1-40 of a-z 0-9 _ -"},
      {R"({"key": "k", "title": "T", "colour": 1, "items": []})", "unknown field \"colour\""},
      {R"({"key": "k", "title": "T", "items": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}]})",
       "items[1].id: \"a\" is repeated"},
      {R"({"key": "k", "title": "T", "items": [{"id": "a", "text": 3}]})",
       "items[0].text: wrong type (number)"},
      {R"({"key": "k", "title": "T", "scale": {"min": 5, "max": 1}, "items": [{"id": "a", "text": "A"}]})",
       "scale: max must be above min, at most 100 points apart"},
      {R"({"key": "k", "title": "T", "scale": {"min": 1, "max": 3, "labels": ["x"]}, "items": [{"id": "a", "text": "A"}]})",
       "scale.labels: 1 labels for 3 points"},
      {R"({"key": "k", "title": "T", "anonymity": "secret", "items": [{"id": "a", "text": "A"}]})",
       "anonymity: \"secret\" is not one of anonymous, confidential, attributed"},
      {R"({"key": "k", "title": "T", "subscales": [{"id": "s", "title": "S"}], "items": [{"id": "a", "text": "A", "subscale": "t"}]})",
       "items[0].subscale: \"t\" is not in subscales"},
      {R"({"key": "k", "title": "T", "nominations": [{"id": "n", "text": "Who?"}]})",
       "nominations: need anonymity \"attributed\" (a nomination names people)"},
      {R"({"key": "k", "title": "T"})", "instrument: no items, free-text or nomination questions"},
      {R"({"key": "k", "title": "T", "min_answered": 0, "items": [{"id": "a", "text": "A"}]})",
       "min_answered: a share in (0, 1]"},
  };
  for (const Case& c : cases) {
    auto in = ParseInstrument(c.json);
    ASSERT_FALSE(in.ok()) << c.json;
    EXPECT_EQ(in.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(in.status().message(), c.message) << c.json;
  }
}

}  // namespace
}  // namespace pl::surveys
