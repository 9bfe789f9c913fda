#include "ingest/compressed.h"

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "core/text.h"
#include "ingest/edge_list.h"

namespace pl::ingest {
namespace {

// Where a stream's text goes: grown (doubling, from four times the input) up to one byte past
// the limit, which is room enough to see that the stream would go past it.
class Output {
 public:
  Output(size_t input, size_t max_bytes)
      : cap_(max_bytes + 1), out_(std::min(cap_, std::max<size_t>(input * 4, 1 << 16)), '\0') {}

  // Room for the next step (at most `most` bytes), growing the text where it is full.
  char* room(size_t& size, size_t most = SIZE_MAX) {
    if (produced_ == out_.size()) out_.resize(std::min(cap_, out_.size() * 2));
    size = std::min(out_.size() - produced_, most);
    return out_.data() + produced_;
  }
  // `n` bytes of the room were written; false past the limit.
  bool wrote(size_t n) {
    produced_ += n;
    return produced_ < cap_;
  }
  std::string take() {
    out_.resize(produced_);
    return std::move(out_);
  }

 private:
  size_t cap_;
  std::string out_;
  size_t produced_ = 0;
};

Status TooLarge(const char* format, size_t max_bytes) {
  return ResourceExhausted(std::string("the ") + format + " file expands to more than " +
                           std::to_string(max_bytes) + " bytes");
}

Status Damaged(const char* format, const std::string& why) {
  return InvalidArgument(std::string("the ") + format + " data is damaged (" + why + ")");
}

Result<std::string> Gunzip(const std::string& bytes, size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return InvalidArgument("cannot start gzip decoding");
  Output out(bytes.size(), max_bytes);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size(), UINT32_MAX));
  size_t fed = z.avail_in;
  int rc = Z_OK;
  while (true) {
    if (z.avail_in == 0 && fed < bytes.size()) {
      const size_t more = std::min<size_t>(bytes.size() - fed, UINT32_MAX);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + fed));
      z.avail_in = static_cast<uInt>(more);
      fed += more;
    }
    size_t room = 0;
    z.next_out = reinterpret_cast<Bytef*>(out.room(room, UINT32_MAX));
    z.avail_out = static_cast<uInt>(room);
    rc = inflate(&z, Z_NO_FLUSH);
    if (!out.wrote(room - z.avail_out)) {
      inflateEnd(&z);
      return TooLarge("gzip", max_bytes);
    }
    if (rc == Z_STREAM_END) {
      // Concatenated members (gzip -c a b > c) continue the same text.
      if (z.avail_in == 0 && fed == bytes.size()) break;
      if (inflateReset(&z) != Z_OK) break;
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && fed == bytes.size()) break;
  }
  const std::string why = z.msg ? z.msg : "cut short";
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Damaged("gzip", why);
  return out.take();
}

Result<std::string> Unzstd(const std::string& bytes, size_t max_bytes) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> d(ZSTD_createDStream(),
                                                             &ZSTD_freeDStream);
  if (!d) return InvalidArgument("cannot start zstd decoding");
  // A frame's window is what the decoder must hold: at most 128 MiB (zstd's default is 8).
  ZSTD_DCtx_setParameter(d.get(), ZSTD_d_windowLogMax, 27);
  Output out(bytes.size(), max_bytes);
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  size_t rc = 1;  // 0: a frame has just ended
  while (in.pos < in.size || rc != 0) {
    size_t room = 0;
    ZSTD_outBuffer o{out.room(room), room, 0};
    const size_t before_in = in.pos;
    rc = ZSTD_decompressStream(d.get(), &o, &in);
    if (ZSTD_isError(rc)) return Damaged("zstd", ZSTD_getErrorName(rc));
    if (!out.wrote(o.pos)) return TooLarge("zstd", max_bytes);
    if (rc != 0 && in.pos == in.size && in.pos == before_in && o.pos < room) {
      return Damaged("zstd", "cut short");
    }
  }
  return out.take();
}

