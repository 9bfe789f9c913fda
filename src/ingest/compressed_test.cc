#include "ingest/compressed.h"

#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <functional>
#include <map>
#include <string>

namespace pl::ingest {
namespace {

std::string Gzip(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string Bzip2(const std::string& text) {
  std::string out(text.size() + text.size() / 100 + 700, '\0');
  auto n = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &n, const_cast<char*>(text.data()),
                                     static_cast<unsigned>(text.size()), 9, 0, 0),
            BZ_OK);
  out.resize(n);
  return out;
}

std::string Xz(const std::string& text) {
  std::string out(lzma_stream_buffer_bound(text.size()), '\0');
  size_t n = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const uint8_t*>(text.data()), text.size(),
                                    reinterpret_cast<uint8_t*>(out.data()), &n, out.size()),
            LZMA_OK);
  out.resize(n);
  return out;
}

const std::map<std::string, std::function<std::string(const std::string&)>> kFormats = {
    {"gzip", Gzip}, {"zstd", Zstd}, {"bzip2", Bzip2}, {"xz", Xz}};

// Each format is told from its bytes and read whole, concatenated streams too (gzip -c a b,
// pbzip2, zstd's frames, xz's streams); a cut stream is refused naming the format, and so is one
// expanding past the limit (by one byte). Other bytes pass through.
TEST(CompressedTest, EachFormatReadWholeAndBounded) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
  for (const auto& [name, pack] : kFormats) {
    const std::string packed = pack(text);
    EXPECT_STREQ(CompressionOf(packed), name.c_str());
    auto out = Decompressed(packed, 1 << 20);
    ASSERT_TRUE(out.ok()) << name << ": " << out.status().message();
    EXPECT_EQ(*out, text) << name;
    auto two = Decompressed(pack("1 2\n") + pack("2 3\n"), 1 << 20);
    ASSERT_TRUE(two.ok()) << name << ": " << two.status().message();
    EXPECT_EQ(*two, "1 2\n2 3\n") << name;
    std::string cut = packed.substr(0, packed.size() / 2);
    auto damaged = Decompressed(cut, 1 << 20);
    ASSERT_FALSE(damaged.ok()) << name;
    EXPECT_EQ(damaged.status().code(), StatusCode::kInvalidArgument) << name;
    EXPECT_NE(damaged.status().message().find("the " + name + " data is damaged"),
              std::string::npos)
        << damaged.status().message();
    auto bomb = Decompressed(pack(std::string(4 << 20, '0')), 1 << 20);
    ASSERT_FALSE(bomb.ok()) << name;
    EXPECT_EQ(bomb.status().code(), StatusCode::kResourceExhausted) << name;
    EXPECT_TRUE(Decompressed(packed, text.size()).ok()) << name;
    EXPECT_FALSE(Decompressed(packed, text.size() - 1).ok()) << name;
  }
  EXPECT_EQ(CompressionOf("1 2\n"), nullptr);
  EXPECT_EQ(CompressionOf("BZh"), nullptr);  // too short to be bzip2
  EXPECT_EQ(*Decompressed("1 2\n", 10), "1 2\n");
}

// A ustar header for a file of that name (with `prefix`, ustar's directory part) and size.
std::string TarHeader(const std::string& name, size_t size, char type = '0',
                      const std::string& prefix = "") {
  std::string h(512, '\0');
  h.replace(0, name.size(), name);
  char octal[13];
  std::snprintf(octal, sizeof octal, "%011zo", size);
  h.replace(124, 11, octal);
  h[156] = type;
  h.replace(257, 6, std::string("ustar\0", 6));
  h.replace(263, 2, "00");
  h.replace(345, prefix.size(), prefix);
  return h;
}

std::string TarFile(const std::string& name, const std::string& data, char type = '0',
                    const std::string& prefix = "") {
  std::string out = TarHeader(name, data.size(), type, prefix) + data;
  out.resize((out.size() + 511) / 512 * 512, '\0');
  return out;
}

