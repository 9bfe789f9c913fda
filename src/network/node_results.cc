#include "network/node_results.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/text.h"
#include "network/internal/markup.h"

namespace pl::network {

using internal::Num;

namespace {

// A result column: its name, whether it is a whole number, and its value at a graph index.
struct Column {
  const char* name;
  bool integer;
  double (*get)(const NodeResults&, uint32_t);
};

const std::vector<Column>& Columns() {
  static const std::vector<Column> kColumns = {
      {"in_degree", true,
       [](const NodeResults& r, uint32_t v) { return double(r.metrics.in_degree[v]); }},
      {"out_degree", true,
       [](const NodeResults& r, uint32_t v) { return double(r.metrics.out_degree[v]); }},
      {"in_strength", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.in_strength[v]; }},
      {"out_strength", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.out_strength[v]; }},
      {"pagerank", false, [](const NodeResults& r, uint32_t v) { return r.metrics.pagerank[v]; }},
      {"betweenness", false,
       [](const NodeResults& r, uint32_t v) {
         return r.metrics.betweenness[v] * r.betweenness_scale;
       }},
      {"closeness", false, [](const NodeResults& r, uint32_t v) { return r.metrics.closeness[v]; }},
      {"harmonic", false, [](const NodeResults& r, uint32_t v) { return r.metrics.harmonic[v]; }},
      {"constraint", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.constraint[v]; }},
      {"effective_size", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.effective_size[v]; }},
      {"coreness", true,
       [](const NodeResults& r, uint32_t v) { return double(r.metrics.coreness[v]); }},
      {"clustering", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.clustering[v]; }},
      {"reciprocity", false,
       [](const NodeResults& r, uint32_t v) { return r.metrics.reciprocity[v]; }},
      {"community", true, [](const NodeResults& r, uint32_t v) { return double(r.community[v]); }},
  };
  return kColumns;
}

// A whole number as such (a community of 3, not 3.0 or 3e0), any other value shortest.
std::string Value(const Column& c, double v) {
  if (c.integer && std::isfinite(v)) return std::to_string(static_cast<int64_t>(v));
  return Num(v);
}

// Calls tie(i, j, weight) for each tie between the file's nodes i and j, in the file's order of
// i and then of the graph's neighbours; an undirected network's ties once each (i < j).
template <class F>
void ForEachTie(const NodeResults& r, F&& tie) {
  const graph::Graph& g = r.graph;
  for (size_t i = 0; i < r.names.size(); ++i) {
    const uint32_t v = *g.IndexOf(static_cast<int64_t>(i));
    const auto targets = g.OutNeighbors(v);
    const auto weights = g.OutWeights(v);
    for (size_t k = 0; k < targets.size(); ++k) {
      const auto j = static_cast<size_t>(g.IdOf(targets[k]));
      if (r.undirected && j < i) continue;
      tie(i, j, weights[k]);
    }
  }
}

// The names as UTF-8, each still naming one node: a name whose bad bytes were replaced and so
// came to equal another node's name gets " #i" (its place in the file) added until it is unique.
std::vector<std::string> Utf8Names(const std::vector<std::string>& names) {
  std::vector<std::string> out(names.size());
  std::vector<size_t> replaced;
  for (size_t i = 0; i < names.size(); ++i) {
    out[i] = internal::ValidUtf8(names[i]);
    if (out[i] != names[i]) replaced.push_back(i);
  }
  if (replaced.empty()) return out;
  std::unordered_set<std::string_view> taken;
  for (size_t i = 0, k = 0; i < names.size(); ++i) {
    if (k < replaced.size() && replaced[k] == i) {
      ++k;
    } else {
      taken.insert(out[i]);
    }
  }
  for (size_t i : replaced) {
    while (taken.contains(out[i])) out[i] += " #" + std::to_string(i);
    taken.insert(out[i]);
  }
  return out;
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + '"';
}

void WriteCsv(const NodeResults& r, std::ostream& out) {
  out << "node";
  for (const Column& c : Columns()) out << ',' << c.name;
  out << '\n';
  for (size_t i = 0; i < r.names.size(); ++i) {
    const uint32_t v = *r.graph.IndexOf(static_cast<int64_t>(i));
    out << CsvField(r.names[i]);
    for (const Column& c : Columns()) out << ',' << Value(c, c.get(r, v));
    out << '\n';
  }
}

void WriteGraphml(const NodeResults& r, std::ostream& out) {
  out << internal::kGraphmlOpen;
  for (const Column& c : Columns()) {
    out << "  <key id=\"" << c.name << "\" for=\"node\" attr.name=\"" << c.name << "\" attr.type=\""
        << (c.integer ? "long" : "double") << "\"/>\n";
  }
  out << "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
      << "  <graph id=\"G\" edgedefault=\"" << (r.undirected ? "undirected" : "directed")
      << "\">\n";
  std::vector<std::string> ids = Utf8Names(r.names);
  for (size_t i = 0; i < r.names.size(); ++i) {
    ids[i] = internal::XmlEscape(ids[i]);
    const uint32_t v = *r.graph.IndexOf(static_cast<int64_t>(i));
    out << "    <node id=\"" << ids[i] << "\">";
    for (const Column& c : Columns()) {
      const double x = c.get(r, v);
      if (std::isfinite(x)) out << "<data key=\"" << c.name << "\">" << Value(c, x) << "</data>";
    }
    out << "</node>\n";
  }
  ForEachTie(r, [&](size_t i, size_t j, double w) {
    out << "    <edge source=\"" << ids[i] << "\" target=\"" << ids[j] << "\"><data key=\"weight\">"
        << Num(w) << "</data></edge>\n";
  });
  out << "  </graph>\n</graphml>\n";
}

