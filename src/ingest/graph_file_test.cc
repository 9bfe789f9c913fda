#include "ingest/graph_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/internal/graph_formats.h"
#include "testing/mangle.h"
#include "testing/zip_writer.h"

namespace pl::ingest {
namespace {

using Tie = std::tuple<std::string, std::string, double>;

std::vector<Tie> Ties(const EdgeList& e) {
  std::vector<Tie> out;
  for (const auto& x : e.ties) out.emplace_back(e.nodes[x.src], e.nodes[x.dst], x.weight);
  return out;
}

// The ties in order (an undirected edge's two directions come in either order).
std::vector<Tie> Sorted(std::vector<Tie> ties) {
  std::sort(ties.begin(), ties.end());
  return ties;
}

// A gt file as graph-tool writes one (graph_io_binary.hh), in either byte order.
class GtWriter {
 public:
  explicit GtWriter(bool big, uint8_t version = 1) : big_(big) {
    bytes_ = "\xE2\x9B\xBE gt";
    Byte(version).Byte(big ? 1 : 0);
  }
  GtWriter& Byte(uint8_t b) {
    bytes_ += static_cast<char>(b);
    return *this;
  }
  GtWriter& U(uint64_t v, size_t size) {
    for (size_t i = 0; i < size; ++i) {
      const size_t shift = 8 * (big_ ? size - 1 - i : i);
      bytes_ += static_cast<char>((v >> shift) & 0xFF);
    }
    return *this;
  }
  GtWriter& Str(std::string_view s) {
    U(s.size(), 8);
    bytes_ += s;
    return *this;
  }
  GtWriter& Double(double x) { return U(std::bit_cast<uint64_t>(x), 8); }
  // x87's 80-bit format in 16 bytes (little-endian only): significand, sign and exponent, padding.
  GtWriter& LongDouble(double x) {
    int e = 0;
    const double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
    U(static_cast<uint64_t>(std::ldexp(m, 64)), 8);
    return U(static_cast<uint64_t>(e - 1 + 16383), 2).U(0, 6);
  }
  // A property map's head: kind (0 graph, 1 vertex, 2 edge), name, value type.
  GtWriter& Property(uint8_t kind, std::string_view name, uint8_t type) {
    return Byte(kind).Str(name).Byte(type);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  bool big_;
  std::string bytes_;
};

// 4 vertices, 6 edges (one a self-loop) in this order: 0 -> 1, 0 -> 2, 1 -> 2, 2 -> 2, 2 -> 3,
// 3 -> 0; a property map of every kind, and of every value type but long double where `big`.
std::string GtFile(bool big, bool directed = true) {
  GtWriter w(big);
  w.Str("made here: 4 vertices, 6 edges").Byte(directed ? 1 : 0).U(4, 8);
  const std::vector<std::vector<uint8_t>> out = {{1, 2}, {2}, {2, 3}, {0}};
  for (const auto& list : out) {
    w.U(list.size(), 8);
    for (uint8_t u : list) w.Byte(u);  // 1-byte indices: at most 255 vertices
  }
  w.U(big ? 7 : 8, 8);
  w.Property(0, "description", 6).Str("help");
  w.Property(1, "pos", 11);
  for (int v = 0; v < 4; ++v) w.U(2, 8).Double(v).Double(-v);
  w.Property(1, "tags", 13);
  for (int v = 0; v < 4; ++v) {
    w.U(v % 2, 8);
    if (v % 2) w.Str("tag " + std::to_string(v));
  }
  w.Property(2, "weight", 4);
  for (double x : {1.5, 2.0, 0.25, 9.0, 3.0, 1.0}) w.Double(x);
  w.Property(2, "count", 1);
  for (int x = 1; x <= 6; ++x) w.U(static_cast<uint64_t>(x), 2);
  w.Property(2, "on", 0);
  for (int x = 0; x < 6; ++x) w.Byte(x % 2);
  w.Property(2, "note", 14);
  for (int x = 0; x < 6; ++x) w.Str("p" + std::to_string(x));
  if (!big) {
    w.Property(2, "big", 5);
    for (double x : {0.5, 1.0, 2.0, 3.0, 4.0, 1e300}) w.LongDouble(x);
  }
  return w.bytes();
}

constexpr const char* kGraphML = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="directed">
    <node id="alice"/><node id="bob"/><node id="carol"/><node id="dave"/>
    <edge source="alice" target="bob"><data key="w">2.5</data></edge>
    <edge source="bob" target="carol"><data key="w">1</data></edge>
    <edge source="carol" target="carol"><data key="w">4</data></edge>
    <edge source="alice" target="bob"><data key="w">0.5</data></edge>
  </graph>
</graphml>
)";

TEST(GraphFileTest, TheFormatIsToldFromTheText) {
  EXPECT_EQ(SniffGraphFormat(kGraphML), GraphFormat::kGraphML);
  EXPECT_EQ(SniffGraphFormat("\xEF\xBB\xBF  <graphml/>"), GraphFormat::kGraphML);
  EXPECT_EQ(SniffGraphFormat("graph [\n node [ id 1 ]\n]"), GraphFormat::kGML);
  EXPECT_EQ(SniffGraphFormat("# made by hand\nCreator \"x\"\ngraph\n[\n]"), GraphFormat::kGML);
  EXPECT_EQ(SniffGraphFormat("*Vertices 3\n1 \"a\"\n"), GraphFormat::kPajek);
  EXPECT_EQ(SniffGraphFormat("*network demo\n*vertices 2\n"), GraphFormat::kPajek);
  EXPECT_EQ(SniffGraphFormat("# SNAP\n1 2\n"), GraphFormat::kEdgeList);
  EXPECT_EQ(SniffGraphFormat("graph,x\ngraphs,y\n"), GraphFormat::kEdgeList);  // a node "graph"
  EXPECT_EQ(SniffGraphFormat("source,target\na,b\n"), GraphFormat::kEdgeList);
  EXPECT_EQ(SniffGraphFormat("<?xml version='1.0'?>\n<!-- Gephi -->\n<gexf version=\"1.3\">"),
            GraphFormat::kGEXF);
  EXPECT_EQ(SniffGraphFormat(" \n{\"nodes\": [], \"links\": []}"), GraphFormat::kNodeLinkJson);
  EXPECT_EQ(SniffGraphFormat("\"\",\"a\",\"b\"\n\"a\",0,1\n"), GraphFormat::kAdjacencyMatrix);
  EXPECT_EQ(SniffGraphFormat("\xEF\xBB\xBF,a,b\na,0,1\n"), GraphFormat::kAdjacencyMatrix);
  EXPECT_EQ(SniffGraphFormat("digraph {\n a -> b\n}"), GraphFormat::kDot);
  EXPECT_EQ(SniffGraphFormat("/* made by x */\n// y\nstrict graph \"G 1\" { a -- b }"),
            GraphFormat::kDot);
  EXPECT_EQ(SniffGraphFormat("Graph G_2 {}"), GraphFormat::kDot);
  EXPECT_EQ(SniffGraphFormat("graph [ node [ id 1 ] ]"), GraphFormat::kGML);
  EXPECT_EQ(SniffGraphFormat("graph x\ngraph y\n"), GraphFormat::kEdgeList);  // nodes "graph"
  EXPECT_EQ(SniffGraphFormat("digraphs {\n"), GraphFormat::kEdgeList);
}

// DOT, read with Graphviz's cgraph: nodes in the order they first appear (an isolated one too),
// an edge statement between groups an edge for each pair, a port its node, defaults applied as
// Graphviz applies them, an edge without a weight 1 (Graphviz's own); a graph's edges both ways;
// a strict graph's repeated edge one.
TEST(GraphFileTest, DotAsGraphvizReadsIt) {
  constexpr const char* kDot = R"(/* a team */
digraph "help" {
  node [shape=box];
  ann -> bob [weight=2.5, label="x -> y"];
  bob -> {cy "dee d"} // a group
  edge [weight=4];
  cy:p1:n -> ann;
  subgraph cluster_0 { eve; ann -> ann }
  ann -> bob
}
)";
  auto e = ParseGraphFile(kDot, GraphFormat::kDot, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"ann", "bob", "cy", "dee d", "eve"}));
  EXPECT_FALSE(e->undirected_file);
  EXPECT_EQ(e->lines, 6);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_EQ(Sorted(Ties(*e)), (std::vector<Tie>{{"ann", "bob", 1},
                                                {"ann", "bob", 1},
                                                {"bob", "cy", 1},
                                                {"bob", "dee d", 1},
                                                {"cy", "ann", 1}}));
  auto w = ParseGraphFile(kDot, GraphFormat::kDot, {.weighted = true});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Sorted(Ties(*w)), (std::vector<Tie>{{"ann", "bob", 2.5},
                                                {"ann", "bob", 4},
                                                {"bob", "cy", 1},
                                                {"bob", "dee d", 1},
                                                {"cy", "ann", 4}}));

  auto u = ParseGraphFile("strict graph { a -- b [value=3]; b -- a [value=5]; c }",
                          GraphFormat::kDot, {.weighted = true, .weight_name = "value"});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->undirected_file);
  EXPECT_EQ(u->nodes, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Sorted(Ties(*u)), (std::vector<Tie>{{"a", "b", 5}, {"b", "a", 5}}));

  auto fault = [](std::string_view text, EdgeListOptions o = {}) {
    auto r = ParseGraphFile(text, GraphFormat::kDot, o);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(fault("digraph {\n a -> b\n c -> }\n"),
            "not a readable DOT file: syntax error in line 3 near '}'");
  EXPECT_EQ(
      fault("digraph { a -> b [value=1]; b -> c }", {.weighted = true, .weight_name = "value"}),
      "edge 2 ('b' -> 'c') has no 'value'");
  EXPECT_EQ(fault("digraph { a -> b [weight=-1] }", {.weighted = true}),
            "edge 1 ('a' -> 'b'): weight '-1' is not a number above 0");
  EXPECT_EQ(fault("digraph { a -> b }", {.weighted = true}),
            "--weighted, but the DOT file's edges have no 'weight' attribute");
  EXPECT_EQ(fault("digraph { }"), "the DOT file has no nodes");
}

