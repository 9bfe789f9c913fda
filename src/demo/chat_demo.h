// The demo organisation's traces: a Slack workspace export (standard layout), peer-nomination
// waves, kudos and project debriefs, consistent with its planted ground truth:
//   - hidden champions are asked for help across their department and the company, and answer;
//   - brokers ask and answer in two departments;
//   - silo teams talk only in their own team channel, and only to each other;
//   - isolated newcomers rarely ask, and are answered (if at all) by their manager only;
//   - a deploy bot posts, newcomers' channel joins appear: both must be skipped on import;
//   - recognised helpers are sought as hidden champions are, and thanked for it: half of the
//     answers they give earn a kudos;
//   - hidden champions receive no kudos; other visible helpers (managers, senior people) more
//     than the rest.
// Message text is filler; nothing in it is ever stored.
//
//   ASSIGN_OR_RETURN(Organisation org, Generate({...}));
//   RETURN_IF_ERROR(WriteSlackExport(org, {}, [&](const std::string& name, const std::string& b) {
//     return WriteFile(dir + "/" + name, b);
//   }));
//   HelpCsvs said = WriteHelpCsvs(org, {});  // said.nominations, said.kudos, said.debriefs
#pragma once

#include <functional>
#include <string>

#include "demo/demo.h"

namespace pl::demo {

struct ChatParams {
  int days = 120;  // the export covers the `days` days before params.today
  uint64_t seed = 7;
};

using FileSink = std::function<Status(const std::string& name, const std::string& bytes)>;

// Calls `sink` once per file: users.json, channels.json, dms.json, groups.json, mpims.json, and
// <channel>/<YYYY-MM-DD>.json for each channel and day with messages.
Status WriteSlackExport(const Organisation& org, const ChatParams& params, const FileSink& sink);

// Who helped whom as people say it, beside the chat: the files `peerlearn import
// nominations|kudos|debriefs` takes, from one simulation of the organisation's help.
struct HelpCsvs {
  // Two waves ("Who helped you most in the last six weeks?"), 10 and 60 days before today:
  // nominator_employee_id, nominee_employee_id, date, question.
  std::string nominations;
  // Kudos as a recognition tool exports them (giver_employee_id, receiver_employee_id,
  // given_at): now and then someone who was answered thanks who answered them — the planted
  // recognised helpers for half of their answers, managers and people above the median level
  // more often than others, the planted hidden champions never (that their help goes unthanked
  // is part of what makes them hidden).
  std::string kudos;
  // Project debriefs ("who helped on this project?") 40 and 5 days before today, one project per
  // team: respondent_employee_id, helper_1..helper_3 (who answered them most in the 30 days
  // before), date, project.
  std::string debriefs;
};
HelpCsvs WriteHelpCsvs(const Organisation& org, const ChatParams& params);

}  // namespace pl::demo
