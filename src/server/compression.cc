#include "server/compression.h"

#include <brotli/encode.h>
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <vector>

#include "core/text.h"

namespace pl::server {

namespace {

// The weight of one Accept-Encoding item's parameters ("q=0.5"), as thousandths; a missing or
// malformed weight counts as 1.
int Weight(const std::vector<std::string_view>& params) {
  for (size_t i = 1; i < params.size(); ++i) {
    const std::string_view p = Trim(params[i]);
    const size_t eq = p.find('=');
    if (eq == std::string_view::npos || AsciiLower(Trim(p.substr(0, eq))) != "q") continue;
    const std::string_view v = Trim(p.substr(eq + 1));
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
  for (std::string_view item : Split(accept_encoding, ',')) {
    const std::vector<std::string_view> parts = Split(item, ';');  // name, then parameters
    const std::string name = AsciiLower(Trim(parts[0]));
    const int q = Weight(parts);
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
    // libdeflate rather than zlib: a whole body at once, level 6 twice as fast for the same size
    // (the 10,000-person export's 112 MB edges.csv: 0.77 s against 1.64 s, bench/RESULTS.md).
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(
        libdeflate_alloc_compressor(fast ? 6 : 12), libdeflate_free_compressor);
    if (c == nullptr) return Internal("gzip could not start: no memory");
    std::string out(libdeflate_gzip_compress_bound(c.get(), body.size()), '\0');
    const size_t size =
        libdeflate_gzip_compress(c.get(), body.data(), body.size(), out.data(), out.size());
    if (size == 0) {
      return Internal("gzip could not compress a response of " + std::to_string(body.size()) +
                      " bytes");
    }
    out.resize(size);
    return out;
  }
  return std::string(body);
}

Result<std::shared_ptr<const SpillFile>> Compress(std::shared_ptr<const SpillFile> in,
                                                  ContentCoding coding) {
  if (coding == ContentCoding::kIdentity) return in;
  // Feeds `in` a megabyte at a time to `step(input, size, last)`, which writes what it makes.
  auto feed = [&](auto&& step) -> Status {
    std::vector<char> buf(1 << 20);
    uint64_t at = 0;
    for (;;) {
      const int64_t got = in->ReadAt(buf.data(), buf.size(), at);
      if (got < 0)
        return Unavailable(std::string("cannot read a spilled response: ") + strerror(errno));
      at += static_cast<uint64_t>(got);
      const bool last = at >= in->size() || got == 0;
      RETURN_IF_ERROR(step(buf.data(), static_cast<size_t>(got), last));
      if (last) return OkStatus();
    }
  };
  std::vector<char> out(1 << 20);
  if (coding == ContentCoding::kBrotli) {
    std::unique_ptr<BrotliEncoderState, void (*)(BrotliEncoderState*)> b(
        BrotliEncoderCreateInstance(nullptr, nullptr, nullptr), BrotliEncoderDestroyInstance);
    if (b == nullptr) return Internal("Brotli could not start: no memory");
    BrotliEncoderSetParameter(b.get(), BROTLI_PARAM_QUALITY, 5);  // as Effort::kFast
    BrotliEncoderSetParameter(b.get(), BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
    BrotliEncoderSetParameter(b.get(), BROTLI_PARAM_SIZE_HINT,
                              static_cast<uint32_t>(std::min<uint64_t>(in->size(), 1u << 30)));
    return SpillFile::Write([&](std::ostream& os) {
      return feed([&](const char* data, size_t size, bool last) -> Status {
        size_t avail_in = size;
        auto next_in = reinterpret_cast<const uint8_t*>(data);
        const BrotliEncoderOperation op = last ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_PROCESS;
        do {
          size_t avail_out = out.size();
          auto next_out = reinterpret_cast<uint8_t*>(out.data());
          if (!BrotliEncoderCompressStream(b.get(), op, &avail_in, &next_in, &avail_out, &next_out,
                                           nullptr)) {
            return Internal("Brotli could not compress a response of " +
                            std::to_string(in->size()) + " bytes");
          }
          os.write(out.data(), static_cast<std::streamsize>(out.size() - avail_out));
        } while (avail_in > 0 || BrotliEncoderHasMoreOutput(b.get()) ||
                 (last && !BrotliEncoderIsFinished(b.get())));
        return OkStatus();
      });
    });
  }
  // gzip: zlib's stream (libdeflate takes a whole body at once), level 6 as Effort::kFast.
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Internal("gzip could not start: no memory");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, deflateEnd);
  return SpillFile::Write([&](std::ostream& os) {
    return feed([&](const char* data, size_t size, bool last) -> Status {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
      z.avail_in = static_cast<uInt>(size);
      int rc = Z_OK;
      do {
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) {
          return Internal("gzip could not compress a response of " + std::to_string(in->size()) +
                          " bytes");
        }
        os.write(out.data(), static_cast<std::streamsize>(out.size() - z.avail_out));
      } while (z.avail_out == 0 || (last && rc != Z_STREAM_END));
      return OkStatus();
    });
  });
}

}  // namespace pl::server