// cgraph makes an edge for each pair of an edge statement between groups, with no limit of its
// own: what a file's statements could make is counted first, and too many refused.
TEST(GraphFileTest, DotEdgesBetweenGroupsAreBounded) {
  using internal::DotEdgesAtMost;
  EXPECT_EQ(DotEdgesAtMost("digraph { a -> b -> c; d -- e }"), 3u);
  EXPECT_EQ(DotEdgesAtMost("digraph { a -> {b c d} -> e [weight=\"{x y}\"] }"), 6u);
  EXPECT_EQ(DotEdgesAtMost("digraph { subgraph s {a b} -> subgraph t {c d e} }"), 6u);
  EXPECT_EQ(DotEdgesAtMost("digraph { a:p:n -> b:q; c = d; \"x\\\"->y\" }"), 1u);
  EXPECT_EQ(DotEdgesAtMost("digraph { /* a -> b */ // c -> d\n<e -> f> }"), 0u);
  std::string group = "{";
  for (int i = 0; i < 1100; ++i) group += " n" + std::to_string(i);
  group += " }";
  const std::string bomb = "digraph { " + group + " -> " + group + " }";
  EXPECT_EQ(DotEdgesAtMost(bomb), 1100u * 1100u);
  auto r = ParseGraphFile(bomb, GraphFormat::kDot, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("could make 1210000 edges; at most"), std::string::npos)
      << r.status().message();
  // A group of 1,000 to one of 1,100 is 1,100,000 edges, over 1,000,000 and two a byte of its
  // 14 KB; the same group to one node is 1,000, read, every pair an edge.
  std::string thousand = "{";
  for (int i = 0; i < 1000; ++i) thousand += " m" + std::to_string(i);
  thousand += " }";
  EXPECT_FALSE(
      ParseGraphFile("graph { " + thousand + " -- " + group + " }", GraphFormat::kDot, {}).ok());
  auto fine = ParseGraphFile("digraph { " + thousand + " -> x }", GraphFormat::kDot, {});
  ASSERT_TRUE(fine.ok()) << fine.status().message();
  EXPECT_EQ(fine->ties.size(), 1000u);
}

// GraphML: node ids as names, in the file's order; a self-loop kept as a node and counted;
// repeated edges passed on (Build adds them up); weights only when asked for.
TEST(GraphFileTest, GraphMLNodesEdgesAndWeights) {
  auto e = ParseGraphFile(kGraphML, GraphFormat::kGraphML, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
  EXPECT_EQ(Ties(*e),
            (std::vector<Tie>{{"alice", "bob", 1}, {"bob", "carol", 1}, {"alice", "bob", 1}}));
  EXPECT_EQ(e->lines, 4);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_FALSE(e->undirected_file);
  auto w = ParseGraphFile(kGraphML, GraphFormat::kGraphML, {.weighted = true, .undirected = true});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Ties(*w), (std::vector<Tie>{{"alice", "bob", 2.5},
                                        {"bob", "alice", 2.5},
                                        {"bob", "carol", 1},
                                        {"carol", "bob", 1},
                                        {"alice", "bob", 0.5},
                                        {"bob", "alice", 0.5}}));
}

// Node ids with XML's references named as the file means them (NetworkX's names): igraph's
// reader gives an '&' as "&#38;" and decodes the rest.
TEST(GraphFileTest, GraphMLIdsWithReferences) {
  auto e = ParseGraphFile(
      R"(<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="R&amp;D &lt;1&gt; &quot;x&quot; &apos;y&apos; caf&#233; &#38;"/>
<node id="&amp;#38; &amp;amp;"/>
<edge source="R&amp;D &lt;1&gt; &quot;x&quot; &apos;y&apos; caf&#233; &#38;" target="&amp;#38; &amp;amp;"/>
</graph></graphml>)",
      GraphFormat::kGraphML, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"R&D <1> \"x\" 'y' café &", "&#38; &amp;"}));
  EXPECT_EQ(e->ties.size(), 1u);
}

// graph-tool's GraphML (as its collection's networks and Netzschleuder's are saved) declares
// types of its own for a layout's positions and the like, which igraph's and NetworkX's readers
// refuse: those attributes are read as text, "integer" and "short" as numbers still.
TEST(GraphFileTest, GraphMLWithTypesOfOtherTools) {
  constexpr const char* kFile = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="key0" for="graph" attr.name="description" attr.type="string" />
  <key id="key1" for="node" attr.name="pos" attr.type="vector_float" />
  <key id="key2" for="node" attr.name="obj" attr.type='python::object' />
  <key id="key3" for="edge" attr.name="value" attr.type="integer" />
  <key attr.type = "short" id="key4" for="edge" attr.name="rank"/>
  <graph id="G" edgedefault="undirected" parse.nodeids="canonical">
   <data key="key0">&lt;key attr.type="vector_int"&gt; in a text stays as it is</data>
   <node id="n0"><data key="key1">0.5, -2.25</data><data key="key2">a</data></node>
   <node id="n1"><data key="key1">1, 2</data></node>
   <node id="n2"/>
   <edge id="e0" source="n0" target="n1"><data key="key3">3</data><data key="key4">1</data></edge>
   <edge id="e1" source="n1" target="n2"><data key="key3">2</data><data key="key4">7</data></edge>
  </graph>
</graphml>
)";
  auto e = ParseGraphFile(kFile, GraphFormat::kGraphML, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"n0", "n1", "n2"}));
  EXPECT_TRUE(e->undirected_file);
  EXPECT_EQ(e->ties.size(), 4u);
  // Its weight is "value" ("integer", so a number): named, it is read; --weighted alone says so.
  auto w = ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true, .weight_name = "value"});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Sorted(Ties(*w)),
            (std::vector<Tie>{{"n0", "n1", 3}, {"n1", "n0", 3}, {"n1", "n2", 2}, {"n2", "n1", 2}}));
  auto r = ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true, .weight_name = "rank"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Sorted(Ties(*r)),
            (std::vector<Tie>{{"n0", "n1", 1}, {"n1", "n0", 1}, {"n1", "n2", 7}, {"n2", "n1", 7}}));
  auto plain = ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true});
  EXPECT_EQ(plain.status().message(),
            "--weighted, but the GraphML file's edges have no numeric \"weight\" attribute "
            "(numeric ones: 'value', 'rank'; --weight NAME reads one)");
  EXPECT_EQ(ParseGraphFile("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 3\n",
                           GraphFormat::kMatrixMarket, {.weighted = true, .weight_name = "value"})
                .status()
                .message(),
            "--weight names an edge attribute, but a Matrix Market file has none: its values are "
            "the weights (--weighted reads them)");
  auto text =
      ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true, .weight_name = "pos"});
  EXPECT_EQ(text.status().message(),
            "--weighted, but the GraphML file's edges have no numeric 'pos' attribute (numeric "
            "ones: 'value', 'rank'; --weight NAME reads one)");
}

// NetworkX writes a weight that is whole on some edges and a fraction on others as two keys of
// one name ("long" and "double"; a default inside one), and reads them as one: so does peerlearn
// (igraph's reader alone keeps one of the two and leaves the other's edges without a weight). Two
// node keys of one name are merged the same way; lines keep their numbers for igraph's messages.
TEST(GraphFileTest, GraphMLNumericKeysOfOneNameAsNetworkXWritesThem) {
  constexpr const char* kFile = R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d1" for="edge" attr.name="weight" attr.type="double"/>
<key id="d0" for="edge" attr.name="weight" attr.type="long">
  <default>1</default>
</key>
<key id="d2" for="node" attr.name="size" attr.type="int"/><key id="d3" for="node" attr.name="size" attr.type="float"/>
<graph edgedefault="directed"><node id="a"><data key="d2">4</data></node>
<node id="b"><data key='d3'>0.5</data></node>
<node id="c"/>
<edge source="a" target="b"><data key="d0">3</data></edge>
<edge source="b" target="c"><data key="d1">0.5</data></edge>
<edge source="c" target="a"><data key="d1">2.25</data></edge>
</graph></graphml>
)";
  auto w = ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Ties(*w), (std::vector<Tie>{{"a", "b", 3}, {"b", "c", 0.5}, {"c", "a", 2.25}}));
  auto size =
      ParseGraphFile(kFile, GraphFormat::kGraphML, {.weighted = true, .weight_name = "size"});
  EXPECT_EQ(size.status().message(),
            "--weighted, but the GraphML file's edges have no numeric 'size' attribute (numeric "
            "ones: 'weight'; --weight NAME reads one)");
  std::string cut = kFile;
  cut.replace(cut.find("<edge source=\"c\""), 5, "<edge <");
  auto bad = ParseGraphFile(cut, GraphFormat::kGraphML, {.weighted = true});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Line 12"), std::string::npos) << bad.status().message();
}

// GML as graph-tool writes it: a '"' in a string as \" (its graph's description and readme, a
// label). Read again that way only where the file is not GML as written, so a label ending in a
// backslash (NetworkX writes it as it is) is still read as before.
TEST(GraphFileTest, GmlWithBackslashQuotesAsGraphToolWritesIt) {
  auto e = ParseGraphFile(R"(graph [
   directed 0
   readme "The file contains \"Les Miserables\".
Nodes are characters # not a comment
"
# a comment with a " in it
   node [
      id 0
      label "say \"hi\" & go"
   ]
   node [
      id 1
      label "b"
      pos "-2.5, 3"
   ]
   edge [
      source 0
      target 1
      value 2.5
   ]
]
)",
                          GraphFormat::kGML, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"say \"hi\" & go", "b"}));
  EXPECT_EQ(Sorted(Ties(*e)),
            (std::vector<Tie>{{"b", "say \"hi\" & go", 2.5}, {"say \"hi\" & go", "b", 2.5}}));

  auto plain = ParseGraphFile(
      "graph [\n node [ id 0 label \"C:\\dir\\\" ]\n node [ id 1 label \"x\" ]\n"
      " edge [ source 0 target 1 ]\n]\n",
      GraphFormat::kGML, {});
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->nodes, (std::vector<std::string>{"C:\\dir\\", "x"}));

  // Malformed either way: the message is the file's as written.
  auto bad = ParseGraphFile("graph [\n node [ id 0 label \"a\\\"b\" ]\n edge [ source 0 \n",
                            GraphFormat::kGML, {});
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status().ToString();
}

// An undirected file gives each edge both ways; GML's labels are the names (NetworkX's
// default), its "value" a weight where there is no "weight".
TEST(GraphFileTest, UndirectedGmlWithLabelsAndValues) {
  const std::string gml =
      "graph [\n  directed 0\n  node [ id 10 label \"A\" ]\n  node [ id 20 label \"B\" ]\n"
      "  node [ id 30 label \"C\" ]\n  edge [ source 10 target 20 value 3 ]\n"
      "  edge [ source 30 target 20 value 0.25 ]\n]\n";
  auto e = ParseGraphFile(gml, GraphFormat::kGML, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->undirected_file);
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(Sorted(Ties(*e)),
            (std::vector<Tie>{{"A", "B", 3}, {"B", "A", 3}, {"B", "C", 0.25}, {"C", "B", 0.25}}));
  // Without labels (or with a repeated one) the ids are the names, whole numbers as such.
  auto ids = ParseGraphFile(
      "graph [ directed 1 node [ id 7 label \"X\" ] node [ id 8 label \"X\" ]"
      " edge [ source 7 target 8 ] ]",
      GraphFormat::kGML, {});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(ids->nodes, (std::vector<std::string>{"7", "8"}));
}

