// Delivering invitations and reminders. A Sender takes one message at a time and says whether it
// went; the survey job keeps the outbox and retries. Three senders:
//   file:PATH          appends one JSON object per line (tests, audits, hand-off to other tools)
//   sendmail:COMMAND   pipes an RFC 5322 message to COMMAND -t -oi (sendmail, msmtp, ...)
//   log                writes a line to the log (no delivery)
//
//   ASSIGN_OR_RETURN(auto sender,
//   pl::notify::SenderFromSpec("file:/var/lib/peerlearn/outbox.jsonl"));
//   RETURN_IF_ERROR(sender->Send({.to = "ana@x.io", .subject = "...", .body = "..."}));
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pl::notify {

struct Message {
  std::string to;  // e-mail address
  std::string subject;
  std::string body;
  std::string kind;     // "invitation", "reminder"
  int64_t wave_id = 0;  // for the file sender's record
  int64_t message_id = 0;
};

class Sender {
 public:
  virtual ~Sender() = default;
  // OK when handed over. InvalidArgument for a message that can never go (no or a malformed
  // address); Unavailable when delivery failed and may work later.
  virtual Status Send(const Message& message) = 0;
  virtual std::string Describe() const = 0;
};

std::unique_ptr<Sender> FileSender(std::string path);
std::unique_ptr<Sender> SendmailSender(std::string command);
std::unique_ptr<Sender> LogSender();

// "file:PATH", "sendmail:COMMAND" or "log"; InvalidArgument otherwise.
Result<std::unique_ptr<Sender>> SenderFromSpec(std::string_view spec);

// The address is one plain mailbox: something@domain, no spaces, quotes, angle brackets or line
// breaks (nothing that could add a header or a recipient).
bool PlainAddress(std::string_view address);

}  // namespace pl::notify
