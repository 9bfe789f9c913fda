// Importing from the browser (admins): a Slack or Teams export (.zip) or a CSV of interactions or
// peer nominations is uploaded with its progress shown, imported by the server exactly as
// `peerlearn import slack|teams|interactions|nominations` would, and the import's report shown —
// what was read, matched, skipped and stored, and what is kept.
import { h, clear } from "../dom";
import { ApiError, ImportRefused, uploadImport, type AnyImportReport, type CsvImportReport, type ImportKind, type ImportReport } from "../api";

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
function frame(r: { rejected: boolean; dry_run: boolean }, checked: string, imported: string, facts: [string, string, string?][], issues: HTMLElement | null): HTMLElement {
  return h(
    "div",
    { id: "import-report" },
    h("p", { class: "notice", role: "status" }, r.rejected ? "Nothing was imported." : r.dry_run ? checked : imported),
    h("dl", { class: "facts" }, facts.flatMap(([label, text, name]) => [h("dt", {}, label), h("dd", name ? { "data-fact": name } : {}, text)])),
    issues,
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
    `Imported: ${fmt.format(r.rows.added)} new daily rows, ${fmt.format(r.rows.raised)} raised, ${fmt.format(r.rows.already_present)} already present.`,
    [
      ["Read", `${plural(r.files, "message file", "message files")} (${fmt.format(r.files_failed)} malformed) in ${plural(r.conversations, "conversation", "conversations")}, ${mib(r.bytes)} uploaded`, "read"],
      ["Messages", `${fmt.format(r.messages)}, of which ${fmt.format(r.kept_messages)} by people`, "messages"],
      ["Skipped", list(Object.entries(r.skipped))],
      ["Interactions", list(Object.entries(r.interactions)), "interactions"],
      ["Accounts", `${fmt.format(a.users)} people's accounts: ${fmt.format(a.matched_by_email)} matched by e-mail, ${fmt.format(a.matched_by_mapping)} by the mapping; unmatched ${unmatched}; ${fmt.format(a.bots)} bots`, "accounts"],
      ["Left out", `mentions of bots or unmatched accounts ${fmt.format(r.left_out.mentions_of_non_people)}, reactions by them ${fmt.format(r.left_out.reactions_by_non_people)}, replies whose thread is unknown ${fmt.format(r.threads.replies_without_starter)}`],
      ["Kept", `${r.kept}${r.pseudonymised ? " (pseudonymised)" : ""}.`],
    ],
    issues,
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
    `Imported: ${fmt.format(r.added)} new ${r.kind}, ${fmt.format(r.already_present)} already present.`,
    [
      ["Rows", `${fmt.format(r.rows)} read, ${fmt.format(r.accepted)} accepted, ${fmt.format(r.skipped)} skipped, ${fmt.format(r.self_interactions)} naming the same person twice (left out)`, "rows"],
      ["Kept", "who, whom, when, the layer, the weight and the context; there is no column for message text."],
    ],
    issues,
  );
}

const isCsv = (r: AnyImportReport): r is CsvImportReport => "kind" in r;

// What each kind of file is.
const HELP: Record<ImportKind, string> = {
  slack: "The workspace export as Slack delivers it (a .zip of users.json, channels.json and a folder of day files per conversation). Accounts are matched to people by e-mail.",
  teams: "Microsoft Graph chatMessage list responses (channel messages with their replies, and chats) in a .zip, with a users.json of Graph users to match accounts to people by e-mail.",
  interactions: "A CSV with a header: source,target,timestamp and optionally layer (reply, mention, reaction, thread, nomination, debrief, kudos, mentoring), weight and context; people by employee id, times in ISO-8601.",
  nominations: "A CSV with a header: nominator,nominee,date and optionally question; people by employee id.",
};

export function importForm(): HTMLElement {
  const platform = h(
    "select",
    { id: "import-platform" },
    h("option", { value: "slack" }, "Slack workspace export (.zip)"),
    h("option", { value: "teams" }, "Microsoft Teams (Graph) export (.zip)"),
    h("option", { value: "interactions" }, "Interactions (.csv)"),
    h("option", { value: "nominations" }, "Peer nominations (.csv)"),
  );
  const file = h("input", { type: "file", id: "import-file", accept: ".zip,application/zip", "aria-describedby": "import-help" });
  const help = h("p", { class: "muted small", id: "import-help" }, HELP.slack);
  platform.addEventListener("change", () => {
    const kind = platform.value as ImportKind;
    file.accept = kind === "interactions" || kind === "nominations" ? ".csv,text/csv" : ".zip,application/zip";
    help.textContent = HELP[kind];
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
      const report = await uploadImport(platform.value as ImportKind, chosen, { lenient: lenient.checked, dryRun: dry.checked }, (sent, total) => {
        progress.value = total > 0 ? sent / total : 0;
        if (total > 0 && sent >= total) out.textContent = "Uploaded; importing…";
      });
      out.textContent = "";
      result.append(isCsv(report) ? csvReportView(report) : reportView(report));
    } catch (e) {
      if (e instanceof ImportRefused) {
        out.textContent = `${e.message}.`;
        result.append(isCsv(e.report) ? csvReportView(e.report) : reportView(e.report));
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
    h("p", { class: "muted small" }, "A Slack workspace export or a Teams (Microsoft Graph) export as a .zip, or a CSV of interactions (source, target, timestamp, layer, weight, context) or of peer nominations (nominator, nominee, date), by employee id. Only who interacted with whom, when and where is kept, never what anyone wrote; importing the same file again counts nothing twice. Analyse again afterwards to see the result."),
    h(
      "div",
      { class: "controls" },
      h("div", { class: "control" }, h("label", { for: "import-platform" }, "Kind"), platform),
      h("div", { class: "control" }, h("label", { for: "import-file" }, "File"), file),
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