const std::string kEnd(1024, '\0');

// KONECT's download: a directory of README.NAME, meta.NAME and out.NAME; the network file is
// out.NAME. A GNU long name and a pax path name the file after them; a ustar prefix is its
// directory.
TEST(CompressedTest, TheNetworkFileInATar) {
  const std::string konect = TarFile("moreno/", "", '5') +
                             TarFile("moreno/README.moreno", "About the network.\n") +
                             TarFile("moreno/meta.moreno", "name: Moreno\n") +
                             TarFile("moreno/out.moreno", "% sym unweighted\n1 2\n2 3\n") + kEnd;
  ASSERT_TRUE(LooksLikeTar(konect));
  std::string member;
  auto out = OneNetworkFileInTar(konect, 1 << 20, member);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "% sym unweighted\n1 2\n2 3\n");
  EXPECT_EQ(member, "moreno/out.moreno");

  const std::string long_name(150, 'x');
  const std::string gnu =
      TarFile("././@LongLink", long_name + '\0', 'L') + TarFile("short", "a b\n") + kEnd;
  ASSERT_TRUE(OneNetworkFileInTar(gnu, 1 << 20, member).ok());
  EXPECT_EQ(member, long_name);
  const std::string record = "path=dir/" + long_name + "\n";
  const std::string len = std::to_string(record.size() + 4);  // "NNN " and the record
  const std::string pax =
      TarFile("PaxHeader", len + " " + record, 'x') + TarFile("short", "a b\n") + kEnd;
  ASSERT_TRUE(OneNetworkFileInTar(pax, 1 << 20, member).ok());
  EXPECT_EQ(member, "dir/" + long_name);
  const std::string prefixed = TarFile("edges.txt", "a b\n", '0', "some/dir") + kEnd;
  ASSERT_TRUE(OneNetworkFileInTar(prefixed, 1 << 20, member).ok());
  EXPECT_EQ(member, "some/dir/edges.txt");
}

TEST(CompressedTest, TarFaultsAreNamed) {
  std::string member;
  auto fault = [&](const std::string& tar, size_t most = 1 << 20) {
    auto r = OneNetworkFileInTar(tar, most, member);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(fault(TarFile("README", "x") + kEnd), "the tar archive holds no network file");
  EXPECT_EQ(fault(TarFile("a.txt", "1 2\n") + TarFile("b.txt", "1 2\n") + kEnd),
            "the tar archive holds 2 files ('a.txt', 'b.txt'): unpack it and name the one to "
            "analyse");
  std::string past = TarFile("a.txt", std::string(600, 'x'));
  past.resize(700);
  EXPECT_EQ(fault(past), "the tar archive's entry at byte 0 runs past its end");
  std::string bad = TarFile("a.txt", "1 2\n") + kEnd;
  bad.replace(124, 3, "9x9");
  EXPECT_EQ(fault(bad), "the tar archive's entry at byte 0 has a malformed header");
  EXPECT_EQ(fault(TarFile("a.txt", std::string(100, 'x')) + kEnd, 99),
            "the tar archive's 'a.txt' is larger than 99 bytes");
  EXPECT_FALSE(LooksLikeTar("1 2\n"));
}

TEST(CompressedTest, BesideTheNetwork) {
  for (const char* name : {"README", "x/readme.txt", "LICENSE.md", "x/meta.moreno", "ent.x.name",
                           "__MACOSX/._a.mtx", "a/.DS_Store", "about.html", "paper.pdf"}) {
    EXPECT_TRUE(BesideTheNetwork(name)) << name;
  }
  for (const char* name : {"out.moreno", "x/edges.csv", "a.mtx", "metadata.csv"}) {
    EXPECT_FALSE(BesideTheNetwork(name)) << name;
  }
}

}  // namespace
}  // namespace pl::ingest
