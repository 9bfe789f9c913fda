#include "ingest/edge_list.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "ingest/csv.h"

namespace pl::ingest {
namespace {

constexpr size_t kMostNameBytes = 256;

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool IsNumberWord(std::string_view w) {
  double x;
  return ParseNumber(w, x);
}

// A whitespace-separated line's fields. Mostly its words (SplitWords); but a field may be quoted
// ("Ann Lee", a doubled quote for one inside it, unescaped into `unescaped`), and a line that
// has both tabs and spaces is split at its tabs only where that keeps a name whole ("Ann
// Lee<TAB>Bob"), not where the spaced fields are numbers (a line mixing tabs and spaces between
// numeric columns, "1<TAB>2 1 946684800", is split at both).
void SplitEdgeLine(std::string_view line, std::vector<std::string_view>& out,
                   std::deque<std::string>& unescaped) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  unescaped.clear();
  // The usual line, in one pass: words, no quote, not both tabs and spaces between them.
  out.clear();
  bool tab = false, space = false, quote = false;
  for (size_t i = 0; i < line.size() && !quote;) {
    for (; i < line.size() && blank(line[i]); ++i) {
      tab = tab || line[i] == '\t';
      space = space || line[i] == ' ';
    }
    const size_t start = i;
    for (; i < line.size() && !blank(line[i]); ++i) quote = quote || line[i] == '"';
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  if (!quote && !(tab && space)) return;
  if (!quote) {
    out.clear();
    bool named = false;  // a field with a space that is not all numbers
    for (std::string_view f : Split(line, '\t')) {
      f = Trim(f);
      if (f.empty()) continue;
      if (!named && f.find(' ') != f.npos) {
        std::vector<std::string_view> words;
        SplitWords(f, words);
        named = !std::all_of(words.begin(), words.end(), IsNumberWord);
      }
      out.push_back(f);
    }
    if (!named) SplitWords(line, out);
    return;
  }
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && blank(line[i])) ++i;
    if (i == line.size()) break;
    if (line[i] != '"') {
      const size_t start = i;
      while (i < line.size() && !blank(line[i])) ++i;
      out.push_back(line.substr(start, i - start));
      continue;
    }
    // A quoted field: to the quote that is not doubled (or the line's end); text right after
    // the closing quote, up to the next blank, belongs to the field too.
    bool doubled = false;
    const size_t start = ++i;
    for (; i < line.size(); ++i) {
      if (line[i] != '"') continue;
      if (i + 1 < line.size() && line[i + 1] == '"') {
        doubled = true;
        ++i;
      } else {
        break;
      }
    }
    const size_t close = i;
    if (i < line.size()) ++i;  // past the closing quote
    const size_t rest = i;
    while (i < line.size() && !blank(line[i])) ++i;
    if (!doubled && rest == i) {
      out.push_back(line.substr(start, close - start));
    } else {
      std::string value;
      for (size_t k = start; k < close; ++k) {
        value += line[k];
        if (line[k] == '"') ++k;  // the first of a doubled quote stands for one
      }
      value.append(line.substr(rest, i - rest));
      out.push_back(unescaped.emplace_back(std::move(value)));
    }
  }
}

bool IsHeader(const std::vector<std::string_view>& fields) {
  return NamesEdgeListColumns(fields[0], fields[1]);
}

class Builder {
 public:
  Builder(const EdgeListOptions& options, EdgeList& out) : options_(options), out_(out) {}

  // KONECT's "bip": each column names its own set of nodes.
  void set_bipartite(bool bipartite) { bipartite_ = bipartite; }
  // Whether every edge was undirected by its "type" (Gephi's export of an undirected graph).
  bool AllTypedUndirected() const { return typed_ > 0 && typed_undirected_ == typed_; }

