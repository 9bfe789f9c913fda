// The network engine on one graph, one operation at a time, for side-by-side runs against the
// peer libraries (bench/network_bench.sh runs both, interleaved).
//
//   bench_network prepare IN OUT        SNAP edge list (.txt or .txt.gz) → "u v" lines with dense
//                                       ids 0..n-1, self-loops and repeats dropped
//   bench_network ba NODES EDGES SEED OUT   a directed Barabási–Albert graph, the same way
//   bench_network run FILE OP [DUMP]    loads FILE, runs OP once, prints "OP SECONDS RESULT";
//                                       DUMP gets the per-node values, one per line
// OPs: pagerank components constraint leiden betweenness betweenness_2t (two threads)
//      sampled_betweenness all_metrics
#include <igraph.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "network/centrality.h"
#include "network/groups.h"
#include "network/metrics.h"
#include "network/structure.h"

namespace {

using Clock = std::chrono::steady_clock;

int Fail(const std::string& m) {
  std::cerr << "bench_network: " << m << "\n";
  return 1;
}

// Reads "u v" pairs from a text or gzip file, skipping '#' comments (CRLF tolerated).
bool ReadPairs(const std::string& path, std::vector<std::pair<int64_t, int64_t>>& out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return false;
  char line[256];
  while (gzgets(f, line, sizeof line)) {
    if (line[0] == '#') continue;
    long long u = 0, v = 0;
    if (std::sscanf(line, "%lld %lld", &u, &v) == 2) out.push_back({u, v});
  }
  gzclose(f);
  return true;
}

pl::graph::Graph Load(const std::string& path) {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  ReadPairs(path, pairs);
  std::vector<pl::graph::Interaction> xs;
  xs.reserve(pairs.size());
  for (auto [u, v] : pairs) xs.push_back({u, v, pl::graph::Layer::kReply, {}, 1.0});
  return pl::graph::Build(xs, {});
}

double Checksum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) {
    if (std::isfinite(x)) s += x;
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Fail("usage: bench_network prepare|ba|run ...");
  std::string cmd = argv[1];
  if (cmd == "prepare" && argc == 4) {
    std::vector<std::pair<int64_t, int64_t>> pairs;
    if (!ReadPairs(argv[2], pairs)) return Fail(std::string("cannot read ") + argv[2]);
    std::unordered_map<int64_t, int64_t> dense;
    std::vector<std::pair<int64_t, int64_t>> edges;
    for (auto [u, v] : pairs) {
      if (u == v) continue;
      int64_t a = dense.emplace(u, dense.size()).first->second;
      int64_t b = dense.emplace(v, dense.size()).first->second;
      edges.push_back({a, b});
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    std::ofstream out(argv[3]);
    for (auto [a, b] : edges) out << a << ' ' << b << '\n';
    std::cout << dense.size() << " nodes, " << edges.size() << " edges\n";
    return out ? 0 : Fail("cannot write");
  }
  if (cmd == "ba" && argc == 6) {
    igraph_integer_t n = std::stoll(argv[2]), m = std::stoll(argv[3]) / n;
    igraph_rng_seed(igraph_rng_default(), std::stoull(argv[4]));
    igraph_t g;
    if (igraph_barabasi_game(&g, n, 1, m, nullptr, true, 1, true, IGRAPH_BARABASI_PSUMTREE,
                             nullptr) != IGRAPH_SUCCESS) {
      return Fail("generator failed");
    }
    std::ofstream out(argv[5]);
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); ++e) {
      out << IGRAPH_FROM(&g, e) << ' ' << IGRAPH_TO(&g, e) << '\n';
    }
    std::cout << igraph_vcount(&g) << " nodes, " << igraph_ecount(&g) << " edges\n";
    igraph_destroy(&g);
    return out ? 0 : Fail("cannot write");
  }
  if (cmd != "run" || (argc != 4 && argc != 5))
    return Fail("usage: bench_network run FILE OP [DUMP]");
  pl::graph::Graph g = Load(argv[2]);
  std::string op = argv[3];
  auto t0 = Clock::now();
  double result = 0;
  std::vector<double> values;  // per node, for --dump
  if (op == "pagerank") {
    values = pl::network::PageRank(g, 0.85, false);
    result = Checksum(values);
  } else if (op == "constraint") {
    values = pl::network::ComputeStructuralHoles(g, false).constraint;
    result = Checksum(values);
  } else if (op == "betweenness" || op == "betweenness_2t") {
    values = pl::network::Betweenness(g, {}, op == "betweenness" ? 1 : 2);
    result = Checksum(values);
  } else if (op == "all_metrics") {
    auto m = pl::network::ComputePersonMetrics(g, {});
    if (!m.ok()) return Fail(m.status().ToString());
    result = Checksum(m->pagerank);
  } else if (op == "components") {
    auto s = pl::network::ComputeComponents(g);
    if (!s.ok()) return Fail(s.status().ToString());
    result = static_cast<double>(s->weak_components);
  } else if (op == "leiden") {
    auto c = pl::network::FindCommunities(g, {.resolution = 1.0, .seed = 1, .weighted = false});
    if (!c.ok()) return Fail(c.status().ToString());
    result = c->modularity;
  } else if (op == "sampled_betweenness") {
    auto b = pl::network::SampleBetweenness(g, 256, 1, 0.01, /*threads=*/1);
    if (!b.ok()) return Fail(b.status().ToString());
    values = b->values;
    result = Checksum(b->values);
  } else {
    return Fail("unknown operation " + op);
  }
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("%s %.6f %.10g\n", op.c_str(), secs, result);
  if (argc == 5) {  // one value per line, node order, for comparing with the peers' values
    std::ofstream dump(argv[4]);
    dump.precision(17);
    for (double v : values) dump << v << '\n';
  }
  return 0;
}
