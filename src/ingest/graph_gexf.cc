// GEXF (Gephi's format, 1.1 to 1.3), read with libxml2's streaming reader: the <graph>'s
// defaultedgetype (undirected where missing, as the format says), each <node>'s id (its name,
// as NetworkX's read_gexf names it), each <edge>'s source, target, type and weight (1 where
// missing, as the format says) — or, with --weight NAME, the edge's <attvalue> for the edge
// attribute titled NAME. Other attribute values, positions, colours and time spells are not
// read. A document type declaration is refused (no entity is ever expanded), and nothing is
// fetched from the network.
#include <libxml/xmlreader.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/text.h"
#include "ingest/internal/graph_formats.h"
#include "ingest/internal/xml_reader.h"

namespace pl::ingest::internal {
namespace {

std::optional<std::string> Attribute(xmlTextReaderPtr r, const char* name) {
  xmlChar* v = xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

enum class EdgeType { kDirected, kUndirected, kMutual };

std::optional<EdgeType> ParseEdgeType(const std::string& s) {
  if (s == "directed") return EdgeType::kDirected;
  if (s == "undirected") return EdgeType::kUndirected;
  if (s == "mutual") return EdgeType::kMutual;
  return std::nullopt;
}

}  // namespace

Result<EdgeList> ParseGexf(std::string_view text, const EdgeListOptions& options) {
  if (text.size() > static_cast<size_t>(INT_MAX)) {
    return InvalidArgument("a GEXF file over 2 GiB is not read");
  }
  // A document type declaration could define entities; it is refused before the parser starts.
  const size_t root = text.find("<gexf");
  if (const size_t doctype = text.substr(0, root).find("<!DOCTYPE");
      doctype != std::string_view::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + doctype, '\n');
    return InvalidArgument("line " + std::to_string(line) +
                           ": a document type declaration (<!DOCTYPE>) is not read");
  }
  xmlInitParser();
  std::unique_ptr<xmlTextReader, FreeXmlReader> reader(
      xmlReaderForMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr,
                         XML_PARSE_NONET | XML_PARSE_BIG_LINES));
  if (!reader) return InvalidArgument("not a readable GEXF file");
  xmlTextReaderPtr r = reader.get();
  std::string xml_error;
  xmlTextReaderSetStructuredErrorHandler(r, KeepFirstXmlError, &xml_error);

