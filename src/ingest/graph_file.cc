#include "ingest/graph_file.h"

#include <igraph.h>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/archive.h"
#include "ingest/compressed.h"
#include "ingest/csv.h"
#include "ingest/internal/graph_formats.h"

namespace pl::ingest {

namespace internal {

std::string WholeOrNumber(double x) {
  char buf[40];
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9e15) {
    std::snprintf(buf, sizeof buf, "%.0f", x);
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", x);
  }
  return buf;
}

Status NoNumericWeight(std::string_view file, std::string_view wanted, std::string_view noun,
                       const std::vector<std::string>& numeric) {
  std::string have;
  for (const std::string& key : numeric) have += (have.empty() ? "" : ", ") + Shown(key);
  return InvalidArgument("--weighted, but the " + std::string(file) +
                         " file's edges have no numeric " + std::string(wanted) + " " +
                         std::string(noun) +
                         (have.empty() ? std::string(" (nor any other numeric one)")
                                       : " (numeric ones: " + have + "; --weight NAME reads one)"));
}

}  // namespace internal

namespace {

using internal::WholeOrNumber;

std::string_view Trimmed(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  return a == std::string_view::npos ? std::string_view{} : s.substr(a);
}

bool StartsWithWord(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  }
  return s.size() == word.size() || std::isspace(static_cast<unsigned char>(s[word.size()])) ||
         s[word.size()] == '[';
}

// igraph reports through process-wide handlers; while a file is read they keep the first error
// message and the warnings here instead of printing them or aborting.
std::mutex reading;
std::string error_message;
std::vector<std::string> warnings;

void KeepError(const char* reason, const char* file, int line, igraph_error_t) {
  (void)file, (void)line;
  if (error_message.empty()) error_message = reason ? reason : "unknown error";
  IGRAPH_FINALLY_FREE();
}

void KeepWarning(const char* reason, const char*, int) {
  if (warnings.size() < 20) warnings.emplace_back(reason ? reason : "");
}

// The names of g's vertex or edge (`kind`) attributes of type `want`, in igraph's order.
std::vector<std::string> AttributeNames(const igraph_t* g, igraph_attribute_elemtype_t kind,
                                        igraph_attribute_type_t want) {
  igraph_strvector_t names[3];
  igraph_vector_int_t types[3];
  for (int i = 0; i < 3; ++i) {
    igraph_strvector_init(&names[i], 0);
    igraph_vector_int_init(&types[i], 0);
  }
  std::vector<std::string> found;
  if (igraph_cattribute_list(g, &names[0], &types[0], &names[1], &types[1], &names[2], &types[2]) ==
      IGRAPH_SUCCESS) {
    const int i = kind == IGRAPH_ATTRIBUTE_VERTEX ? 1 : kind == IGRAPH_ATTRIBUTE_EDGE ? 2 : 0;
    for (igraph_integer_t k = 0; k < igraph_strvector_size(&names[i]); ++k) {
      if (VECTOR(types[i])[k] == want) found.emplace_back(igraph_strvector_get(&names[i], k));
    }
  }
  for (int i = 0; i < 3; ++i) {
    igraph_strvector_destroy(&names[i]);
    igraph_vector_int_destroy(&types[i]);
  }
  return found;
}

// Whether g's vertices or edges (`kind`) have the attribute `name` of type `want`.
bool HasAttribute(const igraph_t* g, igraph_attribute_elemtype_t kind, const char* name,
                  igraph_attribute_type_t want) {
  const std::vector<std::string> names = AttributeNames(g, kind, want);
  return std::find(names.begin(), names.end(), name) != names.end();
}

struct Holder {
  igraph_t g{};
  bool ok = false;
  ~Holder() {
    if (ok) igraph_destroy(&g);
  }
};

// A GML string with its character references replaced as NetworkX's reader replaces them (its
// writer puts every character outside printable ASCII, '"' and '&' as "&#NNN;"): "&#NNN;" and
// "&#xHH;" by that code point, "&name;" by HTML 4's entity of that name (libxml2's table, less
// "apos", which HTML 4 lacks). Any other '&' — an unknown name, a number beyond Unicode or a
// surrogate, no ';' — stays as written.
std::string DecodeGmlReferences(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t amp = s.find('&', i);
    out.append(s.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i));
    if (amp == std::string_view::npos) break;
    i = amp + 1;
    const bool number = i < s.size() && s[i] == '#';
    const bool hex = number && i + 1 < s.size() && s[i + 1] == 'x';
    const size_t from = i + (hex ? 2 : number ? 1 : 0);
    size_t end = from;
    while (end < s.size() && (hex      ? std::isxdigit(static_cast<unsigned char>(s[end]))
                              : number ? std::isdigit(static_cast<unsigned char>(s[end]))
                                       : std::isalnum(static_cast<unsigned char>(s[end])))) {
      ++end;
    }
    if (end == from || end >= s.size() || s[end] != ';') {
      out += '&';
      continue;
    }
    const std::string name(s.substr(from, end - from));
    uint64_t code = UINT64_MAX;
    if (number) {
      code = 0;
      for (char c : name) {  // stops counting once past Unicode
        const int digit =
            std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10;
        code =
            std::min<uint64_t>(code * (hex ? 16 : 10) + static_cast<uint64_t>(digit), UINT32_MAX);
      }
    } else if (name != "apos") {
      const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
      if (e != nullptr) code = e->value;
    }
    if (code <= 0x10FFFF && AppendUtf8(out, static_cast<char32_t>(code))) {
      i = end + 1;
    } else {
      out += '&';
    }
  }
  return out;
}

// A GraphML string as the file means it: igraph's reader (libxml2's SAX interface, entities
// not substituted) gives every '&' of an attribute value, "&amp;" and "&#38;" alike, as "&#38;",
// and decodes everything else; so each "&#38;" it gives stands for one '&'.
std::string GraphmlAmpersands(std::string_view s) {
  std::string out;
  size_t i = 0;
  for (size_t at; (at = s.find("&#38;", i)) != std::string_view::npos; i = at + 5) {
    out.append(s.substr(i, at - i));
    out += '&';
  }
  out.append(s.substr(i));
  return out;
}

