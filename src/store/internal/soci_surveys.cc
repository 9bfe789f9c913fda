// The SociStore's survey tables: instruments, waves, responses and completions.
#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "store/internal/soci_store.h"
#include "store/internal/soci_util.h"
#include "surveys/anonymity.h"
#include "surveys/scoring.h"

namespace pl::store::internal {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

// 128 random bits as hex: response ids carry no order.
std::string RandomId() {
  static thread_local std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(device()));
    out += buf;
  }
  return out;
}

long long DayOf(Timestamp t) {
  return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

std::string AnswersJson(const std::vector<double>& answers) {
  nlohmann::json a = nlohmann::json::array();
  for (double x : answers) {
    if (std::isnan(x)) {
      a.push_back(nullptr);
    } else {
      a.push_back(x);
    }
  }
  return a.dump();
}

std::vector<double> ParseAnswers(const std::string& text) {
  std::vector<double> out;
  for (const auto& x : nlohmann::json::parse(text)) {
    out.push_back(x.is_number() ? x.get<double>() : surveys::kMissing);
  }
  return out;
}

std::string CommentsJson(const SurveyComments& comments) { return nlohmann::json(comments).dump(); }

SurveyComments ParseComments(const std::string& text) {
  SurveyComments out;
  const nlohmann::json j = nlohmann::json::parse(text);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_string()) out[it.key()] = it->get<std::string>();
  }
  return out;
}

constexpr const char* kWaveColumns =
    "id, instrument_id, title, opens_at, closes_at, k, source, import_fingerprint, population, "
    "reminders, schedule_id";

struct WaveBinder {
  long long id = 0, instrument = 0, opens = 0, closes = 0;
  int k = 0;
  std::string title, source, fingerprint, population, reminders;
  long long schedule = 0;
  indicator fp_ind{}, schedule_ind{};
  template <typename S>
  void Bind(S& st) {
    st.exchange(into(id));
    st.exchange(into(instrument));
    st.exchange(into(title));
    st.exchange(into(opens));
    st.exchange(into(closes));
    st.exchange(into(k));
    st.exchange(into(source));
    st.exchange(into(fingerprint, fp_ind));
    st.exchange(into(population));
    st.exchange(into(reminders));
    st.exchange(into(schedule, schedule_ind));
  }
  WaveRecord Get() const {
    WaveRecord w;
    w.id = id;
    w.instrument_id = instrument;
    w.title = title;
    w.opens_at = FromMicros(opens);
    w.closes_at = FromMicros(closes);
    w.k = k;
    w.source = source;
    if (fp_ind == soci::i_ok) w.import_fingerprint = fingerprint;
    for (const auto& p : nlohmann::json::parse(population))
      w.population.push_back(p.get<std::string>());
    w.reminder_days_before = nlohmann::json::parse(reminders).get<std::vector<int>>();
    w.schedule_id = schedule_ind == soci::i_ok ? schedule : 0;
    return w;
  }
};

Status CheckReminders(const std::vector<int>& days) {
  if (days.size() > 5) return InvalidArgument("reminders: at most 5");
  for (int d : days) {
    if (d < 1 || d > 60) return InvalidArgument("reminders: days before closing, 1 to 60");
  }
  return OkStatus();
}

Status CheckWave(const WaveRecord& w) {
  if (w.title.empty() || w.title.size() > 200) {
    return InvalidArgument("wave title: 1 to 200 characters");
  }
  if (w.closes_at < w.opens_at) return InvalidArgument("wave closes before it opens");
  if (w.k < surveys::kMinimumK) {
    return InvalidArgument("wave k: the anonymity threshold cannot be below " +
                           std::to_string(surveys::kMinimumK));
  }
  if (w.source != "web" && w.source != "import") {
    return InvalidArgument("wave source: \"web\" or \"import\"");
  }
  if (w.population.size() > 1000) return InvalidArgument("wave population: at most 1000 teams");
  return CheckReminders(w.reminder_days_before);
}

