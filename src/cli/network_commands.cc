#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "cli/commands.h"
#include "cli/internal/common.h"
#include "core/text.h"
#include "core/time.h"
#include "graph/graph.h"
#include "ingest/compressed.h"
#include "ingest/csv.h"
#include "ingest/edge_list.h"
#include "ingest/graph_file.h"
#include "ingest/spreadsheet.h"
#include "network/analysis.h"
#include "network/groups.h"
#include "network/layout.h"
#include "network/node_results.h"
#include "network/truth.h"

namespace pl::cli {
namespace {

constexpr size_t kMaxEdgeListBytes = size_t{4} << 30;  // read or expanded

constexpr size_t kMaxTruthBytes = size_t{64} << 20;

// Above this many nodes a GEXF output is written without positions.
constexpr size_t kMostLaidOut = 100'000;

// Whether some tie u -> v has v -> u beside it.
bool AnyTieBothWays(const graph::Graph& g) {
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    for (uint32_t w : g.OutNeighbors(v)) {
      const auto back = g.OutNeighbors(w);
      if (std::binary_search(back.begin(), back.end(), v)) return true;
    }
  }
  return false;
}

}  // namespace

Status RunCheckFindings(const Config& config, const std::string& truth_file, int64_t snapshot,
                        bool json) {
  ASSIGN_OR_RETURN(const std::string text, internal::ReadFile(truth_file, kMaxTruthBytes));
  auto truth = network::ParseKnownTruth(text);
  if (!truth.ok()) return truth.status().WithContext(truth_file);
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  if (snapshot == 0) {
    ASSIGN_OR_RETURN(snapshot, internal::NewestSnapshot(*s, 0));
  }
  ASSIGN_OR_RETURN(network::Snapshot snap, s->LoadSnapshot(snapshot));
  ASSIGN_OR_RETURN(std::vector<Person> people, s->AllPeople(true));
  std::unordered_map<int64_t, std::string> employee_id;
  std::unordered_map<std::string, const Person*> by_employee;
  for (const Person& p : people) {
    employee_id[p.id.value] = p.external_id;
    by_employee[p.external_id] = &p;
  }
  auto scores = network::ScoreFindings(snap, *truth, employee_id);
  if (!scores.ok()) return scores.status().WithContext(truth_file);
  if (json) {
    const nlohmann::json out = {{"snapshot", snapshot},
                                {"taken_at", FormatTimestamp(snap.taken_at)},
                                {"truth", truth_file},
                                {"scores", network::FindingScoresJson(*scores)}};
    std::cout << out.dump(1) << "\n";
    return OkStatus();
  }
  std::cout << "snapshot " << snapshot << " (" << FormatTimestamp(snap.taken_at) << ") against "
            << truth_file << ":\n"
            << internal::DescribeFindingScores(*scores, "  ");
  // Who (or which team) was missed, and found beyond the truth: the first ten of each.
  auto who = [&](const std::string& key) {
    auto it = by_employee.find(key);
    if (it == by_employee.end()) return key;  // a team path
    const Person& p = *it->second;
    return p.external_id + " " + p.name + (p.team_path.empty() ? "" : " (" + p.team_path + ")");
  };
  for (const network::FindingScore& f : *scores) {
    for (const auto& [title, list] :
         {std::pair<const char*, const std::vector<std::string>*>{"missed", &f.missed},
          {"found beyond the truth", &f.unexpected}}) {
      if (list->empty()) continue;
      std::cout << "  " << f.finding << ", " << title << ":";
      for (size_t i = 0; i < list->size() && i < 10; ++i) {
        std::cout << (i ? "; " : " ") << who((*list)[i]);
      }
      if (list->size() > 10) std::cout << "; and " << list->size() - 10 << " more";
      std::cout << "\n";
    }
  }
  return OkStatus();
}

