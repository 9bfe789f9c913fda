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
#include <span>
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

class AggregatedRows;

// Counts interactions by (from, to, layer, day, conversation); people and conversations are
// dense indices chosen by the caller. Self-interactions are dropped. Adding appends 24 bytes;
// when the list has doubled since it was last summed (and holds over a million), SumIfLarge()
// sorts it and sums its repeats, so memory follows the distinct rows, not the messages. Sorting is
// one counting sort into (conversation, day) buckets, then each bucket on its own, in cache.
class EdgeCounter {
 public:
  void Add(uint32_t from, uint32_t to, graph::Layer layer, int32_t day, uint32_t conversation);
  void Merge(const EdgeCounter& other);
  void Clear();               // keeps the capacity
  void Reserve(size_t more);  // room for `more` interactions (up to the next summing)
  // Sums the repeats when the list has doubled since it last was (and holds over a million):
  // call it between batches (say after each file); Add() never does, so that a batch can be
  // taken back.
  void SumIfLarge() {
    if (entries_.size() >= sum_at_) SumRepeatsIfLarge();
  }
  // What has been added so far, and taking back everything added since (with no SumIfLarge()
  // in between).
  struct Mark {
    size_t entries = 0;
    std::array<int64_t, graph::kLayerCount> by_layer{};
  };
  Mark Here() const { return {entries_.size(), by_layer_}; }
  void Rollback(const Mark& m) {
    entries_.resize(m.entries);
    by_layer_ = m.by_layer;
  }
  // Raw interactions added, by layer.
  const std::array<int64_t, graph::kLayerCount>& by_layer() const { return by_layer_; }

  // The aggregated rows of all `parts` together (say one counter per worker), sorted by
  // (conversation, day, layer, from, to), weight = count, kept where they were summed: `people`
  // gives each person index's id, `conversations` names each conversation index. Works on a
  // thread per part; empties the parts' interactions (their by_layer() counts stay).
  static AggregatedRows Aggregate(std::span<EdgeCounter> parts, std::vector<PersonId> people,
                                  std::vector<std::string> conversations);
  // The same rows as records.
  static std::vector<store::InteractionRecord> Records(
      std::span<EdgeCounter> parts, const std::vector<PersonId>& people,
      const std::vector<std::string>& conversations);
  std::vector<store::InteractionRecord> Records(const std::vector<PersonId>& people,
                                                const std::vector<std::string>& conversations) {
    return Records(std::span<EdgeCounter>(this, 1), people, conversations);
  }

 private:
  struct Entry {
    uint32_t conversation;
    uint32_t when;    // (day + 2^23) << 8 | layer: orders by day, then layer
    uint64_t people;  // from << 32 | to
    uint64_t count;
  };
  friend class AggregatedRows;
  // The entries sorted and summed, in order: thread t summed segments[t], each a run of one
  // conversation's rows data[begin, end), rows[t] rows in all; a thread's segments follow each
  // other without a gap.
  struct Segment {
    uint32_t conversation;
    size_t begin, end;
  };
  struct Grouped {
    std::unique_ptr<Entry[]> data;
    std::vector<std::vector<Segment>> segments;
    std::vector<size_t> rows;
  };
  // Empties the parts' entries_.
  static Grouped SortAndSum(std::span<EdgeCounter> parts);
  void SumRepeatsIfLarge();
  std::vector<Entry> entries_;
  size_t sum_at_ = size_t{1} << 20;
  std::array<int64_t, graph::kLayerCount> by_layer_{};
};

// A chat import's rows as the store reads them: each worker's sorted and summed entries where
// they were summed (one block per worker), turned into a row only when read. Building 450,000
// 72-byte records for the demo's Slack export had cost 13-17 ms of page faults alone on a fresh
// import (bench/RESULTS.md); these take none.
class AggregatedRows final : public store::InteractionRows {
 public:
  AggregatedRows() = default;
  size_t size() const override { return first_.empty() ? 0 : first_.back(); }
  bool empty() const { return size() == 0; }
  store::InteractionRef at(size_t i) const override;
  std::vector<store::InteractionRecord> ToRecords() const;

