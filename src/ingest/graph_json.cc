// Node-link JSON: what NetworkX's node_link_data writes and D3's force layouts read,
//   {"directed": false, "nodes": [{"id": "a"}, ...], "links": [{"source": "a", "target": "b",
//    "weight": 2}, ...]}
// ("edges" for "links" as NetworkX 3.4 can write it; "value" for "weight" as in D3's examples).
// Read as NetworkX's node_link_graph reads it: a file without "directed" is undirected. Older
// D3 files name their nodes "name" and give each link's ends as places in "nodes" (from 0);
// where no node has an "id", links are read so. A file without "nodes" has the nodes its links
// name, in the order they first appear. Cytoscape's JSON is read the same way (see ListsOf).
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/internal/graph_formats.h"

namespace pl::ingest::internal {
namespace {

namespace dom = simdjson::dom;

constexpr const char* kShape =
    "a JSON network is an object with \"nodes\" and \"links\" (or \"edges\"), as NetworkX's "
    "node_link_data writes it, or Cytoscape's \"elements\"";

// A node id or link end as a name: a string as it is, a number as written without a fraction
// where it is whole. False for anything else.
bool NameOf(dom::element e, std::string& out) {
  switch (e.type()) {
    case dom::element_type::STRING:
      out = std::string(std::string_view(e));
      return true;
    case dom::element_type::INT64:
      out = std::to_string(int64_t(e));
      return true;
    case dom::element_type::UINT64:
      out = std::to_string(uint64_t(e));
      return true;
    case dom::element_type::DOUBLE:
      out = WholeOrNumber(double(e));
      return true;
    default:
      return false;
  }
}

bool NumberOf(dom::element e, double& out) {
  if (!e.is_number()) return false;
  out = e.is_double() ? double(e) : e.is_int64() ? double(int64_t(e)) : double(uint64_t(e));
  return true;
}

namespace od = simdjson::ondemand;

// Walks every value of v, returning the first error met.
simdjson::error_code Walk(od::value v, int depth) {
  if (depth > 1024) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  switch (type) {
    case od::json_type::array: {
      od::array a;
      if (auto e = v.get_array().get(a)) return e;
      for (auto item : a) {
        od::value x;
        if (auto e = item.get(x)) return e;
        if (auto e = Walk(x, depth + 1)) return e;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::object: {
      od::object o;
      if (auto e = v.get_object().get(o)) return e;
      for (auto field : o) {
        od::value x;
        if (auto e = field.value().get(x)) return e;
        if (auto e = Walk(x, depth + 1)) return e;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      return v.get_string().get(s);
    }
    case od::json_type::number: {
      double d;
      return v.get_double().get(d);
    }
    case od::json_type::boolean: {
      bool b;
      return v.get_bool().get(b);
    }
    case od::json_type::null:
      return v.is_null().error();
  }
  return simdjson::SUCCESS;
}

// Where in the text the parse failed, as "line L, column C", found by walking the document
// value by value (the whole-document parse does not say); "" where that walk finds nothing.
std::string WhereItFails(const simdjson::padded_string& padded) {
  od::parser parser;
  od::document doc;
  if (parser.iterate(padded).get(doc)) return "";
  simdjson::error_code e = simdjson::SUCCESS;
  od::value top;
  if ((e = doc.get_value().get(top)) == simdjson::SUCCESS) e = Walk(top, 0);
  if (e == simdjson::SUCCESS) return "";
  const char* at = nullptr;
  if (doc.current_location().get(at) || at < padded.data() || at > padded.data() + padded.size()) {
    return "";
  }
  const std::string_view before(padded.data(), static_cast<size_t>(at - padded.data()));
  const size_t line_start = before.rfind('\n');
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1);
  return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

// The element's text for a message: its first 40 bytes.
std::string Quoted(dom::element e) { return Shown(simdjson::minify(e)); }

struct Lists {
  std::vector<dom::element> nodes, links;
  bool has_nodes = false;  // the file declares its nodes
  bool cytoscape = false;
  std::string links_key = "links";  // as the file calls them
};

// A Cytoscape element's fields: its "data" object.
Status DataOf(dom::element item, const std::string& what, dom::element& data) {
  if (!item.is_object() || item["data"].get(data) || !data.is_object()) {
    return InvalidArgument(what + " has no \"data\" object");
  }
  return OkStatus();
}

// The nodes and links of a node-link document, or of a Cytoscape one (Cytoscape's .cyjs export
// and Cytoscape.js's JSON: "elements", an object of "nodes" and "edges" or one array of both
// told apart by "group" (else by a "source"), each element's fields in its "data").
Result<Lists> ListsOf(dom::object top) {
  Lists out;
  dom::element elements;
  if (top["elements"].get(elements) == simdjson::SUCCESS) {
    out.cytoscape = out.has_nodes = true;
    out.links_key = "edges";
    dom::array all;
    if (elements.is_object()) {
      for (const char* key : {"nodes", "edges"}) {
        const bool edges = key[0] == 'e';
        dom::element v;
        if (elements[key].get(v)) continue;
        dom::array items;
        if (v.get_array().get(items)) {
          return InvalidArgument(std::string("\"elements\".\"") + key + "\" is not an array");
        }
        size_t i = 0;
        for (dom::element item : items) {
          dom::element data;
          RETURN_IF_ERROR(DataOf(item, (edges ? "edge " : "node ") + std::to_string(++i), data));
          (edges ? out.links : out.nodes).push_back(data);
        }
      }
    } else if (elements.get_array().get(all) == simdjson::SUCCESS) {
      size_t i = 0;
      for (dom::element item : all) {
        dom::element data;
        RETURN_IF_ERROR(DataOf(item, "element " + std::to_string(++i), data));
        std::string_view group;
        const bool edge = item["group"].get_string().get(group) == simdjson::SUCCESS
                              ? group == "edges"
                              : data["source"].error() == simdjson::SUCCESS;
        (edge ? out.links : out.nodes).push_back(data);
      }
    } else {
      return InvalidArgument("\"elements\" is not an object or an array");
    }
    return out;
  }
  dom::element links;
  if (top["links"].get(links) != simdjson::SUCCESS) {
    out.links_key = "edges";
    if (top["edges"].get(links) != simdjson::SUCCESS) return InvalidArgument(kShape);
  }
  dom::array items;
  if (links.get_array().get(items)) {
    return InvalidArgument("\"" + out.links_key + "\" is not an array");
  }
  out.links.assign(items.begin(), items.end());
  dom::element nodes;
  if (top["nodes"].get(nodes) == simdjson::SUCCESS) {
    out.has_nodes = true;
    if (nodes.get_array().get(items)) return InvalidArgument("\"nodes\" is not an array");
    out.nodes.assign(items.begin(), items.end());
  }
  return out;
}

}  // namespace

Result<EdgeList> ParseNodeLinkJson(std::string_view text, const EdgeListOptions& options) {
  dom::parser parser;
  const simdjson::padded_string padded(text);
  dom::element root;
  if (auto e = parser.parse(padded).get(root)) {
    const std::string where = WhereItFails(padded);
    return InvalidArgument(std::string("not readable JSON") +
                           (where.empty() ? "" : " at " + where) + ": " +
                           simdjson::error_message(e));
  }
  dom::object top;
  if (root.get_object().get(top)) return InvalidArgument(kShape);

  bool directed = false;  // NetworkX's default where the file does not say
  if (dom::element d; top["directed"].get(d) == simdjson::SUCCESS) {
    if (d.get_bool().get(directed)) {
      return InvalidArgument("\"directed\" is " + Quoted(d) + ", not true or false");
    }
  }
  ASSIGN_OR_RETURN(Lists lists, ListsOf(top));
  const std::vector<dom::element>& nodes = lists.nodes;
  const std::vector<dom::element>& links = lists.links;
  const std::string& links_key = lists.links_key;

  EdgeList out;
  std::unordered_map<std::string, int64_t> index;
  const auto add_node = [&](std::string name) -> Status {
    if (const std::string problem = NodeNameProblem(name); !problem.empty()) {
      return InvalidArgument("node " + Shown(name) + " " + problem);
    }
    if (!index.emplace(name, static_cast<int64_t>(out.nodes.size())).second) {
      return InvalidArgument("node " + Shown(name) + " is declared twice");
    }
    out.nodes.push_back(std::move(name));
    return OkStatus();
  };

  const bool has_nodes = lists.has_nodes;
  bool by_place = false;  // links name their ends by place in "nodes"
  if (has_nodes) {
    by_place = !nodes.empty() && !lists.cytoscape;
    for (dom::element node : nodes) {
      if (!node.is_object() || node["id"].error() == simdjson::SUCCESS) by_place = false;
    }
    // By place: each node's "name" where every node has a distinct one, else its place.
    std::vector<std::string> names;
    if (by_place) {
      for (dom::element node : nodes) {
        std::string name;
        if (dom::element e; node["name"].get(e) || !NameOf(e, name)) break;
        names.push_back(std::move(name));
      }
      std::unordered_map<std::string_view, int> seen;
      bool distinct = names.size() == nodes.size();
      for (const std::string& name : names) distinct = distinct && ++seen[name] == 1;
      if (!distinct) {
        names.clear();
        for (size_t i = 0; i < nodes.size(); ++i) names.push_back(std::to_string(i));
      }
      for (std::string& name : names) RETURN_IF_ERROR(add_node(std::move(name)));
    } else {
      size_t i = 0;
      for (dom::element node : nodes) {
        ++i;
        dom::element id = node;
        if (node.is_object() && node["id"].get(id)) {
          return InvalidArgument("node " + std::to_string(i) + " has no \"id\"");
        }
        std::string name;
        if (!NameOf(id, name)) {
          return InvalidArgument("node " + std::to_string(i) + ": id " + Quoted(id) +
                                 " is not a string or a number");
        }
        RETURN_IF_ERROR(add_node(std::move(name)));
      }
    }
  }

  const bool both_ways = options.undirected || !directed;
  const char* weight_key = nullptr;
  if (options.weighted) {
    const std::vector<const char*> keys =
        options.weight_name.empty() ? std::vector<const char*>{"weight", "value"}
                                    : std::vector<const char*>{options.weight_name.c_str()};
    for (const char* key : keys) {
      for (dom::element link : links) {
        if (link.is_object() && link[key].error() == simdjson::SUCCESS) {
          weight_key = key;
          break;
        }
      }
      if (weight_key != nullptr) break;
    }
    if (weight_key == nullptr && links.size() > 0) {
      return InvalidArgument("--weighted, but the JSON file's " + links_key + " have no " +
                             (options.weight_name.empty() ? std::string("\"weight\" (or \"value\")")
                                                          : Shown(options.weight_name)));
    }
  }
  out.ties.reserve(links.size() * (both_ways ? 2 : 1));
  int64_t k = 0;
  for (dom::element link : links) {
    const std::string at = "link " + std::to_string(++k);
    if (!link.is_object()) return InvalidArgument(at + " is not an object");
    int64_t end[2];
    const char* keys[2] = {"source", "target"};
    for (int s = 0; s < 2; ++s) {
      dom::element e;
      if (link[keys[s]].get(e)) return InvalidArgument(at + " has no \"" + keys[s] + "\"");
      if (by_place) {
        int64_t place = -1;
        if (e.get_int64().get(place) || place < 0 ||
            place >= static_cast<int64_t>(out.nodes.size())) {
          return InvalidArgument(at + ": " + keys[s] + " " + Quoted(e) +
                                 " is not a place in \"nodes\" (0 to " +
                                 std::to_string(out.nodes.size() - 1) + ")");
        }
        end[s] = place;
        continue;
      }
      std::string name;
      if (!NameOf(e, name)) {
        return InvalidArgument(at + ": " + keys[s] + " " + Quoted(e) +
                               " is not a string or a number");
      }
      if (auto it = index.find(name); it != index.end()) {
        end[s] = it->second;
      } else if (has_nodes) {
        return InvalidArgument(at + ": " + keys[s] + " " + Shown(name) + " is not among the nodes");
      } else {
        RETURN_IF_ERROR(add_node(std::move(name)));
        end[s] = static_cast<int64_t>(out.nodes.size()) - 1;
      }
    }
    double weight = 1.0;
    if (weight_key != nullptr) {
      dom::element w;
      const std::string edge =
          at + " (" + Shown(out.nodes[end[0]]) + " to " + Shown(out.nodes[end[1]]) + ")";
      if (link[weight_key].get(w)) return InvalidArgument(edge + " has no " + weight_key);
      if (!NumberOf(w, weight) || !std::isfinite(weight) || weight <= 0) {
        return InvalidArgument(edge + ": " + weight_key + " " + Quoted(w) +
                               " is not a number above 0");
      }
    }
    out.AddEdge(end[0], end[1], weight, both_ways);
  }
  if (out.nodes.empty()) return InvalidArgument("the JSON file has no nodes");
  out.undirected_file = !directed;
  return out;
}

}  // namespace pl::ingest::internal
