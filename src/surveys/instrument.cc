#include "surveys/instrument.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "surveys/internal/builtin_data.h"

namespace pl::surveys {
namespace {

using nlohmann::json;

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Reads an optional field of type T; InvalidArgument naming `where` on a wrong type.
template <typename T>
Status Field(const json& obj, const char* name, const std::string& where, T& out,
             bool required = false) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    if (required) return InvalidArgument(where + name + ": missing");
    return OkStatus();
  }
  bool type_ok = false;
  if constexpr (std::is_same_v<T, std::string>) {
    type_ok = it->is_string();
  } else if constexpr (std::is_same_v<T, bool>) {
    type_ok = it->is_boolean();
  } else if constexpr (std::is_integral_v<T>) {
    type_ok = it->is_number_integer();
  } else {
    type_ok = it->is_number();
  }
  if (!type_ok) return InvalidArgument(where + name + ": wrong type (" + it->type_name() + ")");
  out = it->get<T>();
  return OkStatus();
}

Status CheckText(const std::string& where, const std::string& text, size_t max) {
  if (text.empty()) return InvalidArgument(where + ": empty");
  if (text.size() > max) {
    return InvalidArgument(where + ": longer than " + std::to_string(max) + " bytes");
  }
  return OkStatus();
}

Result<Instrument> FromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("instrument: expected a JSON object");
  static const std::set<std::string> kKnown = {
      "key",       "version",   "title",          "description",  "source",
      "anonymity", "scale",     "favourable_min", "min_answered", "subscales",
      "items",     "free_text", "nominations"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKnown.contains(it.key())) return InvalidArgument("unknown field \"" + it.key() + "\"");
  }
  Instrument in;
  RETURN_IF_ERROR(Field(j, "key", "", in.key, true));
  if (!ValidId(in.key)) return InvalidArgument("key: use 1-40 of a-z 0-9 _ -");
  RETURN_IF_ERROR(Field(j, "version", "", in.version));
  if (in.version < 1) return InvalidArgument("version: must be at least 1");
  RETURN_IF_ERROR(Field(j, "title", "", in.title, true));
  RETURN_IF_ERROR(CheckText("title", in.title, 200));
  RETURN_IF_ERROR(Field(j, "description", "", in.description));
  RETURN_IF_ERROR(Field(j, "source", "", in.source));
  std::string mode = "confidential";
  RETURN_IF_ERROR(Field(j, "anonymity", "", mode));
  if (mode == "anonymous") {
    in.anonymity = Anonymity::kAnonymous;
  } else if (mode == "confidential") {
    in.anonymity = Anonymity::kConfidential;
  } else if (mode == "attributed") {
    in.anonymity = Anonymity::kAttributed;
  } else {
    return InvalidArgument("anonymity: \"" + mode +
                           "\" is not one of anonymous, confidential, attributed");
  }

  if (auto s = j.find("scale"); s != j.end()) {
    if (!s->is_object()) return InvalidArgument("scale: expected an object");
    RETURN_IF_ERROR(Field(*s, "min", "scale.", in.scale_min, true));
    RETURN_IF_ERROR(Field(*s, "max", "scale.", in.scale_max, true));
    if (in.scale_max <= in.scale_min || in.scale_max - in.scale_min > 100) {
      return InvalidArgument("scale: max must be above min, at most 100 points apart");
    }
    if (auto l = s->find("labels"); l != s->end()) {
      if (!l->is_array()) return InvalidArgument("scale.labels: expected an array");
      for (size_t i = 0; i < l->size(); ++i) {
        if (!(*l)[i].is_string()) {
          return InvalidArgument("scale.labels[" + std::to_string(i) + "]: expected a string");
        }
        in.scale_labels.push_back((*l)[i].get<std::string>());
      }
      if (!in.scale_labels.empty() &&
          in.scale_labels.size() != static_cast<size_t>(in.scale_max - in.scale_min + 1)) {
        return InvalidArgument("scale.labels: " + std::to_string(in.scale_labels.size()) +
                               " labels for " + std::to_string(in.scale_max - in.scale_min + 1) +
                               " points");
      }
    }
  }
  in.favourable_min = in.scale_min + (in.scale_max - in.scale_min) / 2 + 1;
  RETURN_IF_ERROR(Field(j, "favourable_min", "", in.favourable_min));
  if (in.favourable_min <= in.scale_min || in.favourable_min > in.scale_max) {
    return InvalidArgument("favourable_min: must be above scale.min and at most scale.max");
  }
  RETURN_IF_ERROR(Field(j, "min_answered", "", in.min_answered));
  if (!(in.min_answered > 0 && in.min_answered <= 1)) {
    return InvalidArgument("min_answered: a share in (0, 1]");
  }

  std::set<std::string> ids;  // items, free text and nominations share one id space
  auto unique_id = [&ids](const std::string& where, const std::string& id) -> Status {
    if (!ValidId(id)) return InvalidArgument(where + ".id: use 1-40 of a-z 0-9 _ -");
    if (!ids.insert(id).second) return InvalidArgument(where + ".id: \"" + id + "\" is repeated");
    return OkStatus();
  };
  auto array = [&j](const char* name) -> Result<json> {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return json::array();
    if (!it->is_array()) return InvalidArgument(std::string(name) + ": expected an array");
    if (it->size() > 500) return InvalidArgument(std::string(name) + ": more than 500 entries");
    return *it;
  };
  ASSIGN_OR_RETURN(json subscales, array("subscales"));
  std::set<std::string> subscale_ids;
  for (size_t i = 0; i < subscales.size(); ++i) {
    const std::string where = "subscales[" + std::to_string(i) + "]";
    if (!subscales[i].is_object()) return InvalidArgument(where + ": expected an object");
    Subscale s;
    RETURN_IF_ERROR(Field(subscales[i], "id", where + ".", s.id, true));
    RETURN_IF_ERROR(Field(subscales[i], "title", where + ".", s.title, true));
    if (!ValidId(s.id)) return InvalidArgument(where + ".id: use 1-40 of a-z 0-9 _ -");
    if (!subscale_ids.insert(s.id).second) {
      return InvalidArgument(where + ".id: \"" + s.id + "\" is repeated");
    }
    in.subscales.push_back(std::move(s));
  }
  ASSIGN_OR_RETURN(json items, array("items"));
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = "items[" + std::to_string(i) + "]";
    if (!items[i].is_object()) return InvalidArgument(where + ": expected an object");
    Item item;
    RETURN_IF_ERROR(Field(items[i], "id", where + ".", item.id, true));
    RETURN_IF_ERROR(unique_id(where, item.id));
    RETURN_IF_ERROR(Field(items[i], "text", where + ".", item.text, true));
    RETURN_IF_ERROR(CheckText(where + ".text", item.text, 1000));
    RETURN_IF_ERROR(Field(items[i], "reverse", where + ".", item.reverse));
    RETURN_IF_ERROR(Field(items[i], "required", where + ".", item.required));
    RETURN_IF_ERROR(Field(items[i], "subscale", where + ".", item.subscale));
    if (item.subscale.empty()) {
      if (in.subscales.size() > 1) return InvalidArgument(where + ".subscale: missing");
      if (in.subscales.empty()) in.subscales.push_back({"total", in.title});
      item.subscale = in.subscales[0].id;
    } else if (!subscale_ids.contains(item.subscale)) {
      return InvalidArgument(where + ".subscale: \"" + item.subscale + "\" is not in subscales");
    }
    in.items.push_back(std::move(item));
  }
  for (size_t s = 0; s < in.subscales.size(); ++s) {
    if (in.SubscaleItems(s).empty()) {
      return InvalidArgument("subscales[" + std::to_string(s) + "]: no item belongs to it");
    }
  }
  ASSIGN_OR_RETURN(json free_text, array("free_text"));
  for (size_t i = 0; i < free_text.size(); ++i) {
    const std::string where = "free_text[" + std::to_string(i) + "]";
    if (!free_text[i].is_object()) return InvalidArgument(where + ": expected an object");
    FreeTextQuestion q;
    RETURN_IF_ERROR(Field(free_text[i], "id", where + ".", q.id, true));
    RETURN_IF_ERROR(unique_id(where, q.id));
    RETURN_IF_ERROR(Field(free_text[i], "text", where + ".", q.text, true));
    RETURN_IF_ERROR(CheckText(where + ".text", q.text, 1000));
    RETURN_IF_ERROR(Field(free_text[i], "max_length", where + ".", q.max_length));
    if (q.max_length < 1 || q.max_length > 10000) {
      return InvalidArgument(where + ".max_length: between 1 and 10000");
    }
    in.free_text.push_back(std::move(q));
  }
  ASSIGN_OR_RETURN(json nominations, array("nominations"));
  for (size_t i = 0; i < nominations.size(); ++i) {
    const std::string where = "nominations[" + std::to_string(i) + "]";
    if (!nominations[i].is_object()) return InvalidArgument(where + ": expected an object");
    NominationQuestion q;
    RETURN_IF_ERROR(Field(nominations[i], "id", where + ".", q.id, true));
    RETURN_IF_ERROR(unique_id(where, q.id));
    RETURN_IF_ERROR(Field(nominations[i], "text", where + ".", q.text, true));
    RETURN_IF_ERROR(CheckText(where + ".text", q.text, 1000));
    RETURN_IF_ERROR(Field(nominations[i], "max_people", where + ".", q.max_people));
    if (q.max_people < 1 || q.max_people > 20) {
      return InvalidArgument(where + ".max_people: between 1 and 20");
    }
    in.nominations.push_back(std::move(q));
  }
  if (!in.nominations.empty() && in.anonymity != Anonymity::kAttributed) {
    return InvalidArgument(
        "nominations: need anonymity \"attributed\" (a nomination names people)");
  }
  if (in.items.empty() && in.free_text.empty() && in.nominations.empty()) {
    return InvalidArgument("instrument: no items, free-text or nomination questions");
  }
  return in;
}

}  // namespace