// Where attribute `name` of a tag's text (`<key id="d0" ...`) holds its value: the value's offset
// and length in `tag`; npos where the tag lacks it.
std::pair<size_t, size_t> TagAttribute(std::string_view tag, std::string_view name) {
  constexpr std::string_view kSpace = " \t\r\n";
  for (size_t at = 0; (at = tag.find(name, at)) != std::string_view::npos; at += name.size()) {
    if (at == 0 || kSpace.find(tag[at - 1]) == std::string_view::npos) continue;
    const size_t eq = tag.find_first_not_of(kSpace, at + name.size());
    if (eq == std::string_view::npos || tag[eq] != '=') continue;
    const size_t open = tag.find_first_not_of(kSpace, eq + 1);
    if (open == std::string_view::npos || (tag[open] != '"' && tag[open] != '\'')) continue;
    const size_t close = tag.find(tag[open], open + 1);
    if (close == std::string_view::npos) continue;
    return {open + 1, close - open - 1};
  }
  return {std::string_view::npos, 0};
}

// igraph's GraphML reader knows the attribute types GraphML defines (boolean, int, long, float,
// double, string) and refuses a file with any other, as NetworkX's does; graph-tool writes its
// own (vector_float for a layout's positions, vector_string, python::object, short, ...), and
// yEd and others "integer". Where the file declares such a type, `out` is the text with each
// <key>'s attr.type rewritten — "integer" and "short" as long, "long double" as double (numbers
// still), any other as string (kept as its text) — and the result is true; otherwise false and
// `out` untouched. Only the type changes: no line moves, so igraph's messages still name the
// file's lines.
bool GraphmlTypesIgraphKnows(std::string_view text, std::string& out) {
  static constexpr std::string_view kKnown[] = {"boolean", "int",    "long",
                                                "float",   "double", "string"};
  bool changed = false;
  size_t copied = 0;
  for (size_t at = 0; (at = text.find("<key", at)) != std::string_view::npos;) {
    const size_t end = text.find('>', at);
    if (end == std::string_view::npos) break;
    const std::string_view tag = text.substr(at, end - at);
    at = end;
    const auto [type_at, type_size] = TagAttribute(tag, "attr.type");
    if (type_at == std::string_view::npos) continue;
    const std::string_view value = tag.substr(type_at, type_size);
    if (std::find(std::begin(kKnown), std::end(kKnown), value) != std::end(kKnown)) continue;
    const char* as = value == "integer" || value == "short" ? "long"
                     : value == "long double"               ? "double"
                                                            : "string";
    if (!changed) out.reserve(text.size() + 64);
    const size_t from = (tag.data() - text.data()) + type_at;
    out.append(text.substr(copied, from - copied));
    out += as;
    copied = from + value.size();
    changed = true;
  }
  if (changed) out.append(text.substr(copied));
  return changed;
}

// NetworkX writes an attribute whose values are whole numbers on some edges and fractions on
// others as two <key>s of one name, one "long" and one "double" (`weight` of 1 and 0.5, say),
// and reads them back as one; igraph's reader keeps one of the two and leaves the other's edges
// without it. Where two or more keys for the same things share a name and all are numbers
// (int, long, float, double), `out` is the text with the first of them made "double", the others
// blanked (spaces, their newlines kept, so igraph's messages still name the file's lines) and
// every <data> of theirs pointed at the first; true then, else false and `out` untouched.
bool GraphmlKeysMerged(std::string_view text, std::string& out) {
  struct Key {
    std::string_view id, type;
    size_t from, to;  // the whole element in `text`
    size_t type_at;   // where its type's value starts in `text`
  };
  std::map<std::pair<std::string_view, std::string_view>, std::vector<Key>> named;  // for, name
  for (size_t at = 0; (at = text.find("<key", at)) != std::string_view::npos;) {
    const size_t end = text.find('>', at);
    if (end == std::string_view::npos) break;
    if (at + 4 == end ||
        std::string_view(" \t\r\n/").find(text[at + 4]) == std::string_view::npos) {
      at = end;
      continue;
    }
    const std::string_view tag = text.substr(at, end - at);
    size_t to = end + 1;
    if (text[end - 1] != '/') {  // <key ...>...</key>, a <default> inside
      const size_t close = text.find("</key>", end);
      if (close == std::string_view::npos) break;
      to = close + 6;
    }
    const auto [id_at, id_size] = TagAttribute(tag, "id");
    const auto [name_at, name_size] = TagAttribute(tag, "attr.name");
    const auto [type_at, type_size] = TagAttribute(tag, "attr.type");
    const auto [for_at, for_size] = TagAttribute(tag, "for");
    if (id_at != std::string_view::npos && name_at != std::string_view::npos &&
        type_at != std::string_view::npos) {
      const std::string_view what =
          for_at == std::string_view::npos ? "all" : tag.substr(for_at, for_size);
      named[{what, tag.substr(name_at, name_size)}].push_back(
          {tag.substr(id_at, id_size), tag.substr(type_at, type_size), at, to, at + type_at});
    }
    at = to;
  }
  static constexpr std::string_view kNumbers[] = {"int", "long", "float", "double"};
  auto number = [](std::string_view t) {
    return std::find(std::begin(kNumbers), std::end(kNumbers), t) != std::end(kNumbers);
  };
  struct Edit {
    size_t at, size;
    std::string with;  // empty with `blank`: the span made spaces, newlines kept
    bool blank = false;
  };
  std::vector<Edit> edits;
  std::map<std::string_view, std::string_view> first_of;  // a blanked key's id → the first's
  for (const auto& [what, keys] : named) {
    if (keys.size() < 2 ||
        !std::all_of(keys.begin(), keys.end(), [&](const Key& k) { return number(k.type); })) {
      continue;
    }
    edits.push_back({keys[0].type_at, keys[0].type.size(), "double"});
    for (size_t i = 1; i < keys.size(); ++i) {
      edits.push_back({keys[i].from, keys[i].to - keys[i].from, "", true});
      first_of[keys[i].id] = keys[0].id;
    }
  }
  if (edits.empty()) return false;
  for (size_t at = 0; (at = text.find("<data", at)) != std::string_view::npos;) {
    const size_t end = text.find('>', at);
    if (end == std::string_view::npos) break;
    const auto [key_at, key_size] = TagAttribute(text.substr(at, end - at), "key");
    if (key_at != std::string_view::npos) {
      auto it = first_of.find(text.substr(at + key_at, key_size));
      if (it != first_of.end()) edits.push_back({at + key_at, key_size, std::string(it->second)});
    }
    at = end;
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at < b.at; });
  out.clear();
  out.reserve(text.size());
  size_t copied = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(copied, e.at - copied));
    if (e.blank) {
      for (char c : text.substr(e.at, e.size)) out += c == '\n' ? '\n' : ' ';
    } else {
      out += e.with;
    }
    copied = e.at + e.size;
  }
  out.append(text.substr(copied));
  return true;
}

