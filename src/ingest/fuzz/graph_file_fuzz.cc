// Fuzz target: every network-file reader of `peerlearn network FILE`. The first byte chooses
// the options (bit 0 weighted, bit 1 undirected) and the format (the rest: 0 the one the text
// is sniffed as, else one named, so each reader sees every kind of text); the rest is the file.
// A file that parses must name a node, and give ties between known, distinct nodes with
// positive finite weights; a graph built from them must hold those ties.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "graph/graph.h"
#include "ingest/edge_list.h"
#include "ingest/graph_file.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const EdgeListOptions options{.weighted = (mode & 1) != 0, .undirected = (mode & 2) != 0};
  GraphFormat format = SniffGraphFormat(text);
  constexpr unsigned kFormats = static_cast<unsigned>(GraphFormat::kGraphTool) + 1;
  if (const unsigned pick = (mode >> 2) % (kFormats + 1); pick > 0) {
    format = static_cast<GraphFormat>(pick - 1);
  }
  auto read = format == GraphFormat::kEdgeList ? ParseEdgeList(text, options)
                                               : ParseGraphFile(text, format, options);
  if (!read.ok()) {
    PL_FUZZ_CHECK(!read.status().message().empty());
    return 0;
  }
  const EdgeList& list = read.value();
  const auto nodes = static_cast<int64_t>(list.nodes.size());
  PL_FUZZ_CHECK(!list.nodes.empty());  // nodes, maybe without ties
  for (const auto& t : list.ties) {
    PL_FUZZ_CHECK(t.src >= 0 && t.src < nodes && t.dst >= 0 && t.dst < nodes);
    PL_FUZZ_CHECK(t.src != t.dst);
    PL_FUZZ_CHECK(std::isfinite(t.weight) && t.weight > 0);
  }
  for (const auto& name : list.nodes) PL_FUZZ_CHECK(!name.empty());
  const pl::graph::Graph g = pl::graph::Build(list.ties, {.extra_nodes = list.AllNodes()});
  PL_FUZZ_CHECK(static_cast<int64_t>(g.num_nodes()) == nodes);
  int64_t out = 0;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) out += static_cast<int64_t>(g.OutDegree(v));
  PL_FUZZ_CHECK(out <= static_cast<int64_t>(list.ties.size()) && (out > 0) == !list.ties.empty());
  return 0;
}
