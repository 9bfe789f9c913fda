import { h, clear } from "../dom";
import { audit, auditCsvUrl, type AuditEntry, type AuditFilter } from "../api";
import { errorBox, loading, personLink } from "./common";

// What the log can be narrowed to: action prefixes, as the server writes them.
const KINDS: Record<string, string> = {
  "": "Everything",
  "person.read": "Reads of a person's profile",
  "network.person.read": "Reads of a person's network metrics",
  "network.": "Network: analyses, exports, findings read",
  "user.": "Sign-ins and sign-outs",
  "import.": "Imports",
  "accounts.": "Linked chat accounts",
  "mentoring.": "Mentoring",
  "circles.": "Learning circles",
  "audit.": "This log: downloads and deletions",
  "interactions.": "Interactions deleted by the retention",
};

// The day after an ISO date: the log's "to" is not included, the form's "through" day is.
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

// A person named by an entry, as a link; the bare reference where they are gone.
function who(p: { id: number; name?: string } | null | undefined, fallback: string): Node | string {
  return p?.name ? personLink({ id: p.id, name: p.name }) : fallback;
}

function row(e: AuditEntry): HTMLElement {
  const u = e.user;
  const actor = u === null ? "—" : u.person?.name ? h("span", {}, personLink({ id: u.person.id, name: u.person.name }), h("span", { class: "muted small" }, ` (${u.username})`)) : u.username ?? `user ${u.id}`;
  return h(
    "tr",
    {},
    h("td", {}, e.ts.replace("T", " ").replace(/\.\d+Z$|Z$/, "")),
    h("td", { class: "wraps" }, actor),
    h("td", {}, e.action),
    h("td", { class: "wraps" }, e.target_user?.username ? h("span", {}, e.target_user.person?.name ? personLink({ id: e.target_user.person.id, name: e.target_user.person.name }) : "", h("span", { class: "muted small" }, `${e.target_user.person?.name ? " " : ""}(${e.target_user.username})`)) : who(e.target_person, e.target)),
    h("td", { class: "name" }, who(e.detail_person, e.detail)),  // a detail can be long: wrapped
  );
}

// The log, newest first, a page of 100 at a time, narrowed by kind of action or by the person
// it was about (#/audit?target=person:7, linked from a person's page).
export function auditPage(): HTMLElement {
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const target = params.get("target") ?? "";
  const kind = h("select", { id: "audit-kind" }, Object.entries(KINDS).map(([v, t]) => h("option", { value: v, selected: v === (params.get("action") ?? "") }, t)));
  const from = h("input", { type: "date", id: "audit-from" });
  const through = h("input", { type: "date", id: "audit-through" });
  const download = h("a", { id: "audit-csv", download: "peerlearn-audit-log.csv" }, "Download these entries as CSV");
  const downloadLine = h("p", { class: "small" }, download, h("span", { class: "muted" }, " (every page; the download is itself logged)"));
  const rows = h("tbody", {});
  const status = h("p", { class: "muted small", id: "audit-status", "aria-live": "polite" });
  const more = h("button", { type: "button", id: "audit-more", hidden: true }, "Older entries");
  const body = h("div", {}, loading());
  const aboutWhom = h("strong", {}, target);
  const about = target ? h("p", { id: "audit-target" }, "Only entries about ", aboutWhom, ". ", h("a", { href: "#/audit" }, "Show everything")) : null;
  let next: number | null = null;
  let shown = 0;

  const filter = (): AuditFilter => ({
    action: kind.value || undefined,
    target: target || undefined,
    from: from.value || undefined,
    to: through.value ? dayAfter(through.value) : undefined,
  });
  const load = (append: boolean) => {
    more.disabled = true;
    if (from.value && through.value && from.value > through.value) {
      clear(rows);
      status.textContent = "The first day comes after the last: nothing to show.";
      more.hidden = true;
      downloadLine.hidden = true;
      return;
    }
    downloadLine.hidden = false;
    download.setAttribute("href", auditCsvUrl(filter()));
    audit({ ...filter(), before: append ? next ?? undefined : undefined })
      .then((r) => {
        if (!append) {
          clear(rows);
          shown = 0;
        }
        clear(body);
        body.append(table);
        rows.append(...r.entries.map(row));
        shown += r.entries.length;
        next = r.next_before;
        const named = r.entries.find((e) => e.target_person?.name)?.target_person;
        if (about && named) aboutWhom.textContent = `${named.name}${named.team ? ` (${named.team})` : ""}`;
        more.hidden = next === null;
        more.disabled = false;
        status.textContent = shown === 0 ? "No entries." : `${shown.toLocaleString("en")} ${shown === 1 ? "entry" : "entries"} shown${next === null ? ": the whole log for this choice" : ""}.`;
      })
      .catch((e) => {
        clear(body);
        body.append(errorBox(e));
      });
  };
  const table = h(
    "div",
    {},
    h(
      "div",
      // Focusable so that keyboard users can scroll it on narrow screens.
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Audit log entries" },
      h(
        "table",
        { id: "audit" },
        h("caption", {}, "Most recent first"),
        h("thead", {}, h("tr", {}, ["When (UTC)", "Who", "Action", "About", "Detail"].map((t) => h("th", { scope: "col" }, t)))),
        rows,
      ),
    ),
    status,
    more,
  );
  for (const control of [kind, from, through]) control.addEventListener("change", () => load(false));
  more.addEventListener("click", () => load(true));
  load(false);

  return h(
    "section",
    {},
    h("h1", {}, "Audit log"),
    h("p", { class: "muted" }, "Sign-ins, every admin read of person-level data, and every change an admin makes."),
    h(
      "div",
      { class: "controls" },
      h("div", { class: "control" }, h("label", { for: "audit-kind" }, "Show"), kind),
      h("div", { class: "control" }, h("label", { for: "audit-from" }, "From"), from),
      h("div", { class: "control" }, h("label", { for: "audit-through" }, "Through"), through),
    ),
    downloadLine,
    about,
    body,
  );
}