// GML's character references decoded as NetworkX decodes them (its writer puts every character
// outside printable ASCII, '"' and '&' so): numbers, hexadecimal numbers, HTML 4's names; what
// is not one of those (an unknown name, "&apos;", which HTML 4 lacks, a code point beyond
// Unicode, "&#X41;", a bare '&') stays as written. The names NetworkX 2.8.8 gives the same file,
// but for the surrogate, which NetworkX makes a lone UTF-16 half and UTF-8 cannot carry.
TEST(GraphFileTest, GmlCharacterReferencesDecodedAsNetworkXDoes) {
  const std::string gml = R"(graph [ directed 1
node [ id 1 label "Zo&#235; &amp; &#x6771;&#20140;" ]
node [ id 2 label "caf&eacute;&hellip;" ]
node [ id 3 label "&apos;x&apos; &nosuch; &#1114112; &#xD800; &#X41; &#x; & ;" ]
node [ id 4 label "&#0000000065;&#x000042;&quot;q&quot;" ]
edge [ source 1 target 2 ] edge [ source 2 target 3 ] edge [ source 3 target 4 ] ])";
  auto e = ParseGraphFile(gml, GraphFormat::kGML, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes,
            (std::vector<std::string>{"Zoë & 東京", "café…",
                                      "&apos;x&apos; &nosuch; &#1114112; &#xD800; &#X41; &#x; & ;",
                                      "AB\"q\""}));
  // Decoded once: "&amp;#97;" is "&#97;", not "a" (igraph's reader alone decodes "&amp;").
  auto once = ParseGraphFile(
      "graph [ node [ id 1 label \"&amp;#97; &amp;amp;\" ] node [ id 2 label \"b\" ]"
      " edge [ source 1 target 2 ] ]",
      GraphFormat::kGML, {});
  ASSERT_TRUE(once.ok()) << once.status().ToString();
  EXPECT_EQ(once->nodes, (std::vector<std::string>{"&#97; &amp;", "b"}));
  EXPECT_TRUE(once->warnings.empty());
  // Labels the same once decoded repeat: the ids name the nodes.
  auto same = ParseGraphFile(
      "graph [ node [ id 1 label \"&#97;\" ] node [ id 2 label \"a\" ] edge [ source 1 target 2 ] "
      "]",
      GraphFormat::kGML, {});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->nodes, (std::vector<std::string>{"1", "2"}));
}

// Pajek: labels as names where they are distinct, else the vertices' numbers; *Arcs directed,
// *Edges undirected.
TEST(GraphFileTest, PajekLabelsOrNumbers) {
  auto e = ParseGraphFile("*Vertices 3\n1 \"ann\"\n2 \"ben\"\n3 \"cy\"\n*Arcs\n1 2 2\n3 2 0.5\n",
                          GraphFormat::kPajek, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"ann", "ben", "cy"}));
  EXPECT_FALSE(e->undirected_file);
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"ann", "ben", 2}, {"cy", "ben", 0.5}}));
  auto same =
      ParseGraphFile("*Vertices 2\n1 \"x\"\n2 \"x\"\n*Edges\n1 2\n", GraphFormat::kPajek, {});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->nodes, (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(same->undirected_file);
}

// A Pajek file with both *Arcs and *Edges is a mixed network, read as Pajek means it: its arcs
// one way, its edges both ways, whichever section comes last (igraph reads all of it as the
// last section says, NetworkX as the first), lists too; with a *Matrix as well it is refused.
TEST(GraphFileTest, PajekMixedArcsAndEdges) {
  const std::string vertices = "*Vertices 4\r\n1 \"a\"\r\n2 \"b\"\r\n3 \"c\"\r\n4 \"d\"\r\n";
  const std::vector<Tie> expected{{"a", "b", 2}, {"c", "d", 1}, {"d", "c", 1}};
  for (const std::string& ties : {std::string("*Arcs\r\n1 2 2\r\n*Edges\r\n3 4 1\r\n"),
                                  std::string("*Edges\r\n3 4 1\r\n*Arcs\r\n1 2 2\r\n")}) {
    auto e = ParseGraphFile(vertices + ties, GraphFormat::kPajek, {.weighted = true});
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_FALSE(e->undirected_file);
    EXPECT_EQ(Sorted(Ties(*e)), expected) << ties;
  }
  auto lists =
      ParseGraphFile(vertices + "*Edgeslist\n1 3 4\n*Arcslist\n2 1 3\n", GraphFormat::kPajek, {});
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  EXPECT_EQ(Sorted(Ties(*lists)), (std::vector<Tie>{{"a", "c", 1},
                                                    {"a", "d", 1},
                                                    {"b", "a", 1},
                                                    {"b", "c", 1},
                                                    {"c", "a", 1},
                                                    {"d", "a", 1}}));
  // Only *Edges: undirected as before.
  auto edges = ParseGraphFile(vertices + "*Edges\n1 2\n", GraphFormat::kPajek, {});
  ASSERT_TRUE(edges.ok()) << edges.status().ToString();
  EXPECT_TRUE(edges->undirected_file);
  auto matrix = ParseGraphFile(vertices + "*Arcs\n1 2\n*Edges\n3 4\n*Matrix\n0 1 0 0\n",
                               GraphFormat::kPajek, {});
  ASSERT_FALSE(matrix.ok());
  EXPECT_NE(matrix.status().message().find("*Arcs, *Edges and a *Matrix"), std::string::npos);
}

