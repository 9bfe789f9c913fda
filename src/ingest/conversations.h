// What Slack and Teams imports share: chat-platform users resolved to people, and the
// interactions a conversation implies, counted per day.
//
// A message yields, for its author A (never message text; only who, when, where):
//   reply    A → the thread's starter        mention  A → each person mentioned (once per message)
//   reaction R → A for each reactor R          thread   each pair of a thread's participants, both
//                                                       ways, once per thread (starter's day)
// Counts are aggregated to (from, to, layer, UTC day, conversation) → number of interactions, so
// the store holds one row per pair, layer, day and conversation. Aggregation is what keeps memory
// proportional to the ties, not to the messages; a later export of the same days raises a count
// to what it saw (store::OnDuplicate::kKeepLarger), so nothing is counted twice.
//
//   EdgeCounter counts;                      // one per thread, merged at the end
//   counts.Add(a, b, graph::Layer::kMention, day, conversation);
//   ThreadBook threads;                      // likewise
//   threads.Start(conversation, thread_key, a, day); threads.Reply(conversation, thread_key, b,
//   day);
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "store/store.h"

namespace pl::ingest {

// Days since 1970-01-01 (UTC) of a Unix time in seconds.
inline int32_t UnixDay(int64_t seconds) {
  return static_cast<int32_t>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}

// Counts interactions by (from, to, layer, day, conversation); people and conversations are
// dense indices chosen by the caller. Self-interactions are dropped. Adding appends 24 bytes;
// when the list has doubled since it was last summed (and holds over a million), it is sorted
// and its repeats summed, so memory follows the distinct rows, not the messages. Sorting is one
// counting sort into (conversation, day) buckets, then each bucket on its own, in cache.
class EdgeCounter {
 public:
  void Add(uint32_t from, uint32_t to, graph::Layer layer, int32_t day, uint32_t conversation);
  void Merge(const EdgeCounter& other);
  void Clear();               // keeps the capacity
  void Reserve(size_t more);  // room for `more` interactions (up to the next summing)
  // Raw interactions added, by layer.
  const std::array<int64_t, graph::kLayerCount>& by_layer() const { return by_layer_; }

  // The aggregated rows, sorted by (conversation, day, layer, from, to), weight = count.
  // `conversations` names each conversation index. Sorts on up to `threads` threads. Empties
  // the counter.
  std::vector<store::InteractionRecord> Records(const std::vector<PersonId>& people,
                                                const std::vector<std::string>& conversations,
                                                int threads = 1);

 private:
  struct Entry {
    uint32_t conversation;
    uint32_t when;    // (day + 2^23) << 8 | layer: orders by day, then layer
    uint64_t people;  // from << 32 | to
    uint64_t count;
  };
  // The entries sorted and summed, grouped by conversation: conversation c's rows are
  // data[begin[c], end[c]); threads took conversations [first_conv[t], first_conv[t + 1]) and
  // kept rows[t] rows. Empties entries_.
  struct Grouped {
    std::unique_ptr<Entry[]> data;
    std::vector<size_t> begin, end, first_conv, rows;
  };
  Grouped SortAndSum(int threads);
  void SumRepeatsIfLarge();
  std::vector<Entry> entries_;
  size_t sum_at_ = size_t{1} << 20;
  std::array<int64_t, graph::kLayerCount> by_layer_{};
};

inline constexpr uint32_t kNoPerson = UINT32_MAX;

// Threads seen across many files (a reply may sit in another day's file than its starter).
// Resolve() turns them into reply edges (replier → starter) and thread co-participation edges.
class ThreadBook {
 public:
  // A thread's first message, by `author` (kNoPerson if not a known person) on `day`.
  void Start(uint32_t conversation, int64_t thread, uint32_t author, int32_t day);
  // A reply in the thread. `parent_author` is the starter when the message names it (Slack's
  // parent_user_id), else kNoPerson and the starter is looked up.
  void Reply(uint32_t conversation, int64_t thread, uint32_t author, int32_t day,
             uint32_t parent_author = kNoPerson);
  void Merge(ThreadBook&& other);
  void Clear();  // keeps the capacity
  size_t threads_seen() const;

  struct Resolution {
    int64_t replies = 0;                  // reply edges added
    int64_t replies_without_starter = 0;  // thread starter neither given nor found
    int64_t threads = 0;                  // threads with at least two participants
    int64_t large_threads = 0;            // over max_participants: no co-participation edges
  };
  // Co-participation edges need at most `max_participants` people in the thread (a thread of
  // 200 people says little about any pair and would add 40,000 edges).
  Resolution Resolve(EdgeCounter& out, size_t max_participants = 50);

 private:
  struct Starter {
    uint32_t conversation;
    int64_t thread;
    uint32_t author;
    int32_t day;
  };
  struct ReplyRow {
    uint32_t conversation;
    int64_t thread;
    uint32_t author;
    int32_t day;
    uint32_t parent_author;
  };
  std::vector<Starter> starters_;
  std::vector<ReplyRow> replies_;
};

// A chat-platform account as its export describes it.
struct PlatformUser {
  std::string id;     // Slack "U…" / Entra ID object id
  std::string email;  // may be empty
  bool bot = false;
  bool deleted = false;
};

// How platform accounts become people.
struct IdentitySources {
  // From the store: employee id → person, lower-cased e-mail → person.
  std::unordered_map<std::string, PersonId> by_employee_id;
  std::unordered_map<std::string, PersonId> by_email;
  // From an optional mapping CSV: platform id → employee id (wins over e-mail).
  std::unordered_map<std::string, std::string> mapping;
};

struct IdentityReport {
  int64_t users = 0;
  int64_t bots = 0;
  int64_t matched_by_mapping = 0;
  int64_t matched_by_email = 0;
  int64_t unmatched = 0;
  std::vector<std::string> unmatched_ids;  // the first 50
  int64_t mapping_unknown_employee = 0;    // mapping rows naming an employee id not stored
};

// Platform ids are short ("U0123ABCD", a 36-character GUID): eight bytes at a time, multiplied
// and folded — cheaper than the library's byte-wise hash, and ids are not chosen by an adversary
// who could see the table.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    h = (h ^ tail) * 0x94D049BB133111EBull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// Dense people for one import: user index → person index (kNoPerson for bots and the unmatched).
struct Identities {
  // platform id → index in person_of, looked up by string_view without a copy
  std::unordered_map<std::string, uint32_t, StringViewHash, std::equal_to<>> user_index;
  std::vector<uint32_t> person_of;
  std::vector<PersonId> people;  // person index → PersonId
  IdentityReport report;

  // kNoPerson for an unknown id, a bot or an unmatched account.
  uint32_t Person(std::string_view platform_id) const;
};
// `pseudonymise`, when set, maps a normalised e-mail or employee id to how the store holds it.
Identities ResolveIdentities(
    const std::vector<PlatformUser>& users, const IdentitySources& sources,
    const std::function<std::string(std::string_view kind, std::string_view value)>& pseudonymise);

// Reads an id-mapping CSV: a header naming the platform id column (slack_id, slack_user_id,
// teams_id, aad_object_id, user_id or platform_id) and employee_id; one row per account.
Result<std::unordered_map<std::string, std::string>> ParseIdMapping(std::string_view text);

}  // namespace pl::ingest
