// Writes a network snapshot in the formats analysts' tools read, with the people's HR attributes
// from the roster:
//   csv      people.csv (one row per person keyed by employee id: attributes and every metric),
//            edges.csv (person-to-person ties with both people's attributes), teams.csv,
//            team_flows.csv, communities.csv (each community's teams), champions.csv,
//            brokers.csv (links as community:contacts), single_points.csv (skills as
//            skill:level:others), newcomers.csv, visible_helpers.csv, summary.json
//   json     network.json: the snapshot's summary, parameters, people, ties, teams and findings
//   graphml  network.graphml (GraphML 1.0; yEd, Cytoscape, NetworkX, igraph)
//   gexf     network.gexf (GEXF 1.2 for Gephi, with positions, colours by community and sizes)
// Missing values (effective size without ties) are empty in CSV, null in JSON and left out of
// GraphML/GEXF. Free text in CSV is defused against spreadsheet formulas (core/text.h).
//
//   for (const auto& file : ExportFiles(ExportFormat::kCsv)) {
//     std::ofstream out(dir / file);
//     RETURN_IF_ERROR(WriteExportFile(ExportFormat::kCsv, file, snapshot, people, {}, out));
//   }
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/status.h"
#include "network/snapshot.h"

namespace pl::network {

enum class ExportFormat { kCsv, kJson, kGraphml, kGexf };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportOptions {
  bool names = true;  // include names and e-mails (off: employee ids and attributes only)
};

// The files a format writes, in order.
std::vector<std::string> ExportFiles(ExportFormat format);

// Writes one of ExportFiles(format). `people` are the roster's people (any order); a snapshot
// person missing from it is written with their store id only. InvalidArgument for a file the
// format does not have; Unavailable if the stream fails.
Status WriteExportFile(ExportFormat format, std::string_view file, const Snapshot& snapshot,
                       const std::vector<Person>& people, const ExportOptions& options,
                       std::ostream& out);

}  // namespace pl::network