// A multi-relational Pajek file (Pajek's ":N \"label\"" after a section's header, which igraph
// cannot parse) is read as one network, its relations' ties added up and named in a warning;
// a relation's *Edges count both ways beside another's *Arcs.
TEST(GraphFileTest, PajekRelationsAddUp) {
  const std::string text =
      "*Vertices 3\r\n1 \"a\" 0.1 0.2 0.5 ic Red\r\n2 \"b\"\r\n3 \"c\"\r\n"
      "*Arcs :1 \"advice\"\r\n1 2 2\r\n2 3 1 c Blue\r\n"
      "*arcs   :2 \"friends\"\r\n1 2 0.5\r\n*Edges :3\r\n1 3 4\r\n";
  auto e = ParseGraphFile(text, GraphFormat::kPajek, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(Sorted(Ties(*e)),
            (std::vector<Tie>{
                {"a", "b", 0.5}, {"a", "b", 2}, {"a", "c", 4}, {"b", "c", 1}, {"c", "a", 4}}));
  ASSERT_EQ(e->warnings.size(), 1u);
  EXPECT_EQ(e->warnings[0],
            "3 relations ('1 \"advice\"', '2 \"friends\"', '3') read as one network, their ties "
            "added up");
  auto plain =
      ParseGraphFile("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2\n", GraphFormat::kPajek, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->warnings.empty());
}

// What igraph's readers warn of is kept for the caller to show, not printed.
TEST(GraphFileTest, ReaderWarningsAreKept) {
  auto e = ParseGraphFile(
      "graph [\n directed 1\n node [ id 1 ]\n node [ id 2 ]\n"
      " edge [ source 1 target 2 foo [ x 1 ] ]\n]\n",
      GraphFormat::kGML, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->warnings.size(), 1u);
  EXPECT_NE(e->warnings[0].find("Composite edge attribute 'foo' ignored"), std::string::npos)
      << e->warnings[0];
  // The next read starts without them.
  auto g = ParseGraphFile(
      "<graphml><key id=\"d0\" for=\"node\" attr.name=\"x\" attr.type=\"complex\"/>"
      "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
      "<edge source=\"a\" target=\"b\"/></graph></graphml>",
      GraphFormat::kGraphML, {});
  ASSERT_TRUE(g.ok()) << g.status().message();  // a type igraph does not know: read as text
  EXPECT_TRUE(g->warnings.empty());
}

// Each fault is refused with what is wrong: a malformed file (GML names the line), a missing or
// bad weight under --weighted, an external entity (never read), a bad node name, no nodes.
TEST(GraphFileTest, FaultsAreNamed) {
  auto expect = [](const std::string& text, GraphFormat f, bool weighted, const std::string& what) {
    auto e = ParseGraphFile(text, f, {.weighted = weighted});
    ASSERT_FALSE(e.ok()) << "accepted, expected: " << what;
    EXPECT_NE(e.status().message().find(what), std::string::npos) << e.status().message();
  };
  expect("graph [\n directed 1\n node [ id 1 ]\n edge [ source 1 target 2 ]\n]\n",
         GraphFormat::kGML, false, "line 4");
  expect("graph [\n node [ id 1 ]\n node [ id 1 ]\n]\n", GraphFormat::kGML, false,
         "Duplicate node id");
  expect("<graphml><graph edgedefault=\"directed\"><node id=\"a\"/>", GraphFormat::kGraphML, false,
         "not a readable GraphML file");
  expect("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2 3\n2 1\n", GraphFormat::kPajek, true,
         "edge 2 ('b' to 'a') has no weight");
  expect("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2\n", GraphFormat::kPajek, true,
         "no numeric \"weight\" attribute");
  expect("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2 -1\n", GraphFormat::kPajek, true,
         "weight -1 is not a number above 0");
  expect("graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]", GraphFormat::kGML,
         true, "no numeric \"weight\" attribute");
  expect(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE g [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
      "<graphml><graph edgedefault=\"directed\"><node id=\"&x;\"/><node id=\"b\"/>"
      "<edge source=\"&x;\" target=\"b\"/></graph></graphml>",
      GraphFormat::kGraphML, false, "external entity");
  expect(
      "<graphml><graph edgedefault=\"directed\"><node id=\"a&#9;b\"/><node id=\"c\"/>"
      "<edge source=\"a&#9;b\" target=\"c\"/></graph></graphml>",
      GraphFormat::kGraphML, false, "holds a control character");
  expect("graph [ directed 1 ]", GraphFormat::kGML, false, "the GML file has no nodes");
  expect("", GraphFormat::kGML, false, "empty");
}

// A file that declares nodes and no edge between them is a network of isolated people, as
// NetworkX and igraph read it (each then gives every node a PageRank of 1/n); --weighted asks for
// nothing of edges that are not there. Self-loops alone leave the same.
TEST(GraphFileTest, NodesWithoutEdgesAreKept) {
  const std::vector<std::pair<std::string, GraphFormat>> files = {
      {"<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
       "<node id=\"c\"/></graph></graphml>",
       GraphFormat::kGraphML},
      {"graph [ node [ id 1 label \"a\" ] node [ id 2 label \"b\" ] node [ id 3 label \"c\" ] ]",
       GraphFormat::kGML},
      {"*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n", GraphFormat::kPajek},
      {"*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n2 2 1.5\n", GraphFormat::kPajek},
      {"DL N=3\nlabels:\na,b,c\ndata:\n0 0 0\n0 0 0\n0 0 0\n", GraphFormat::kDL},
      {"%%MatrixMarket matrix coordinate real general\n3 3 0\n", GraphFormat::kMatrixMarket},
      {"<gexf><graph><nodes><node id=\"a\"/><node id=\"b\"/><node id=\"c\"/></nodes>"
       "<edges/></graph></gexf>",
       GraphFormat::kGEXF},
      {R"({"directed": true, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "links": []})",
       GraphFormat::kNodeLinkJson},
      {",a,b,c\na,0,0,0\nb,0,0,0\nc,0,0,0\n", GraphFormat::kAdjacencyMatrix},
  };
  for (const auto& [text, format] : files) {
    for (const bool weighted : {false, true}) {
      auto e = ParseGraphFile(text, format, {.weighted = weighted});
      ASSERT_TRUE(e.ok()) << FormatName(format) << ": " << e.status().message();
      EXPECT_EQ(e->nodes.size(), 3u) << FormatName(format);
      EXPECT_TRUE(e->ties.empty()) << FormatName(format);
      if (format != GraphFormat::kMatrixMarket) {
        EXPECT_EQ(e->nodes, (std::vector<std::string>{"a", "b", "c"})) << FormatName(format);
      }
    }
  }
  EXPECT_FALSE(ParseEdgeList("# no ties\n", {}).ok());  // names no node at all
}

// A zip of one network file, as Network Repository distributes them: the file, whatever sits
// beside it of a readme, licence, web page or macOS's bookkeeping; none or two are refused.
TEST(GraphFileTest, ZippedNetworkFile) {
  const std::string dir = ::testing::TempDir();
  auto read = [&](const std::vector<pl::testing::ZipEntry>& entries, std::string& member) {
    const std::string path = dir + "/network.zip";
    EXPECT_TRUE(pl::testing::WriteZip(path, entries));
    auto r = ReadZippedNetworkFile(path, 1 << 20, member);
    return r.ok() ? *r : "refused: " + std::string(r.status().message());
  };
  std::string member;
  EXPECT_EQ(read({{"soc-x/readme.html", "<p/>"},
                  {"soc-x/LICENSE.txt", "CC BY"},
                  {"__MACOSX/soc-x/._soc-x.edges", "x"},
                  {"soc-x/.DS_Store", "x"},
                  {"soc-x/soc-x.edges", "1 2\n2 3\n"}},
                 member),
            "1 2\n2 3\n");
  EXPECT_EQ(member, "soc-x/soc-x.edges");
  EXPECT_EQ(read({{"README", "about"}}, member), "refused: the zip holds no network file");
  EXPECT_EQ(read({{"a.mtx", "x"}, {"b/b.edges", "y"}}, member),
            "refused: the zip holds 2 files ('a.mtx', 'b/b.edges'): unzip it and name the one to "
            "analyse");
}

// Netzschleuder's csv.zip: edges.csv is the network, nodes.csv's first column every node's index
// (tied or not); gprops.csv beside them. Not that layout (another file, or nodes.csv in another
// folder): refused as any zip of several files.
TEST(GraphFileTest, NetzschleuderCsvZip) {
  const std::string path = ::testing::TempDir() + "/netzschleuder.csv.zip";
  const std::string edges = "# source, target, weight\n0,1,2\n1,2,1\n";
  ASSERT_TRUE(
      pl::testing::WriteZip(path, {{"edges.csv", edges},
                                   {"nodes.csv",
                                    "# index, name, _pos\n0,\"a, b\",\"array([1.5, 2.0])\"\n"
                                    "1,b,\"array([0.5, 1.0])\"\n2,c,x\n 3 ,d,y\n\n"},
                                   {"gprops.csv", "# prop_name, value\nname,\"x\"\n"}}));
  std::string member;
  std::vector<std::string> listed;
  auto r = ReadZippedNetworkFile(path, 1 << 20, member, &listed);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, edges);
  EXPECT_EQ(member, "edges.csv");
  EXPECT_EQ(listed, (std::vector<std::string>{"0", "1", "2", "3"}));
  auto list = ParseEdgeList(*r, {.weighted = true});
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_TRUE(AddListedNodes(listed, *list).ok());
  EXPECT_EQ(list->nodes, (std::vector<std::string>{"0", "1", "2", "3"}));
  // In a folder, without gprops.csv: the same.
  ASSERT_TRUE(
      pl::testing::WriteZip(path, {{"net/nodes.csv", "0\n1\n"}, {"net/edges.csv", "0,1\n"}}));
  listed.clear();
  r = ReadZippedNetworkFile(path, 1 << 20, member, &listed);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(member, "net/edges.csv");
  EXPECT_EQ(listed, (std::vector<std::string>{"0", "1"}));
  ASSERT_TRUE(pl::testing::WriteZip(path, {{"edges.csv", "0,1\n"}, {"nodes.csv", ",a\n"}}));
  EXPECT_EQ(ReadZippedNetworkFile(path, 1 << 20, member, &listed).status().message(),
            "nodes.csv: line 1 has no node index in its first field");
  for (const std::vector<pl::testing::ZipEntry>& other :
       std::vector<std::vector<pl::testing::ZipEntry>>{
           {{"edges.csv", "0,1\n"}, {"nodes.csv", "0\n"}, {"more.csv", "0,1\n"}},
           {{"a/edges.csv", "0,1\n"}, {"b/nodes.csv", "0\n"}},
           {{"edges.csv", "0,1\n"}, {"gprops.csv", "x\n"}}}) {
    ASSERT_TRUE(pl::testing::WriteZip(path, other));
    auto refused = ReadZippedNetworkFile(path, 1 << 20, member, &listed);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("unzip it and name the one"), std::string::npos);
  }
}

// Matrix Market as SuiteSparse and Network Repository write it: entry (i, j) a tie from node i
// to node j, by their 1-based numbers; every declared node kept; "symmetric" both ways.
TEST(GraphFileTest, MatrixMarketCoordinateFiles) {
  const std::string symmetric =
      "%%MatrixMarket matrix coordinate real symmetric\r\n"
      "% a comment\r\n"
      "\r\n"
      "5 5 4\r\n"
      "2 1 2.5\r\n"
      "3 2 1\r\n"
      "3 3 7\r\n"
      "4 1 0.5\r\n";
  EXPECT_EQ(SniffGraphFormat(symmetric), GraphFormat::kMatrixMarket);
  EXPECT_EQ(SniffGraphFormat("%%matrixmarket matrix coordinate pattern general\n1 1 0\n"),
            GraphFormat::kMatrixMarket);
  EXPECT_EQ(SniffGraphFormat("% sym unweighted\n1 2\n"), GraphFormat::kEdgeList);  // KONECT
  EXPECT_STREQ(FormatName(GraphFormat::kMatrixMarket), "Matrix Market");
  auto w = ParseGraphFile(symmetric, GraphFormat::kMatrixMarket, {.weighted = true});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->nodes, (std::vector<std::string>{"1", "2", "3", "4", "5"}));  // 5 isolated
  EXPECT_TRUE(w->undirected_file);
  EXPECT_EQ(w->lines, 4);
  EXPECT_EQ(w->self_loops, 1);
  EXPECT_EQ(Sorted(Ties(*w)), Sorted({{"2", "1", 2.5},
                                      {"1", "2", 2.5},
                                      {"3", "2", 1.0},
                                      {"2", "3", 1.0},
                                      {"4", "1", 0.5},
                                      {"1", "4", 0.5}}));
  auto unweighted = ParseGraphFile(symmetric, GraphFormat::kMatrixMarket, {});
  ASSERT_TRUE(unweighted.ok());
  EXPECT_EQ(std::get<2>(Ties(*unweighted)[0]), 1.0);
  auto general =
      ParseGraphFile("%%MatrixMarket matrix coordinate pattern general\n3 3 2\n1 2\n3 2\n",
                     GraphFormat::kMatrixMarket, {});
  ASSERT_TRUE(general.ok()) << general.status().message();
  EXPECT_FALSE(general->undirected_file);
  EXPECT_EQ(Ties(*general), (std::vector<Tie>{{"1", "2", 1.0}, {"3", "2", 1.0}}));
  // --undirected makes a general file's entries ties both ways.
  EXPECT_EQ(ParseGraphFile("%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 2\n",
                           GraphFormat::kMatrixMarket, {.undirected = true})
                ->ties.size(),
            2u);

  auto refused = [](const std::string& text, const std::string& says, EdgeListOptions o = {}) {
    auto r = ParseGraphFile(text, GraphFormat::kMatrixMarket, o);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  const std::string head = "%%MatrixMarket matrix coordinate real general\n";
  refused("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n",
          "line 1: a network is a Matrix Market \"matrix coordinate\" file");
  refused("%%MatrixMarket matrix coordinate complex general\n2 2 1\n1 2 1 0\n",
          "line 1: entries of type 'complex' are not tie weights");
  refused("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 1\n",
          "line 1: a 'skew-symmetric' matrix is not a network");
  refused("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 2\n",
          "--weighted, but a \"pattern\" Matrix Market file has no values", {.weighted = true});
  refused(head + "2 3 1\n1 2 1\n", "line 2: a 2 × 3 matrix is not a network's");
  refused(head + "2 2\n1 2 1\n", "line 2: the size line must be \"rows columns entries\"");
  refused(head + "% only a comment\n", "has no size line");
  refused(head + "2 2 1\n1 3 1\n", "line 3: entry (1, 3) is outside the 2 × 2 matrix");
  refused(head + "2 2 1\n0 1 1\n", "line 3: entry (0, 1) is outside");
  refused(head + "2 2 1\n1 2\n", "line 3: an entry is \"row column value\"");
  refused(head + "2 2 1\n1 2 x\n", "line 3: value 'x' is not a number");
  refused(head + "2 2 1\n1 2 -1\n", "line 3: weight '-1' is not a number above 0",
          {.weighted = true});
  refused(head + "2 2 1\n1 2 1\n2 1 1\n", "line 4: more entries than the 1 the size line");
  refused(head + "2 2 2\n1 2 1\n", "the size line declares 2 entries, the file has 1");
  refused(head + "0 0 0\n", "the Matrix Market file has no nodes (a 0 × 0 matrix)");
  refused(head + "200000000 200000000 1\n1 2 1\n", "more than 100,000,000 nodes");
  // A count of entries the file cannot hold is refused when its entries end, having made room
  // only for what the file could hold (room for 99,999,999 ties took 5 GB).
  refused("%%MatrixMarket matrix coordinate pattern symmetric\n1000000 1000000 99999999\n1 2\n",
          "the size line declares 99999999 entries, the file has 1");
}

