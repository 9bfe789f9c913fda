// graph-tool's binary format ("gt": graph-tool's Graph.save, and Netzschleuder's .gt.zst
// downloads), read as graph-tool describes it (doc/gt_format.rst, src/graph/graph_io_binary.hh):
//
//   "\xE2\x9B\xBE gt" (6 bytes), version 1 (1 byte), big-endian (1 byte: 0 or 1),
//   comment (a string: uint64 length, then its bytes), directed (1 byte), N (uint64),
//   for each of the N vertices its out-neighbours (uint64 count, then each index in 1 byte
//   where N <= 255, 2 where N <= 65,535, 4 where N <= 2^32 - 1, else 8: graph-tool's rule,
//   which takes 2 bytes for 256 vertices); an undirected graph's edge once,
//   then the property maps (uint64 count), each: kind (1 byte: 0 graph, 1 vertex, 2 edge), name
//   (a string), value type (1 byte, below) and the values: one for the graph, one a vertex in
//   order, one an edge in the adjacency's order.
//
// Value types: 0 bool (1 byte), 1 int16, 2 int32, 3 int64, 4 double, 5 long double (16 bytes:
// x87's 80-bit format), 6 string, 7-12 vectors of the scalars above (uint64 length, then the
// elements), 13 vector of strings, 14 a Python object (pickled, as a string).
//
// Every length is checked against what is left of the file before anything is made of it, so a
// hostile file cannot ask for more memory than its own size suggests; the edges are not copied
// (the adjacency is walked once to check it, once more to make the ties).
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ingest/internal/graph_formats.h"

namespace pl::ingest::internal {
namespace {

constexpr std::string_view kMagic = "\xE2\x9B\xBE gt";

// Reads the file front to back; each read checks what is left. The numbers are in the file's
// byte order.
class GtReader {
 public:
  GtReader(std::string_view bytes) : bytes_(bytes) {}
  void set_big_endian(bool big) { big_ = big; }
  size_t at() const { return at_; }
  size_t left() const { return bytes_.size() - at_; }