Result<std::string> Bunzip2(const std::string& bytes, size_t max_bytes) {
  Output out(bytes.size(), max_bytes);
  size_t at = 0;
  while (at < bytes.size()) {  // one stream after another (pbzip2, cat a.bz2 b.bz2)
    bz_stream b{};
    if (BZ2_bzDecompressInit(&b, 0, 0) != BZ_OK) {
      return InvalidArgument("cannot start bzip2 decoding");
    }
    int rc = BZ_OK;
    size_t fed = at;
    while (rc == BZ_OK) {
      if (b.avail_in == 0 && fed < bytes.size()) {
        const size_t more = std::min<size_t>(bytes.size() - fed, UINT32_MAX);
        b.next_in = const_cast<char*>(bytes.data() + fed);
        b.avail_in = static_cast<unsigned>(more);
        fed += more;
      }
      size_t room = 0;
      b.next_out = out.room(room, UINT32_MAX);
      b.avail_out = static_cast<unsigned>(room);
      rc = BZ2_bzDecompress(&b);
      if (!out.wrote(room - b.avail_out)) {
        BZ2_bzDecompressEnd(&b);
        return TooLarge("bzip2", max_bytes);
      }
      if (rc == BZ_OK && b.avail_in == 0 && fed == bytes.size() && b.avail_out > 0) {
        rc = BZ_UNEXPECTED_EOF;
      }
    }
    at = fed - b.avail_in;
    BZ2_bzDecompressEnd(&b);
    if (rc != BZ_STREAM_END) {
      return Damaged("bzip2",
                     rc == BZ_UNEXPECTED_EOF ? "cut short" : "error " + std::to_string(rc));
    }
    // Anything after a stream but another stream (zero padding, say) ends the text.
    if (bytes.compare(at, 3, "BZh") != 0) break;
  }
  return out.take();
}

Result<std::string> Unxz(const std::string& bytes, size_t max_bytes) {
  lzma_stream s = LZMA_STREAM_INIT;
  // At most 1 GiB of decoder memory (xz -9 needs 65 MiB); concatenated streams read on.
  if (lzma_stream_decoder(&s, uint64_t{1} << 30, LZMA_CONCATENATED) != LZMA_OK) {
    return InvalidArgument("cannot start xz decoding");
  }
  Output out(bytes.size(), max_bytes);
  s.next_in = reinterpret_cast<const uint8_t*>(bytes.data());
  s.avail_in = bytes.size();
  lzma_ret rc = LZMA_OK;
  // Until the stream ends or no progress is possible (LZMA_BUF_ERROR: the input was cut short).
  while (rc == LZMA_OK) {
    size_t room = 0;
    s.next_out = reinterpret_cast<uint8_t*>(out.room(room));
    s.avail_out = room;
    rc = lzma_code(&s, s.avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
    if (!out.wrote(room - s.avail_out)) {
      lzma_end(&s);
      return TooLarge("xz", max_bytes);
    }
  }
  lzma_end(&s);
  if (rc != LZMA_STREAM_END) {
    return Damaged("xz", rc == LZMA_BUF_ERROR        ? "cut short"
                         : rc == LZMA_MEMLIMIT_ERROR ? "it needs over 1 GiB to decode"
                                                     : "error " + std::to_string(rc));
  }
  return out.take();
}

// A tar header's octal number (leading blanks, then digits up to a blank or NUL), or its
// base-256 form (GNU, for sizes of 8 GiB and more: the first byte's high bit set); -1 if
// neither.
int64_t TarNumber(std::string_view field) {
  if (!field.empty() && (static_cast<unsigned char>(field[0]) & 0x80) != 0) {
    int64_t v = static_cast<unsigned char>(field[0]) & 0x7f;
    for (size_t i = 1; i < field.size(); ++i) {
      if (v > (INT64_MAX >> 8)) return -1;
      v = (v << 8) | static_cast<unsigned char>(field[i]);
    }
    return v;
  }
  size_t i = 0;
  while (i < field.size() && field[i] == ' ') ++i;
  int64_t v = 0;
  for (; i < field.size() && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (v > (INT64_MAX >> 3)) return -1;
    v = v * 8 + (field[i] - '0');
  }
  for (; i < field.size(); ++i) {  // then blanks or NULs only
    if (field[i] != ' ' && field[i] != '\0') return -1;
  }
  return v;
}

// A NUL-terminated field's text.
std::string_view Field(std::string_view header, size_t at, size_t size) {
  const std::string_view f = header.substr(at, size);
  return f.substr(0, f.find('\0'));
}

// The "path=" record of a pax extended header ("LEN path=VALUE\n" records), or "".
std::string PaxPath(std::string_view data) {
  while (!data.empty()) {
    const size_t space = data.find(' ');
    if (space == std::string_view::npos) break;
    size_t len = 0;
    for (char c : data.substr(0, space)) {
      if (c < '0' || c > '9' || len > data.size()) return "";
      len = len * 10 + static_cast<size_t>(c - '0');
    }
    if (len <= space + 1 || len > data.size()) return "";
    const std::string_view record = data.substr(space + 1, len - space - 2);  // less the '\n'
    if (record.starts_with("path=")) return std::string(record.substr(5));
    data.remove_prefix(len);
  }
  return "";
}

}  // namespace