void WriteGexf(const NodeResults& r, std::ostream& out) {
  out << internal::kGexfOpen << "  <meta>\n    <creator>peerlearn</creator>\n  </meta>\n"
      << "  <graph defaultedgetype=\"" << (r.undirected ? "undirected" : "directed")
      << "\" mode=\"static\">\n    <attributes class=\"node\">\n";
  for (size_t a = 0; a < Columns().size(); ++a) {
    out << "      <attribute id=\"" << a << "\" title=\"" << Columns()[a].name << "\" type=\""
        << (Columns()[a].integer ? "long" : "double") << "\"/>\n";
  }
  out << "    </attributes>\n    <nodes>\n";
  const auto& pagerank = r.metrics.pagerank;
  const double max_pr = pagerank.empty() ? 0 : *std::max_element(pagerank.begin(), pagerank.end());
  std::vector<std::string> ids = Utf8Names(r.names);
  for (size_t i = 0; i < r.names.size(); ++i) {
    ids[i] = internal::XmlEscape(ids[i]);
    const uint32_t v = *r.graph.IndexOf(static_cast<int64_t>(i));
    out << "      <node id=\"" << ids[i] << "\" label=\"" << ids[i] << "\">\n        <attvalues>";
    for (size_t a = 0; a < Columns().size(); ++a) {
      const double x = Columns()[a].get(r, v);
      if (std::isfinite(x)) {
        out << "<attvalue for=\"" << a << "\" value=\"" << Value(Columns()[a], x) << "\"/>";
      }
    }
    const internal::Rgb colour = internal::CommunityColour(r.community[v]);
    const double size = 2 + 18 * (max_pr > 0 ? std::sqrt(pagerank[v] / max_pr) : 0);
    out << "</attvalues>\n        <viz:color r=\"" << colour.r << "\" g=\"" << colour.g << "\" b=\""
        << colour.b << "\"/>";
    if (r.layout != nullptr) {
      out << "<viz:position x=\"" << Num(r.layout->x[v] * 1000) << "\" y=\""
          << Num(r.layout->y[v] * 1000) << "\" z=\"0\"/>";
    }
    out << "<viz:size value=\"" << Num(size) << "\"/>\n      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  size_t e = 0;
  ForEachTie(r, [&](size_t i, size_t j, double w) {
    out << "      <edge id=\"" << e++ << "\" source=\"" << ids[i] << "\" target=\"" << ids[j]
        << "\" weight=\"" << Num(w) << "\"/>\n";
  });
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

void WriteJson(const NodeResults& r, std::ostream& out) {
  out << "{\"directed\": " << (r.undirected ? "false" : "true")
      << ", \"multigraph\": false, \"graph\": {}, \"nodes\": [";
  std::vector<std::string> ids = Utf8Names(r.names);
  for (size_t i = 0; i < r.names.size(); ++i) {
    ids[i] = JsonString(ids[i]);
    const uint32_t v = *r.graph.IndexOf(static_cast<int64_t>(i));
    out << (i ? ",\n  {" : "\n  {") << "\"id\": " << ids[i];
    for (const Column& c : Columns()) {
      const double x = c.get(r, v);
      out << ", \"" << c.name << "\": " << (std::isfinite(x) ? Value(c, x) : "null");
    }
    out << '}';
  }
  out << "\n], \"links\": [";
  bool first = true;
  ForEachTie(r, [&](size_t i, size_t j, double w) {
    out << (first ? "\n  {" : ",\n  {") << "\"source\": " << ids[i] << ", \"target\": " << ids[j]
        << ", \"weight\": " << Num(w) << '}';
    first = false;
  });
  out << "\n]}\n";
}

}  // namespace

NodeResultsFormat NodeResultsFormatOf(std::string_view path) {
  const std::string lower = AsciiLower(path);
  if (lower.ends_with(".graphml")) return NodeResultsFormat::kGraphml;
  if (lower.ends_with(".gexf")) return NodeResultsFormat::kGexf;
  if (lower.ends_with(".json")) return NodeResultsFormat::kJson;
  return NodeResultsFormat::kCsv;
}

Status WriteNodeResults(NodeResultsFormat format, const NodeResults& results, std::ostream& out) {
  switch (format) {
    case NodeResultsFormat::kCsv:
      WriteCsv(results, out);
      break;
    case NodeResultsFormat::kGraphml:
      WriteGraphml(results, out);
      break;
    case NodeResultsFormat::kGexf:
      WriteGexf(results, out);
      break;
    case NodeResultsFormat::kJson:
      WriteJson(results, out);
      break;
  }
  out.flush();
  if (!out) return Unavailable("the stream failed");
  return OkStatus();
}

}  // namespace pl::network
