// Network files as they are downloaded: compressed (SNAP's .txt.gz, Netzschleuder's .zst,
// KONECT's .tar.bz2, .xz) and tar archives holding the network beside its readme.
//
//   ASSIGN_OR_RETURN(std::string text, Decompressed(std::move(bytes), kMost));
//   if (LooksLikeTar(text)) ASSIGN_OR_RETURN(text, OneNetworkFileInTar(text, kMost, member));
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace pl::ingest {

// "gzip", "zstd", "bzip2" or "xz" where the bytes start as that format's stream does, else
// nullptr.
const char* CompressionOf(std::string_view bytes);

// The bytes a gzip, zstd, bzip2 or xz stream (concatenated streams too) expands to, or the bytes
// themselves where they are none of those; never more than `max_bytes`. InvalidArgument naming
// the format for a damaged or cut stream, ResourceExhausted past the limit.
Result<std::string> Decompressed(std::string bytes, size_t max_bytes);

// Whether the bytes are a tar archive (POSIX ustar or GNU: "ustar" at byte 257).
bool LooksLikeTar(std::string_view bytes);

// Whether a file of this name (a path inside an archive) is what stands beside a network file
// rather than one: a readme, licence, web page, Markdown or PDF document, macOS's __MACOSX/ and
// .DS_Store, KONECT's meta.* and ent.* (a network's description and its nodes' names).
bool BesideTheNetwork(std::string_view name);

// The one network file a tar archive holds (KONECT's downloads: out.NAME beside README.NAME and
// meta.NAME) and its path in `member`; regular files only, GNU and POSIX (pax) long names read.
// InvalidArgument naming them where it holds no such file or several, or where a header is
// malformed or a file runs past the end; ResourceExhausted for a file over `max_bytes`.
Result<std::string> OneNetworkFileInTar(std::string_view tar, size_t max_bytes,
                                        std::string& member);

}  // namespace pl::ingest