const char* CompressionOf(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b")) return "gzip";
  if (starts("\x28\xb5\x2f\xfd")) return "zstd";
  if (starts("BZh") && b.size() > 3 && b[3] >= '1' && b[3] <= '9') return "bzip2";
  if (starts(std::string_view("\xfd"
                              "7zXZ\0",
                              6)))
    return "xz";
  return nullptr;
}

Result<std::string> Decompressed(std::string bytes, size_t max_bytes) {
  const char* format = CompressionOf(bytes);
  if (format == nullptr) return bytes;
  if (std::strcmp(format, "gzip") == 0) return Gunzip(bytes, max_bytes);
  if (std::strcmp(format, "zstd") == 0) return Unzstd(bytes, max_bytes);
  if (std::strcmp(format, "bzip2") == 0) return Bunzip2(bytes, max_bytes);
  return Unxz(bytes, max_bytes);
}

bool LooksLikeTar(std::string_view bytes) {
  return bytes.size() >= 512 && bytes.substr(257, 5) == "ustar";
}

bool BesideTheNetwork(std::string_view name) {
  const std::string base = AsciiLower(name.substr(name.rfind('/') + 1));
  return name.starts_with("__MACOSX/") || base == ".ds_store" || base.starts_with("readme") ||
         base.starts_with("license") || base.starts_with("licence") || base.ends_with(".html") ||
         base.ends_with(".htm") || base.ends_with(".md") || base.ends_with(".pdf") ||
         base.starts_with("meta.") || base.starts_with("ent.");
}

Result<std::string> OneNetworkFileInTar(std::string_view tar, size_t max_bytes,
                                        std::string& member) {
  struct File {
    std::string name;
    size_t at, size;
  };
  std::vector<File> networks;
  std::string long_name;  // from a GNU 'L' or pax 'x' header, for the next file
  size_t at = 0;
  while (at + 512 <= tar.size()) {
    const std::string_view header = tar.substr(at, 512);
    if (header.find_first_not_of('\0') == std::string_view::npos) break;  // the end blocks
    const int64_t size = TarNumber(header.substr(124, 12));
    const size_t data = at + 512;
    if (size < 0 || static_cast<uint64_t>(size) > tar.size() - data) {
      return InvalidArgument("the tar archive's entry at byte " + std::to_string(at) +
                             (size < 0 ? " has a malformed header" : " runs past its end"));
    }
    const auto length = static_cast<size_t>(size);
    const char type = header[156];
    std::string name = std::string(Field(header, 0, 100));
    if (header.substr(257, 5) == "ustar") {
      if (const std::string_view prefix = Field(header, 345, 155); !prefix.empty()) {
        name = std::string(prefix) + "/" + name;
      }
    }
    if (type == 'L') {
      long_name = std::string(Field(tar.substr(data, length), 0, length));
    } else if (type == 'x') {
      long_name = PaxPath(tar.substr(data, length));
    } else {
      if (!long_name.empty()) name = std::move(long_name);
      long_name.clear();
      if ((type == '0' || type == '\0' || type == '7') && !BesideTheNetwork(name)) {
        if (length > max_bytes) {
          return ResourceExhausted("the tar archive's " + Shown(name) + " is larger than " +
                                   std::to_string(max_bytes) + " bytes");
        }
        networks.push_back({std::move(name), data, length});
      }
    }
    at = data + (length + 511) / 512 * 512;
  }
  if (networks.size() != 1) {
    if (networks.empty()) return InvalidArgument("the tar archive holds no network file");
    std::string names;
    for (size_t i = 0; i < networks.size() && i < 5; ++i) {
      names += (i ? ", " : "") + Shown(networks[i].name);
    }
    return InvalidArgument("the tar archive holds " + std::to_string(networks.size()) + " files (" +
                           names + (networks.size() > 5 ? ", …" : "") +
                           "): unpack it and name the one to analyse");
  }
  member = networks[0].name;
  return std::string(tar.substr(networks[0].at, networks[0].size));
}

}  // namespace pl::ingest
