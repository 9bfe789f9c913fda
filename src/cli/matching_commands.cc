// `peerlearn mentors match --problem FILE.json` and `peerlearn circles form --problem FILE.json`:
// solve a self-contained problem and print the solution as JSON.
#include <fstream>
#include <iostream>
#include <map>

#include "analytics/circles_job.h"
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
  return internal::WriteFileWhole(path, [&](std::ostream& out) {
    out << text;
    return OkStatus();
  });
}

// What cannot be satisfied, and time zones taken as UTC, on stderr.
void PrintWarnings(const std::vector<std::string>& infeasibility,
                   const std::vector<std::string>& unknown_zones) {
  for (const std::string& why : infeasibility) std::cerr << "peerlearn: " << why << "\n";
  for (const std::string& z : unknown_zones) {
    std::cerr << "peerlearn: time zone '" << z << "' is not known; taken as UTC\n";
  }
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
    PrintWarnings(run.result.infeasibility, run.built.unknown_zones);
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
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(file, 64u << 20));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  auto r = ingest::ImportMentoringOptIns(*s, text, SystemClock().Now(), dry_run);
  if (!r.ok()) return r.status().WithContext(file);
  std::cout << (dry_run ? "dry run, nothing written: " : "") << file << ": " << r->mentees
            << " mentees and " << r->mentors << " mentors opted in\n";
  return OkStatus();
}

Status RunImportSkills(const Config& config, const std::string& file) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(file, 16u << 20));
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

Status RunCirclesForm(const Config& config, const CirclesFormOptions& o) {
  if (o.problem.empty()) {
    // The store's open challenges, sign-ups and pins, with the roster and the newest snapshot.
    if (o.greedy) return InvalidArgument("--greedy compares on a problem file (--problem)");
    matching::CircleSettings settings;
    settings.min_size = o.min_size;
    settings.max_size = o.max_size;
    settings.min_overlap_hours = o.min_overlap_hours;
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
    ASSIGN_OR_RETURN(analytics::CirclesRun run,
                     analytics::RunCircleFormation(*s, settings, !o.dry_run));
    const auto& p = run.built.problem;
    if (!o.out.empty()) {
      RETURN_IF_ERROR(WriteOut(matching::CircleResultToJson(p, run.result), o.out));
    }
    const size_t seated = p.people.size() - run.result.unassigned.size();
    const bool stored = !o.dry_run && !run.result.circles.empty();
    std::cout << (o.dry_run ? "dry run, nothing stored: " : "") << run.result.circles.size()
              << " circles, " << seated << " of " << p.people.size()
              << " volunteers seated (objective " << run.result.objective << ")"
              << (stored ? "; proposals stored for an admin to start (peerlearn circles list)" : "")
              << (run.built.from_snapshot ? "" : "; no network snapshot: communities unknown")
              << "\n";
    for (size_t i = 0; i < run.result.circles.size(); ++i) {
      const matching::Circle& c = run.result.circles[i];
      std::cout << "  " << (stored ? "#" + std::to_string(run.circle_ids[i]) + " " : "")
                << p.challenges[c.challenge].title << ": " << c.explanation << "\n";
    }
    for (const auto& [v, why] : run.result.unassigned) {
      std::cout << "  " << p.people[v].name << ": no circle, " << why << "\n";
    }
    for (const auto& [who, why] : run.built.left_out) {
      std::cout << "  person " << who.value << ": not formed again, " << why << "\n";
    }
    PrintWarnings(run.result.infeasibility, run.built.unknown_zones);
    return OkStatus();
  }
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

Status RunCirclesChallenge(const Config& config, const ChallengeOptions& o) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  store::ChallengeRecord c;
  c.title = o.title;
  c.problem = o.problem;
  c.skills = o.skills;
  c.created_at = SystemClock().Now();
  if (!o.sponsor.empty()) {
    ASSIGN_OR_RETURN(auto sponsor, s->FindPersonByExternalId(o.sponsor));
    if (!sponsor) return NotFound("--sponsor: no person '" + o.sponsor + "'");
    c.sponsor = *sponsor;
  }
  ASSIGN_OR_RETURN(int64_t id, s->CreateChallenge(c));
  std::cout << "challenge #" << id << " \"" << c.title << "\" is open for sign-ups\n";
  return OkStatus();
}

