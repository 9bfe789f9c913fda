// 1. Slack ingestion end to end, side by side in one run: each repetition lists the export (as
// the import must first), reads the export's day files (the I/O floor), parses them with simdjson's
// DOM parser and nothing else (the ceiling), runs peerlearn's import without the store write
// (parse, people matched, threads resolved, edges aggregated into daily rows) on one and on two
// threads, and, with --python, the plain Python reader (bench/slack_python.py). Repetitions are
// interleaved; medians are printed.
//   bench_ingest slack EXPORT DB_URL [--reps N] [--python] [--import-only]
// DB_URL names a store holding the export's people (the demo writes both: `peerlearn demo
// --people 3000 --no-serve --db sqlite:b.db` → b.db.traces/slack-export).
// 2. Loading aggregated edges into the store: a network snapshot of EDGES weighted ties among
// PEOPLE people saved into a fresh store (SQLite file, or PostgreSQL through COPY on the server
// PL_BENCH_PG_URL names — bench/run.sh starts one); each repetition saves the snapshot's
// people alone, then the whole snapshot, and the ties' time is the difference.
//   bench_ingest load sqlite|postgresql [--edges N] [--people P] [--reps R]
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "bench/fresh_store.h"
#include "ingest/archive.h"
#include "ingest/chat_import.h"
#include "network/snapshot.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bench_ingest: %s\n", what.c_str());
  std::exit(1);
}

