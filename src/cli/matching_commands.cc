// `peerlearn mentors match --problem FILE.json` and `peerlearn circles form --problem FILE.json`:
// solve a self-contained problem and print the solution as JSON.
#include <fstream>
#include <iostream>
#include <map>

#include "analytics/mentoring_job.h"
#include "cli/commands.h"
#include "cli/internal/common.h"
#include "ingest/mentoring_csv.h"
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

Status RunMentorsMatch(const Config& config, const MentorsMatchOptions& o) {
  if (o.mode != "bridge" && o.mode != "familiar") {
    return InvalidArgument("--mode: bridge or familiar, not '" + o.mode + "'");
  }
  if (o.problem.empty()) {
    // The store's programme: opt-ins, roster, skills, the newest snapshot.
    matching::MatchSettings settings;
    settings.mode =
        o.mode == "bridge" ? matching::NetworkMode::kBridge : matching::NetworkMode::kFamiliar;
    settings.min_overlap_hours = o.min_overlap_hours;
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
    ASSIGN_OR_RETURN(analytics::MentoringRun run,
                     analytics::RunMentorMatching(*s, settings, !o.dry_run));
    if (!o.out.empty()) {
      RETURN_IF_ERROR(WriteOut(matching::MatchResultToJson(run.built.problem, run.result), o.out));
    }
    const auto& p = run.built.problem;
    std::cout << (o.dry_run ? "dry run, nothing stored: " : "") << run.result.matches.size()
              << " of " << p.mentees.size() << " mentees matched with " << p.mentors.size()
              << " mentors (objective " << run.result.objective << ")"
              << (o.dry_run ? "" : "; proposals stored for approval (peerlearn mentors pairs)")
              << (run.built.from_snapshot ? "" : "; no network snapshot: communities unknown")
              << "\n";
    for (const auto& m : run.result.matches) {
      std::cout << "  " << p.people[p.mentees[m.mentee].person].id << " <- "
                << p.people[p.mentors[m.mentor].person].id << ": " << m.explanation << "\n";
    }
    for (const auto& u : run.result.unmatched) {
      std::cout << "  " << p.people[p.mentees[u.mentee].person].id << ": unmatched, " << u.reason
                << "\n";
    }
    for (const std::string& why : run.result.infeasibility)
      std::cerr << "peerlearn: " << why << "\n";
    for (const std::string& z : run.built.unknown_zones) {
      std::cerr << "peerlearn: time zone '" << z << "' is not known; taken as UTC\n";
    }
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::string text, internal::ReadFile(o.problem, 512u << 20));
  auto problem = matching::ParseMatchProblem(text);
  if (!problem.ok()) return problem.status().WithContext(o.problem);
  auto result =
      o.greedy ? matching::MatchMentorsGreedy(*problem) : matching::MatchMentors(*problem);
  if (!result.ok()) return result.status().WithContext(o.problem);
  RETURN_IF_ERROR(WriteOut(matching::MatchResultToJson(*problem, *result), o.out));
  std::cerr << "peerlearn: " << result->matches.size() << " of " << problem->mentees.size()
            << " mentees matched (" << (o.greedy ? "greedy" : "optimal") << "), objective "
            << result->objective << "\n";
  for (const std::string& why : result->infeasibility) std::cerr << "peerlearn: " << why << "\n";
  return OkStatus();
}

Status RunMentorsImport(const Config& config, const std::string& file, bool dry_run) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadFile(file, 64u << 20));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  auto r = ingest::ImportMentoringOptIns(*s, text, SystemClock().Now(), dry_run);
  if (!r.ok()) return r.status().WithContext(file);
  std::cout << (dry_run ? "dry run, nothing written: " : "") << file << ": " << r->mentees
            << " mentees and " << r->mentors << " mentors opted in\n";
  return OkStatus();
}

Status RunImportSkills(const Config& config, const std::string& file) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadFile(file, 16u << 20));
  auto rows = ingest::ParseSkillTaxonomyCsv(text);
  if (!rows.ok()) return rows.status().WithContext(file);
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  auto added = s->ApplySkillTaxonomy(*rows);
  if (!added.ok()) return added.status().WithContext(file);
  std::cout << file << ": " << rows->size() << " skills placed in the taxonomy, " << *added
            << " of them new\n";
  return OkStatus();
}

Status RunMentorsPairs(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  ASSIGN_OR_RETURN(auto pairs, s->ListMentoringPairs());
  ASSIGN_OR_RETURN(auto people, s->AllPeople(true));
  std::map<int64_t, std::string> who;
  for (const Person& p : people) who[p.id.value] = p.external_id + " " + p.name;
  if (pairs.empty()) std::cout << "no pairs yet (peerlearn mentors match)\n";
  for (const auto& p : pairs) {
    std::cout << "#" << p.id << "  " << p.status << "  " << who[p.mentee.value] << " <- "
              << who[p.mentor.value] << "  score " << p.score;
    if (p.rating) std::cout << "  rated " << *p.rating;
    std::cout << "\n";
  }
  return OkStatus();
}

Status RunMentorsSetStatus(const Config& config, const std::vector<int64_t>& ids,
                           const std::string& status) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  for (int64_t id : ids) {
    RETURN_IF_ERROR(s->SetMentoringPairStatus(id, status));
    std::cout << "pair #" << id << " " << status << "\n";
  }
  return OkStatus();
}

Status RunMentorsRate(const Config& config, int64_t id, double rating) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  RETURN_IF_ERROR(s->RateMentoringPair(id, rating));
  std::cout << "pair #" << id << " rated " << rating << "\n";
  return OkStatus();
}

Status RunMentorsExclude(const Config& config, const std::string& a, const std::string& b,
                         const std::string& reason) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  ASSIGN_OR_RETURN(auto pa, s->FindPersonByExternalId(a));
  ASSIGN_OR_RETURN(auto pb, s->FindPersonByExternalId(b));
  if (!pa) return NotFound("no person '" + a + "'");
  if (!pb) return NotFound("no person '" + b + "'");
  RETURN_IF_ERROR(s->ExcludeMentoringPair(*pa, *pb, reason));
  std::cout << a << " and " << b << " will not be paired\n";
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
