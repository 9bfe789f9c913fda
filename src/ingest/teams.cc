// Microsoft Teams / Graph chatMessage JSON → interactions. The export is a folder or zip of
// .json files, each a Graph list response ({"value": [...]}), a bare array of messages or one
// message. Channel messages may carry their replies inline ($expand=replies); a reply's
// replyToId names its root message. Accounts are Entra ID object ids (from.user.id); they are
// matched to people by an id-mapping CSV, or by e-mail when the export holds a users.json
// (a Graph user list: id, mail, userPrincipalName).
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <unordered_set>

#include "core/text.h"
#include "core/time.h"
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

// Where a file simdjson refused goes wrong; `doc` is null where iterate() itself failed (see
// internal::FirstPassErrorOffset).
int64_t ByteOffset(od::document* doc, const std::string& bytes) {
  if (doc == nullptr) return internal::FirstPassErrorOffset(bytes);
  const char* at = nullptr;
  if (doc->current_location().get(at) == simdjson::SUCCESS && at >= bytes.data() &&
      at <= bytes.data() + bytes.size()) {
    return at - bytes.data();
  }
  return -1;
}

struct Message {
  std::string_view id, reply_to, type, created, from_user, channel, chat;
  bool from_app = false, deleted = false, has_from = false;
  std::vector<std::string_view> mentions, reactors;
  std::vector<Message> replies;
};

