// Importing from the browser (admins): a Slack or Teams export (.zip) or a CSV of interactions or
// peer nominations is uploaded with its progress shown, imported by the server exactly as
// `peerlearn import slack|teams|interactions|nominations` would, and the import's report shown —
// what was read, matched, skipped and stored, and what is kept. Accounts an import could not
// match are linked to people there (or from a mapping CSV), once: every later import of their
// platform matches them; the linked accounts are listed, and can be unlinked, on their own card.
import { h, clear } from "../dom";
import {
  ApiError,
  CSV_IMPORT_KINDS,
  ImportRefused,
  accountLinks,
  linkAccount,
  unlinkAccount,
  uploadImport,
  type AccountLink,
  type AccountLinkReport,
  type AnyImportReport,
  type ChatPlatform,
  type CsvImportKind,
  type CsvImportReport,
  type ImportKind,
  type ImportReport,
} from "../api";
import { personLink, personPicker } from "./common";

const PLATFORM_NAME: Record<ChatPlatform, string> = { slack: "Slack", teams: "Teams" };
// Said when links change, so that the linked accounts' card shows them.
const LINKS_CHANGED = "peerlearn:account-links";

const fmt = new Intl.NumberFormat("en");
const mib = (bytes: number) => (bytes < 1048576 ? `${fmt.format(Math.ceil(bytes / 1024))} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`);
const plural = (n: number, one: string, many: string) => `${fmt.format(n)} ${n === 1 ? one : many}`;

function list(entries: [string, number][]): string {
  const shown = entries.filter(([, n]) => n > 0);
  return shown.length === 0 ? "none" : shown.map(([k, n]) => `${k.replaceAll("_", " ")} ${fmt.format(n)}`).join(", ");
}

// The problems an import found (the first ones, then how many more), open when they refused it.
function problems(lines: string[], more: number, where: string, refused: boolean): HTMLElement | null {
  if (lines.length === 0) return null;
  const total = lines.length + more;
  return h(
    "details",
    { id: "import-issues", open: refused },
    h("summary", {}, `${fmt.format(total)} problem${total === 1 ? "" : "s"} ${where}`),
    h("ul", {}, lines.map((x) => h("li", {}, x))),
    more > 0 ? h("p", { class: "muted small" }, `${fmt.format(more)} more not shown.`) : null,
  );
}

// A report: what happened in one line, then the facts (label, text, data-fact name), then the
// problems.
function frame(r: { rejected: boolean; dry_run: boolean }, checked: string, imported: string, facts: [string, string, string?][], issues: HTMLElement | null, after: HTMLElement | null = null): HTMLElement {
  return h(
    "div",
    { id: "import-report" },
    h("p", { class: "notice", role: "status" }, r.rejected ? "Nothing was imported." : r.dry_run ? checked : imported),
    h("dl", { class: "facts" }, facts.flatMap(([label, text, name]) => [h("dt", {}, label), h("dd", name ? { "data-fact": name } : {}, text)])),
    issues,
    after,
  );
}

// The accounts an import could not match, each with a person picker to link it to someone: once
// linked, every later import of the platform matches it (this one's interactions come with the
// next import of the same file).
function linkUnmatched(platform: ChatPlatform, accounts: ImportReport["accounts"]["unmatched_accounts"], total: number): HTMLElement {
  const rows = accounts.map((a, i) => {
    // Offered already where one person of the roster has the account's name.
    const [field, chosen] = personPicker(`link-person-${i}`, `Person for ${a.id}${a.name ? ` (${a.name})` : ""}`, a.suggested);
    const go = h("button", { type: "button", class: "secondary" }, "Link");
    const said = h("span", { class: "muted small", role: "status" });
    go.addEventListener("click", async () => {
      const id = chosen();
      if (id === null || id < 0) {
        said.textContent = id === null ? "Type a name first." : "Choose one of the names offered.";
        return;
      }
      go.disabled = true;
      try {
        await linkAccount(platform, a.id, id);
        said.textContent = "Linked.";
        document.dispatchEvent(new CustomEvent(LINKS_CHANGED));
      } catch (e) {
        said.textContent = e instanceof ApiError ? e.message : "Could not link.";
      } finally {
        go.disabled = false;
      }
    });
    return h("li", { class: "link-row", "data-account": a.id }, field, go, said);
  });
  return h(
    "section",
    { id: "link-unmatched", "aria-labelledby": "link-unmatched-title" },
    h("h3", { id: "link-unmatched-title" }, "Link the unmatched accounts"),
    h(
      "p",
      { class: "muted small" },
      `Each account linked to a person is matched in every later ${PLATFORM_NAME[platform]} import; import the same file again to add this one's interactions. Where one person of the roster has an account's name, they are offered: check before linking.${total > accounts.length ? ` The first ${accounts.length} of ${fmt.format(total)} are listed; link the rest with a mapping CSV.` : ""}`,
    ),
    h("ul", { class: "plain" }, rows),
  );
}

