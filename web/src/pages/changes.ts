// What changed in the knowledge network between two snapshots: the organisation's numbers,
// silo teams and teams' openness for everyone who may see them; hidden champions, brokers,
// single points of failure, newcomers left out and the people most sought after (or less) for admins. The server decides
// what each role receives; this page shows what comes.
import { h, clear } from "../dom";
import { ApiError, networkDiff, networkSnapshots, type ChangeSet, type NetworkDiff, type Role, type SnapshotListItem } from "../api";
import { errorBox, loading, personLink, settingText, windowText } from "./common";

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const signedFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2, signDisplay: "exceptZero" });
// With a minus sign, not a hyphen.
const signed = { format: (v: number) => signedFormat.format(v).replace("-", "−") };

// The summary's numbers in the order shown, each with how it is written and which way is better
// for peer learning (1: up, -1: down, 0: neither), which colours its change.
type Kind = "count" | "share" | "score";
const SUMMARY: [string, string, Kind, number][] = [
  ["people", "People", "count", 0],
  ["people_with_ties", "People with ties", "count", 1],
  ["ties", "Ties", "count", 1],
  ["reciprocity", "Ties returned", "share", 1],
  ["weight_reciprocity", "Ties' weight returned", "share", 1],
  ["density", "Density", "share", 1],
  ["cross_team_tie_share", "Ties across teams", "share", 1],
  ["communities", "Communities", "count", 0],
  ["modularity", "Modularity", "score", 0],
  ["champions", "Hidden champions", "count", 0],
  ["brokers", "Brokers", "count", 0],
  ["silos", "Silo teams", "count", -1],
  ["single_points", "Single points of failure", "count", -1],
  ["newcomers", "Newcomers", "count", 0],
  ["isolated_newcomers", "Newcomers not yet connected", "count", -1],
];

// "better", "worse" or "" for a change of sign `change` where `good` is the better direction.
const judged = (change: number, good: number) => (change === 0 || good === 0 ? "" : change * good > 0 ? "better" : "worse");

function value(v: number, kind: Kind): string {
  if (kind === "share") return `${(v * 100).toFixed(1)}%`;
  if (kind === "score") return v.toFixed(3);
  return fmt.format(v);
}

function change(v: number, kind: Kind): string {
  if (kind === "share") return v === 0 ? "no change" : `${signed.format(Math.round(v * 1000) / 10)} points`;
  if (kind === "score") return v === 0 ? "no change" : `${v > 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`;
  return v === 0 ? "no change" : signed.format(v);
}

const when = (t: string) => t.slice(0, 16).replace("T", " ");
const optional = (v: number | null, f: (x: number) => string) => (v === null ? "—" : f(v));

function summaryTable(d: NetworkDiff): HTMLElement {
  const rows = SUMMARY.filter(([key]) => d.summary[key] !== undefined).map(([key, label, kind, good]) => {
    const s = d.summary[key]!;
    return h("tr", { "data-key": key }, h("th", { scope: "row" }, label), h("td", {}, value(s.before, kind)), h("td", {}, value(s.after, kind)), h("td", { class: `change ${judged(s.change, good)}` }, change(s.change, kind)));
  });
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "The organisation's numbers" },
    h("table", { id: "changes-summary" }, h("caption", {}, "The organisation"), h("thead", {}, h("tr", {}, ["", `#${d.from.id}`, `#${d.to.id}`, "Change"].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows)),
  );
}

function tags(items: string[], cls = "tag"): HTMLElement | string {
  return items.length === 0 ? "none" : h("span", { class: "tags" }, items.map((t) => h("span", { class: cls }, t)));
}

function silos(d: NetworkDiff, role: Role): HTMLElement {
  const s = d.silos;
  const scope = role === "admin" ? "" : " (teams you may see)";
  return h(
    "section",
    { class: "card", id: "changes-silos", "aria-labelledby": "changes-silos-title" },
    h("h2", { id: "changes-silos-title" }, `Silo teams${scope}`),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "New silos"),
      h("dd", {}, tags(s.added, "tag warn")),
      h("dt", {}, "No longer silos"),
      h("dd", {}, tags(s.removed)),
      h("dt", {}, "Still silos"),
      h("dd", {}, tags(s.kept, "tag warn")),
    ),
  );
}

