#include "analytics/survey_job.h"

#include <set>
#include <unordered_map>

#include "surveys/schedule.h"

namespace pl::analytics {
namespace {

std::string FirstName(const std::string& name) {
  const size_t space = name.find(' ');
  return space == std::string::npos ? name : name.substr(0, space);
}

std::string Day(Timestamp t) { return FormatDate(std::chrono::floor<std::chrono::days>(t)); }

std::string Promise(surveys::Anonymity a, int k) {
  switch (a) {
    case surveys::Anonymity::kAnonymous:
      return "Your answers are anonymous: they are stored without your name, and results are "
             "shown only for groups of at least " +
             std::to_string(k) + " people.";
    case surveys::Anonymity::kConfidential:
      return "Your answers are confidential: nobody sees them individually, and results are "
             "shown only for groups of at least " +
             std::to_string(k) + " people.";
    case surveys::Anonymity::kAttributed:
      return "The colleagues you name are recorded with your name.";
  }
  return "";
}

}  // namespace

Status OpenDueWaves(store::Store& store, Timestamp now, SurveyJobResult& result) {
  ASSIGN_OR_RETURN(auto schedules, store.ListSchedules());
  for (const store::ScheduleRecord& s : schedules) {
    if (!s.active) continue;
    auto due = surveys::DueNow({s.next_opens_at, s.every_days, s.open_days}, now);
    if (!due) continue;
    store::WaveRecord w;
    w.instrument_id = s.instrument_id;
    w.title = s.title + ", " + Day(due->opens_at);
    w.opens_at = due->opens_at;
    w.closes_at = due->closes_at;
    w.k = s.k;
    w.population = s.population;
    w.reminder_days_before = s.reminder_days_before;
    ASSIGN_OR_RETURN(auto created, store.AdvanceSchedule(s.id, s.next_opens_at, due->next_opens_at,
                                                         due->create ? &w : nullptr));
    if (!created) continue;  // another run opened it
    due->create ? ++result.waves_opened : ++result.openings_skipped;
  }

  return OkStatus();
}

Result<SurveyJobResult> RunSurveyJob(store::Store& store, notify::Sender& sender,
                                     const Clock& clock, const SurveyJobOptions& options) {
  SurveyJobResult result;
  const Timestamp now = clock.Now();

  // 1. Recurring schedules.
  RETURN_IF_ERROR(OpenDueWaves(store, now, result));

  // 2. Invitations and reminders for open web waves.
  ASSIGN_OR_RETURN(auto waves, store.ListWaves());
  std::vector<Person> people;
  bool people_loaded = false;
  for (const store::WaveRecord& w : waves) {
    if (w.source != "web" || now < w.opens_at || now >= w.closes_at) continue;
    if (!people_loaded) {
      ASSIGN_OR_RETURN(people, store.AllPeople(false));
      people_loaded = true;
    }
    ASSIGN_OR_RETURN(store::InstrumentRecord in, store.GetInstrument(w.instrument_id));
    std::vector<PersonId> invited;
    std::unordered_map<int64_t, const Person*> by_id;
    for (const Person& p : people) {
      if (!surveys::InPopulation(w.population, p.team_path)) continue;
      invited.push_back(p.id);
      by_id[p.id.value] = &p;
    }
    ASSIGN_OR_RETURN(auto done, store.SurveyCompletions(w.id));
    ASSIGN_OR_RETURN(auto messages, store.WaveMessages(w.id));
    std::set<surveys::SentKey> already;
    for (const auto& m : messages) {
      already.insert({m.person,
                      m.kind == "invitation" ? surveys::MessageKind::kInvitation
                                             : surveys::MessageKind::kReminder,
                      m.sequence});
    }
    auto plan = surveys::PlanMessages({w.opens_at, w.closes_at, w.reminder_days_before}, invited,
                                      std::set<PersonId>(done.begin(), done.end()), already, now);
    if (plan.empty()) continue;
    const std::string link = options.base_url + "/#/surveys/" + std::to_string(w.id);
    const std::string promise = Promise(in.instrument.anonymity, w.k);
    std::vector<store::OutboxMessage> queue;
    for (const auto& p : plan) {
      const Person& who = *by_id.at(p.person.value);
      store::OutboxMessage m;
      m.wave_id = w.id;
      m.person = p.person;
      m.kind = std::string(surveys::MessageKindName(p.kind));
      m.sequence = p.sequence;
      m.recipient = who.email;
      const bool reminder = p.kind == surveys::MessageKind::kReminder;
      m.subject = reminder ? "Reminder: " + w.title + " closes on " + Day(w.closes_at)
                           : "Survey: " + w.title;
      m.body =
          "Hello " + FirstName(who.name) + ",\n\n" +
          (reminder
               ? "You have not answered " + w.title + " yet; it closes on " + Day(w.closes_at) + "."
               : "You are invited to answer " + w.title +
                     (w.title.starts_with(in.instrument.title) ? ""
                                                               : " (" + in.instrument.title + ")") +
                     ", open until " + Day(w.closes_at) + ".") +
          "\n\n" + (in.instrument.description.empty() ? "" : in.instrument.description + "\n\n") +
          "Answer here: " + link + "\n\n" + promise + "\n";
      queue.push_back(std::move(m));
      (reminder ? result.reminders : result.invitations) += 1;
    }
    ASSIGN_OR_RETURN(int64_t added, store.EnqueueMessages(queue));
    (void)added;
  }

  // 3. Delivery.
  ASSIGN_OR_RETURN(auto pending, store.PendingMessages(options.max_attempts, options.batch));
  for (const store::OutboxMessage& m : pending) {
    Status s = sender.Send({m.recipient, m.subject, m.body, m.kind, m.wave_id, m.id});
    // A message that can never go is given up at once; others are retried on later runs.
    RETURN_IF_ERROR(store.RecordDelivery(m.id, s.ok() ? "" : s.message(), now,
                                         s.code() == StatusCode::kInvalidArgument));
    s.ok() ? ++result.sent : ++result.failed;
  }
  return result;
}

}  // namespace pl::analytics