function reportView(r: ImportReport): HTMLElement {
  const a = r.accounts;
  const unmatched = a.unmatched === 0 ? "none" : `${fmt.format(a.unmatched)}${a.unmatched_ids.length ? ` (${a.unmatched_ids.slice(0, 10).join(", ")}${a.unmatched > 10 ? ", …" : ""})` : ""}`;
  const issues = problems(
    r.issues.map((x) => `${x.file}${x.offset >= 0 ? ` (byte ${x.offset})` : ""}: ${x.warning ? "warning: " : ""}${x.message}`),
    r.issues_not_shown,
    "in files",
    r.rejected,
  );
  return frame(
    r,
    `Checked, not stored: ${fmt.format(r.rows.aggregated)} daily rows would be written.`,
    `Imported: ${fmt.format(r.rows.added)} new daily rows, ${fmt.format(r.rows.raised)} raised, ${fmt.format(r.rows.already_present)} already present${r.rows.older_than_retention ? `, ${fmt.format(r.rows.older_than_retention)} older than the server keeps, not kept` : ""}.`,
    [
      ["Read", `${plural(r.files, "message file", "message files")} (${fmt.format(r.files_failed)} malformed) in ${plural(r.conversations, "conversation", "conversations")}, ${mib(r.bytes)} uploaded`, "read"],
      ["Messages", `${fmt.format(r.messages)}, of which ${fmt.format(r.kept_messages)} by people`, "messages"],
      ["Skipped", list(Object.entries(r.skipped))],
      ["Interactions", list(Object.entries(r.interactions)), "interactions"],
      ["Accounts", `${fmt.format(a.users)} people's accounts: ${fmt.format(a.matched_by_email)} matched by e-mail, ${fmt.format(a.matched_by_link)} by linked accounts, ${fmt.format(a.matched_by_mapping)} by the mapping; unmatched ${unmatched}; ${fmt.format(a.bots)} bots`, "accounts"],
      ["Left out", `mentions of bots or unmatched accounts ${fmt.format(r.left_out.mentions_of_non_people)}, reactions by them ${fmt.format(r.left_out.reactions_by_non_people)}, replies whose thread is unknown ${fmt.format(r.threads.replies_without_starter)}`],
      ["Kept", `${r.kept}${r.pseudonymised ? " (pseudonymised)" : ""}.`],
    ],
    issues,
    a.unmatched_accounts.length > 0 && !r.rejected ? linkUnmatched(r.platform, a.unmatched_accounts, a.unmatched) : null,
  );
}

function linksReportView(r: AccountLinkReport): HTMLElement {
  const platform = PLATFORM_NAME[r.kind === "teams-accounts" ? "teams" : "slack"];
  return frame(
    r,
    `Checked, not stored: ${plural(r.linked, "account", "accounts")} would be linked.`,
    `Linked: ${plural(r.linked, "account", "accounts")}, ${fmt.format(r.unchanged)} already so.`,
    [
      ["Rows", `${fmt.format(r.rows)} accounts, ${fmt.format(r.unknown)} naming an employee id not in the roster${r.blank > 0 ? `; ${fmt.format(r.blank)} rows left blank` : ""}`, "rows"],
      ["Kept", `each ${platform} account id${r.rejected ? "" : " linked"} with its person, for later imports to match.`],
    ],
    problems(r.problems, Math.max(0, r.unknown - r.problems.length), "in rows", r.rejected),
  );
}

function csvReportView(r: CsvImportReport): HTMLElement {
  const issues = problems(
    r.issues.map((x) => `line ${x.line}${x.column ? `, ${x.column}` : ""}: ${x.warning ? "warning: " : ""}${x.message}${x.hint ? ` (${x.hint})` : ""}`),
    r.issues_not_shown,
    "in rows",
    r.rejected,
  );
  return frame(
    r,
    `Checked, not stored: ${plural(r.accepted, "row", "rows")} would be imported.`,
    `Imported: ${fmt.format(r.added)} new ${r.kind}, ${fmt.format(r.already_present)} already present${r.older_than_retention ? `, ${fmt.format(r.older_than_retention)} older than the server keeps, not kept` : ""}.`,
    [
      ["Rows", `${fmt.format(r.rows)} read, ${fmt.format(r.accepted)} accepted, ${fmt.format(r.skipped)} skipped, ${fmt.format(r.self_interactions)} naming the same person twice (left out)`, "rows"],
      ["Kept", "who, whom, when, the layer, the weight and the context; there is no column for message text."],
    ],
    issues,
  );
}