function teams(d: NetworkDiff): HTMLElement {
  const moved = (a: number | null, b: number | null) => (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > 1e-9);
  const shown = d.teams
    .filter((t) => t.members_before !== t.members_after || moved(t.ei_index_before, t.ei_index_after) || moved(t.cross_share_before, t.cross_share_after))
    .slice(0, 15);
  const share = (x: number | null) => optional(x, (v) => `${Math.round(v * 100)}%`);
  return h(
    "section",
    { class: "card", "aria-labelledby": "changes-teams-title" },
    h("h2", { id: "changes-teams-title" }, "Teams that opened up or closed in"),
    h("p", { class: "muted small" }, "E-I index: −1 when all of a team's ties stay inside it, +1 when all reach outside. Largest change first."),
    shown.length === 0
      ? h("p", { id: "changes-no-teams" }, d.teams.length === 0 ? "No team you may see is in both snapshots with enough people to show." : "No team's size, E-I index or share of ties across teams changed.")
      : h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Teams' change" },
          h(
            "table",
            { id: "changes-teams" },
            h("thead", {}, h("tr", {}, ["Team", "Members", "E-I index", "Change", "Ties across teams"].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              {},
              shown.map((t) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, t.team),
                  h("td", {}, t.members_before === t.members_after ? String(t.members_after) : `${t.members_before} → ${t.members_after}`),
                  h("td", {}, `${optional(t.ei_index_before, (v) => v.toFixed(2))} → ${optional(t.ei_index_after, (v) => v.toFixed(2))}`),
                  h("td", { class: `change ${judged(t.ei_index_change ?? 0, 1)}` }, optional(t.ei_index_change, (v) => (v === 0 ? "no change" : signed.format(Math.round(v * 100) / 100)))),
                  h("td", {}, `${share(t.cross_share_before)} → ${share(t.cross_share_after)}`),
                ),
              ),
            ),
          ),
        ),
  );
}

// Names that more than one person in a comparison has: those people are told apart by team.
const shared = new WeakMap<NetworkDiff, Set<string>>();
function sharedNames(d: NetworkDiff): Set<string> {
  let out = shared.get(d);
  if (!out) {
    const seen = new Set<string>();
    out = new Set<string>();
    for (const p of Object.values(d.names ?? {})) {
      if (!p.name) continue;
      if (seen.has(p.name)) out.add(p.name);
      seen.add(p.name);
    }
    shared.set(d, out);
  }
  return out;
}

function named(d: NetworkDiff, id: number): HTMLElement | string {
  const p = d.names?.[String(id)];
  if (!p?.name) return `#${id}`;
  const link = personLink({ id, name: p.name, team: p.team });
  return p.team && sharedNames(d).has(p.name) ? h("span", {}, link, h("span", { class: "muted small" }, ` (${p.team})`)) : link;
}

function people(d: NetworkDiff, ids: number[]): HTMLElement | string {
  if (ids.length === 0) return "none";
  return h("ul", { class: "inline-list" }, ids.map((id) => h("li", {}, named(d, id))));
}

// `nowSeen`: hidden champions of the earlier snapshot whom the structure now sees (among the
// visible helpers: thanked, promoted, managing), where the later snapshot keeps them.
function personChanges(d: NetworkDiff, id: string, title: string, set: ChangeSet<number>, labels: [string, string, string], nowSeen?: number[]): HTMLElement {
  return h(
    "section",
    { class: "card", id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, labels[0]),
      h("dd", { "data-part": "added" }, people(d, set.added)),
      h("dt", {}, labels[1]),
      h("dd", { "data-part": "removed" }, people(d, set.removed)),
      nowSeen ? h("dt", {}, "Of those, now seen by the structure") : null,
      nowSeen ? h("dd", { "data-part": "now-seen" }, people(d, nowSeen)) : null,
      h("dt", {}, labels[2]),
      h("dd", { "data-part": "kept" }, people(d, set.kept)),
    ),
  );
}

function sought(d: NetworkDiff): HTMLElement {
  const rows = d.people ?? [];
  return h(
    "section",
    { class: "card", "aria-labelledby": "changes-people-title" },
    h("h2", { id: "changes-people-title" }, "Whose help is sought more, or less"),
    h("p", { class: "muted small" }, "How many distinct colleagues came to each person, largest change first."),
    rows.length === 0
      ? h("p", {}, "Nobody's number of colleagues asking changed.")
      : h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Change in help sought" },
          h(
            "table",
            { id: "changes-people" },
            h("thead", {}, h("tr", {}, ["Person", "Team", `#${d.from.id}`, `#${d.to.id}`, "Change"].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              {},
              rows.map((p) =>
                h("tr", {}, h("td", {}, named(d, p.person)), h("td", {}, d.names?.[String(p.person)]?.team ?? ""), h("td", {}, p.in_degree_before), h("td", {}, p.in_degree_after), h("td", { class: "change" }, signed.format(p.in_degree_change))),
              ),
            ),
          ),
        ),
  );
}

