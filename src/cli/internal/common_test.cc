#include "cli/internal/common.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/test_backends.h"

namespace pl::cli::internal {
namespace {

namespace fs = std::filesystem;

std::string Contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

Status Writes(std::ostream& out, const std::string& text) {
  out << text;
  return OkStatus();
}

// A folder holding out.csv with "old\n" in it.
struct OldFile {
  fs::path dir = testing::MakeTempDir();
  fs::path file = dir / "out.csv";
  OldFile() { Put(file, "old\n"); }
  bool Unchanged() const { return Contents(file) == "old\n" && !fs::exists(dir / "out.csv.part"); }
};

TEST(WriteFileWholeTest, WritesAndLeavesNoPart) {
  OldFile f;
  ASSERT_TRUE(WriteFileWhole(f.file, [](std::ostream& o) { return Writes(o, "new\n"); }).ok());
  EXPECT_EQ(Contents(f.file), "new\n");
  EXPECT_FALSE(fs::exists(f.dir / "out.csv.part"));
}

TEST(WriteFileWholeTest, TheWritersErrorLeavesTheFileAsItWas) {
  OldFile f;
  Status s = WriteFileWhole(f.file, [](std::ostream& o) {
    o << "half";
    return InvalidArgument("the writer gave up");
  });
  EXPECT_EQ(s.message(), "the writer gave up");
  EXPECT_TRUE(f.Unchanged());
}

// A file size limit makes the write itself fail (EFBIG) half way, as a full disk would.
TEST(WriteFileWholeTest, AFailedWriteLeavesTheFileAsItWas) {
  OldFile f;
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  rlimit small = before;
  small.rlim_cur = 64 * 1024;
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  Status s =
      WriteFileWhole(f.file, [](std::ostream& o) { return Writes(o, std::string(1 << 20, 'x')); });
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.message(), "cannot write '" + f.file.string() + "': File too large");
  EXPECT_TRUE(f.Unchanged());
}

TEST(WriteFileWholeTest, ALinkIsFollowedAndKept) {
  const fs::path dir = testing::MakeTempDir();
  Put(dir / "target.csv", "old\n");
  fs::create_symlink("target.csv", dir / "link.csv");
  ASSERT_TRUE(
      WriteFileWhole(dir / "link.csv", [](std::ostream& o) { return Writes(o, "new\n"); }).ok());
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_EQ(Contents(dir / "target.csv"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "target.csv.part"));
}

TEST(WriteFileWholeTest, ALinkToAFileNotMadeYetMakesIt) {
  const fs::path dir = testing::MakeTempDir();
  fs::create_directory(dir / "sub");
  fs::create_symlink("sub/new.csv", dir / "link.csv");
  ASSERT_TRUE(
      WriteFileWhole(dir / "link.csv", [](std::ostream& o) { return Writes(o, "new\n"); }).ok());
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_EQ(Contents(dir / "sub" / "new.csv"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "sub" / "new.csv.part"));
}

TEST(WriteFileWholeTest, ADeviceIsWrittenToAsItIs) {
  ASSERT_TRUE(WriteFileWhole("/dev/null", [](std::ostream& o) { return Writes(o, "x"); }).ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_FALSE(fs::exists("/dev/null.part"));
}

TEST(WriteFileWholeTest, AMissingFolderIsNamed) {
  const fs::path dir = testing::MakeTempDir();
  Status s = WriteFileWhole(dir / "no" / "out.csv", [](std::ostream& o) { return Writes(o, "x"); });
  EXPECT_EQ(s.message(),
            "cannot write '" + (dir / "no" / "out.csv").string() + "': No such file or directory");
}

}  // namespace
}  // namespace pl::cli::internal