// GML as graph-tool writes it, where a string's '"' is \\" (and a backslash itself is not
// marked): the text with each \\" inside a string made "&quot;", which igraph's reader decodes
// to '"' (the rest of the text as it is: an '&' there is already "&amp;", see ParseGraphFile).
// Empty where no string holds a \\". A '#' that starts a line outside a string starts a comment
// to the line's end (as in igraph's reader; not elsewhere in a line).
std::string GmlBackslashQuotes(std::string_view text) {
  std::string out;
  bool in_string = false, changed = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string && c == '#' && (i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r')) {
      const size_t eol = text.find('\n', i);
      const size_t to = eol == std::string_view::npos ? text.size() : eol;
      out.append(text.substr(i, to - i));
      i = to - 1;
      continue;
    }
    if (in_string && c == '\\' && i + 1 < text.size() && text[i + 1] == '"') {
      out += "&quot;";
      ++i;
      changed = true;
      continue;
    }
    if (c == '"') in_string = !in_string;
    out += c;
  }
  return changed ? out : std::string{};
}

// The values of vertex attribute `key` as names (put through `text`: a file's own decoding,
// where igraph's reader leaves some), or nothing where it is missing, empty or repeats.
std::vector<std::string> NamesFrom(const igraph_t* g, const char* key,
                                   std::string (*text)(std::string_view) = nullptr) {
  const igraph_integer_t n = igraph_vcount(g);
  std::vector<std::string> names;
  if (HasAttribute(g, IGRAPH_ATTRIBUTE_VERTEX, key, IGRAPH_ATTRIBUTE_STRING)) {
    for (igraph_integer_t v = 0; v < n; ++v) {
      const char* name = igraph_cattribute_VAS(g, key, v);
      names.push_back(text != nullptr ? text(name) : std::string(name));
    }
  } else if (HasAttribute(g, IGRAPH_ATTRIBUTE_VERTEX, key, IGRAPH_ATTRIBUTE_NUMERIC)) {
    for (igraph_integer_t v = 0; v < n; ++v) {
      names.push_back(WholeOrNumber(igraph_cattribute_VAN(g, key, v)));
    }
  }
  std::set<std::string_view> distinct;
  for (const std::string& s : names) {
    if (s.empty() || !distinct.insert(s).second) return {};
  }
  return names;
}

// Node names as NetworkX reads them: GraphML's ids; GML's labels (character references
// decoded), else its ids; Pajek's and DL's labels.
// Where those are missing or repeat, the nodes' 1-based numbers.
std::vector<std::string> NodeNames(const igraph_t* g, GraphFormat format) {
  std::vector<std::string> names;
  if (format == GraphFormat::kGraphML) {
    names = NamesFrom(g, "id", GraphmlAmpersands);
  } else if (format == GraphFormat::kGML) {
    names = NamesFrom(g, "label", DecodeGmlReferences);
    if (names.empty()) names = NamesFrom(g, "id", DecodeGmlReferences);
  } else {
    names = NamesFrom(g, "name");
  }
  if (names.empty() && igraph_vcount(g) > 0) {
    for (igraph_integer_t v = 0; v < igraph_vcount(g); ++v) names.push_back(std::to_string(v + 1));
  }
  return names;
}

// A number as igraph's Pajek and DL readers take one, which may start with '+' ("+5" is 5 there):
// without that sign, for from_chars.
std::string_view WithoutPlus(std::string_view s) {
  if (s.starts_with('+')) s.remove_prefix(1);
  return s;
}

// The text with the line ends and blanks igraph's Pajek and DL lexers know made plain, so the
// checks below split it where igraph does: "\r\n", "\n\r" and a lone '\r' end a line as
// '\n' does, and '\t', '\v' and '\f' separate words as ' ' does. Each byte keeps its place
// (the second of "\r\n" or "\n\r" becomes a blank), so an offset here is one in the text.
std::string AsIgraphSplitsIt(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '\r' || c == '\n') {
      out[i] = '\n';
      if (i + 1 < out.size() && (out[i + 1] == '\r' || out[i + 1] == '\n') && out[i + 1] != c) {
        out[++i] = ' ';  // "\r\n" or "\n\r": one line end
      }
    } else if (c == '\t' || c == '\v' || c == '\f') {
      out[i] = ' ';
    }
  }
  return out;
}

// How many nodes a file may declare (Pajek's *Vertices, DL's N=, Matrix Market's size line): a
// node it declares costs memory whether or not the file names it or gives it a tie (about
// 250 bytes each through the analysis), so a 40-byte file declaring 50 million nodes took over a
// minute and 5-9 GB before it was refused. Up to 1,000,000 nodes, or one for each byte of the
// file — as many as an edge list of that size could name — are taken.
Status CheckDeclaredNodes(int64_t declared, size_t file_bytes, int64_t line) {
  constexpr int64_t kAnyFile = 1'000'000;
  if (declared <= std::max<int64_t>(kAnyFile, static_cast<int64_t>(file_bytes))) return OkStatus();
  return InvalidArgument("line " + std::to_string(line) + ": the file declares " +
                         std::to_string(declared) + " nodes but is " + std::to_string(file_bytes) +
                         " bytes long: up to 1,000,000 nodes, or one for each byte of the file, "
                         "are taken (each declared node costs memory, named or not)");
}

// Where a DL file's data starts on a line of its header (lower case, as AsIgraphSplitsIt gives
// it): igraph's lexer takes "data:" wherever a word starts — on a line of its own, or after the
// format on the same line ("format = edgelist1 data:") — and what follows it is data. npos where
// the line has none.
size_t DlDataAt(std::string_view lower) {
  for (size_t at = 0; (at = lower.find("data:", at)) != std::string_view::npos; ++at) {
    if (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]))) return at;
  }
  return std::string_view::npos;
}