  // One line's fields; an error names `line`.
  Status Add(int64_t line, const std::vector<std::string_view>& fields) {
    auto where = [&] { return "line " + std::to_string(line) + ": "; };
    if (fields.size() < 2) {
      return InvalidArgument(where() + "has " + std::to_string(fields.size()) +
                             " field; a tie is \"source target" +
                             (options_.weighted ? " weight\"" : "\""));
    }
    if (out_.lines == 0 && !out_.header && IsHeader(fields)) {
      out_.header = true;
      return NamedColumn(fields);
    }
    if (out_.lines == 0 && !out_.header && !options_.weight_name.empty()) {
      return InvalidArgument(where() + "--weight names a column (" + Shown(options_.weight_name) +
                             "), but the edge list has no header line naming its columns "
                             "(\"source target ...\") before its first tie");
    }
    double weight = 1.0;
    if (options_.weighted) {
      if (fields.size() <= column_) {
        return InvalidArgument(
            where() + "has no weight (" +
            (options_.weight_name.empty()
                 ? std::string("a third field")
                 : "field " + std::to_string(column_ + 1) + ", " + Shown(options_.weight_name)) +
            "), and --weighted asks for one");
      }
      const std::string_view w = fields[column_];
      if (!ParseCsvNumber(w, out_.separator, weight) || !std::isfinite(weight) || weight <= 0) {
        return InvalidArgument(where() + "weight " + Shown(w) + " is not a number above 0");
      }
    }
    uint32_t ends[2];
    for (int k = 0; k < 2; ++k) {
      if (bipartite_) {  // KONECT's "bip": each column's own set of nodes
        ASSIGN_OR_RETURN(ends[k], Node(line, (k == 0 ? "1:" : "2:") + std::string(fields[k])));
      } else {
        ASSIGN_OR_RETURN(ends[k], Node(line, fields[k]));
      }
    }
    ASSIGN_OR_RETURN(const bool undirected, Undirected(line, fields));
    if (type_column_ != 0) {
      ++typed_;
      typed_undirected_ += undirected;
    }
    out_.AddEdge(ends[0], ends[1], weight,
                 options_.undirected || out_.undirected_file || undirected);
    return OkStatus();
  }

 private:
  Result<uint32_t> Node(int64_t line, std::string_view name) {
    if (auto it = index_.find(name); it != index_.end()) return it->second;
    if (const std::string problem = NodeNameProblem(name); !problem.empty()) {
      return InvalidArgument("line " + std::to_string(line) + ": node name " + Shown(name) + " " +
                             problem);
    }
    const auto id = static_cast<uint32_t>(out_.nodes.size());
    out_.nodes.emplace_back(name);
    index_.emplace(std::string(name), id);
    return id;
  }

  // The header's columns (any case): the weight's is the one options_.weight_name names, else
  // one named "weight" (Gephi's edge table has it seventh), else the third; a "type" column after
  // the ends gives each edge's direction (Gephi's "Directed" or "Undirected").
  Status NamedColumn(const std::vector<std::string_view>& header) {
    const std::string wanted = AsciiLower(options_.weight_name);
    bool found = wanted.empty();
    std::string names;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string name = AsciiLower(header[i]);
      if (i >= 2 && name == (wanted.empty() ? "weight" : wanted)) {
        column_ = i;
        found = true;
      }
      if (i >= 2 && name == "type") type_column_ = i;
      names += (i ? ", " : "") + Shown(header[i]);
    }
    if (!found) {
      return InvalidArgument("--weight " + Shown(options_.weight_name) +
                             ": the header has no such column (it has " + names + ")");
    }
    return OkStatus();
  }

  // Whether a line's "type" field makes its edge count both ways: "Undirected" (any case) does,
  // "Directed" or an empty field does not; anything else is refused, naming the line.
  Result<bool> Undirected(int64_t line, const std::vector<std::string_view>& fields) {
    if (type_column_ == 0 || fields.size() <= type_column_) return false;
    const std::string type = AsciiLower(fields[type_column_]);
    if (type == "undirected") return true;
    if (type == "directed" || type.empty()) return false;
    return InvalidArgument("line " + std::to_string(line) + ": type " +
                           Shown(fields[type_column_]) + " is not Directed or Undirected");
  }

  const EdgeListOptions& options_;
  EdgeList& out_;
  size_t column_ = 2;                         // the weight's field
  size_t type_column_ = 0;                    // Gephi's "type" field, where the header has one
  int64_t typed_ = 0, typed_undirected_ = 0;  // edges read with a type, and those undirected
  bool bipartite_ = false;  // a KONECT "bip" file: nodes named "1:N" and "2:N" by column
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> index_;
};

enum class Konect { kNone, kOneSet, kBipartite };

// KONECT's first line, "% sym|asym|bip WEIGHTS" (WEIGHTS: unweighted, positive, posweighted,
// signed, multisigned, weighted, multiweighted, dynamic, multiposweighted): sets
// undirected_file for "sym" and "bip"; kBipartite for "bip" (its two columns number two sets of
// nodes, each from 1), with a warning that says how its nodes are named.
Konect ReadKonectHeader(std::string_view line, EdgeList& out) {
  static constexpr std::string_view kWeights[] = {
      "unweighted", "positive",      "posweighted", "signed",          "multisigned",
      "weighted",   "multiweighted", "dynamic",     "multiposweighted"};
  if (!line.starts_with('%')) return Konect::kNone;
  std::vector<std::string_view> words;
  SplitWords(line.substr(1), words);
  if (words.size() < 2 ||
      std::find(std::begin(kWeights), std::end(kWeights), words[1]) == std::end(kWeights)) {
    return Konect::kNone;
  }
  out.undirected_file = words[0] == "sym" || words[0] == "bip";
  if (words[0] != "bip") return Konect::kOneSet;
  out.warnings.push_back(
      "KONECT's header marks the network bipartite: its two columns number two different sets "
      "of nodes, so the first column's node N is named \"1:N\" and the second's \"2:N\"");
  return Konect::kBipartite;
}

