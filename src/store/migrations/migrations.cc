#include "store/migrations/migrations.h"

#include <string>

namespace pl::store::migrations {
namespace {

// $PK is an auto-numbered 64-bit primary key; $REAL a double; $NOROWID marks a table whose
// physical row order must not follow insertion order (SQLite's WITHOUT ROWID: rows clustered
// by primary key); $SQLITE{...} and $POSTGRESQL{...} hold text for one backend only.
const internal::Migration kMigrations[] = {
    {1,
     "people, teams, skills, accounts, sessions, audit log",
     {
         "CREATE TABLE teams ("
         " id $PK,"
         " name TEXT NOT NULL,"
         " path TEXT NOT NULL UNIQUE,"
         " parent_id BIGINT REFERENCES teams(id))",
         "CREATE TABLE people ("
         " id $PK,"
         " external_id TEXT NOT NULL UNIQUE,"
         " name TEXT NOT NULL,"
         " email TEXT NOT NULL DEFAULT '',"
         " title TEXT NOT NULL DEFAULT '',"
         " level INTEGER NOT NULL DEFAULT 0,"
         " team_id BIGINT REFERENCES teams(id),"
         " manager_id BIGINT REFERENCES people(id),"
         " hire_date TEXT,"
         " location TEXT NOT NULL DEFAULT '',"
         " timezone TEXT NOT NULL DEFAULT '',"
         " active INTEGER NOT NULL DEFAULT 1,"
         " updated_at BIGINT NOT NULL)",
         "CREATE INDEX people_manager ON people(manager_id)",
         "CREATE INDEX people_team ON people(team_id)",
         "CREATE INDEX people_name ON people(lower(name))",
         "CREATE TABLE skills ("
         " id $PK,"
         " name TEXT NOT NULL UNIQUE,"
         " parent_id BIGINT REFERENCES skills(id))",
         "CREATE TABLE person_skills ("
         " person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " skill_id BIGINT NOT NULL REFERENCES skills(id),"
         " level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),"
         " source TEXT NOT NULL CHECK (source IN ('self', 'manager', 'inferred')),"
         " updated_at BIGINT NOT NULL,"
         " PRIMARY KEY (person_id, skill_id))",
         "CREATE INDEX person_skills_skill ON person_skills(skill_id)",
         "CREATE TABLE users ("
         " id $PK,"
         " username TEXT NOT NULL UNIQUE,"
         " password_hash TEXT NOT NULL,"
         " role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'employee')),"
         " person_id BIGINT REFERENCES people(id),"
         " disabled INTEGER NOT NULL DEFAULT 0,"
         " created_at BIGINT NOT NULL)",
         "CREATE TABLE sessions ("
         " token_hash TEXT PRIMARY KEY,"
         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
         " csrf_token TEXT NOT NULL,"
         " created_at BIGINT NOT NULL,"
         " expires_at BIGINT NOT NULL)",
         "CREATE INDEX sessions_expiry ON sessions(expires_at)",
         "CREATE TABLE audit_log ("
         " id $PK,"
         " ts BIGINT NOT NULL,"
         " user_id BIGINT REFERENCES users(id),"
         " action TEXT NOT NULL,"
         " target TEXT NOT NULL DEFAULT '',"
         " detail TEXT NOT NULL DEFAULT '')",
     }},
    {2,
     "interactions between people (who, whom, when, which layer; never message text)",
     {
         "CREATE TABLE interactions ("
         " id $PK,"
         " src_person_id BIGINT NOT NULL REFERENCES people(id),"
         " dst_person_id BIGINT NOT NULL REFERENCES people(id),"
         " layer TEXT NOT NULL CHECK (layer IN ('reply', 'mention', 'reaction', 'thread',"
         "   'nomination', 'debrief', 'kudos', 'mentoring')),"
         " ts BIGINT NOT NULL,"
         " weight $REAL NOT NULL CHECK (weight > 0),"
         " source TEXT NOT NULL,"
         " context TEXT NOT NULL DEFAULT '',"
         " CHECK (src_person_id <> dst_person_id),"
         " UNIQUE (src_person_id, dst_person_id, layer, ts, context))",
         "CREATE INDEX interactions_ts ON interactions(ts)",
         "CREATE INDEX interactions_dst ON interactions(dst_person_id)",
     }},
    {3,
     "dated snapshots of the knowledge-network analysis",
     {
         "CREATE TABLE network_snapshots ("
         " id $PK,"
         " taken_at BIGINT NOT NULL,"
         " window_from BIGINT,"
         " window_to BIGINT,"
         " people BIGINT NOT NULL,"
         " ties BIGINT NOT NULL,"
         " params TEXT NOT NULL,"
         " summary TEXT NOT NULL,"
         " findings TEXT NOT NULL,"
         " flows TEXT NOT NULL)",
         "CREATE TABLE snapshot_people ("
         " snapshot_id BIGINT NOT NULL REFERENCES network_snapshots(id) ON DELETE CASCADE,"
         " person_id BIGINT NOT NULL REFERENCES people(id),"
         " team TEXT NOT NULL,"
         " community INTEGER NOT NULL,"
         " in_degree BIGINT NOT NULL, out_degree BIGINT NOT NULL,"
         " in_strength $REAL, out_strength $REAL, pagerank $REAL, betweenness $REAL,"
         " constraint_ $REAL, closeness $REAL, harmonic $REAL, effective_size $REAL,"
         " coreness BIGINT NOT NULL, clustering $REAL, reciprocity $REAL, x $REAL, y $REAL,"
         " PRIMARY KEY (snapshot_id, person_id))",
         "CREATE TABLE snapshot_teams ("
         " snapshot_id BIGINT NOT NULL REFERENCES network_snapshots(id) ON DELETE CASCADE,"
         " team TEXT NOT NULL,"
         " members BIGINT NOT NULL, internal_ties BIGINT NOT NULL, external_ties BIGINT NOT NULL,"
         " density $REAL, ei_index $REAL, cross_share $REAL,"
         " external_people BIGINT NOT NULL, external_teams BIGINT NOT NULL,"
         " PRIMARY KEY (snapshot_id, team))",
         "CREATE TABLE snapshot_edges ("
         " snapshot_id BIGINT NOT NULL REFERENCES network_snapshots(id) ON DELETE CASCADE,"
         " src_person_id BIGINT NOT NULL REFERENCES people(id),"
         " dst_person_id BIGINT NOT NULL REFERENCES people(id),"
         " weight $REAL NOT NULL,"
         " PRIMARY KEY (snapshot_id, src_person_id, dst_person_id))",
     }},
    {4,
     "survey instruments, waves, responses (anonymous answers unlinkable from who completed)",
     {
         "CREATE TABLE instruments ("
         " id $PK,"
         " key TEXT NOT NULL,"
         " version INTEGER NOT NULL,"
         " definition TEXT NOT NULL,"
         " created_at BIGINT NOT NULL,"
         " UNIQUE (key, version))",
         "CREATE TABLE survey_waves ("
         " id $PK,"
         " instrument_id BIGINT NOT NULL REFERENCES instruments(id),"
         " title TEXT NOT NULL,"
         " opens_at BIGINT NOT NULL,"
         " closes_at BIGINT NOT NULL,"
         " k INTEGER NOT NULL CHECK (k >= 3),"
         " source TEXT NOT NULL CHECK (source IN ('web', 'import')),"
         " import_fingerprint TEXT,"
         " population TEXT NOT NULL DEFAULT '[]',"
         " created_at BIGINT NOT NULL,"
         " UNIQUE (import_fingerprint))",
         // Who completed a wave, to the day. Nothing here points at an answer.
         "CREATE TABLE survey_completions ("
         " wave_id BIGINT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,"
         " person_id BIGINT NOT NULL REFERENCES people(id),"
         " completed_day BIGINT NOT NULL,"
         " PRIMARY KEY (wave_id, person_id))$NOROWID",
         // Answers: a random id (no insertion order), the respondent only when the instrument is
         // not anonymous, the reporting group, the day, and the answers as a JSON array.
         "CREATE TABLE survey_responses ("
         " id TEXT PRIMARY KEY,"
         " wave_id BIGINT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,"
         " respondent_id BIGINT REFERENCES people(id),"
         " group_key TEXT NOT NULL,"
         " submitted_day BIGINT NOT NULL,"
         " answers TEXT NOT NULL,"
         " comments TEXT NOT NULL DEFAULT '{}',"
         " edit_key TEXT UNIQUE,"
         " UNIQUE (wave_id, respondent_id))$NOROWID",
         "CREATE INDEX survey_responses_wave ON survey_responses(wave_id)",
         // Unsubmitted answers, linked to their author until submitted (then deleted).
         "CREATE TABLE survey_drafts ("
         " wave_id BIGINT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,"
         " person_id BIGINT NOT NULL REFERENCES people(id),"
         " answers TEXT NOT NULL,"
         " comments TEXT NOT NULL DEFAULT '{}',"
         " updated_at BIGINT NOT NULL,"
         " PRIMARY KEY (wave_id, person_id))",
     }},
    {5,
     "recurring survey schedules, reminders per wave, and the message outbox",
     {
         "CREATE TABLE survey_schedules ("
         " id $PK,"
         " instrument_id BIGINT NOT NULL REFERENCES instruments(id),"
         " title TEXT NOT NULL,"
         " population TEXT NOT NULL DEFAULT '[]',"
         " k INTEGER NOT NULL CHECK (k >= 3),"
         " every_days INTEGER NOT NULL CHECK (every_days >= 1),"
         " open_days INTEGER NOT NULL CHECK (open_days >= 1 AND open_days <= every_days),"
         " reminders TEXT NOT NULL DEFAULT '[3,1]',"
         " next_opens_at BIGINT NOT NULL,"
         " active INTEGER NOT NULL DEFAULT 1,"
         " created_at BIGINT NOT NULL)",
         "ALTER TABLE survey_waves ADD COLUMN reminders TEXT NOT NULL DEFAULT '[3,1]'",
         "ALTER TABLE survey_waves ADD COLUMN schedule_id BIGINT REFERENCES survey_schedules(id)",
         // Invitations and reminders, kept after sending: what was sent to whom, when. Nothing
         // here says whether anyone answered (reminders are planned from completions, which
         // are kept apart from answers anyway).
         "CREATE TABLE message_outbox ("
         " id $PK,"
         " wave_id BIGINT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,"
         " person_id BIGINT NOT NULL REFERENCES people(id),"
         " kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),"
         " sequence INTEGER NOT NULL,"
         " recipient TEXT NOT NULL,"
         " subject TEXT NOT NULL,"
         " body TEXT NOT NULL,"
         " created_at BIGINT NOT NULL,"
         " sent_at BIGINT,"
         " attempts INTEGER NOT NULL DEFAULT 0,"
         " last_error TEXT NOT NULL DEFAULT '',"
         " given_up INTEGER NOT NULL DEFAULT 0,"
         " UNIQUE (wave_id, person_id, kind, sequence))",
         "CREATE INDEX message_outbox_pending ON message_outbox(sent_at, id)",
     }},
    {6,
     "mentoring programme: opt-ins, pairs, exclusions",
     {
         "CREATE TABLE mentoring_optins ("
         " person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " role TEXT NOT NULL CHECK (role IN ('mentee', 'mentor')),"
         " goals TEXT NOT NULL DEFAULT '[]',"
         " offers TEXT NOT NULL DEFAULT '[]',"
         " capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
         " updated_at BIGINT NOT NULL,"
         " PRIMARY KEY (person_id, role))",
         "CREATE TABLE mentoring_pairs ("
         " id $PK,"
         " mentee_id BIGINT NOT NULL REFERENCES people(id),"
         " mentor_id BIGINT NOT NULL REFERENCES people(id),"
         " status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'ended')),"
         " score $REAL NOT NULL,"
         " explanation TEXT NOT NULL,"
         " rating $REAL CHECK (rating IS NULL OR (rating >= 1 AND rating <= 5)),"
         " alternatives TEXT NOT NULL DEFAULT '[]',"
         " created_at BIGINT NOT NULL)",
         // Pairs an admin rules out (either way round), with why.
         "CREATE TABLE mentoring_exclusions ("
         " person_a BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " person_b BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " reason TEXT NOT NULL,"
         " PRIMARY KEY (person_a, person_b))",
     }},
    {7,
     "learning circles: challenges, sign-ups, pins, circles, members, meetings",
     {
         "CREATE TABLE challenges ("
         " id $PK,"
         " title TEXT NOT NULL,"
         " problem TEXT NOT NULL,"
         " skills TEXT NOT NULL DEFAULT '[]',"
         " sponsor_id BIGINT REFERENCES people(id),"
         " status TEXT NOT NULL CHECK (status IN ('open', 'closed')),"
         " created_at BIGINT NOT NULL)",
         "CREATE TABLE circle_volunteers ("
         " person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,"
         " facilitator INTEGER NOT NULL DEFAULT 0,"
         " max_circles INTEGER NOT NULL DEFAULT 1 CHECK (max_circles BETWEEN 1 AND 3),"
         " updated_at BIGINT NOT NULL)",
         "CREATE TABLE circle_preferences ("
         " person_id BIGINT NOT NULL REFERENCES circle_volunteers(person_id) ON DELETE CASCADE,"
         " challenge_id BIGINT NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
         " rank INTEGER NOT NULL CHECK (rank >= 1),"
         " PRIMARY KEY (person_id, challenge_id))",
         "CREATE TABLE circle_pins ("
         " person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " challenge_id BIGINT NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
         " PRIMARY KEY (person_id, challenge_id))",
         "CREATE TABLE circles ("
         " id $PK,"
         " challenge_id BIGINT NOT NULL REFERENCES challenges(id),"
         " status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'closed')),"
         " score TEXT NOT NULL DEFAULT '{}',"
         " explanation TEXT NOT NULL DEFAULT '',"
         " cadence_days INTEGER NOT NULL DEFAULT 7 CHECK (cadence_days BETWEEN 1 AND 62),"
         " checklist TEXT NOT NULL DEFAULT '[]',"
         " summary TEXT NOT NULL DEFAULT '',"
         " created_at BIGINT NOT NULL,"
         " started_at BIGINT)",
         "CREATE TABLE circle_members ("
         " circle_id BIGINT NOT NULL REFERENCES circles(id) ON DELETE CASCADE,"
         " person_id BIGINT NOT NULL REFERENCES people(id),"
         " role TEXT NOT NULL CHECK (role IN ('member', 'facilitator')),"
         " PRIMARY KEY (circle_id, person_id))",
         "CREATE INDEX circle_members_person ON circle_members(person_id)",
         "CREATE TABLE circle_meetings ("
         " id $PK,"
         " circle_id BIGINT NOT NULL REFERENCES circles(id) ON DELETE CASCADE,"
         " held_on BIGINT NOT NULL,"
         " notes TEXT NOT NULL,"
         " takeaways TEXT NOT NULL DEFAULT '[]',"
         " logged_by BIGINT REFERENCES people(id),"
         " created_at BIGINT NOT NULL)",
     }},
    {8,
     "learning goals; a mentee's own network preference (bridge or familiar)",
     {
         "ALTER TABLE mentoring_optins ADD COLUMN network TEXT NOT NULL DEFAULT ''",
         "CREATE TABLE learning_goals ("
         " person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " skill TEXT NOT NULL,"
         " target INTEGER NOT NULL CHECK (target BETWEEN 1 AND 4),"
         " position INTEGER NOT NULL,"
         " updated_at BIGINT NOT NULL,"
         " PRIMARY KEY (person_id, skill))",
     }},
    {9,
     "snapshot ties written in bulk: no per-row foreign-key checks (the store checks each tie's "
     "people against the snapshot's own, which are checked); SQLite clusters them by key, "
     "PostgreSQL appends them with a block-range index on the snapshot",
     {
         "CREATE TABLE snapshot_edges_v9 ("
         " snapshot_id BIGINT NOT NULL,"
         " src_person_id BIGINT NOT NULL,"
         " dst_person_id BIGINT NOT NULL,"
         " weight $REAL NOT NULL"
         "$SQLITE{, PRIMARY KEY (snapshot_id, src_person_id, dst_person_id)})$NOROWID",
         "INSERT INTO snapshot_edges_v9 (snapshot_id, src_person_id, dst_person_id, weight)"
         " SELECT snapshot_id, src_person_id, dst_person_id, weight FROM snapshot_edges"
         " ORDER BY snapshot_id, src_person_id, dst_person_id",
         "DROP TABLE snapshot_edges",
         "ALTER TABLE snapshot_edges_v9 RENAME TO snapshot_edges",
         "$POSTGRESQL{CREATE INDEX snapshot_edges_snapshot ON snapshot_edges USING brin "
         "(snapshot_id)}",
     }},
    {10,
     "snapshot people written in bulk: no per-row foreign-key checks (the store checks them "
     "against the roster once per snapshot)",
     {
         "CREATE TABLE snapshot_people_v10 ("
         " snapshot_id BIGINT NOT NULL,"
         " person_id BIGINT NOT NULL,"
         " team TEXT NOT NULL,"
         " community INTEGER NOT NULL,"
         " in_degree BIGINT NOT NULL, out_degree BIGINT NOT NULL,"
         " in_strength $REAL, out_strength $REAL, pagerank $REAL, betweenness $REAL,"
         " constraint_ $REAL, closeness $REAL, harmonic $REAL, effective_size $REAL,"
         " coreness BIGINT NOT NULL, clustering $REAL, reciprocity $REAL, x $REAL, y $REAL,"
         " PRIMARY KEY (snapshot_id, person_id))",
         "INSERT INTO snapshot_people_v10 SELECT snapshot_id, person_id, team, community, "
         "in_degree, out_degree, in_strength, out_strength, pagerank, betweenness, constraint_, "
         "closeness, harmonic, effective_size, coreness, clustering, reciprocity, x, y "
         "FROM snapshot_people",
         "DROP TABLE snapshot_people",
         "ALTER TABLE snapshot_people_v10 RENAME TO snapshot_people",
     }},
    {11,
     "interactions written in bulk on PostgreSQL without per-row foreign-key checks (triggers "
     "that took a third of a large import); on both backends the store checks every row's "
     "people against the roster once per write (SQLite's checks cost nothing measurable and stay)",
     {
         "$POSTGRESQL{ALTER TABLE interactions DROP CONSTRAINT IF EXISTS "
         "interactions_src_person_id_fkey}",
         "$POSTGRESQL{ALTER TABLE interactions DROP CONSTRAINT IF EXISTS "
         "interactions_dst_person_id_fkey}",
     }},
    {12,
     "snapshot ties on PostgreSQL partitioned by snapshot, a table each (snapshot_edges_ID), "
     "instead of one table with a block-range index that every written row had to update",
     {
         "$POSTGRESQL{ALTER TABLE snapshot_edges RENAME TO snapshot_edges_v11}",
         "$POSTGRESQL{CREATE TABLE snapshot_edges ("
         " snapshot_id BIGINT NOT NULL,"
         " src_person_id BIGINT NOT NULL,"
         " dst_person_id BIGINT NOT NULL,"
         " weight DOUBLE PRECISION NOT NULL) PARTITION BY LIST (snapshot_id)}",
         "$POSTGRESQL{DO $$DECLARE s BIGINT; BEGIN"
         " FOR s IN SELECT DISTINCT snapshot_id FROM snapshot_edges_v11 LOOP"
         " EXECUTE format('CREATE TABLE snapshot_edges_%s PARTITION OF snapshot_edges"
         " FOR VALUES IN (%s)', s, s);"
         " END LOOP; END$$}",
         "$POSTGRESQL{INSERT INTO snapshot_edges (snapshot_id, src_person_id, dst_person_id, "
         "weight) SELECT snapshot_id, src_person_id, dst_person_id, weight FROM snapshot_edges_v11"
         " ORDER BY snapshot_id, src_person_id, dst_person_id}",
         "$POSTGRESQL{DROP TABLE snapshot_edges_v11}",
     }},
    {13,
     "the ids of deleted snapshots, and when they were deleted: no later snapshot takes one",
     {
         "CREATE TABLE deleted_snapshots (id BIGINT PRIMARY KEY, deleted_at BIGINT NOT NULL)",
     }},
    {14,
     "chat-platform accounts linked to people by an admin, used by every later import (the "
     "account id as the import keeps identities: pseudonymised when it pseudonymises)",
     {
         "CREATE TABLE account_links ("
         " platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams')),"
         " account TEXT NOT NULL,"
         " person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
         " linked_at BIGINT NOT NULL,"
         " PRIMARY KEY (platform, account))",
     }},
    {15,
     "no index on an interaction's target: no query reads by it, and every written row paid for "
     "it (a fifth of writing an import on SQLite)",
     {
         "DROP INDEX IF EXISTS interactions_dst",
     }},
    {16,
     "the audit log read by target (who read a person's data) and by user (what someone did), "
     "newest first",
     {
         "CREATE INDEX audit_log_target ON audit_log(target, id)",
         "CREATE INDEX audit_log_user ON audit_log(user_id, id)",
     }},
    {17,
     "jobs that several servers on one database share (the scheduled network analysis): who "
     "runs one, and until when the others leave it to them",
     {
         "CREATE TABLE job_leases ("
         " job TEXT PRIMARY KEY,"
         " holder TEXT NOT NULL,"
         " until_at BIGINT NOT NULL)",
     }},
    {18,
     "a person's rows across snapshots read by person (their network over time)",
     {
         "CREATE INDEX snapshot_people_person ON snapshot_people(person_id, snapshot_id)",
     }},
};

std::string Substitute(std::string sql, std::string_view backend) {
  const std::string pk = backend == "postgresql" ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
  const std::string real = backend == "postgresql" ? "DOUBLE PRECISION" : "REAL";
  for (size_t pos; (pos = sql.find("$PK")) != std::string::npos;) sql.replace(pos, 3, pk);
  for (size_t pos; (pos = sql.find("$REAL")) != std::string::npos;) sql.replace(pos, 5, real);
  // SQLite keeps a hidden insertion-ordered rowid unless told not to; tables whose row order
  // must not reveal when a row was written store rows in primary-key order instead.
  const std::string no_rowid = backend == "postgresql" ? "" : " WITHOUT ROWID";
  for (size_t pos; (pos = sql.find("$NOROWID")) != std::string::npos;)
    sql.replace(pos, 8, no_rowid);
  // $SQLITE{text} and $POSTGRESQL{text}: text for that backend only; a statement left empty
  // is not run.
  for (std::string_view which : {"sqlite", "postgresql"}) {
    const std::string mark = which == "sqlite" ? "$SQLITE{" : "$POSTGRESQL{";
    for (size_t pos; (pos = sql.find(mark)) != std::string::npos;) {
      const size_t close = sql.find('}', pos + mark.size());
      const std::string inner = sql.substr(pos + mark.size(), close - pos - mark.size());
      sql.replace(pos, close + 1 - pos, backend == which ? inner : "");
    }
  }
  return sql;
}

}  // namespace

std::vector<internal::Migration> ForBackend(std::string_view backend) {
  std::vector<internal::Migration> out;
  for (const auto& m : kMigrations) {
    internal::Migration copy{m.version, m.description, {}};
    for (const auto& s : m.statements) {
      std::string statement = Substitute(s, backend);
      if (!statement.empty()) copy.statements.push_back(std::move(statement));
    }
    out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace pl::store::migrations
