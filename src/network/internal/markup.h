// What the network's file writers share: numbers written shortest (and exactly), text made safe
// for XML, and a colour per community.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pl::network::internal {

// The opening of a GraphML 1.0 document, up to its first <key>.
inline constexpr const char* kGraphmlOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
// The opening of a GEXF 1.2 document (with the viz namespace), up to its <meta>.
inline constexpr const char* kGexfOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
    "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://www.gexf.net/1.2draft "
    "http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n";

// The shortest text that reads back as exactly `v`; empty for NaN and infinities.
std::string Num(double v);

// `s` with XML's five special characters as entities and the control characters XML 1.0 does not
// allow (all but tab, line feed and carriage return) left out.
std::string XmlEscape(std::string_view s);

// `s` with each byte that is not part of valid UTF-8 replaced by U+FFFD, as XML and JSON readers
// require (a network file's names are bytes, in whatever encoding it was written).
std::string ValidUtf8(std::string_view s);

// A colour per community: hues spaced by the golden ratio, so neighbouring numbers differ.
struct Rgb {
  int r = 0, g = 0, b = 0;
};
Rgb CommunityColour(int32_t community);

}  // namespace pl::network::internal
