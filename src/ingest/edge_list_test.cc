#include "ingest/edge_list.h"

#include <gtest/gtest.h>

namespace pl::ingest {
namespace {

struct Tie {
  int64_t src, dst;
  double weight;
  bool operator==(const Tie&) const = default;
};

std::vector<Tie> Ties(const EdgeList& e) {
  std::vector<Tie> out;
  for (const auto& x : e.ties) out.push_back({x.src, x.dst, x.weight});
  return out;
}

// SNAP's layout: '#' comments, tab- or space-separated numbers, CRLF tolerated; names kept in the
// order they first appear; a self-loop keeps its node and is counted, not a tie.
TEST(EdgeListTest, SnapStyleWithCommentsSelfLoopsAndCrlf) {
  auto e = ParseEdgeList(
      "# Directed graph: x.txt\r\n# FromNodeId\tToNodeId\r\n30\t4\r\n4 30\r\n\r\n7   7\r\n"
      "  % a comment too\n4\t9\n30 4\n",
      {});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->separator, ' ');
  EXPECT_FALSE(e->header);
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"30", "4", "7", "9"}));
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{0, 1, 1}, {1, 0, 1}, {1, 3, 1}, {0, 1, 1}}));
  EXPECT_EQ(e->lines, 5);
  EXPECT_EQ(e->self_loops, 1);
  EXPECT_EQ(e->AllNodes(), (std::vector<int64_t>{0, 1, 2, 3}));
}

// Names with spaces in a whitespace-separated file: quoted (a doubled quote for one inside), or
// between tabs (a tab-separated export of names). A line mixing tabs and spaces between numbers
// is still split at both, and a tab-separated numeric file as before.
TEST(EdgeListTest, QuotedNamesAndNamesBetweenTabs) {
  auto quoted = ParseEdgeList(
      "\"Ann Lee\" \"Bob\" 2\r\n\"Bob\"\t\"Cy \"\"the Rock\"\"\"\t1.5\nCy \"Ann Lee\" 4\n",
      {.weighted = true});
  ASSERT_TRUE(quoted.ok()) << quoted.status().message();
  EXPECT_EQ(quoted->nodes, (std::vector<std::string>{"Ann Lee", "Bob", "Cy \"the Rock\"", "Cy"}));
  EXPECT_EQ(Ties(*quoted), (std::vector<Tie>{{0, 1, 2}, {1, 2, 1.5}, {3, 0, 4}}));
  auto tabs = ParseEdgeList("source\ttarget\tweight\nAnn Lee\tBob Ray\t3\nBob Ray\t Cy\t1\n",
                            {.weighted = true});
  ASSERT_TRUE(tabs.ok()) << tabs.status().message();
  EXPECT_TRUE(tabs->header);
  EXPECT_EQ(tabs->nodes, (std::vector<std::string>{"Ann Lee", "Bob Ray", "Cy"}));
  EXPECT_EQ(Ties(*tabs), (std::vector<Tie>{{0, 1, 3}, {1, 2, 1}}));
  auto mixed = ParseEdgeList("1\t2 5 946684800\n2\t3\t1\n3 1 2\n", {.weighted = true});
  ASSERT_TRUE(mixed.ok()) << mixed.status().message();
  EXPECT_EQ(mixed->nodes, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(Ties(*mixed), (std::vector<Tie>{{0, 1, 5}, {1, 2, 1}, {2, 0, 2}}));
}

// A CSV with a header and quoted names (Krackhardt's "from","to"), weights read only when asked,
// a timestamp after the weight ignored; --undirected makes each line a tie both ways.
TEST(EdgeListTest, CsvWithHeaderQuotesAndWeights) {
  const std::string csv =
      "\"from\",\"to\",\"weight\",\"when\"\n\"A01\",\"B, Inc.\",2.5,2024-01-01\n"
      "# skipped\n\"B, Inc.\",A01,1,x\n";
  auto plain = ParseEdgeList(csv, {});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->separator, ',');
  EXPECT_TRUE(plain->header);
  EXPECT_EQ(plain->nodes, (std::vector<std::string>{"A01", "B, Inc."}));
  EXPECT_EQ(Ties(*plain), (std::vector<Tie>{{0, 1, 1}, {1, 0, 1}}));
  auto weighted = ParseEdgeList("source,target,weight\nA,B,2.5\nB,A,0.5\n", {.weighted = true});
  ASSERT_TRUE(weighted.ok()) << weighted.status().message();
  EXPECT_EQ(Ties(*weighted), (std::vector<Tie>{{0, 1, 2.5}, {1, 0, 0.5}}));
  // Semicolons, as a spreadsheet saves CSV where the decimal separator is a comma.
  auto semicolons =
      ParseEdgeList("Source;Target;Weight\n\"Doe; J\";B;0,5\nB;C;2\n", {.weighted = true});
  ASSERT_TRUE(semicolons.ok()) << semicolons.status().message();
  EXPECT_EQ(semicolons->separator, ';');
  EXPECT_EQ(semicolons->nodes, (std::vector<std::string>{"Doe; J", "B", "C"}));
  EXPECT_EQ(Ties(*semicolons), (std::vector<Tie>{{0, 1, 0.5}, {1, 2, 2}}));
  auto both = ParseEdgeList("a b 3\n", {.weighted = true, .undirected = true});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(Ties(*both), (std::vector<Tie>{{0, 1, 3}, {1, 0, 3}}));
}

