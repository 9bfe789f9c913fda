#include "ingest/internal/zip.h"

#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/text.h"

namespace pl::ingest::internal {
namespace {

// The format's records (APPNOTE.TXT 6.3): little-endian fields at fixed places.
constexpr uint32_t kLocalHeader = 0x04034b50, kDirectoryHeader = 0x02014b50,
                   kEndOfDirectory = 0x06054b50, kZip64End = 0x06064b50, kZip64Locator = 0x07064b50;
constexpr size_t kLocalSize = 30, kDirectorySize = 46, kEndSize = 22, kZip64EndSize = 56,
                 kLocatorSize = 20;
constexpr uint16_t kZip64Field = 0x0001, kUnicodePathField = 0x7075;

uint16_t U16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
uint32_t U32(const unsigned char* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24;
}
uint64_t U64(const unsigned char* p) { return U32(p) | static_cast<uint64_t>(U32(p + 4)) << 32; }
const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Reads n bytes at `offset` into buf; false if the file ends before or reading fails.
bool ReadAt(int fd, char* buf, size_t n, uint64_t offset) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, buf + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

// The upper half of code page 437, which zip tools used for names before UTF-8 (and which the
// format names as the default where a member's UTF-8 flag is not set).
constexpr char16_t kCp437[129] =
    u"ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌"
    u"█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

std::string FromCp437(std::string_view raw) {
  std::string out;
  for (unsigned char c : raw) {
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    AppendUtf8(out, kCp437[c - 0x80]);
  }
  return out;
}

// The member's ZIP64 field supplies, in order, each of its 32-bit sizes and offset that is all
// ones (and the disk, unused here). False if the field is too short for what it must hold.
bool ReadZip64Field(const unsigned char* p, size_t len, ZipMember& m, bool size_in, bool comp_in,
                    bool offset_in) {
  size_t at = 0;
  for (auto [wanted, field] : {std::pair{size_in, &m.size}, std::pair{comp_in, &m.compressed},
                               std::pair{offset_in, &m.offset}}) {
    if (!wanted) continue;
    if (at + 8 > len) return false;
    *field = U64(p + at);
    at += 8;
  }
  return true;
}

}  // namespace

Result<ZipDirectory> ReadZipDirectory(int fd, uint64_t file_size, int64_t max_entries) {
  auto bad = [](const std::string& why) { return InvalidArgument(why); };
  if (file_size < kEndSize)
    return bad("too short to be a zip (" + std::to_string(file_size) + " bytes)");
  // The end-of-directory record: the last 22 bytes, or further back by a comment of < 64 KiB.
  const uint64_t tail_size = std::min<uint64_t>(file_size, kEndSize + 65535 + kLocatorSize);
  const uint64_t tail_at = file_size - tail_size;
  std::string tail(tail_size, '\0');
  if (!ReadAt(fd, tail.data(), tail_size, tail_at)) return bad("cannot read its end");
  const unsigned char* t = Bytes(tail);
  size_t end = tail_size - kEndSize + 1;
  bool found = false;
  while (end-- > 0) {
    if (U32(t + end) == kEndOfDirectory && end + kEndSize + U16(t + end + 20) <= tail_size) {
      found = true;
      break;
    }
  }
  if (!found) return bad("no end-of-directory record (the file is cut short or not a zip)");
  const unsigned char* e = t + end;
  uint64_t disk = U16(e + 4), directory_disk = U16(e + 6), count = U16(e + 10),
           directory_size = U32(e + 12), directory_at = U32(e + 16);
  uint64_t directory_limit = tail_at + end;  // the directory ends before the record
  if (end >= kLocatorSize && U32(t + end - kLocatorSize) == kZip64Locator) {
    const uint64_t zip64_at = U64(t + end - kLocatorSize + 8);
    unsigned char z[kZip64EndSize];
    if (zip64_at > file_size - kZip64EndSize ||
        !ReadAt(fd, reinterpret_cast<char*>(z), kZip64EndSize, zip64_at) || U32(z) != kZip64End) {
      return bad("its ZIP64 end-of-directory record is missing");
    }
    disk = U32(z + 16);
    directory_disk = U32(z + 20);
    count = U64(z + 32);
    directory_size = U64(z + 40);
    directory_at = U64(z + 48);
    directory_limit = zip64_at;
  }
  if (disk != 0 || directory_disk != 0) {
    return bad("it is one part of a zip split over several files; join the parts first");
  }
  if (count > static_cast<uint64_t>(max_entries)) {
    return ResourceExhausted("has " + std::to_string(count) + " entries, over the limit of " +
                             std::to_string(max_entries));
  }
  if (directory_at > directory_limit || directory_size > directory_limit - directory_at ||
      directory_size < count * kDirectorySize) {
    return bad("its directory (" + std::to_string(count) + " entries, " +
               std::to_string(directory_size) + " bytes at " + std::to_string(directory_at) +
               ") does not fit in the file");
  }
  std::string dir(directory_size, '\0');
  if (!ReadAt(fd, dir.data(), directory_size, directory_at))
    return bad("cannot read its directory");
  const unsigned char* d = Bytes(dir);
  std::vector<ZipMember> members;
  members.reserve(count);
  size_t at = 0;
  for (uint64_t i = 0; i < count; ++i) {
    auto damaged = [&](const std::string& what) {
      return bad("its directory is damaged at entry " + std::to_string(i) + ": " + what);
    };
    if (directory_size - at < kDirectorySize || U32(d + at) != kDirectoryHeader) {
      return damaged("no entry header");
    }
    const unsigned char* h = d + at;
    const size_t name_size = U16(h + 28), extra_size = U16(h + 30), comment_size = U16(h + 32);
    if (directory_size - at - kDirectorySize < name_size + extra_size + comment_size) {
      return damaged("it runs past the directory's end");
    }
    ZipMember m;
    const uint16_t flags = U16(h + 8);
    m.method = U16(h + 10);
    m.crc = U32(h + 16);
    m.compressed = U32(h + 20);
    m.size = U32(h + 24);
    m.offset = U32(h + 42);
    m.encrypted = flags & 1;
    m.stored_name_size = static_cast<uint16_t>(name_size);
    m.stored_extra_size = static_cast<uint16_t>(extra_size);
    const std::string_view raw(reinterpret_cast<const char*>(h + kDirectorySize), name_size);
    std::string_view unicode;
    const unsigned char* x = h + kDirectorySize + name_size;
    for (size_t k = 0; k + 4 <= extra_size;) {
      const uint16_t id = U16(x + k), len = U16(x + k + 2);
      if (k + 4 + len > extra_size) return damaged("an extra field runs past its end");
      const unsigned char* field = x + k + 4;
      if (id == kZip64Field &&
          !ReadZip64Field(field, len, m, m.size == UINT32_MAX, m.compressed == UINT32_MAX,
                          m.offset == UINT32_MAX)) {
        return damaged("its ZIP64 field is too short");
      }
      // Info-ZIP's Unicode path: version 1, the CRC-32 of the name it stands for, the name.
      if (id == kUnicodePathField && len > 5 && field[0] == 1 &&
          U32(field + 1) == libdeflate_crc32(0, raw.data(), raw.size())) {
        unicode = std::string_view(reinterpret_cast<const char*>(field + 5), len - 5u);
      }
      k += 4u + len;
    }
    if (!unicode.empty() && IsValidUtf8(unicode)) {
      m.name = unicode;
      m.name_converted = true;
    } else if (IsValidUtf8(raw)) {  // flagged as UTF-8 or not: ASCII is both
      m.name = raw;
    } else {
      m.name = FromCp437(raw);
      m.name_converted = true;
    }
    const unsigned system = U16(h + 4) >> 8;  // "version made by": 3 is Unix
    m.symlink = system == 3 && S_ISLNK(U32(h + 38) >> 16);
    m.folder = !m.name.empty() && m.name.back() == '/';
    if (m.folder) m.name.pop_back();
    const uint64_t space = m.offset <= directory_at ? directory_at - m.offset : 0;
    if (space < kLocalSize + name_size || space - kLocalSize - name_size < m.compressed) {
      return damaged("its data lies past the start of the directory");
    }
    members.push_back(std::move(m));
    at += kDirectorySize + name_size + extra_size + comment_size;
  }
  // Members whose bytes overlap can make a small file inflate to a huge total (Fifield's
  // overlapping zip bomb); no tool writes them.
  std::vector<const ZipMember*> by_offset;
  by_offset.reserve(members.size());
  for (const ZipMember& m : members) by_offset.push_back(&m);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const ZipMember* a, const ZipMember* b) { return a->offset < b->offset; });
  for (size_t k = 1; k < by_offset.size(); ++k) {
    const ZipMember& a = *by_offset[k - 1];
    if (by_offset[k]->offset - a.offset < kLocalSize + a.stored_name_size + a.compressed) {
      return bad("members '" + a.name + "' and '" + by_offset[k]->name + "' overlap (a zip bomb?)");
    }
  }
  return ZipDirectory{std::move(members), directory_at};
}

