// Slack workspace export → interactions. Layout: users.json, channels.json, groups.json,
// dms.json, mpims.json at the top (possibly inside one wrapping folder), and one folder per
// conversation holding YYYY-MM-DD.json files, each a JSON array of messages. Day files are
// parsed with simdjson On-Demand on several threads; each message is read once, in order.
#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <unordered_set>

#include "core/text.h"
#include "ingest/chat_import.h"
#include "ingest/internal/chat_common.h"

namespace pl::ingest {
namespace {

namespace od = simdjson::ondemand;
using internal::FileError;
using internal::Tally;

simdjson::padded_string_view Padded(const std::string& bytes) {
  return simdjson::padded_string_view(bytes.data(), bytes.size(), bytes.capacity());
}

// `doc` is null where iterate() itself failed (see internal::FirstPassErrorOffset).
FileError JsonError(simdjson::error_code e, od::document* doc, const std::string& bytes) {
  FileError err{std::string("malformed JSON: ") + simdjson::error_message(e), -1};
  const char* at = nullptr;
  if (doc == nullptr) {
    err.offset = internal::FirstPassErrorOffset(bytes);
  } else if (doc->current_location().get(at) == simdjson::SUCCESS && at >= bytes.data() &&
             at <= bytes.data() + bytes.size()) {
    err.offset = at - bytes.data();
  }
  return err;
}

// Eight ASCII digits read as one little-endian word (the first digit in the lowest byte): are
// they all digits, and their value (after D. Lemire, "Fast float parsing in practice").
bool EightDigits(uint64_t w) {
  return ((w & 0xF0F0F0F0F0F0F0F0) | (((w + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) ==
         0x3333333333333333;
}
uint64_t EightDigitsValue(uint64_t w) {
  w -= 0x3030303030303030;
  w = w * 10 + (w >> 8);
  return (((w & 0x000000FF000000FF) * (100 + (1'000'000ULL << 32))) +
          (((w >> 16) & 0x000000FF000000FF) * (1 + (10'000ULL << 32)))) >>
         32;
}

// "1452837352.000006" → microseconds since the epoch.
std::optional<int64_t> ParseTs(std::string_view ts) {
  // The usual form, ten digits, a dot and six, as two words of eight digits: "14528373" and
  // "000006" followed by "00".
  if constexpr (std::endian::native == std::endian::little) {
    if (ts.size() == 17 && ts[10] == '.') {
      uint64_t head, tail;
      std::memcpy(&head, ts.data(), 8);
      std::memcpy(&tail, ts.data() + 9, 8);  // digit 10, the dot, the six
      tail = (tail >> 16) | 0x3030000000000000;
      const unsigned d8 = static_cast<unsigned char>(ts[8]) - unsigned{'0'};
      const unsigned d9 = static_cast<unsigned char>(ts[9]) - unsigned{'0'};
      if (EightDigits(head) && EightDigits(tail) && d8 < 10 && d9 < 10) {
        const uint64_t s = EightDigitsValue(head) * 100 + d8 * 10 + d9;  // under the year 2287
        return static_cast<int64_t>(s * 1'000'000 + EightDigitsValue(tail) / 100);
      }
    }
  }
  size_t dot = ts.find('.');
  std::string_view sec = ts.substr(0, dot), frac = dot == ts.npos ? "" : ts.substr(dot + 1);
  int64_t s = 0, f = 0;
  auto r = std::from_chars(sec.data(), sec.data() + sec.size(), s);
  if (sec.empty() || r.ec != std::errc() || r.ptr != sec.data() + sec.size() || s < 0 ||
      s > 32'503'680'000) {
    return std::nullopt;
  }
  frac = frac.substr(0, 6);
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    f = f * 10 + (c - '0');
  }
  for (size_t i = frac.size(); i < 6; ++i) f *= 10;
  return s * 1'000'000 + f;
}

bool IsSlackUserId(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// <@U123ABC> and <@U123ABC|name> in message text.
void TextMentions(std::string_view text, std::vector<std::string_view>& out) {
  for (size_t pos = 0; (pos = text.find("<@", pos)) != text.npos;) {
    size_t start = pos + 2, end = start;
    while (end < text.size() && IsSlackUserId(text[end])) ++end;
    if (end > start && end < text.size() && (text[end] == '>' || text[end] == '|') &&
        (text[start] == 'U' || text[start] == 'W')) {
      out.push_back(text.substr(start, end - start));
    }
    pos = end;
  }
}

struct Message {
  std::string_view subtype, user, bot_id, ts, thread_ts, parent_user_id, comment_user;
  std::vector<std::string_view> mentions, reactors;
  void Clear() {
    subtype = user = bot_id = ts = thread_ts = parent_user_id = comment_user = {};
    mentions.clear();
    reactors.clear();
  }
};

// Rich-text blocks: {"type": "user", "user_id": "U…"} at any depth under "elements".
simdjson::error_code WalkBlocks(od::value v, Message& m, int depth) {
  if (depth > 16) return simdjson::SUCCESS;
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type == od::json_type::array) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    for (auto item : arr) {
      od::value x;
      if (auto e = item.get(x)) return e;
      if (auto e = WalkBlocks(x, m, depth + 1)) return e;
    }
    return simdjson::SUCCESS;
  }
  if (type != od::json_type::object) return simdjson::SUCCESS;
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  std::string_view kind, user_id;
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (key == "type") {
      if (auto e = field.value().get_string().get(kind)) return e;
    } else if (key == "user_id") {
      if (auto e = field.value().get_string().get(user_id)) return e;
    } else if (key == "elements") {
      od::value x;
      if (auto e = field.value().get(x)) return e;
      if (auto e = WalkBlocks(x, m, depth + 1)) return e;
    }
  }
  if (kind == "user" && !user_id.empty()) m.mentions.push_back(user_id);
  return simdjson::SUCCESS;
}

simdjson::error_code ReadReactions(od::value v, Message& m) {
  od::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::object r;
    if (auto e = item.get_object().get(r)) return e;
    for (auto field : r) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key != "users") continue;
      od::array users;
      if (auto e = field.value().get_array().get(users)) return e;
      for (auto u : users) {
        std::string_view id;
        if (auto e = u.get_string().get(id)) return e;
        m.reactors.push_back(id);
      }
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadMessage(od::object obj, Message& m) {
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value v;
    if (auto e = field.value().get(v)) return e;
    simdjson::error_code e = simdjson::SUCCESS;
    switch (key.size()) {
      case 2:
        if (key == "ts") e = v.get_string().get(m.ts);
        break;
      case 4:
        if (key == "user") {
          e = v.get_string().get(m.user);
        } else if (key == "text") {
          std::string_view text;
          e = v.get_string().get(text);
          if (!e) TextMentions(text, m.mentions);
        }
        break;
      case 6:
        if (key == "bot_id") {
          od::json_type t;
          e = v.type().get(t);
          if (!e && t == od::json_type::string) e = v.get_string().get(m.bot_id);
        } else if (key == "blocks") {
          e = WalkBlocks(v, m, 0);
        }
        break;
      case 7:
        if (key == "subtype") {
          e = v.get_string().get(m.subtype);
        } else if (key == "comment") {  // file_comment (2016 format): the commenter
          od::object c;
          e = v.get_object().get(c);
          if (!e) {
            for (auto cf : c) {
              std::string_view ck;
              if ((e = cf.unescaped_key().get(ck))) break;
              if (ck == "user" && (e = cf.value().get_string().get(m.comment_user))) break;
            }
          }
        }
        break;
      case 9:
        if (key == "thread_ts") {
          e = v.get_string().get(m.thread_ts);
        } else if (key == "reactions")
          e = ReadReactions(v, m);
        break;
      case 14:
        if (key == "parent_user_id") e = v.get_string().get(m.parent_user_id);
        break;
      default:
        break;
    }
    if (e) return e;
  }
  return simdjson::SUCCESS;
}

bool IsJoinOrLeave(std::string_view subtype) {
  return subtype.ends_with("_join") || subtype.ends_with("_leave") ||
         subtype == "member_joined_channel" || subtype == "member_left_channel";
}
bool IsBotSubtype(std::string_view subtype) { return subtype.starts_with("bot_"); }
bool IsPersonMessage(std::string_view subtype) {
  return subtype.empty() || subtype == "thread_broadcast" || subtype == "reply_broadcast" ||
         subtype == "file_share" || subtype == "file_comment" || subtype == "me_message" ||
         subtype == "file_mention" || subtype == "message_replied" || subtype == "huddle_thread";
}

// The handling of one message: which interactions it implies.
void Account(const Message& m, const Identities& ids, const std::unordered_set<std::string>& bots,
             uint32_t conversation, Tally& t) {
  ++t.messages;
  if (IsBotSubtype(m.subtype) || (!m.bot_id.empty() && m.user.empty())) return t.Skip("bot");
  if (IsJoinOrLeave(m.subtype)) return t.Skip("join or leave");
  if (!IsPersonMessage(m.subtype)) return t.Skip("system: " + Printable(m.subtype, 60));
  std::string_view user = m.user.empty() ? m.comment_user : m.user;
  if (user.empty()) return t.Skip("no author");
  // Bots are never people: the bot list is read only for an author who is not one.
  const uint32_t author = ids.Person(user);
  if (author == kNoPerson && bots.count(std::string(user))) return t.Skip("bot");
  auto micros = ParseTs(m.ts);
  if (!micros) return t.Skip("no valid ts");
  const int32_t day = UnixDay(*micros / 1'000'000);
  // Thread bookkeeping happens even for authors who are not people: replies need their starter.
  if (!m.thread_ts.empty()) {
    if (auto thread = m.thread_ts == m.ts ? micros : ParseTs(m.thread_ts)) {
      if (*thread == *micros) {
        t.threads.Start(conversation, *thread, author, day);
      } else if (author != kNoPerson) {
        uint32_t parent = m.parent_user_id.empty() ? kNoPerson : ids.Person(m.parent_user_id);
        t.threads.Reply(conversation, *thread, author, day, parent);
      }
    }
  }
  if (author == kNoPerson) {
    return t.Skip(ids.Listed(user) ? "author not matched to a person" : "author not in users.json");
  }
  ++t.kept;
  t.AddTies(author, m.mentions, m.reactors, ids, day, conversation);
}

// --- metadata ------------------------------------------------------------------------------------

// Calls `each` for every object of the top-level array in a metadata file; a JSON error, from
// the parser or from `each`, is reported with the file name and byte offset.
template <typename F>
Status ForEachObject(const std::string& name, const std::string& bytes, F&& each) {
  od::parser parser;
  od::document doc;
  auto fail = [&](simdjson::error_code e, bool iterated = true) -> Status {
    FileError err = JsonError(e, iterated ? &doc : nullptr, bytes);
    return InvalidArgument(FormatFileIssue({name, err.offset, err.message}));
  };
  if (auto e = parser.iterate(Padded(bytes)).get(doc)) return fail(e, false);
  od::array arr;
  if (auto e = doc.get_array().get(arr)) return fail(e);
  for (auto item : arr) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return fail(e);
    if (auto e = each(obj)) return fail(e);
  }
  return OkStatus();
}

Result<std::vector<PlatformUser>> ParseUsers(const std::string& name, const std::string& bytes) {
  std::vector<PlatformUser> users;
  RETURN_IF_ERROR(ForEachObject(name, bytes, [&](od::object obj) -> simdjson::error_code {
    PlatformUser u;
    for (auto field : obj) {
      std::string_view key, s;
      if (auto e = field.unescaped_key().get(key)) return e;
      od::value v;
      if (auto e = field.value().get(v)) return e;
      if (key == "id") {
        if (auto e = v.get_string().get(s)) return e;
        u.id = s;
      } else if (key == "real_name" || key == "name") {
        // The full name wins over the handle, whichever comes first.
        if (v.get_string().get(s) == simdjson::SUCCESS && (key == "real_name" || u.name.empty())) {
          if (!s.empty()) u.name = s;
        }
      } else if (key == "is_bot" || key == "deleted" || key == "is_app_user") {
        bool b = false;
        if (v.get_bool().get(b) == simdjson::SUCCESS && b) {
          if (key == "deleted") {
            u.deleted = true;
          } else {
            u.bot = true;
          }
        }
      } else if (key == "profile") {
        od::object profile;
        if (auto e = v.get_object().get(profile)) return e;
        for (auto pf : profile) {
          std::string_view pk;
          if (auto e = pf.unescaped_key().get(pk)) return e;
          if (pk == "email" && pf.value().get_string().get(s) == simdjson::SUCCESS) u.email = s;
          if (pk == "real_name" && u.name.empty() &&
              pf.value().get_string().get(s) == simdjson::SUCCESS) {
            u.name = s;
          }
        }
      }
    }
    if (u.id == "USLACKBOT") u.bot = true;
    if (!u.id.empty()) users.push_back(std::move(u));
    return simdjson::SUCCESS;
  }));
  return users;
}

// channels.json & co: conversation id and the folder its day files are in.
struct Conversation {
  std::string id, folder;
};

Status ParseConversations(const std::string& name, const std::string& bytes, bool folder_is_id,
                          std::vector<Conversation>& out) {
  return ForEachObject(name, bytes, [&](od::object obj) -> simdjson::error_code {
    Conversation c;
    for (auto field : obj) {
      std::string_view key, s;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key == "id" || key == "name") {
        if (field.value().get_string().get(s) == simdjson::SUCCESS)
          (key == "id" ? c.id : c.folder) = s;
      }
    }
    if (folder_is_id || c.folder.empty()) c.folder = c.id;
    if (!c.id.empty()) out.push_back(std::move(c));
    return simdjson::SUCCESS;
  });
}

bool IsDayFileName(std::string_view file) {
  // YYYY-MM-DD.json
  if (file.size() != 15 || !file.ends_with(".json")) return false;
  for (size_t i = 0; i < 10; ++i) {
    bool digit = file[i] >= '0' && file[i] <= '9';
    if ((i == 4 || i == 7) ? file[i] != '-' : !digit) return false;
  }
  return true;
}

}  // namespace

Result<ChatParse> ParseSlackExport(const Archive& archive, const IdentitySources& sources,
                                   const ChatImportOptions& options) {
  RETURN_IF_ERROR(internal::CheckSimdSupport());
  const auto& entries = archive.entries();
  // The export may sit inside one wrapping folder.
  std::string prefix;
  auto find = [&](const std::string& name) -> std::optional<size_t> {
    auto it =
        std::lower_bound(entries.begin(), entries.end(), name,
                         [](const ArchiveEntry& e, const std::string& n) { return e.name < n; });
    if (it != entries.end() && it->name == name) return it - entries.begin();
    return std::nullopt;
  };
  if (!find("users.json")) {
    for (const auto& e : entries) {
      size_t slash = e.name.find('/');
      if (slash != e.name.npos && e.name.substr(slash + 1) == "users.json") {
        prefix = e.name.substr(0, slash + 1);
        break;
      }
    }
  }
  auto users_at = find(prefix + "users.json");
  if (!users_at) {
    return InvalidArgument("this is not a Slack export: there is no users.json at its top level");
  }
  ASSIGN_OR_RETURN(auto reader, archive.NewReader());
  std::string bytes;
  auto read = [&](size_t i) { return reader->Read(i, bytes, simdjson::SIMDJSON_PADDING); };
  RETURN_IF_ERROR(read(*users_at));
  ASSIGN_OR_RETURN(std::vector<PlatformUser> users, ParseUsers(entries[*users_at].name, bytes));
  std::unordered_set<std::string> bots;
  for (const auto& u : users) {
    if (u.bot) bots.insert(u.id);
  }
  Identities ids = ResolveIdentities(users, sources, internal::PseudonymiseFn(options));

  std::vector<Conversation> conversations;
  for (auto [file, by_id] : {std::pair{"channels.json", false}, std::pair{"groups.json", false},
                             std::pair{"dms.json", true}, std::pair{"mpims.json", false}}) {
    if (auto at = find(prefix + file)) {
      RETURN_IF_ERROR(read(*at));
      RETURN_IF_ERROR(ParseConversations(entries[*at].name, bytes, by_id, conversations));
    }
  }
  std::unordered_map<std::string, uint32_t> by_folder;
  std::vector<std::string> contexts;
  auto context_of = [&](const std::string& id) {
    return options.pseudonymizer ? options.pseudonymizer->Apply("conversation", id) : "slack:" + id;
  };
  for (const auto& c : conversations) {
    if (by_folder.emplace(c.folder, static_cast<uint32_t>(contexts.size())).second) {
      contexts.push_back(context_of(c.id));
    }
  }

  ChatImportReport report;
  report.platform = "slack";
  report.archive_kind = std::string(archive.kind());
  std::vector<size_t> day_files;
  std::vector<uint32_t> conversation_of(entries.size(), 0);
  std::unordered_set<std::string> unlisted;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string_view name = entries[i].name;
    if (!name.starts_with(prefix)) {
      ++report.other_files;
      continue;
    }
    name.remove_prefix(prefix.size());
    size_t slash = name.find('/');
    if (slash == name.npos || name.find('/', slash + 1) != name.npos ||
        !IsDayFileName(name.substr(slash + 1))) {
      if (slash != name.npos || !name.ends_with(".json")) ++report.other_files;
      continue;
    }
    std::string folder(name.substr(0, slash));
    auto it = by_folder.find(folder);
    if (it == by_folder.end()) {
      // A conversation folder the metadata does not list: keep it, named by its folder.
      it = by_folder.emplace(folder, static_cast<uint32_t>(contexts.size())).first;
      contexts.push_back(context_of(folder));
      unlisted.insert(folder);
    }
    conversation_of[i] = it->second;
    day_files.push_back(i);
  }
  for (const auto& f : unlisted) {
    report.issues.push_back({prefix + f, -1,
                             "conversation folder not listed in channels.json, groups.json, "
                             "dms.json or mpims.json; imported under its folder name",
                             true});
  }
  report.files = static_cast<int64_t>(day_files.size());
  std::vector<bool> active(contexts.size(), false);
  for (size_t i : day_files) active[conversation_of[i]] = true;
  report.conversations = std::count(active.begin(), active.end(), true);