// --weight NAME reads the header's column of that name (any case) as the weight.
TEST(EdgeListTest, WeightFromANamedColumn) {
  auto e = ParseEdgeList("source,target,weight,Count\na,b,9,2\nb,a,9,0.5\n",
                         {.weighted = true, .weight_name = "count"});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{0, 1, 2}, {1, 0, 0.5}}));
  EXPECT_EQ(
      ParseEdgeList("from to n\na b\n", {.weighted = true, .weight_name = "n"}).status().message(),
      "line 2: has no weight (field 3, 'n'), and --weighted asks for one");
}

// Gephi's edge table (Data Laboratory's export): the "Weight" column wherever it stands, each
// edge's "Type"; a table of undirected edges only is an undirected graph.
TEST(EdgeListTest, GephiEdgeTable) {
  constexpr const char* kTable =
      "Source,Target,Type,Id,Label,timeset,Weight\n"
      "a,b,Undirected,0,,,2.5\n"
      "b,c,Directed,1,x,,1\n"
      "c,a,,2,,,4\n";
  auto e = ParseEdgeList(kTable, {.weighted = true});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_FALSE(e->undirected_file);
  EXPECT_EQ(Ties(*e), (std::vector<Tie>{{0, 1, 2.5}, {1, 0, 2.5}, {1, 2, 1}, {2, 0, 4}}));
  auto u = ParseEdgeList("Source;Target;Type;Weight\na;b;Undirected;1,5\nb;c;undirected;2\n",
                         {.weighted = true});
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_TRUE(u->undirected_file);
  EXPECT_EQ(Ties(*u), (std::vector<Tie>{{0, 1, 1.5}, {1, 0, 1.5}, {1, 2, 2}, {2, 1, 2}}));
  EXPECT_EQ(ParseEdgeList("source,target,type\na,b,both\n", {}).status().message(),
            "line 2: type 'both' is not Directed or Undirected");
}

