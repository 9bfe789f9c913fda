// The zip reader (ingest/internal/zip.h) through OpenArchive: what zip tools write is read,
// ZIP64 and old names included, and every fault is refused with a message that names it.
#include <gtest/gtest.h>
#include <libdeflate.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "ingest/archive.h"
#include "testing/mangle.h"
#include "testing/test_backends.h"
#include "testing/zip_writer.h"

namespace pl::ingest {
namespace {

void Put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>(v >> 8 & 0xFF);
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, v & 0xFFFF);
  Put16(s, v >> 16);
}
void Put64(std::string& s, uint64_t v) {
  Put32(s, static_cast<uint32_t>(v));
  Put32(s, static_cast<uint32_t>(v >> 32));
}

uint32_t Crc(const std::string& s) { return libdeflate_crc32(0, s.data(), s.size()); }

// A zip built byte by byte, for what libzip will not write: ZIP64 fields on small members,
// names in CP437, Unicode path fields, other methods, overlapping members.
struct RawMember {
  std::string name;  // as stored
  std::string data;  // uncompressed
  bool deflate = false;
  uint16_t method = 0xFFFF;  // 0xFFFF: 8 if deflate, else 0
  uint16_t flags = 0;
  bool zip64 = false;        // sizes and offset all ones, the values in a ZIP64 field
  std::string unicode_name;  // an Info-ZIP Unicode path field, if not empty
  std::string local_extra;   // extra bytes in the local header only
  int64_t offset_shift = 0;  // added to the directory's offset (to make members overlap)
};

std::string BuildZip(const std::vector<RawMember>& members, bool zip64_end = false,
                     uint16_t disk = 0) {
  std::string out, dir;
  for (const RawMember& m : members) {
    std::string stored = m.data;
    if (m.deflate) {
      auto* c = libdeflate_alloc_compressor(6);
      stored.resize(libdeflate_deflate_compress_bound(c, m.data.size()));
      stored.resize(libdeflate_deflate_compress(c, m.data.data(), m.data.size(), stored.data(),
                                                stored.size()));
      libdeflate_free_compressor(c);
    }
    const uint16_t method = m.method != 0xFFFF ? m.method : m.deflate ? 8 : 0;
    const uint64_t offset = out.size();
    std::string extra;
    if (m.zip64) {
      Put16(extra, 1);
      Put16(extra, 24);
      Put64(extra, m.data.size());
      Put64(extra, stored.size());
      Put64(extra, offset + m.offset_shift);
    }
    if (!m.unicode_name.empty()) {
      Put16(extra, 0x7075);
      Put16(extra, static_cast<uint32_t>(5 + m.unicode_name.size()));
      extra += '\x01';
      Put32(extra, Crc(m.name));
      extra += m.unicode_name;
    }
    const uint32_t size32 = m.zip64 ? UINT32_MAX : static_cast<uint32_t>(m.data.size());
    const uint32_t comp32 = m.zip64 ? UINT32_MAX : static_cast<uint32_t>(stored.size());
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, m.flags);
    Put16(out, method);
    Put32(out, 0);
    Put32(out, Crc(m.data));
    Put32(out, comp32);
    Put32(out, size32);
    Put16(out, static_cast<uint32_t>(m.name.size()));
    Put16(out, static_cast<uint32_t>(extra.size() + m.local_extra.size()));
    out += m.name + extra + m.local_extra + stored;
    Put32(dir, 0x02014b50);
    Put16(dir, 3 << 8 | 20);
    Put16(dir, 20);
    Put16(dir, m.flags);
    Put16(dir, method);
    Put32(dir, 0);
    Put32(dir, Crc(m.data));
    Put32(dir, comp32);
    Put32(dir, size32);
    Put16(dir, static_cast<uint32_t>(m.name.size()));
    Put16(dir, static_cast<uint32_t>(extra.size()));
    Put16(dir, 0);
    Put16(dir, 0);
    Put16(dir, 0);
    Put32(dir, 0100644u << 16);
    Put32(dir, m.zip64 ? UINT32_MAX : static_cast<uint32_t>(offset + m.offset_shift));
    dir += m.name + extra;
  }
  const uint64_t dir_at = out.size();
  out += dir;
  if (zip64_end) {
    const uint64_t end64_at = out.size();
    Put32(out, 0x06064b50);
    Put64(out, 44);
    Put16(out, 45);
    Put16(out, 45);
    Put32(out, disk);
    Put32(out, disk);
    Put64(out, members.size());
    Put64(out, members.size());
    Put64(out, dir.size());
    Put64(out, dir_at);
    Put32(out, 0x07064b50);
    Put32(out, 0);
    Put64(out, end64_at);
    Put32(out, 1);
  }
  Put32(out, 0x06054b50);
  Put16(out, zip64_end ? 0xFFFF : disk);
  Put16(out, zip64_end ? 0xFFFF : disk);
  Put16(out, zip64_end ? 0xFFFF : static_cast<uint32_t>(members.size()));
  Put16(out, zip64_end ? 0xFFFF : static_cast<uint32_t>(members.size()));
  Put32(out, zip64_end ? UINT32_MAX : static_cast<uint32_t>(dir.size()));
  Put32(out, zip64_end ? UINT32_MAX : static_cast<uint32_t>(dir_at));
  Put16(out, 0);
  return out;
}