Status RunCirclesChallenges(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  ASSIGN_OR_RETURN(auto challenges, s->ListChallenges());
  ASSIGN_OR_RETURN(auto signups, s->ListCircleSignups());
  std::map<int64_t, std::pair<int, int>> counts;  // challenge -> (first choices, any rank)
  for (const auto& v : signups) {
    for (size_t i = 0; i < v.preferences.size(); ++i) {
      ++counts[v.preferences[i]].second;
      if (i == 0) ++counts[v.preferences[i]].first;
    }
  }
  if (challenges.empty()) std::cout << "no challenges yet (peerlearn circles challenge)\n";
  for (const auto& c : challenges) {
    std::cout << "#" << c.id << "  " << c.status << "  " << c.title << "  (" << counts[c.id].second
              << " volunteers, " << counts[c.id].first << " as first choice)\n";
  }
  return OkStatus();
}

Status RunCirclesImport(const Config& config, const std::string& file, bool dry_run) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(file, 64u << 20));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  auto n = ingest::ImportCircleSignups(*s, text, SystemClock().Now(), dry_run);
  if (!n.ok()) return n.status().WithContext(file);
  std::cout << (dry_run ? "dry run, nothing written: " : "") << file << ": " << *n
            << " volunteers signed up\n";
  return OkStatus();
}

Status RunCirclesList(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  ASSIGN_OR_RETURN(auto circles, s->ListCircles());
  ASSIGN_OR_RETURN(auto challenges, s->ListChallenges());
  ASSIGN_OR_RETURN(auto people, s->AllPeople(true));
  std::map<int64_t, std::string> who, title;
  for (const Person& p : people) who[p.id.value] = p.external_id;
  for (const auto& c : challenges) title[c.id] = c.title;
  if (circles.empty()) std::cout << "no circles yet (peerlearn circles form)\n";
  for (const auto& c : circles) {
    std::cout << "#" << c.id << "  " << c.status << "  " << title[c.challenge_id] << "  "
              << c.members.size() << " members:";
    for (const auto& m : c.members) {
      std::cout << " " << who[m.person.value] << (m.role == "facilitator" ? "*" : "");
    }
    std::cout << "\n";
  }
  return OkStatus();
}

Status RunCirclesSetStatus(const Config& config, const std::vector<int64_t>& ids,
                           const std::string& status) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  for (int64_t id : ids) {
    RETURN_IF_ERROR(s->SetCircleStatus(id, status, SystemClock().Now()));
    std::cout << "circle #" << id << " " << status << "\n";
  }
  return OkStatus();
}

Status RunCirclesPin(const Config& config, const std::string& person, int64_t challenge,
                     bool remove) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, internal::OpenMigrated(config));
  ASSIGN_OR_RETURN(auto who, s->FindPersonByExternalId(person));
  if (!who) return NotFound("no person '" + person + "'");
  RETURN_IF_ERROR(s->PinToChallenge(*who, challenge, !remove));
  std::cout << person << (remove ? " unpinned from" : " pinned to") << " challenge #" << challenge
            << (remove ? "" : "; the next formation puts them in a circle on it") << "\n";
  return OkStatus();
}