  const int workers = internal::WorkerCount(options.threads, day_files.size());
  // Each worker's parser and message on cache lines of their own (written per message).
  struct alignas(64) Worker {
    od::parser parser;
    Message message;
  };
  std::vector<Worker> worker(workers);
  auto parse_file = [&](int w, size_t entry, const std::string& data,
                        Tally& t) -> std::optional<FileError> {
    od::document doc;
    Message& m = worker[w].message;
    auto fail = [&](simdjson::error_code e, bool iterated = true) {
      return JsonError(e, iterated ? &doc : nullptr, data);
    };
    if (auto e = worker[w].parser.iterate(Padded(data)).get(doc)) return fail(e, false);
    od::array arr;
    if (auto e = doc.get_array().get(arr)) return fail(e);
    for (auto item : arr) {
      od::object obj;
      if (auto e = item.get_object().get(obj)) return fail(e);
      m.Clear();
      if (auto e = ReadMessage(obj, m)) return fail(e);
      Account(m, ids, bots, conversation_of[entry], t);
    }
    return std::nullopt;
  };
  ASSIGN_OR_RETURN(internal::LoopResult loop,
                   internal::ParseFilesInParallel(archive, day_files, options.threads, parse_file));
  return internal::Finish(std::move(loop), std::move(ids), contexts, options, std::move(report));
}

}  // namespace pl::ingest