const isCsvKind = (kind: string): kind is CsvImportKind => (CSV_IMPORT_KINDS as readonly string[]).includes(kind);
const isCsv = (r: AnyImportReport): r is CsvImportReport => "kind" in r && isCsvKind(r.kind);
const isLinks = (r: AnyImportReport): r is AccountLinkReport => "kind" in r && r.kind.endsWith("-accounts");
const view = (r: AnyImportReport) => (isCsv(r) ? csvReportView(r) : isLinks(r) ? linksReportView(r) : reportView(r));

// A spreadsheet's first (visible) sheet is read as its CSV would be.
const SPREADSHEETS = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.ods,application/vnd.oasis.opendocument.spreadsheet";
const WORKBOOK = " An .xlsx or .ods spreadsheet (a form's export, say) is read as its first sheet's CSV; tab-separated text and Excel's \"Unicode Text\" too.";

const MAPPING = "A CSV with a header naming the account id column (slack_id or teams_id) and employee_id; each account is linked to that person for every later import, wherever the e-mails do not match." + WORKBOOK;

// What each kind of file is.
const HELP: Record<ImportKind, string> = {
  slack: "The workspace export as Slack delivers it (a .zip of users.json, channels.json and a folder of day files per conversation). Accounts are matched to people by e-mail.",
  teams: "Microsoft Graph chatMessage list responses (channel messages with their replies, and chats) in a .zip, with a users.json of Graph users to match accounts to people by e-mail.",
  interactions: "A CSV with a header: source,target,timestamp and optionally layer (reply, mention, reaction, thread, nomination, debrief, kudos, mentoring), weight and context; people by employee id or e-mail, times in ISO-8601." + WORKBOOK,
  nominations:
    "A CSV with a header: nominator,nominee,date and optionally question; people by employee id or e-mail. A survey's export with one respondent a row and the people named in numbered columns (nominee_1, nominee_2, …) is read too: blank answers add nothing. So is a matrix (the first header cell empty, then employee ids; a row per nominator with a number per column, above 0 for a nomination), given the date of the answers above. An answer naming several people may separate them with ; or ,." + WORKBOOK,
  kudos: "A recognition tool's export, a row per thank-you: giver, receiver and given_at (or date); people by employee id or e-mail. A note, message or comment column is never read. Kudos are the kudos layer of the network." + WORKBOOK,
  debriefs:
    "Project debriefs, a row per answer to \"who helped on this project?\": respondent, helper (more in helper_1, helper_2, …) and date, optionally project; people by employee id or e-mail. Each helper is named by the respondent on the debrief layer of the network." + WORKBOOK,
  "slack-accounts": MAPPING,
  "teams-accounts": MAPPING,
};

// The date and context fields of a CSV kind: what they are called.
const DATE_LABEL: Record<CsvImportKind, string> = {
  interactions: "Date of every row",
  nominations: "Date of the answers",
  kudos: "Date of the kudos",
  debriefs: "Date of the debrief",
};
const CONTEXT_LABEL: Record<CsvImportKind, string> = {
  interactions: "Channel or project",
  nominations: "Question or wave",
  kudos: "Programme or channel",
  debriefs: "Project",
};