std::string_view AnonymityName(Anonymity a) {
  switch (a) {
    case Anonymity::kAnonymous:
      return "anonymous";
    case Anonymity::kConfidential:
      return "confidential";
    case Anonymity::kAttributed:
      return "attributed";
  }
  return "confidential";
}

std::optional<size_t> Instrument::ItemIndex(std::string_view id) const {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return i;
  }
  return std::nullopt;
}
std::optional<size_t> Instrument::SubscaleIndex(std::string_view id) const {
  for (size_t i = 0; i < subscales.size(); ++i) {
    if (subscales[i].id == id) return i;
  }
  return std::nullopt;
}
std::optional<size_t> Instrument::FreeTextIndex(std::string_view id) const {
  for (size_t i = 0; i < free_text.size(); ++i) {
    if (free_text[i].id == id) return i;
  }
  return std::nullopt;
}
std::optional<size_t> Instrument::NominationIndex(std::string_view id) const {
  for (size_t i = 0; i < nominations.size(); ++i) {
    if (nominations[i].id == id) return i;
  }
  return std::nullopt;
}
std::vector<size_t> Instrument::SubscaleItems(size_t s) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].subscale == subscales[s].id) out.push_back(i);
  }
  return out;
}

Result<Instrument> ParseInstrument(std::string_view json_text) {
  json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("instrument: not valid JSON");
  return FromJson(j);
}