// KONECT's second line, "% EDGES ROWS COLUMNS": the nodes of each set, numbered from 1, tied or
// not. False where the line is not three whole numbers (and for ROWS ≠ COLUMNS in one set).
bool ReadKonectSizes(std::string_view line, Konect kind, int64_t sizes[2]) {
  std::vector<std::string_view> words;
  if (!line.starts_with('%')) return false;
  SplitWords(line.substr(1), words);
  int64_t v[3];
  if (words.size() != 3) return false;
  for (int i = 0; i < 3; ++i) {
    const auto [end, ec] = std::from_chars(words[i].begin(), words[i].end(), v[i]);
    if (ec != std::errc() || end != words[i].end() || v[i] < 0) return false;
  }
  sizes[0] = v[1];
  sizes[1] = v[2];
  return kind == Konect::kBipartite || v[1] == v[2];
}

// KONECT's nodes without ties: those its size line counts that no line named, added after the
// others in number order ("1:N" and "2:N" for a bipartite network). Nothing is added unless every
// node named is a number the size line counts (else the line does not describe this file), or
// where it would add more than a million.
void AddKonectNodes(Konect kind, const int64_t sizes[2], EdgeList& out) {
  const bool two = kind == Konect::kBipartite;
  const auto most = static_cast<int64_t>(out.nodes.size()) + 1'000'000;
  if (sizes[0] > most || (two && sizes[1] > most)) return;  // checked before the room is taken
  std::vector<std::vector<bool>> seen(two ? 2 : 1);
  for (int k = 0; k < (two ? 2 : 1); ++k) seen[k].assign(static_cast<size_t>(sizes[k]) + 1, false);
  size_t named = 0;
  for (const std::string& name : out.nodes) {
    const int k = two && name.starts_with("2:") ? 1 : 0;
    const std::string_view number = two ? std::string_view(name).substr(2) : name;
    int64_t i = 0;
    const auto [end, ec] = std::from_chars(number.begin(), number.end(), i);
    if (ec != std::errc() || end != number.end() || i < 1 || i > sizes[k] ||
        number.front() == '0') {  // "05" would not be the node the line counts as 5
      return;
    }
    named += !seen[k][static_cast<size_t>(i)];
    seen[k][static_cast<size_t>(i)] = true;
  }
  const int64_t total = sizes[0] + (two ? sizes[1] : 0);
  if (total - static_cast<int64_t>(named) > 1'000'000) return;
  for (int k = 0; k < (two ? 2 : 1); ++k) {
    for (int64_t i = 1; i <= sizes[k]; ++i) {
      if (seen[k][static_cast<size_t>(i)]) continue;
      out.nodes.push_back((two ? (k == 0 ? "1:" : "2:") : "") + std::to_string(i));
    }
  }
}

bool IsComment(std::string_view line) {
  line = Trim(line);
  return line.empty() || line.front() == '#' || line.front() == '%';
}

// A comment's text: the line less its leading '#' or '%' marks and spaces.
std::string_view CommentText(std::string_view line) {
  line = Trim(line);
  const size_t text = line.find_first_not_of("#%");
  return text == line.npos ? std::string_view() : Trim(line.substr(text));
}

// SNAP's first line, "# Undirected graph: NAME" (or "# Undirected graph (each unordered pair of
// nodes is saved once): NAME"), says the file lists each tie once for both ways; its "# Directed
// graph" leaves each line one way.
bool SnapSaysUndirected(std::string_view line) {
  if (!Trim(line).starts_with('#')) return false;
  return AsciiLower(CommentText(line)).starts_with("undirected graph");
}

}  // namespace

std::string Shown(std::string_view s) { return "'" + Printable(s, 40) + "'"; }

std::string NodeNameProblem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > kMostNameBytes) return "is longer than 256 bytes";
  if (!IsValidUtf8(name)) return "is not valid UTF-8";
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "holds a control character";
  }
  return "";
}

void EdgeList::AddEdge(int64_t a, int64_t b, double weight, bool both_ways) {
  ++lines;
  if (a == b) {
    ++self_loops;
    return;
  }
  ties.push_back({a, b, graph::Layer::kReply, Timestamp{}, weight});
  if (both_ways) ties.push_back({b, a, graph::Layer::kReply, Timestamp{}, weight});
}

