#include "ingest/archive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "testing/test_backends.h"
#include "testing/zip_writer.h"

namespace pl::ingest {
namespace {

namespace fs = std::filesystem;
using pl::testing::WriteZip;

std::string ReadAll(const Archive& a, size_t i) {
  auto r = a.NewReader();
  EXPECT_TRUE(r.ok());
  std::string out;
  EXPECT_TRUE((*r)->Read(i, out).ok());
  return out;
}

TEST(ArchiveTest, SafeNames) {
  for (const char* good : {"users.json", "general/2026-01-01.json", "a b/ç.json"}) {
    EXPECT_TRUE(IsSafeEntryName(good)) << good;
  }
  for (const char* bad : {"", "/etc/passwd", "../x.json", "a/../../x", "a/./b", "a//b", "C:/x",
                          "a\\b", "a/\x01.json", "a/.."}) {
    EXPECT_FALSE(IsSafeEntryName(bad)) << bad;
  }
}

TEST(ArchiveTest, ZipAndFolderListTheSameFilesSorted) {
  std::string dir = pl::testing::MakeTempDir();
  ASSERT_TRUE(WriteZip(dir + "/x.zip", {{"b/2.json", "[2]"}, {"a.json", "[1]"}, {"b/", ""}}));
  auto zip = OpenArchive(dir + "/x.zip", {});
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_EQ((*zip)->kind(), "zip");
  ASSERT_EQ((*zip)->entries().size(), 2u);  // the directory entry is not a file
  EXPECT_EQ((*zip)->entries()[0].name, "a.json");
  EXPECT_EQ((*zip)->entries()[1].name, "b/2.json");
  EXPECT_EQ(ReadAll(**zip, 1), "[2]");

  fs::create_directories(dir + "/f/b");
  std::ofstream(dir + "/f/a.json") << "[1]";
  std::ofstream(dir + "/f/b/2.json") << "[2]";
  fs::create_symlink("/etc/passwd", dir + "/f/b/passwd.json");  // never followed
  auto folder = OpenArchive(dir + "/f", {});
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  ASSERT_EQ((*folder)->entries().size(), 2u);
  EXPECT_EQ((*folder)->entries()[1].name, "b/2.json");
  EXPECT_EQ(ReadAll(**folder, 0), "[1]");
}

// A folder lists its files at every depth, and nothing else: not a link to a file or to a folder
// (inside the export or out of it), not a pipe; an empty folder adds nothing. Sizes are learnt
// when the files are read (-1 until then, where the file system says what an entry is).
TEST(ArchiveTest, AFolderListsItsFilesAndFollowsNoLink) {
  std::string dir = pl::testing::MakeTempDir();
  fs::create_directories(dir + "/f/c/d/e");
  fs::create_directories(dir + "/f/empty");
  fs::create_directories(dir + "/outside");
  std::ofstream(dir + "/f/.hidden.json") << "[]";
  std::ofstream(dir + "/f/c/1.json") << "[1,2,3]";
  std::ofstream(dir + "/f/c/d/e/2.json") << "[22]";
  std::ofstream(dir + "/outside/3.json") << "[3]";
  fs::create_directory_symlink(dir + "/outside", dir + "/f/linked");
  fs::create_directory_symlink(dir + "/f/c", dir + "/f/c/d/loop");
  fs::create_symlink(dir + "/f/c/1.json", dir + "/f/c/again.json");
  ASSERT_EQ(::mkfifo((dir + "/f/c/pipe.json").c_str(), 0600), 0);
  auto folder = OpenArchive(dir + "/f", {});
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  const auto& e = (*folder)->entries();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].name, ".hidden.json");
  EXPECT_EQ(e[1].name, "c/1.json");
  EXPECT_EQ(e[2].name, "c/d/e/2.json");
  for (const ArchiveEntry& entry : e) EXPECT_TRUE(entry.size == -1) << entry.name;
  EXPECT_EQ(ReadAll(**folder, 0), "[]");
  EXPECT_EQ(ReadAll(**folder, 1), "[1,2,3]");
  EXPECT_EQ(ReadAll(**folder, 2), "[22]");
}