std::string Write(const std::string& bytes) {
  static int n = 0;
  static const std::string dir = pl::testing::MakeTempDir();
  const std::string path = dir + "/z" + std::to_string(n++) + ".zip";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Every entry's name and bytes, read in the archive's reading order; or the first error.
Result<std::vector<std::pair<std::string, std::string>>> ReadEverything(const std::string& path) {
  ASSIGN_OR_RETURN(auto a, OpenArchive(path, {}));
  ASSIGN_OR_RETURN(auto r, a->NewReader());
  std::vector<size_t> all(a->entries().size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<std::pair<std::string, std::string>> out;
  std::string bytes;
  for (size_t i : a->ReadingOrder(all)) {
    RETURN_IF_ERROR(r->Read(i, bytes, 64));
    EXPECT_GE(bytes.capacity(), bytes.size() + 64);
    out.push_back({a->entries()[i].name, bytes});
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Text(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < n) s += "{\"user\":\"U" + std::to_string(rng() % 5000) + "\",\"ts\":\"1\"},";
  s.resize(n);
  return s;
}

// libzip's zips (deflated): stored in the order added, which is not the names' order; one member
// larger than what is read ahead at once, one empty, a folder entry; read in the stored order,
// each reader reading ahead, every byte as written.
TEST(ZipTest, WhatLibzipWritesIsReadWhole) {
  std::vector<pl::testing::ZipEntry> entries;
  for (int i = 40; i-- > 0;) {
    entries.push_back({"c" + std::to_string(i % 3) + "/2026-01-" + std::to_string(10 + i) + ".json",
                       Text(100 + 997 * i, i)});
  }
  entries.push_back({"big.json", Text(3 << 20, 7)});
  entries.push_back({"empty.json", ""});
  const std::string path = pl::testing::MakeTempDir() + "/tool.zip";
  ASSERT_TRUE(pl::testing::WriteZip(path, entries));
  auto got = ReadEverything(path);
  ASSERT_TRUE(got.ok()) << got.status().message();
  std::vector<std::pair<std::string, std::string>> want;
  for (const auto& e : entries) want.push_back({e.name, e.bytes});
  std::sort(want.begin(), want.end());
  EXPECT_EQ(*got, want);
  // The reading order is the stored order: the reverse of the names' here.
  auto a = OpenArchive(path, {});
  ASSERT_TRUE(a.ok());
  std::vector<size_t> by_name(40);
  for (size_t i = 0; i < by_name.size(); ++i) {
    by_name[i] = static_cast<size_t>(
        std::find_if((*a)->entries().begin(), (*a)->entries().end(),
                     [&](const ArchiveEntry& e) { return e.name == entries[i].name; }) -
        (*a)->entries().begin());
  }
  std::vector<size_t> shuffled = by_name;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  EXPECT_EQ((*a)->ReadingOrder(shuffled), by_name);
}

// More than 65,535 members: the count is only in the ZIP64 end record libzip then writes.
TEST(ZipTest, OverSixtyFiveThousandMembers) {
  std::vector<pl::testing::ZipEntry> entries;
  for (int i = 0; i < 65'600; ++i) entries.push_back({"d/" + std::to_string(i), "x"});
  const std::string path = pl::testing::MakeTempDir() + "/many.zip";
  ASSERT_TRUE(pl::testing::WriteZip(path, entries));
  auto a = OpenArchive(path, {});
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ((*a)->entries().size(), 65'600u);
  auto over = OpenArchive(path, {.max_entries = 65'599});
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(over.status().message().find("has 65600 entries, over the limit of 65599"),
            std::string::npos)
      << over.status().message();
}

// ZIP64 fields on every member and a ZIP64 end record; names in CP437 (no UTF-8 flag, not valid
// UTF-8), in UTF-8, and in a Unicode path field; a local header with more extra bytes than the
// directory's; a stored and a deflated member.
TEST(ZipTest, Zip64AndOldNames) {
  const std::string body = Text(5000, 1);
  std::vector<RawMember> members = {
      {.name = "gr\x81n.json", .data = "[1]", .zip64 = true},
      {.name = "caf\xc3\xa9.json", .data = body, .deflate = true, .flags = 0x800, .zip64 = true},
      {.name = "old.json", .data = "[2]", .unicode_name = "\xe6\x97\xa5\xe6\x9c\xac.json"},
      {.name = "pad.json", .data = body, .deflate = true, .local_extra = std::string(300, '\0')},
  };
  auto got = ReadEverything(Write(BuildZip(members, /*zip64_end=*/true)));
  ASSERT_TRUE(got.ok()) << got.status().message();
  const std::vector<std::pair<std::string, std::string>> want = {
      {"caf\xc3\xa9.json", body},
      {"gr\xc3\xbcn.json", "[1]"},
      {"pad.json", body},
      {"\xe6\x97\xa5\xe6\x9c\xac.json", "[2]"}};
  EXPECT_EQ(*got, want);
}

// Each fault a zip can have, refused with InvalidArgument naming it (when opened, or when the
// member is read).
TEST(ZipTest, FaultsAreNamed) {
  const std::string body = Text(3000, 2);
  auto one = [&](RawMember m) { return BuildZip({std::move(m)}); };
  const RawMember good{.name = "a.json", .data = body, .deflate = true};
  struct Case {
    std::string bytes;
    std::string words;
  };
  std::vector<Case> cases;
  {
    const std::string z = BuildZip({good});
    cases.push_back({z.substr(0, z.size() - 10), "no end-of-directory record"});
  }
  cases.push_back({std::string("PK\x03\x04", 4) + "short", "too short to be a zip"});
  cases.push_back({BuildZip({good}, false, 1), "split over several files"});
  cases.push_back({BuildZip({good}, true, 2), "split over several files"});
  {
    RawMember m = good;
    m.method = 12;  // bzip2
    cases.push_back({one(m), "compressed with method 12"});
  }
  {
    RawMember m = good;
    m.flags = 1;
    cases.push_back({one(m), "'a.json' is encrypted"});
  }
  {
    RawMember a = good, b = good;
    b.name = "b.json";
    b.offset_shift = -static_cast<int64_t>(BuildZip({a}).find("PK\x01\x02"));  // b's at a's
    cases.push_back({BuildZip({a, b}), "overlap (a zip bomb?)"});
  }
  {  // the data changed after it was written
    std::string z = BuildZip({{.name = "a.json", .data = body}});
    z[40] ^= 1;
    cases.push_back({z, "CRC-32 does not match"});
  }
  {  // compressed bytes that are not deflate
    std::string z = one(good);
    for (size_t i = 36; i < 60; ++i) z[i] = '\xff';
    cases.push_back({z, "compressed data is damaged"});
  }
  {  // the directory declares more, then fewer, bytes than the member holds
    std::string z = one(good);
    const size_t at = z.find("PK\x01\x02") + 24;
    std::string more = z, fewer = z;
    more[at] = static_cast<char>(more[at] + 1);
    fewer[at] = static_cast<char>(fewer[at] - 1);
    cases.push_back({more, "holds 3000 bytes, not the 3001 bytes its header declares"});
    cases.push_back({fewer, "holds more than the 2999 bytes its header declares"});
  }
  {  // the local header names another member
    std::string z = one(good);
    z[30] = 'x';
    cases.push_back({z, "local header names another member"});
  }
  {  // no local header where the directory says (the second member's)
    RawMember b = good;
    b.name = "b.json";
    std::string z = BuildZip({good, b});
    const size_t second = z.find("PK\x03\x04", 4);
    z[second] = 'Q';
    cases.push_back({z, "no local header at offset " + std::to_string(second)});
  }
  {  // a directory entry cut short, and one whose name runs past the directory
    std::string z = one(good);
    const size_t dir = z.find("PK\x01\x02");
    std::string cut = z, long_name = z;
    cut[dir] = 'Q';
    long_name[dir + 28] = '\x7f';
    cases.push_back({cut, "directory is damaged at entry 0: no entry header"});
    cases.push_back({long_name, "damaged at entry 0: it runs past the directory's end"});
  }
  {  // a member said to lie past the directory's start
    std::string z = one(good);
    const size_t at = z.find("PK\x01\x02") + 42;
    z[at] = '\x01';
    cases.push_back({z, "its data lies past the start of the directory"});
  }
  {  // a ZIP64 field too short for the sizes it must hold
    RawMember m = good;
    m.zip64 = true;
    std::string z = BuildZip({m});
    const size_t dir = z.find("PK\x01\x02");
    z[dir + 46 + 6 + 2] = 8;  // the field's length: 8 of its 24 bytes
    cases.push_back({z, "ZIP64 field is too short"});
  }
  for (const Case& c : cases) {
    auto got = ReadEverything(Write(c.bytes));
    ASSERT_FALSE(got.ok()) << c.words;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument) << got.status().message();
    EXPECT_NE(got.status().message().find(c.words), std::string::npos)
        << c.words << " | " << got.status().message();
  }
}

// Copies of good zips with bytes changed, cut, repeated or inserted: each is read whole or
// refused with InvalidArgument (or ResourceExhausted: a limit) and a message, never more.
TEST(ZipTest, MangledZipsAreReadOrRefusedWithAMessage) {
  std::vector<std::string> good;
  good.push_back(
      BuildZip({{.name = "a/1.json", .data = Text(2000, 1), .deflate = true},
                {.name = "a/2.json", .data = "[]"},
                {.name = "b.json", .data = Text(600, 2), .deflate = true, .zip64 = true}},
               true));
  const std::string path = pl::testing::MakeTempDir() + "/lib.zip";
  ASSERT_TRUE(pl::testing::WriteZip(path, {{"u.json", Text(1500, 3)}, {"c/d.json", Text(900, 4)}}));
  {
    std::ifstream in(path, std::ios::binary);
    good.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::mt19937 rng(2026);
  int read = 0, refused = 0;
  for (const std::string& zip : good) {
    for (int round = 0; round < 1500; ++round) {
      std::string m = pl::testing::Mangle(zip, rng, 3, "");
      if (m.size() < 4) m = "PK\x03\x04";
      auto got = ReadEverything(Write(m));
      if (got.ok()) {
        ++read;
      } else {
        ++refused;
        ASSERT_TRUE(got.status().code() == StatusCode::kInvalidArgument ||
                    got.status().code() == StatusCode::kResourceExhausted)
            << got.status().message();
        ASSERT_FALSE(got.status().message().empty());
      }
    }
  }
  EXPECT_GT(read, 0);
  EXPECT_GT(refused, 2000);
}

}  // namespace
}  // namespace pl::ingest