// The node count a Pajek file (its "*Vertices N" line) or a UCINET DL file (N=, NR=, NC= in the
// header before its data) declares, with its line; {-1, 0} where none is found. igraph's readers
// make every declared node before reading further, so this is checked first.
std::pair<int64_t, int64_t> DeclaredNodes(std::string_view text, GraphFormat format) {
  int64_t line_no = 0, most = -1, most_line = 0;
  size_t pos = 0;
  std::string_view line;
  while (NextLine(text, pos, line)) {
    ++line_no;
    const std::string lower = AsciiLower(Trim(line));
    if (format == GraphFormat::kPajek) {
      if (lower.empty() || lower[0] == '%') continue;
      if (lower.starts_with("*network")) continue;
      if (!lower.starts_with("*vertices")) break;
      int64_t n = -1;
      const std::string_view rest = WithoutPlus(Trim(std::string_view(lower).substr(9)));
      std::from_chars(rest.data(), rest.data() + rest.size(), n);
      return {n, line_no};
    }
    // DL: "N = 5", "n=5", "NR=3, NC=4"; the header ends where the data or labels start (which
    // may be on a header's line).
    const size_t data_at = DlDataAt(lower);
    const std::string_view header = std::string_view(lower).substr(0, data_at);
    for (size_t at = 0; (at = header.find('=', at)) != std::string::npos; ++at) {
      size_t key_end = at;
      while (key_end > 0 && lower[key_end - 1] == ' ') --key_end;
      size_t key_start = key_end;
      while (key_start > 0 && std::isalpha(static_cast<unsigned char>(lower[key_start - 1]))) {
        --key_start;
      }
      const std::string_view key = header.substr(key_start, key_end - key_start);
      if (key != "n" && key != "nr" && key != "nc") continue;
      size_t v = at + 1;
      while (v < header.size() && header[v] == ' ') ++v;
      int64_t n = -1;
      const std::string_view value = WithoutPlus(header.substr(v));
      std::from_chars(value.data(), value.data() + value.size(), n);
      if (n > most) most = n, most_line = line_no;
    }
    if (data_at != std::string::npos || lower.starts_with("labels") ||
        lower.starts_with("row labels") || lower.starts_with("col labels") ||
        lower.starts_with("column labels")) {
      break;
    }
  }
  return {most, most_line};
}

// A Pajek file with both *Arcs and *Edges sections is a mixed network: its arcs one way, its
// edges both ways. igraph's reader takes the whole file as directed or not by the last section
// it meets (NetworkX's by the first), so for such a file `renamed` is the text (`lines` is it as
// AsIgraphSplitsIt gives it) with its *Edges headers renamed *Arcs — igraph then keeps every
// line's direction — and the result says, for each edge in the file's order, whether it came
// from an *Edges section (an *Arcslist / *Edgeslist line gives one edge for each number after
// the first). The result is empty, and `renamed` untouched, where the file is not mixed; a mixed
// file with a *Matrix section is refused.
Result<std::vector<bool>> PajekMixedSections(std::string_view text, std::string_view lines,
                                             std::string& renamed) {
  std::vector<bool> from_edges;
  bool arcs = false, edges = false, matrix = false;
  enum { kOther, kArcs, kEdges, kArcsList, kEdgesList } section = kOther;
  std::vector<std::pair<size_t, bool>> edge_headers;  // where, and whether a list's
  size_t pos = 0;
  std::string_view line;
  std::vector<std::string_view> words;
  while (true) {
    const size_t start = pos;
    if (!NextLine(lines, pos, line)) break;
    const std::string_view t = Trim(line);
    if (t.empty() || t[0] == '%') continue;
    if (t[0] == '*') {
      const std::string lower = AsciiLower(t.substr(0, std::min<size_t>(t.size(), 10)));
      section = kOther;
      if (lower.starts_with("*arcslist")) {
        section = kArcsList, arcs = true;
      } else if (lower.starts_with("*edgeslist")) {
        section = kEdgesList, edges = true;
        edge_headers.emplace_back(start + (t.data() - line.data()), true);
      } else if (lower.starts_with("*arcs")) {
        section = kArcs, arcs = true;
      } else if (lower.starts_with("*edges")) {
        section = kEdges, edges = true;
        edge_headers.emplace_back(start + (t.data() - line.data()), false);
      } else if (lower.starts_with("*matrix")) {
        matrix = true;
      }
      continue;
    }
    if (section == kArcs || section == kEdges) {
      from_edges.push_back(section == kEdges);
    } else if (section == kArcsList || section == kEdgesList) {
      SplitWords(t, words);
      for (size_t i = 1; i < words.size(); ++i) from_edges.push_back(section == kEdgesList);
    }
  }
  if (!arcs || !edges) return std::vector<bool>{};
  if (matrix) {
    return InvalidArgument(
        "a Pajek file with *Arcs, *Edges and a *Matrix section is not read (its matrix's ties "
        "could not be told apart as arcs or edges)");
  }
  renamed = text;
  for (const auto& [at, list] : edge_headers) {  // the same length: no line moves
    renamed.replace(at, list ? 10 : 6, list ? "*Arcslist " : "*Arcs ");
  }
  return from_edges;
}

// A multi-relational Pajek file names each section's relation after its header ("*Arcs :1
// \"advice\"", "*Edges :2 \"friends\""), which igraph's reader cannot parse. Such a file is read as
// one network, every relation's ties added up: `blanked` is the text with each header's relation
// made blanks (the same length, so no line moves; `lines` is the text as AsIgraphSplitsIt gives
// it), and the result names the relations as the file gives them, in its order. The result is
// empty, and `blanked` untouched, where no header names a relation.
std::vector<std::string> PajekRelations(std::string_view text, std::string_view lines,
                                        std::string& blanked) {
  std::vector<std::string> relations;
  size_t pos = 0;
  std::string_view line;
  while (NextLine(lines, pos, line)) {
    const std::string_view t = Trim(line);
    if (!t.starts_with('*')) continue;
    const size_t word_end = std::min(t.find(' '), t.size());
    const std::string keyword = AsciiLower(t.substr(0, word_end));
    if (keyword != "*arcs" && keyword != "*edges" && keyword != "*arcslist" &&
        keyword != "*edgeslist") {
      continue;
    }
    const std::string_view rest = Trim(t.substr(word_end));
    if (!rest.starts_with(':')) continue;
    if (relations.empty()) blanked = text;
    relations.push_back(Shown(Trim(rest.substr(1))));
    std::fill_n(blanked.begin() + (rest.data() - lines.data()), rest.size(), ' ');
  }
  return relations;
}