// UCINET DL (the Krackhardt data's and many classic networks' format), read with igraph's reader:
// a full 0/1 matrix with labels, and a weighted edge list with its labels embedded.
TEST(GraphFileTest, UcinetDlMatricesAndEdgeLists) {
  const std::string matrix =
      "DL N=4\nformat = fullmatrix\nlabels:\nana,ben,cy,dee\ndata:\n"
      "0 1 0 0\n1 0 1 0\n0 0 0 0\n0 0 1 1\n";
  EXPECT_EQ(SniffGraphFormat(matrix), GraphFormat::kDL);
  EXPECT_EQ(SniffGraphFormat("  dl n = 2\n"), GraphFormat::kDL);
  EXPECT_EQ(SniffGraphFormat("dlx y\n"), GraphFormat::kEdgeList);  // a node named "dlx"
  EXPECT_STREQ(FormatName(GraphFormat::kDL), "UCINET DL");
  auto m = ParseGraphFile(matrix, GraphFormat::kDL, {});
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->nodes, (std::vector<std::string>{"ana", "ben", "cy", "dee"}));
  EXPECT_FALSE(m->undirected_file);
  EXPECT_EQ(m->self_loops, 1);  // dee's diagonal
  EXPECT_EQ(
      Sorted(Ties(*m)),
      Sorted({{"ana", "ben", 1.0}, {"ben", "ana", 1.0}, {"ben", "cy", 1.0}, {"dee", "cy", 1.0}}));
  auto e =
      ParseGraphFile("dl n=3\nformat = edgelist1\nlabels embedded:\ndata:\na b 2\nb c 1\nc a 4\n",
                     GraphFormat::kDL, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"a", "b", 2.0}, {"b", "c", 1.0}, {"c", "a", 4.0}}));
  // igraph's reader takes a full matrix of 0s and 1s only, and says so.
  auto bad = ParseGraphFile("DL N=2\nformat = fullmatrix\ndata:\n0 2\n1 0\n", GraphFormat::kDL, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not a readable UCINET DL file: Unexpected digit '2'"),
            std::string::npos)
      << bad.status().message();
}

// A node a file declares costs memory whether it is named or not: a 40-byte Pajek or DL file
// declaring 50 million nodes took over a minute and 5-9 GB inside igraph's readers. Up to
// 1,000,000 nodes, or one a byte of the file, are taken; more are refused before reading.
TEST(GraphFileTest, DeclaredNodesBoundedByTheFilesSize) {
  auto refused = [](const std::string& text, GraphFormat format, const std::string& what) {
    auto r = ParseGraphFile(text, format, {});
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(what), std::string::npos) << r.status().message();
  };
  const std::string arcs = "*Arcs\n1 2\n";
  const std::string pajek = "*Vertices 50000000\n" + arcs;
  refused(pajek, GraphFormat::kPajek,
          "line 1: the file declares 50000000 nodes but is " + std::to_string(pajek.size()) +
              " bytes long: up to 1,000,000 nodes, or one for each byte of the file, are taken");
  refused("% a comment\n*Network x\n  *vertices   1000001\n" + arcs, GraphFormat::kPajek,
          "line 3: the file declares 1000001 nodes");
  refused("DL N=50000000\nformat = edgelist1\ndata:\n1 2\n", GraphFormat::kDL,
          "line 1: the file declares 50000000 nodes");
  refused("dl\nnr = 3, nc = 2000000\nformat = edgelist1\ndata:\n1 2\n", GraphFormat::kDL,
          "line 2: the file declares 2000000 nodes");
  refused("%%MatrixMarket matrix coordinate pattern general\n2000000 2000000 1\n1 2\n",
          GraphFormat::kMatrixMarket, "line 2: the file declares 2000000 nodes");
  // Counts as igraph's readers take them: after a vertical tab or form feed (blanks to them),
  // with a '+' sign, on a line ended by a lone carriage return.
  refused("*Vertices\v50000000\n" + arcs, GraphFormat::kPajek, "the file declares 50000000 nodes");
  refused("*Vertices +50000000\n" + arcs, GraphFormat::kPajek, "the file declares 50000000 nodes");
  refused("DL\fN\t=\v50000000\rformat = edgelist1\rdata:\r1 2\r", GraphFormat::kDL,
          "line 1: the file declares 50000000 nodes");
  // What follows the header (a label here) does not count; 1,000,000 declared nodes are taken
  // from any file.
  auto dl = ParseGraphFile("DL N=3\nformat = edgelist1\nlabels:\nn=9000000,b,c\ndata:\n1 2\n",
                           GraphFormat::kDL, {});
  ASSERT_TRUE(dl.ok()) << dl.status().message();
  EXPECT_EQ(dl->nodes, (std::vector<std::string>{"n=9000000", "b", "c"}));
  auto pj = ParseGraphFile("*Vertices 1000000\n" + arcs, GraphFormat::kPajek, {});
  ASSERT_TRUE(pj.ok()) << pj.status().message();
  EXPECT_EQ(pj->nodes.size(), 1000000u);
  // Past 1,000,000, one node a byte: 1,000,008 declared in a file of 1,000,008 bytes.
  std::string big = "*Vertices 1000008\n" + arcs;
  big += "%" + std::string(1000008 - big.size() - 2, 'x') + "\n";
  ASSERT_EQ(big.size(), 1000008u);
  auto fits = ParseGraphFile(big, GraphFormat::kPajek, {});
  ASSERT_TRUE(fits.ok()) << fits.status().message();
  EXPECT_EQ(fits->nodes.size(), 1000008u);
  big.pop_back();
  refused(big, GraphFormat::kPajek, "line 1: the file declares 1000008 nodes but is 1000007");
}

// A DL edge or node list names its nodes 1 to N: a number outside is refused, naming its line,
// before igraph's reader (which made room up to it first: node 400,000,000 took 21 s and
// 6.2 GB). Weights and embedded labels are not node numbers (nor are a full matrix's values).
TEST(GraphFileTest, DlNodeNumbersWithinTheDeclaredCount) {
  auto refused = [](const std::string& text, const std::string& what) {
    auto r = ParseGraphFile(text, GraphFormat::kDL, {});
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(what), std::string::npos) << r.status().message();
  };
  refused("DL N=2\nformat = edgelist1\ndata:\n1 2\n1 400000000\n",
          "line 5: node 400000000 is outside the 1 to 2 the header declares (N=2)");
  refused("dl n=3 format=nodelist1\ndata:\n1 2 3\n2, 0\n", "line 4: node 0 is outside");
  // Split and read as igraph's lexer does: a vertical tab is a blank, a lone carriage return
  // ends a line (so the second pair's numbers are node numbers), a '+' sign is taken.
  refused("DL N=2\nformat = edgelist1\ndata:\n1 2\n1 400000000\v\n",
          "line 5: node 400000000 is outside");
  refused("DL N=2\rformat = edgelist1\rdata:\r1 2 1\r2 400000000\r",
          "line 5: node 400000000 is outside");
  refused("DL N=2\r\nformat = edgelist1\r\ndata:\r\n1 +400000000\r\n",
          "line 4: node +400000000 is outside");
  // "data:" where igraph's lexer finds it: after the format on its line (a vertical tab is a
  // blank), and with data after it on the same line (igraph made room for 3.2 GB).
  refused("DL N=2\nformat = edgelist1\vdata:\n1 2\n1 400000000\v\n",
          "line 4: node 400000000 is outside");
  refused("dl n=2 format = edgelist1 DATA: 1 400000000\n", "line 1: node 400000000 is outside");
  refused("DL N=2\nformat = nodelist1 data: 1 2\n2 1 0\n", "line 3: node 0 is outside");
  auto same_line =
      ParseGraphFile("DL N=3\nformat = edgelist1\vdata:\n1 2\n3 1\n", GraphFormat::kDL, {});
  ASSERT_TRUE(same_line.ok()) << same_line.status().message();
  EXPECT_EQ(Ties(*same_line), (std::vector<Tie>{{"1", "2", 1.0}, {"3", "1", 1.0}}));
  auto one_line = ParseGraphFile("dl n=3\nformat = edgelist1 data: 1 2\n", GraphFormat::kDL, {});
  ASSERT_TRUE(one_line.ok()) << one_line.status().message();
  EXPECT_EQ(one_line->nodes, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(Ties(*one_line), (std::vector<Tie>{{"1", "2", 1.0}}));
  auto weighted = ParseGraphFile("DL N=2\nformat = edgelist1\ndata:\n1 2 500000000\n",
                                 GraphFormat::kDL, {.weighted = true});
  ASSERT_TRUE(weighted.ok()) << weighted.status().message();
  EXPECT_EQ(Ties(*weighted), (std::vector<Tie>{{"1", "2", 500000000.0}}));
  auto named = ParseGraphFile(
      "dl n=2\nformat = edgelist1\nlabels embedded:\ndata:\nn9 n400000000\n", GraphFormat::kDL, {});
  ASSERT_TRUE(named.ok()) << named.status().message();
  EXPECT_EQ(named->nodes, (std::vector<std::string>{"n9", "n400000000"}));
}