// The organisation's numbers across every snapshot, oldest first: a small line each.
const TRENDS: [string, string, Kind][] = [
  ["cross_team_tie_share", "Ties across teams", "share"],
  ["reciprocity", "Ties returned", "share"],
  ["weight_reciprocity", "Ties' weight returned", "share"],
  ["people_with_ties", "People with ties", "count"],
  ["isolated_newcomers", "Newcomers not yet connected", "count"],
  ["silos", "Silo teams", "count"],
  ["champions", "Hidden champions", "count"],
];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

// A point analysed unlike the snapshot compared (`unlike`: how) is drawn hollow and grey, and the
// line joins only the points analysed alike.
type Point = { id: number; taken_at: string; value: number; unlike: string | null };

function sparkline(label: string, kind: Kind, points: Point[]): SVGSVGElement {
  const width = 240, height = 64, pad = 8;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values), hi = Math.max(...values);
  const x = (i: number) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => (hi === lo ? height / 2 : height - pad - ((v - lo) * (height - 2 * pad)) / (hi - lo));
  const said = points.map((p) => `${value(p.value, kind)} at #${p.id}${p.unlike ? " (analysed differently)" : ""}`).join(", ");
  const line = points.flatMap((p, i) => (p.unlike ? [] : [`${x(i)},${y(p.value)}`])).join(" ");
  return svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": `${label}: ${said}` },
    svg("polyline", { points: line, fill: "none", stroke: "#0b5cad", "stroke-width": 2 }),
    ...points.map((p, i) =>
      svg(
        "circle",
        p.unlike
          ? { cx: x(i), cy: y(p.value), r: 3.5, fill: "#fff", stroke: "#6b7280", "stroke-width": 1.5, class: "unlike" }
          : { cx: x(i), cy: y(p.value), r: 3.5, fill: "#0b5cad" },
        svg("title", {}, `#${p.id} · ${when(p.taken_at)}: ${value(p.value, kind)}${p.unlike ? ` — analysed differently (${p.unlike})` : ""}`),
      ),
    ),
  );
}

// The organisation's numbers over the snapshots analysed like the one compared (`to`), oldest
// first; those analysed differently (another window's length, other weights or thresholds) are
// left out unless asked for, and then drawn apart.
function trends(all: SnapshotListItem[], to: number): HTMLElement {
  const oldest = [...all].sort((a, b) => a.id - b.id);
  // How each snapshot was analysed unlike the one compared (null: alike).
  const how = new Map(oldest.map((s) => [s.id, s.settings_changed.length === 0 ? null : s.settings_changed.map(settingText).join("; ")]));
  const unlike = (s: SnapshotListItem) => how.get(s.id) ?? null;
  const others = oldest.filter((s) => unlike(s) !== null).length;
  const figures = h("div", { class: "trends" });
  const draw = (withOthers: boolean) => {
    clear(figures);
    const shown = oldest.filter((s) => withOthers || unlike(s) === null);
    for (const [key, label, kind] of TRENDS) {
      if (!shown.every((s) => typeof (s.summary as unknown as Record<string, unknown>)[key] === "number")) continue;
      const points = shown.map((s) => ({ id: s.id, taken_at: s.taken_at, value: (s.summary as unknown as Record<string, number>)[key]!, unlike: unlike(s) }));
      const alike = points.filter((p) => p.unlike === null);
      const ends = alike.length > 0 ? alike : points;
      figures.append(
        h(
          "figure",
          { class: "trend", "data-key": key },
          h("figcaption", {}, label),
          sparkline(label, kind, points),
          h("p", { class: "muted small" }, ends.length === 1 ? `${value(ends[0]!.value, kind)} at #${ends[0]!.id}` : `${value(ends[0]!.value, kind)} at #${ends[0]!.id} → ${value(ends[ends.length - 1]!.value, kind)} at #${ends[ends.length - 1]!.id}`),
        ),
      );
    }
  };
  draw(false);
  const alikeCount = oldest.length - others;
  const intro =
    others === 0
      ? `Every snapshot, oldest first (${all.length}), all analysed alike.`
      : `The ${alikeCount === 1 ? "one snapshot" : `${alikeCount} snapshots`} analysed like #${to}, oldest first. ${others === 1 ? "One was" : `${others} were`} analysed differently and ${others === 1 ? "is" : "are"} left out: ${others === 1 ? "its" : "their"} numbers are not like for like.`;
  let toggle: HTMLElement | null = null;
  if (others > 0) {
    const box = h("input", { type: "checkbox", id: "trends-all" }) as HTMLInputElement;
    box.addEventListener("change", () => draw(box.checked));
    toggle = h("div", { class: "field checkbox" }, box, h("label", { for: "trends-all" }, `Show ${others === 1 ? "it" : "them"} too (hollow grey points, not joined)`));
  }
  return h(
    "section",
    { class: "card", id: "trends", "aria-labelledby": "trends-title" },
    h("h2", { id: "trends-title" }, "Over time"),
    h("p", { class: "muted small", id: "trends-intro" }, intro),
    toggle,
    figures,
  );
}