// A UCINET DL edge or node list (format = edgelist1 or nodelist1) whose labels are not embedded
// names its nodes by number, 1 to N (`n`, as DeclaredNodes found it): a number outside that range
// is refused here, naming its line, before igraph's reader sees it — which refuses it too, but
// only after making room up to it (a 40-byte file naming node 400,000,000 took 21 s and 6.2 GB).
Status CheckDlNodeNumbers(std::string_view text, int64_t n) {
  int64_t line_no = 0;
  bool in_data = false, lists = false, embedded = false, node_list = false;
  size_t pos = 0;
  std::string_view line;
  std::vector<std::string_view> words;
  while (NextLine(text, pos, line)) {
    ++line_no;
    std::string lower = AsciiLower(Trim(line));
    std::string_view data = line;
    if (!in_data) {
      const size_t data_at = DlDataAt(lower);
      const std::string_view header = std::string_view(lower).substr(0, data_at);
      if (header.find("embedded") != std::string::npos) embedded = true;
      if (const size_t f = header.find("format"); f != std::string::npos) {
        lists = header.find("edgelist1", f) != std::string::npos ||
                header.find("nodelist1", f) != std::string::npos;
        node_list = header.find("nodelist1", f) != std::string::npos;
      }
      if (data_at == std::string::npos) continue;
      if (!lists || embedded || n < 0) return OkStatus();
      in_data = true;
      lower.erase(0, data_at + 5);  // the rest of the line is data
      data = lower;
    }
    std::string spaced(data);
    std::replace(spaced.begin(), spaced.end(), ',', ' ');
    SplitWords(spaced, words);
    const size_t ids = node_list ? words.size() : std::min<size_t>(2, words.size());
    for (size_t i = 0; i < ids; ++i) {
      int64_t v = 0;
      if (!ParseNumber(WithoutPlus(words[i]), v)) continue;  // igraph's reader says what
      if (v < 1 || v > n) {
        return InvalidArgument("line " + std::to_string(line_no) + ": node " +
                               std::string(words[i]) + " is outside the 1 to " + std::to_string(n) +
                               " the header declares (N=" + std::to_string(n) + ")");
      }
    }
  }
  return OkStatus();
}

// See ParseGraphFile. The largest matrix taken: 100 million nodes.
Result<EdgeList> ParseMatrixMarket(std::string_view text, const EdgeListOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  constexpr int64_t kMostNodes = 100'000'000;
  EdgeList out;
  int64_t line_no = 0, n = 0, declared = -1, entries = 0;
  bool symmetric = false, pattern = false;
  auto at = [&](const std::string& what) {
    return InvalidArgument("line " + std::to_string(line_no) + ": " + what);
  };
  std::vector<std::string_view> w;
  size_t pos = 0;
  std::string_view line;
  while (NextLine(text, pos, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    SplitWords(line, w);
    if (line_no == 1) {  // %%MatrixMarket matrix coordinate <field> <symmetry>
      if (w.size() != 5 || AsciiLower(w[1]) != "matrix" || AsciiLower(w[2]) != "coordinate") {
        return at("a network is a Matrix Market \"matrix coordinate\" file (the banner says " +
                  Shown(line) + ")");
      }
      const std::string field = AsciiLower(w[3]), symmetry = AsciiLower(w[4]);
      if (field != "pattern" && field != "integer" && field != "real") {
        return at("entries of type " + Shown(w[3]) +
                  " are not tie weights (pattern, integer or real)");
      }
      if (symmetry != "general" && symmetry != "symmetric") {
        return at("a " + Shown(w[4]) + " matrix is not a network (general or symmetric)");
      }
      pattern = field == "pattern";
      symmetric = symmetry == "symmetric";
      if (options.weighted && pattern) {
        return at("--weighted, but a \"pattern\" Matrix Market file has no values");
      }
      continue;
    }
    if (w.empty() || w[0].starts_with('%')) continue;
    if (declared < 0) {  // rows columns entries
      int64_t rows = 0, cols = 0;
      if (w.size() != 3 || !ParseNumber(w[0], rows) || !ParseNumber(w[1], cols) ||
          !ParseNumber(w[2], declared) || rows < 0 || declared < 0) {
        declared = -1;
        return at("the size line must be \"rows columns entries\" (got " + Shown(line) + ")");
      }
      if (rows != cols) {
        return at("a " + std::to_string(rows) + " × " + std::to_string(cols) +
                  " matrix is not a network's: it has as many rows as columns");
      }
      if (rows > kMostNodes) return at("more than 100,000,000 nodes");
      RETURN_IF_ERROR(CheckDeclaredNodes(rows, text.size(), line_no));
      n = rows;
      out.nodes.reserve(static_cast<size_t>(n));
      for (int64_t v = 1; v <= n; ++v) out.nodes.push_back(std::to_string(v));
      // Room for the entries the file can hold (each line is at least "1 2\n"), not for the
      // count it declares: "1000000 1000000 99999999" in an 80-byte file asked for 5 GB.
      out.ties.reserve(static_cast<size_t>(
                           std::min<int64_t>(declared, static_cast<int64_t>(text.size() / 4) + 1)) *
                       (symmetric ? 2 : 1));
      continue;
    }
    int64_t i = 0, j = 0;
    if (w.size() < (pattern ? 2u : 3u) || !ParseNumber(w[0], i) || !ParseNumber(w[1], j)) {
      return at(pattern ? "an entry is \"row column\"" : "an entry is \"row column value\"");
    }
    if (i < 1 || i > n || j < 1 || j > n) {
      return at("entry (" + std::to_string(i) + ", " + std::to_string(j) + ") is outside the " +
                std::to_string(n) + " × " + std::to_string(n) + " matrix");
    }
    double weight = 1.0;
    if (!pattern) {
      double value = 0;
      if (!ParseNumber(w[2], value) || !std::isfinite(value)) {
        return at("value " + Shown(w[2]) + " is not a number");
      }
      if (options.weighted) {
        if (value <= 0) return at("weight " + Shown(w[2]) + " is not a number above 0");
        weight = value;
      }
    }
    if (++entries > declared) {
      return at("more entries than the " + std::to_string(declared) + " the size line declares");
    }
    out.AddEdge(i - 1, j - 1, weight, symmetric || options.undirected);
  }
  if (declared < 0) return InvalidArgument("the Matrix Market file has no size line");
  if (entries != declared) {
    return InvalidArgument("the size line declares " + std::to_string(declared) +
                           " entries, the file has " + std::to_string(entries));
  }
  if (n == 0) return InvalidArgument("the Matrix Market file has no nodes (a 0 × 0 matrix)");
  out.undirected_file = symmetric;
  return out;
}

// "[strict] graph|digraph [NAME] {" after // and /* */ comments: DOT's first statement.
bool LooksLikeDot(std::string_view rest) {
  auto skip = [&] {
    while (true) {
      rest = Trimmed(rest);
      if (rest.starts_with("//")) {
        const size_t eol = rest.find('\n');
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol);
      } else if (rest.starts_with("/*")) {
        const size_t end = rest.find("*/");
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
      } else {
        return;
      }
    }
  };
  auto word = [&](std::string_view w) {
    skip();
    if (rest.size() < w.size() || AsciiLower(rest.substr(0, w.size())) != w) return false;
    if (rest.size() > w.size()) {
      const char next = rest[w.size()];
      if (std::isalnum(static_cast<unsigned char>(next)) || next == '_') return false;
    }
    rest.remove_prefix(w.size());
    return true;
  };
  word("strict");
  if (!word("graph") && !word("digraph")) return false;
  skip();
  if (rest.starts_with('{')) return true;
  // A name: a quoted string, or letters, digits and '_' (or a number), then '{'.
  if (rest.starts_with('"')) {
    size_t i = 1;
    while (i < rest.size() && rest[i] != '"') i += rest[i] == '\\' ? 2 : 1;
    rest = i < rest.size() ? rest.substr(i + 1) : std::string_view{};
  } else {
    size_t i = 0;
    while (i < rest.size() &&
           (std::isalnum(static_cast<unsigned char>(rest[i])) || rest[i] == '_' || rest[i] == '.' ||
            rest[i] == '-' || static_cast<unsigned char>(rest[i]) >= 0x80)) {
      ++i;
    }
    if (i == 0) return false;
    rest.remove_prefix(i);
  }
  skip();
  return rest.starts_with('{');
}

}  // namespace