double Seconds(const std::function<void()>& run) {
  auto t = Clock::now();
  run();
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

bool IsDayFile(const std::string& name) {
  return name.size() > 15 && name.ends_with(".json") && name[name.size() - 11] == '-' &&
         name[name.size() - 8] == '-' && name.find('/') != std::string::npos;
}

int Load(int argc, char** argv) {
  if (argc < 3) Die("usage: bench_ingest load sqlite|postgresql [--edges N] [--people P]");
  const std::string backend = argv[2];
  int64_t edges = 2'000'000, people = 100'000;
  int reps = 5;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const int64_t v = std::atoll(argv[i + 1]);
    if (a == "--edges") {
      edges = v;
    } else if (a == "--people") {
      people = v;
    } else if (a == "--reps") {
      reps = static_cast<int>(v);
    } else {
      Die("unknown argument " + a);
    }
  }
  const std::string url = pl::bench::FreshUrl(backend, "load_");
  if (url.empty()) Die("PostgreSQL needs PL_BENCH_PG_URL (bench/run.sh sets it)");
  auto store = pl::store::Open(url);
  if (!store.ok()) Die(store.status().message());
  if (auto m = (*store)->Migrate(); !m.ok()) Die(m.status().message());
  std::vector<pl::store::RosterRecord> roster(static_cast<size_t>(people));
  for (int64_t p = 0; p < people; ++p) {
    roster[p].external_id = "E" + std::to_string(p);
    roster[p].name = "Person " + std::to_string(p);
  }
  if (auto r = (*store)->ApplyRoster(roster, {}); !r.ok()) Die(r.status().message());
  auto ids = (*store)->PersonIdsByExternalId();
  if (!ids.ok()) Die(ids.status().message());
  std::vector<int64_t> person(static_cast<size_t>(people));
  for (int64_t p = 0; p < people; ++p) person[p] = ids->at("E" + std::to_string(p)).value;
  std::sort(person.begin(), person.end());
  // Ties as the engine writes them: by (src, dst), each person with edges / people partners.
  pl::network::Snapshot snap;
  snap.taken_at = pl::Timestamp(std::chrono::seconds(1'790'000'000));
  snap.params = snap.summary = snap.findings = snap.flows = nlohmann::json::object();
  for (int64_t id : person) snap.people.push_back({.id = id, .team = "T"});
  snap.edges.reserve(static_cast<size_t>(edges));
  const int64_t per = std::max<int64_t>(1, edges / people);
  for (int64_t i = 0; i < edges; ++i) {
    const int64_t a = (i / per) % people, k = i % per;
    const int64_t b = (a + 1 + k * 7919) % people;
    snap.edges.push_back({person[a], person[b], 1.0 + static_cast<double>(i % 17) / 4});
  }
  std::sort(snap.edges.begin(), snap.edges.end(), [](const auto& x, const auto& y) {
    return x.src != y.src ? x.src < y.src : x.dst < y.dst;
  });
  snap.edges.erase(
      std::unique(snap.edges.begin(), snap.edges.end(),
                  [](const auto& x, const auto& y) { return x.src == y.src && x.dst == y.dst; }),
      snap.edges.end());
  // Each repetition saves the people alone, then the people with the ties: the ties' share is
  // the difference.
  pl::network::Snapshot people_only = snap;
  people_only.edges.clear();
  std::vector<double> full, base, ties;
  for (int r = 0; r < reps; ++r) {
    for (auto* which : {&people_only, &snap}) {
      const double t = Seconds([&] {
        auto id = (*store)->SaveSnapshot(*which);
        if (!id.ok()) Die(id.status().message());
      });
      (which == &snap ? full : base).push_back(t);
    }
    ties.push_back(full.back() - base.back());
  }
  const double m = Median(ties);
  std::printf(
      "%s: %zu aggregated edges among %lld people: snapshot saved in %.3f s, its people "
      "alone in %.3f s → the ties in %.3f s (medians of %d), %.0f rows/s\n",
      backend.c_str(), snap.edges.size(), static_cast<long long>(people), Median(full),
      Median(base), m, reps, static_cast<double>(snap.edges.size()) / m);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "load") return Load(argc, argv);
  if (argc < 4 || std::string(argv[1]) != "slack") {
    Die("usage: bench_ingest slack EXPORT DB_URL [--reps N] [--python] | bench_ingest load ...");
  }
  const std::string path = argv[2], url = argv[3];
  int reps = 5;
  bool python = false, import_only = false;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc) {
      reps = std::atoi(argv[++i]);
    } else if (a == "--python") {
      python = true;
    } else if (a == "--import-only") {  // for profiling: the one-thread import alone
      import_only = true;
    } else {
      Die("unknown argument " + a);
    }
  }
  auto archive = pl::ingest::OpenArchive(path, {});
  if (!archive.ok()) Die(archive.status().message());
  auto store = pl::store::Open(url);
  if (!store.ok()) Die(store.status().message());
  if (auto m = (*store)->Migrate(); !m.ok())
    Die(m.status().message());  // a store of an older schema
  pl::ingest::ChatImportOptions options;
  auto sources = pl::ingest::LoadIdentitySources(**store, "slack", options);
  if (!sources.ok()) Die(sources.status().message());
  // A store without the export's people matches nobody: the import would aggregate nothing and
  // the times would measure a parse alone.
  if (sources->by_email.empty() && sources->by_employee_id.empty()) {
    Die(url + " holds no people: name the store the demo wrote beside the export");
  }

  std::vector<size_t> day_files;
  int64_t bytes_total = 0;
  for (size_t i = 0; i < (*archive)->entries().size(); ++i) {
    if (IsDayFile((*archive)->entries()[i].name)) {
      day_files.push_back(i);
    }
  }
  day_files = (*archive)->ReadingOrder(std::move(day_files));  // as the import reads them
  int64_t messages = 0, rows = 0;
  std::vector<double> t_list, t_read, t_dom, t_one, t_two, t_python;
  if (import_only) {
    options.threads = getenv("T") ? atoi(getenv("T")) : 1;
    for (int r = 0; r < reps; ++r) {
      if (!pl::ingest::ParseSlackExport(**archive, *sources, options).ok()) Die("import failed");
    }
    return 0;
  }
  for (int r = 0; r < reps; ++r) {
    t_list.push_back(Seconds([&] {
      if (!pl::ingest::OpenArchive(path, {}).ok()) Die("cannot list " + path);
    }));
    auto reader = (*archive)->NewReader();
    if (!reader.ok()) Die(reader.status().message());
    std::string bytes;
    bytes_total = 0;  // a folder's sizes are learnt as its files are read
    t_read.push_back(Seconds([&] {
      for (size_t i : day_files) {
        if (!(*reader)->Read(i, bytes).ok()) Die("cannot read " + (*archive)->entries()[i].name);
        bytes_total += static_cast<int64_t>(bytes.size());
      }
    }));
    simdjson::dom::parser parser;
    int64_t dom_messages = 0;
    t_dom.push_back(Seconds([&] {
      for (size_t i : day_files) {
        if (!(*reader)->Read(i, bytes, simdjson::SIMDJSON_PADDING).ok()) Die("cannot read");
        simdjson::dom::array arr;
        if (parser.parse(bytes.data(), bytes.size(), false).get_array().get(arr)) {
          Die("simdjson cannot parse " + (*archive)->entries()[i].name);
        }
        dom_messages += static_cast<int64_t>(arr.size());
      }
    }));
    for (int threads : {1, 2}) {
      options.threads = threads;
      double s = Seconds([&] {
        auto parsed = pl::ingest::ParseSlackExport(**archive, *sources, options);
        if (!parsed.ok()) Die(parsed.status().message());
        messages = parsed->report.messages;
        rows = static_cast<int64_t>(parsed->records.size());
      });
      (threads == 1 ? t_one : t_two).push_back(s);
    }
    if (messages != dom_messages) {
      Die("simdjson counts " + std::to_string(dom_messages) + " messages, peerlearn " +
          std::to_string(messages));
    }
    if (python) {
      std::string cmd = "/usr/bin/python3 bench/slack_python.py '" + path + "'";
      FILE* p = popen(cmd.c_str(), "r");
      if (!p) Die("cannot run " + cmd);
      std::string output;
      char chunk[256];
      for (size_t got; (got = std::fread(chunk, 1, sizeof chunk, p)) > 0;)
        output.append(chunk, got);
      long long n = 0;
      double secs = 0;
      if (pclose(p) != 0 || std::sscanf(output.c_str(), "%lld %lf", &n, &secs) != 2) {
        Die(cmd + " failed: " + output);
      }
      if (n != messages) Die("the Python reader counts " + std::to_string(n) + " messages");
      t_python.push_back(secs);
    }
  }
  std::printf("%zu day files, %.1f MB, %lld messages → %lld daily rows; medians of %d\n",
              day_files.size(), static_cast<double>(bytes_total) / 1e6,
              static_cast<long long>(messages), static_cast<long long>(rows), reps);
  auto line = [&](const char* what, const std::vector<double>& t) {
    const double m = Median(t);
    std::printf("  %-44s %8.3f s  %10.0f messages/s  %7.0f MB/s\n", what, m,
                static_cast<double>(messages) / m, static_cast<double>(bytes_total) / 1e6 / m);
  };
  // End to end: the listing (which the import needs first) and the import, repetition by
  // repetition; the Python reader's own time includes its listing too.
  std::vector<double> t_end_one, t_end_two;
  for (int r = 0; r < reps; ++r) {
    t_end_one.push_back(t_list[r] + t_one[r]);
    t_end_two.push_back(t_list[r] + t_two[r]);
  }
  line("list the export (every file's name)", t_list);
  line("read the day files (1 thread)", t_read);
  line("read + simdjson DOM parse (1 thread)", t_dom);
  line("peerlearn parse + aggregate, 1 thread", t_one);
  line("peerlearn parse + aggregate, 2 threads", t_two);
  line("peerlearn list + import, 1 thread", t_end_one);
  line("peerlearn list + import, 2 threads", t_end_two);
  if (python) line("Python json reader (bench/slack_python.py)", t_python);
  std::printf("  two threads / one: %.2f× (with the listing %.2f×)", Median(t_one) / Median(t_two),
              Median(t_end_one) / Median(t_end_two));
  if (python) {
    std::printf(
        "; Python / peerlearn 1 thread: %.2f× (with the listing %.2f×), 2 threads: %.2f× "
        "(with the listing %.2f×)",
        Median(t_python) / Median(t_one), Median(t_python) / Median(t_end_one),
        Median(t_python) / Median(t_two), Median(t_python) / Median(t_end_two));
  }
  std::printf("\n");
  return 0;
}
