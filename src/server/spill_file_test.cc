#include "server/spill_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <string>

namespace pl::server {
namespace {

std::string ReadAll(const SpillFile& f) {
  std::string all, buf(1000, '\0');
  for (int64_t got; (got = f.ReadAt(buf.data(), buf.size(), all.size())) > 0;) {
    all.append(buf.data(), static_cast<size_t>(got));
  }
  return all;
}

TEST(SpillFileTest, HoldsWhatWasWrittenPastItsBuffer) {
  std::string text;
  for (int i = 0; text.size() < (3u << 20) + 17; ++i) text += "line " + std::to_string(i) + "\n";
  auto f = SpillFile::Write([&](std::ostream& out) {
    out << text.substr(0, 100);
    out.write(text.data() + 100, static_cast<std::streamsize>(text.size() - 100));
    return OkStatus();
  });
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ((*f)->size(), text.size());
  EXPECT_EQ(ReadAll(**f), text);
  char five[5];
  ASSERT_EQ((*f)->ReadAt(five, 5, 2'000'000), 5);
  EXPECT_EQ(std::string(five, 5), text.substr(2'000'000, 5));
  EXPECT_EQ((*f)->ReadAt(five, 5, text.size()), 0);
}

TEST(SpillFileTest, TheWritersErrorIsTheAnswer) {
  auto f = SpillFile::Write([](std::ostream& out) {
    out << "half";
    return InvalidArgument("no such file in a snapshot");
  });
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), "no such file in a snapshot");
}

// A file size limit makes the writes fail half way (EFBIG), as a full disk would.
TEST(SpillFileTest, AFailedWriteIsNamed) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  rlimit small = before;
  small.rlim_cur = 1 << 20;
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  auto f = SpillFile::Write([](std::ostream& out) {
    out << std::string(3 << 20, 'x');
    return OkStatus();
  });
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(f.status().message().ends_with(": File too large")) << f.status().message();
}

}  // namespace
}  // namespace pl::server