// Inserts the wave inside the caller's transaction; returns its id.
Result<long long> InsertWave(soci::session& sql, const WaveRecord& w, long long now) {
  RETURN_IF_ERROR(CheckWave(w));
  long long instrument = w.instrument_id;
  int found = 0;
  sql << "SELECT COUNT(*) FROM instruments WHERE id = :i", use(instrument), into(found);
  if (!found)
    return InvalidArgument("there is no instrument with id " + std::to_string(instrument));
  if (!w.import_fingerprint.empty()) {
    long long existing = 0;
    indicator ind{};
    sql << "SELECT id FROM survey_waves WHERE import_fingerprint = :f", use(w.import_fingerprint),
        into(existing, ind);
    if (sql.got_data()) {
      return AlreadyExists("this file was already imported as wave " + std::to_string(existing));
    }
  }
  long long opens = Micros(w.opens_at), closes = Micros(w.closes_at), id = 0;
  int k = w.k;
  indicator fp = w.import_fingerprint.empty() ? soci::i_null : soci::i_ok;
  const std::string population = nlohmann::json(w.population).dump();
  const std::string reminders = nlohmann::json(w.reminder_days_before).dump();
  long long schedule = w.schedule_id;
  indicator schedule_ind = w.schedule_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO survey_waves (instrument_id, title, opens_at, closes_at, k, source, "
         "import_fingerprint, population, reminders, schedule_id, created_at) "
         "VALUES (:i, :t, :o, :c, :k, :s, :f, :p, :r, :sc, :n) RETURNING id",
      use(instrument), use(w.title), use(opens), use(closes), use(k), use(w.source),
      use(w.import_fingerprint, fp), use(population), use(reminders), use(schedule, schedule_ind),
      use(now), into(id);
  return id;
}

// Finds or inserts the instrument inside the caller's transaction; returns its id.
Result<long long> StoreInstrument(soci::session& sql, const surveys::Instrument& instrument,
                                  long long now) {
  const std::string definition = surveys::InstrumentToJson(instrument);
  int version = instrument.version;
  long long id = 0;
  std::string stored;
  sql << "SELECT id, definition FROM instruments WHERE key = :k AND version = :v",
      use(instrument.key), use(version), into(id), into(stored);
  if (sql.got_data()) {
    if (stored != definition) {
      return AlreadyExists("instrument " + instrument.key + " version " + std::to_string(version) +
                           " is stored with a different definition; raise the version");
    }
    return id;
  }
  sql << "INSERT INTO instruments (key, version, definition, created_at) "
         "VALUES (:k, :v, :d, :c) RETURNING id",
      use(instrument.key), use(version), use(definition), use(now), into(id);
  return id;
}

}  // namespace

Result<int64_t> SociStore::SaveInstrument(const surveys::Instrument& instrument) {
  return Guard("saving instrument " + instrument.key, [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    ASSIGN_OR_RETURN(long long id, StoreInstrument(sql, instrument, Micros(clock_.Now())));
    tr.commit();
    return id;
  });
}

Result<std::vector<InstrumentRecord>> SociStore::ListInstruments() {
  return Guard("listing instruments", [&]() -> Result<std::vector<InstrumentRecord>> {
    soci::session sql(*pool_);
    long long id = 0;
    std::string definition;
    soci::statement st =
        (sql.prepare << "SELECT id, definition FROM instruments ORDER BY key, version", into(id),
         into(definition));
    st.execute();
    std::vector<InstrumentRecord> out;
    while (st.fetch()) {
      auto in = surveys::ParseInstrument(definition);
      if (!in.ok()) return Internal("stored instrument is invalid: " + in.status().message());
      out.push_back({id, *std::move(in)});
    }
    return out;
  });
}

Result<InstrumentRecord> SociStore::GetInstrument(int64_t id) {
  return Guard("reading instrument", [&]() -> Result<InstrumentRecord> {
    soci::session sql(*pool_);
    long long key = id;
    std::string definition;
    sql << "SELECT definition FROM instruments WHERE id = :i", use(key), into(definition);
    if (!sql.got_data()) return NotFound("there is no instrument with id " + std::to_string(id));
    auto in = surveys::ParseInstrument(definition);
    if (!in.ok()) return Internal("stored instrument is invalid: " + in.status().message());
    return InstrumentRecord{id, *std::move(in)};
  });
}

Result<int64_t> SociStore::CreateWave(const WaveRecord& wave) {
  return Guard("creating wave", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    ASSIGN_OR_RETURN(long long id, InsertWave(sql, wave, Micros(clock_.Now())));
    tr.commit();
    return id;
  });
}