Status RunNetworkFile(const NetworkFileOptions& o) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::optional<ingest::GraphFormat> named;
  if (!o.format.empty() && !(named = ingest::GraphFormatNamed(o.format))) {
    return InvalidArgument("--format must be " + std::string(ingest::kGraphFormatNames) + " (got " +
                           ingest::Shown(o.format) + ")");
  }
  // "-": standard input (zcat … | peerlearn network -), named "stdin" in messages.
  const bool from_stdin = o.file == "-";
  const std::string name = from_stdin ? "stdin" : o.file;
  ASSIGN_OR_RETURN(std::string bytes, from_stdin ? internal::ReadStdin(kMaxEdgeListBytes)
                                                 : internal::ReadFile(o.file, kMaxEdgeListBytes));
  if (from_stdin && ingest::LooksLikeZip(bytes)) {
    return InvalidArgument(
        "stdin: a zip (or a workbook) is read from its file, not from standard "
        "input: give its path");
  }
  // A zip: a spreadsheet (.xlsx, .ods), whose first sheet is read as the CSV it would save (an edge
  // list or a matrix), or a zip of one network file (Network Repository's), read as that file.
  std::string member;
  std::vector<std::string> listed_nodes;  // Netzschleuder's nodes.csv, beside its edges.csv
  if (ingest::LooksLikeZip(bytes)) {
    auto book = ingest::IsSpreadsheet(o.file);
    if (!book.ok()) return book.status().WithContext(o.file);
    auto inside =
        *book ? ingest::SpreadsheetAsCsv(o.file, kMaxEdgeListBytes)
              : ingest::ReadZippedNetworkFile(o.file, kMaxEdgeListBytes, member, &listed_nodes);
    if (!inside.ok()) return inside.status().WithContext(o.file);
    bytes = std::move(*inside);
  }
  // Compressed (.gz, .zst, .bz2, .xz), and a tar archive of the network beside its readme
  // (KONECT's .tar.bz2), whose file may be compressed in turn.
  auto text = ingest::Decompressed(std::move(bytes), kMaxEdgeListBytes);
  if (text.ok() && member.empty() && ingest::LooksLikeTar(*text)) {
    auto inside = ingest::OneNetworkFileInTar(*text, kMaxEdgeListBytes, member);
    if (!inside.ok()) return inside.status().WithContext(o.file);
    text = ingest::Decompressed(std::move(*inside), kMaxEdgeListBytes);
  }
  const std::string where = member.empty() ? name : name + ": " + member;  // for messages
  if (!text.ok()) return text.status().WithContext(where);
  text = ingest::TableTextAsUtf8(std::move(*text));  // Excel's "Unicode Text", say
  if (!text.ok()) return text.status().WithContext(where);
  const ingest::GraphFormat format = named ? *named : ingest::SniffGraphFormat(*text);
  const bool weighted = o.weighted || !o.weight.empty();
  if (o.lengths && !weighted) {
    return InvalidArgument(
        "--lengths reads the weights as lengths: give --weighted or --weight NAME too");
  }
  const ingest::EdgeListOptions read{
      .weighted = weighted, .undirected = o.undirected, .weight_name = o.weight};
  auto list = format == ingest::GraphFormat::kEdgeList
                  ? ingest::ParseEdgeList(*text, read)
                  : ingest::ParseGraphFile(*text, format, read);
  if (!list.ok()) return list.status().WithContext(where);
  for (const std::string& w : list->warnings) std::cerr << where << ": warning: " << w << "\n";
  int64_t untied = 0;  // nodes listed beside the ties and named by none
  if (!listed_nodes.empty()) {
    auto added = ingest::AddListedNodes(listed_nodes, *list);
    if (!added.ok()) return added.status().WithContext(o.file + ": nodes.csv");
    untied = *added;
    listed_nodes = {};
  }
  // Ties both ways: asked for, or the file says its graph is undirected.
  const bool undirected = o.undirected || list->undirected_file;
  text->clear();
  text->shrink_to_fit();
  graph::BuildParams build;
  build.extra_nodes = list->AllNodes();  // a node seen only in self-loops is still a node
  const graph::Graph g = graph::Build(list->ties, build);
  // --lengths: the path metrics walk a second graph whose ties weigh their shortest length, as
  // igraph and NetworkX walk the shortest of parallel edges (the first keeps them summed, as
  // strengths, for PageRank, constraint and communities).
  std::optional<graph::Graph> lengths;
  if (o.lengths) {
    auto& ties = list->ties;
    std::sort(ties.begin(), ties.end(),
              [](const graph::Interaction& a, const graph::Interaction& b) {
                return std::tie(a.src, a.dst, a.weight) < std::tie(b.src, b.dst, b.weight);
              });
    ties.erase(std::unique(ties.begin(), ties.end(),
                           [](const graph::Interaction& a, const graph::Interaction& b) {
                             return a.src == b.src && a.dst == b.dst;
                           }),
               ties.end());
    lengths = graph::Build(ties, build);
  }
  list->ties.clear();
  list->ties.shrink_to_fit();
  const auto t_read = Clock::now();

  // The analysis's limits (betweenness sampled above 20,000 nodes where nodes × ties passes 1.5e10,
  // closeness left out above 200,000 nodes; 5,000, 2.5e9 and 20,000 weighted), unless asked
  // otherwise.
  network::AnalysisParams params;
  params.metrics = {.damping = o.damping,
                    .weighted = weighted,
                    .lengths = lengths ? &*lengths : nullptr,
                    .undirected = undirected,
                    .threads = o.threads};
  params.communities = {
      .resolution = o.resolution, .seed = o.seed, .weighted = weighted, .threads = o.threads};
  if (o.exact) params.AlwaysExact();
  if (o.sample > 0) params.AlwaysSampled(o.sample);
  ASSIGN_OR_RETURN(network::BoundedMetrics bounded, network::ComputeMetricsWithinLimits(g, params));
  const network::PersonMetrics& m = bounded.metrics;
  std::ostringstream notes;
  notes.precision(3);
  if (bounded.betweenness_sources > 0) {
    notes << "; betweenness estimated from " << bounded.betweenness_sources << " sampled sources"
          << " (with probability " << 1 - bounded.betweenness_delta
          << " every normalised value within " << bounded.betweenness_epsilon
          << " of the exact one; --exact for exact values)";
  }
  if (!bounded.closeness_computed) {
    notes << "; closeness left out above " << params.ClosenessMaxPeople()
          << " nodes (--exact computes it)";
  }
  ASSIGN_OR_RETURN(network::Communities c, network::FindCommunities(g, params.communities));
  const auto t_analyse = Clock::now();

  // The format asked for by the output's name (.graphml, .gexf, .json; else CSV); a GEXF file
  // gets positions for Gephi where the layout takes seconds, not minutes.
  const auto out_format =
      o.out.empty() ? network::NodeResultsFormat::kCsv : network::NodeResultsFormatOf(o.out);
  std::optional<network::Layout> layout;
  if (out_format == network::NodeResultsFormat::kGexf && g.num_nodes() <= kMostLaidOut) {
    const auto t_layout = Clock::now();
    ASSIGN_OR_RETURN(layout, network::ComputeLayout(g, {.seed = o.seed}));
    notes << "; laid out for Gephi in "
          << std::chrono::duration<double>(Clock::now() - t_layout).count() << " s";
  } else if (out_format == network::NodeResultsFormat::kGexf) {
    notes << "; not laid out above " << kMostLaidOut << " nodes (Gephi lays it out)";
  }
  // Undirected: each line was a tie both ways, so shortest paths were counted in both
  // directions; halved, betweenness is the undirected convention's (unordered pairs).
  const network::NodeResults results{.graph = g,
                                     .names = list->nodes,
                                     .metrics = m,
                                     .community = c.membership,
                                     .betweenness_scale = undirected ? 0.5 : 1.0,
                                     .undirected = undirected,
                                     .layout = layout ? &*layout : nullptr};
  if (o.out.empty()) {
    if (!network::WriteNodeResults(out_format, results, std::cout).ok()) {
      return Unavailable("cannot write the output");
    }
  } else {
    RETURN_IF_ERROR(internal::WriteFileWhole(o.out, [&](std::ostream& out) {
      return network::WriteNodeResults(out_format, results, out);
    }));
  }
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::ostringstream s;
  s.precision(3);
  // An edge list is counted in lines, a graph file in edges.
  const bool edge_list = format == ingest::GraphFormat::kEdgeList;
  const std::string unit = edge_list ? "line" : "edge";
  s << name << ": ";
  if (edge_list) {
    s << list->lines << " lines ("
      << (list->separator == ','    ? "comma"
          : list->separator == ';'  ? "semicolon"
          : list->separator == '\t' ? "tab"
                                    : "whitespace")
      << "-separated" << (list->header ? ", a header" : "")
      << (list->undirected_file ? ", undirected as the file says" : "") << ")";
  } else {
    s << ingest::FormatName(format) << ", " << list->lines << " edges"
      << (list->undirected_file ? " (an undirected graph)" : "");
  }
  if (untied > 0) {
    s << ", " << untied << (untied == 1 ? " node" : " nodes") << " without ties from nodes.csv";
  }
  s << ", " << list->self_loops << " self-loops left out → " << g.num_nodes() << " nodes, "
    << g.num_edges() << " ties (" << (undirected ? "each " + unit + " both ways" : "directed")
    << (weighted ? ", weighted" + (o.weight.empty() ? "" : " by " + ingest::Shown(o.weight)) +
                       (o.lengths ? ", the weights lengths in paths" : "")
                 : ", repeated " + unit + "s summed into strengths, unweighted metrics")
    << "); " << c.count << " communities, modularity " << c.modularity << notes.str()
    << "; reading " << secs(t0, t_read) << " s, analysing " << secs(t_read, t_analyse) << " s\n";
  // An edge list read as directed in which no tie has its way back is often an undirected
  // network written one line per tie (SNAP's facebook_combined, say): said, not guessed.
  if (edge_list && !undirected && g.num_edges() > 1 && !AnyTieBothWays(g)) {
    s << name << ": note: none of the " << g.num_edges()
      << " ties also runs the other way; if each line is an undirected tie, --undirected reads "
         "it both ways\n";
  }
  std::cerr << s.str();
  return OkStatus();
}

}  // namespace pl::cli