// Folders nested more than 64 deep are refused, naming the folder; 64 deep are read.
TEST(ArchiveTest, AFolderNestedTooDeepIsRefused) {
  for (int depth : {64, 65}) {
    std::string dir = pl::testing::MakeTempDir() + "/f", path = dir;
    for (int i = 0; i < depth; ++i) path += "/d";
    fs::create_directories(path);
    std::ofstream(path + "/x.json") << "[]";
    auto folder = OpenArchive(dir, {});
    if (depth == 64) {
      ASSERT_TRUE(folder.ok()) << folder.status().message();
      ASSERT_EQ((*folder)->entries().size(), 1u);
      EXPECT_EQ((*folder)->entries()[0].name.size(), 64 * 2 + 6u);
      continue;
    }
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.status().code(), StatusCode::kResourceExhausted);
    EXPECT_NE(folder.status().message().find("nested more than 64 folders deep"), std::string::npos)
        << folder.status().message();
  }
}

// A folder's file is read as it is when read: one that grew or shrank after the listing is read
// whole, with the room asked for past its end; one swapped for a pipe is refused, not waited on.
TEST(ArchiveTest, AFolderFileIsReadAsItIsWhenRead) {
  std::string dir = pl::testing::MakeTempDir();
  fs::create_directories(dir + "/f/c");
  std::ofstream(dir + "/f/c/1.json") << "[1,2]";
  std::ofstream(dir + "/f/c/2.json") << "[3,4]";
  std::ofstream(dir + "/f/c/3.json") << "[5,6]";
  std::ofstream(dir + "/f/c/4.json") << "[7,8]";
  auto folder = OpenArchive(dir + "/f", {});
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  auto reader = (*folder)->NewReader();
  ASSERT_TRUE(reader.ok());
  std::ofstream(dir + "/f/c/1.json", std::ios::app) << std::string(5000, ' ');
  std::ofstream(dir + "/f/c/2.json") << "[3]";
  fs::remove(dir + "/f/c/4.json");
  ASSERT_EQ(::mkfifo((dir + "/f/c/4.json").c_str(), 0600), 0);
  std::string bytes;
  ASSERT_TRUE((*reader)->Read(0, bytes, 64).ok());
  EXPECT_EQ(bytes, "[1,2]" + std::string(5000, ' '));
  EXPECT_GE(bytes.capacity(), bytes.size() + 64);
  ASSERT_TRUE((*reader)->Read(1, bytes, 64).ok());
  EXPECT_EQ(bytes, "[3]");
  EXPECT_GE(bytes.capacity(), bytes.size() + 64);
  ASSERT_TRUE((*reader)->Read(2, bytes).ok());
  EXPECT_EQ(bytes, "[5,6]");
  Status s = (*reader)->Read(3, bytes);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'c/4.json' is no longer a file"), std::string::npos) << s.message();
}

TEST(ArchiveTest, AFolderEntrySwappedForALinkAfterListingIsNotFollowed) {
  std::string dir = pl::testing::MakeTempDir();
  fs::create_directories(dir + "/f/b");
  std::ofstream(dir + "/f/a.json") << "[1]";
  std::ofstream(dir + "/f/b/2.json") << "[2]";
  std::ofstream(dir + "/secret.json") << "[3]";
  auto folder = OpenArchive(dir + "/f", {});
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  auto reader = (*folder)->NewReader();
  ASSERT_TRUE(reader.ok());
  // The file itself, then the folder it is in, replaced by links out of the export.
  fs::remove(dir + "/f/a.json");
  fs::create_symlink(dir + "/secret.json", dir + "/f/a.json");
  fs::rename(dir + "/f/b", dir + "/f/b.old");
  fs::create_directory_symlink(dir + "/f/b.old", dir + "/f/b");
  std::string bytes;
  for (size_t i : {0, 1}) {
    Status s = (*reader)->Read(i, bytes);
    EXPECT_FALSE(s.ok()) << (*folder)->entries()[i].name;
    EXPECT_NE(s.message().find("cannot open '" + (*folder)->entries()[i].name + "'"),
              std::string::npos)
        << s.message();
  }
}

