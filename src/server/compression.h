// Response compression, chosen by the server rather than left to cpp-httplib: Debian's 0.11
// compresses every text and JSON body with Brotli at its highest quality (11) on each request,
// which took 13 s for the 10,000-person network map's 7 MB of JSON and 0.26 s for the web app's
// script on every page load (bench/RESULTS.md). Answers made per request are compressed fast;
// the web app's files once, when the server starts, as small as they go.
//
//   ContentCoding c = ChooseCoding(req.get_header_value("Accept-Encoding"));
//   auto bytes = Compress(body, c, Effort::kFast);   // then "Content-Encoding: " + CodingName(c)
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/spill_file.h"

namespace pl::server {

enum class ContentCoding { kIdentity, kGzip, kBrotli };

// The coding for a client's Accept-Encoding header (RFC 9110 §12.5.3): the acceptable one (q > 0)
// with the highest weight, Brotli before gzip at equal weight; "*" stands for any coding the
// header does not name. Identity when neither is acceptable or the header is empty.
ContentCoding ChooseCoding(std::string_view accept_encoding);

// "br", "gzip", or "" for identity: the Content-Encoding header's value.
std::string_view CodingName(ContentCoding coding);

enum class Effort {
  kFast,      // per request: Brotli quality 5, gzip level 6
  kSmallest,  // once per file: Brotli quality 11, gzip level 12 (libdeflate's highest)
};

// `body` in `coding` (identity: unchanged). An error only if the compressor fails.
Result<std::string> Compress(std::string_view body, ContentCoding coding, Effort effort);

// A spilled response (spill_file.h) compressed fast into another, a megabyte at a time: memory
// holds the compressor's state and its buffers, never the body. Identity: `in` itself.
Result<std::shared_ptr<const SpillFile>> Compress(std::shared_ptr<const SpillFile> in,
                                                  ContentCoding coding);

}  // namespace pl::server