 private:
  friend class EdgeCounter;
  std::unique_ptr<EdgeCounter::Entry[]> data_;
  std::vector<size_t> begin_;  // block b: data_[begin_[b], begin_[b] + first_[b + 1] - first_[b])
  std::vector<size_t> first_;  // the rows before block b; first_.back() = size()
  std::vector<PersonId> people_;
  std::vector<std::string> conversations_;
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
  // What has been recorded so far, and taking back everything recorded since.
  std::pair<size_t, size_t> Here() const { return {starters_.size(), replies_.size()}; }
  void Rollback(std::pair<size_t, size_t> m) {
    starters_.resize(m.first);
    replies_.resize(m.second);
  }

  struct Resolution {
    int64_t replies = 0;                  // reply edges added
    int64_t replies_without_starter = 0;  // thread starter neither given nor found
    int64_t threads = 0;                  // threads with at least two participants
    int64_t large_threads = 0;            // over max_participants: no co-participation edges
  };
  // Co-participation edges need at most `max_participants` people in the thread (a thread of
  // 200 people says little about any pair and would add 40,000 edges). The threads of all
  // `books` together (say one per worker; a thread may be spread over several), resolved on a
  // thread per counter in `out` (as many as books), each adding to its own. Empties the books
  // but the first.
  static Resolution Resolve(std::span<ThreadBook> books, std::span<EdgeCounter> out,
                            size_t max_participants = 50);
  Resolution Resolve(EdgeCounter& out, size_t max_participants = 50) {
    return Resolve(std::span<ThreadBook>(this, 1), std::span<EdgeCounter>(&out, 1),
                   max_participants);
  }

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
  Resolution SortAndResolve(const std::vector<size_t>& sbegin, const std::vector<size_t>& rbegin,
                            size_t first, size_t last, EdgeCounter& out, size_t max_participants);
  std::vector<Starter> starters_;
  std::vector<ReplyRow> replies_;
};

// A chat-platform account as its export describes it.
struct PlatformUser {
  std::string id;     // Slack "U…" / Entra ID object id
  std::string email;  // may be empty
  std::string name;   // as the directory shows it (for reports only; never stored)
  bool bot = false;
  bool deleted = false;
};

// How platform accounts become people.
struct IdentitySources {
  // From the store: employee id → person, lower-cased e-mail → person.
  std::unordered_map<std::string, PersonId> by_employee_id;
  std::unordered_map<std::string, PersonId> by_email;
  // From an optional mapping CSV: platform id → employee id (wins over the rest).
  std::unordered_map<std::string, std::string> mapping;
  // Accounts an admin linked to people (the store's, for the platform): platform id as the
  // store keeps it (pseudonymised with kind "account" when imports pseudonymise) → person.
  // Wins over e-mail.
  std::unordered_map<std::string, PersonId> linked;
};

struct IdentityReport {
  int64_t users = 0;
  int64_t bots = 0;
  int64_t matched_by_mapping = 0;
  int64_t matched_by_link = 0;  // by an account an admin linked
  int64_t matched_by_email = 0;
  int64_t unmatched = 0;
  std::vector<std::string> unmatched_ids;    // all of them, in the export's order
  std::vector<std::string> unmatched_names;  // theirs, as the export names them ("" if not)
  // For each of those, the one active person of the roster with that name (compared without
  // case or extra spaces), if exactly one has it: a link to suggest; none (0) otherwise.
  std::vector<PersonId> unmatched_suggested;
  std::vector<std::string> unmatched_suggested_employee_ids;  // theirs ("" for none)
  int64_t mapping_unknown_employee = 0;  // mapping rows naming an employee id not stored
};

// Platform account id → person index (kNoPerson for a bot or an unmatched account): open
// addressing with linear probing in a power-of-two table at most half full. An id of up to 16
// bytes (Slack's "U0123ABCD") is held in its slot, so a lookup is a hash and a slot or two
// compared as words; a longer id (a Teams GUID) is compared in full only when its 64-bit hash
// matches. Ids come from the export and are not chosen by
// someone who could see the table, so a fixed hash is enough.
class PlatformIdIndex {
 public:
  // False, and nothing changed, if `id` is already present.
  bool Insert(std::string_view id, uint32_t person);
  // The person for `id`; nullopt for an id never inserted.
  std::optional<uint32_t> Find(std::string_view id) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint64_t a = 0, b = 0;  // the id's bytes; past 16 bytes, a is its index in long_ids_
    uint32_t tag = 0;       // length + 1; 0 marks an empty slot
    uint32_t person = 0;
  };
  struct Key {
    uint64_t a = 0, b = 0, hash = 0;
    uint32_t tag = 0;
  };
  static Key KeyOf(std::string_view id);
  size_t Locate(const Key& k, std::string_view id) const;
  void Grow();
  std::vector<Slot> slots_;
  std::vector<std::string> long_ids_;
  size_t size_ = 0;
};

