#include "ingest/conversations.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <thread>
#include <tuple>

#include "core/text.h"
#include "ingest/csv.h"

namespace pl::ingest {

namespace {

// Sorts [first, last) by (when, people) — insertion sort for the few dozen a bucket usually
// holds — sums the counts of equal keys into the first of each, and moves the summed run to
// `out`. Returns the end of what was written.
template <class Entry>
Entry* SortAndSumInto(Entry* first, Entry* last, Entry* out) {
  auto less = [](const Entry& a, const Entry& b) {
    return a.when != b.when ? a.when < b.when : a.people < b.people;
  };
  if (last - first > 32) {
    std::sort(first, last, less);
  } else {
    for (Entry* it = first + (first != last); it < last; ++it) {
      Entry x = *it;
      Entry* j = it;
      for (; j != first && less(x, *(j - 1)); --j) *j = *(j - 1);
      *j = x;
    }
  }
  for (Entry* it = first; it != last;) {
    Entry sum = *it;
    for (++it; it != last && it->when == sum.when && it->people == sum.people; ++it) {
      sum.count += it->count;
    }
    *out++ = sum;
  }
  return out;
}

// Runs body(t) for t in [0, threads), body(0) on the calling thread.
template <class Body>
void OnThreads(int threads, Body&& body) {
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(body, t);
  body(0);
  for (auto& th : pool) th.join();
}

}  // namespace

void EdgeCounter::Add(uint32_t from, uint32_t to, graph::Layer layer, int32_t day,
                      uint32_t conversation) {
  if (from == to || from == kNoPerson || to == kNoPerson) return;
  if (entries_.size() == entries_.capacity()) {
    entries_.reserve(std::max<size_t>(4096, 2 * entries_.capacity()));
  }
  entries_.push_back({conversation,
                      (uint32_t(day + (1 << 23)) & 0xFFFFFF) << 8 | static_cast<uint8_t>(layer),
                      uint64_t{from} << 32 | to, 1});
  ++by_layer_[static_cast<size_t>(layer)];
}

void EdgeCounter::Merge(const EdgeCounter& other) {
  if (entries_.size() + other.entries_.size() > entries_.capacity()) {
    entries_.reserve(std::max(entries_.size() + other.entries_.size(), 2 * entries_.capacity()));
  }
  entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
  for (size_t l = 0; l < graph::kLayerCount; ++l) by_layer_[l] += other.by_layer_[l];
  if (entries_.size() >= sum_at_) SumRepeatsIfLarge();
}

void EdgeCounter::Reserve(size_t more) {
  entries_.reserve(std::min(entries_.size() + more, std::max(sum_at_, entries_.size())));
}

void EdgeCounter::Clear() {
  entries_.clear();
  by_layer_ = {};
}

EdgeCounter::Grouped EdgeCounter::SortAndSum(std::span<EdgeCounter> parts) {
  // One counting sort into buckets: a conversation whose interactions are dense in days (at
  // most two days per interaction) gets a bucket per day, any other one bucket. Each bucket is
  // then sorted on its own — a day of a conversation is a few dozen interactions, in cache —
  // and summed to the front of its conversation's run. Each part is counted and scattered on
  // its own thread.
  Grouped g;
  const auto nparts = static_cast<int>(parts.size());
  size_t n = 0;
  for (const EdgeCounter& p : parts) n += p.entries_.size();
  struct Span {
    size_t count = 0;
    uint32_t lo = UINT32_MAX, hi = 0;
  };
  std::vector<std::vector<Span>> spans(parts.size());
  OnThreads(nparts, [&](int t) {
    std::vector<Span>& span = spans[t];
    for (const Entry& e : parts[t].entries_) {
      if (e.conversation >= span.size()) span.resize(size_t{e.conversation} + 1);
      Span& s = span[e.conversation];
      ++s.count;
      s.lo = std::min(s.lo, e.when >> 8), s.hi = std::max(s.hi, e.when >> 8);
    }
  });
  std::vector<Span> span = std::move(spans[0]);
  for (int t = 1; t < nparts; ++t) {
    if (spans[t].size() > span.size()) span.resize(spans[t].size());
    for (size_t c = 0; c < spans[t].size(); ++c) {
      span[c].count += spans[t][c].count;
      span[c].lo = std::min(span[c].lo, spans[t][c].lo);
      span[c].hi = std::max(span[c].hi, spans[t][c].hi);
    }
  }
  const size_t nconv = span.size();
  std::vector<size_t> first_bucket(nconv + 1, 0);
  std::vector<uint32_t> day_mask(nconv, 0);  // ~0 for a conversation bucketed by day
  for (size_t c = 0; c < nconv; ++c) {
    const Span& s = span[c];
    const size_t days = s.count ? size_t{s.hi} - s.lo + 1 : 1;
    const bool by_day = s.count >= 64 && days <= 2 * s.count;
    if (by_day) day_mask[c] = ~0u;
    first_bucket[c + 1] = first_bucket[c] + (by_day ? days : 1);
  }
  auto bucket_of = [&](const Entry& e) {
    return first_bucket[e.conversation] +
           (((e.when >> 8) - span[e.conversation].lo) & day_mask[e.conversation]);
  };
  // at[t][b]: where part t's next interaction in bucket b goes; start[b]: where bucket b begins.
  const size_t buckets = first_bucket[nconv];
  std::vector<std::vector<size_t>> at(parts.size());
  OnThreads(nparts, [&](int t) {
    at[t].assign(buckets, 0);
    for (const Entry& e : parts[t].entries_) ++at[t][bucket_of(e)];
  });
  std::vector<size_t> start(buckets + 1, 0);
  for (size_t b = 0, pos = 0; b < buckets; ++b) {
    start[b] = pos;
    for (int t = 0; t < nparts; ++t) pos += std::exchange(at[t][b], pos);
    start[b + 1] = pos;
  }
  g.data = std::make_unique_for_overwrite<Entry[]>(n);
  OnThreads(nparts, [&](int t) {
    for (const Entry& e : parts[t].entries_) g.data[at[t][bucket_of(e)]++] = e;
    std::vector<Entry>().swap(parts[t].entries_);
    std::vector<size_t>().swap(at[t]);
  });

  // Threads take consecutive buckets of about equal shares of the work, a bucket of k
  // interactions counted as k (log k + log² k / 4), as measured (a busy day's sort, out of
  // cache, outweighs many quiet days' insertion sorts); a conversation cut between two threads
  // is two segments.
  const size_t buckets_total = first_bucket[nconv];
  const int threads = std::max(1, std::min<int>(nparts, static_cast<int>(n / 100'000) + 1));
  std::vector<size_t> cut(static_cast<size_t>(threads) + 1, buckets_total);
  cut[0] = 0;
  if (threads > 1) {
    std::vector<uint64_t> work(buckets_total + 1, 0);
    for (size_t b = 0; b < buckets_total; ++b) {
      const uint64_t k = start[b + 1] - start[b];
      const auto bits = static_cast<uint64_t>(std::bit_width(k));
      work[b + 1] = work[b] + k * (bits + bits * bits / 4);
    }
    for (int t = 1; t < threads; ++t) {
      const uint64_t share =
          work[buckets_total] * static_cast<uint64_t>(t) / static_cast<uint64_t>(threads);
      const auto b =
          static_cast<size_t>(std::lower_bound(work.begin(), work.end(), share) - work.begin());
      cut[t] = std::clamp(b, cut[t - 1], buckets_total);
    }
  }
  g.segments.resize(static_cast<size_t>(threads));
  g.rows.assign(static_cast<size_t>(threads), 0);
  OnThreads(threads, [&](int t) {
    Entry* data = g.data.get();
    std::vector<Segment>& segments = g.segments[t];
    size_t c = static_cast<size_t>(
        std::upper_bound(first_bucket.begin(), first_bucket.end(), cut[t]) - first_bucket.begin());
    c = c > 0 ? c - 1 : 0;
    // Each bucket's sums go right after the last ones (never past what is still to be read:
    // a bucket gives at most as many rows as it holds), so a thread's rows end up in one block.
    Entry* out = data + start[cut[t]];
    for (size_t b = cut[t]; b < cut[t + 1]; ++b) {
      while (b >= first_bucket[c + 1]) ++c;
      if (segments.empty() || segments.back().conversation != c) {
        const auto at = static_cast<size_t>(out - data);
        if (!segments.empty()) segments.back().end = at;
        segments.push_back({static_cast<uint32_t>(c), at, at});
      }
      out = SortAndSumInto(data + start[b], data + start[b + 1], out);
    }
    if (!segments.empty()) segments.back().end = static_cast<size_t>(out - data);
    size_t rows = 0;
    for (const Segment& seg : segments) rows += seg.end - seg.begin;
    g.rows[static_cast<size_t>(t)] = rows;
  });
  return g;
}

void EdgeCounter::SumRepeatsIfLarge() {
  Grouped g = SortAndSum(std::span<EdgeCounter>(this, 1));
  size_t rows = 0;
  for (size_t r : g.rows) rows += r;
  entries_.reserve(std::max(sum_at_, 2 * rows));
  for (const auto& segments : g.segments) {
    for (const Segment& seg : segments) {
      entries_.insert(entries_.end(), g.data.get() + seg.begin, g.data.get() + seg.end);
    }
  }
  sum_at_ = std::max(sum_at_, 2 * entries_.size());
}

AggregatedRows EdgeCounter::Aggregate(std::span<EdgeCounter> parts, std::vector<PersonId> people,
                                      std::vector<std::string> conversations) {
  Grouped g = SortAndSum(parts);
  AggregatedRows out;
  out.data_ = std::move(g.data);
  out.first_.push_back(0);
  for (size_t t = 0; t < g.segments.size(); ++t) {
    if (g.rows[t] == 0) continue;
    out.begin_.push_back(g.segments[t].front().begin);
    out.first_.push_back(out.first_.back() + g.rows[t]);
  }
  out.people_ = std::move(people);
  out.conversations_ = std::move(conversations);
  return out;
}

std::vector<store::InteractionRecord> EdgeCounter::Records(
    std::span<EdgeCounter> parts, const std::vector<PersonId>& people,
    const std::vector<std::string>& conversations) {
  return Aggregate(parts, people, conversations).ToRecords();
}

store::InteractionRef AggregatedRows::at(size_t i) const {
  // Blocks are few (one per worker): a short walk.
  size_t b = 0;
  while (i >= first_[b + 1]) ++b;
  const EdgeCounter::Entry& e = data_[begin_[b] + (i - first_[b])];
  const int64_t day = int64_t(e.when >> 8) - (1 << 23);
  return {people_[e.people >> 32],
          people_[e.people & 0xFFFFFFFF],
          static_cast<graph::Layer>(e.when & 0xFF),
          Timestamp(std::chrono::microseconds(day * 86'400'000'000LL)),
          static_cast<double>(e.count),
          conversations_[e.conversation]};
}

std::vector<store::InteractionRecord> AggregatedRows::ToRecords() const {
  std::vector<store::InteractionRecord> out;
  out.reserve(size());
  for (size_t i = 0; i < size(); ++i) {
    const store::InteractionRef r = at(i);
    out.push_back({r.src, r.dst, r.layer, r.ts, r.weight, std::string(r.context)});
  }
  return out;
}

void ThreadBook::Start(uint32_t conversation, int64_t thread, uint32_t author, int32_t day) {
  starters_.push_back({conversation, thread, author, day});
}

void ThreadBook::Reply(uint32_t conversation, int64_t thread, uint32_t author, int32_t day,
                       uint32_t parent_author) {
  replies_.push_back({conversation, thread, author, day, parent_author});
}

void ThreadBook::Merge(ThreadBook&& other) {
  starters_.insert(starters_.end(), other.starters_.begin(), other.starters_.end());
  replies_.insert(replies_.end(), other.replies_.begin(), other.replies_.end());
  other.Clear();
}

void ThreadBook::Clear() {
  starters_.clear();
  replies_.clear();
}

size_t ThreadBook::threads_seen() const { return starters_.size(); }

ThreadBook::Resolution ThreadBook::Resolve(std::span<ThreadBook> books, std::span<EdgeCounter> out,
                                           size_t max_participants) {
  // The books' starters and replies gathered by conversation (a counting sort, books in turn),
  // then each conversation's sorted on its own, in cache (ties broken on every field, so the
  // order does not depend on which worker read which file). Counters take consecutive
  // conversations of about equal numbers of replies, each sorted and resolved on its thread.
  if (books.empty() || out.empty()) return {};
  size_t conversations = 0, nstarters = 0, nreplies = 0;
  for (const ThreadBook& b : books) {
    for (const Starter& s : b.starters_)
      conversations = std::max<size_t>(conversations, s.conversation + 1);
    for (const ReplyRow& r : b.replies_)
      conversations = std::max<size_t>(conversations, r.conversation + 1);
    nstarters += b.starters_.size();
    nreplies += b.replies_.size();
  }
  std::vector<size_t> sat(conversations + 1, 0), rat(conversations + 1, 0);
  for (const ThreadBook& b : books) {
    for (const Starter& s : b.starters_) ++sat[s.conversation + 1];
    for (const ReplyRow& r : b.replies_) ++rat[r.conversation + 1];
  }
  for (size_t c = 0; c < conversations; ++c) sat[c + 1] += sat[c], rat[c + 1] += rat[c];
  const std::vector<size_t> sbegin = sat, rbegin = rat;
  std::vector<Starter> starters(nstarters);
  std::vector<ReplyRow> replies(nreplies);
  for (ThreadBook& b : books) {
    for (const Starter& s : b.starters_) starters[sat[s.conversation]++] = s;
    for (const ReplyRow& r : b.replies_) replies[rat[r.conversation]++] = r;
    b.Clear();
  }
  books[0].starters_ = std::move(starters);
  books[0].replies_ = std::move(replies);

  const size_t parts = out.size();
  std::vector<size_t> cut(parts + 1, conversations);  // conversations [cut[t], cut[t + 1])
  cut[0] = 0;
  for (size_t t = 1; t < parts; ++t) {
    const auto c = static_cast<size_t>(
        std::lower_bound(rbegin.begin(), rbegin.end() - 1, nreplies * t / parts) - rbegin.begin());
    cut[t] = std::clamp(c, cut[t - 1], conversations);
  }
  std::vector<Resolution> res(parts);
  OnThreads(static_cast<int>(parts), [&](int t) {
    res[t] = books[0].SortAndResolve(sbegin, rbegin, cut[t], cut[t + 1], out[t], max_participants);
  });
  Resolution total;
  for (const Resolution& r : res) {
    total.replies += r.replies;
    total.replies_without_starter += r.replies_without_starter;
    total.threads += r.threads;
    total.large_threads += r.large_threads;
  }
  return total;
}

// Conversations [first, last): each one's starters and replies sorted, then its threads turned
// into edges.
ThreadBook::Resolution ThreadBook::SortAndResolve(const std::vector<size_t>& sbegin,
                                                  const std::vector<size_t>& rbegin, size_t first,
                                                  size_t last, EdgeCounter& out,
                                                  size_t max_participants) {
  auto starter_less = [](const Starter& a, const Starter& b) {
    return std::tie(a.thread, a.day, a.author) < std::tie(b.thread, b.day, b.author);
  };
  auto reply_less = [](const ReplyRow& a, const ReplyRow& b) {
    return std::tie(a.thread, a.day, a.author, a.parent_author) <
           std::tie(b.thread, b.day, b.author, b.parent_author);
  };
  for (size_t c = first; c < last; ++c) {
    std::sort(starters_.begin() + sbegin[c], starters_.begin() + sbegin[c + 1], starter_less);
    std::sort(replies_.begin() + rbegin[c], replies_.begin() + rbegin[c + 1], reply_less);
  }
  // Room for every edge the threads could imply (each reply one, a thread of r replies at most
  // (r + 1) r co-participation edges): address space, touched only where written.
  const size_t r0 = rbegin[first], r1 = rbegin[last];
  size_t edges = r1 - r0;
  for (size_t i = r0; i < r1;) {
    size_t j = i + 1;
    while (j < r1 && replies_[j].thread == replies_[i].thread &&
           replies_[j].conversation == replies_[i].conversation) {
      ++j;
    }
    const size_t p = std::min(j - i + 1, max_participants);
    edges += p * (p - 1);
    i = j;
  }
  out.Reserve(edges);

  Resolution res;
  std::vector<uint32_t> participants;
  for (size_t c = first; c < last; ++c) {
    size_t s = sbegin[c];
    const size_t s_end = sbegin[c + 1], r_end = rbegin[c + 1];
    for (size_t i = rbegin[c]; i < r_end;) {
      const int64_t thread = replies_[i].thread;
      size_t j = i;
      while (j < r_end && replies_[j].thread == thread) ++j;
      while (s < s_end && starters_[s].thread < thread) ++s;
      const Starter* starter = s < s_end && starters_[s].thread == thread ? &starters_[s] : nullptr;
      participants.clear();
      uint32_t starter_author = starter ? starter->author : kNoPerson;
      const int32_t thread_day = starter ? starter->day : replies_[i].day;
      for (size_t r = i; r < j; ++r) {
        const ReplyRow& reply = replies_[r];
        if (starter_author == kNoPerson && reply.parent_author != kNoPerson) {
          starter_author = reply.parent_author;
        }
        const uint32_t to = reply.parent_author != kNoPerson ? reply.parent_author : starter_author;
        if (reply.author != kNoPerson) {
          if (to == kNoPerson) {
            ++res.replies_without_starter;
          } else if (to != reply.author) {
            out.Add(reply.author, to, graph::Layer::kReply, reply.day, reply.conversation);
            ++res.replies;
          }
          participants.push_back(reply.author);
        }
      }
      if (starter_author != kNoPerson) participants.push_back(starter_author);
      std::sort(participants.begin(), participants.end());
      participants.erase(std::unique(participants.begin(), participants.end()), participants.end());
      const size_t p = participants.size();
      if (p > max_participants) {
        ++res.large_threads;
      } else if (p >= 2) {
        ++res.threads;
        for (uint32_t a : participants) {
          for (uint32_t b : participants) {
            if (a != b) out.Add(a, b, graph::Layer::kThread, thread_day, static_cast<uint32_t>(c));
          }
        }
      }
      i = j;
    }
  }
  return res;
}

void PlatformIdIndex::Grow() {
  std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.tag == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].tag != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool PlatformIdIndex::Insert(std::string_view id, uint32_t person) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const Key k = KeyOf(id);
  Slot& s = slots_[Locate(k, id)];
  if (s.tag != 0) return false;
  s.hash = k.hash;
  s.tag = k.tag;
  if (k.tag <= 17) {
    s.a = k.a;
    s.b = k.b;
  } else {
    s.a = long_ids_.size();
    long_ids_.emplace_back(id);
  }
  s.person = person;
  ++size_;
  return true;
}

Identities ResolveIdentities(
    const std::vector<PlatformUser>& users, const IdentitySources& sources,
    const std::function<std::string(std::string_view, std::string_view)>& pseudonymise) {
  Identities out;
  auto& rep = out.report;
  std::unordered_map<int64_t, uint32_t> dense;  // PersonId → person index
  auto index_of = [&](PersonId p) {
    auto [it, added] = dense.emplace(p.value, static_cast<uint32_t>(out.people.size()));
    if (added) out.people.push_back(p);
    return it->second;
  };
  auto as_stored = [&](std::string_view kind, std::string value) {
    return pseudonymise ? pseudonymise(kind, value) : value;
  };
  for (const auto& u : users) {
    if (out.Listed(u.id)) continue;  // listed twice: the first wins
    ++rep.users;
    uint32_t person = kNoPerson;
    if (u.bot) {
      ++rep.bots;
    } else {
      if (auto m = sources.mapping.find(u.id); m != sources.mapping.end()) {
        auto p = sources.by_employee_id.find(as_stored("employee", m->second));
        if (p != sources.by_employee_id.end()) {
          person = index_of(p->second);
          ++rep.matched_by_mapping;
        } else {
          ++rep.mapping_unknown_employee;
        }
      }
      if (person == kNoPerson && !sources.linked.empty()) {
        if (auto l = sources.linked.find(as_stored("account", u.id)); l != sources.linked.end()) {
          person = index_of(l->second);
          ++rep.matched_by_link;
        }
      }
      if (person == kNoPerson && !u.email.empty()) {
        auto p = sources.by_email.find(as_stored("email", AsciiLower(Trim(u.email))));
        if (p != sources.by_email.end()) {
          person = index_of(p->second);
          ++rep.matched_by_email;
        }
      }
      if (person == kNoPerson) {
        ++rep.unmatched;
        rep.unmatched_ids.push_back(u.id);
        rep.unmatched_names.push_back(u.name);
      }
    }
    out.accounts.Insert(u.id, person);
  }
  if (pseudonymise && !sources.linked.empty()) {
    for (const auto& [key, person] : sources.linked) {
      out.linked_by_pseudonym.emplace(key, index_of(person));
    }
    out.pseudonym = [pseudonymise](std::string_view id) { return pseudonymise("account", id); };
  }
  return out;
}

Result<std::unordered_map<std::string, std::string>> ParseIdMapping(std::string_view text,
                                                                    int64_t* blank) {
  if (blank != nullptr) *blank = 0;
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.Next(rec)) {
    if (!reader.status().ok()) return InvalidArgument("mapping: " + reader.status().message());
    return InvalidArgument("mapping: the file is empty; its header must name the columns");
  }
  int platform = -1, employee = -1;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string name = AsciiLower(Trim(rec.fields[i]));
    if (name == "employee_id" || name == "employee_number") employee = static_cast<int>(i);
    if (name == "slack_id" || name == "slack_user_id" || name == "teams_id" ||
        name == "aad_object_id" || name == "user_id" || name == "platform_id") {
      platform = static_cast<int>(i);
    }
  }
  if (platform < 0 || employee < 0) {
    return InvalidArgument(
        "mapping: line 1: the header must name a platform id column (slack_id, teams_id, "
        "aad_object_id, user_id or platform_id) and employee_id");
  }
  const size_t columns = rec.fields.size();
  std::unordered_map<std::string, std::string> out;
  while (reader.Next(rec)) {
    auto where = "mapping: line " + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != columns) {
      return InvalidArgument(where + "has " + std::to_string(rec.fields.size()) +
                             " fields, the header has " + std::to_string(columns));
    }
    std::string id(Trim(rec.fields[platform])), emp(Trim(rec.fields[employee]));
    if (id.empty()) return InvalidArgument(where + "the account id is empty");
    if (emp.empty()) {  // left blank: not mapped
      if (blank != nullptr) ++*blank;
      continue;
    }
    auto [it, added] = out.emplace(id, emp);
    if (!added && it->second != emp) {
      return InvalidArgument(where + "account '" + id.substr(0, 64) +
                             "' is mapped to two employees ('" + it->second + "' and '" + emp +
                             "')");
    }
  }
  if (!reader.status().ok()) return InvalidArgument("mapping: " + reader.status().message());
  return out;
}

}  // namespace pl::ingest