ZipInflater::ZipInflater() : d_(libdeflate_alloc_decompressor()) {}
ZipInflater::~ZipInflater() { libdeflate_free_decompressor(d_); }

const char* ZipInflater::At(int fd, uint64_t at, uint64_t n, uint64_t limit) {
  if (at >= window_at_ && at - window_at_ <= window_size_ &&
      n <= window_size_ - (at - window_at_)) {
    ++served_;
    return window_.get() + (at - window_at_);
  }
  ahead_ = served_ >= 2 ? std::min<uint64_t>(std::max<uint64_t>(ahead_ * 2, 16 << 10), 1 << 20)
                        : ahead_ / 2;
  served_ = 1;
  const uint64_t size = std::min(limit - at, std::max(n, ahead_));
  if (size > capacity_) {
    window_ = std::make_unique_for_overwrite<char[]>(size);
    capacity_ = size;
  }
  window_size_ = 0;
  if (!ReadAt(fd, window_.get(), size, at)) return nullptr;
  window_at_ = at;
  window_size_ = size;
  return window_.get();
}

Status ReadZipMember(int fd, const ZipMember& m, uint64_t data_end, ZipInflater& z,
                     std::string& out, size_t spare) {
  auto fault = [&](const std::string& what) { return InvalidArgument(what); };
  if (m.encrypted) return fault("it is encrypted; export it unencrypted");
  if (m.method != 0 && m.method != 8) {
    return fault("it is compressed with method " + std::to_string(m.method) +
                 ", which is not read (only stored and deflated members are); zip it again "
                 "with deflate");
  }
  if (z.d_ == nullptr) return fault("no memory to inflate it");
  // The local header, the name and the data, on the guess that the local extra fields are as
  // long as the directory's (asked for again if they are longer).
  const uint64_t room = data_end - m.offset;
  const uint64_t guess = std::min<uint64_t>(
      room, kLocalSize + m.stored_name_size + m.stored_extra_size + m.compressed);
  const char* bytes = guess < kLocalSize ? nullptr : z.At(fd, m.offset, guess, data_end);
  if (bytes == nullptr) return fault("its bytes cannot be read (the file is cut short?)");
  const auto* h = reinterpret_cast<const unsigned char*>(bytes);
  if (U32(h) != kLocalHeader) return fault("no local header at offset " + std::to_string(m.offset));
  const size_t name_size = U16(h + 26), extra_size = U16(h + 28);
  const std::string_view local_name(bytes + kLocalSize,
                                    std::min<size_t>(name_size, guess - kLocalSize));
  if (name_size != m.stored_name_size || (!m.name_converted && !m.folder && local_name != m.name)) {
    return fault("its local header names another member");
  }
  if (U16(h + 8) & 1) return fault("it is encrypted; export it unencrypted");
  const uint64_t start = kLocalSize + name_size + extra_size;
  if (start + m.compressed > room) return fault("its data runs past the start of the directory");
  if (start + m.compressed > guess) {
    bytes = z.At(fd, m.offset, start + m.compressed, data_end);
    if (bytes == nullptr) return fault("its bytes cannot be read (the file is cut short?)");
  }
  const char* data = bytes + start;
  const auto size = static_cast<size_t>(m.size);
  out.reserve(size + spare);
  out.resize(size);
  const std::string declared = "the " + std::to_string(m.size) + " bytes its header declares";
  if (m.method == 0) {
    if (m.compressed != m.size) return fault("it does not hold " + declared);
    std::memcpy(out.data(), data, size);
  } else {
    size_t used = 0, made = 0;
    switch (libdeflate_deflate_decompress_ex(z.d_, data, m.compressed, out.data(), size, &used,
                                             &made)) {
      case LIBDEFLATE_SUCCESS:
        if (made != size) {
          return fault("it holds " + std::to_string(made) + " bytes, not " + declared);
        }
        break;
      case LIBDEFLATE_INSUFFICIENT_SPACE:
        return fault("it holds more than " + declared);
      default:
        return fault("its compressed data is damaged");
    }
  }
  if (libdeflate_crc32(0, out.data(), size) != m.crc) {
    return fault("its CRC-32 does not match (the data is damaged)");
  }
  return OkStatus();
}

}  // namespace pl::ingest::internal
