#include "ingest/conversations.h"

#include <algorithm>
#include <thread>

#include "core/text.h"
#include "ingest/csv.h"

namespace pl::ingest {

namespace {

// Sorts [first, last) by (when, people), sums the counts of equal keys into the first of each,
// and returns the end of the summed run. A run spanning few days for its length (a
// conversation's interactions) is bucketed by day first, with `scratch` as room, so only each
// day's interactions are compared.
template <class Entry>
Entry* SortAndSum(Entry* first, Entry* last, std::vector<Entry>& scratch,
                  std::vector<size_t>& bucket) {
  auto less = [](const Entry& a, const Entry& b) {
    return a.when != b.when ? a.when < b.when : a.people < b.people;
  };
  const size_t n = static_cast<size_t>(last - first);
  if (n < 2) return last;
  uint32_t lo = UINT32_MAX, hi = 0;
  for (Entry* e = first; e != last; ++e)
    lo = std::min(lo, e->when >> 8), hi = std::max(hi, e->when >> 8);
  const size_t days = size_t{hi} - lo + 1;
  if (n < 64 || days > 2 * n) {
    std::sort(first, last, less);
  } else {
    bucket.assign(days + 1, 0);
    for (Entry* e = first; e != last; ++e) ++bucket[(e->when >> 8) - lo + 1];
    for (size_t d = 1; d <= days; ++d) bucket[d] += bucket[d - 1];
    scratch.resize(n);
    for (Entry* e = first; e != last; ++e) scratch[bucket[(e->when >> 8) - lo]++] = *e;
    // bucket[d] is now the end of day d, and the start of day d + 1. A day holds a few dozen
    // interactions: insertion sort below 32, the library's sort above.
    size_t from = 0;
    for (size_t d = 0; d < days; ++d) {
      auto lo_it = scratch.begin() + from, hi_it = scratch.begin() + bucket[d];
      if (hi_it - lo_it > 32) {
        std::sort(lo_it, hi_it, less);
      } else {
        for (auto it = lo_it + (lo_it != hi_it); it < hi_it; ++it) {
          Entry x = *it;
          auto j = it;
          for (; j != lo_it && less(x, *(j - 1)); --j) *j = *(j - 1);
          *j = x;
        }
      }
      from = bucket[d];
    }
    std::copy(scratch.begin(), scratch.begin() + n, first);
  }
  Entry* out = first;
  for (Entry* it = first; it != last;) {
    Entry sum = *it;
    for (++it; it != last && it->when == sum.when && it->people == sum.people; ++it) {
      sum.count += it->count;
    }
    *out++ = sum;
  }
  return out;
}

}  // namespace

void EdgeCounter::Add(uint32_t from, uint32_t to, graph::Layer layer, int32_t day,
                      uint32_t conversation) {
  if (from == to || from == kNoPerson || to == kNoPerson) return;
  entries_.push_back({conversation,
                      (uint32_t(day + (1 << 23)) & 0xFFFFFF) << 8 | static_cast<uint8_t>(layer),
                      uint64_t{from} << 32 | to, 1});
  ++by_layer_[static_cast<size_t>(layer)];
  if (entries_.size() >= sum_at_) SumRepeatsIfLarge();
}

void EdgeCounter::Merge(const EdgeCounter& other) {
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

void EdgeCounter::SumRepeatsIfLarge() {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.conversation < b.conversation; });
  std::vector<Entry> scratch;
  std::vector<size_t> bucket;
  Entry* out = entries_.data();
  Entry* const end = entries_.data() + entries_.size();
  for (Entry* it = entries_.data(); it != end;) {
    Entry* run = it;
    while (run != end && run->conversation == it->conversation) ++run;
    Entry* summed = SortAndSum(it, run, scratch, bucket);
    out = std::move(it, summed, out);
    it = run;
  }
  entries_.resize(static_cast<size_t>(out - entries_.data()));
  sum_at_ = std::max(sum_at_, 2 * entries_.size());
}