  EdgeList out;
  std::unordered_map<std::string, int64_t> index;
  std::optional<EdgeType> graph_type;
  bool root_seen = false, any_weight = false;
  int64_t edges = 0;
  int ret = 0;
  // --weight NAME other than the edges' own "weight": the edge attribute titled NAME, by its id;
  // each edge waits for its <attvalue>s (`pending`) until its end.
  const bool by_title =
      options.weighted && !options.weight_name.empty() && options.weight_name != "weight";
  std::string attributes_class;          // of the <attributes> being read
  std::optional<std::string> weight_id;  // the id of the attribute titled NAME
  struct Pending {
    int64_t end[2];
    bool both_ways;
    std::optional<double> weight;
    std::string edge, line;
  };
  std::optional<Pending> pending;
  auto commit = [&]() -> Status {
    if (!pending->weight) {
      return InvalidArgument(
          pending->line + pending->edge + " (" + Shown(out.nodes[pending->end[0]]) + " to " +
          Shown(out.nodes[pending->end[1]]) + ") has no " + Shown(options.weight_name));
    }
    out.AddEdge(pending->end[0], pending->end[1], *pending->weight, pending->both_ways);
    pending.reset();
    return OkStatus();
  };
  // A weight's text as a number above 0, else InvalidArgument naming the edge.
  auto weight_of = [&](const std::string& at, const std::string& edge, const int64_t end[2],
                       const std::string& w) -> Result<double> {
    double weight = 0;
    if (!ParseNumber(w, weight) || !std::isfinite(weight) || weight <= 0) {
      return InvalidArgument(
          at + edge + " (" + Shown(out.nodes[end[0]]) + " to " + Shown(out.nodes[end[1]]) +
          "): " + (by_title ? Shown(options.weight_name) : std::string("weight")) + " " + Shown(w) +
          " is not a number above 0");
    }
    return weight;
  };
  while ((ret = xmlTextReaderRead(r)) == 1) {
    const int type = xmlTextReaderNodeType(r);
    const std::string at =
        "line " + std::to_string(xmlGetLineNo(xmlTextReaderCurrentNode(r))) + ": ";
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      return InvalidArgument(at + "a document type declaration (<!DOCTYPE>) is not read");
    }
    if (type == XML_READER_TYPE_END_ELEMENT && pending &&
        xmlStrEqual(xmlTextReaderConstLocalName(r), reinterpret_cast<const xmlChar*>("edge"))) {
      RETURN_IF_ERROR(commit());
      continue;
    }
    if (type != XML_READER_TYPE_ELEMENT) continue;
    const std::string name(reinterpret_cast<const char*>(xmlTextReaderConstLocalName(r)));
    if (by_title) {
      if (name == "attributes") {
        attributes_class = Attribute(r, "class").value_or("");
      } else if (name == "attribute" && attributes_class == "edge" &&
                 Attribute(r, "title") == options.weight_name) {
        weight_id = Attribute(r, "id");
      } else if (name == "attvalue" && pending && weight_id && Attribute(r, "for") == *weight_id &&
                 !pending->weight) {
        ASSIGN_OR_RETURN(pending->weight, weight_of(at, pending->edge, pending->end,
                                                    Attribute(r, "value").value_or("")));
      }
    }
    if (!root_seen) {
      root_seen = true;
      if (name != "gexf") return InvalidArgument(at + "the document is <" + name + ">, not <gexf>");
      continue;
    }
    if (name == "graph") {
      if (graph_type) return InvalidArgument(at + "a second <graph>: one graph a file is read");
      const std::string kind = Attribute(r, "defaultedgetype").value_or("undirected");
      graph_type = ParseEdgeType(kind);
      if (!graph_type) {
        return InvalidArgument(at + "defaultedgetype " + Shown(kind) +
                               " is not directed, undirected or mutual");
      }
    } else if (name == "node") {
      std::optional<std::string> id = Attribute(r, "id");
      if (!id) return InvalidArgument(at + "a <node> without an id");
      if (const std::string problem = NodeNameProblem(*id); !problem.empty()) {
        return InvalidArgument(at + "node " + Shown(*id) + " " + problem);
      }
      if (!index.emplace(*id, static_cast<int64_t>(out.nodes.size())).second) {
        return InvalidArgument(at + "node " + Shown(*id) + " is declared twice");
      }
      out.nodes.push_back(std::move(*id));
    } else if (name == "edge") {
      if (pending) RETURN_IF_ERROR(commit());  // an <edge> inside another's (not GEXF)
      ++edges;
      const std::string edge = "edge " + std::to_string(edges);
      int64_t end[2];
      const char* keys[2] = {"source", "target"};
      for (int s = 0; s < 2; ++s) {
        std::optional<std::string> id = Attribute(r, keys[s]);
        if (!id) return InvalidArgument(at + edge + " has no " + keys[s]);
        auto it = index.find(*id);
        if (it == index.end()) {
          return InvalidArgument(at + edge + ": " + keys[s] + " " + Shown(*id) +
                                 " is not a node declared before it");
        }
        end[s] = it->second;
      }
      EdgeType kind = graph_type.value_or(EdgeType::kUndirected);
      if (std::optional<std::string> t = Attribute(r, "type")) {
        auto parsed = ParseEdgeType(*t);
        if (!parsed) {
          return InvalidArgument(at + edge + ": type " + Shown(*t) +
                                 " is not directed, undirected or mutual");
        }
        if (*parsed == EdgeType::kDirected && kind != EdgeType::kDirected) {
          return InvalidArgument(at + edge +
                                 " is directed in an undirected graph: give the <graph> "
                                 "defaultedgetype=\"directed\" (its undirected edges then count "
                                 "both ways)");
        }
        kind = *parsed;
      }
      const bool both_ways = kind != EdgeType::kDirected || options.undirected;
      if (by_title) {
        if (!weight_id) {
          return InvalidArgument(at + "--weight " + Shown(options.weight_name) +
                                 ": no edge attribute of that title is declared before the "
                                 "edges (<attributes class=\"edge\">)");
        }
        pending = Pending{{end[0], end[1]}, both_ways, std::nullopt, edge, at};
        if (xmlTextReaderIsEmptyElement(r) == 1) RETURN_IF_ERROR(commit());
        continue;
      }
      double weight = 1.0;
      if (options.weighted) {
        if (std::optional<std::string> w = Attribute(r, "weight")) {
          any_weight = true;
          ASSIGN_OR_RETURN(weight, weight_of(at, edge, end, *w));
        }
      }
      out.AddEdge(end[0], end[1], weight, both_ways);
    }
  }
  if (ret < 0 || !xml_error.empty()) {
    return InvalidArgument("not a readable GEXF file: " +
                           (xml_error.empty() ? std::string("malformed XML") : xml_error));
  }
  if (!graph_type) return InvalidArgument("the GEXF file has no <graph>");
  if (options.weighted && !by_title && !any_weight && out.lines > 0) {
    return InvalidArgument("--weighted, but the GEXF file's edges have no \"weight\"");
  }
  if (out.nodes.empty()) return InvalidArgument("the GEXF file has no nodes");
  out.undirected_file = *graph_type != EdgeType::kDirected;
  return out;
}

}  // namespace pl::ingest::internal