GraphFormat SniffGraphFormat(std::string_view text) {
  if (text.starts_with("\xE2\x9B\xBE gt")) return GraphFormat::kGraphTool;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (StartsWithWord(text, "%%matrixmarket")) return GraphFormat::kMatrixMarket;
  if (text.starts_with(',') || text.starts_with("\"\",") || text.starts_with(';') ||
      text.starts_with("\"\";")) {
    return GraphFormat::kAdjacencyMatrix;
  }
  std::string_view rest = Trimmed(text);
  if (StartsWithWord(rest, "dl")) return GraphFormat::kDL;
  if (rest.starts_with('{')) return GraphFormat::kNodeLinkJson;
  if (rest.starts_with('<')) {
    // GEXF's root element comes after at most a declaration and comments.
    return rest.substr(0, 4096).find("<gexf") != std::string_view::npos ? GraphFormat::kGEXF
                                                                        : GraphFormat::kGraphML;
  }
  if (StartsWithWord(rest, "*vertices") || StartsWithWord(rest, "*network")) {
    return GraphFormat::kPajek;
  }
  if (LooksLikeDot(rest)) return GraphFormat::kDot;
  while (rest.starts_with('#')) {  // GML comments
    const size_t eol = rest.find('\n');
    rest = eol == std::string_view::npos ? std::string_view{} : Trimmed(rest.substr(eol));
  }
  if (StartsWithWord(rest, "creator") || StartsWithWord(rest, "version")) {
    return GraphFormat::kGML;
  }
  if (StartsWithWord(rest, "graph") && Trimmed(rest.substr(5)).starts_with('[')) {
    return GraphFormat::kGML;
  }
  return GraphFormat::kEdgeList;
}

const char* FormatName(GraphFormat format) {
  switch (format) {
    case GraphFormat::kGraphML:
      return "GraphML";
    case GraphFormat::kGML:
      return "GML";
    case GraphFormat::kPajek:
      return "Pajek";
    case GraphFormat::kMatrixMarket:
      return "Matrix Market";
    case GraphFormat::kDL:
      return "UCINET DL";
    case GraphFormat::kGEXF:
      return "GEXF";
    case GraphFormat::kNodeLinkJson:
      return "node-link JSON";
    case GraphFormat::kAdjacencyMatrix:
      return "adjacency matrix (CSV)";
    case GraphFormat::kDot:
      return "DOT";
    case GraphFormat::kGraphTool:
      return "graph-tool (gt)";
    case GraphFormat::kEdgeList:
      break;
  }
  return "edge list";
}

std::optional<GraphFormat> GraphFormatNamed(std::string_view name) {
  static constexpr std::pair<const char*, GraphFormat> kNames[] = {
      {"edgelist", GraphFormat::kEdgeList},
      {"graphml", GraphFormat::kGraphML},
      {"gml", GraphFormat::kGML},
      {"pajek", GraphFormat::kPajek},
      {"dl", GraphFormat::kDL},
      {"mtx", GraphFormat::kMatrixMarket},
      {"gexf", GraphFormat::kGEXF},
      {"json", GraphFormat::kNodeLinkJson},
      {"matrix", GraphFormat::kAdjacencyMatrix},
      {"dot", GraphFormat::kDot},
      {"gt", GraphFormat::kGraphTool}};
  const std::string lower = AsciiLower(name);
  for (const auto& [n, f] : kNames) {
    if (lower == n) return f;
  }
  return std::nullopt;
}