std::string InstrumentToJson(const Instrument& in) {
  json j = {{"key", in.key},
            {"version", in.version},
            {"title", in.title},
            {"anonymity", AnonymityName(in.anonymity)},
            {"favourable_min", in.favourable_min},
            {"min_answered", in.min_answered}};
  if (!in.description.empty()) j["description"] = in.description;
  if (!in.source.empty()) j["source"] = in.source;
  j["scale"] = {{"min", in.scale_min}, {"max", in.scale_max}};
  if (!in.scale_labels.empty()) j["scale"]["labels"] = in.scale_labels;
  j["subscales"] = json::array();
  for (const Subscale& s : in.subscales)
    j["subscales"].push_back({{"id", s.id}, {"title", s.title}});
  j["items"] = json::array();
  for (const Item& i : in.items) {
    j["items"].push_back({{"id", i.id},
                          {"text", i.text},
                          {"reverse", i.reverse},
                          {"required", i.required},
                          {"subscale", i.subscale}});
  }
  j["free_text"] = json::array();
  for (const auto& q : in.free_text) {
    j["free_text"].push_back({{"id", q.id}, {"text", q.text}, {"max_length", q.max_length}});
  }
  j["nominations"] = json::array();
  for (const auto& q : in.nominations) {
    j["nominations"].push_back({{"id", q.id}, {"text", q.text}, {"max_people", q.max_people}});
  }
  return j.dump(2);
}

std::vector<std::string> BuiltinKeys() {
  std::vector<std::string> keys;
  for (const auto& [key, text] : internal::kBuiltinInstruments) keys.emplace_back(key);
  return keys;
}

Result<Instrument> BuiltinInstrument(std::string_view key) {
  for (const auto& [k, text] : internal::kBuiltinInstruments) {
    if (k == key) {
      auto in = ParseInstrument(text);
      if (!in.ok())
        return Internal("built-in instrument " + std::string(key) + ": " + in.status().message());
      return in;
    }
  }
  return NotFound("no built-in instrument \"" + std::string(key) + "\"");
}

}  // namespace pl::surveys
