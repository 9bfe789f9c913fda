#include "server/compression.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/interactions.h"
#include "server/api_fixture.h"

namespace pl::server {
namespace {

std::string Gunzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);  // gzip only
  std::string out(1 << 20, '\0');
  std::string all;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&z, Z_NO_FLUSH);
    all.append(out.data(), out.size() - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&z);
  return all;
}

std::string Unbrotli(const std::string& in, size_t size) {
  std::string out(size, '\0');
  size_t got = out.size();
  EXPECT_EQ(BrotliDecoderDecompress(in.size(), reinterpret_cast<const uint8_t*>(in.data()), &got,
                                    reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(got);
  return out;
}

TEST(CompressionTest, ChoosesWhatTheClientAccepts) {
  EXPECT_EQ(ChooseCoding(""), ContentCoding::kIdentity);
  EXPECT_EQ(ChooseCoding("identity"), ContentCoding::kIdentity);
  EXPECT_EQ(ChooseCoding("deflate"), ContentCoding::kIdentity);
  EXPECT_EQ(ChooseCoding("gzip, deflate"), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip, deflate, br"), ContentCoding::kBrotli);  // Chromium's
  EXPECT_EQ(ChooseCoding("GZip ,  BR"), ContentCoding::kBrotli);
  EXPECT_EQ(ChooseCoding("x-gzip"), ContentCoding::kGzip);
  // Weights: q=0 refuses; the heavier wins; malformed weights count as 1.
  EXPECT_EQ(ChooseCoding("br;q=0, gzip"), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("br; q=0.000, gzip;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(ChooseCoding("br;q=0.4, gzip;q=0.8"), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("br;q=0.8, gzip;q=0.8"), ContentCoding::kBrotli);
  EXPECT_EQ(ChooseCoding("gzip;q=abc"), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip;q="), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip;level=1;q=0"), ContentCoding::kIdentity);
  // "*" for whatever is not named.
  EXPECT_EQ(ChooseCoding("*"), ContentCoding::kBrotli);
  EXPECT_EQ(ChooseCoding("br;q=0, *"), ContentCoding::kGzip);
  EXPECT_EQ(ChooseCoding("*;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(ChooseCoding("*;q=0, gzip"), ContentCoding::kGzip);
  // Nothing else is mistaken for a coding.
  EXPECT_EQ(ChooseCoding("brotli, gzipped, ;;, ,"), ContentCoding::kIdentity);
  EXPECT_EQ(CodingName(ContentCoding::kBrotli), "br");
  EXPECT_EQ(CodingName(ContentCoding::kGzip), "gzip");
  EXPECT_EQ(CodingName(ContentCoding::kIdentity), "");
}

TEST(CompressionTest, RoundTripsAndShrinksJson) {
  std::string body = "{\"edges\":{\"source\":[";
  for (int i = 0; i < 50000; ++i) body += std::to_string(i * 7919 % 10007) + ",";
  body += "0]}}";
  for (Effort effort : {Effort::kFast, Effort::kSmallest}) {
    auto br = Compress(body, ContentCoding::kBrotli, effort);
    ASSERT_TRUE(br.ok());
    EXPECT_LT(br->size(), body.size() / 2);
    EXPECT_EQ(Unbrotli(*br, body.size() + 1), body);
    auto gz = Compress(body, ContentCoding::kGzip, effort);
    ASSERT_TRUE(gz.ok());
    EXPECT_LT(gz->size(), body.size() / 2);
    EXPECT_EQ(Gunzip(*gz), body);
  }
  auto same = Compress(body, ContentCoding::kIdentity, Effort::kFast);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, body);
  // The empty body too.
  auto empty = Compress("", ContentCoding::kGzip, Effort::kFast);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(Gunzip(*empty), "");
  auto empty_br = Compress("", ContentCoding::kBrotli, Effort::kFast);
  ASSERT_TRUE(empty_br.ok());
  EXPECT_EQ(Unbrotli(*empty_br, 1), "");
}

// A spilled body is compressed from its file a megabyte at a time, each coding decoding to it.
TEST(CompressionTest, SpilledBodiesRoundTripAPieceAtATime) {
  std::string text;
  for (int i = 0; text.size() < (3u << 20) + 5; ++i) {
    text += std::to_string(i * 7919 % 100003) + ",person " + std::to_string(i % 977) + "\n";
  }
  auto in = SpillFile::Write([&](std::ostream& out) {
    out << text;
    return OkStatus();
  });
  ASSERT_TRUE(in.ok());
  auto read_all = [](const SpillFile& f) {
    std::string all(f.size(), '\0');
    EXPECT_EQ(f.ReadAt(all.data(), all.size(), 0), static_cast<int64_t>(all.size()));
    return all;
  };
  auto same = Compress(*in, ContentCoding::kIdentity);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->get(), in->get());
  auto gz = Compress(*in, ContentCoding::kGzip);
  ASSERT_TRUE(gz.ok());
  EXPECT_LT((*gz)->size(), text.size() / 2);
  EXPECT_EQ(Gunzip(read_all(**gz)), text);
  auto br = Compress(*in, ContentCoding::kBrotli);
  ASSERT_TRUE(br.ok());
  EXPECT_LT((*br)->size(), text.size() / 2);
  EXPECT_EQ(Unbrotli(read_all(**br), text.size() + 1), text);
}

// Over real HTTP: what the server sends for each Accept-Encoding, decoded here (the client's own
// decoding is off), equals the plain answer; small answers go plain; the web app's files are sent
// compressed once read.
class CompressedHttpTest : public ApiTest {
 protected:
  httplib::Result Fetch(int port, const std::string& path, const std::string& accept,
                        const std::string& cookie = "") {
    httplib::Client c("127.0.0.1", port);
    c.set_decompress(false);
    c.set_read_timeout(10);
    httplib::Headers h = {{"Accept-Encoding", accept}};
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return c.Get(path, h);
  }

  // Checks each coding of `path` against its plain answer, which must be `min_size` or more.
  void CheckCodings(int port, const std::string& path, const std::string& cookie, size_t min_size,
                    const std::string& type) {
    auto plain = Fetch(port, path, "identity", cookie);
    ASSERT_TRUE(plain);
    ASSERT_EQ(plain->status, 200) << path;
    EXPECT_EQ(plain->get_header_value("Content-Encoding"), "") << path;
    EXPECT_GE(plain->body.size(), min_size) << path;
    EXPECT_EQ(plain->get_header_value("Content-Type"), type) << path;
    for (auto [accept, coding] : {std::pair{"gzip, deflate, br", "br"}, std::pair{"gzip", "gzip"},
                                  std::pair{"br;q=0, gzip;q=0.5", "gzip"}}) {
      auto r = Fetch(port, path, accept, cookie);
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << path;
      EXPECT_EQ(r->get_header_value("Content-Encoding"), coding) << path << " " << accept;
      EXPECT_EQ(r->get_header_value("Vary"), "Accept-Encoding") << path;
      EXPECT_EQ(r->get_header_value("Content-Type"), type) << path;
      EXPECT_EQ(r->get_header_value("Content-Length"), std::to_string(r->body.size())) << path;
      EXPECT_LT(r->body.size(), plain->body.size()) << path << " " << accept;
      const std::string decoded =
          std::string(coding) == "br" ? Unbrotli(r->body, plain->body.size() + 1) : Gunzip(r->body);
      EXPECT_EQ(decoded, plain->body) << path << " " << accept;
    }
  }
};

TEST_P(CompressedHttpTest, AnswersAndTheWebAppAreCompressedAsTheClientAccepts) {
  Session admin = Login("admin");
  // A large answer: the audit log after some reads; a small one: health.
  for (int i = 0; i < 20; ++i) Get(admin, "/api/v1/people");
  CheckCodings(port_, "/api/v1/audit?limit=200", admin.cookie, 1024, "application/json");
  auto health = Fetch(port_, "/api/v1/health", "gzip, deflate, br");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(health->body.size(), 1024u);
  EXPECT_EQ(health->get_header_value("Content-Encoding"), "");
  EXPECT_TRUE(json::parse(health->body, nullptr, false).is_object()) << health->body;
  // An error keeps its shape, compressed or not.
  auto denied = Fetch(port_, "/api/v1/people", "br");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  EXPECT_EQ(json::parse(denied->body, nullptr, false)["error"]["code"], "unauthenticated");

  // The web app's files, compressed when the server starts.
  const auto root = std::filesystem::temp_directory_path() /
                    ("pl-web-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::create_directories(root / "assets");
  std::string script = "export const rows = [";
  for (int i = 0; i < 4000; ++i) script += "{id: " + std::to_string(i) + ", name: 'row'},";
  script += "];\n";
  std::ofstream(root / "assets" / "app-1.js") << script;
  std::ofstream(root / "index.html") << "<!doctype html><title>peerlearn</title>";
  std::ofstream(root / "assets" / "tiny.css") << "body{margin:0}";
  auto web = Server::Create(*store_, config_, {.web_root = root.string(), .clock = &clock_});
  ASSERT_TRUE(web.ok());
  auto port = (*web)->Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&] { (void)(*web)->Serve(); });
  CheckCodings(*port, "/assets/app-1.js", "", script.size(), "text/javascript; charset=utf-8");
  auto tiny = Fetch(*port, "/assets/tiny.css", "br");
  ASSERT_TRUE(tiny);
  EXPECT_EQ(tiny->body, "body{margin:0}");
  EXPECT_EQ(tiny->get_header_value("Content-Encoding"), "");
  auto page = Fetch(*port, "/some/client/route", "gzip");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body, "<!doctype html><title>peerlearn</title>");
  (*web)->Stop();
  serving.join();
  std::filesystem::remove_all(root);
}

// A snapshot's download, spilled to a file and sent from it, in each coding as the client
// accepts, decoding to the plain file.
TEST_P(CompressedHttpTest, SnapshotDownloadsAreSentFromTheirSpilledFile) {
  // 200 more people, each tied to the next 15: 3,000 ties, an edges.csv of some 400 KB (the file
  // is sent 64 KB at a time).
  std::string roster = kRoster;
  for (int i = 1; i <= 200; ++i) {
    roster += "X" + std::to_string(i) + ",Person " + std::to_string(i) + ",x" + std::to_string(i) +
              "@x.io,Engineer,3,Big/Team" + std::to_string(i % 10) +
              ",E1,2020-01-01,Paris,Europe/Paris,\n";
  }
  auto people = ingest::ImportRoster(*store_, roster, {});
  ASSERT_TRUE(people.ok() && !people->rejected);
  std::string csv = "source,target,timestamp\n";
  for (int a = 1; a <= 200; ++a) {
    for (int k = 1; k <= 15; ++k) {
      csv += "X" + std::to_string(a) + ",X" + std::to_string((a + k - 1) % 200 + 1) +
             ",2026-10-25T10:00:00Z\n";
    }
  }
  auto imported = ingest::ImportInteractions(*store_, csv, {});
  ASSERT_TRUE(imported.ok() && !imported->rejected);
  Session admin = Login("admin");
  auto made = Client().Post("/api/v1/network/snapshots",
                            {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, "{}",
                            "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  const std::string id = std::to_string(json::parse(made->body)["snapshot"]["id"].get<int64_t>());
  CheckCodings(port_, "/api/v1/network/snapshots/" + id + "/edges.csv", admin.cookie, 4000,
               "text/csv; charset=utf-8");
  CheckCodings(port_, "/api/v1/network/snapshots/" + id + "/network.gexf", admin.cookie, 4000,
               "application/gexf+xml; charset=utf-8");
  auto plain =
      Fetch(port_, "/api/v1/network/snapshots/" + id + "/edges.csv", "identity", admin.cookie);
  ASSERT_TRUE(plain);
  EXPECT_EQ(std::count(plain->body.begin(), plain->body.end(), '\n'), 1 + 3000);
  EXPECT_GT(plain->body.size(), 300'000u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompressedHttpTest, ::testing::Values(std::string("sqlite")));

}  // namespace
}  // namespace pl::server