TEST(ArchiveTest, HostileZipsAreRefusedNamingTheProblem) {
  std::string dir = pl::testing::MakeTempDir();
  struct Case {
    std::vector<pl::testing::ZipEntry> entries;
    ArchiveLimits limits;
    StatusCode code;
    const char* words;
  } cases[] = {
      {{{"users.json", "[]"}, {"../../etc/cron.d/x", "evil"}},
       {},
       StatusCode::kInvalidArgument,
       "'../../etc/cron.d/x' has an unsafe name"},
      {{{"/abs.json", "[]"}}, {}, StatusCode::kInvalidArgument, "unsafe name"},
      {{{"link.json", "/etc/passwd", true}}, {}, StatusCode::kInvalidArgument, "symbolic link"},
      {{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}},
       {.max_entries = 3},
       StatusCode::kResourceExhausted,
       "4 entries, over the limit of 3"},
      {{{"a", std::string(6000, 'x')}, {"b", std::string(6000, 'y')}},
       {.max_total_bytes = 10000},
       StatusCode::kResourceExhausted,
       "more than 10000 bytes"},
      {{{"big", std::string(5000, 'x')}},
       {.max_entry_bytes = 4096},
       StatusCode::kResourceExhausted,
       "over the limit of 4096"},
      // A zip bomb: 4 MiB of zeros deflate to a few KiB.
      {{{"bomb.json", std::string(4 << 20, '\0')}},
       {.max_ratio = 100},
       StatusCode::kResourceExhausted,
       "zip bomb"},
  };
  int n = 0;
  for (const auto& c : cases) {
    std::string path = dir + "/c" + std::to_string(n++) + ".zip";
    ASSERT_TRUE(WriteZip(path, c.entries)) << path;
    auto a = OpenArchive(path, c.limits);
    ASSERT_FALSE(a.ok()) << c.words;
    EXPECT_EQ(a.status().code(), c.code) << a.status().message();
    EXPECT_NE(a.status().message().find(c.words), std::string::npos) << a.status().message();
  }
}

TEST(ArchiveTest, DuplicateNamesAreRefused) {
  // libzip will not write two entries of one name: write "a.json" and "b.json", then rename the
  // second in place (local header and central directory).
  std::string path = pl::testing::MakeTempDir() + "/dup.zip";
  ASSERT_TRUE(WriteZip(path, {{"a.json", "[1]"}, {"b.json", "[2]"}}));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t p; (p = bytes.find("b.json")) != std::string::npos;) bytes[p] = 'a';
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  auto a = OpenArchive(path, {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(a.status().message().find("entry 'a.json' appears twice"), std::string::npos)
      << a.status().message();
}

TEST(ArchiveTest, NotAZipNorAFolder) {
  std::string dir = pl::testing::MakeTempDir();
  std::ofstream(dir + "/x.zip") << "hello";
  EXPECT_EQ(OpenArchive(dir + "/x.zip", {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenArchive(dir + "/nope", {}).status().code(), StatusCode::kNotFound);
  // A truncated zip: the magic is right, the rest is missing.
  std::ofstream(dir + "/t.zip") << std::string("PK\x03\x04", 4) << "garbage";
  auto t = OpenArchive(dir + "/t.zip", {});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("not a readable zip"), std::string::npos);
}

// A folder's file count is checked when it is listed; its sizes as its files are read: one file
// over the per-file limit is refused, and the files read so far over the total, each counted
// once however often it is read.
TEST(ArchiveTest, FolderLimitsApply) {
  std::string dir = pl::testing::MakeTempDir();
  for (int i = 0; i < 5; ++i) std::ofstream(dir + "/" + std::to_string(i) + ".json") << "[]";
  auto a = OpenArchive(dir, {.max_entries = 4});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kResourceExhausted);

  std::string big = pl::testing::MakeTempDir();
  for (int i = 0; i < 3; ++i)
    std::ofstream(big + "/" + std::to_string(i) + ".json") << std::string(5000, ' ');
  auto per_file = OpenArchive(big, {.max_entry_bytes = 4999});
  ASSERT_TRUE(per_file.ok()) << per_file.status().message();
  auto reader = (*per_file)->NewReader();
  ASSERT_TRUE(reader.ok());
  std::string bytes;
  Status s = (*reader)->Read(0, bytes);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("entry '0.json' is 5000 bytes, over the limit of 4999"),
            std::string::npos)
      << s.message();

  auto total = OpenArchive(big, {.max_total_bytes = 14999});
  ASSERT_TRUE(total.ok()) << total.status().message();
  auto r1 = (*total)->NewReader(), r2 = (*total)->NewReader();
  ASSERT_TRUE(r1.ok() && r2.ok());
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE((*r1)->Read(0, bytes).ok());
    ASSERT_TRUE((*r2)->Read(1, bytes).ok());
    ASSERT_TRUE((*r2)->Read(0, bytes).ok());
  }
  s = (*r1)->Read(2, bytes);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("more than 14999 bytes in all"), std::string::npos) << s.message();
  auto enough = OpenArchive(big, {.max_total_bytes = 15000});
  ASSERT_TRUE(enough.ok());
  auto r3 = (*enough)->NewReader();
  ASSERT_TRUE(r3.ok());
  for (size_t i : {0, 1, 2, 2}) EXPECT_TRUE((*r3)->Read(i, bytes).ok()) << i;
}

}  // namespace
}  // namespace pl::ingest
