// Fuzz target: the Slack and Teams parsers on an export held in memory. The first byte chooses
// the platform (bit 0: Teams), strict or lenient (bit 1), pseudonymised ids (bit 2) and two
// threads instead of one (bit 3); the rest is split at NUL bytes into the export's files, named
// in the order below. An export that parses must give rows between the people it was given,
// never a person with themself, each counted at least once, and a report whose counts add up.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/chat_import.h"
#include "testing/fuzz_check.h"

namespace {

using pl::ingest::Archive;
using pl::ingest::ArchiveEntry;
using pl::ingest::ArchiveReader;

class MemoryReader final : public ArchiveReader {
 public:
  explicit MemoryReader(const std::vector<std::string>* files) : files_(files) {}
  pl::Status Read(size_t index, std::string& out, size_t spare) override {
    const std::string& f = (*files_)[index];
    out.reserve(f.size() + spare);
    out.assign(f);
    return pl::OkStatus();
  }

 private:
  const std::vector<std::string>* files_;
};

class MemoryArchive final : public Archive {
 public:
  explicit MemoryArchive(std::vector<std::pair<std::string, std::string>> files) {
    std::sort(files.begin(), files.end());
    for (auto& [name, bytes] : files) {
      entries_.push_back(ArchiveEntry{name, static_cast<int64_t>(bytes.size())});
      files_.push_back(std::move(bytes));
    }
  }
  std::string_view kind() const override { return "folder"; }
  pl::Result<std::unique_ptr<ArchiveReader>> NewReader() const override {
    return std::unique_ptr<ArchiveReader>(std::make_unique<MemoryReader>(&files_));
  }

 private:
  std::vector<std::string> files_;
};

constexpr const char* kSlackFiles[] = {"users.json",
                                       "channels.json",
                                       "dms.json",
                                       "groups.json",
                                       "mpims.json",
                                       "general/2024-05-01.json",
                                       "general/2024-05-02.json",
                                       "D024BE91L/2024-05-01.json",
                                       "random/2024-05-03.json"};
constexpr const char* kTeamsFiles[] = {"users.json", "channel/general.json", "chats/1.json",
                                       "chats/2.json", "channel/random.json"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  if (size < 1) return 0;
  const bool teams = (data[0] & 1) != 0;
  ChatImportOptions options;
  options.lenient = (data[0] & 2) != 0;
  options.threads = (data[0] & 8) != 0 ? 2 : 1;
  if ((data[0] & 4) != 0)
    options.pseudonymizer = Pseudonymizer::FromKey(std::string(32, 'k')).value();
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::pair<std::string, std::string>> files;
  const auto names =
      teams ? std::span<const char* const>(kTeamsFiles) : std::span<const char* const>(kSlackFiles);
  size_t at = 0;
  for (size_t i = 0; i < names.size() && at <= rest.size(); ++i) {
    const size_t end = std::min(rest.find('\0', at), rest.size());
    files.emplace_back(names[i], std::string(rest.substr(at, end - at)));
    at = end + 1;
  }
  const MemoryArchive archive(std::move(files));
  // Three people, matched by e-mail (as stored: pseudonymised where the import pseudonymises).
  IdentitySources sources;
  for (int p = 1; p <= 3; ++p) {
    const std::string email = "p" + std::to_string(p) + "@example.com";
    sources.by_email[options.pseudonymizer ? options.pseudonymizer->Apply("email", email) : email] =
        pl::PersonId(p);
  }
  auto parsed = teams ? ParseTeamsExport(archive, sources, options)
                      : ParseSlackExport(archive, sources, options);
  if (!parsed.ok()) {
    PL_FUZZ_CHECK(!parsed.status().message().empty());
    return 0;
  }
  const ChatParse& parse = parsed.value();
  const ChatImportReport& report = parse.report;
  PL_FUZZ_CHECK(report.kept_messages >= 0 && report.kept_messages <= report.messages);
  PL_FUZZ_CHECK(report.files_failed >= 0 && report.files_failed <= report.files);
  if (report.rejected) PL_FUZZ_CHECK(!options.lenient && parse.records.empty());
  if (!options.lenient && report.files_failed > 0) PL_FUZZ_CHECK(report.rejected);
  for (const auto& issue : report.issues) PL_FUZZ_CHECK(!issue.message.empty());
  for (const auto& r : parse.records.ToRecords()) {
    PL_FUZZ_CHECK(r.src.value >= 1 && r.src.value <= 3 && r.dst.value >= 1 && r.dst.value <= 3);
    PL_FUZZ_CHECK(r.src != r.dst);
    PL_FUZZ_CHECK(r.weight >= 1);
  }
  return 0;
}