function picker(id: string, label: string, all: SnapshotListItem[], chosen: number, onPick: (v: number) => void, markUnlike = false): HTMLElement {
  const select = h(
    "select",
    { id },
    all.map((x) =>
      h("option", { value: x.id, selected: x.id === chosen }, `#${x.id} · ${when(x.taken_at)}${x.summary.scheduled ? " (scheduled)" : ""}${markUnlike && x.settings_changed.length > 0 ? " — analysed differently" : ""}`),
    ),
  );
  select.addEventListener("change", () => onPick(Number(select.value)));
  return h("div", { class: "control" }, h("label", { for: id }, label), select);
}

function render(body: HTMLElement, role: Role, all: SnapshotListItem[], to: number, from: number | undefined): void {
  const older = all.filter((s) => s.id < to);
  const go = (t: number, f?: number) => (location.hash = `#/changes?to=${t}${f ? `&from=${f}` : ""}`);
  const controls = h(
    "div",
    { class: "controls" },
    picker("changes-to", "Compare", all, to, (t) => go(t)),
    older.length > 0 ? picker("changes-from", "with the earlier", older, from ?? older[0]!.id, (f) => go(to, f), true) : null,
  );
  body.append(controls);
  if (older.length === 0) {
    body.append(h("p", { id: "changes-none" }, `Snapshot ${to} is the first: there is nothing earlier to compare it with. Analyse the network again later to see what changes.`));
    return;
  }
  const out = h("div", {}, loading());
  body.append(out);
  networkDiff(to, from)
    .then((d) => {
      clear(out);
      const item = (id: number) => all.find((s) => s.id === id);
      const span = (id: number) => {
        const w = item(id)?.window;
        return windowText(w ?? null);
      };
      out.append(h("p", { class: "muted small", id: "changes-line" }, `From snapshot ${d.from.id} (${when(d.from.taken_at)}; ${span(d.from.id)}) to snapshot ${d.to.id} (${when(d.to.taken_at)}; ${span(d.to.id)}).`));
      if (d.settings_changed.length > 0) {
        out.append(
          h(
            "div",
            { class: "notice", id: "changes-settings" },
            h("p", {}, "The two snapshots were analysed differently, so some of these changes come from the analysis, not the organisation:"),
            h("ul", {}, d.settings_changed.map((c) => h("li", { "data-setting": c.setting }, settingText(c)))),
          ),
        );
      }
      out.append(summaryTable(d), trends(all, to), silos(d, role), teams(d));
      if (d.champions && d.brokers && d.single_points && d.isolated_newcomers) {
        out.append(
          personChanges(d, "changes-champions", "Hidden champions", d.champions, ["Newly found", "No longer", "Still"], d.champions_now_seen),
          d.visible_helpers ? personChanges(d, "changes-visible-helpers", "Sought as widely, and already seen", d.visible_helpers, ["New", "No longer", "Still"]) : "",
          personChanges(d, "changes-brokers", "Brokers between communities", d.brokers, ["New", "No longer", "Still"]),
          personChanges(d, "changes-single-points", "Single points of failure", d.single_points, ["New", "No longer", "Still"]),
          personChanges(d, "changes-newcomers", "Newcomers not yet connected", d.isolated_newcomers, ["Newly left out", "Now connected or no longer new", "Still not connected"]),
          sought(d),
        );
      }
    })
    .catch((e) => {
      clear(out);
      out.append(errorBox(e));
    });
}

export function changesPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const to = Number(params.get("to") ?? 0) || undefined;
  const from = Number(params.get("from") ?? 0) || undefined;
  // Each snapshot as analysed like the one compared (a snapshot since deleted: like the newest).
  networkSnapshots(to)
    .catch((e) => {
      if (to !== undefined && e instanceof ApiError && e.status === 404) return networkSnapshots();
      throw e;
    })
    .then(({ snapshots, like }) => {
      clear(body);
      if (snapshots.length === 0) throw new ApiError(404, "not_found", "not analysed");
      const target = snapshots.find((s) => s.id === like) ?? snapshots[0]!;
      render(body, role, snapshots, target.id, from !== undefined && from < target.id ? from : undefined);
    })
    .catch((e) => {
      clear(body);
      body.append(e instanceof ApiError && e.status === 404 ? h("p", {}, "The network has not been analysed yet.") : errorBox(e));
    });
  return h("section", {}, h("h1", {}, "What changed in the network"), body);
}
