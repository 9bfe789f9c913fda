#include "ingest/chat_import.h"

#include <sched.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/text.h"
#include "ingest/internal/chat_common.h"

namespace pl::ingest {

std::string FormatFileIssue(const FileIssue& issue) {
  std::string out = issue.file;
  if (issue.offset >= 0) out += ": byte " + std::to_string(issue.offset);
  out += issue.warning ? ": warning: " : ": error: ";
  return out + issue.message;
}

Result<IdentitySources> LoadIdentitySources(store::Store& store, std::string_view platform,
                                            const ChatImportOptions& options) {
  IdentitySources s;
  ASSIGN_OR_RETURN(s.by_employee_id, store.PersonIdsByExternalId());
  ASSIGN_OR_RETURN(s.by_email, store.PersonIdsByEmail());
  ASSIGN_OR_RETURN(auto links, store.ListAccountLinks(platform));
  for (store::AccountLink& l : links) s.linked.emplace(std::move(l.account), l.person);
  if (options.mapping_csv.empty()) return s;
  // Not ASSIGN_OR_RETURN: GCC 12 (ThreadSanitizer build) took the destroyed Result's string for
  // one never allocated (-Wfree-nonheap-object).
  auto mapping = ParseIdMapping(options.mapping_csv);
  if (!mapping.ok()) return mapping.status();
  s.mapping = std::move(*mapping);
  return s;
}

namespace internal {

void Tally::Begin() {
  counts_at_ = counts.Here();
  threads_at_ = threads.Here();
  numbers_at_ = {messages, kept, mentions_of_non_people, reactions_by_non_people};
  file_skipped_.clear();
}

void Tally::Skip(const std::string& reason) {
  if (auto it = file_skipped_.find(reason); it != file_skipped_.end()) {
    ++it->second;
  } else if (!reason.starts_with("system: ") || skipped.contains(reason) ||
             file_skipped_.size() + skipped.size() < kMostSkipReasons) {
    file_skipped_.emplace(reason, 1);
  } else {
    ++file_skipped_[std::string(kOtherSkipReasons)];
  }
}

void Tally::Commit() {
  for (const auto& [k, v] : file_skipped_) skipped[k] += v;
  file_skipped_.clear();
  counts.SumIfLarge();
}

void Tally::Rollback() {
  counts.Rollback(counts_at_);
  threads.Rollback(threads_at_);
  messages = numbers_at_[0], kept = numbers_at_[1];
  mentions_of_non_people = numbers_at_[2], reactions_by_non_people = numbers_at_[3];
  file_skipped_.clear();
}

void Tally::AddTies(uint32_t author, const std::vector<std::string_view>& mentions,
                    const std::vector<std::string_view>& reactors, const Identities& ids,
                    int32_t day, uint32_t conversation) {
  mentioned_.clear();
  unmatched_.clear();
  for (std::string_view id : mentions) {
    uint32_t p = ids.Person(id);
    if (p == kNoPerson) {
      if (std::find(unmatched_.begin(), unmatched_.end(), id) == unmatched_.end()) {
        unmatched_.push_back(id);
        ++mentions_of_non_people;
      }
    } else if (std::find(mentioned_.begin(), mentioned_.end(), p) == mentioned_.end()) {
      mentioned_.push_back(p);
      counts.Add(author, p, graph::Layer::kMention, day, conversation);
    }
  }
  for (std::string_view id : reactors) {
    uint32_t p = ids.Person(id);
    if (p == kNoPerson) {
      ++reactions_by_non_people;
    } else {
      counts.Add(p, author, graph::Layer::kReaction, day, conversation);
    }
  }
}

std::function<std::string(std::string_view, std::string_view)> PseudonymiseFn(
    const ChatImportOptions& options) {
  if (!options.pseudonymizer) return {};
  return [&p = *options.pseudonymizer](std::string_view kind, std::string_view value) {
    return p.Apply(kind, value);
  };
}

std::string ConversationContext(const ChatImportOptions& options, std::string_view platform,
                                const std::string& id) {
  return options.pseudonymizer ? options.pseudonymizer->Apply("conversation", id)
                               : std::string(platform) + ":" + id;
}

int64_t FirstPassErrorOffset(std::string_view bytes) {
  size_t open = 0;
  bool in_string = false;
  for (size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x80) {  // one sequence, its length told by its first byte
      const size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (FirstInvalidUtf8(bytes.substr(i, length)) != std::string_view::npos) {
        return static_cast<int64_t>(i);
      }
      i += length;
      continue;
    }
    if (in_string) {
      if (c == '\\') {  // the next character is escaped: skipped, a sequence whole
        ++i;
        if (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
        continue;
      }
      if (c == '"') in_string = false;
      if (c < 0x20) return static_cast<int64_t>(i);
    } else if (c == '"') {
      in_string = true;
      open = i;
    }
    ++i;
  }
  return in_string ? static_cast<int64_t>(open) : -1;
}

int WorkerCount(int requested, size_t files) {
  int n = requested > 0 ? requested
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min<int>(n, static_cast<int>(std::max<size_t>(files, 1))));
}

Result<LoopResult> ParseFilesInParallel(const Archive& archive, const std::vector<size_t>& listed,
                                        int threads, const ParseFile& parse_file) {
  // Files are parsed in any order (each worker's tallies are summed in the end).
  const std::vector<size_t> files = archive.ReadingOrder(listed);
  const int workers = WorkerCount(threads, files.size());
  // The first worker reads on the calling thread; the others open their readers on their own.
  std::vector<std::unique_ptr<ArchiveReader>> readers(workers);
  ASSIGN_OR_RETURN(readers[0], archive.NewReader());
  std::vector<Status> opened(workers);
  std::vector<Tally> totals(workers);
  std::vector<std::vector<FileIssue>> issues(workers);
  std::atomic<size_t> next{0};
  // A limit met while reading (a folder's sizes are learnt as its files are read) refuses the
  // whole export, as it does a zip when opened, rather than skipping the file (--lenient).
  std::mutex over_mutex;
  Status over;
  std::atomic<bool> stop{false};
  // Workers take the files a run of kChunk at a time, so that each reads on in one folder (or
  // one stretch of a zip) rather than alternating with the others in it.
  constexpr size_t kChunk = 32;
  auto work = [&](int w) {
    std::string bytes;
    Tally& tally = totals[w];
    for (size_t first; (first = next.fetch_add(kChunk)) < files.size();) {
      for (size_t i = first; i < std::min(files.size(), first + kChunk); ++i) {
        if (stop.load(std::memory_order_relaxed)) return;
        const ArchiveEntry& e = archive.entries()[files[i]];
        if (Status s = readers[w]->Read(files[i], bytes, simdjson::SIMDJSON_PADDING); !s.ok()) {
          if (s.code() == StatusCode::kResourceExhausted) {
            stop.store(true);
            next.store(files.size());
            std::lock_guard lock(over_mutex);
            if (over.ok()) over = std::move(s);
            return;
          }
          issues[w].push_back({e.name, -1, s.message()});
          continue;
        }
        tally.Begin();
        if (auto err = parse_file(w, files[i], bytes, tally)) {
          issues[w].push_back({e.name, err->offset, err->message});
          tally.Rollback();
          continue;
        }
        tally.Commit();
      }
    }
  };
  // Each further worker gets a table of file descriptors of its own (unshare(CLONE_FILES)), in
  // which it opens its reader and every file it reads: opening and closing take the table's
  // lock, which two workers sharing one table contend for, and a table no other thread shares
  // lets the kernel skip counting references on each read (bench/RESULTS.md: two threads 1.61×
  // one before, 1.71× after). Its descriptors are closed before it ends, in its table; the
  // copies it was given of the process's own go with the table when it ends (a file the process
  // closes meanwhile stays open until then, for as long as the import reads). Where the kernel
  // refuses, it shares the process's.
  auto run = [&](int w) {
#ifndef __SANITIZE_THREAD__
    // (ThreadSanitizer knows one table a process: the same number open in two tables at once
    // looks to it like a race on one descriptor, so under it the workers share the table.)
    (void)::unshare(CLONE_FILES);
#endif
    auto r = archive.NewReader();
    if (!r.ok()) {  // the others stop too: the import fails
      opened[w] = r.status();
      stop.store(true);
      return;
    }
    readers[w] = std::move(*r);
    work(w);
    readers[w].reset();
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  work(0);
  for (auto& t : pool) t.join();
  for (const Status& s : opened) RETURN_IF_ERROR(s);
  RETURN_IF_ERROR(over);
  LoopResult out;
  out.parts = std::move(totals);
  for (auto& v : issues) {
    out.failed += static_cast<int64_t>(v.size());
    out.issues.insert(out.issues.end(), v.begin(), v.end());
  }
  std::sort(out.issues.begin(), out.issues.end(),
            [](const FileIssue& a, const FileIssue& b) { return a.file < b.file; });
  return out;
}

ChatParse Finish(LoopResult loop, Identities&& ids, const std::vector<std::string>& conversations,
                 const ChatImportOptions& options, ChatImportReport report) {
  ChatParse out;
  std::vector<EdgeCounter> counts;
  std::vector<ThreadBook> books;
  for (Tally& t : loop.parts) {
    report.messages += t.messages;
    report.kept_messages += t.kept;
    for (const auto& [reason, n] : t.skipped) report.skipped[reason] += n;
    report.mentions_of_non_people += t.mentions_of_non_people;
    report.reactions_by_non_people += t.reactions_by_non_people;
    counts.push_back(std::move(t.counts));
    books.push_back(std::move(t.threads));
  }
  loop.parts.clear();
  report.threads = ThreadBook::Resolve(books, counts, options.max_thread_participants);
  books.clear();
  report.files_failed = loop.failed;
  for (const EdgeCounter& c : counts) {
    for (size_t l = 0; l < graph::kLayerCount; ++l) report.interactions[l] += c.by_layer()[l];
  }
  report.identities = std::move(ids.report);
  report.pseudonymised = options.pseudonymizer.has_value();
  report.issues.insert(report.issues.end(), loop.issues.begin(), loop.issues.end());
  bool errors = std::any_of(report.issues.begin(), report.issues.end(),
                            [](const FileIssue& i) { return !i.warning; });
  if (errors && !options.lenient) {
    report.rejected = true;
  } else {
    out.records = EdgeCounter::Aggregate(counts, std::move(ids.people), conversations);
    report.aggregated_rows = static_cast<int64_t>(out.records.size());
  }
  out.report = std::move(report);
  return out;
}

}  // namespace internal

namespace {

using SteadyClock = std::chrono::steady_clock;
double Since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

// A name as compared for suggestions: lower case, single spaces.
std::string NormalName(std::string_view name) {
  std::string out;
  for (char c : AsciiLower(Trim(name))) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// IdentityReport::unmatched_suggested, from the store's active people.
Status SuggestPeople(store::Store& store, IdentityReport& id) {
  id.unmatched_suggested.assign(id.unmatched_ids.size(), PersonId());
  id.unmatched_suggested_employee_ids.assign(id.unmatched_ids.size(), "");
  if (std::all_of(id.unmatched_names.begin(), id.unmatched_names.end(),
                  [](const std::string& n) { return n.empty(); })) {
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<Person> people, store.AllPeople(false));
  std::unordered_map<std::string, const Person*> by_name;  // null: the name is not unique
  for (const Person& p : people) {
    auto [it, added] = by_name.emplace(NormalName(p.name), &p);
    if (!added) it->second = nullptr;
  }
  for (size_t i = 0; i < id.unmatched_names.size(); ++i) {
    if (id.unmatched_names[i].empty()) continue;
    auto it = by_name.find(NormalName(id.unmatched_names[i]));
    if (it != by_name.end() && it->second != nullptr) {
      id.unmatched_suggested[i] = it->second->id;
      id.unmatched_suggested_employee_ids[i] = it->second->external_id;
    }
  }
  return OkStatus();
}

Result<ChatImportReport> Write(store::Store& store, Result<ChatParse> parsed,
                               SteadyClock::time_point t0, std::string_view source,
                               const ChatImportOptions& options) {
  if (!parsed.ok()) return parsed.status();
  ChatParse& p = *parsed;
  p.report.parse_seconds = Since(t0);
  RETURN_IF_ERROR(SuggestPeople(store, p.report.identities));
  if (p.report.rejected) return std::move(p.report);
  auto t1 = SteadyClock::now();
  ASSIGN_OR_RETURN(p.report.applied,
                   store.AddInteractions(p.records, source,
                                         {.on_duplicate = store::OnDuplicate::kKeepLarger,
                                          .dry_run = options.dry_run,
                                          .not_before = options.not_before}));
  p.report.write_seconds = Since(t1);
  return std::move(p.report);
}

}  // namespace

Result<ChatImportReport> ImportSlack(store::Store& store, const std::string& path,
                                     const ChatImportOptions& options) {
  ASSIGN_OR_RETURN(auto archive, OpenArchive(path, options.limits));
  ASSIGN_OR_RETURN(IdentitySources sources, LoadIdentitySources(store, "slack", options));
  auto t0 = SteadyClock::now();
  return Write(store, ParseSlackExport(*archive, sources, options), t0, "slack", options);
}

Result<AccountLinkReport> LinkAccountsFromCsv(store::Store& store, std::string_view platform,
                                              std::string_view csv,
                                              const ChatImportOptions& options) {
  int64_t blank = 0;
  ASSIGN_OR_RETURN(auto mapping, ParseIdMapping(csv, &blank));
  ASSIGN_OR_RETURN(auto by_employee_id, store.PersonIdsByExternalId());
  ASSIGN_OR_RETURN(auto before, store.ListAccountLinks(platform));
  std::unordered_map<std::string, PersonId> linked;
  for (store::AccountLink& l : before) linked.emplace(std::move(l.account), l.person);
  const auto as_stored = [&](std::string_view kind, std::string_view value) {
    return options.pseudonymizer ? options.pseudonymizer->Apply(kind, value) : std::string(value);
  };
  // In account order, so that the first problems reported do not depend on hashing.
  std::vector<std::pair<std::string, std::string>> rows(mapping.begin(), mapping.end());
  std::sort(rows.begin(), rows.end());
  AccountLinkReport report;
  report.blank = blank;
  std::vector<store::AccountLink> links;
  for (const auto& [account, employee] : rows) {
    ++report.rows;
    auto person = by_employee_id.find(as_stored("employee", employee));
    if (person == by_employee_id.end()) {
      ++report.unknown;
      if (report.problems.size() < 50) {
        report.problems.push_back("account " + account.substr(0, 64) + ": employee id " +
                                  employee.substr(0, 64) + " is not in the roster");
      }
      continue;
    }
    std::string key = as_stored("account", account);
    if (auto was = linked.find(key); was != linked.end() && was->second == person->second) {
      ++report.unchanged;
      continue;
    }
    links.push_back({std::move(key), person->second, {}});
  }
  if (report.unknown > 0 && !options.lenient) {
    report.rejected = true;
    return report;
  }
  report.linked = static_cast<int64_t>(links.size());
  if (!options.dry_run && !links.empty()) {
    ASSIGN_OR_RETURN(report.linked, store.LinkAccounts(platform, links));
  }
  return report;
}

Result<ChatImportReport> ImportTeams(store::Store& store, const std::string& path,
                                     const ChatImportOptions& options) {
  ASSIGN_OR_RETURN(auto archive, OpenArchive(path, options.limits));
  ASSIGN_OR_RETURN(IdentitySources sources, LoadIdentitySources(store, "teams", options));
  auto t0 = SteadyClock::now();
  return Write(store, ParseTeamsExport(*archive, sources, options), t0, "teams", options);
}

}  // namespace pl::ingest