export function importForm(): HTMLElement {
  const platform = h(
    "select",
    { id: "import-platform" },
    h("option", { value: "slack" }, "Slack workspace export (.zip)"),
    h("option", { value: "teams" }, "Microsoft Teams (Graph) export (.zip)"),
    h("option", { value: "interactions" }, "Interactions (.csv, .xlsx or .ods)"),
    h("option", { value: "nominations" }, "Peer nominations (.csv, .xlsx or .ods)"),
    h("option", { value: "kudos" }, "Kudos (.csv, .xlsx or .ods)"),
    h("option", { value: "debriefs" }, "Project debriefs (.csv, .xlsx or .ods)"),
    h("option", { value: "slack-accounts" }, "Slack accounts linked to people (.csv, .xlsx or .ods)"),
    h("option", { value: "teams-accounts" }, "Teams accounts linked to people (.csv, .xlsx or .ods)"),
  );
  const file = h("input", { type: "file", id: "import-file", accept: ".zip,application/zip", "aria-describedby": "import-help" });
  const help = h("p", { class: "muted small", id: "import-help" }, HELP.slack);
  // The date of every row of a CSV that gives none (a matrix, or a file without a date column).
  const date = h("input", { type: "date", id: "import-date", "aria-describedby": "import-date-help" });
  const dateLabel = h("label", { for: "import-date" }, DATE_LABEL.nominations);
  const dateField = h(
    "div",
    { class: "control", hidden: true },
    dateLabel,
    date,
    h("span", { class: "muted small", id: "import-date-help" }, "For a file without dates: a matrix, or rows without a date column (the next field likewise for rows without one)."),
  );
  // ... and its question or wave (its channel or project, for interactions): two matrices of one
  // date stay apart.
  const question = h("input", { type: "text", id: "import-question", maxlength: 200 });
  const questionLabel = h("label", { for: "import-question" }, "Question or wave");
  const questionField = h("div", { class: "control", hidden: true }, questionLabel, question);
  platform.addEventListener("change", () => {
    const kind = platform.value as ImportKind;
    file.accept = kind === "slack" || kind === "teams" ? ".zip,application/zip" : `.csv,text/csv,.tsv,.txt,text/tab-separated-values,text/plain,${SPREADSHEETS}`;
    help.textContent = HELP[kind];
    dateField.hidden = questionField.hidden = !isCsvKind(kind);
    if (isCsvKind(kind)) {
      dateLabel.textContent = DATE_LABEL[kind];
      questionLabel.textContent = CONTEXT_LABEL[kind];
    }
  });
  const lenient = h("input", { type: "checkbox", id: "import-lenient" });
  const dry = h("input", { type: "checkbox", id: "import-dry" });
  const go = h("button", { type: "button", class: "primary", id: "import-go" }, "Import");
  const progress = h("progress", { id: "import-progress", max: 1, value: 0, hidden: true, "aria-label": "Upload" });
  const out = h("div", { "aria-live": "polite", class: "muted small", id: "import-status" });
  const result = h("div", {});
  go.addEventListener("click", async () => {
    const chosen = file.files?.[0];
    clear(result);
    if (!chosen) {
      out.textContent = "Choose the file first.";
      file.focus();
      return;
    }
    go.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    out.textContent = `Uploading ${chosen.name} (${mib(chosen.size)})…`;
    try {
      const csv = !dateField.hidden;
      const options = { lenient: lenient.checked, dryRun: dry.checked, date: csv ? date.value || undefined : undefined, question: csv ? question.value.trim() || undefined : undefined };
      const report = await uploadImport(platform.value as ImportKind, chosen, options, (sent, total) => {
        progress.value = total > 0 ? sent / total : 0;
        if (total > 0 && sent >= total) out.textContent = "Uploaded; importing…";
      });
      out.textContent = "";
      result.append(view(report));
      if (isLinks(report) && !report.dry_run) document.dispatchEvent(new CustomEvent(LINKS_CHANGED));
    } catch (e) {
      if (e instanceof ImportRefused) {
        out.textContent = `${e.message}.`;
        result.append(view(e.report));
      } else {
        out.textContent = e instanceof ApiError ? e.message : "The import failed.";
      }
    } finally {
      go.disabled = false;
      progress.hidden = true;
    }
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "import-title" },
    h("h2", { id: "import-title" }, "Import interactions"),
    h("p", { class: "muted small" }, "A Slack workspace export or a Teams (Microsoft Graph) export as a .zip, or a CSV of interactions (source, target, timestamp, layer, weight, context) of peer nominations (nominator, nominee, date), of kudos (giver, receiver, date) or of project debriefs (respondent, helpers, date, project), by employee id. Only who interacted with whom, when and where is kept, never what anyone wrote; importing the same file again counts nothing twice. Analyse again afterwards to see the result."),
    h(
      "div",
      { class: "controls" },
      h("div", { class: "control" }, h("label", { for: "import-platform" }, "Kind"), platform),
      h("div", { class: "control" }, h("label", { for: "import-file" }, "File"), file),
      dateField,
      questionField,
    ),
    help,
    h(
      "div",
      { class: "controls" },
      h("div", { class: "field checkbox" }, lenient, h("label", { for: "import-lenient" }, "Skip malformed files instead of refusing the export")),
      h("div", { class: "field checkbox" }, dry, h("label", { for: "import-dry" }, "Check only: store nothing")),
    ),
    h("div", { class: "controls" }, go, progress),
    out,
    result,
  );
}