  Status Ends(std::string_view what) const {
    return InvalidArgument("the gt file ends early, at byte " + std::to_string(bytes_.size()) +
                           ", in " + std::string(what));
  }
  // An unsigned number of `size` bytes (1, 2, 4 or 8).
  bool Unsigned(size_t size, uint64_t& v) {
    if (left() < size) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + at_);
    v = 0;
    for (size_t i = 0; i < size; ++i) {
      const size_t shift = 8 * (big_ ? size - 1 - i : i);
      v |= uint64_t{p[i]} << shift;
    }
    at_ += size;
    return true;
  }
  bool Skip(uint64_t n) {
    if (left() < n) return false;
    at_ += static_cast<size_t>(n);
    return true;
  }
  // `count` items of `size` bytes each.
  bool SkipItems(uint64_t count, uint64_t size) {
    return size == 0 || (count <= left() / size && Skip(count * size));
  }
  bool String(std::string_view& s) {
    uint64_t n = 0;
    if (!Unsigned(8, n) || left() < n) return false;
    s = bytes_.substr(at_, static_cast<size_t>(n));
    at_ += static_cast<size_t>(n);
    return true;
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
  bool big_ = false;
};

// Bytes of one value of scalar type t (0-5); 0 for the others.
uint64_t ScalarSize(uint8_t t) {
  static constexpr uint64_t kSizes[] = {1, 2, 4, 8, 8, 16};
  return t < 6 ? kSizes[t] : 0;
}

const char* TypeName(uint8_t t) {
  static constexpr const char* kNames[] = {"bool",
                                           "int16_t",
                                           "int32_t",
                                           "int64_t",
                                           "double",
                                           "long double",
                                           "string",
                                           "vector<bool>",
                                           "vector<int16_t>",
                                           "vector<int32_t>",
                                           "vector<int64_t>",
                                           "vector<double>",
                                           "vector<long double>",
                                           "vector<string>",
                                           "python::object"};
  return t < 15 ? kNames[t] : "?";
}

// A value of scalar type t (1-5: the numbers; bool is not a weight) as a double. An x87 80-bit
// long double is its 64-bit significand (integer bit included) times 2^(exponent - 16383 - 63);
// a little-endian file's only (a big-endian machine's long double is not x87's: the caller
// refuses those).
bool ReadNumber(GtReader& r, uint8_t t, double& x) {
  uint64_t v = 0;
  switch (t) {
    case 1:
      if (!r.Unsigned(2, v)) return false;
      x = static_cast<int16_t>(v);
      return true;
    case 2:
      if (!r.Unsigned(4, v)) return false;
      x = static_cast<int32_t>(v);
      return true;
    case 3:
      if (!r.Unsigned(8, v)) return false;
      x = static_cast<double>(static_cast<int64_t>(v));
      return true;
    case 4:
      if (!r.Unsigned(8, v)) return false;
      x = std::bit_cast<double>(v);
      return true;
    case 5: {
      uint64_t significand = 0, top = 0;
      if (!r.Unsigned(8, significand) || !r.Unsigned(8, top)) return false;
      const int exponent = static_cast<int>(top & 0x7FFF);
      const bool negative = (top >> 15) & 1;
      if (exponent == 0x7FFF) {
        x = significand << 1 ? std::nan("") : HUGE_VAL;
      } else {
        x = std::ldexp(static_cast<double>(significand), exponent - 16383 - 63);
      }
      if (negative) x = -x;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

Result<EdgeList> ParseGraphTool(std::string_view text, const EdgeListOptions& options) {
  GtReader r(text);
  if (!text.starts_with(kMagic))
    return InvalidArgument("not a gt file: it does not start \"⛾ gt\"");
  r.Skip(kMagic.size());
  uint64_t version = 0, big = 0, directed = 0, n = 0;
  if (!r.Unsigned(1, version) || !r.Unsigned(1, big)) return r.Ends("the header");
  if (version != 1) {
    return InvalidArgument("the gt file is of version " + std::to_string(version) +
                           "; version 1 is read");
  }
  if (big > 1) {
    return InvalidArgument("the gt file's byte order (byte 7) is " + std::to_string(big) +
                           ", neither 0 (little-endian) nor 1 (big-endian)");
  }
  r.set_big_endian(big == 1);
  std::string_view comment;
  if (!r.String(comment)) return r.Ends("the comment");
  if (!r.Unsigned(1, directed) || !r.Unsigned(8, n)) return r.Ends("the adjacency's header");
  // Each vertex takes at least its 8-byte count.
  if (n > r.left() / 8) {
    return InvalidArgument("the gt file declares " + std::to_string(n) + " vertices, more than " +
                           "its " + std::to_string(text.size()) + " bytes can hold");
  }
  if (n == 0) return InvalidArgument("the gt file has no vertices");
  const size_t width = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFFFFu ? 4 : 8;
  // The adjacency is walked twice: checked and counted here, then (once the weights are read
  // from the property maps after it) turned into ties, so no copy of the edges is held.
  const GtReader adjacency = r;
  uint64_t m = 0;
  for (uint64_t v = 0; v < n; ++v) {
    uint64_t k = 0;
    if (!r.Unsigned(8, k)) return r.Ends("vertex " + std::to_string(v) + "'s neighbours");
    if (k > r.left() / width) return r.Ends("vertex " + std::to_string(v) + "'s neighbours");
    for (uint64_t j = 0; j < k; ++j) {
      const size_t where = r.at();
      uint64_t u = 0;
      r.Unsigned(width, u);
      if (u >= n) {
        return InvalidArgument("byte " + std::to_string(where) + ": vertex " + std::to_string(v) +
                               "'s neighbour " + std::to_string(u) +
                               " is not a vertex (the file has " + std::to_string(n) + ")");
      }
    }
    m += k;
  }
  // Calls each(e, v, u) for every edge e, v -> u, in the adjacency's order, until it is false.
  auto each_edge = [&](auto&& each) {
    GtReader a = adjacency;
    uint64_t e = 0;
    for (uint64_t v = 0; v < n; ++v) {
      uint64_t k = 0, u = 0;
      a.Unsigned(8, k);
      for (uint64_t j = 0; j < k; ++j, ++e) {
        a.Unsigned(width, u);
        if (!each(e, v, u)) return;
      }
    }
  };

  const std::string wanted = options.weight_name.empty() ? "weight" : options.weight_name;
  std::vector<double> weights;
  std::vector<std::string> numeric;  // the edges' numeric properties, for a message
  uint64_t properties = 0;
  if (!r.Unsigned(8, properties)) return r.Ends("the count of property maps");
  for (uint64_t p = 0; p < properties; ++p) {
    const std::string which = "property map " + std::to_string(p + 1);
    uint64_t kind = 0, type = 0;
    std::string_view name;
    if (!r.Unsigned(1, kind) || !r.String(name) || !r.Unsigned(1, type)) return r.Ends(which);
    if (kind > 2) {
      return InvalidArgument(which + " (" + Shown(name) + ") is of kind " + std::to_string(kind) +
                             ": neither 0 (graph), 1 (vertex) nor 2 (edge)");
    }
    if (type > 14) {
      return InvalidArgument(which + " (" + Shown(name) + ") has value type " +
                             std::to_string(type) + ", which the gt format does not have");
    }
    const auto t = static_cast<uint8_t>(type);
    const uint64_t count = kind == 0 ? 1 : kind == 1 ? n : m;
    const bool number = t >= 1 && t <= 5;
    if (kind == 2 && number) numeric.emplace_back(name);
    if (kind == 2 && options.weighted && name == wanted && weights.empty()) {
      if (!number) {
        return InvalidArgument("--weight " + Shown(wanted) + ": the gt file's edge property " +
                               "of that name holds " + TypeName(t) + ", not numbers");
      }
      if (t == 5 && big == 1) {
        return InvalidArgument("edge property " + Shown(wanted) + " holds long doubles of a " +
                               "big-endian machine, which are not read");
      }
      weights.resize(static_cast<size_t>(m));
      for (uint64_t e = 0; e < m; ++e) {
        double w = 0;
        if (!ReadNumber(r, t, w)) return r.Ends(which + " (" + Shown(name) + ")");
        if (!std::isfinite(w) || w <= 0) {
          std::string ends;
          each_edge([&](uint64_t i, uint64_t a, uint64_t b) {
            if (i == e) ends = std::to_string(a) + (directed ? " -> " : " -- ") + std::to_string(b);
            return i < e;
          });
          return InvalidArgument("edge " + std::to_string(e + 1) + " (" + ends + "): " + wanted +
                                 " " + WholeOrNumber(w) + " is not a number above 0");
        }
        weights[static_cast<size_t>(e)] = w;
      }
      continue;
    }
    // Skipped: scalars all at once, strings and vectors one by one.
    bool ok = true;
    if (t <= 5) {
      ok = r.SkipItems(count, ScalarSize(t));
    } else {
      for (uint64_t i = 0; ok && i < count; ++i) {
        uint64_t length = 0;
        ok = r.Unsigned(8, length);
        if (!ok) break;
        if (t == 6 || t == 14) {
          ok = r.Skip(length);
        } else if (t == 13) {
          std::string_view s;
          for (uint64_t j = 0; ok && j < length; ++j) ok = r.String(s);
        } else {
          ok = r.SkipItems(length, t == 7 ? 1 : ScalarSize(static_cast<uint8_t>(t - 7)));
        }
      }
    }
    if (!ok) return r.Ends(which + " (" + Shown(name) + ")");
  }
  if (r.left() > 0) {
    return InvalidArgument("the gt file has " + std::to_string(r.left()) +
                           " bytes after its last property map, from byte " +
                           std::to_string(r.at()));
  }
  if (options.weighted && weights.empty() && m > 0) {
    return NoNumericWeight("gt", Shown(wanted), "property", numeric);
  }

  EdgeList out;
  out.undirected_file = directed == 0;
  const bool both_ways = options.undirected || out.undirected_file;
  out.nodes.reserve(static_cast<size_t>(n));
  for (uint64_t v = 0; v < n; ++v) out.nodes.push_back(std::to_string(v));
  out.ties.reserve(static_cast<size_t>(both_ways ? 2 * m : m));
  each_edge([&](uint64_t e, uint64_t a, uint64_t b) {
    out.AddEdge(static_cast<int64_t>(a), static_cast<int64_t>(b),
                weights.empty() ? 1.0 : weights[static_cast<size_t>(e)], both_ways);
    return true;
  });
  return out;
}

}  // namespace pl::ingest::internal
