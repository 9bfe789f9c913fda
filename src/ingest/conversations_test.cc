// EdgeCounter: repeats summed into one row per (from, to, layer, day, conversation), in order,
// including after the list has been summed part-way (over a million interactions) and across
// several counters sorted together; ThreadBook: several workers' books resolved as one;
// PlatformIdIndex: ids of every length found again.
#include "ingest/conversations.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <tuple>
#include <unordered_map>

namespace pl::ingest {
namespace {

// A batch taken back leaves the rows as they were without it.
TEST(EdgeCounterTest, RollbackTakesBackABatch) {
  const std::vector<PersonId> people = {PersonId(1), PersonId(2), PersonId(3)};
  const std::vector<std::string> conversations = {"c"};
  EdgeCounter with, without;
  for (EdgeCounter* c : {&with, &without}) {
    c->Add(0, 1, graph::Layer::kReply, 5, 0);
    c->Add(1, 2, graph::Layer::kMention, 5, 0);
  }
  const EdgeCounter::Mark m = with.Here();
  with.Add(0, 1, graph::Layer::kReply, 5, 0);
  with.Add(2, 0, graph::Layer::kReaction, 6, 0);
  EXPECT_EQ(with.by_layer()[static_cast<size_t>(graph::Layer::kReply)], 2);
  with.Rollback(m);
  EXPECT_EQ(with.by_layer(), without.by_layer());
  const auto rows = with.Records(people, conversations);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].weight, 1.0);
  EXPECT_EQ(rows[1].dst, PersonId(3));
}

// The same rows in the same order, field by field.
void ExpectSameRows(const std::vector<store::InteractionRecord>& got,
                    const std::vector<store::InteractionRecord>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t k = 0; k < got.size(); ++k) {
    ASSERT_TRUE(got[k].src == want[k].src && got[k].dst == want[k].dst &&
                got[k].layer == want[k].layer && got[k].ts == want[k].ts &&
                got[k].weight == want[k].weight && got[k].context == want[k].context)
        << k;
  }
}

TEST(EdgeCounterTest, RepeatsAreSummedInOrderAcrossPartialSums) {
  const std::vector<PersonId> people = {PersonId(11), PersonId(12), PersonId(13), PersonId(14),
                                        PersonId(15)};
  const std::vector<std::string> conversations = {"slack:C1", "slack:C2", "slack:C3"};
  std::mt19937 rng(5);
  // (conversation, day, layer, from, to) → count, the reference.
  std::map<std::tuple<uint32_t, int32_t, int, uint32_t, uint32_t>, int64_t> expected;
  EdgeCounter a, b;
  const graph::Layer layers[] = {graph::Layer::kReply, graph::Layer::kMention,
                                 graph::Layer::kThread};
  for (int i = 0; i < 1'600'000; ++i) {
    const uint32_t from = rng() % 5, to = rng() % 5, conv = rng() % 3;
    const int32_t day = 20'000 + static_cast<int32_t>(rng() % 40) - (i % 7 == 0 ? 30'000 : 0);
    const graph::Layer layer = layers[rng() % 3];
    (i % 3 == 0 ? b : a).Add(from, to, layer, day, conv);
    if (from != to) ++expected[{conv, day, static_cast<int>(layer), from, to}];
    if (i % 1000 == 999) a.SumIfLarge(), b.SumIfLarge();  // as a worker does after each file
  }
  std::vector<EdgeCounter> parts = {a, b};
  a.Merge(b);
  int64_t total = 0;
  for (auto n : a.by_layer()) total += n;
  int64_t expected_total = 0;
  for (const auto& [k, n] : expected) expected_total += n;
  EXPECT_EQ(total, expected_total);

  const auto records = a.Records(people, conversations);
  // The two counters sorted together, on a thread each, give the same rows in the same order.
  ExpectSameRows(EdgeCounter::Records(parts, people, conversations), records);
  ASSERT_EQ(records.size(), expected.size());
  size_t i = 0;
  for (const auto& [k, n] : expected) {
    const auto& [conv, day, layer, from, to] = k;
    const auto& r = records[i++];
    ASSERT_EQ(r.context, conversations[conv]) << i;
    ASSERT_EQ(r.ts, Timestamp(std::chrono::microseconds(int64_t{day} * 86'400'000'000LL))) << i;
    ASSERT_EQ(static_cast<int>(r.layer), layer) << i;
    ASSERT_EQ(r.src, people[from]) << i;
    ASSERT_EQ(r.dst, people[to]) << i;
    ASSERT_EQ(r.weight, static_cast<double>(n)) << i;
  }
}

}  // namespace
}  // namespace pl::ingest

namespace pl::ingest {
namespace {

// Every id inserted is found with its person, ids never inserted are not, and the first insert
// of an id wins — for ids held in the slot (up to 16 bytes) and longer ones, across growth.
TEST(PlatformIdIndexTest, FindsWhatWasInsertedAtEveryLengthAcrossGrowth) {
  PlatformIdIndex index;
  std::unordered_map<std::string, uint32_t> expected;
  std::mt19937 rng(7);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
  for (uint32_t i = 0; i < 20'000; ++i) {
    std::string id(rng() % 40, 'x');  // lengths 0–39: empty, in the slot, GUID-like
    for (char& c : id) c = alphabet[rng() % alphabet.size()];
    const bool added = index.Insert(id, i);
    EXPECT_EQ(added, expected.emplace(id, i).second) << id;
  }
  EXPECT_EQ(index.size(), expected.size());
  for (const auto& [id, person] : expected) ASSERT_EQ(index.Find(id), person) << id;
  // Near misses: one byte changed, one byte longer or shorter, the same bytes padded with NUL.
  for (const auto& [id, person] : expected) {
    std::string other = id + "Z";
    if (!expected.count(other)) {
      ASSERT_FALSE(index.Find(other).has_value()) << other;
    }
    if (!id.empty()) {
      other = id.substr(0, id.size() - 1);
      if (!expected.count(other)) {
        ASSERT_FALSE(index.Find(other).has_value()) << other;
      }
      other = id;
      other.back() = other.back() == 'A' ? 'B' : 'A';
      if (!expected.count(other)) {
        ASSERT_FALSE(index.Find(other).has_value()) << other;
      }
    }
    other = id + std::string(1, '\0');
    ASSERT_FALSE(index.Find(other).has_value());
  }
  EXPECT_FALSE(PlatformIdIndex().Find("U1").has_value());
}

}  // namespace
}  // namespace pl::ingest