Result<WaveRecord> SociStore::GetWave(int64_t id) {
  return Guard("reading wave", [&]() -> Result<WaveRecord> {
    soci::session sql(*pool_);
    long long key = id;
    WaveBinder b;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kWaveColumns + " FROM survey_waves WHERE id = :i");
    st.exchange(use(key));
    b.Bind(st);
    st.define_and_bind();
    st.execute(true);
    if (!sql.got_data()) return NotFound("there is no wave with id " + std::to_string(id));
    return b.Get();
  });
}

Result<std::vector<WaveRecord>> SociStore::ListWaves() {
  return Guard("listing waves", [&]() -> Result<std::vector<WaveRecord>> {
    soci::session sql(*pool_);
    WaveBinder b;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kWaveColumns +
               " FROM survey_waves ORDER BY opens_at DESC, id DESC");
    b.Bind(st);
    st.define_and_bind();
    st.execute(false);
    std::vector<WaveRecord> out;
    while (st.fetch()) out.push_back(b.Get());
    return out;
  });
}

Result<int64_t> SociStore::ImportWave(const surveys::Instrument& in, const WaveRecord& record,
                                      const std::vector<SurveyResponseRecord>& responses,
                                      bool dry_run, SurveyWriteResult* result) {
  return Guard("importing wave \"" + record.title + "\"", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long now = Micros(clock_.Now());
    WaveRecord wave = record;
    ASSIGN_OR_RETURN(wave.instrument_id, StoreInstrument(sql, in, now));
    ASSIGN_OR_RETURN(long long wave_id, InsertWave(sql, wave, now));
    const bool anonymous = in.anonymity == surveys::Anonymity::kAnonymous;
    SurveyWriteResult counts;
    std::string id, group, answers;
    long long respondent = 0, day = 0;
    indicator respondent_ind = soci::i_null;
    soci::statement insert =
        (sql.prepare << "INSERT INTO survey_responses (id, wave_id, respondent_id, group_key, "
                        "submitted_day, answers) VALUES (:i, :w, :r, :g, :d, :a)",
         use(id), use(wave_id), use(respondent, respondent_ind), use(group), use(day),
         use(answers));
    long long person = 0;
    soci::statement complete =
        (sql.prepare << "INSERT INTO survey_completions (wave_id, person_id, completed_day) "
                        "VALUES (:w, :p, :d)",
         use(wave_id), use(person), use(day));
    // Rows are written in the order of their random ids (responses) and of person ids
    // (completions), so neither table's physical order pairs a completion with an answer.
    std::vector<std::pair<std::string, size_t>> order;
    for (size_t i = 0; i < responses.size(); ++i) order.emplace_back(RandomId(), i);
    std::sort(order.begin(), order.end());
    std::vector<long long> completed;
    for (const auto& [random_id, i] : order) {
      const SurveyResponseRecord& r = responses[i];
      if (r.answers.size() != in.items.size()) {
        return InvalidArgument("response " + std::to_string(i + 1) + ": " +
                               std::to_string(r.answers.size()) + " answers for " +
                               std::to_string(in.items.size()) + " items");
      }
      id = random_id;
      group = r.group;
      day = DayOf(r.submitted_at);
      answers = AnswersJson(r.answers);
      respondent_ind = soci::i_null;
      if (r.respondent && !anonymous) {
        respondent = r.respondent->value;
        respondent_ind = soci::i_ok;
      }
      insert.execute(true);
      ++counts.responses;
      if (r.respondent && anonymous) completed.push_back(r.respondent->value);
    }
    std::sort(completed.begin(), completed.end());
    for (long long p : completed) {
      person = p;
      day = DayOf(wave.opens_at);  // to the wave, not the row: nothing to line up
      complete.execute(true);
      ++counts.completions;
    }
    if (result) *result = counts;
    if (dry_run) {
      tr.rollback();
    } else {
      tr.commit();
    }
    return wave_id;
  });
}

