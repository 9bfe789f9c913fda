// The survey job, run every minute by the server (and by `peerlearn survey tick`): opens the
// waves that recurring schedules have due, plans invitations and reminders for every open web
// wave (surveys/schedule.h) into the outbox, and delivers what is pending through a Sender,
// recording each delivery or failure. Safe to run twice at once: schedules advance with a
// compare-and-set and the outbox keeps each message once.
//
//   ASSIGN_OR_RETURN(auto sender, notify::SenderFromSpec("file:outbox.jsonl"));
//   ASSIGN_OR_RETURN(SurveyJobResult r, RunSurveyJob(store, *sender, SystemClock(), {}));
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "notify/sender.h"
#include "store/store.h"

namespace pl::analytics {

struct SurveyJobOptions {
  std::string base_url;  // where people answer, e.g. "https://peerlearn.example.com"
  int max_attempts = 5;  // a message is given up after this many failed deliveries
  int batch = 1000;      // at most this many deliveries per run
};

struct SurveyJobResult {
  int waves_opened = 0;
  int openings_skipped = 0;  // scheduled openings that had already closed when the job ran
  int64_t invitations = 0, reminders = 0;  // newly queued
  int64_t sent = 0, failed = 0;            // deliveries in this run
};

// Step 1 of the job alone: opens the waves active schedules have due now (the API calls it when
// a schedule is created, so a first opening of today opens at once). Adds to `result`'s
// waves_opened and openings_skipped.
Status OpenDueWaves(store::Store& store, Timestamp now, SurveyJobResult& result);

Result<SurveyJobResult> RunSurveyJob(store::Store& store, notify::Sender& sender,
                                     const Clock& clock, const SurveyJobOptions& options);

}  // namespace pl::analytics
