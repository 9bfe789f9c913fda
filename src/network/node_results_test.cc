#include "network/node_results.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "network/groups.h"

namespace pl::network {
namespace {

// Nodes named by the file, in its order; ties added as a reader would give them.
struct Fixture {
  std::vector<std::string> names;
  graph::Graph g;
  PersonMetrics m;
  std::vector<int32_t> community;

  Fixture(std::vector<std::string> n, const std::vector<std::pair<int, int>>& ties, bool both_ways,
          double weight = 1)
      : names(std::move(n)) {
    std::vector<graph::Interaction> list;
    for (auto [a, b] : ties) {
      list.push_back({.src = a, .dst = b, .weight = weight});
      if (both_ways) list.push_back({.src = b, .dst = a, .weight = weight});
    }
    graph::BuildParams p;
    for (size_t i = 0; i < names.size(); ++i) p.extra_nodes.push_back(static_cast<int64_t>(i));
    g = graph::Build(list, p);
    m = *ComputePersonMetrics(g, {.undirected = both_ways});
    community = FindCommunities(g, {})->membership;
  }
  std::string Write(NodeResultsFormat f, bool undirected, const Layout* layout = nullptr) const {
    std::ostringstream out;
    NodeResults r{.graph = g,
                  .names = names,
                  .metrics = m,
                  .community = community,
                  .betweenness_scale = undirected ? 0.5 : 1.0,
                  .undirected = undirected,
                  .layout = layout};
    EXPECT_TRUE(WriteNodeResults(f, r, out).ok());
    return out.str();
  }
};

size_t Count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = 0; (at = s.find(what, at)) != s.npos; at += what.size()) ++n;
  return n;
}

TEST(NodeResultsTest, FormatFromTheOutputName) {
  EXPECT_EQ(NodeResultsFormatOf("out/x.GraphML"), NodeResultsFormat::kGraphml);
  EXPECT_EQ(NodeResultsFormatOf("x.gexf"), NodeResultsFormat::kGexf);
  EXPECT_EQ(NodeResultsFormatOf("x.json"), NodeResultsFormat::kJson);
  EXPECT_EQ(NodeResultsFormatOf("x.csv"), NodeResultsFormat::kCsv);
  EXPECT_EQ(NodeResultsFormatOf("x.txt"), NodeResultsFormat::kCsv);
  EXPECT_EQ(NodeResultsFormatOf("json"), NodeResultsFormat::kCsv);
}

// A path a - b - c, undirected: b lies on the one path between a and c (betweenness 1 as
// unordered pairs), a and c have no effective size... and every format says so.
TEST(NodeResultsTest, UndirectedPathInEveryFormat) {
  Fixture f({"a", "b", "c"}, {{0, 1}, {1, 2}}, true);
  const std::string csv = f.Write(NodeResultsFormat::kCsv, true);
  std::istringstream lines(csv);
  std::string header, a, b;
  std::getline(lines, header);
  std::getline(lines, a);
  std::getline(lines, b);
  EXPECT_EQ(header,
            "node,in_degree,out_degree,in_strength,out_strength,pagerank,betweenness,closeness,"
            "harmonic,constraint,effective_size,coreness,clustering,reciprocity,community");
  // b: degree 2 both ways, strength 2, betweenness 1 (halved from both directions), closeness 1,
  // harmonic 1 (2 / (n - 1)), constraint 0.5, effective size 2, coreness 1, clustering 0.
  EXPECT_TRUE(b.starts_with("b,2,2,2,2,")) << b;
  EXPECT_NE(b.find(",1,1,1,0.5,2,1,0,1,"), std::string::npos) << b;
  EXPECT_TRUE(a.starts_with("a,1,1,1,1,")) << a;

  const std::string graphml = f.Write(NodeResultsFormat::kGraphml, true);
  EXPECT_NE(graphml.find("edgedefault=\"undirected\""), std::string::npos);
  EXPECT_EQ(Count(graphml, "<edge "), 2u);  // each tie once
  EXPECT_NE(graphml.find("<edge source=\"a\" target=\"b\"><data key=\"weight\">1</data>"),
            std::string::npos);
  EXPECT_NE(graphml.find("<node id=\"b\"><data key=\"in_degree\">2</data>"), std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"betweenness\">1</data>"), std::string::npos);

  Layout layout{{0.5, 0, -0.5}, {0.25, 0, 1}};
  const std::string gexf = f.Write(NodeResultsFormat::kGexf, true, &layout);
  EXPECT_NE(gexf.find("defaultedgetype=\"undirected\""), std::string::npos);
  EXPECT_EQ(Count(gexf, "<edge "), 2u);
  EXPECT_EQ(Count(gexf, "<viz:color "), 3u);
  EXPECT_NE(gexf.find("<viz:position x=\"500\" y=\"250\" z=\"0\"/>"), std::string::npos);
  EXPECT_EQ(Count(f.Write(NodeResultsFormat::kGexf, true), "<viz:position"), 0u);

  const std::string json = f.Write(NodeResultsFormat::kJson, true);
  EXPECT_TRUE(json.starts_with("{\"directed\": false, \"multigraph\": false")) << json;
  EXPECT_EQ(Count(json, "\"source\""), 2u);
  EXPECT_NE(json.find("{\"source\": \"b\", \"target\": \"c\", \"weight\": 1}"), std::string::npos);
}

