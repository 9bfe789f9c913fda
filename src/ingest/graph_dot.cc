// DOT (Graphviz's language; graph-tool, Gephi, NetworkX through pydot and many others write it),
// read with Graphviz's own parser (cgraph): a graph or digraph, strict or not, its nodes in the
// order they first appear (in subgraphs and clusters too), each edge as cgraph makes it — an edge
// statement between groups ("a -> {b c}") makes one for each pair, a strict graph one for each
// pair of nodes — and an edge's "weight" (or --weight NAME) attribute, defaults ("edge
// [weight=2]") applied as cgraph applies them. A port ("a:p1:n") is its node.
//
// cgraph has no limit of its own on what an edge statement between groups makes: "{a1 ... a1000}
// -> {b1 ... b1000}" is a million edges from 10 KB, and repeated it is as many again. So the
// statements are counted first (DotEdgesAtMost) and a file that could make more edges than
// 1,000,000 plus two for each of its bytes is refused before cgraph sees it.
#include <graphviz/cgraph.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/internal/graph_formats.h"

namespace pl::ingest::internal {
namespace {

enum class Token { kId, kOpen, kClose, kEdgeOp, kBracketOpen, kBracketClose, kColon, kEquals };

// The file's tokens as cgraph's scanner splits them, as far as counting edges needs: names
// (plain, numbers, "quoted" with \" inside, <HTML> with nested <>) are kId; '{' '}' '[' ']' ':'
// '=' and the edge operators -> and -- their own; ';', ',' and '+' (string concatenation) left
// out; comments (// and /* */, and a line starting with '#') skipped. `subgraph` is a kId whose
// text tells it (see IsKeyword).
struct Scanned {
  std::vector<Token> kind;
  std::vector<std::string_view> text;
};

Scanned Scan(std::string_view s) {
  Scanned out;
  auto push = [&](Token t, std::string_view text) {
    out.kind.push_back(t);
    out.text.push_back(text);
  };
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';' || c == ',' || c == '+') {
      ++i;
    } else if (c == '#' && (i == 0 || s[i - 1] == '\n' || s[i - 1] == '\r')) {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      const size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? n : end + 2;
    } else if (c == '"') {
      const size_t start = i++;
      while (i < n && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
      i = std::min(n, i + 1);
      push(Token::kId, s.substr(start, i - start));
    } else if (c == '<') {
      const size_t start = i;
      for (int depth = 0; i < n; ++i) {
        if (s[i] == '<') ++depth;
        if (s[i] == '>' && --depth == 0) break;
      }
      i = std::min(n, i + 1);
      push(Token::kId, s.substr(start, i - start));
    } else if (c == '-' && i + 1 < n && (s[i + 1] == '>' || s[i + 1] == '-')) {
      push(Token::kEdgeOp, s.substr(i, 2));
      i += 2;
    } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == '=') {
      push(c == '{'   ? Token::kOpen
           : c == '}' ? Token::kClose
           : c == '[' ? Token::kBracketOpen
           : c == ']' ? Token::kBracketClose
           : c == ':' ? Token::kColon
                      : Token::kEquals,
           s.substr(i, 1));
      ++i;
    } else {
      const size_t start = i;
      while (i < n && !std::isspace(static_cast<unsigned char>(s[i])) &&
             std::string_view("{}[]:=;,+\"<#").find(s[i]) == std::string_view::npos &&
             !(s[i] == '-' && i + 1 < n && (s[i + 1] == '>' || s[i + 1] == '-')) &&
             !(s[i] == '/' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '*'))) {
        ++i;
      }
      if (i == start) ++i;  // a stray character cgraph will refuse
      push(Token::kId, s.substr(start, i - start));
    }
  }
  return out;
}

bool IsKeyword(std::string_view id) {
  if (id.size() > 8) return false;  // most names: no lower-case copy
  const std::string lower = AsciiLower(id);
  return lower == "subgraph" || lower == "node" || lower == "edge" || lower == "graph" ||
         lower == "digraph" || lower == "strict";
}

}  // namespace

// At most how many edges cgraph makes of the text: each edge operator joins the operand before it
// and the one after it, a node counting 1 and a group ("{...}", "subgraph NAME {...}") the names
// in it (outside attribute lists: more than its nodes, never fewer), a group named without a body
// every name in the file.
uint64_t DotEdgesAtMost(std::string_view text) {
  const Scanned t = Scan(text);
  const size_t n = t.kind.size();
  // Names in each group, kept at its '{' and its '}'; names outside attribute lists in all.
  std::vector<uint64_t> group(n, 0);
  uint64_t names = 0;
  std::vector<size_t> open;
  int brackets = 0;
  for (size_t i = 0; i < n; ++i) {
    switch (t.kind[i]) {
      case Token::kBracketOpen:
        ++brackets;
        break;
      case Token::kBracketClose:
        brackets = std::max(0, brackets - 1);
        break;
      case Token::kOpen:
        open.push_back(i);
        group[i] = names;  // names before it, for now
        break;
      case Token::kClose:
        if (!open.empty()) {
          group[i] = group[open.back()] = names - group[open.back()];
          open.pop_back();
        }
        break;
      case Token::kId:
        if (brackets == 0 && !IsKeyword(t.text[i])) ++names;
        break;
      default:
        break;
    }
  }
  for (size_t i : open) group[i] = names - group[i];  // never closed: cgraph refuses it anyway
  uint64_t edges = 0, last = 0;
  brackets = 0;
  auto operand_at = [&](size_t i) -> uint64_t {  // the size of the operand starting at token i
    if (i >= n) return 0;
    if (t.kind[i] == Token::kOpen) return group[i];
    if (t.kind[i] == Token::kId && AsciiLower(t.text[i]) == "subgraph") {
      if (i + 1 < n && t.kind[i + 1] == Token::kOpen) return group[i + 1];
      if (i + 2 < n && t.kind[i + 1] == Token::kId && t.kind[i + 2] == Token::kOpen) {
        return group[i + 2];
      }
      return names;
    }
    return 1;
  };
  for (size_t i = 0; i < n; ++i) {
    const Token k = t.kind[i];
    if (k == Token::kBracketOpen) ++brackets;
    if (k == Token::kBracketClose) brackets = std::max(0, brackets - 1);
    if (brackets > 0) continue;
    const bool after_port_or_value =
        i > 0 && (t.kind[i - 1] == Token::kColon || t.kind[i - 1] == Token::kEquals);
    if (k == Token::kId && !after_port_or_value && !IsKeyword(t.text[i])) last = 1;
    if (k == Token::kClose) last = group[i];
    if (k == Token::kEdgeOp) {
      const uint64_t right = operand_at(i + 1);
      const uint64_t add = last != 0 && right > UINT64_MAX / last ? UINT64_MAX : last * right;
      edges = edges > UINT64_MAX - add ? UINT64_MAX : edges + add;
    }
  }
  return edges;
}