// GEXF: node ids as names in the file's order; the graph's defaultedgetype (undirected where
// missing) and each edge's type; weights (1 where missing) only when asked for.
TEST(GraphFileTest, GexfEdgeTypesAndWeights) {
  constexpr const char* kGexf = R"(<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta><creator>Gephi 0.10</creator></meta>
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node"><attribute id="0" title="team" type="string"/></attributes>
    <nodes>
      <node id="n1" label="Ada"><attvalues><attvalue for="0" value="a"/></attvalues>
        <viz:position x="1" y="2"/></node>
      <node id="n2" label="Bo"/>
      <node id="n3" label="Cy"/>
      <node id="n4" label="Di"/>
    </nodes>
    <edges>
      <edge id="0" source="n1" target="n2" weight="2.5"/>
      <edge id="1" source="n2" target="n3" type="undirected"/>
      <edge id="2" source="n3" target="n3" weight="4"/>
      <edge id="3" source="n1" target="n2" weight="0.5" type="directed"/>
      <edge id="4" source="n4" target="n1" type="mutual" weight="3"/>
    </edges>
  </graph>
</gexf>
)";
  auto e = ParseGraphFile(kGexf, GraphFormat::kGEXF, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"n1", "n2", "n3", "n4"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"n1", "n2", 1},
                                        {"n2", "n3", 1},
                                        {"n3", "n2", 1},
                                        {"n1", "n2", 1},
                                        {"n4", "n1", 1},
                                        {"n1", "n4", 1}}));
  EXPECT_EQ(e->lines, 5);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_FALSE(e->undirected_file);
  auto w = ParseGraphFile(kGexf, GraphFormat::kGEXF, {.weighted = true});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Ties(*w), (std::vector<Tie>{{"n1", "n2", 2.5},
                                        {"n2", "n3", 1},
                                        {"n3", "n2", 1},
                                        {"n1", "n2", 0.5},
                                        {"n4", "n1", 3},
                                        {"n1", "n4", 3}}));

  // --weight NAME: the <attvalue> of the edge attribute titled NAME (Gephi's own columns).
  constexpr const char* kTitled = R"(<gexf version="1.3"><graph defaultedgetype="directed">
  <attributes class="node"><attribute id="0" title="count" type="integer"/></attributes>
  <attributes class="edge"><attribute id="0" title="count" type="integer"/>
    <attribute id="1" title="kind" type="string"/></attributes>
  <nodes><node id="a"><attvalues><attvalue for="0" value="9"/></attvalues></node>
    <node id="b"/></nodes>
  <edges>
    <edge source="a" target="b" weight="5"><attvalues><attvalue for="1" value="x"/>
      <attvalue for="0" value="3"/></attvalues></edge>
    <edge source="b" target="a"><attvalues><attvalue for="0" value="0.25"/></attvalues></edge>
  </edges></graph></gexf>)";
  auto t = ParseGraphFile(kTitled, GraphFormat::kGEXF, {.weighted = true, .weight_name = "count"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Ties(*t), (std::vector<Tie>{{"a", "b", 3}, {"b", "a", 0.25}}));
  auto own =
      ParseGraphFile(kTitled, GraphFormat::kGEXF, {.weighted = true, .weight_name = "weight"});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(Ties(*own), (std::vector<Tie>{{"a", "b", 5}, {"b", "a", 1}}));
  EXPECT_EQ(ParseGraphFile(kTitled, GraphFormat::kGEXF, {.weighted = true, .weight_name = "kind"})
                .status()
                .message(),
            "line 8: edge 1 ('a' to 'b'): 'kind' 'x' is not a number above 0");
  EXPECT_EQ(ParseGraphFile(kTitled, GraphFormat::kGEXF, {.weighted = true, .weight_name = "size"})
                .status()
                .message(),
            "line 8: --weight 'size': no edge attribute of that title is declared before the "
            "edges (<attributes class=\"edge\">)");
  std::string missing = kTitled;
  const std::string quarter = "<attvalue for=\"0\" value=\"0.25\"/>";
  missing.replace(missing.find(quarter), quarter.size(), "");
  EXPECT_EQ(ParseGraphFile(missing, GraphFormat::kGEXF, {.weighted = true, .weight_name = "count"})
                .status()
                .message(),
            "line 10: edge 2 ('b' to 'a') has no 'count'");

  // No defaultedgetype: undirected, as the format has it.
  auto u = ParseGraphFile(
      "<gexf><graph><nodes><node id=\"a\"/><node id=\"b\"/></nodes>"
      "<edges><edge source=\"a\" target=\"b\"/></edges></graph></gexf>",
      GraphFormat::kGEXF, {});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->undirected_file);
  EXPECT_EQ(Ties(*u), (std::vector<Tie>{{"a", "b", 1}, {"b", "a", 1}}));
}

TEST(GraphFileTest, GexfFaultsAreNamed) {
  auto fault = [](const std::string& body, const EdgeListOptions& o = {}) {
    auto e = ParseGraphFile(body, GraphFormat::kGEXF, o);
    return e.ok() ? std::string("read") : e.status().message();
  };
  auto graph = [](const std::string& type, const std::string& inner) {
    return "<?xml version=\"1.0\"?>\n<gexf>\n<graph" + type + ">\n<nodes><node id=\"a\"/>" +
           "<node id=\"b\"/></nodes>\n<edges>\n" + inner + "\n</edges></graph></gexf>\n";
  };
  EXPECT_EQ(fault(graph("", "<edge source=\"a\" target=\"b\" type=\"directed\"/>")),
            "line 6: edge 1 is directed in an undirected graph: give the <graph> "
            "defaultedgetype=\"directed\" (its undirected edges then count both ways)");
  EXPECT_EQ(fault(graph(" defaultedgetype=\"sideways\"", "")),
            "line 3: defaultedgetype 'sideways' is not directed, undirected or mutual");
  EXPECT_EQ(fault(graph("", "<edge source=\"a\" target=\"zed\"/>")),
            "line 6: edge 1: target 'zed' is not a node declared before it");
  EXPECT_EQ(fault(graph("", "<edge target=\"a\"/>")), "line 6: edge 1 has no source");
  EXPECT_EQ(fault(graph("", "<edge source=\"a\" target=\"b\" weight=\"-2\"/>"), {.weighted = true}),
            "line 6: edge 1 ('a' to 'b'): weight '-2' is not a number above 0");
  EXPECT_EQ(fault(graph("", "<edge source=\"a\" target=\"b\" weight=\"x\"/>")), "read");
  EXPECT_EQ(fault(graph("", "<edge source=\"a\" target=\"b\"/>"), {.weighted = true}),
            "--weighted, but the GEXF file's edges have no \"weight\"");
  EXPECT_EQ(fault("<gexf><graph><nodes/><edges/></graph></gexf>"), "the GEXF file has no nodes");
  EXPECT_EQ(fault("<gexf><graph><nodes><node id=\"a\"/><node id=\"a\"/></nodes></graph></gexf>"),
            "line 1: node 'a' is declared twice");
  EXPECT_EQ(fault("<gexf><graph><nodes><node label=\"x\"/></nodes></graph></gexf>"),
            "line 1: a <node> without an id");
  EXPECT_EQ(fault("<gexf><graph></graph><graph></graph></gexf>"),
            "line 1: a second <graph>: one graph a file is read");
  EXPECT_EQ(fault("<gexf><meta/></gexf>"), "the GEXF file has no <graph>");
  EXPECT_EQ(fault("<graphml><graph/></graphml>"), "line 1: the document is <graphml>, not <gexf>");
  const std::string broken = fault(graph("", "<edge source=\"a\" target=\"b\">"));
  EXPECT_TRUE(broken.starts_with("not a readable GEXF file: line 7: ")) << broken;
  // Entities: a document type declaration is refused before anything in it is read, so neither
  // an external entity (a local file) nor an internal one's expansion is.
  EXPECT_EQ(fault("<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [<!ENTITY x SYSTEM "
                  "\"file:///etc/passwd\">]>\n<gexf><graph><nodes><node id=\"&x;\"/>"
                  "</nodes></graph></gexf>"),
            "line 2: a document type declaration (<!DOCTYPE>) is not read");
  EXPECT_EQ(fault("<!DOCTYPE gexf [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                  "<gexf/>"),
            "line 1: a document type declaration (<!DOCTYPE>) is not read");
}

// Node-link JSON as NetworkX writes it (undirected unless "directed" is true; "links" or
// "edges"; ids strings or numbers) and as D3's older examples do (nodes by "name", links by
// place).
TEST(GraphFileTest, NodeLinkJson) {
  auto e = ParseGraphFile(
      R"({"directed": true, "multigraph": false, "graph": {},
          "nodes": [{"id": "ann"}, {"id": 7}, {"id": "cy"}, {"id": 2.5}],
          "links": [{"source": "ann", "target": 7, "weight": 2},
                    {"source": 7, "target": "cy", "weight": 0.5},
                    {"source": "cy", "target": "cy", "weight": 1},
                    {"source": "ann", "target": 7, "weight": 3}]})",
      GraphFormat::kNodeLinkJson, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"ann", "7", "cy", "2.5"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"ann", "7", 2}, {"7", "cy", 0.5}, {"ann", "7", 3}}));
  EXPECT_EQ(e->lines, 4);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_FALSE(e->undirected_file);

  // No "directed": undirected (NetworkX's rule); "edges" and "value"; no "nodes": the links' own.
  auto u = ParseGraphFile(R"({"edges": [{"source": "x", "target": "y", "value": 4}]})",
                          GraphFormat::kNodeLinkJson, {.weighted = true});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->undirected_file);
  EXPECT_EQ(u->nodes, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(Ties(*u), (std::vector<Tie>{{"x", "y", 4}, {"y", "x", 4}}));

  // D3's older files: names, and links by place from 0; repeated names: the places as names.
  auto d3 = ParseGraphFile(
      R"({"nodes": [{"name": "Myriel", "group": 1}, {"name": "Napoleon", "group": 1},
                    {"name": "Fantine", "group": 2}],
          "links": [{"source": 1, "target": 0, "value": 1}, {"source": 2, "target": 0}]})",
      GraphFormat::kNodeLinkJson, {});
  ASSERT_TRUE(d3.ok()) << d3.status().ToString();
  EXPECT_EQ(d3->nodes, (std::vector<std::string>{"Myriel", "Napoleon", "Fantine"}));
  EXPECT_EQ(Sorted(Ties(*d3)), (std::vector<Tie>{{"Fantine", "Myriel", 1},
                                                 {"Myriel", "Fantine", 1},
                                                 {"Myriel", "Napoleon", 1},
                                                 {"Napoleon", "Myriel", 1}}));
  auto same = ParseGraphFile(
      R"({"nodes": [{"name": "a"}, {"name": "a"}], "links": [{"source": 0, "target": 1}]})",
      GraphFormat::kNodeLinkJson, {});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->nodes, (std::vector<std::string>{"0", "1"}));

  // --weight NAME: that key of each link (and no other); a link without it is named.
  constexpr const char* kNamed =
      R"({"directed": true, "links": [{"source": "a", "target": "b", "weight": 9, "n": 2},
                                       {"source": "b", "target": "a", "n": 0.5}]})";
  auto n =
      ParseGraphFile(kNamed, GraphFormat::kNodeLinkJson, {.weighted = true, .weight_name = "n"});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(Ties(*n), (std::vector<Tie>{{"a", "b", 2}, {"b", "a", 0.5}}));
  EXPECT_EQ(
      ParseGraphFile(kNamed, GraphFormat::kNodeLinkJson, {.weighted = true}).status().message(),
      "link 2 ('b' to 'a') has no weight");
  EXPECT_EQ(
      ParseGraphFile(kNamed, GraphFormat::kNodeLinkJson, {.weighted = true, .weight_name = "size"})
          .status()
          .message(),
      "--weighted, but the JSON file's links have no 'size'");
}

