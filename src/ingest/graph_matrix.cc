// An adjacency matrix as a CSV file, as R's write.csv and pandas' to_csv write one: a header of
// an empty corner cell and the people's names, then a row a person, its name first and one
// value a column; a value other than 0 is a tie from the row's person to the column's.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/internal/graph_formats.h"

namespace pl::ingest::internal {

Result<EdgeList> ParseAdjacencyMatrixCsv(std::string_view text, const EdgeListOptions& options) {
  constexpr size_t kMostPeople = 100'000;  // 10^10 cells would not be a file anyone writes
  CsvReader reader(text, {.max_field_bytes = 1024, .max_fields = kMostPeople + 1});
  CsvRecord record;
  if (!reader.Next(record)) {
    return reader.status().ok() ? InvalidArgument("the file is empty") : reader.status();
  }
  EdgeList out;
  std::unordered_map<std::string, int64_t> column;
  for (size_t c = 1; c < record.fields.size(); ++c) {
    std::string name(Trim(record.fields[c]));
    if (const std::string problem = NodeNameProblem(name); !problem.empty()) {
      return InvalidArgument("line 1: column " + std::to_string(c + 1) + ": node " + Shown(name) +
                             " " + problem);
    }
    if (!column.emplace(name, static_cast<int64_t>(out.nodes.size())).second) {
      return InvalidArgument("line 1: node " + Shown(name) + " names two columns");
    }
    out.nodes.push_back(std::move(name));
  }
  const size_t n = out.nodes.size();
  if (n < 2) return InvalidArgument("line 1: an adjacency matrix names two people or more");
  if (NamesEdgeListColumns(out.nodes[0], out.nodes[1])) {
    return InvalidArgument("line 1: the header names the columns " + Shown(out.nodes[0]) + " and " +
                           Shown(out.nodes[1]) +
                           ", not people: an edge list written with an unnamed index column "
                           "first (pandas' to_csv without index=False)? Write it without the "
                           "index, or drop the first column");
  }
  std::vector<bool> given(n, false);
  size_t rows = 0;
  while (reader.Next(record)) {
    const std::string at = "line " + std::to_string(record.line) + ": ";
    const std::string name(Trim(record.fields[0]));
    auto it = column.find(name);
    if (it == column.end()) {
      return InvalidArgument(at + "row " + Shown(name) + " is not one of the header's people");
    }
    const auto i = static_cast<size_t>(it->second);
    if (given[i]) return InvalidArgument(at + "row " + Shown(name) + " comes twice");
    given[i] = true;
    ++rows;
    if (record.fields.size() != n + 1) {
      return InvalidArgument(at + "row " + Shown(name) + " has " +
                             std::to_string(record.fields.size() - 1) + " values, the header " +
                             std::to_string(n) + " people");
    }
    for (size_t j = 0; j < n; ++j) {
      const std::string_view cell = Trim(record.fields[j + 1]);
      double value = 0;
      if (!cell.empty()) {
        if (!ParseCsvNumber(cell, reader.separator(), value) || !std::isfinite(value) ||
            value < 0) {
          return InvalidArgument(at + "row " + Shown(name) + ", column " + Shown(out.nodes[j]) +
                                 ": value " + Shown(cell) + " is not a number of 0 or more");
        }
      }
      if (value == 0) continue;
      out.AddEdge(static_cast<int64_t>(i), static_cast<int64_t>(j), options.weighted ? value : 1.0,
                  options.undirected);
    }
  }
  if (!reader.status().ok()) return reader.status();
  if (rows != n) {
    std::string missing;
    for (size_t i = 0, shown = 0; i < n && shown < 5; ++i) {
      if (given[i]) continue;
      missing += (shown++ ? ", " : "") + Shown(out.nodes[i]);
    }
    return InvalidArgument("the header names " + std::to_string(n) + " people, the rows " +
                           std::to_string(rows) + " (no row for " + missing +
                           (n - rows > 5 ? ", …" : "") + ")");
  }
  return out;
}

}  // namespace pl::ingest::internal