Result<std::vector<StoredResponse>> SociStore::LoadSurveyResponses(int64_t wave_id) {
  return Guard("reading survey responses", [&]() -> Result<std::vector<StoredResponse>> {
    soci::session sql(*pool_);
    long long wave = wave_id;
    long long respondent = 0, day = 0;
    indicator respondent_ind{};
    std::string group, answers, comments;
    soci::statement st =
        (sql.prepare << "SELECT respondent_id, group_key, submitted_day, answers, comments FROM "
                        "survey_responses WHERE wave_id = :w ORDER BY id",
         use(wave), into(respondent, respondent_ind), into(group), into(day), into(answers),
         into(comments));
    st.execute();
    std::vector<StoredResponse> out;
    while (st.fetch()) {
      StoredResponse r;
      if (respondent_ind == soci::i_ok) r.respondent = PersonId(respondent);
      r.group = group;
      r.submitted_day = day;
      r.answers = ParseAnswers(answers);
      r.comments = ParseComments(comments);
      out.push_back(std::move(r));
    }
    return out;
  });
}

Status SociStore::SaveSurveyDraft(int64_t wave_id, PersonId person, const SurveyDraft& draft) {
  return Guard("saving a survey draft", [&]() -> Status {
    soci::session sql(*pool_);
    long long wave = wave_id, who = person.value, at = Micros(draft.updated_at);
    const std::string text = AnswersJson(draft.answers);
    const std::string comments = CommentsJson(draft.comments);
    sql << "INSERT INTO survey_drafts (wave_id, person_id, answers, comments, updated_at) "
           "VALUES (:w, :p, :a, :c, :t) ON CONFLICT (wave_id, person_id) DO UPDATE SET "
           "answers = excluded.answers, comments = excluded.comments, "
           "updated_at = excluded.updated_at",
        use(wave), use(who), use(text), use(comments), use(at);
    return OkStatus();
  });
}

Result<std::optional<SurveyDraft>> SociStore::GetSurveyDraft(int64_t wave_id, PersonId person) {
  return Guard("reading a survey draft", [&]() -> Result<std::optional<SurveyDraft>> {
    soci::session sql(*pool_);
    long long wave = wave_id, who = person.value, at = 0;
    std::string text, comments;
    sql << "SELECT answers, comments, updated_at FROM survey_drafts WHERE wave_id = :w AND "
           "person_id = :p",
        use(wave), use(who), into(text), into(comments), into(at);
    if (!sql.got_data()) return std::optional<SurveyDraft>();
    return std::optional<SurveyDraft>(
        SurveyDraft{ParseAnswers(text), FromMicros(at), ParseComments(comments)});
  });
}

