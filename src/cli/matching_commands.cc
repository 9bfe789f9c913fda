// `peerlearn mentors match --problem FILE.json` and `peerlearn circles form --problem FILE.json`:
// solve a self-contained problem and print the solution as JSON.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/internal/common.h"
#include "matching/circles.h"
#include "matching/mentor.h"

namespace pl::cli {
namespace {

// To `path`, or to stdout when it is empty.
Status WriteOut(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::cout << text;
    return OkStatus();
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  return out ? OkStatus() : Unavailable("cannot write " + path);
}

}  // namespace

Status RunMentorsMatch(const MentorsMatchOptions& o) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadFile(o.problem, 512u << 20));
  auto problem = matching::ParseMatchProblem(text);
  if (!problem.ok()) return problem.status().WithContext(o.problem);
  auto result =
      o.greedy ? matching::MatchMentorsGreedy(*problem) : matching::MatchMentors(*problem);
  if (!result.ok()) return result.status().WithContext(o.problem);
  const std::string json = matching::MatchResultToJson(*problem, *result);
  RETURN_IF_ERROR(WriteOut(json, o.out));
  std::cerr << "peerlearn: " << result->matches.size() << " of " << problem->mentees.size()
            << " mentees matched (" << (o.greedy ? "greedy" : "optimal") << "), objective "
            << result->objective << "\n";
  for (const std::string& why : result->infeasibility) std::cerr << "peerlearn: " << why << "\n";
  return OkStatus();
}

Status RunCirclesForm(const CirclesFormOptions& o) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadFile(o.problem, 512u << 20));
  auto problem = matching::ParseCircleProblem(text);
  if (!problem.ok()) return problem.status().WithContext(o.problem);
  auto result = o.greedy ? matching::FormCirclesGreedy(*problem) : matching::FormCircles(*problem);
  if (!result.ok()) return result.status().WithContext(o.problem);
  const std::string json = matching::CircleResultToJson(*problem, *result);
  RETURN_IF_ERROR(WriteOut(json, o.out));
  size_t seated = problem->people.size() - result->unassigned.size();
  std::cerr << "peerlearn: " << result->circles.size() << " circles, " << seated << " of "
            << problem->people.size() << " volunteers seated (" << (o.greedy ? "greedy" : "formed")
            << "), objective " << result->objective << "\n";
  for (const std::string& why : result->infeasibility) std::cerr << "peerlearn: " << why << "\n";
  return OkStatus();
}

}  // namespace pl::cli