std::vector<store::InteractionRecord> EdgeCounter::Records(
    const std::vector<PersonId>& people, const std::vector<std::string>& conversations,
    int threads) {
  // Counting sort by conversation, then each conversation's run on its own: threads take
  // consecutive conversations holding about equal shares of the interactions.
  const size_t nconv = conversations.size();
  std::vector<size_t> start(nconv + 1, 0);
  for (const Entry& e : entries_) ++start[e.conversation + 1];
  for (size_t c = 1; c <= nconv; ++c) start[c] += start[c - 1];
  std::vector<Entry> sorted(entries_.size());
  {
    std::vector<size_t> at(start.begin(), start.end() - 1);
    for (const Entry& e : entries_) sorted[at[e.conversation]++] = e;
  }
  std::vector<Entry>().swap(entries_);
  threads = std::max(1, std::min<int>(threads, static_cast<int>(sorted.size() / 100'000) + 1));
  std::vector<size_t> first_conv(static_cast<size_t>(threads) + 1, nconv);
  first_conv[0] = 0;
  for (int t = 1; t < threads; ++t) {
    const size_t share = sorted.size() * static_cast<size_t>(t) / static_cast<size_t>(threads);
    first_conv[t] =
        static_cast<size_t>(std::lower_bound(start.begin(), start.end(), share) - start.begin());
    first_conv[t] = std::clamp(first_conv[t], first_conv[t - 1], nconv);
  }
  // Two passes on the same threads: sort and sum each conversation's run; then, with every
  // thread's row count known, fill its slice of the rows in place.
  std::vector<Entry*> ends(nconv);
  std::vector<size_t> first_row(static_cast<size_t>(threads) + 1, 0);
  std::vector<store::InteractionRecord> out;
  auto sum_runs = [&](int t) {
    std::vector<Entry> scratch;
    std::vector<size_t> bucket;
    size_t rows = 0;
    for (size_t c = first_conv[t]; c < first_conv[t + 1]; ++c) {
      ends[c] = SortAndSum(sorted.data() + start[c], sorted.data() + start[c + 1], scratch, bucket);
      rows += static_cast<size_t>(ends[c] - (sorted.data() + start[c]));
    }
    first_row[t + 1] = rows;
  };
  auto fill = [&](int t) {
    store::InteractionRecord* r = out.data() + first_row[t];
    for (size_t c = first_conv[t]; c < first_conv[t + 1]; ++c) {
      for (Entry* it = sorted.data() + start[c]; it != ends[c]; ++it, ++r) {
        r->src = people[it->people >> 32];
        r->dst = people[it->people & 0xFFFFFFFF];
        r->layer = static_cast<graph::Layer>(it->when & 0xFF);
        const int64_t day = int64_t(it->when >> 8) - (1 << 23);
        r->ts = Timestamp(std::chrono::microseconds(day * 86'400'000'000LL));
        r->weight = static_cast<double>(it->count);
        r->context = conversations[c];
      }
    }
  };
  auto run = [&](auto&& body) {
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(body, t);
    body(0);
    for (auto& th : pool) th.join();
  };
  run(sum_runs);
  for (int t = 0; t < threads; ++t) first_row[t + 1] += first_row[t];
  out.resize(first_row[threads]);
  run(fill);
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

ThreadBook::Resolution ThreadBook::Resolve(EdgeCounter& out, size_t max_participants) {
  auto key = [](const auto& x) { return std::pair(x.conversation, x.thread); };
  std::sort(starters_.begin(), starters_.end(),
            [&](const Starter& a, const Starter& b) { return key(a) < key(b); });
  std::sort(replies_.begin(), replies_.end(), [&](const ReplyRow& a, const ReplyRow& b) {
    return key(a) != key(b) ? key(a) < key(b) : a.day < b.day;
  });
  // Twice over the threads: counting the edges they imply (so the counter grows once), then
  // adding them.
  Resolution res;
  std::vector<uint32_t> participants;
  size_t edges = 0;
  for (const bool add : {false, true}) {
    if (add) out.Reserve(edges);
    res = Resolution();
    size_t s = 0;
    for (size_t i = 0; i < replies_.size();) {
      size_t j = i;
      while (j < replies_.size() && key(replies_[j]) == key(replies_[i])) ++j;
      while (s < starters_.size() && key(starters_[s]) < key(replies_[i])) ++s;
      const Starter* starter =
          s < starters_.size() && key(starters_[s]) == key(replies_[i]) ? &starters_[s] : nullptr;
      participants.clear();
      uint32_t starter_author = starter ? starter->author : kNoPerson;
      int32_t thread_day = starter ? starter->day : replies_[i].day;
      for (size_t r = i; r < j; ++r) {
        const ReplyRow& reply = replies_[r];
        if (starter_author == kNoPerson && reply.parent_author != kNoPerson) {
          starter_author = reply.parent_author;
        }
        uint32_t to = reply.parent_author != kNoPerson ? reply.parent_author : starter_author;
        if (reply.author != kNoPerson) {
          if (to == kNoPerson) {
            ++res.replies_without_starter;
          } else if (to != reply.author) {
            if (add) out.Add(reply.author, to, graph::Layer::kReply, reply.day, reply.conversation);
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
        edges += p * (p - 1);
        for (uint32_t a : participants) {
          for (uint32_t b : participants) {
            if (add && a != b) {
              out.Add(a, b, graph::Layer::kThread, thread_day, replies_[i].conversation);
            }
          }
        }
      }
      i = j;
    }
    edges += static_cast<size_t>(res.replies);
  }
  return res;
}

uint32_t Identities::Person(std::string_view platform_id) const {
  auto it = user_index.find(platform_id);
  return it == user_index.end() ? kNoPerson : person_of[it->second];
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
    if (out.user_index.count(u.id)) continue;  // listed twice: the first wins
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
      if (person == kNoPerson && !u.email.empty()) {
        auto p = sources.by_email.find(as_stored("email", AsciiLower(Trim(u.email))));
        if (p != sources.by_email.end()) {
          person = index_of(p->second);
          ++rep.matched_by_email;
        }
      }
      if (person == kNoPerson) {
        ++rep.unmatched;
        if (rep.unmatched_ids.size() < 50) rep.unmatched_ids.push_back(u.id);
      }
    }
    out.user_index.emplace(u.id, static_cast<uint32_t>(out.person_of.size()));
    out.person_of.push_back(person);
  }
  return out;
}

Result<std::unordered_map<std::string, std::string>> ParseIdMapping(std::string_view text) {
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
    if (id.empty() || emp.empty()) return InvalidArgument(where + "an id is empty");
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