Result<EdgeList> ParseDot(std::string_view text, const EdgeListOptions& options) {
  const uint64_t most = 1'000'000 + 2 * static_cast<uint64_t>(text.size());
  if (const uint64_t edges = DotEdgesAtMost(text); edges > most) {
    return InvalidArgument(
        "the DOT file's edge statements between groups (\"{...} -> {...}\") "
        "could make " +
        std::to_string(edges) + " edges; at most " + std::to_string(most) +
        " are read from a file of its size");
  }
  // cgraph reads from a C string and keeps its scanner's state and its messages process-wide.
  static std::mutex reading;
  static std::string messages;
  std::lock_guard lock(reading);
  messages.clear();
  const std::string copy(text);
  agseterrf([](char* m) {
    if (messages.size() < 4096) messages += m;
    return 0;
  });
  agseterr(AGWARN);
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> g(agmemread(copy.c_str()), &agclose);
  agseterrf(nullptr);
  // Its messages end in a newline each, "Error: " or "Warning: " first.
  std::vector<std::string> said;
  for (std::string_view rest = messages; !rest.empty();) {
    const size_t eol = rest.find('\n');
    std::string line(Trim(rest.substr(0, eol)));
    if (!line.empty()) said.push_back(std::move(line));
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
  }
  if (!g) {
    std::string why;
    for (const std::string& s : said) {
      if (s.starts_with("Error: ")) why += (why.empty() ? "" : "; ") + s.substr(7);
    }
    return InvalidArgument("not a readable DOT file: " +
                           (why.empty() ? std::string("no graph in it") : why));
  }
  EdgeList out;
  for (std::string& s : said) {
    if (out.warnings.size() < 20) out.warnings.push_back(std::move(s));
  }
  out.undirected_file = !agisdirected(g.get());
  const bool both_ways = options.undirected || out.undirected_file;
  const std::string key = options.weight_name.empty() ? "weight" : options.weight_name;
  Agsym_t* weight =
      options.weighted ? agattr(g.get(), AGEDGE, const_cast<char*>(key.c_str()), nullptr) : nullptr;
  if (options.weighted && weight == nullptr && agnedges(g.get()) > 0) {
    return InvalidArgument("--weighted, but the DOT file's edges have no " + Shown(key) +
                           " attribute");
  }
  std::vector<Agnode_t*> nodes;
  for (Agnode_t* v = agfstnode(g.get()); v != nullptr; v = agnxtnode(g.get(), v)) {
    const std::string name = agnameof(v);
    if (const std::string problem = NodeNameProblem(name); !problem.empty()) {
      return InvalidArgument("node " + Shown(name) + " " + problem);
    }
    out.nodes.push_back(name);
    nodes.push_back(v);
  }
  if (out.nodes.empty()) return InvalidArgument("the DOT file has no nodes");
  std::unordered_map<const Agnode_t*, int64_t> index;
  index.reserve(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i], static_cast<int64_t>(i));
  auto at = [&](const Agnode_t* v) { return index.at(v); };
  int64_t count = 0;
  for (Agnode_t* v : nodes) {
    for (Agedge_t* e = agfstout(g.get(), v); e != nullptr; e = agnxtout(g.get(), e)) {
      ++count;
      const int64_t a = at(agtail(e)), b = at(aghead(e));
      double w = 1.0;
      if (weight != nullptr) {
        const std::string_view value = agxget(e, weight);
        const std::string edge = "edge " + std::to_string(count) + " (" + Shown(out.nodes[a]) +
                                 (both_ways ? " -- " : " -> ") + Shown(out.nodes[b]) + ")";
        if (value.empty()) {
          // Graphviz's own weight is 1 where an edge has none; another attribute must be there.
          if (options.weight_name.empty() || options.weight_name == "weight") {
            out.AddEdge(a, b, 1.0, both_ways);
            continue;
          }
          return InvalidArgument(edge + " has no " + Shown(key));
        }
        if (!ParseNumber(value, w) || !std::isfinite(w) || w <= 0) {
          return InvalidArgument(edge + ": " + key + " " + Shown(value) +
                                 " is not a number above 0");
        }
      }
      out.AddEdge(a, b, w, both_ways);
    }
  }
  return out;
}

}  // namespace pl::ingest::internal