// The accounts linked to people, per platform, each with a way to unlink it; shown again
// whenever links change on the page. A workspace linked from a mapping CSV can have hundreds:
// a filter (account, person, team or platform) and the first LINKS_SHOWN matches.
const LINKS_SHOWN = 50;
export function linkedAccounts(): HTMLElement {
  const body = h("div", {});
  const said = h("p", { class: "muted small", role: "status", id: "linked-status" });
  const filter = h("input", { type: "search", id: "linked-filter", autocomplete: "off", placeholder: "Account, person or team" });
  const finder = h("div", { class: "field", hidden: true }, h("label", { for: "linked-filter" }, "Find a linked account"), filter);
  const counted = h("p", { class: "muted small", id: "linked-count", "aria-live": "polite" });
  const table = h("div", {});
  type Row = AccountLink & { platform: ChatPlatform };
  let all: Row[] = [];
  let pseudonymised = false;
  const render = () => {
    clear(table);
    const q = filter.value.trim().toLowerCase();
    const matches = q
      ? all.filter((x) => [x.account, x.person.name, x.person.team ?? "", PLATFORM_NAME[x.platform]].some((t) => t.toLowerCase().includes(q)))
      : all;
    const shown = matches.slice(0, LINKS_SHOWN);
    counted.textContent =
      matches.length === 0
        ? `No linked account matches “${filter.value.trim()}”.`
        : `${q ? `${matches.length} of ${all.length}` : all.length} linked account${all.length === 1 ? "" : "s"}` +
          (matches.length > shown.length ? `; the first ${shown.length} shown: type to narrow.` : ".");
    if (shown.length === 0) return;
    const rows = shown.map((x) => {
      const drop = h("button", { type: "button", class: "secondary", "aria-label": `Unlink ${PLATFORM_NAME[x.platform]} account ${x.account}` }, "Unlink");
      drop.addEventListener("click", async () => {
        drop.disabled = true;
        try {
          await unlinkAccount(x.platform, x.account);
          said.textContent = `${PLATFORM_NAME[x.platform]} account ${x.account} unlinked.`;
          await show();
        } catch (e) {
          said.textContent = e instanceof ApiError ? e.message : "Could not unlink.";
          drop.disabled = false;
        }
      });
      return h("tr", { "data-account": x.account }, h("td", {}, PLATFORM_NAME[x.platform]), h("td", {}, h("code", {}, x.account)), h("td", {}, personLink(x.person)), h("td", {}, x.linked_at.slice(0, 10)), h("td", {}, drop));
    });
    table.append(
      h(
        "table",
        { id: "linked-accounts" },
        h("caption", { class: "visually-hidden" }, "Linked accounts"),
        h("thead", {}, h("tr", {}, ["Platform", "Account", "Person", "Linked", ""].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, rows),
      ),
    );
    if (pseudonymised) table.append(h("p", { class: "muted small" }, "Account ids are kept pseudonymised, as the imports keep identities."));
  };
  filter.addEventListener("input", render);
  const show = async () => {
    try {
      const lists = await Promise.all((["slack", "teams"] as ChatPlatform[]).map((p) => accountLinks(p)));
      clear(body);
      all = lists.flatMap((l) => l.links.map((x) => ({ ...x, platform: l.platform })));
      pseudonymised = lists.some((l) => l.pseudonymised);
      if (all.length === 0) {
        finder.hidden = true;
        body.append(h("p", { class: "muted" }, "No accounts are linked: every import matches people by e-mail (or by the mapping it is given)."));
        return;
      }
      finder.hidden = false;
      body.append(finder, counted, table);
      render();
    } catch (e) {
      clear(body);
      body.append(h("p", { class: "error" }, e instanceof ApiError ? e.message : "Could not load the linked accounts."));
    }
  };
  const card = h(
    "section",
    { class: "card", "aria-labelledby": "linked-title", id: "linked-card" },
    h("h2", { id: "linked-title" }, "Linked chat accounts"),
    h("p", { class: "muted small" }, "Slack and Teams accounts whose e-mail does not match anyone in the roster, linked to their person by an admin. Unlinking takes effect at the next import; interactions already stored stay."),
    said,
    body,
  );
  // Listens while on the page: a page left behind stops listening at the next change.
  const changed = () => {
    if (card.isConnected) void show();
    else document.removeEventListener(LINKS_CHANGED, changed);
  };
  document.addEventListener(LINKS_CHANGED, changed);
  void show();
  return card;
}
