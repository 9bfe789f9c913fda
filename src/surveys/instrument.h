// Survey instruments as data: a versioned definition of items, the response scale, reverse keys,
// subscales, free-text and nomination questions, and how answers are kept (anonymity mode).
// Built-in instruments ship as JSON files in src/surveys/builtin/ and are compiled in; admins
// can add their own through the same parser, which checks every field and says where it is wrong.
//
//   ASSIGN_OR_RETURN(pl::surveys::Instrument ps, pl::surveys::BuiltinInstrument("psych-safety"));
//   ASSIGN_OR_RETURN(auto mine, pl::surveys::ParseInstrument(json_text));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pl::surveys {

// How answers are kept (DESIGN.md: privacy holds below the UI).
enum class Anonymity {
  kAnonymous,     // answers stored without any link to the respondent; completion kept apart
  kConfidential,  // linked to the respondent, never shown for groups below the threshold
  kAttributed,    // named (peer nominations)
};
std::string_view AnonymityName(Anonymity a);

struct Item {
  std::string id;  // unique within the instrument: [a-z0-9_-]{1,40}
  std::string text;
  bool reverse = false;  // scored as (min + max) - answer
  bool required = false;
  std::string subscale;  // id of the subscale it belongs to
};

struct Subscale {
  std::string id;
  std::string title;
};

struct FreeTextQuestion {
  std::string id;
  std::string text;
  int max_length = 2000;  // characters (UTF-8 code points)
};

struct NominationQuestion {
  std::string id;
  std::string text;
  int max_people = 5;
};

struct Instrument {
  std::string key;  // stable name: "psych-safety"
  int version = 1;
  std::string title;
  std::string description;
  std::string source;  // citation of the scale
  Anonymity anonymity = Anonymity::kConfidential;
  int scale_min = 1;
  int scale_max = 5;
  std::vector<std::string> scale_labels;  // one per point, min first; may be empty
  // Answers at or above this value (after reverse keying) count as favourable. Defaults to the
  // points above the midpoint: 4-5 on 1..5, 5-7 on 1..7.
  int favourable_min = 4;
  // A scale score needs at least this share of the subscale's items answered.
  double min_answered = 0.5;
  std::vector<Subscale> subscales;  // at least one when there are items
  std::vector<Item> items;
  std::vector<FreeTextQuestion> free_text;
  std::vector<NominationQuestion> nominations;

  // Index of an item, subscale or question by id; nullopt if unknown.
  std::optional<size_t> ItemIndex(std::string_view id) const;
  std::optional<size_t> SubscaleIndex(std::string_view id) const;
  std::optional<size_t> FreeTextIndex(std::string_view id) const;
  std::optional<size_t> NominationIndex(std::string_view id) const;
  // Item indices of subscale s, in item order.
  std::vector<size_t> SubscaleItems(size_t s) const;
  // The answer as scored: reversed where the item says so.
  double Keyed(size_t item, double answer) const {
    return items[item].reverse ? scale_min + scale_max - answer : answer;
  }
};

// Parses and validates a definition. InvalidArgument names the field ("items[3].id: ...").
Result<Instrument> ParseInstrument(std::string_view json_text);
// The definition as JSON text (round-trips through ParseInstrument).
std::string InstrumentToJson(const Instrument& instrument);

// The instruments shipped with peerlearn: psych-safety, learning-pulse, peer-nominations,
// readiness, learning-self-evaluation, reaction.
std::vector<std::string> BuiltinKeys();
Result<Instrument> BuiltinInstrument(std::string_view key);

}  // namespace pl::surveys