bool NamesEdgeListColumns(std::string_view first, std::string_view second) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"source", "target"}, {"from", "to"},   {"src", "dst"},         {"node1", "node2"},
      {"u", "v"},           {"head", "tail"}, {"sender", "recipient"}};
  const std::string a = AsciiLower(first), b = AsciiLower(second);
  for (auto [x, y] : kPairs) {
    if (a == x && b == y) return true;
  }
  return false;
}

Result<int64_t> AddListedNodes(std::span<const std::string> names, EdgeList& list) {
  std::unordered_set<std::string_view> known(list.nodes.begin(), list.nodes.end());
  std::vector<std::string> added;
  for (size_t i = 0; i < names.size(); ++i) {
    if (known.contains(names[i])) continue;
    if (const std::string problem = NodeNameProblem(names[i]); !problem.empty()) {
      return InvalidArgument("listed node " + std::to_string(i + 1) + ": name " + Shown(names[i]) +
                             " " + problem);
    }
    known.insert(names[i]);
    added.push_back(names[i]);
  }
  list.nodes.insert(list.nodes.end(), std::make_move_iterator(added.begin()),
                    std::make_move_iterator(added.end()));
  return static_cast<int64_t>(added.size());
}

std::vector<int64_t> EdgeList::AllNodes() const {
  std::vector<int64_t> all(nodes.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
  return all;
}

Result<EdgeList> ParseEdgeList(std::string_view text, const EdgeListOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  EdgeList out;
  Builder builder(options, out);
  Konect konect = Konect::kNone;
  int64_t konect_sizes[2] = {-1, -1};  // KONECT's size line: each set's nodes
  // CSV where the first line that is not a comment has a comma, or a semicolon and no comma.
  {
    size_t at = 0;
    std::string_view line;
    if (NextLine(text, at, line)) {
      konect = ReadKonectHeader(line, out);
      builder.set_bipartite(konect == Konect::kBipartite);
      if (SnapSaysUndirected(line)) out.undirected_file = true;
      if (konect != Konect::kNone &&
          !(NextLine(text, at, line) && ReadKonectSizes(line, konect, konect_sizes))) {
        konect_sizes[0] = -1;
      }
    }
    at = 0;
    while (NextLine(text, at, line)) {
      if (!IsComment(line)) {
        const char separator = SniffCsvSeparator(line);
        if (separator == ';' || line.find(',') != line.npos) out.separator = separator;
        break;
      }
    }
  }
  std::vector<std::string_view> fields;
  if (out.separator != ' ') {
    CsvReader reader(text, {.separator = out.separator});
    CsvRecord rec;
    while (reader.Next(rec)) {
      const std::string_view first = rec.fields.empty() ? "" : Trim(rec.fields[0]);
      const bool comment = first.starts_with('#') || first.starts_with('%');
      if ((rec.fields.size() <= 1 && first.empty()) || (comment && rec.fields.size() <= 1)) {
        continue;
      }
      fields.clear();
      for (const std::string& f : rec.fields) fields.push_back(Trim(f));
      if (comment) {
        // A header behind a comment mark, as in Netzschleuder's edges.csv ("# source, target,
        // weight"), names the columns before the first tie; any other comment is skipped.
        fields[0] = CommentText(fields[0]);
        if (out.lines > 0 || out.header || !NamesEdgeListColumns(fields[0], fields[1])) continue;
      }
      RETURN_IF_ERROR(builder.Add(rec.line, fields));
    }
    if (!reader.status().ok()) return reader.status();
  } else {
    int64_t number = 0;
    size_t at = 0;
    std::string_view line;
    std::deque<std::string> unescaped;
    while (NextLine(text, at, line)) {
      ++number;
      if (IsComment(line)) {
        if (out.lines > 0 || out.header || Trim(line).empty()) continue;
        // a header behind a comment mark, as above
        SplitEdgeLine(CommentText(line), fields, unescaped);
        if (fields.size() < 2 || !NamesEdgeListColumns(fields[0], fields[1])) continue;
      } else {
        SplitEdgeLine(line, fields, unescaped);
      }
      RETURN_IF_ERROR(builder.Add(number, fields));
    }
  }
  if (out.lines == 0) return InvalidArgument("the file holds no tie (\"source target\" lines)");
  if (konect != Konect::kNone && konect_sizes[0] >= 0) AddKonectNodes(konect, konect_sizes, out);
  // Every edge undirected by its type (Gephi's export of an undirected graph): the file's graph is.
  if (builder.AllTypedUndirected()) out.undirected_file = true;
  return out;
}

}  // namespace pl::ingest