Result<EdgeList> ParseGraphFile(std::string_view text, GraphFormat format,
                                const EdgeListOptions& options) {
  if (format == GraphFormat::kEdgeList) return ParseEdgeList(text, options);
  if ((format == GraphFormat::kMatrixMarket || format == GraphFormat::kAdjacencyMatrix) &&
      !options.weight_name.empty()) {
    return InvalidArgument(std::string("--weight names an edge attribute, but a ") +
                           FormatName(format) +
                           " file has none: its values are the weights (--weighted reads them)");
  }
  if (format == GraphFormat::kMatrixMarket) return ParseMatrixMarket(text, options);
  if (format == GraphFormat::kGEXF) return internal::ParseGexf(text, options);
  if (format == GraphFormat::kNodeLinkJson) return internal::ParseNodeLinkJson(text, options);
  if (format == GraphFormat::kDot) return internal::ParseDot(text, options);
  if (format == GraphFormat::kGraphTool) return internal::ParseGraphTool(text, options);
  if (format == GraphFormat::kAdjacencyMatrix) {
    return internal::ParseAdjacencyMatrixCsv(text, options);
  }
  if (text.empty()) return InvalidArgument("the file is empty");
  std::string blanked;                       // a multi-relational Pajek file without its relations
  std::vector<std::string> pajek_relations;  // and those relations
  std::string renamed;                       // a mixed Pajek file with its *Edges read as *Arcs
  std::vector<bool> pajek_from_edges;        // and for each of its edges, from *Edges or not
  if (format == GraphFormat::kPajek || format == GraphFormat::kDL) {
    const std::string lines = AsIgraphSplitsIt(text);
    const auto [declared, line] = DeclaredNodes(lines, format);
    RETURN_IF_ERROR(CheckDeclaredNodes(declared, text.size(), line));
    if (format == GraphFormat::kDL) RETURN_IF_ERROR(CheckDlNodeNumbers(lines, declared));
    if (format == GraphFormat::kPajek) {
      pajek_relations = PajekRelations(text, lines, blanked);
      if (!pajek_relations.empty()) text = blanked;
      ASSIGN_OR_RETURN(pajek_from_edges, PajekMixedSections(text, lines, renamed));
      if (!pajek_from_edges.empty()) text = renamed;
    }
  }
  std::string typed;  // a GraphML file with attribute types igraph does not know, as string
  if (format == GraphFormat::kGraphML && GraphmlTypesIgraphKnows(text, typed)) text = typed;
  std::string merged;  // ... and with numeric keys of one name (NetworkX's) as one
  if (format == GraphFormat::kGraphML && GraphmlKeysMerged(text, merged)) text = merged;
  std::lock_guard lock(reading);
  error_message.clear();
  warnings.clear();
  // Restored when the graph (declared after it, so destroyed first, with these attributes) is gone.
  struct AttributeTable {
    const igraph_attribute_table_t* before = igraph_set_attribute_table(&igraph_cattribute_table);
    ~AttributeTable() { igraph_set_attribute_table(before); }
  } attribute_table;
  igraph_error_handler_t* errors = igraph_set_error_handler(KeepError);
  igraph_warning_handler_t* warned = igraph_set_warning_handler(KeepWarning);
  // igraph's GML reader decodes five of the entities in a string ("&amp;", "&quot;", ...) and
  // leaves the others with a warning; NetworkX decodes every reference once. With each '&'
  // written as "&amp;" igraph gives the strings as the file has them, and NodeNames decodes
  // them as NetworkX does ("&amp;#97;" is "&#97;" there, not "a"). A '&' outside a string is
  // an error either way, on the same line.
  std::string gml_amps;
  if (format == GraphFormat::kGML && text.find('&') != std::string_view::npos) {
    gml_amps.reserve(text.size() + 64);
    for (char c : text) {
      if (c == '&') {
        gml_amps += "&amp;";
      } else {
        gml_amps += c;
      }
    }
    text = gml_amps;
  }
  Holder h;
  auto read = [&](std::string_view bytes) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(
        fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "r"), &std::fclose);
    if (!f) {
      error_message = std::strerror(errno);
      return IGRAPH_EFILE;
    }
    if (format == GraphFormat::kGraphML) return igraph_read_graph_graphml(&h.g, f.get(), 0);
    if (format == GraphFormat::kGML) return igraph_read_graph_gml(&h.g, f.get());
    if (format == GraphFormat::kDL) return igraph_read_graph_dl(&h.g, f.get(), /*directed=*/true);
    return igraph_read_graph_pajek(&h.g, f.get());
  };
  igraph_error_t code = read(text);
  // graph-tool writes a '"' in a GML string as \" (no GML reader but its own takes that): where
  // the file is not GML as written and has one, it is read again with each \" as a quote.
  if (code != IGRAPH_SUCCESS && format == GraphFormat::kGML) {
    if (std::string quoted = GmlBackslashQuotes(text); !quoted.empty()) {
      const std::string first_error = error_message;
      error_message.clear();
      warnings.clear();
      code = read(quoted);
      if (code != IGRAPH_SUCCESS) error_message = first_error;
    }
  }
  h.ok = code == IGRAPH_SUCCESS;
  igraph_set_warning_handler(warned);
  igraph_set_error_handler(errors);
  if (!h.ok) {
    return InvalidArgument(std::string("not a readable ") + FormatName(format) + " file: " +
                           (error_message.empty() ? igraph_strerror(code) : error_message));
  }

  EdgeList out;
  out.warnings = std::move(warnings);
  if (!pajek_relations.empty()) {
    std::string named;
    for (size_t i = 0; i < pajek_relations.size() && i < 10; ++i) {
      named += (i ? ", " : "") + pajek_relations[i];
    }
    if (pajek_relations.size() > 10) named += ", …";
    out.warnings.push_back(std::to_string(pajek_relations.size()) + " relation" +
                           (pajek_relations.size() == 1 ? "" : "s") + " (" + named +
                           ") read as one network, their ties added up");
  }
  out.undirected_file = !igraph_is_directed(&h.g);
  const bool both_ways = options.undirected || out.undirected_file;
  out.nodes = NodeNames(&h.g, format);
  for (const std::string& name : out.nodes) {
    if (const std::string problem = NodeNameProblem(name); !problem.empty()) {
      return InvalidArgument("node " + Shown(name) + " " + problem);
    }
  }
  const char* weight_key = nullptr;  // into `numeric`
  std::vector<std::string> numeric;  // the edges' numeric attributes
  if (options.weighted) {
    numeric = AttributeNames(&h.g, IGRAPH_ATTRIBUTE_EDGE, IGRAPH_ATTRIBUTE_NUMERIC);
    std::vector<std::string> wanted{options.weight_name};  // "value" is GML's
    if (options.weight_name.empty()) {
      wanted = format == GraphFormat::kGML ? std::vector<std::string>{"weight", "value"}
                                           : std::vector<std::string>{"weight"};
    }
    for (const std::string& key : wanted) {
      if (auto it = std::find(numeric.begin(), numeric.end(), key); it != numeric.end()) {
        weight_key = it->c_str();
        break;
      }
    }
    if (weight_key == nullptr && igraph_ecount(&h.g) > 0) {
      return internal::NoNumericWeight(
          FormatName(format),
          options.weight_name.empty() ? "\"weight\"" : Shown(options.weight_name), "attribute",
          numeric);
    }
  }
  const igraph_integer_t m = igraph_ecount(&h.g);
  const bool mixed = !pajek_from_edges.empty();
  if (mixed && pajek_from_edges.size() != static_cast<size_t>(m)) {
    return InvalidArgument("the Pajek file's *Arcs and *Edges could not be told apart (" +
                           std::to_string(pajek_from_edges.size()) + " edge lines counted, " +
                           std::to_string(m) + " edges read)");
  }
  out.ties.reserve(static_cast<size_t>(both_ways || mixed ? 2 * m : m));
  for (igraph_integer_t e = 0; e < m; ++e) {
    const auto a = static_cast<int64_t>(IGRAPH_FROM(&h.g, e));
    const auto b = static_cast<int64_t>(IGRAPH_TO(&h.g, e));
    double weight = 1.0;
    if (weight_key != nullptr) {
      weight = igraph_cattribute_EAN(&h.g, weight_key, e);
      if (!std::isfinite(weight) || weight <= 0) {
        const std::string edge = "edge " + std::to_string(e + 1) + " (" + Shown(out.nodes[a]) +
                                 " to " + Shown(out.nodes[b]) + ")";
        return InvalidArgument(std::isnan(weight) ? edge + " has no weight"
                                                  : edge + ": weight " + WholeOrNumber(weight) +
                                                        " is not a number above 0");
      }
    }
    out.AddEdge(a, b, weight, both_ways || (mixed && pajek_from_edges[e]));
  }
  if (out.nodes.empty()) {
    return InvalidArgument(std::string("the ") + FormatName(format) + " file has no nodes");
  }
  return out;
}