// An id of up to 16 bytes is read as two words with overlapping loads, which together cover
// every byte — with the length, they are the id.
inline PlatformIdIndex::Key PlatformIdIndex::KeyOf(std::string_view id) {
  auto load8 = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load4 = [](const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return uint64_t{w};
  };
  const char* p = id.data();
  const size_t n = id.size();
  Key k;
  k.tag = static_cast<uint32_t>(n) + 1;
  if (n >= 8 && n <= 16) {
    k.a = load8(p);
    k.b = load8(p + n - 8);
  } else if (n >= 4 && n < 8) {
    k.a = load4(p) | load4(p + n - 4) << 32;
  } else if (n > 0 && n < 4) {
    k.a = uint64_t{uint8_t(p[0])} | uint64_t{uint8_t(p[n / 2])} << 8 |
          uint64_t{uint8_t(p[n - 1])} << 16;
  }
  uint64_t h;
  if (n <= 16) {
    h = (k.a ^ (uint64_t{k.tag} << 56)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 31) ^ k.b) * 0x94D049BB133111EBull;
  } else {
    h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      h = (h ^ load8(p + i)) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    h = (h ^ (i < n ? load8(p + n - 8) : 0)) * 0x94D049BB133111EBull;
  }
  k.hash = h ^ (h >> 29);
  return k;
}

// The slot holding `id`, or the empty slot where it would go; the table must not be empty.
inline size_t PlatformIdIndex::Locate(const Key& k, std::string_view id) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = k.hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.tag == 0) return i;
    if (s.hash == k.hash && s.tag == k.tag &&
        (k.tag <= 17 ? s.a == k.a && s.b == k.b : long_ids_[s.a] == id)) {
      return i;
    }
  }
}

inline std::optional<uint32_t> PlatformIdIndex::Find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& s = slots_[Locate(KeyOf(id), id)];
  if (s.tag == 0) return std::nullopt;
  return s.person;
}

// Dense people for one import: each platform account's person index, and person index →
// PersonId.
struct Identities {
  PlatformIdIndex accounts;
  std::vector<PersonId> people;  // person index → PersonId
  IdentityReport report;

  // Under pseudonymisation, the accounts an admin linked (by their pseudonyms → person index)
  // for ids no users list names, which cannot be listed ahead (a Teams export without one): an
  // id not listed is looked up here by its pseudonym. Empty otherwise.
  std::unordered_map<std::string, uint32_t> linked_by_pseudonym;
  std::function<std::string(std::string_view)> pseudonym;

  // kNoPerson for an unknown id, a bot or an unmatched account.
  uint32_t Person(std::string_view platform_id) const {
    if (auto p = accounts.Find(platform_id)) return *p;
    return linked_by_pseudonym.empty() ? kNoPerson : Linked(platform_id);
  }
  // Whether a users list (or the mapping) names the account. Asked of accounts Person() found
  // nobody for, so an account linked by its pseudonym (a person) is never asked about.
  bool Listed(std::string_view platform_id) const { return accounts.Find(platform_id).has_value(); }
  uint32_t Linked(std::string_view platform_id) const {
    auto it = linked_by_pseudonym.find(pseudonym(platform_id));
    return it == linked_by_pseudonym.end() ? kNoPerson : it->second;
  }
};
// `pseudonymise`, when set, maps a normalised e-mail or employee id to how the store holds it.
Identities ResolveIdentities(
    const std::vector<PlatformUser>& users, const IdentitySources& sources,
    const std::function<std::string(std::string_view kind, std::string_view value)>& pseudonymise);

// Reads an id-mapping CSV: a header naming the platform id column (slack_id, slack_user_id,
// teams_id, aad_object_id, user_id or platform_id) and employee_id; one row per account; other
// columns (a name, say) are ignored. A row whose employee id is left blank maps nothing (a
// template written with `--unmatched-out`, partly filled in); `blank`, when given, counts them.
Result<std::unordered_map<std::string, std::string>> ParseIdMapping(std::string_view text,
                                                                    int64_t* blank = nullptr);

}  // namespace pl::ingest