// Cytoscape's JSON (the desktop's .cyjs export, Cytoscape.js): "elements" as an object of
// "nodes" and "edges" or as one array told apart by "group", the fields in each "data".
TEST(GraphFileTest, CytoscapeJson) {
  auto e = ParseGraphFile(
      R"({"format_version": "1.0", "generated_by": "cytoscape-3.10.1", "directed": true,
          "data": {"name": "advice"},
          "elements": {"nodes": [{"data": {"id": "52", "name": "ann", "SUID": 52}, "position": {"x": 1, "y": 2}},
                                 {"data": {"id": "53", "name": "bo"}}, {"data": {"id": "54"}}],
                       "edges": [{"data": {"id": "60", "source": "52", "target": "53", "weight": 2.5}},
                                 {"data": {"source": "53", "target": "54", "weight": 1}}]}})",
      GraphFormat::kNodeLinkJson, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"52", "53", "54"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"52", "53", 2.5}, {"53", "54", 1}}));
  EXPECT_FALSE(e->undirected_file);

  auto flat = ParseGraphFile(
      R"({"elements": [{"group": "nodes", "data": {"id": "a"}}, {"data": {"id": "b"}},
                       {"group": "edges", "data": {"id": "e1", "source": "a", "target": "b"}},
                       {"data": {"source": "b", "target": "b"}}]})",
      GraphFormat::kNodeLinkJson, {});
  ASSERT_TRUE(flat.ok()) << flat.status().ToString();
  EXPECT_TRUE(flat->undirected_file);
  EXPECT_EQ(flat->nodes, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Ties(*flat), (std::vector<Tie>{{"a", "b", 1}, {"b", "a", 1}}));
  EXPECT_EQ(flat->self_loops, 1);

  auto fault = [](const std::string& body) {
    auto r = ParseGraphFile(body, GraphFormat::kNodeLinkJson, {});
    return r.ok() ? std::string("read") : r.status().message();
  };
  EXPECT_EQ(fault(R"({"elements": {"nodes": [{"id": "a"}], "edges": []}})"),
            "node 1 has no \"data\" object");
  EXPECT_EQ(fault(R"({"elements": [{"data": {"id": "a"}}, {"group": "edges"}]})"),
            "element 2 has no \"data\" object");
  EXPECT_EQ(fault(R"({"elements": {"nodes": [{"data": {"id": "a"}}],
                                   "edges": [{"data": {"source": "a", "target": "z"}}]}})"),
            "link 1: target 'z' is not among the nodes");
  EXPECT_EQ(fault(R"({"elements": {"nodes": {}}})"), "\"elements\".\"nodes\" is not an array");
  EXPECT_EQ(fault(R"({"elements": 3})"), "\"elements\" is not an object or an array");
  EXPECT_EQ(fault(R"({"elements": {"nodes": []}})"), "the JSON file has no nodes");
}

TEST(GraphFileTest, NodeLinkJsonFaultsAreNamed) {
  auto fault = [](const std::string& body, const EdgeListOptions& o = {}) {
    auto e = ParseGraphFile(body, GraphFormat::kNodeLinkJson, o);
    return e.ok() ? std::string("read") : e.status().message();
  };
  const std::string shape =
      "a JSON network is an object with \"nodes\" and \"links\" (or \"edges\"), as NetworkX's "
      "node_link_data writes it, or Cytoscape's \"elements\"";
  EXPECT_EQ(fault(R"([{"source": 1, "target": 2}])"), shape);
  EXPECT_EQ(fault(R"({"nodes": [{"id": 1}]})"), shape);
  EXPECT_TRUE(fault(R"({"links": [{"source": 1, "target": 2})").starts_with("not readable JSON"))
      << fault(R"({"links": [{"source": 1, "target": 2})");
  EXPECT_EQ(
      fault("{\"links\": [\n  {\"source\": 1, \"target\": 2},\n  {\"source\": 1 \"target\": 3}]}"),
      "not readable JSON at line 3, column 16: The JSON document has an improper structure: "
      "missing or superfluous commas, braces, missing keys, etc.");
  EXPECT_EQ(fault(R"({"directed": "yes", "links": []})"),
            "\"directed\" is '\"yes\"', not true or false");
  EXPECT_EQ(fault(R"({"links": {"source": 1}})"), "\"links\" is not an array");
  EXPECT_EQ(fault(R"({"links": []})"), "the JSON file has no nodes");
  EXPECT_EQ(fault(R"({"nodes": [{"id": "a"}], "links": [{"source": "a", "target": "b"}]})"),
            "link 1: target 'b' is not among the nodes");
  EXPECT_EQ(fault(R"({"nodes": [{"id": "a"}, {"id": "a"}], "links": []})"),
            "node 'a' is declared twice");
  EXPECT_EQ(fault(R"({"nodes": [{"id": "a"}, {"group": 2}], "links": []})"),
            "node 2 has no \"id\"");
  EXPECT_EQ(fault(R"({"nodes": [{"id": [1]}], "links": []})"),
            "node 1: id '[1]' is not a string or a number");
  EXPECT_EQ(fault(R"({"links": [{"source": "a"}]})"), "link 1 has no \"target\"");
  EXPECT_EQ(fault(R"({"links": [{"source": null, "target": "a"}]})"),
            "link 1: source 'null' is not a string or a number");
  EXPECT_EQ(fault(R"({"links": ["a"]})"), "link 1 is not an object");
  EXPECT_EQ(
      fault(R"({"nodes": [{"name": "a"}, {"name": "b"}], "links": [{"source": 0, "target": 2}]})"),
      "link 1: target '2' is not a place in \"nodes\" (0 to 1)");
  EXPECT_EQ(fault(R"({"links": [{"source": "a", "target": "b\u0001"}]})"),
            "node 'b?' holds a control character");
  EXPECT_EQ(fault(R"({"links": [{"source": "a", "target": "b"}]})", {.weighted = true}),
            "--weighted, but the JSON file's links have no \"weight\" (or \"value\")");
  EXPECT_EQ(fault(R"({"links": [{"source": "a", "target": "b", "weight": 1},
                                {"source": "b", "target": "c"}]})",
                  {.weighted = true}),
            "link 2 ('b' to 'c') has no weight");
  EXPECT_EQ(
      fault(R"({"links": [{"source": "a", "target": "b", "weight": "2"}]})", {.weighted = true}),
      "link 1 ('a' to 'b'): weight '\"2\"' is not a number above 0");
}

// An adjacency matrix as R's write.csv writes it: the header's order is the nodes'; rows in any
// order; a value other than 0 a tie from the row to the column, its weight when asked for.
TEST(GraphFileTest, AdjacencyMatrixCsv) {
  constexpr const char* kMatrix =
      "\"\",\"ann\",\"bo\",\"cy\"\r\n"
      "\"cy\",0,0,2\r\n"
      "\"ann\",0,1,0.5\r\n"
      "\"bo\", 0 ,,3\r\n";
  auto e = ParseGraphFile(kMatrix, GraphFormat::kAdjacencyMatrix, {});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"ann", "bo", "cy"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"ann", "bo", 1}, {"ann", "cy", 1}, {"bo", "cy", 1}}));
  EXPECT_EQ(e->lines, 4);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_FALSE(e->undirected_file);
  auto w = ParseGraphFile(kMatrix, GraphFormat::kAdjacencyMatrix,
                          {.weighted = true, .undirected = true});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(Ties(*w), (std::vector<Tie>{{"ann", "bo", 1},
                                        {"bo", "ann", 1},
                                        {"ann", "cy", 0.5},
                                        {"cy", "ann", 0.5},
                                        {"bo", "cy", 3},
                                        {"cy", "bo", 3}}));
}

// R's write.csv2 and spreadsheets in decimal-comma locales: semicolons, values like 0,5.
TEST(GraphFileTest, AdjacencyMatrixWithSemicolons) {
  constexpr const char* kMatrix = "\"\";\"ann\";\"bo\"\n\"ann\";0;1,5\n\"bo\";0,25;0\n";
  EXPECT_EQ(SniffGraphFormat(kMatrix), GraphFormat::kAdjacencyMatrix);
  EXPECT_EQ(SniffGraphFormat(";a;b\na;0;1\nb;1;0\n"), GraphFormat::kAdjacencyMatrix);
  auto e = ParseGraphFile(kMatrix, GraphFormat::kAdjacencyMatrix, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"ann", "bo"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"ann", "bo", 1.5}, {"bo", "ann", 0.25}}));
}

TEST(GraphFileTest, AdjacencyMatrixFaultsAreNamed) {
  auto fault = [](const std::string& body) {
    auto e = ParseGraphFile(body, GraphFormat::kAdjacencyMatrix, {});
    return e.ok() ? std::string("read") : e.status().message();
  };
  EXPECT_EQ(fault(",a,b\na,0,1\nb,1,x\n"),
            "line 3: row 'b', column 'b': value 'x' is not a number of 0 or more");
  EXPECT_EQ(fault(",a,b\na,0,-1\nb,1,0\n"),
            "line 2: row 'a', column 'b': value '-1' is not a number of 0 or more");
  EXPECT_EQ(fault(",a,b\na,0,1\nc,1,0\n"), "line 3: row 'c' is not one of the header's people");
  EXPECT_EQ(fault(",a,b\na,0,1\na,1,0\n"), "line 3: row 'a' comes twice");
  EXPECT_EQ(fault(",a,b\na,0,1,1\nb,1,0\n"), "line 2: row 'a' has 3 values, the header 2 people");
  EXPECT_EQ(fault(",a,b,c\na,0,1,0\n"),
            "the header names 3 people, the rows 1 (no row for 'b', 'c')");
  EXPECT_EQ(fault(",a,a\na,0,1\n"), "line 1: node 'a' names two columns");
  EXPECT_EQ(fault(",a,\na,0,1\n"), "line 1: column 3: node '' is empty");
  EXPECT_EQ(fault(",a\na,0\n"), "line 1: an adjacency matrix names two people or more");
  EXPECT_EQ(fault(",source,target,weight\n0,a,b,1\n1,b,c,2\n"),
            "line 1: the header names the columns 'source' and 'target', not people: an edge "
            "list written with an unnamed index column first (pandas' to_csv without "
            "index=False)? Write it without the index, or drop the first column");
  EXPECT_EQ(fault(",a,b\na,0,1\nb,\"1,0\n"),
            "line 3: a quoted field opened here is never closed (add the closing \")");
}

