// Generic interactions import: who interacted with whom, when, on which layer — from any system
// that can export a CSV. Stages as in the roster import: detect → parse → validate → load, strict
// by default (any bad row rejects the file; the store is unchanged), --lenient skips bad rows.
// Re-importing the same rows adds nothing: an interaction is identified by its two people, layer,
// time and context.
//
// Columns (case-insensitive): source, target (people by employee id, or by e-mail in any case
// where no employee id is that text; required), timestamp (ISO-8601,
// required; also named time, datetime, ts, sent_at or created_at), layer (reply, mention, reaction,
// thread, nomination, debrief, kudos, mentoring; default reply), weight (> 0, default 1), context
// (a channel or project id; optional). There is no column for message text: it is never read or
// stored. A row whose source and target are the same person (mail to oneself, every message export
// has them) is not a tie between two people: it is left out and counted (the report says how many),
// and rejects nothing.
//
// Peer nominations ("who helped you most?") use the same reader with the nomination layer as
// the default and these aliases: nominator_employee_id / nominator / from / sender / respondent
// / respondent_id for source, nominee_employee_id / nominee / to / recipient for target, date or
// submitted_at for timestamp, question or wave for context; as survey tools export them,
// email / "email address" / respondent email / nominator_email for source, nominee_email for
// target and "completion time" (Microsoft Forms) for timestamp. A survey's export gives a
// respondent's answers in numbered columns (nominee_1, "Nominee 2", target3, to_4, …): each
// names one more target of the row's source; there a blank cell is an answer not given, a
// person named twice in a row counts once, and an unknown person is named by its column. A
// target cell may name several people separated by ';' or ',' (a form's question with several
// answers: "ana@x.com;ben@x.com;", "ana@x.com, ben@x.com"), each a target. Where no column
// names the nominee and exactly one column has no known name (a form's ID, start time and name
// columns aside), that column — a form's question — is the nominee, said in a warning, and its
// heading is the question of rows that give none.
//
// Kudos (recognition: who thanked whom) and project debriefs ("who helped on this project?") use
// it too, with the kudos and debrief layers as the default and these aliases besides: giver /
// given_by / giver_employee_id / giver_email for source, receiver / receiver_employee_id /
// recipient_employee_id / receiver_email / recipient_email / receivers / recipients / helper /
// helper_employee_id / helper_email / helped_by for target (numbered helper_1,
// "Helped by 2", receiver_3 … as more targets), given_at for timestamp, project or project_name
// for context. A tool's message or comment column is never read (the report warns of it).
//
// A file without a timestamp column takes `date` for every row. A matrix (R's write.csv and
// pandas' to_csv of a sociomatrix: the header's first cell empty, then the people's employee
// ids; each row a person's id, then a number per column) holds a tie from the row's person to
// the column's wherever its number is above 0, the number its weight; it names no time, so it
// needs `date`. A blank cell is 0; a person heading two columns or two rows, an unknown person
// (named by its column or line), a cell that is not a number of at most 1,000,000, or a row of
// the wrong length is an issue; the diagonal is left out and counted as a self-interaction.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "ingest/roster.h"

namespace pl::ingest {

// The CSV imports of who helped whom, by the name the command line (`import NAME`) and the API
// (`POST /api/v1/imports/NAME`) give them, with the layer of rows that name none.
struct InteractionCsvKind {
  std::string_view name;
  graph::Layer default_layer;
};
inline constexpr std::array<InteractionCsvKind, 4> kInteractionCsvKinds = {{
    {"interactions", graph::Layer::kReply},
    {"nominations", graph::Layer::kNomination},
    {"kudos", graph::Layer::kKudos},
    {"debriefs", graph::Layer::kDebrief},
}};
std::optional<graph::Layer> CsvKindLayer(std::string_view kind);

struct InteractionsOptions {
  bool lenient = false;
  bool dry_run = false;
  graph::Layer default_layer = graph::Layer::kReply;  // for rows without a layer
  // When the file gives none: the time of every row of a file without a timestamp column, and
  // of every tie of a matrix.
  std::optional<Timestamp> date;
  // The context (a nomination's question or wave, an interaction's channel or project) of every
  // row of a file without a context column, and of every tie of a matrix: two matrices of one
  // date (advice, friendship) stay apart. At most 200 characters of UTF-8.
  std::string context;
  // Interactions from before this are not kept (the retention), only counted.
  std::optional<Timestamp> not_before;
};

struct InteractionsReport {
  int64_t rows = 0;
  int64_t accepted = 0;
  int64_t skipped = 0;
  int64_t self_interactions = 0;  // source = target: left out, not an error
  bool rejected = false;
  std::vector<ImportIssue> issues;
  store::InteractionApplyResult applied;
};

// `people` maps employee ids, and lower-case e-mails, to the store's person ids.
struct InteractionsPlan {
  int64_t rows = 0;
  std::vector<store::InteractionRecord> records;
  std::vector<ImportIssue> issues;
  int64_t skipped = 0;
  int64_t self_interactions = 0;
  bool has_errors = false;
};
InteractionsPlan PlanInteractions(std::string_view text,
                                  const std::unordered_map<std::string, PersonId>& people,
                                  const InteractionsOptions& options);

Result<InteractionsReport> ImportInteractions(store::Store& store, std::string_view text,
                                              const InteractionsOptions& options);

}  // namespace pl::ingest
