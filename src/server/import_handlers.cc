// Importing what an admin uploads: the same imports as `peerlearn import
// slack|teams|interactions|nominations|kudos|debriefs`, on the bytes the server streamed into
// memory (ApiRequest::upload_path), answered with the import's report as JSON.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "analytics/retention.h"
#include "core/time.h"
#include "ingest/chat_import.h"
#include "ingest/csv.h"
#include "ingest/interactions.h"
#include "ingest/spreadsheet.h"
#include "server/handler_util.h"
#include "server/handlers.h"

namespace pl::server {

namespace {

using nlohmann::json;

// Problems named in the answer at most (a malformed export under lenient can have thousands).
constexpr size_t kShownIssues = 50;
// Unmatched accounts listed in the answer at most.
constexpr size_t kShownAccounts = 50;

// `text` with the upload's path (a /proc/self/fd link) named as what it is.
std::string Named(std::string text, const std::string& path) {
  for (size_t at; !path.empty() && (at = text.find(path)) != std::string::npos;) {
    text.replace(at, path.size(), "the uploaded file");
  }
  return text;
}

// The first kShownIssues of `all`, each as `one` writes it, and how many more there are.
template <class Issue, class Fn>
std::pair<json, size_t> FirstIssues(const std::vector<Issue>& all, Fn one) {
  json shown = json::array();
  for (size_t i = 0; i < std::min(all.size(), kShownIssues); ++i) shown.push_back(one(all[i]));
  return {std::move(shown), all.size() - std::min(all.size(), kShownIssues)};
}

// The first unmatched accounts, each with the name the export gives it ("" when none) and the
// one person of the roster with that name, if one has it (else null).
json UnmatchedAccounts(const ingest::IdentityReport& id, const std::map<int64_t, Person>& people) {
  json out = json::array();
  for (size_t i = 0; i < std::min(id.unmatched_ids.size(), kShownAccounts); ++i) {
    const PersonId suggested =
        i < id.unmatched_suggested.size() ? id.unmatched_suggested[i] : PersonId();
    out.push_back(
        {{"id", id.unmatched_ids[i]},
         {"name", i < id.unmatched_names.size() ? id.unmatched_names[i] : ""},
         {"suggested", suggested.valid() ? PersonRef(people, suggested) : json(nullptr)}});
  }
  return out;
}

json ReportJson(const ingest::ChatImportReport& r, const std::string& path,
                const std::map<int64_t, Person>& suggested) {
  json layers = json::object();
  for (size_t l = 0; l < graph::kLayerCount; ++l) {
    if (r.interactions[l] > 0) {
      layers[std::string(graph::LayerName(static_cast<graph::Layer>(l)))] = r.interactions[l];
    }
  }
  auto [issues, not_shown] = FirstIssues(r.issues, [&](const ingest::FileIssue& x) {
    return json{{"file", x.file},
                {"offset", x.offset},
                {"message", Named(x.message, path)},
                {"warning", x.warning}};
  });
  const ingest::IdentityReport& id = r.identities;
  return {{"platform", r.platform},
          {"files", r.files},
          {"files_failed", r.files_failed},
          {"conversations", r.conversations},
          {"messages", r.messages},
          {"kept_messages", r.kept_messages},
          {"skipped", r.skipped},
          {"interactions", layers},
          {"threads",
           {{"threads", r.threads.threads},
            {"over_size_limit", r.threads.large_threads},
            {"replies_without_starter", r.threads.replies_without_starter}}},
          {"left_out",
           {{"mentions_of_non_people", r.mentions_of_non_people},
            {"reactions_by_non_people", r.reactions_by_non_people}}},
          {"accounts",
           {{"users", id.users},
            {"bots", id.bots},
            {"matched_by_email", id.matched_by_email},
            {"matched_by_mapping", id.matched_by_mapping},
            {"matched_by_link", id.matched_by_link},
            {"unmatched", id.unmatched},
            {"unmatched_ids",
             std::vector<std::string>(
                 id.unmatched_ids.begin(),
                 id.unmatched_ids.begin() +
                     static_cast<ptrdiff_t>(std::min(id.unmatched_ids.size(), kShownAccounts)))},
            {"unmatched_accounts", UnmatchedAccounts(id, suggested)}}},
          {"rows",
           {{"aggregated", r.aggregated_rows},
            {"added", r.applied.added},
            {"raised", r.applied.updated},
            {"already_present", r.applied.duplicates},
            {"older_than_retention", r.applied.too_old}}},
          {"pseudonymised", r.pseudonymised},
          {"rejected", r.rejected},
          {"issues", issues},
          {"issues_not_shown", not_shown},
          {"kept",
           "who (people in the roster), when (UTC day), where (conversation id), kind of "
           "interaction and count; not message text, names, e-mails, files or emoji"}};
}

ApiResponse Answer(int status, json body) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// 422: the report, with what refused it.
ApiResponse Refused(json report, std::string message) {
  report["error"] = {{"code", "invalid_argument"}, {"message", std::move(message)}};
  return Answer(422, std::move(report));
}

// The text of an uploaded CSV of at most `most` bytes, or of an uploaded .xlsx or .ods file's first
// sheet as CSV.
Result<std::string> UploadedText(const ApiRequest& req, int64_t most, const char* what) {
  if (req.upload_bytes > most) {
    return ResourceExhausted(std::string(what) + " is taken up to " + std::to_string(most >> 20) +
                             " MiB");
  }
  std::ifstream in(req.upload_path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) return Internal("cannot read the upload back");
  if (ingest::LooksLikeZip(text)) {  // a spreadsheet: its first sheet
    auto csv = ingest::SpreadsheetAsCsv(req.upload_path, static_cast<size_t>(most));
    if (!csv.ok()) {
      return Status(csv.status().code(), "the upload: " + std::string(csv.status().message()));
    }
    return csv;
  }
  auto utf8 = ingest::TableTextAsUtf8(std::move(text));
  if (!utf8.ok()) {
    return Status(utf8.status().code(), "the upload: " + std::string(utf8.status().message()));
  }
  return utf8;
}

// The largest CSV of interactions or nominations taken (as the command line's).
constexpr int64_t kMaxCsvBytes = int64_t{512} << 20;

// A CSV of who helped whom, of a kind of ingest::kInteractionCsvKinds (interactions,
// nominations, kudos, debriefs: rows without a layer are on the kind's).
// `?date=`: the time of rows without one, and of a matrix's ties (ISO-8601); `?question=`,
// `?project=` or `?context=`: their context.
Result<ApiResponse> ImportCsv(ApiContext& ctx, const ApiRequest& req, const std::string& kind,
                              graph::Layer default_layer, bool lenient, bool dry_run) {
  std::optional<Timestamp> date;
  if (auto it = req.query.find("date"); it != req.query.end() && !it->second.empty()) {
    auto t = ParseTimestamp(it->second);
    if (!t.ok()) return InvalidArgument("query parameter 'date': " + t.status().message());
    date = *t;
  }
  // `?context=` (`?question=` for nominations, `?project=` for debriefs): the context of rows
  // without one.
  std::string context;
  for (const char* name : {"context", "question", "project"}) {
    if (auto it = req.query.find(name); it != req.query.end()) context = it->second;
  }
  ASSIGN_OR_RETURN(const std::string text,
                   UploadedText(req, kMaxCsvBytes, "a CSV of interactions"));
  ASSIGN_OR_RETURN(
      ingest::InteractionsReport r,
      ingest::ImportInteractions(ctx.store, text,
                                 {.lenient = lenient,
                                  .dry_run = dry_run,
                                  .default_layer = default_layer,
                                  .date = date,
                                  .context = context,
                                  .not_before = analytics::InteractionsFrom(
                                      ctx.config.interactions_keep_days, ctx.clock.Now())}));
  auto [issues, not_shown] = FirstIssues(r.issues, [](const ingest::ImportIssue& x) {
    return json{{"line", x.line},
                {"column", x.column},
                {"message", x.message},
                {"hint", x.hint},
                {"warning", x.warning}};
  });
  json body = {{"kind", kind},
               {"dry_run", dry_run},
               {"bytes", req.upload_bytes},
               {"rows", r.rows},
               {"accepted", r.accepted},
               {"skipped", r.skipped},
               {"self_interactions", r.self_interactions},
               {"added", r.applied.added},
               {"already_present", r.applied.duplicates},
               {"older_than_retention", r.applied.too_old},
               {"rejected", r.rejected},
               {"issues", issues},
               {"issues_not_shown", not_shown}};
  if (r.rejected) {
    return Refused(std::move(body),
                   "rows with errors; nothing was imported (fix them, or import leniently to "
                   "skip them)");
  }
  if (!dry_run) {
    Audit(ctx, *req.viewer, "import." + kind, "upload",
          std::to_string(r.applied.added) + " added, " + std::to_string(r.applied.duplicates) +
              " already present");
  }
  return Answer(200, std::move(body));
}

// An id-mapping CSV linking the platform's accounts to people for every later import.
Result<ApiResponse> ImportAccountLinks(ApiContext& ctx, const ApiRequest& req,
                                       const std::string& platform, bool lenient, bool dry_run) {
  ASSIGN_OR_RETURN(std::string text, UploadedText(req, int64_t{64} << 20, "a mapping CSV"));
  ingest::ChatImportOptions o;
  o.lenient = lenient;
  o.dry_run = dry_run;
  o.pseudonymizer = ctx.pseudonymizer;
  ASSIGN_OR_RETURN(ingest::AccountLinkReport r,
                   ingest::LinkAccountsFromCsv(ctx.store, platform, text, o));
  json body = {{"kind", platform + "-accounts"},
               {"dry_run", dry_run},
               {"bytes", req.upload_bytes},
               {"rows", r.rows},
               {"linked", r.linked},
               {"unchanged", r.unchanged},
               {"unknown", r.unknown},
               {"blank", r.blank},
               {"problems", r.problems},
               {"rejected", r.rejected}};
  if (r.rejected) {
    return Refused(std::move(body), std::to_string(r.unknown) + " of " + std::to_string(r.rows) +
                                        " rows name an employee id not in the roster; nothing "
                                        "was linked (fix them, or link leniently to skip them)");
  }
  if (!dry_run) {
    Audit(ctx, *req.viewer, "accounts.link", platform,
          std::to_string(r.linked) + " linked from a mapping CSV");
  }
  return Answer(200, std::move(body));
}

Result<std::string> PlatformOf(const ApiRequest& req) {
  const std::string& p = req.path_params.at("platform");
  if (p != "slack" && p != "teams") {
    return NotFound("no accounts of '" + p.substr(0, 40) + "': slack or teams");
  }
  return p;
}

}  // namespace

Result<ApiResponse> ListAccountLinks(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(std::string platform, PlatformOf(req));
  ASSIGN_OR_RETURN(auto links, ctx.store.ListAccountLinks(platform));
  std::vector<PersonId> ids;
  for (const auto& l : links) ids.push_back(l.person);
  // A few people read one by one; many, with the whole directory in one read.
  ASSIGN_OR_RETURN(auto people, ids.size() <= 64 ? PeopleById(ctx, ids) : PeopleById(ctx));
  json out = json::array();
  for (const auto& l : links) {
    out.push_back({{"account", l.account},
                   {"person", PersonRef(people, l.person)},
                   {"linked_at", FormatTimestamp(l.linked_at)}});
  }
  return JsonResponse({{"platform", platform},
                       {"pseudonymised", ctx.pseudonymizer.has_value()},
                       {"links", std::move(out)}});
}

Result<ApiResponse> LinkAccount(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(std::string platform, PlatformOf(req));
  const std::string& account = req.path_params.at("account");
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto p = body.find("person_id");
  if (p == body.end() || !p->is_number_integer() || p->get<int64_t>() <= 0) {
    return InvalidArgument("person_id: the id of the person the account belongs to");
  }
  const PersonId person(p->get<int64_t>());
  const std::string key =
      ctx.pseudonymizer ? ctx.pseudonymizer->Apply("account", account) : account;
  ASSIGN_OR_RETURN(int64_t changed, ctx.store.LinkAccounts(platform, {{key, person, {}}}));
  Audit(ctx, *req.viewer, "accounts.link", platform + ":" + key,
        "person:" + std::to_string(person.value));
  return JsonResponse({{"platform", platform},
                       {"account", key},
                       {"person_id", person.value},
                       {"changed", changed > 0}});
}

Result<ApiResponse> UnlinkAccount(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(std::string platform, PlatformOf(req));
  const std::string& account = req.path_params.at("account");
  // As listed (the pseudonym, when pseudonymised) or as the platform names it.
  std::vector<std::string> keys = {account};
  if (ctx.pseudonymizer) keys.push_back(ctx.pseudonymizer->Apply("account", account));
  ASSIGN_OR_RETURN(int64_t removed, ctx.store.UnlinkAccounts(platform, keys));
  if (removed == 0) {
    return NotFound("the " + platform + " account " + account.substr(0, 64) + " is not linked");
  }
  Audit(ctx, *req.viewer, "accounts.unlink", platform + ":" + account);
  return JsonResponse({{"platform", platform}, {"unlinked", account}});
}

Result<ApiResponse> ImportUpload(ApiContext& ctx, const ApiRequest& req) {
  const std::string platform = req.path_params.at("kind");
  const std::optional<graph::Layer> csv = ingest::CsvKindLayer(platform);
  const bool links = platform == "slack-accounts" || platform == "teams-accounts";
  if (platform != "slack" && platform != "teams" && !csv && !links) {
    return NotFound("no import for '" + platform.substr(0, 40) +
                    "': slack, teams, interactions, nominations, kudos, debriefs, slack-accounts "
                    "or teams-accounts");
  }
  if (req.upload_path.empty() || req.upload_bytes == 0) {
    return InvalidArgument(csv.has_value() || links
                               ? "send the CSV file as the request body"
                               : "send the export (a .zip file) as the request body");
  }
  ASSIGN_OR_RETURN(int64_t lenient, QueryInt(req, "lenient", 0, 0, 1));
  ASSIGN_OR_RETURN(int64_t dry_run, QueryInt(req, "dry_run", 0, 0, 1));
  if (csv) return ImportCsv(ctx, req, platform, *csv, lenient == 1, dry_run == 1);
  if (links) {
    return ImportAccountLinks(ctx, req, platform.substr(0, platform.find('-')), lenient == 1,
                              dry_run == 1);
  }
  ingest::ChatImportOptions o;
  o.lenient = lenient == 1;
  o.dry_run = dry_run == 1;
  o.pseudonymizer = ctx.pseudonymizer;
  o.not_before = analytics::InteractionsFrom(ctx.config.interactions_keep_days, ctx.clock.Now());
  auto report = platform == "slack" ? ingest::ImportSlack(ctx.store, req.upload_path, o)
                                    : ingest::ImportTeams(ctx.store, req.upload_path, o);
  if (!report.ok()) {
    return Status(report.status().code(), Named(report.status().message(), req.upload_path));
  }
  std::vector<PersonId> suggested;
  const auto& all = report->identities.unmatched_suggested;
  for (size_t i = 0; i < std::min(all.size(), kShownAccounts); ++i) {
    if (all[i].valid()) suggested.push_back(all[i]);
  }
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx, suggested));
  json body = ReportJson(*report, req.upload_path, people);
  body["dry_run"] = o.dry_run;
  body["bytes"] = req.upload_bytes;
  if (report->rejected) {
    return Refused(std::move(body), std::to_string(report->files_failed) +
                                        " malformed file(s); nothing was imported (fix them, or "
                                        "import leniently to skip them)");
  }
  if (!o.dry_run) {
    Audit(ctx, *req.viewer, "import." + platform, "upload",
          std::to_string(report->kept_messages) + " messages, " +
              std::to_string(report->applied.added) + " rows added, " +
              std::to_string(report->applied.updated) + " raised");
  }
  return Answer(200, std::move(body));
}

}  // namespace pl::server