// Directed: every tie written, and its weight the summed strength.
TEST(NodeResultsTest, DirectedTiesWithTheirWeights) {
  Fixture f({"x", "y", "z"}, {{0, 1}, {1, 0}, {1, 2}}, false, 2.5);
  const std::string graphml = f.Write(NodeResultsFormat::kGraphml, false);
  EXPECT_NE(graphml.find("edgedefault=\"directed\""), std::string::npos);
  EXPECT_EQ(Count(graphml, "<edge "), 3u);
  EXPECT_NE(graphml.find("source=\"y\" target=\"x\"><data key=\"weight\">2.5</data>"),
            std::string::npos);
  const std::string json = f.Write(NodeResultsFormat::kJson, false);
  EXPECT_TRUE(json.starts_with("{\"directed\": true")) << json;
  EXPECT_EQ(Count(json, "\"source\""), 3u);
}

// A node without ties has no effective size: empty in CSV, null in JSON, absent in XML. Names
// are escaped for each format, and bytes that are not UTF-8 replaced where XML or JSON need it.
TEST(NodeResultsTest, MissingValuesAndHostileNames) {
  Fixture f({"<a&\"b'>", "c,d", "lone",
             "bad\xff"
             "byte",
             "tab\there"},
            {{0, 1}, {1, 4}}, true);
  const std::string csv = f.Write(NodeResultsFormat::kCsv, true);
  EXPECT_NE(csv.find("\"c,d\","), std::string::npos);
  std::istringstream lines(csv);
  std::string row;
  while (std::getline(lines, row) && !row.starts_with("lone,")) {
  }
  // lone: closeness, constraint and effective size empty; degrees, harmonic, coreness 0.
  std::vector<std::string> field;
  std::istringstream cells(row);
  for (std::string cell; std::getline(cells, cell, ',');) field.push_back(cell);
  ASSERT_EQ(field.size(), 15u) << row;
  EXPECT_EQ(field[1] + field[2] + field[7] + field[8] + field[9] + field[10] + field[11], "0000")
      << row;
  EXPECT_TRUE(field[7].empty() && field[9].empty() && field[10].empty()) << row;

  const std::string graphml = f.Write(NodeResultsFormat::kGraphml, true);
  EXPECT_NE(graphml.find("<node id=\"&lt;a&amp;&quot;b&apos;&gt;\">"), std::string::npos);
  EXPECT_NE(graphml.find("<node id=\"bad\xEF\xBF\xBD"
                         "byte\">"),
            std::string::npos);
  EXPECT_EQ(graphml.find('\xff'), std::string::npos);
  EXPECT_EQ(Count(graphml, "effective_size\">"), 3u);  // the three with ties

  const std::string json = f.Write(NodeResultsFormat::kJson, true);
  EXPECT_NE(json.find("\"id\": \"<a&\\\"b'>\""), std::string::npos);
  EXPECT_NE(json.find("\"id\": \"tab\\u0009here\""), std::string::npos);
  EXPECT_NE(json.find("\"id\": \"bad\xEF\xBF\xBD"
                      "byte\""),
            std::string::npos);
  EXPECT_EQ(Count(json, "\"effective_size\": null"), 2u);  // lone and bad byte
}

// Names that become one when their bad bytes are replaced stay three nodes.
TEST(NodeResultsTest, NamesMadeUtf8StayDistinct) {
  Fixture f({"x\xff", "x\xfe", "x\xEF\xBF\xBD"}, {{0, 1}, {1, 2}}, false);
  const std::string graphml = f.Write(NodeResultsFormat::kGraphml, false);
  for (const char* id : {"<node id=\"x\xEF\xBF\xBD #0\">", "<node id=\"x\xEF\xBF\xBD #1\">",
                         "<node id=\"x\xEF\xBF\xBD\">"}) {
    EXPECT_EQ(Count(graphml, id), 1u) << id;
  }
  EXPECT_NE(graphml.find("<edge source=\"x\xEF\xBF\xBD #1\" target=\"x\xEF\xBF\xBD\">"),
            std::string::npos);
  const std::string json = f.Write(NodeResultsFormat::kJson, false);
  EXPECT_NE(json.find("{\"source\": \"x\xEF\xBF\xBD #0\", \"target\": \"x\xEF\xBF\xBD #1\""),
            std::string::npos);
}

}  // namespace
}  // namespace pl::network
