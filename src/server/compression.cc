#include "server/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <charconv>

#include "core/text.h"

namespace pl::server {

namespace {

// A weight ("q=0.5") as thousandths; malformed weights count as 1, as if absent.
int Weight(std::string_view params) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.empty() || (p[0] != 'q' && p[0] != 'Q')) continue;
    const std::string_view rest = Trim(p.substr(1));
    if (rest.empty() || rest.front() != '=') continue;
    const std::string_view v = Trim(rest.substr(1));
    double q = 1;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
    if (ec != std::errc() || end != v.data() + v.size() || q < 0 || q > 1) return 1000;
    return static_cast<int>(q * 1000 + 0.5);
  }
  return 1000;
}

}  // namespace

ContentCoding ChooseCoding(std::string_view accept_encoding) {
  int br = -1, gzip = -1, any = -1;  // -1: not named
  while (!accept_encoding.empty()) {
    const size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const size_t semi = item.find(';');
    const std::string name = AsciiLower(Trim(item.substr(0, semi)));
    const int q = semi == std::string_view::npos ? 1000 : Weight(item.substr(semi + 1));
    if (name == "br") br = q;
    if (name == "gzip" || name == "x-gzip") gzip = q;
    if (name == "*") any = q;
  }
  if (br < 0) br = any;
  if (gzip < 0) gzip = any;
  if (br > 0 && br >= gzip) return ContentCoding::kBrotli;
  if (gzip > 0) return ContentCoding::kGzip;
  return ContentCoding::kIdentity;
}

std::string_view CodingName(ContentCoding coding) {
  switch (coding) {
    case ContentCoding::kBrotli:
      return "br";
    case ContentCoding::kGzip:
      return "gzip";
    case ContentCoding::kIdentity:
      break;
  }
  return "";
}

Result<std::string> Compress(std::string_view body, ContentCoding coding, Effort effort) {
  const bool fast = effort == Effort::kFast;
  if (coding == ContentCoding::kBrotli) {
    std::string out(BrotliEncoderMaxCompressedSize(body.size()), '\0');
    size_t size = out.size();
    if (out.empty() || !BrotliEncoderCompress(fast ? 5 : BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW,
                                              BROTLI_MODE_TEXT, body.size(),
                                              reinterpret_cast<const uint8_t*>(body.data()), &size,
                                              reinterpret_cast<uint8_t*>(out.data()))) {
      return Internal("Brotli could not compress a response of " + std::to_string(body.size()) +
                      " bytes");
    }
    out.resize(size);
    return out;
  }
  if (coding == ContentCoding::kGzip) {
    z_stream z{};
    // 15 window bits + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, fast ? 6 : Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      return Internal("zlib could not start a gzip stream");
    }
    std::string out(deflateBound(&z, body.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
      return Internal("gzip could not compress a response of " + std::to_string(body.size()) +
                      " bytes");
    }
    return out;
  }
  return std::string(body);
}

}  // namespace pl::server