Result<std::string> ReadZippedNetworkFile(const std::string& path, size_t max_bytes,
                                          std::string& member,
                                          std::vector<std::string>* listed_nodes) {
  const auto most = static_cast<int64_t>(std::min<size_t>(max_bytes, INT64_MAX));
  ASSIGN_OR_RETURN(auto archive,
                   OpenArchive(path, {.max_entries = 10'000,
                                      .max_total_bytes = std::max<int64_t>(most, int64_t{1} << 30),
                                      .max_entry_bytes = most,
                                      .max_ratio = 1000}));
  std::vector<size_t> networks;
  std::string names;
  for (size_t i = 0; i < archive->entries().size(); ++i) {
    const std::string& name = archive->entries()[i].name;
    if (BesideTheNetwork(name)) continue;
    networks.push_back(i);
    if (networks.size() <= 5) names += (networks.size() > 1 ? ", " : "") + Shown(name);
  }
  // Netzschleuder's csv.zip: the edges, with the nodes (and the graph's properties) beside them.
  constexpr size_t kNone = SIZE_MAX;
  size_t nodes_csv = kNone;
  if (networks.size() == 2 || networks.size() == 3) {
    size_t edges = kNone;
    std::string folder;
    bool other = false;
    for (size_t i : networks) {
      const std::string& name = archive->entries()[i].name;
      const size_t slash = name.rfind('/') + 1;  // 0 without one
      const std::string_view base = std::string_view(name).substr(slash);
      if (i == networks[0]) folder = name.substr(0, slash);
      other |= std::string_view(name).substr(0, slash) != folder;  // all in one folder
      if (base == "edges.csv") {
        edges = i;
      } else if (base == "nodes.csv") {
        nodes_csv = i;
      } else if (base != "gprops.csv") {
        other = true;
      }
    }
    if (edges != kNone && nodes_csv != kNone && !other) {
      networks = {edges};
    } else {
      nodes_csv = kNone;
    }
  }
  if (networks.size() != 1) {
    return InvalidArgument(networks.empty()
                               ? std::string("the zip holds no network file")
                               : "the zip holds " + std::to_string(networks.size()) + " files (" +
                                     names + (networks.size() > 5 ? ", …" : "") +
                                     "): unzip it and name the one to analyse");
  }
  ASSIGN_OR_RETURN(auto reader, archive->NewReader());
  std::string bytes;
  RETURN_IF_ERROR(reader->Read(networks[0], bytes));
  member = archive->entries()[networks[0]].name;
  if (nodes_csv != kNone && listed_nodes != nullptr) {
    const std::string& name = archive->entries()[nodes_csv].name;
    std::string nodes;
    RETURN_IF_ERROR(reader->Read(nodes_csv, nodes));
    CsvReader csv(nodes, {.max_field_bytes = size_t{1} << 20, .max_fields = 1 << 16});
    CsvRecord rec;
    while (csv.Next(rec)) {
      const std::string_view first = rec.fields.empty() ? "" : Trim(rec.fields[0]);
      if (first.starts_with('#') || (rec.fields.size() <= 1 && first.empty())) continue;
      if (first.empty()) {
        return InvalidArgument(name + ": line " + std::to_string(rec.line) +
                               " has no node index in its first field");
      }
      listed_nodes->emplace_back(first);
    }
    if (!csv.status().ok()) return csv.status().WithContext(name);
  }
  return bytes;
}

}  // namespace pl::ingest