// KONECT's out.NAME files: "% sym" undirected, "% asym" directed, "% bip" bipartite (each column
// its own nodes); the second '%' line (counts) a comment; a timestamp after the weight ignored.
TEST(EdgeListTest, KonectHeaders) {
  auto sym = ParseEdgeList("% sym unweighted\n% 2 3 3\n1 2\n2 3 1 1190000000\n", {});
  ASSERT_TRUE(sym.ok()) << sym.status().message();
  EXPECT_TRUE(sym->undirected_file);
  EXPECT_EQ(Ties(*sym), (std::vector<Tie>{{0, 1, 1}, {1, 0, 1}, {1, 2, 1}, {2, 1, 1}}));
  auto asym = ParseEdgeList("% asym posweighted\n1 2 0.5\n", {.weighted = true});
  ASSERT_TRUE(asym.ok()) << asym.status().message();
  EXPECT_FALSE(asym->undirected_file);
  EXPECT_EQ(Ties(*asym), (std::vector<Tie>{{0, 1, 0.5}}));
  auto bip = ParseEdgeList("%  bip  positive\n1 1\n1 2\n2 1\n", {});
  ASSERT_TRUE(bip.ok()) << bip.status().message();
  EXPECT_TRUE(bip->undirected_file);
  EXPECT_EQ(bip->nodes, (std::vector<std::string>{"1:1", "2:1", "2:2", "1:2"}));
  EXPECT_EQ(bip->self_loops, 0);
  EXPECT_EQ(bip->ties.size(), 6u);
  ASSERT_EQ(bip->warnings.size(), 1u);
  EXPECT_NE(bip->warnings[0].find("bipartite"), std::string::npos);
  // The size line ("% EDGES ROWS COLUMNS") counts the nodes without ties too: those no line
  // names are added, numbered from 1 (in a bipartite network, each set's).
  auto sized = ParseEdgeList("% sym unweighted\n% 2 5 5\n4 2\n2 1\n", {});
  ASSERT_TRUE(sized.ok()) << sized.status().message();
  EXPECT_EQ(sized->nodes, (std::vector<std::string>{"4", "2", "1", "3", "5"}));
  EXPECT_EQ(sized->ties.size(), 4u);
  auto sized_bip = ParseEdgeList("% bip unweighted\n% 2 2 3\n1 1\n1 2\n", {});
  ASSERT_TRUE(sized_bip.ok()) << sized_bip.status().message();
  EXPECT_EQ(sized_bip->nodes, (std::vector<std::string>{"1:1", "2:1", "2:2", "1:2", "2:3"}));
  // A size line that does not describe the file (a node past it, a node not a number or written
  // with a leading zero, rows and columns apart in one set, not three numbers, absurdly many):
  // nothing added.
  for (const char* text :
       {"% asym unweighted\n% 2 3 3\n1 2\n2 7\n", "% asym unweighted\n% 2 3 3\n1 2\n2 x\n",
        "% asym unweighted\n% 2 4 4\n1 2\n2 03\n", "% asym unweighted\n% 2 3 4\n1 2\n2 3\n",
        "% asym unweighted\n% 2 3\n1 2\n2 3\n",
        "% asym unweighted\n% 2 9000000000000 9000000000000\n1 2\n2 3\n",
        "% asym unweighted\n1 2\n% 2 5 5\n2 3\n"}) {
    auto e = ParseEdgeList(text, {});
    ASSERT_TRUE(e.ok()) << text;
    EXPECT_EQ(e->nodes.size(), 3u) << text;
  }
  // A comment that only looks like it (not KONECT's words), or not on the first line: nothing.
  for (const char* text : {"% sym metric\n1 2\n", "# x\n% sym unweighted\n1 2\n", "%sym\n1 2\n"}) {
    auto e = ParseEdgeList(text, {});
    ASSERT_TRUE(e.ok()) << text;
    EXPECT_FALSE(e->undirected_file) << text;
    EXPECT_EQ(e->ties.size(), 1u) << text;
  }
}

// SNAP's first line says which way its ties go: "# Undirected graph" (its com-* files list each
// pair once) makes every line a tie both ways; "# Directed graph", even "(each unordered pair of
// nodes is saved once)", leaves each line one tie; the words anywhere else do nothing.
TEST(EdgeListTest, SnapHeaderSaysUndirected) {
  for (const char* text : {"# Undirected graph: ../../data/output/amazon.ungraph.txt\n"
                           "# Nodes: 3 Edges: 2\n# FromNodeId\tToNodeId\n1\t2\n2\t3\n",
                           "  #  undirected Graph (each unordered pair of nodes is saved once): "
                           "CA-GrQc.txt\r\n1 2\r\n2 3\r\n"}) {
    auto e = ParseEdgeList(text, {});
    ASSERT_TRUE(e.ok()) << text;
    EXPECT_TRUE(e->undirected_file) << text;
    EXPECT_EQ(Ties(*e), (std::vector<Tie>{{0, 1, 1}, {1, 0, 1}, {1, 2, 1}, {2, 1, 1}})) << text;
  }
  for (const char* text :
       {"# Directed graph (each unordered pair of nodes is saved once): Email-Enron.txt\n1 2\n"
        "2 3\n",
        "# Nodes: 3\n# Undirected graph: x.txt\n1 2\n2 3\n", "1 2\n# Undirected graph\n2 3\n",
        "% Undirected graph\n1 2\n2 3\n"}) {
    auto e = ParseEdgeList(text, {});
    ASSERT_TRUE(e.ok()) << text;
    EXPECT_FALSE(e->undirected_file) << text;
    EXPECT_EQ(e->ties.size(), 2u) << text;
  }
}

