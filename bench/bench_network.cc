// The network engine on one graph, one operation at a time, for side-by-side runs against the
// peer libraries (bench/network_bench.sh runs both, interleaved).
//
//   bench_network prepare IN OUT        SNAP edge list (.txt or .txt.gz) → "u v" lines with dense
//                                       ids 0..n-1, self-loops and repeats dropped
//   bench_network ba NODES EDGES SEED OUT   a directed Barabási–Albert graph, the same way
//   bench_network run FILE OP [DUMP]    loads FILE, runs OP once, prints "OP SECONDS RESULT";
//                                       DUMP gets the per-node values, one per line
//   bench_network memory FILE OP        the engine's peak memory (graph build + OP) per edge
//   bench_network leiden_seeds FILE N [RUNS]   Leiden's modularity for seeds 1..N and their median
//   bench_network org PEOPLE INTERACTIONS SEED OUT   a generated organisation's interactions,
//                                       one "u v" line each, repeats kept (see Organisation)
//   bench_network run FILE aggregate    times building the weighted graph from FILE's
//                                       interactions (repeats summed into tie weights)
// OPs: pagerank components (weak) strong_components all_components (both) constraint leiden
//      leiden_2t (refinement on two threads)
//      betweenness betweenness_2t (two threads)
//      sampled_betweenness all_metrics closeness closeness_2t (harmonic) coreness
#include <igraph.h>
#include <malloc.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/memory.h"
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

std::vector<pl::graph::Interaction> LoadInteractions(const std::string& path) {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  ReadPairs(path, pairs);
  std::vector<pl::graph::Interaction> xs;
  xs.reserve(pairs.size());
  for (auto [u, v] : pairs) xs.push_back({u, v, pl::graph::Layer::kReply, {}, 1.0});
  return xs;
}

pl::graph::Graph Load(const std::string& path) { return pl::graph::Build(LoadInteractions(path)); }

double Checksum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) {
    if (std::isfinite(x)) s += x;
  }
  return s;
}

// Runs OP on g; fills `values` (per node, where the operation has them) and `result` (a
// checksum). Returns an error message, empty on success.
std::string RunOp(const pl::graph::Graph& g, const std::string& op, std::vector<double>& values,
                  double& result) {
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
    if (!m.ok()) return (m.status().ToString());
    result = Checksum(m->pagerank);
  } else if (op == "closeness" || op == "closeness_2t") {  // harmonic (and closeness), undirected
    values = pl::network::ComputeCloseness(g, op == "closeness" ? 1 : 2).harmonic;
    result = Checksum(values);
  } else if (op == "weighted_closeness" || op == "weighted_closeness_2t") {
    // Dijkstra per person over lengths 1 / strength (here every strength is 1), both measures.
    values = pl::network::ComputeWeightedCloseness(g, op == "weighted_closeness" ? 1 : 2).harmonic;
    result = Checksum(values);
  } else if (op == "weighted_betweenness" || op == "weighted_betweenness_2t") {
    // Brandes over lengths 1 / strength, igraph's rule for equal lengths (every strength 1 here).
    values = pl::network::WeightedBetweenness(g, {}, op == "weighted_betweenness" ? 1 : 2);
    result = Checksum(values);
  } else if (op == "coreness") {
    const auto core = pl::network::Coreness(g, /*directed=*/true);
    values.assign(core.begin(), core.end());
    result = Checksum(values);
  } else if (op == "components") {  // weak, as the peers' "components"
    int64_t count = 0, largest = 0;
    pl::network::WeakComponents(g, count, largest);
    result = static_cast<double>(count);
  } else if (op == "strong_components") {
    int64_t count = 0, largest = 0;
    pl::network::StrongComponentLabels(g, count, largest);
    result = static_cast<double>(count);
  } else if (op == "all_components") {  // what the analysis runs: weak and strong
    auto s = pl::network::ComputeComponents(g);
    if (!s.ok()) return (s.status().ToString());
    result = static_cast<double>(s->weak_components);
  } else if (op == "leiden_weighted") {  // tie strengths (a repeated line's count), one thread
    auto c = pl::network::FindCommunities(
        g, {.resolution = 1.0, .seed = 1, .weighted = true, .threads = 1});
    if (!c.ok()) return (c.status().ToString());
    result = c->modularity;
  } else if (op == "leiden" || op == "leiden_2t" || op == "leiden_1it" || op == "leiden_2it") {
    // leiden_1it and leiden_2it: one thread, 1 and 2 runs (against igraph's 1 and 2 iterations;
    // 2 is the default, as in "leiden")
    auto c = pl::network::FindCommunities(g, {.resolution = 1.0,
                                              .seed = 1,
                                              .weighted = false,
                                              .runs = op == "leiden_1it" ? 1 : 2,
                                              .threads = op == "leiden_2t" ? 2 : 1});
    if (!c.ok()) return (c.status().ToString());
    result = c->modularity;
  } else if (op == "sampled_betweenness") {
    auto b = pl::network::SampleBetweenness(g, 256, 1, 0.01, /*threads=*/1);
    if (!b.ok()) return (b.status().ToString());
    values = b->values;
    result = Checksum(b->values);
  } else {
    return "unknown operation " + op;
  }
  return "";
}