// Reads {"user": {"id": ...}} (an identitySet) into `user`; notes an application/device sender.
simdjson::error_code ReadIdentitySet(od::value v, std::string_view& user, bool* app) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t != od::json_type::object) return simdjson::SUCCESS;  // null: a system event
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  for (auto f : obj) {
    std::string_view key;
    if (auto e = f.unescaped_key().get(key)) return e;
    od::value x;
    if (auto e = f.value().get(x)) return e;
    od::json_type xt;
    if (auto e = x.type().get(xt)) return e;
    if (xt != od::json_type::object) continue;
    if (key == "user") {
      od::object u;
      if (auto e = x.get_object().get(u)) return e;
      for (auto uf : u) {
        std::string_view uk;
        if (auto e = uf.unescaped_key().get(uk)) return e;
        if (uk == "id") {
          od::value idv;
          if (auto e = uf.value().get(idv)) return e;
          if (idv.get_string().get(user) != simdjson::SUCCESS) user = {};
        }
      }
    } else if ((key == "application" || key == "device") && app) {
      *app = true;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadMessage(od::object obj, Message& m, int depth);

simdjson::error_code ReadList(od::value v, std::vector<std::string_view>& out, const char* holder) {
  od::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return e;
    for (auto f : obj) {
      std::string_view key;
      if (auto e = f.unescaped_key().get(key)) return e;
      if (key != holder) continue;
      od::value x;
      if (auto e = f.value().get(x)) return e;
      std::string_view user;
      if (auto e = ReadIdentitySet(x, user, nullptr)) return e;
      if (!user.empty()) out.push_back(user);
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadMessage(od::object obj, Message& m, int depth) {
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value v;
    if (auto e = field.value().get(v)) return e;
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    simdjson::error_code e = simdjson::SUCCESS;
    if (t == od::json_type::string) {
      if (key == "id")
        e = v.get_string().get(m.id);
      else if (key == "replyToId")
        e = v.get_string().get(m.reply_to);
      else if (key == "messageType")
        e = v.get_string().get(m.type);
      else if (key == "createdDateTime")
        e = v.get_string().get(m.created);
      else if (key == "chatId")
        e = v.get_string().get(m.chat);
      else if (key == "deletedDateTime")
        m.deleted = true;
    } else if (key == "from") {
      m.has_from = true;
      e = ReadIdentitySet(v, m.from_user, &m.from_app);
    } else if (key == "mentions" && t == od::json_type::array) {
      e = ReadList(v, m.mentions, "mentioned");
    } else if (key == "reactions" && t == od::json_type::array) {
      e = ReadList(v, m.reactors, "user");
    } else if (key == "channelIdentity" && t == od::json_type::object) {
      od::object ci;
      if ((e = v.get_object().get(ci))) return e;
      for (auto f : ci) {
        std::string_view k;
        if ((e = f.unescaped_key().get(k))) return e;
        if (k == "channelId") {
          od::value x;
          if ((e = f.value().get(x))) return e;
          if (x.get_string().get(m.channel) != simdjson::SUCCESS) m.channel = {};
        }
      }
    } else if (key == "replies" && t == od::json_type::array && depth == 0) {
      od::array arr;
      if ((e = v.get_array().get(arr))) return e;
      for (auto item : arr) {
        od::object r;
        if ((e = item.get_object().get(r))) return e;
        m.replies.emplace_back();
        if ((e = ReadMessage(r, m.replies.back(), depth + 1))) return e;
      }
    }
    if (e) return e;
  }
  return simdjson::SUCCESS;
}

// Graph ids are numbers (milliseconds); anything else is hashed into a thread key.
int64_t ThreadKey(std::string_view id) {
  int64_t v = 0;
  auto r = std::from_chars(id.data(), id.data() + id.size(), v);
  if (r.ec == std::errc() && r.ptr == id.data() + id.size()) return v;
  return static_cast<int64_t>(std::hash<std::string_view>{}(id) | (uint64_t{1} << 63));
}

void Account(const Message& m, const Identities& ids, uint32_t conversation,
             std::string_view parent_id, Tally& t) {
  ++t.messages;
  if (m.type.empty() && !m.has_from) return t.Skip("not a chatMessage");
  if (m.deleted) return t.Skip("deleted");
  if (!m.type.empty() && m.type != "message") return t.Skip("system: " + Printable(m.type, 60));
  if (m.from_user.empty()) return t.Skip(m.from_app ? "bot" : "no author");
  auto ts = ParseTimestamp(m.created);
  if (!ts.ok()) return t.Skip("no valid createdDateTime");
  const int32_t day =
      UnixDay(std::chrono::duration_cast<std::chrono::seconds>(ts->time_since_epoch()).count());
  const uint32_t author = ids.Person(m.from_user);
  std::string_view root = !m.reply_to.empty() ? m.reply_to : parent_id;
  if (!root.empty()) {
    if (author != kNoPerson) t.threads.Reply(conversation, ThreadKey(root), author, day);
  } else if (!m.id.empty()) {
    t.threads.Start(conversation, ThreadKey(m.id), author, day);
  }
  if (author == kNoPerson) {
    return t.Skip(ids.Listed(m.from_user) ? "author not matched to a person"
                                          : "author not in users list");
  }
  ++t.kept;
  t.AddTies(author, m.mentions, m.reactors, ids, day, conversation);
}

Result<std::vector<PlatformUser>> ParseGraphUsers(const std::string& name,
                                                  const std::string& bytes) {
  od::parser parser;
  od::document doc;
  std::vector<PlatformUser> users;
  auto fail = [&](simdjson::error_code e, bool iterated = true) -> Status {
    return InvalidArgument(
        FormatFileIssue({name, ByteOffset(iterated ? &doc : nullptr, bytes),
                         std::string("malformed JSON: ") + simdjson::error_message(e)}));
  };
  if (auto e = parser.iterate(Padded(bytes)).get(doc)) return fail(e, false);
  od::value root;
  if (auto e = doc.get_value().get(root)) return fail(e);
  od::json_type t;
  if (auto e = root.type().get(t)) return fail(e);
  od::array arr;
  if (t == od::json_type::object) {
    if (auto e = root.find_field_unordered("value").get_array().get(arr)) return fail(e);
  } else if (auto e = root.get_array().get(arr)) {
    return fail(e);
  }
  for (auto item : arr) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return fail(e);
    PlatformUser u;
    std::string upn;
    for (auto f : obj) {
      std::string_view key, s;
      if (auto e = f.unescaped_key().get(key)) return fail(e);
      if (f.value().get_string().get(s) != simdjson::SUCCESS) continue;
      if (key == "id") u.id = s;
      if (key == "mail") u.email = s;
      if (key == "displayName") u.name = s;
      if (key == "userPrincipalName") upn = s;
    }
    if (u.email.empty() && upn.find('@') != upn.npos) u.email = upn;
    if (!u.id.empty()) users.push_back(std::move(u));
  }
  return users;
}

}  // namespace

Result<ChatParse> ParseTeamsExport(const Archive& archive, const IdentitySources& sources,
                                   const ChatImportOptions& options) {
  RETURN_IF_ERROR(internal::CheckSimdSupport());
  const auto& entries = archive.entries();
  ChatImportReport report;
  report.platform = "teams";
  report.archive_kind = std::string(archive.kind());
  std::vector<PlatformUser> users;
  std::vector<size_t> files;
  ASSIGN_OR_RETURN(auto reader, archive.NewReader());
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string_view name = entries[i].name;
    std::string_view base = name.substr(name.rfind('/') == name.npos ? 0 : name.rfind('/') + 1);
    if (!name.ends_with(".json")) {
      ++report.other_files;
    } else if (base == "users.json") {
      std::string bytes;
      RETURN_IF_ERROR(reader->Read(i, bytes, simdjson::SIMDJSON_PADDING));
      ASSIGN_OR_RETURN(auto listed, ParseGraphUsers(entries[i].name, bytes));
      users.insert(users.end(), listed.begin(), listed.end());
    } else {
      files.push_back(i);
    }
  }
  // Accounts are known from users.json, the mapping, and (kept as their ids when not
  // pseudonymised) the accounts an admin linked.
  for (const auto& [id, employee] : sources.mapping) users.push_back({.id = id});
  if (!options.pseudonymizer) {
    for (const auto& [id, person] : sources.linked) users.push_back({.id = id});
  }
  Identities ids = ResolveIdentities(users, sources, internal::PseudonymiseFn(options));
  report.files = static_cast<int64_t>(files.size());

  // Conversations are discovered while parsing: numbered in one registry (under a lock), each
  // worker caching the numbers it has seen.
  const int workers = internal::WorkerCount(options.threads, files.size());
  struct alignas(64) Parser {  // each worker's on cache lines of its own
    od::parser parser;
  };
  std::vector<Parser> parsers(workers);
  std::mutex registry_mu;
  std::unordered_map<std::string, uint32_t> registry;
  std::vector<std::string> names;
  std::vector<std::unordered_map<std::string, uint32_t>> cache(workers);
  auto conv_index = [&](int w, const std::string& name) {
    if (auto it = cache[w].find(name); it != cache[w].end()) return it->second;
    std::lock_guard lock(registry_mu);
    auto [it, added] = registry.emplace(name, static_cast<uint32_t>(names.size()));
    if (added) names.push_back(name);
    cache[w].emplace(name, it->second);
    return it->second;
  };
  auto parse_file = [&](int w, size_t entry, const std::string& data,
                        Tally& t) -> std::optional<FileError> {
    od::document doc;
    auto fail = [&](simdjson::error_code e, bool iterated = true) {
      return FileError{std::string("malformed JSON: ") + simdjson::error_message(e),
                       ByteOffset(iterated ? &doc : nullptr, data)};
    };
    if (auto e = parsers[w].parser.iterate(Padded(data)).get(doc)) return fail(e, false);
    od::value root;
    if (auto e = doc.get_value().get(root)) return fail(e);
    od::json_type type;
    if (auto e = root.type().get(type)) return fail(e);
    auto account = [&](const Message& m) {
      std::string_view where = !m.channel.empty() ? m.channel : m.chat;
      std::string name = where.empty() ? "file:" + entries[entry].name : std::string(where);
      uint32_t conv = conv_index(w, name);
      Account(m, ids, conv, {}, t);
      for (const Message& r : m.replies) {
        std::string_view rw = !r.channel.empty() ? r.channel : r.chat;
        Account(r, ids, rw.empty() ? conv : conv_index(w, std::string(rw)), m.id, t);
      }
    };
    auto one = [&](od::object obj) -> simdjson::error_code {
      Message m;
      if (auto e = ReadMessage(obj, m, 0)) return e;
      account(m);
      return simdjson::SUCCESS;
    };
    auto many = [&](od::array arr) -> simdjson::error_code {
      for (auto item : arr) {
        od::object obj;
        if (auto e = item.get_object().get(obj)) return e;
        if (auto e = one(obj)) return e;
      }
      return simdjson::SUCCESS;
    };
    if (type == od::json_type::array) {
      od::array arr;
      if (auto e = root.get_array().get(arr)) return fail(e);
      if (auto e = many(arr)) return fail(e);
    } else if (type == od::json_type::object) {
      od::object obj;
      if (auto e = root.get_object().get(obj)) return fail(e);
      // A list response holds "value"; otherwise the object is one message.
      od::value list;
      auto found = obj.find_field_unordered("value").get(list);
      if (found == simdjson::SUCCESS) {
        od::array arr;
        if (auto e = list.get_array().get(arr)) return fail(e);
        if (auto e = many(arr)) return fail(e);
      } else if (found == simdjson::NO_SUCH_FIELD) {
        if (auto e = obj.reset().error()) return fail(e);
        if (auto e = one(obj)) return fail(e);
      } else {
        return fail(found);
      }
    } else {
      return FileError{
          "expected a chatMessage object, an array of them or a {\"value\": [...]} list", 0};
    }
    return std::nullopt;
  };
  ASSIGN_OR_RETURN(internal::LoopResult loop,
                   internal::ParseFilesInParallel(archive, files, options.threads, parse_file));
  std::vector<std::string> contexts;
  for (const auto& n : names) {
    contexts.push_back(internal::ConversationContext(options, "teams", n));
  }
  report.conversations = static_cast<int64_t>(contexts.size());
  return internal::Finish(std::move(loop), std::move(ids), contexts, options, std::move(report));
}

}  // namespace pl::ingest