// Hostile or damaged files: each of the readers written here (edge lists, Matrix Market, GEXF,
// node-link JSON, adjacency matrices), given thousands of mangled copies of a good file (bytes
// changed, cut, repeated, inserted), either reads it or refuses it with a message; none crashes
// or hangs (run under the asan preset this also finds reads out of bounds).
// graph-tool's binary format: either byte order, every property kind and value type skipped or
// read, weights from a property of any numeric type (long double as x87 writes it).
TEST(GraphFileTest, GraphToolBinaryAsGraphToolWritesIt) {
  EXPECT_EQ(SniffGraphFormat(GtFile(false)), GraphFormat::kGraphTool);
  EXPECT_EQ(GraphFormatNamed("GT"), GraphFormat::kGraphTool);
  for (bool big : {false, true}) {
    SCOPED_TRACE(big ? "big-endian" : "little-endian");
    const std::string file = GtFile(big);
    auto e = ParseGraphFile(file, GraphFormat::kGraphTool, {});
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->nodes, (std::vector<std::string>{"0", "1", "2", "3"}));
    EXPECT_FALSE(e->undirected_file);
    EXPECT_EQ(e->lines, 6);
    EXPECT_EQ(e->self_loops, 1);
    EXPECT_EQ(Ties(*e),
              (std::vector<Tie>{
                  {"0", "1", 1}, {"0", "2", 1}, {"1", "2", 1}, {"2", "3", 1}, {"3", "0", 1}}));
    auto w = ParseGraphFile(file, GraphFormat::kGraphTool, {.weighted = true});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ(Ties(*w),
              (std::vector<Tie>{
                  {"0", "1", 1.5}, {"0", "2", 2}, {"1", "2", 0.25}, {"2", "3", 3}, {"3", "0", 1}}));
    auto c =
        ParseGraphFile(file, GraphFormat::kGraphTool, {.weighted = true, .weight_name = "count"});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(Ties(*c),
              (std::vector<Tie>{
                  {"0", "1", 1}, {"0", "2", 2}, {"1", "2", 3}, {"2", "3", 5}, {"3", "0", 6}}));
    auto on =
        ParseGraphFile(file, GraphFormat::kGraphTool, {.weighted = true, .weight_name = "on"});
    ASSERT_FALSE(on.ok());
    EXPECT_EQ(on.status().message(),
              "--weight 'on': the gt file's edge property of that name holds bool, not numbers");
    auto pos =
        ParseGraphFile(file, GraphFormat::kGraphTool, {.weighted = true, .weight_name = "pos"});
    ASSERT_FALSE(pos.ok());
    EXPECT_EQ(pos.status().message(),
              std::string("--weighted, but the gt file's edges have no numeric 'pos' property "
                          "(numeric ones: 'weight', 'count'") +
                  (big ? "" : ", 'big'") + "; --weight NAME reads one)");
  }
  auto l = ParseGraphFile(GtFile(false), GraphFormat::kGraphTool,
                          {.weighted = true, .weight_name = "big"});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(Ties(*l),
            (std::vector<Tie>{
                {"0", "1", 0.5}, {"0", "2", 1}, {"1", "2", 2}, {"2", "3", 4}, {"3", "0", 1e300}}));
  auto u = ParseGraphFile(GtFile(false, /*directed=*/false), GraphFormat::kGraphTool, {});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->undirected_file);
  EXPECT_EQ(Sorted(Ties(*u)), (std::vector<Tie>{{"0", "1", 1},
                                                {"0", "2", 1},
                                                {"0", "3", 1},
                                                {"1", "0", 1},
                                                {"1", "2", 1},
                                                {"2", "0", 1},
                                                {"2", "1", 1},
                                                {"2", "3", 1},
                                                {"3", "0", 1},
                                                {"3", "2", 1}}));
}

// Vertex numbers take 1 byte up to 255 vertices and 2 from 256 on, as graph-tool writes them.
TEST(GraphFileTest, GraphToolBinaryIndexWidthFollowsTheVertexCount) {
  for (const uint64_t n : {uint64_t{255}, uint64_t{256}}) {
    const size_t width = n <= 255 ? 1 : 2;
    GtWriter w(false);
    w.Str("").Byte(1).U(n, 8);
    for (uint64_t v = 0; v < n; ++v) {
      if (v == 0 || v == n - 1) {
        w.U(1, 8).U(v == 0 ? n - 1 : 0, width);
      } else {
        w.U(0, 8);
      }
    }
    w.U(0, 8);
    auto e = ParseGraphFile(w.bytes(), GraphFormat::kGraphTool, {});
    ASSERT_TRUE(e.ok()) << n << ": " << e.status().ToString();
    EXPECT_EQ(e->nodes.size(), n);
    const std::string last = std::to_string(n - 1);
    EXPECT_EQ(Ties(*e), (std::vector<Tie>{{"0", last, 1}, {last, "0", 1}}));
  }
}

TEST(GraphFileTest, GraphToolBinaryFaultsAreNamed) {
  const std::string good = GtFile(false);
  // Cut anywhere, the file is refused, never read past its end.
  for (size_t cut = 0; cut < good.size(); ++cut) {
    auto e = ParseGraphFile(good.substr(0, cut), GraphFormat::kGraphTool, {.weighted = true});
    ASSERT_FALSE(e.ok()) << cut;
    ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument) << cut;
  }
  auto refused = [](const std::string& bytes, const EdgeListOptions& o = {}) {
    auto e = ParseGraphFile(bytes, GraphFormat::kGraphTool, o);
    return e.ok() ? std::string("read") : e.status().message();
  };
  EXPECT_EQ(refused(good.substr(0, 88)),
            "the gt file ends early, at byte 88, in vertex 3's neighbours");
  EXPECT_EQ(refused(good.substr(0, 60)),
            "the gt file declares 4 vertices, more than its 60 bytes can hold");
  EXPECT_EQ(refused(good + "x"), "the gt file has 1 bytes after its last property map, from byte " +
                                     std::to_string(good.size()));
  EXPECT_EQ(refused(GtWriter(false, 2).Str("").bytes()),
            "the gt file is of version 2; version 1 is read");
  std::string order = good;
  order[7] = 2;
  EXPECT_EQ(refused(order),
            "the gt file's byte order (byte 7) is 2, neither 0 (little-endian) nor 1 (big-endian)");
  EXPECT_EQ(refused(GtWriter(false).Str("").Byte(1).U(uint64_t{1} << 60, 8).bytes()),
            "the gt file declares 1152921504606846976 vertices, more than its 25 bytes can hold");
  EXPECT_EQ(refused(GtWriter(false).Str("").Byte(1).U(0, 8).U(0, 8).bytes()),
            "the gt file has no vertices");
  EXPECT_EQ(
      refused(GtWriter(false).Str("").Byte(1).U(2, 8).U(1, 8).Byte(7).U(0, 8).U(0, 8).bytes()),
      "byte 33: vertex 0's neighbour 7 is not a vertex (the file has 2)");
  GtWriter head(false);
  head.Str("").Byte(0).U(2, 8).U(1, 8).Byte(1).U(0, 8).U(1, 8);
  EXPECT_EQ(refused(GtWriter(head).Property(3, "x", 0).Byte(0).bytes()),
            "property map 1 ('x') is of kind 3: neither 0 (graph), 1 (vertex) nor 2 (edge)");
  EXPECT_EQ(refused(GtWriter(head).Property(2, "x", 15).Byte(0).bytes()),
            "property map 1 ('x') has value type 15, which the gt format does not have");
  EXPECT_EQ(refused(GtWriter(head).Property(2, "weight", 4).Double(0).bytes(), {.weighted = true}),
            "edge 1 (0 -- 1): weight 0 is not a number above 0");
  EXPECT_EQ(
      refused(GtWriter(head).Property(2, "weight", 6).Str("2").bytes(), {.weighted = true}),
      "--weight 'weight': the gt file's edge property of that name holds string, not numbers");
  EXPECT_EQ(refused(GtWriter(head).Property(2, "weight", 4).Double(2).bytes(), {.weighted = true}),
            "read");
}

TEST(GraphFileTest, MangledFilesAreReadOrRefusedWithAMessage) {
  const std::vector<std::pair<GraphFormat, std::string>> good = {
      {GraphFormat::kEdgeList, "# c\nsource,target,weight\na,b,2\nb,\"c d\",1.5\nc d,a,3\n"},
      {GraphFormat::kEdgeList, "1 2\n2 3 4\n3 1\n"},
      {GraphFormat::kMatrixMarket,
       "%%MatrixMarket matrix coordinate real symmetric\n% c\n4 4 4\n2 1 2.5\n3 2 1\n4 3 0.5\n"
       "4 4 1\n"},
      {GraphFormat::kGEXF,
       "<?xml version=\"1.0\"?>\n<gexf version=\"1.3\"><graph defaultedgetype=\"directed\">"
       "<nodes><node id=\"a\" label=\"A\"/><node id=\"b\"/><node id=\"c\"/></nodes><edges>"
       "<edge source=\"a\" target=\"b\" weight=\"2\"/><edge source=\"b\" target=\"c\" "
       "type=\"mutual\"/></edges></graph></gexf>\n"},
      {GraphFormat::kNodeLinkJson,
       R"({"directed": true, "nodes": [{"id": "a"}, {"id": 2}, {"id": "c"}], "links": [{"source": "a", "target": 2, "weight": 1.5}, {"source": 2, "target": "c", "value": 2}]})"},
      {GraphFormat::kNodeLinkJson,
       R"({"nodes": [{"name": "x"}, {"name": "y"}], "links": [{"source": 0, "target": 1}]})"},
      {GraphFormat::kNodeLinkJson,
       R"({"directed": true, "elements": {"nodes": [{"data": {"id": "a"}}, {"data": {"id": "b"}}], "edges": [{"data": {"source": "a", "target": "b", "weight": 2}}]}})"},
      {GraphFormat::kAdjacencyMatrix,
       "\"\",\"a\",\"b\",\"c\"\n\"a\",0,1,2\n\"b\",1,0,0\n\"c\",0,3,0\n"},
      {GraphFormat::kGraphTool, GtFile(false)},
      {GraphFormat::kGraphTool, GtFile(true, false)},
  };
  std::mt19937 rng(2026);
  const std::string noise = "\"<>{}[],:;&#%\n\r\t 0-.e9\\/!x\xC3\xA9\xFF";
  int read = 0, refused = 0;
  for (const auto& [format, text] : good) {
    for (int round = 0; round < 1500; ++round) {
      const std::string m = pl::testing::Mangle(text, rng, 4, noise);
      for (bool weighted : {false, true}) {
        auto e = ParseGraphFile(m, format, {.weighted = weighted});
        if (e.ok()) {
          ++read;
          for (const auto& t : e->ties) {
            ASSERT_TRUE(t.src >= 0 && t.src < static_cast<int64_t>(e->nodes.size()) && t.dst >= 0 &&
                        t.dst < static_cast<int64_t>(e->nodes.size()) && t.src != t.dst &&
                        t.weight > 0)
                << FormatName(format) << ": " << m;
          }
        } else {
          ++refused;
          ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument)
              << FormatName(format) << ": " << e.status().ToString() << "\n"
              << m;
          ASSERT_FALSE(e.status().message().empty()) << m;
        }
      }
    }
  }
  EXPECT_GT(read, 1000);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace pl::ingest