namespace internal {

Result<std::string> SeedDemoCircles(store::Store& store, const std::string& circles_problem_json,
                                    const std::string& employee_external_id, Date today) {
  ASSIGN_OR_RETURN(matching::CircleProblem cp, matching::ParseCircleProblem(circles_problem_json));
  ASSIGN_OR_RETURN(auto ids, store.PersonIdsByExternalId());
  const std::map<std::string, std::string> problems = {
      {"onboarding",
       "New colleagues take three months to work on their own; most of that is "
       "waiting and not knowing whom to ask."},
      {"incidents",
       "Incidents pull in the same few people every time, and the rest learn little "
       "from each one."},
      {"pricing", "Customers hear different prices for the same thing depending on whom they ask."},
      {"handoffs", "Deals reach Customer Success without the context the customer shared."},
      {"writing", "Design documents and updates go unread; decisions are made without them."},
      {"data-trust", "Teams argue about whose numbers are right instead of what they mean."}};
  const Timestamp posted = Timestamp(today - std::chrono::days(30));
  std::vector<int64_t> challenge_ids;
  for (const matching::Challenge& c : cp.challenges) {
    store::ChallengeRecord r;
    r.title = c.title;
    r.problem = problems.count(c.id) ? problems.at(c.id) : "";
    for (int k : c.skills) r.skills.push_back(cp.skills.names[k]);
    if (ids.count(c.sponsor)) r.sponsor = ids.at(c.sponsor);
    r.created_at = posted;
    ASSIGN_OR_RETURN(int64_t id, store.CreateChallenge(r));
    challenge_ids.push_back(id);
  }
  bool employee_signed_up = false;
  for (const matching::Volunteer& v : cp.people) {
    store::CircleSignup s{
        ids.at(v.id), {}, v.facilitator, std::max(1, v.max_circles), posted + std::chrono::days(3)};
    for (int c : v.preferences) s.preferences.push_back(challenge_ids[c]);
    employee_signed_up |= v.id == employee_external_id;
    RETURN_IF_ERROR(store.SaveCircleSignup(s));
  }
  const PersonId employee = ids.at(employee_external_id);
  if (!employee_signed_up) {
    RETURN_IF_ERROR(store.SaveCircleSignup(
        {employee, {challenge_ids[0], challenge_ids[1]}, false, 1, posted + std::chrono::days(3)}));
  }
  // An admin made sure the demo employee gets their first choice.
  RETURN_IF_ERROR(store.PinToChallenge(employee, challenge_ids[0], true));
  ASSIGN_OR_RETURN(analytics::CirclesRun run,
                   analytics::RunCircleFormation(store, cp.settings, true));
  // The demo employee's circle under way for three weeks, with a meeting a week and their
  // takeaways; the rest wait for an admin to start them.
  ASSIGN_OR_RETURN(auto circles, store.ListCircles());
  std::vector<const store::CircleRecord*> start;
  for (const auto& c : circles) {
    for (const auto& m : c.members) {
      if (m.person == employee && start.empty()) start.push_back(&c);
    }
  }
  if (start.empty() && !circles.empty()) start.push_back(&circles.front());
  const Timestamp started = Timestamp(today - std::chrono::days(21));
  const std::vector<std::vector<std::string>> takeaways = {
      {"Write down the question you are really asking", "Everyone brings one example"},
      {"A buddy for week one saves days of waiting", "Short written hand-overs beat long calls"}};
  for (const store::CircleRecord* c : start) {
    RETURN_IF_ERROR(store.SetCircleStatus(c->id, "active", started));
    RETURN_IF_ERROR(store.SaveCircleLife(c->id, 7, {"question", "ground-rules", "cadence"}, ""));
    for (int week = 0; week < 2; ++week) {
      store::CircleMeeting m;
      m.circle_id = c->id;
      m.held_on = started + std::chrono::days(7 * week + 1);
      m.notes = week == 0 ? "Agreed the question with the sponsor and how we work together."
                          : "Each of us tried one change at work; we compared what happened.";
      m.takeaways = takeaways[week];
      m.logged_by = c->members.front().person;
      m.created_at = m.held_on;
      RETURN_IF_ERROR(store.AddCircleMeeting(m).status());
    }
  }
  const size_t seated = run.built.problem.people.size() - run.result.unassigned.size();
  return "learning circles: " + std::to_string(cp.challenges.size()) + " challenges, " +
         std::to_string(run.built.problem.people.size()) + " volunteers, " +
         std::to_string(run.result.circles.size()) + " circles formed (" + std::to_string(seated) +
         " seated), " + std::to_string(start.size()) +
         " under way; the rest await an admin on the Circles page";
}

}  // namespace internal

}  // namespace pl::cli