// A generated organisation: people in teams of 10, ten teams to a department; each interaction
// goes from a person (activity heavy-tailed: Zipf over a random order) to someone in their team
// (65%), their department (20%) or anywhere (15%), where one person in fifty is sought three
// times as often (the organisation's go-to people). Fixed seed: the same file every time.
int Organisation(int64_t people, int64_t interactions, uint64_t seed, const std::string& path) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> order(people);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> activity(people);
  for (int64_t i = 0; i < people; ++i) activity[order[i]] = 1.0 / std::pow(i + 1.0, 0.6);
  std::discrete_distribution<int64_t> who(activity.begin(), activity.end());
  std::vector<double> sought(people);
  for (int64_t i = 0; i < people; ++i) sought[i] = rng() % 50 == 0 ? 3.0 : 1.0;
  std::discrete_distribution<int64_t> anyone(sought.begin(), sought.end());
  std::uniform_real_distribution<double> u01(0, 1);
  FILE* out = std::fopen(path.c_str(), "w");
  if (!out) return Fail("cannot write " + path);
  for (int64_t k = 0; k < interactions; ++k) {
    const int64_t a = who(rng);
    int64_t b = a;
    while (b == a) {
      const double r = u01(rng);
      const int64_t team = a / 10, dept = a / 100;
      if (r < 0.65) {
        b = std::min(people - 1, team * 10 + static_cast<int64_t>(rng() % 10));
      } else if (r < 0.85) {
        b = std::min(people - 1, dept * 100 + static_cast<int64_t>(rng() % 100));
      } else {
        b = anyone(rng);
      }
    }
    std::fprintf(out, "%lld %lld\n", static_cast<long long>(a), static_cast<long long>(b));
  }
  std::fclose(out);
  std::cout << people << " people, " << interactions << " interactions\n";
  return 0;
}

// A field of /proc/self/status ("VmRSS:", "VmHWM:"), in bytes.
size_t ProcStatus(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind(key, 0) == 0) return std::stoull(line.substr(std::strlen(key))) * 1024;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  pl::ReturnLargeBlocksWhenFreed();  // as peerlearn itself does
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
  if (cmd == "org" && argc == 6) {
    return Organisation(std::stoll(argv[2]), std::stoll(argv[3]), std::stoull(argv[4]), argv[5]);
  }
  if (cmd == "run" && argc == 4 && std::string(argv[3]) == "aggregate") {
    std::vector<pl::graph::Interaction> xs = LoadInteractions(argv[2]);
    auto t0 = Clock::now();
    pl::graph::Graph g = pl::graph::Build(xs, {});
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("aggregate %.6f %zu\n", secs, g.num_edges());
    return 0;
  }
  if (cmd == "memory" && argc == 4) {
    // The engine's peak memory: building the graph from the interactions, then OP. The loaded
    // interactions are the input and count as the baseline; the peak-RSS mark is reset after
    // loading (Linux clear_refs), so the figure is what the engine itself added at its peak.
    std::vector<pl::graph::Interaction> xs = LoadInteractions(argv[2]);
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
    const size_t base = ProcStatus("VmRSS:");
    pl::graph::Graph g = pl::graph::Build(xs, {});
    const size_t graph_rss = ProcStatus("VmRSS:") - base;
    std::vector<double> values;
    double result = 0;
    if (std::string e = RunOp(g, argv[3], values, result); !e.empty()) return Fail(e);
    const size_t peak = ProcStatus("VmHWM:") - base;
    const double m = static_cast<double>(g.num_edges());
    std::printf("%s edges %zu graph %.1f B/edge peak %.1f B/edge\n", argv[3], g.num_edges(),
                static_cast<double>(graph_rss) / m, static_cast<double>(peak) / m);
    return 0;
  }
  if (cmd == "leiden_seeds" && (argc == 4 || argc == 5)) {
    // Modularity of Leiden (unweighted, as in "run") for seeds 1..N, and their median; RUNS
    // whole runs (the default's when not given).
    pl::graph::Graph g = Load(argv[2]);
    const int runs = argc == 5 ? std::stoi(argv[4]) : pl::network::CommunityParams{}.runs;
    std::vector<double> qs;
    for (uint64_t seed = 1; seed <= std::stoull(argv[3]); ++seed) {
      auto c = pl::network::FindCommunities(
          g, {.seed = seed, .weighted = false, .runs = runs, .threads = 1});
      if (!c.ok()) return Fail(c.status().ToString());
      qs.push_back(c->modularity);
      std::printf("%.5f ", c->modularity);
    }
    std::sort(qs.begin(), qs.end());
    const size_t k = qs.size();
    std::printf("median %.5f\n", k % 2 ? qs[k / 2] : (qs[k / 2 - 1] + qs[k / 2]) / 2);
    return 0;
  }
  if (cmd != "run" || (argc != 4 && argc != 5)) {
    return Fail(
        "usage: bench_network run FILE OP [DUMP] | memory FILE OP | leiden_seeds FILE N [RUNS]");
  }
  pl::graph::Graph g = Load(argv[2]);
  std::string op = argv[3];
  auto t0 = Clock::now();
  double result = 0;
  std::vector<double> values;  // per node, for --dump
  if (std::string e = RunOp(g, op, values, result); !e.empty()) return Fail(e);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("%s %.6f %.10g\n", op.c_str(), secs, result);
  if (argc == 5) {  // one value per line, node order, for comparing with the peers' values
    std::ofstream dump(argv[4]);
    dump.precision(17);
    for (double v : values) dump << v << '\n';
  }
  return 0;
}
