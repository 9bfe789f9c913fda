#include "notify/sender.h"

#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

extern char** environ;

namespace pl::notify {
namespace {

// Subjects and bodies never carry a bare CR or LF into headers.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

Status CheckAddress(const Message& m) {
  if (m.to.empty()) return InvalidArgument("no e-mail address");
  if (!PlainAddress(m.to)) return InvalidArgument("not a plain e-mail address: " + OneLine(m.to));
  return OkStatus();
}

class File final : public Sender {
 public:
  explicit File(std::string path) : path_(std::move(path)) {}
  Status Send(const Message& m) override {
    RETURN_IF_ERROR(CheckAddress(m));
    nlohmann::json j = {
        {"message_id", m.message_id},    {"wave_id", m.wave_id}, {"kind", m.kind}, {"to", m.to},
        {"subject", OneLine(m.subject)}, {"body", m.body}};
    std::lock_guard lock(mu_);
    std::ofstream out(path_, std::ios::app | std::ios::binary);
    out << j.dump() << '\n';
    out.flush();
    if (!out) return Unavailable("cannot append to " + path_);
    return OkStatus();
  }
  std::string Describe() const override { return "file " + path_; }

 private:
  std::string path_;
  std::mutex mu_;
};

class Sendmail final : public Sender {
 public:
  explicit Sendmail(std::string command) : command_(std::move(command)) {}
  Status Send(const Message& m) override {
    RETURN_IF_ERROR(CheckAddress(m));
    const std::string text = "To: " + m.to + "\r\nSubject: " + OneLine(m.subject) +
                             "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                             "MIME-Version: 1.0\r\n\r\n" +
                             m.body;
    int in[2];
    if (pipe(in) != 0) return Unavailable(std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    std::string t = "-t", oi = "-oi";
    char* argv[] = {command_.data(), t.data(), oi.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, command_.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    if (rc != 0) {
      close(in[1]);
      return Unavailable("cannot run " + command_ + ": " + std::strerror(rc));
    }
    // A closed pipe must fail the write, not kill the server.
    struct sigaction ignore {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &old);
    size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = write(in[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    close(in[1]);
    sigaction(SIGPIPE, &old, nullptr);
    int status = 0;
    waitpid(pid, &status, 0);
    if (written < text.size()) return Unavailable(command_ + " did not read the message");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return Unavailable(command_ + " failed (exit status " +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    }
    return OkStatus();
  }
  std::string Describe() const override { return "sendmail via " + command_; }

 private:
  std::string command_;
};

class Log final : public Sender {
 public:
  Status Send(const Message& m) override {
    RETURN_IF_ERROR(CheckAddress(m));
    spdlog::info("outbox: {} for wave {} to {}: {}", m.kind, m.wave_id, m.to, OneLine(m.subject));
    return OkStatus();
  }
  std::string Describe() const override { return "the log (nothing is delivered)"; }
};

}  // namespace

bool PlainAddress(std::string_view a) {
  if (a.size() > 254) return false;
  const size_t at = a.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char c : a) {
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' ||
        c == ')' || c == '\\' || c == 0x7f) {
      return false;
    }
  }
  return a.find('.', at) != std::string_view::npos;
}

std::unique_ptr<Sender> FileSender(std::string path) {
  return std::make_unique<File>(std::move(path));
}
std::unique_ptr<Sender> SendmailSender(std::string command) {
  return std::make_unique<Sendmail>(std::move(command));
}
std::unique_ptr<Sender> LogSender() { return std::make_unique<Log>(); }

Result<std::unique_ptr<Sender>> SenderFromSpec(std::string_view spec) {
  if (spec == "log") return LogSender();
  if (spec.starts_with("file:") && spec.size() > 5) return FileSender(std::string(spec.substr(5)));
  if (spec.starts_with("sendmail:") && spec.size() > 9) {
    return SendmailSender(std::string(spec.substr(9)));
  }
  return InvalidArgument("outbox: \"" + std::string(spec.substr(0, 80)) +
                         "\" is not file:PATH, sendmail:COMMAND or log");
}

}  // namespace pl::notify