// A header behind a comment mark before the first tie, as Netzschleuder's edges.csv has it
// ("# source, target, weight"), names the columns (--weight reads by it); after a tie, or not
// naming the two ends, such a line stays a comment.
TEST(EdgeListTest, HeaderBehindACommentMark) {
  auto csv = ParseEdgeList("# source, target, time, weight\n0, 1, 5, 2.5\n1,2,6,0.5\n",
                           {.weighted = true});
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_TRUE(csv->header);
  EXPECT_EQ(csv->lines, 2);
  EXPECT_EQ(csv->nodes, (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(Ties(*csv), (std::vector<Tie>{{0, 1, 2.5}, {1, 2, 0.5}}));
  auto named = ParseEdgeList("#source,target,time,weight\n0,1,5,2.5\n",
                             {.weighted = true, .weight_name = "time"});
  ASSERT_TRUE(named.ok()) << named.status().message();
  EXPECT_EQ(Ties(*named), (std::vector<Tie>{{0, 1, 5}}));
  auto spaces = ParseEdgeList("% from to weight\na b 3\n", {.weighted = true});
  ASSERT_TRUE(spaces.ok()) << spaces.status().message();
  EXPECT_TRUE(spaces->header);
  EXPECT_EQ(Ties(*spaces), (std::vector<Tie>{{0, 1, 3}}));
  // Not a header: after the first tie, or other words.
  for (const char* text : {"a,b\n# source, target\nb,c\n", "# x, y\na,b\nb,c\n",
                           "# FromNodeId\tToNodeId\na b\nb c\n"}) {
    auto e = ParseEdgeList(text, {});
    ASSERT_TRUE(e.ok()) << text;
    EXPECT_FALSE(e->header) << text;
    EXPECT_EQ(e->lines, 2) << text;
    EXPECT_EQ(e->nodes.size(), 3u) << text;
  }
}

// Nodes listed apart from the ties (Netzschleuder's nodes.csv) that no tie named are added after
// the others, once each, in the order listed; a name no node can have is refused, naming it.
TEST(EdgeListTest, ListedNodesWithoutTies) {
  auto e = ParseEdgeList("0,1\n1,2\n", {});
  ASSERT_TRUE(e.ok());
  const std::vector<std::string> listed = {"0", "1", "2", "4", "3", "4"};
  auto added = AddListedNodes(listed, *e);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(*added, 2);
  EXPECT_EQ(e->nodes, (std::vector<std::string>{"0", "1", "2", "4", "3"}));
  EXPECT_EQ(e->AllNodes().size(), 5u);
  EXPECT_EQ(e->ties.size(), 2u);
  const std::vector<std::string> bad = {"5", ""};
  EXPECT_EQ(AddListedNodes(bad, *e).status().message(), "listed node 2: name '' is empty");
  EXPECT_EQ(e->nodes.size(), 5u);  // nothing added from a list that is refused
}

// Every fault is named with its line; nothing half-read is returned.
TEST(EdgeListTest, FaultsNameTheLine) {
  struct Case {
    std::string text;
    EdgeListOptions options;
    std::string words;
  } cases[] = {
      {"1 2\n3\n", {}, "line 2: has 1 field"},
      {"1 2 1\n2 3 x\n", {.weighted = true}, "line 2: weight 'x' is not a number above 0"},
      {"1 2 1\n2 3 -1\n", {.weighted = true}, "line 2: weight '-1' is not a number above 0"},
      {"1 2 1\n2 3 nan\n", {.weighted = true}, "line 2: weight 'nan'"},
      {"1 2\n", {.weighted = true}, "line 1: has no weight"},
      {"a,b\n,c\n", {}, "line 2: node name '' is empty"},
      {"a " + std::string(257, 'x') + "\n", {}, "is longer than 256 bytes"},
      {"a \xff\xfe\n", {}, "line 1: node name '\\xff\\xfe' is not valid UTF-8"},
      {"a,\"b\x01\"\n", {}, "holds a control character"},
      {"a,\"b\n", {}, "line 1: a quoted field opened here is never closed"},
      {"# nothing\n\n", {}, "holds no tie"},
      {"source target\n", {}, "holds no tie"},
      {"a,b,2\n", {.weighted = true, .weight_name = "w"}, "line 1: --weight names a column"},
      {"src dst w\na b 1\n",
       {.weighted = true, .weight_name = "x"},
       "--weight 'x': the header has no such column (it has 'src', 'dst', 'w')"},
  };
  for (const auto& c : cases) {
    auto e = ParseEdgeList(c.text, c.options);
    ASSERT_FALSE(e.ok()) << c.text;
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(e.status().message().find(c.words), std::string::npos)
        << c.text << " → " << e.status().message();
  }
}

}  // namespace
}  // namespace pl::ingest
