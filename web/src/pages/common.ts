import { h, clear } from "../dom";
import type { MapFinding, PersonSummary, SettingChange, SinglePoint } from "../api";
import { ApiError, people } from "../api";

// A link to a person's profile; with their team, the team shows on pointing at it.
export function personLink(p: { id: number; name: string; team?: string | null }): HTMLAnchorElement {
  return h("a", p.team ? { href: `#/people/${p.id}`, title: `${p.name} · ${p.team}` } : { href: `#/people/${p.id}` }, p.name);
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

export function avatar(name: string): HTMLElement {
  return h("span", { class: "avatar", "aria-hidden": "true" }, initials(name));
}

// One line per person in a list: name, title, team, and the private marker when shown.
export function personRow(p: PersonSummary): HTMLLIElement {
  return h(
    "li",
    { class: "person-row" },
    avatar(p.name),
    h(
      "div",
      { class: "person-main" },
      personLink(p),
      h("span", { class: "muted" }, [p.title, p.team].filter(Boolean).join(" · ")),
    ),
    h(
      "div",
      { class: "person-side" },
      p.location ? h("span", { class: "muted" }, p.location) : null,
      p.private && p.level !== undefined ? h("span", { class: "tag", title: "Job level (private)" }, `L${p.level}`) : null,
    ),
  );
}

export function errorBox(e: unknown): HTMLElement {
  const message = e instanceof ApiError ? e.message : "Something went wrong. Try again.";
  return h("p", { class: "error", role: "alert" }, message);
}

export function loading(): HTMLElement {
  return h("p", { class: "muted", role: "status" }, "Loading…");
}

// A person picker: type a name, choose from the directory's matches; the getter gives the
// chosen person's id, -1 for a name not chosen from the matches, null when empty.
export function personPicker(id: string, label: string, initial?: { id: number; name: string | null; team?: string | null } | null): [HTMLElement, () => number | null] {
  const input = h("input", { id, list: `${id}-list`, autocomplete: "off", placeholder: "Type a name" });
  const list = h("datalist", { id: `${id}-list` });
  const ids = new Map<string, number>();
  const keyOf = (p: { name: string | null; team?: string | null }) => `${p.name ?? ""} · ${p.team || "no team"}`;
  if (initial?.name) {
    const key = keyOf(initial);
    ids.set(key, initial.id);
    input.value = key;
  }
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || ids.has(q)) return;
      try {
        const page = await people({ q, limit: 8 });
        clear(list);
        for (const p of page.people) {
          const key = keyOf(p);
          ids.set(key, p.id);
          list.append(h("option", { value: key }));
        }
      } catch {
        /* the directory search failing leaves the list as it was */
      }
    }, 200);
  });
  return [h("div", { class: "field" }, h("label", { for: id }, label), input, list), () => (input.value.trim() ? (ids.get(input.value.trim()) ?? -1) : null)];
}

// The person-level findings as the pages name them (singular, plural).
export const FINDING_NAMES: Record<MapFinding, [string, string]> = {
  hidden_champion: ["hidden champion", "hidden champions"],
  visible_helper: ["visible helper", "visible helpers"],
  broker: ["broker", "brokers"],
  single_point: ["single point of failure", "single points of failure"],
  isolated_newcomer: ["newcomer not yet connected", "newcomers not yet connected"],
};

// A window [from, to) as the days it covers: "interactions from 2026-10-01 through 2026-12-31"
// (a window open at its start: "interactions through …").
export function windowText(w: { from: string; to: string } | null): string {
  if (!w) return "all interactions";
  const last = new Date(Date.parse(w.to) - 1).toISOString().slice(0, 10);
  return w.from.startsWith("1970-01-01") ? `interactions through ${last}` : `interactions from ${w.from.slice(0, 10)} through ${last}`;
}

const others = (n: number) => (n === 0 ? "nobody else in the organisation holds it" : `${n} ${n === 1 ? "other holds" : "others hold"} it, none nearby`);

// "Window: all interactions → 30 days", "Weight of nomination: 1 → 3", "Half-life: none → 14 days".
export function settingText(c: SettingChange): string {
  const layer = c.setting.startsWith("layer_weight:") ? c.setting.slice("layer_weight:".length) : null;
  const name = c.setting === "window_days" ? "Window" : c.setting === "half_life_days" ? "Half-life" : layer !== null ? `Weight of ${layer.replace(/_/g, " ")}` : c.setting.replace(/_/g, " ").replace(/^./, (x) => x.toUpperCase());
  const value = (v: number | boolean | string | null) => {
    if (c.setting === "window_days") return v === null ? "all interactions" : `${v} days`;
    if (v === null) return "none";
    if (c.setting === "half_life_days") return `${v} days`;
    return typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
  };
  return `${name}: ${value(c.before)} → ${value(c.after)}`;
}

// A bridge's average contacts: one decimal, or "under 0.1" (as `peerlearn analyze` writes it).
export function onAverage(x: number): string {
  return x < 0.1 ? "under 0.1" : x.toFixed(1);
}

// Why a person is a single point of failure, one line a reason (the At risk page, profiles).
export function riskReasons(p: Omit<SinglePoint, "person">): HTMLElement {
  const lines: (string | HTMLElement)[] = [];
  if (p.teammates_cut_off > 0) lines.push(`Without them, ${p.teammates_cut_off} ${p.teammates_cut_off === 1 ? "teammate loses" : "teammates lose"} every path to the rest of their team.`);
  if (p.cuts_network) lines.push("Without them, some people lose every path to the rest of the network.");
  for (const k of p.sole_skills ?? []) {  // none in snapshots taken before skills were read
    lines.push(h("span", { "data-skill": k.skill }, h("strong", {}, k.skill), ` (level ${k.level}): ${others(k.holders_elsewhere)}.`));
  }
  return h("ul", { class: "reasons" }, lines.map((x) => h("li", {}, x)));
}