Result<bool> SociStore::SubmitSurveyResponse(const SurveySubmission& sub) {
  return Guard("submitting a survey response", [&]() -> Result<bool> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long wave = sub.wave_id, who = sub.person.value, instrument = 0;
    sql << "SELECT instrument_id FROM survey_waves WHERE id = :w", use(wave), into(instrument);
    if (!sql.got_data()) return NotFound("there is no wave with id " + std::to_string(wave));
    std::string definition;
    sql << "SELECT definition FROM instruments WHERE id = :i", use(instrument), into(definition);
    ASSIGN_OR_RETURN(surveys::Instrument in, surveys::ParseInstrument(definition));
    if (sub.answers.size() != in.items.size()) {
      return InvalidArgument(std::to_string(sub.answers.size()) + " answers for " +
                             std::to_string(in.items.size()) + " items");
    }
    const std::string answers = AnswersJson(sub.answers);
    const std::string comments = CommentsJson(sub.comments);
    long long day = DayOf(sub.now);
    bool replaced = false;
    if (in.anonymity != surveys::Anonymity::kAnonymous) {
      int n = 0;
      sql << "SELECT COUNT(*) FROM survey_responses WHERE wave_id = :w AND respondent_id = :p",
          use(wave), use(who), into(n);
      replaced = n > 0;
      if (replaced) {
        sql << "UPDATE survey_responses SET answers = :a, comments = :c, group_key = :g, "
               "submitted_day = :d WHERE wave_id = :w AND respondent_id = :p",
            use(answers), use(comments), use(sub.group), use(day), use(wave), use(who);
      } else {
        const std::string id = RandomId();
        sql << "INSERT INTO survey_responses (id, wave_id, respondent_id, group_key, "
               "submitted_day, answers, comments) VALUES (:i, :w, :p, :g, :d, :a, :c)",
            use(id), use(wave), use(who), use(sub.group), use(day), use(answers), use(comments);
      }
    } else {
      // Submissions to one anonymous wave take turns: each rewrites rows others may be
      // rewriting. SQLite's write transaction is exclusive already; PostgreSQL locks the wave.
      if (sql.get_backend_name() != "sqlite3") {
        long long locked = 0;
        sql << "SELECT id FROM survey_waves WHERE id = :w FOR UPDATE", use(wave), into(locked);
      }
      int completed = 0;
      sql << "SELECT COUNT(*) FROM survey_completions WHERE wave_id = :w AND person_id = :p",
          use(wave), use(who), into(completed);
      if (completed) {
        int n = 0;
        if (!sub.edit_key.empty()) {
          sql << "SELECT COUNT(*) FROM survey_responses WHERE wave_id = :w AND edit_key = :k",
              use(wave), use(sub.edit_key), into(n);
        }
        if (n == 0) {
          return FailedPrecondition(
              "you have already answered this anonymous survey; changing the answers needs the "
              "receipt kept on the device you answered from");
        }
        sql << "UPDATE survey_responses SET answers = :a, comments = :c WHERE wave_id = :w AND "
               "edit_key = :k",
            use(answers), use(comments), use(wave), use(sub.edit_key);
        replaced = true;
      } else {
        long long wave_day = day;
        sql << "INSERT INTO survey_completions (wave_id, person_id, completed_day) "
               "VALUES (:w, :p, :d)",
            use(wave), use(who), use(wave_day);
        // The new row and up to 200 others of the wave are rewritten with fresh random ids in this
        // transaction: they share its transaction id, and their places (SQLite keeps this
        // table in id order; PostgreSQL writes the new row versions in the old ids' order), so
        // neither pairs the completion above with its answers. One statement, on the server.
        const std::string id = RandomId();
        indicator key_ind = sub.edit_key.empty() ? soci::i_null : soci::i_ok;
        sql << "INSERT INTO survey_responses (id, wave_id, respondent_id, group_key, "
               "submitted_day, answers, comments, edit_key) "
               "VALUES (:i, :w, NULL, :g, :d, :a, :c, :k)",
            use(id), use(wave), use(sub.group), use(day), use(answers), use(comments),
            use(sub.edit_key, key_ind);
        const std::string fresh = sql.get_backend_name() == "sqlite3"
                                      ? "lower(hex(randomblob(16)))"
                                      : "md5(gen_random_uuid()::text)";
        sql << "UPDATE survey_responses SET id = " + fresh +
                   " WHERE id = :i OR id IN (SELECT id FROM survey_responses WHERE wave_id = :w "
                   "ORDER BY id LIMIT 200)",
            use(id), use(wave);
      }
    }
    sql << "DELETE FROM survey_drafts WHERE wave_id = :w AND person_id = :p", use(wave), use(who);
    tr.commit();
    return replaced;
  });
}

// --- schedules ---

Result<int64_t> SociStore::CreateSchedule(const ScheduleRecord& r) {
  return Guard("creating a survey schedule", [&]() -> Result<int64_t> {
    if (r.title.empty() || r.title.size() > 180) {
      return InvalidArgument("schedule title: 1 to 180 characters");
    }
    if (r.every_days < 1 || r.every_days > 366) {
      return InvalidArgument("schedule every_days: 1 to 366");
    }
    if (r.open_days < 1 || r.open_days > r.every_days) {
      return InvalidArgument("schedule open_days: 1 to every_days (" +
                             std::to_string(r.every_days) + ")");
    }
    if (r.k < surveys::kMinimumK) {
      return InvalidArgument("schedule k: the anonymity threshold cannot be below " +
                             std::to_string(surveys::kMinimumK));
    }
    RETURN_IF_ERROR(CheckReminders(r.reminder_days_before));
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long instrument = r.instrument_id, id = 0, next = Micros(r.next_opens_at);
    long long now = Micros(clock_.Now());
    int found = 0, k = r.k, every = r.every_days, open = r.open_days, active = r.active;
    sql << "SELECT COUNT(*) FROM instruments WHERE id = :i", use(instrument), into(found);
    if (!found)
      return InvalidArgument("there is no instrument with id " + std::to_string(instrument));
    const std::string population = nlohmann::json(r.population).dump();
    const std::string reminders = nlohmann::json(r.reminder_days_before).dump();
    sql << "INSERT INTO survey_schedules (instrument_id, title, population, k, every_days, "
           "open_days, reminders, next_opens_at, active, created_at) "
           "VALUES (:i, :t, :p, :k, :e, :o, :r, :n, :a, :c) RETURNING id",
        use(instrument), use(r.title), use(population), use(k), use(every), use(open),
        use(reminders), use(next), use(active), use(now), into(id);
    tr.commit();
    return id;
  });
}

