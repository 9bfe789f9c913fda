// Small text utilities shared by importers and the server: UTF-8 validation, trimming,
// case folding for search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pl {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Number of code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);
std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);

}  // namespace pl
