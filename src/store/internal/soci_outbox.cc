// The message outbox: invitations and reminders, stored once each, delivered by the survey job.
#include <soci/soci.h>

#include "store/internal/soci_store.h"
#include "store/internal/soci_util.h"

namespace pl::store::internal {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

constexpr const char* kColumns =
    "id, wave_id, person_id, kind, sequence, recipient, subject, body, created_at, sent_at, "
    "attempts, last_error, given_up";

struct MessageRow {
  long long id = 0, wave = 0, person = 0, created = 0, sent = 0;
  int sequence = 0, attempts = 0, given_up = 0;
  std::string kind, recipient, subject, body, error;
  indicator sent_ind{};
  void Bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(wave));
    st.exchange(into(person));
    st.exchange(into(kind));
    st.exchange(into(sequence));
    st.exchange(into(recipient));
    st.exchange(into(subject));
    st.exchange(into(body));
    st.exchange(into(created));
    st.exchange(into(sent, sent_ind));
    st.exchange(into(attempts));
    st.exchange(into(error));
    st.exchange(into(given_up));
  }
  OutboxMessage Get() const {
    OutboxMessage m;
    m.id = id;
    m.wave_id = wave;
    m.person = PersonId(person);
    m.kind = kind;
    m.sequence = sequence;
    m.recipient = recipient;
    m.subject = subject;
    m.body = body;
    m.created_at = FromMicros(created);
    if (sent_ind == soci::i_ok) m.sent_at = FromMicros(sent);
    m.attempts = attempts;
    m.last_error = error;
    m.given_up = given_up != 0;
    return m;
  }
};

// Runs `query` (with its `use` bindings added by `bind`) and collects every row.
template <typename B>
std::vector<OutboxMessage> Fetch(soci::session& sql, const std::string& query, B&& bind) {
  MessageRow row;
  soci::statement st(sql);
  st.alloc();
  st.prepare(query);
  bind(st);
  row.Bind(st);
  st.define_and_bind();
  st.execute();
  std::vector<OutboxMessage> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

}  // namespace

Result<int64_t> SociStore::EnqueueMessages(const std::vector<OutboxMessage>& messages) {
  return Guard("queueing messages", [&]() -> Result<int64_t> {
    for (const OutboxMessage& m : messages) {
      if (m.kind != "invitation" && m.kind != "reminder") {
        return InvalidArgument("message kind: \"invitation\" or \"reminder\"");
      }
    }
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long wave = 0, person = 0, created = Micros(clock_.Now());
    int sequence = 0;
    std::string kind, recipient, subject, body;
    soci::statement st =
        (sql.prepare << "INSERT INTO message_outbox (wave_id, person_id, kind, sequence, "
                        "recipient, subject, body, created_at) VALUES (:w, :p, :k, :s, :r, :su, "
                        ":b, :c) ON CONFLICT (wave_id, person_id, kind, sequence) DO NOTHING",
         use(wave), use(person), use(kind), use(sequence), use(recipient), use(subject), use(body),
         use(created));
    int64_t added = 0;
    for (const OutboxMessage& m : messages) {
      wave = m.wave_id;
      person = m.person.value;
      kind = m.kind;
      sequence = m.sequence;
      recipient = m.recipient;
      subject = m.subject;
      body = m.body;
      st.execute(true);
      added += st.get_affected_rows();
    }
    tr.commit();
    return added;
  });
}

Result<std::vector<OutboxMessage>> SociStore::WaveMessages(int64_t wave_id) {
  return Guard("reading a wave's messages", [&]() -> Result<std::vector<OutboxMessage>> {
    soci::session sql(*pool_);
    long long wave = wave_id;
    return Fetch(
        sql,
        std::string("SELECT ") + kColumns + " FROM message_outbox WHERE wave_id = :w ORDER BY id",
        [&](soci::statement& st) { st.exchange(use(wave)); });
  });
}

Result<std::vector<OutboxMessage>> SociStore::PendingMessages(int max_attempts, int limit) {
  return Guard("reading pending messages", [&]() -> Result<std::vector<OutboxMessage>> {
    soci::session sql(*pool_);
    int attempts = max_attempts, n = limit;
    return Fetch(
        sql,
        std::string("SELECT ") + kColumns +
            " FROM message_outbox WHERE sent_at IS NULL AND given_up = 0 AND attempts < :a "
            "ORDER BY id "
            "LIMIT :n",
        [&](soci::statement& st) {
          st.exchange(use(attempts));
          st.exchange(use(n));
        });
  });
}

Status SociStore::RecordDelivery(int64_t message_id, const std::string& error, Timestamp now,
                                 bool give_up) {
  return Guard("recording a delivery", [&]() -> Status {
    soci::session sql(*pool_);
    long long id = message_id, at = Micros(now);
    if (error.empty()) {
      sql << "UPDATE message_outbox SET sent_at = :t, attempts = attempts + 1, last_error = '' "
             "WHERE id = :i",
          use(at), use(id);
    } else {
      const std::string e = error.substr(0, 500);
      int stop = give_up;
      sql << "UPDATE message_outbox SET attempts = attempts + 1, last_error = :e, given_up = :g "
             "WHERE id = :i",
          use(e), use(stop), use(id);
    }
    return OkStatus();
  });
}

Result<OutboxSummary> SociStore::SummariseOutbox(int64_t wave_id, int max_attempts) {
  return Guard("summarising the outbox", [&]() -> Result<OutboxSummary> {
    soci::session sql(*pool_);
    long long wave = wave_id;
    int attempts = max_attempts;
    OutboxSummary s;
    long long pending = 0, sent = 0, failed = 0;
    sql << "SELECT COUNT(*) FROM message_outbox WHERE wave_id = :w AND sent_at IS NOT NULL",
        use(wave), into(sent);
    sql << "SELECT COUNT(*) FROM message_outbox WHERE wave_id = :w AND sent_at IS NULL AND "
           "given_up = 0 AND attempts < :a",
        use(wave), use(attempts), into(pending);
    sql << "SELECT COUNT(*) FROM message_outbox WHERE wave_id = :w AND sent_at IS NULL AND "
           "(given_up = 1 OR attempts >= :a)",
        use(wave), use(attempts), into(failed);
    s.pending = pending;
    s.sent = sent;
    s.failed = failed;
    return s;
  });
}

}  // namespace pl::store::internal