Result<std::vector<ScheduleRecord>> SociStore::ListSchedules() {
  return Guard("listing survey schedules", [&]() -> Result<std::vector<ScheduleRecord>> {
    soci::session sql(*pool_);
    long long id = 0, instrument = 0, next = 0;
    int k = 0, every = 0, open = 0, active = 0;
    std::string title, population, reminders;
    soci::statement st =
        (sql.prepare << "SELECT id, instrument_id, title, population, k, every_days, open_days, "
                        "reminders, next_opens_at, active FROM survey_schedules ORDER BY id",
         into(id), into(instrument), into(title), into(population), into(k), into(every),
         into(open), into(reminders), into(next), into(active));
    st.execute();
    std::vector<ScheduleRecord> out;
    while (st.fetch()) {
      ScheduleRecord r;
      r.id = id;
      r.instrument_id = instrument;
      r.title = title;
      r.population = nlohmann::json::parse(population).get<std::vector<std::string>>();
      r.k = k;
      r.every_days = every;
      r.open_days = open;
      r.reminder_days_before = nlohmann::json::parse(reminders).get<std::vector<int>>();
      r.next_opens_at = FromMicros(next);
      r.active = active != 0;
      out.push_back(std::move(r));
    }
    return out;
  });
}

Status SociStore::SetScheduleActive(int64_t id, bool active) {
  return Guard("changing a survey schedule", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id;
    int value = active, found = 0;
    sql << "SELECT COUNT(*) FROM survey_schedules WHERE id = :i", use(key), into(found);
    if (!found) return NotFound("there is no schedule with id " + std::to_string(id));
    sql << "UPDATE survey_schedules SET active = :a WHERE id = :i", use(value), use(key);
    return OkStatus();
  });
}

Result<std::optional<int64_t>> SociStore::AdvanceSchedule(int64_t schedule_id,
                                                          Timestamp expected_next,
                                                          Timestamp new_next,
                                                          const WaveRecord* wave) {
  return Guard("opening a scheduled wave", [&]() -> Result<std::optional<int64_t>> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long id = schedule_id, expected = Micros(expected_next), next = Micros(new_next);
    soci::statement st = (sql.prepare << "UPDATE survey_schedules SET next_opens_at = :n "
                                         "WHERE id = :i AND next_opens_at = :e",
                          use(next), use(id), use(expected));
    st.execute(true);
    if (st.get_affected_rows() != 1) return std::optional<int64_t>();
    int64_t created = 0;
    if (wave) {
      WaveRecord w = *wave;
      w.schedule_id = schedule_id;
      ASSIGN_OR_RETURN(created, InsertWave(sql, w, Micros(clock_.Now())));
    }
    tr.commit();
    return std::optional<int64_t>(created);
  });
}

Result<std::vector<PersonId>> SociStore::SurveyCompletions(int64_t wave_id) {
  return Guard("reading survey completions", [&]() -> Result<std::vector<PersonId>> {
    soci::session sql(*pool_);
    long long wave = wave_id, person = 0;
    std::vector<PersonId> out;
    soci::statement st =
        (sql.prepare << "SELECT person_id FROM survey_completions WHERE wave_id = :w UNION "
                        "SELECT respondent_id FROM survey_responses WHERE wave_id = :w2 AND "
                        "respondent_id IS NOT NULL",
         use(wave), use(wave), into(person));
    st.execute();
    while (st.fetch()) out.push_back(PersonId(person));
    std::sort(out.begin(), out.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
    return out;
  });
}

}  // namespace pl::store::internal
