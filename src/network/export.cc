#include "network/export.h"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/text.h"
#include "network/internal/markup.h"

namespace pl::network {

using internal::Num;
using internal::XmlEscape;
using nlohmann::json;

namespace {

// Roster attributes by store id, with each manager's employee id resolved.
class Roster {
 public:
  Roster(const std::vector<Person>& people, const ExportOptions& options) : options_(options) {
    for (const auto& p : people) by_id_.emplace(p.id.value, &p);
  }
  const Person* Find(int64_t id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  std::string EmployeeId(int64_t id) const {
    const Person* p = Find(id);
    return p ? p->external_id : "#" + std::to_string(id);
  }
  // The attribute columns, in order, for a header (with `prefix`) or a person's row.
  static std::vector<std::string> Columns(const std::string& prefix, bool names) {
    std::vector<std::string> out = {prefix + "employee_id"};
    if (names) {
      out.push_back(prefix + "name");
      out.push_back(prefix + "email");
    }
    for (const char* c :
         {"title", "level", "team", "manager_employee_id", "hire_date", "location"}) {
      out.push_back(prefix + c);
    }
    return out;
  }
  std::vector<std::string> Values(int64_t id) const {
    const Person* p = Find(id);
    std::vector<std::string> out = {EmployeeId(id)};
    if (options_.names) {
      out.push_back(p ? p->name : "");
      out.push_back(p ? p->email : "");
    }
    if (!p) {
      out.resize(out.size() + 6);
      return out;
    }
    out.push_back(p->title);
    out.push_back(std::to_string(p->level));
    out.push_back(p->team_path);
    out.push_back(p->manager_id.valid() ? EmployeeId(p->manager_id.value) : "");
    out.push_back(p->hire_date ? FormatDate(*p->hire_date) : "");
    out.push_back(p->location);
    return out;
  }
  bool names() const { return options_.names; }

 private:
  std::unordered_map<int64_t, const Person*> by_id_;
  ExportOptions options_;
};

json JsonNum(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

void CsvRow(std::ostream& out, const std::vector<std::string>& text,
            const std::vector<std::string>& numbers = {}) {
  bool first = true;
  for (const auto& t : text) {
    if (!first) out << ',';
    out << CsvText(t);
    first = false;
  }
  for (const auto& n : numbers) {
    if (!first) out << ',';
    out << n;
    first = false;
  }
  out << "\r\n";
}

// The metrics of a person, by name, in export order.
struct Metric {
  const char* name;
  bool integer;
  double (*get)(const SnapshotPerson&);
};
const std::vector<Metric>& Metrics() {
  static const std::vector<Metric> kMetrics = {
      {"community", true, [](const SnapshotPerson& p) { return double(p.community); }},
      {"in_degree", true, [](const SnapshotPerson& p) { return double(p.in_degree); }},
      {"out_degree", true, [](const SnapshotPerson& p) { return double(p.out_degree); }},
      {"in_strength", false, [](const SnapshotPerson& p) { return p.in_strength; }},
      {"out_strength", false, [](const SnapshotPerson& p) { return p.out_strength; }},
      {"pagerank", false, [](const SnapshotPerson& p) { return p.pagerank; }},
      {"betweenness", false, [](const SnapshotPerson& p) { return p.betweenness; }},
      {"closeness", false, [](const SnapshotPerson& p) { return p.closeness; }},
      {"harmonic", false, [](const SnapshotPerson& p) { return p.harmonic; }},
      {"constraint", false, [](const SnapshotPerson& p) { return p.constraint; }},
      {"effective_size", false, [](const SnapshotPerson& p) { return p.effective_size; }},
      {"coreness", true, [](const SnapshotPerson& p) { return double(p.coreness); }},
      {"clustering", false, [](const SnapshotPerson& p) { return p.clustering; }},
      {"reciprocity", false, [](const SnapshotPerson& p) { return p.reciprocity; }},
  };
  return kMetrics;
}

// Which person-level findings (PersonFlags) each person is in, for people.csv's last columns
// and the graph files' boolean node attributes (so a spreadsheet, Gephi, Cytoscape or NetworkX
// can filter or colour by them): the flags' names, and by person id the flags in that order.
struct FindingFlags {
  std::vector<const char*> names;
  std::unordered_map<int64_t, std::vector<bool>> of;
  bool Has(int64_t person, size_t k) const {
    const auto it = of.find(person);
    return it != of.end() && it->second[k];
  }
};
FindingFlags Flags(const Snapshot& s) {
  FindingFlags out;
  const auto flags = PersonFlags(s);
  for (size_t k = 0; k < flags.size(); ++k) {
    out.names.push_back(flags[k].flag);
    for (int64_t id : flags[k].people) {
      auto& row = out.of[id];
      row.resize(flags.size());
      row[k] = true;
    }
  }
  return out;
}

void WritePeopleCsv(const Snapshot& s, const Roster& roster, std::ostream& out) {
  std::vector<std::string> header = Roster::Columns("", roster.names());
  for (const auto& m : Metrics()) header.push_back(m.name);
  const FindingFlags flags = Flags(s);
  for (const char* f : flags.names) header.push_back(f);
  CsvRow(out, header);
  for (const auto& p : s.people) {
    std::vector<std::string> numbers;
    for (const auto& m : Metrics()) numbers.push_back(Num(m.get(p)));
    for (size_t k = 0; k < flags.names.size(); ++k) {
      numbers.push_back(flags.Has(p.id, k) ? "true" : "false");
    }
    CsvRow(out, roster.Values(p.id), numbers);
  }
}

void WriteEdgesCsv(const Snapshot& s, const Roster& roster, std::ostream& out) {
  std::vector<std::string> header = {"source_employee_id", "target_employee_id", "weight",
                                     "same_team"};
  auto src_cols = Roster::Columns("source_", roster.names());
  auto dst_cols = Roster::Columns("target_", roster.names());
  header.insert(header.end(), src_cols.begin() + 1, src_cols.end());
  header.insert(header.end(), dst_cols.begin() + 1, dst_cols.end());
  CsvRow(out, header);
  // Each person's fields as CSV text, made once rather than for each of their ties (a tie row
  // is the two people's fields and its own): the 10,000-person demo's 430,446 ties took 1.7 s.
  struct Fields {
    std::string id, rest;  // the employee id; ",title,level,..."
    const std::string* team = nullptr;
    bool made = false;
  };
  std::unordered_map<int64_t, Fields> fields;
  fields.reserve(s.people.size());
  for (const auto& p : s.people) fields[p.id].team = &p.team;
  auto of = [&](int64_t id) -> const Fields& {
    Fields& f = fields[id];
    if (!f.made) {
      f.made = true;
      const std::vector<std::string> values = roster.Values(id);
      f.id = CsvText(values[0]);
      for (size_t i = 1; i < values.size(); ++i) (f.rest += ',') += CsvText(values[i]);
    }
    return f;
  };
  std::string row;
  for (const auto& e : s.edges) {
    const Fields& a = of(e.src);
    const Fields& b = of(e.dst);
    const bool same = a.team && b.team && !a.team->empty() && *a.team == *b.team;
    row.clear();
    row.append(a.id).append(",").append(b.id).append(",").append(Num(e.weight));
    row.append(same ? ",true" : ",false").append(a.rest).append(b.rest).append("\r\n");
    out.write(row.data(), static_cast<std::streamsize>(row.size()));
  }
}

void WriteTeamsCsv(const Snapshot& s, std::ostream& out) {
  std::unordered_map<std::string, bool> silo;
  for (const auto& x : s.findings.at("silos")) silo[x.at("team").get<std::string>()] = true;
  CsvRow(out, {"team", "members", "internal_ties", "external_ties", "density", "ei_index",
               "cross_share", "external_people", "external_teams", "silo"});
  for (const auto& t : s.teams) {
    CsvRow(out, {t.team},
           {std::to_string(t.members), std::to_string(t.internal_ties),
            std::to_string(t.external_ties), Num(t.density), Num(t.ei_index), Num(t.cross_share),
            std::to_string(t.external_people), std::to_string(t.external_teams),
            silo.count(t.team) ? "true" : "false"});
  }
}

void WriteFlowsCsv(const Snapshot& s, std::ostream& out) {
  CsvRow(out, {"team_a", "team_b", "ties"});
  for (const auto& f : s.flows) {
    CsvRow(out, {f[0].get<std::string>(), f[1].get<std::string>()},
           {std::to_string(f[2].get<int64_t>())});
  }
}

// One row per helper of the snapshot's list `key` ("champions", "visible_helpers"), in its order
// (highest score first), with their signals and reasons. A snapshot from before visible helpers
// were kept has none: the header alone.
void WriteHelpersCsv(const Snapshot& s, const char* key, const Roster& roster, std::ostream& out) {
  const char* signals[] = {"askers",          "answers",        "nominations", "betweenness",
                           "recognition",     "askers_pct",     "answers_pct", "nominations_pct",
                           "betweenness_pct", "recognition_pct"};
  std::vector<std::string> header = {"rank"};
  for (auto& c : Roster::Columns("", roster.names())) header.push_back(c);
  header.push_back("score");
  for (const char* x : signals) header.push_back(x);
  header.push_back("reasons");
  CsvRow(out, header);
  int rank = 0;
  for (const auto& c : s.findings.value(key, json::array())) {
    out << ++rank;
    for (const auto& v : roster.Values(c.at("person").get<int64_t>())) out << ',' << CsvText(v);
    out << ',' << Num(c.at("score").get<double>());
    for (const char* x : signals) out << ',' << Num(c.at("signals").at(x).get<double>());
    std::string reasons;
    for (const auto& r : c.at("reasons")) {
      reasons += (reasons.empty() ? "" : "; ") + r.get<std::string>();
    }
    out << ',' << CsvText(reasons) << "\r\n";
  }
}

// One row per newcomer (hired within the snapshot's newcomer days), fewest contacts first as the
// snapshot keeps them: their distinct contacts (ties either way), the days from their hire date
// to their first, third and fifth contact (empty: not yet), whether they are not yet connected
// (no tie beyond their manager, past their settling-in days) or still settling in.
void WriteNewcomersCsv(const Snapshot& s, const Roster& roster, std::ostream& out) {
  std::vector<std::string> header = Roster::Columns("", roster.names());
  for (const char* c : {"days_since_hire", "contacts", "days_to_first", "days_to_third",
                        "days_to_fifth", "isolated", "settling_in"}) {
    header.push_back(c);
  }
  CsvRow(out, header);
  for (const auto& n : s.findings.value("newcomers", json::array())) {
    for (const auto& v : roster.Values(n.at("person").get<int64_t>())) out << CsvText(v) << ',';
    out << n.at("days_since_hire").get<int64_t>() << ',' << n.at("contacts").get<int64_t>();
    for (const char* k : {"days_to_first", "days_to_third", "days_to_fifth"}) {
      out << ',';
      if (const auto& d = n.at(k); !d.is_null()) out << d.get<int64_t>();
    }
    out << ',' << (n.at("isolated").get<bool>() ? "true" : "false") << ','
        << (n.value("settling_in", false) ? "true" : "false") << "\r\n";
  }
}

// One row per community and team it draws on: the community's number (people.csv's
// `community`), its size, a team and how many of its members are in that team; by community
// number, each one's teams largest first. A community without a member in any team
// has one row with the team empty.
void WriteCommunitiesCsv(const Snapshot& s, std::ostream& out) {
  CsvRow(out, {"community", "size", "team", "members"});
  for (const auto& c : s.findings.value("communities", json::array())) {
    const std::string id = std::to_string(c.at("id").get<int64_t>());
    const std::string size = std::to_string(c.at("size").get<int64_t>());
    const auto& teams = c.at("teams");
    if (teams.empty()) out << id << ',' << size << ",,0\r\n";
    for (const auto& t : teams) {
      out << id << ',' << size << ',' << CsvText(t.at("team").get<std::string>()) << ','
          << t.at("members").get<int64_t>() << "\r\n";
    }
  }
}

// One row per broker, in the snapshot's order (most brokerage first); links as
// "community:contacts;..." (the other communities they reach, with their contacts in each).
// bridge_*: the community they bridge to most, their contacts there and at home, all the ties
// between the two, the bridge's score, the contacts there their community's people have on
// average and the surprise (Bridge).
// A snapshot taken before brokerage was counted leaves brokerage and links empty; one taken
// before bridges were, the bridge columns; one before the surprise was, the last two.
void WriteBrokersCsv(const Snapshot& s, const Roster& roster, std::ostream& out) {
  std::vector<std::string> header = {"rank"};
  for (auto& c : Roster::Columns("", roster.names())) header.push_back(c);
  for (const char* c :
       {"community", "communities_reached", "brokerage", "betweenness", "constraint", "links",
        "bridge_community", "bridge_contacts", "bridge_own_contacts", "bridge_ties_between",
        "bridge_score", "bridge_expected", "bridge_surprise"}) {
    header.push_back(c);
  }
  CsvRow(out, header);
  int rank = 0;
  for (const auto& b : s.findings.at("brokers")) {
    const int64_t id = b.at("person").get<int64_t>();
    out << ++rank;
    for (const auto& v : roster.Values(id)) out << ',' << CsvText(v);
    out << ',';
    if (const SnapshotPerson* p = FindPerson(s, id)) out << p->community;
    out << ',' << b.at("communities_reached").get<int64_t>() << ',';
    if (b.contains("brokerage")) out << b.at("brokerage").get<int64_t>();
    out << ',' << Num(b.at("betweenness").get<double>()) << ',';
    if (!b.at("constraint").is_null()) out << Num(b.at("constraint").get<double>());
    std::string links;
    for (const auto& l : b.value("links", json::array())) {
      links += (links.empty() ? "" : ";") + std::to_string(l.at("community").get<int64_t>()) + ":" +
               std::to_string(l.at("contacts").get<int64_t>());
    }
    out << ',' << links;
    const json bridge = b.value("bridge", json(nullptr));
    if (bridge.is_null()) {
      out << ",,,,,,,";
    } else {
      for (const char* k : {"community", "contacts", "own_contacts", "ties_between"}) {
        out << ',' << bridge.at(k).get<int64_t>();
      }
      out << ',' << Num(bridge.at("score").get<double>());
      for (const char* k : {"expected", "surprise"}) {
        out << ',';
        if (bridge.contains(k)) out << Num(bridge.at(k).get<double>());
      }
    }
    out << "\r\n";
  }
}

// One row per single point of failure, in the snapshot's order; sole_skills as
// "skill:level:others;..." (others: holders elsewhere in the organisation, 0 for nobody).
void WriteSinglePointsCsv(const Snapshot& s, const Roster& roster, std::ostream& out) {
  std::vector<std::string> header = {"rank"};
  for (auto& c : Roster::Columns("", roster.names())) header.push_back(c);
  for (const char* c : {"cuts_network", "teammates_cut_off", "sole_skills"}) header.push_back(c);
  CsvRow(out, header);
  int rank = 0;
  for (const auto& p : s.findings.at("single_points")) {
    out << ++rank;
    for (const auto& v : roster.Values(p.at("person").get<int64_t>())) out << ',' << CsvText(v);
    out << ',' << (p.at("cuts_network").get<bool>() ? "true" : "false") << ','
        << p.at("teammates_cut_off").get<int64_t>();
    std::string skills;
    for (const auto& k : p.value("sole_skills", json::array())) {
      skills += (skills.empty() ? "" : ";") + k.at("skill").get<std::string>() + ":" +
                std::to_string(k.at("level").get<int>()) + ":" +
                std::to_string(k.at("holders_elsewhere").get<int64_t>());
    }
    out << ',' << CsvText(skills) << "\r\n";
  }
}

json SnapshotHeader(const Snapshot& s) {
  json window = nullptr;
  if (s.window) {
    window = {{"from", FormatTimestamp(s.window->from)}, {"to", FormatTimestamp(s.window->to)}};
  }
  return {{"id", s.id},
          {"taken_at", FormatTimestamp(s.taken_at)},
          {"window", window},
          {"params", s.params},
          {"summary", s.summary}};
}

// Written a part at a time, each person and tie on a line of its own, so that the people and
// ties are never held as one document (a whole-document tree of the 10,000-person demo's 425,376
// ties took 386 MB to write a 46 MB file). The keys come in the order they always have
// (alphabetical).
void WriteJson(const Snapshot& s, const Roster& roster, std::ostream& out) {
  json header = SnapshotHeader(s);
  auto list = [&](const char* key, size_t n, auto&& item) {
    out << " \"" << key << "\": [";
    for (size_t i = 0; i < n; ++i) out << (i ? ",\n  " : "\n  ") << item(i).dump();
    out << (n ? "\n ],\n" : "],\n");
  };
  auto field = [&](const char* key, const json& value) {
    out << " \"" << key << "\": " << value.dump() << ",\n";
  };
  out << "{\n";
  list("edges", s.edges.size(), [&](size_t i) {
    const auto& e = s.edges[i];
    return json{{"source", roster.EmployeeId(e.src)},
                {"target", roster.EmployeeId(e.dst)},
                {"weight", e.weight}};
  });
  // Findings name people by employee id here (the store's ids mean nothing outside).
  json findings = s.findings;
  for (auto& [kind, items] : findings.items()) {
    for (auto& item : items) {
      if (item.contains("person")) {
        item["employee_id"] = roster.EmployeeId(item["person"].get<int64_t>());
      }
    }
  }
  field("findings", findings);
  field("id", header["id"]);
  field("params", header["params"]);
  auto cols = Roster::Columns("", roster.names());
  list("people", s.people.size(), [&](size_t i) {
    const auto& p = s.people[i];
    json row = json::object();
    auto values = roster.Values(p.id);
    for (size_t c = 0; c < cols.size(); ++c) row[cols[c]] = values[c];
    row["id"] = p.id;
    for (const auto& m : Metrics()) {
      double v = m.get(p);
      row[m.name] = m.integer ? json(static_cast<int64_t>(v)) : JsonNum(v);
    }
    row["x"] = p.x;
    row["y"] = p.y;
    return row;
  });
  field("summary", header["summary"]);
  field("taken_at", header["taken_at"]);
  field("team_flows", s.flows);
  list("teams", s.teams.size(), [&](size_t i) { return TeamJson(s.teams[i]); });
  out << " \"window\": " << header["window"].dump() << "\n}\n";
}

void WriteGraphml(const Snapshot& s, const Roster& roster, std::ostream& out) {
  out << internal::kGraphmlOpen;
  auto cols = Roster::Columns("", roster.names());
  for (const auto& c : cols) {
    out << "  <key id=\"" << c << "\" for=\"node\" attr.name=\"" << c << "\" attr.type=\""
        << (c == "level" ? "int" : "string") << "\"/>\n";
  }
  for (const auto& m : Metrics()) {
    out << "  <key id=\"" << m.name << "\" for=\"node\" attr.name=\"" << m.name << "\" attr.type=\""
        << (m.integer ? "long" : "double") << "\"/>\n";
  }
  const FindingFlags flags = Flags(s);
  for (const char* f : flags.names) {
    out << "  <key id=\"" << f << "\" for=\"node\" attr.name=\"" << f
        << "\" attr.type=\"boolean\"/>\n";
  }
  out << "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <graph id=\"peerlearn\" edgedefault=\"directed\">\n";
  for (const auto& p : s.people) {
    out << "    <node id=\"n" << p.id << "\">";
    auto values = roster.Values(p.id);
    for (size_t i = 0; i < cols.size(); ++i) {
      if (cols[i] == "level" && values[i].empty()) continue;
      out << "<data key=\"" << cols[i] << "\">" << XmlEscape(values[i]) << "</data>";
    }
    for (const auto& m : Metrics()) {
      double v = m.get(p);
      if (std::isfinite(v)) out << "<data key=\"" << m.name << "\">" << Num(v) << "</data>";
    }
    for (size_t k = 0; k < flags.names.size(); ++k) {
      out << "<data key=\"" << flags.names[k] << "\">" << (flags.Has(p.id, k) ? "true" : "false")
          << "</data>";
    }
    out << "</node>\n";
  }
  int64_t e = 0;
  for (const auto& x : s.edges) {
    out << "    <edge id=\"e" << e++ << "\" source=\"n" << x.src << "\" target=\"n" << x.dst
        << "\"><data key=\"weight\">" << Num(x.weight) << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void WriteGexf(const Snapshot& s, const Roster& roster, std::ostream& out) {
  out << internal::kGexfOpen << "  <meta lastmodifieddate=\""
      << FormatDate(std::chrono::floor<std::chrono::days>(s.taken_at))
      << "\">\n    <creator>peerlearn</creator>\n    <description>knowledge-flow network, "
         "snapshot "
      << s.id << "</description>\n  </meta>\n"
      << "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
         "    <attributes class=\"node\">\n";
  auto cols = Roster::Columns("", roster.names());
  int attr = 0;
  for (const auto& c : cols) {
    out << "      <attribute id=\"" << attr++ << "\" title=\"" << c << "\" type=\""
        << (c == "level" ? "integer" : "string") << "\"/>\n";
  }
  for (const auto& m : Metrics()) {
    out << "      <attribute id=\"" << attr++ << "\" title=\"" << m.name << "\" type=\""
        << (m.integer ? "long" : "double") << "\"/>\n";
  }
  const FindingFlags flags = Flags(s);
  for (const char* f : flags.names) {
    out << "      <attribute id=\"" << attr++ << "\" title=\"" << f << "\" type=\"boolean\"/>\n";
  }
  out << "    </attributes>\n    <nodes>\n";
  double max_pr = 0;
  for (const auto& p : s.people) max_pr = std::max(max_pr, p.pagerank);
  for (const auto& p : s.people) {
    auto values = roster.Values(p.id);
    const Person* person = roster.Find(p.id);
    std::string label = roster.names() && person ? person->name : values[0];
    out << "      <node id=\"n" << p.id << "\" label=\"" << XmlEscape(label)
        << "\">\n        <attvalues>";
    attr = 0;
    for (size_t i = 0; i < cols.size(); ++i, ++attr) {
      if (cols[i] == "level" && values[i].empty()) continue;
      out << "<attvalue for=\"" << attr << "\" value=\"" << XmlEscape(values[i]) << "\"/>";
    }
    for (const auto& m : Metrics()) {
      double v = m.get(p);
      if (std::isfinite(v)) out << "<attvalue for=\"" << attr << "\" value=\"" << Num(v) << "\"/>";
      ++attr;
    }
    for (size_t k = 0; k < flags.names.size(); ++k, ++attr) {
      out << "<attvalue for=\"" << attr << "\" value=\"" << (flags.Has(p.id, k) ? "true" : "false")
          << "\"/>";
    }
    const internal::Rgb colour = internal::CommunityColour(p.community);
    double size = 2 + 18 * (max_pr > 0 ? std::sqrt(p.pagerank / max_pr) : 0);
    out << "</attvalues>\n        <viz:color r=\"" << colour.r << "\" g=\"" << colour.g << "\" b=\""
        << colour.b << "\"/><viz:position x=\"" << Num(p.x * 1000) << "\" y=\"" << Num(p.y * 1000)
        << "\" z=\"0\"/><viz:size value=\"" << Num(size) << "\"/>\n      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  int64_t e = 0;
  for (const auto& x : s.edges) {
    out << "      <edge id=\"" << e++ << "\" source=\"n" << x.src << "\" target=\"n" << x.dst
        << "\" weight=\"" << Num(x.weight) << "\"/>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "json") return ExportFormat::kJson;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "gexf") return ExportFormat::kGexf;
  return std::nullopt;
}

std::vector<std::string> ExportFiles(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return {"people.csv",      "edges.csv",           "teams.csv",   "team_flows.csv",
              "communities.csv", "champions.csv",       "brokers.csv", "single_points.csv",
              "newcomers.csv",   "visible_helpers.csv", "summary.json"};
    case ExportFormat::kJson:
      return {"network.json"};
    case ExportFormat::kGraphml:
      return {"network.graphml"};
    case ExportFormat::kGexf:
      return {"network.gexf"};
  }
  return {};
}

Status WriteExportFile(ExportFormat format, std::string_view file, const Snapshot& snapshot,
                       const std::vector<Person>& people, const ExportOptions& options,
                       std::ostream& out) {
  Roster roster(people, options);
  if (format == ExportFormat::kCsv && file == "people.csv") {
    WritePeopleCsv(snapshot, roster, out);
  } else if (format == ExportFormat::kCsv && file == "edges.csv") {
    WriteEdgesCsv(snapshot, roster, out);
  } else if (format == ExportFormat::kCsv && file == "teams.csv") {
    WriteTeamsCsv(snapshot, out);
  } else if (format == ExportFormat::kCsv && file == "team_flows.csv") {
    WriteFlowsCsv(snapshot, out);
  } else if (format == ExportFormat::kCsv && file == "champions.csv") {
    WriteHelpersCsv(snapshot, "champions", roster, out);
  } else if (format == ExportFormat::kCsv && file == "visible_helpers.csv") {
    WriteHelpersCsv(snapshot, "visible_helpers", roster, out);
  } else if (format == ExportFormat::kCsv && file == "newcomers.csv") {
    WriteNewcomersCsv(snapshot, roster, out);
  } else if (format == ExportFormat::kCsv && file == "communities.csv") {
    WriteCommunitiesCsv(snapshot, out);
  } else if (format == ExportFormat::kCsv && file == "brokers.csv") {
    WriteBrokersCsv(snapshot, roster, out);
  } else if (format == ExportFormat::kCsv && file == "single_points.csv") {
    WriteSinglePointsCsv(snapshot, roster, out);
  } else if (format == ExportFormat::kCsv && file == "summary.json") {
    out << SnapshotHeader(snapshot).dump(1) << "\n";
  } else if (format == ExportFormat::kJson && file == "network.json") {
    WriteJson(snapshot, roster, out);
  } else if (format == ExportFormat::kGraphml && file == "network.graphml") {
    WriteGraphml(snapshot, roster, out);
  } else if (format == ExportFormat::kGexf && file == "network.gexf") {
    WriteGexf(snapshot, roster, out);
  } else {
    return InvalidArgument("this export format has no file '" + std::string(file) + "'");
  }
  if (!out) return Unavailable("writing " + std::string(file) + " failed");
  return OkStatus();
}

}  // namespace pl::network