namespace pl::ingest {
namespace {

// A thread's messages may be read by different workers: resolving the books of three workers
// together gives the same edges and counts as one book holding everything, and both give what
// the rules, written out plainly, give.
TEST(ThreadBookTest, BooksOfSeveralWorkersResolveAsOne) {
  // The rules written out plainly: each thread's first starter and its replies in (day, author,
  // parent) order; a reply goes to its parent, else to the starter (the first parent named
  // stands in for a starter never seen); the thread's participants, up to 8, each to each.
  struct Thread {
    std::vector<std::tuple<int32_t, uint32_t>> starters;           // day, author
    std::vector<std::tuple<int32_t, uint32_t, uint32_t>> replies;  // day, author, parent
  };
  std::map<std::pair<uint32_t, int64_t>, Thread> threads;
  std::mt19937 rng(11);
  ThreadBook one;
  std::vector<ThreadBook> three(3);
  for (int i = 0; i < 200'000; ++i) {
    const uint32_t conv = rng() % 7;
    const int64_t thread = rng() % 5'000;
    const uint32_t author = rng() % 40 == 0 ? kNoPerson : rng() % 60;
    const int32_t day =
        20'000 + static_cast<int32_t>(thread / 50) + static_cast<int32_t>(rng() % 3);
    ThreadBook& other = three[rng() % 3];
    if (rng() % 4 == 0) {
      one.Start(conv, thread, author, day);
      other.Start(conv, thread, author, day);
      threads[{conv, thread}].starters.emplace_back(day, author);
    } else {
      const uint32_t parent = rng() % 5 == 0 ? static_cast<uint32_t>(rng() % 60) : kNoPerson;
      one.Reply(conv, thread, author, day, parent);
      other.Reply(conv, thread, author, day, parent);
      threads[{conv, thread}].replies.emplace_back(day, author, parent);
    }
  }
  EdgeCounter reference;
  ThreadBook::Resolution want;
  for (auto& [key, t] : threads) {
    if (t.replies.empty()) continue;
    std::sort(t.starters.begin(), t.starters.end());
    std::sort(t.replies.begin(), t.replies.end());
    uint32_t starter = t.starters.empty() ? kNoPerson : std::get<1>(t.starters[0]);
    const int32_t day = t.starters.empty() ? std::get<0>(t.replies[0]) : std::get<0>(t.starters[0]);
    std::set<uint32_t> participants;
    for (const auto& [reply_day, author, parent] : t.replies) {
      if (starter == kNoPerson && parent != kNoPerson) starter = parent;
      const uint32_t to = parent != kNoPerson ? parent : starter;
      if (author == kNoPerson) continue;
      participants.insert(author);
      if (to == kNoPerson) {
        ++want.replies_without_starter;
      } else if (to != author) {
        reference.Add(author, to, graph::Layer::kReply, reply_day, key.first);
        ++want.replies;
      }
    }
    if (starter != kNoPerson) participants.insert(starter);
    if (participants.size() > 8) {
      ++want.large_threads;
    } else if (participants.size() >= 2) {
      ++want.threads;
      for (uint32_t a : participants) {
        for (uint32_t b : participants) {
          if (a != b) reference.Add(a, b, graph::Layer::kThread, day, key.first);
        }
      }
    }
  }

  EdgeCounter single;
  std::vector<EdgeCounter> counters(3);
  const auto r1 = one.Resolve(single, 8);
  EXPECT_EQ(r1.replies, want.replies);
  EXPECT_EQ(r1.replies_without_starter, want.replies_without_starter);
  EXPECT_EQ(r1.threads, want.threads);
  EXPECT_EQ(r1.large_threads, want.large_threads);
  const auto r3 = ThreadBook::Resolve(three, counters, 8);
  EXPECT_GT(r1.replies, 10'000);
  EXPECT_GT(r1.threads, 1'000);
  EXPECT_GT(r1.large_threads, 0);
  EXPECT_GT(r1.replies_without_starter, 0);
  EXPECT_EQ(r3.replies, r1.replies);
  EXPECT_EQ(r3.replies_without_starter, r1.replies_without_starter);
  EXPECT_EQ(r3.threads, r1.threads);
  EXPECT_EQ(r3.large_threads, r1.large_threads);

  std::vector<PersonId> people;
  for (int p = 0; p < 60; ++p) people.push_back(PersonId(100 + p));
  const std::vector<std::string> conversations = {"c0", "c1", "c2", "c3", "c4", "c5", "c6"};
  const auto rows = single.Records(people, conversations);
  ExpectSameRows(EdgeCounter::Records(counters, people, conversations), rows);
  ExpectSameRows(rows, reference.Records(people, conversations));
}

}  // namespace
}  // namespace pl::ingest
