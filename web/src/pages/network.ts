// The knowledge network: overview with the WebGL map, hidden champions, knowledge at risk, team ×
// team flows and newcomers. What each role receives is decided by the server; these pages show what comes.
import Graph from "graphology";
import Sigma from "sigma";
import { h, clear } from "../dom";
import {
  ApiError,
  analyseNetwork,
  brokers,
  champions,
  checkFindings,
  deleteSnapshot,
  networkGraph,
  networkSnapshots,
  networkSummary,
  newcomers,
  singlePoints,
  teamFlows,
  teamNetwork,
  type GraphData,
  type MapFinding,
  type VisibleHelper,
  type Role,
  type SnapshotHeader,
  type SnapshotListItem,
  type AnalysisParams,
  type AnalysisSchedule,
  type SinglePoint,
  type CommunityRef,
  type FindingKind,
  type Newcomer,
  type NetworkSummaryNumbers,
} from "../api";
import { errorBox, FINDING_NAMES, loading, onAverage, personLink, riskReasons, windowText } from "./common";
import { importForm, linkedAccounts } from "./imports";

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
// Two significant digits for small values (PageRank), grouped digits for large ones.
const short = (v: number) => (Math.abs(v) < 1 && v !== 0 ? v.toPrecision(2) : fmt.format(v));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);

// Distinct, stable colours: golden-angle hues at fixed saturation and lightness (readable on
// white), as hex (what the WebGL renderer parses).
export function colour(i: number): string {
  const hue = ((i * 137.508) % 360 + 360) % 360;
  const s = 0.62, l = 0.42;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function snapshotLine(s: SnapshotHeader): HTMLElement {
  const taken = s.taken_at.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  return h("p", { class: "muted small", id: "snapshot-line" }, `Snapshot ${s.id}, analysed ${taken}; ${windowText(s.window)}.`);
}

// What a snapshot was analysed with, where it differs from the defaults.
function settingsText(p: AnalysisParams): string {
  const parts: string[] = [];
  const layers = Object.entries(p.layer_weights).filter(([, w]) => w !== 1);
  if (layers.length > 0) parts.push(`layer weights ${layers.map(([l, w]) => `${l} ×${fmt.format(w)}`).join(", ")}`);
  if (p.half_life_days) parts.push(`ties fading with a half-life of ${fmt.format(p.half_life_days)} days`);
  if (p.community_resolution !== 1) parts.push(`community resolution ${fmt.format(p.community_resolution)}`);
  if (p.weighted_metrics) parts.push("centralities weighted by tie strength");
  if (p.newcomer_days !== undefined && p.newcomer_days !== 90) parts.push(`newcomers hired within ${fmt.format(p.newcomer_days)} days`);
  if (p.newcomer_grace_days !== undefined && p.newcomer_grace_days !== 14) parts.push(`newcomers settling in for ${fmt.format(p.newcomer_grace_days)} ${p.newcomer_grace_days === 1 ? "day" : "days"}`);
  if (p.sole_skill_min_level !== undefined && p.sole_skill_min_level !== 3) parts.push(`skills at risk from level ${p.sole_skill_min_level}`);
  if (p.sole_skill_steps !== undefined && p.sole_skill_steps !== 2) parts.push(`"nearby" within ${p.sole_skill_steps} ${p.sole_skill_steps === 1 ? "step" : "steps"}`);
  return parts.length === 0 ? "Default settings." : `Settings: ${parts.join("; ")}.`;
}

function snapshotSettings(id: number): HTMLElement {
  const line = h("p", { class: "muted small", id: "snapshot-settings" });
  networkSummary(id)
    .then((r) => (line.textContent = `${r.summary.scheduled ? "Analysed by the server's regular schedule. " : ""}${settingsText(r.params)}`))
    .catch(() => line.remove());
  return line;
}

function notAnalysed(e: unknown, role: Role): HTMLElement {
  if (e instanceof ApiError && e.status === 404) {
    return h(
      "div",
      { class: "card" },
      h("h2", {}, "Not analysed yet"),
      h("p", {}, role === "admin" ? "Import interactions (Slack, Teams, nominations), then analyse the network." : "An admin has not analysed the knowledge network yet."),
    );
  }
  return errorBox(e);
}

// A tile's label agrees with its count ("1 hidden champion", "3 brokers").
const one = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);

function stat(label: string, value: string, hint?: string): HTMLElement {
  return h("div", { class: "stat" }, h("span", { class: "stat-value" }, value), h("span", { class: "stat-label" }, label), hint ? h("span", { class: "muted small" }, hint) : null);
}

// --- the map ---

interface MapOptions {
  level: "person" | "team";
  colourBy: "group" | "community";
  sizeBy: string;
  ties: string;  // the person-level map's ties at most, or "all"
  highlight: MapFinding | "";  // the people of one finding picked out (person level)
}

// Nodes that are not picked out, while some are; the picked-out people's ties.
const FADED = "#d3d8df";
const PICKED_TIE = "rgba(60,70,85,0.4)";
// How many colours the legend names; the rest are counted.
const LEGEND_ENTRIES = 12;

interface LegendEntry {
  colour: string;
  label: string;
  people: number;
}

// What the map's colours stand for: each colour's team or community with the people in it
// (on the team map, the teams' members), most people first; a community named by the team most
// of its people are in.
export function mapLegend(d: GraphData, colourBy: MapOptions["colourBy"]): LegendEntry[] {
  const people = new Map<number, number>();
  const teams = new Map<number, Map<string, number>>();
  for (let i = 0; i < d.nodes.x.length; i++) {
    const group = d.level === "team" ? i : d.nodes.group![i]!;
    const key = colourBy === "community" ? d.nodes.community[i]! : group;
    const count = d.level === "team" ? Number(d.nodes.members?.[i] ?? 0) : 1;
    people.set(key, (people.get(key) ?? 0) + count);
    if (colourBy === "community") {
      const team = (d.level === "team" ? d.nodes.label[i] : d.groups?.[group]) ?? "";
      if (team !== "") {
        const m = teams.get(key) ?? new Map<string, number>();
        m.set(team, (m.get(team) ?? 0) + count);
        teams.set(key, m);
      }
    }
  }
  const name = (key: number): string => {
    if (colourBy === "group") {
      const team = d.level === "team" ? d.nodes.label[key] : d.groups?.[key];
      return team ? team : "no team";
    }
    let best = "", most = 0;
    for (const [team, k] of teams.get(key) ?? []) if (k > most || (k === most && team < best)) [best, most] = [team, k];
    return best === "" ? `Community ${key}` : `Community ${key}: mostly ${best}`;
  };
  return [...people.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([key, n]) => ({ colour: colour(key), label: name(key), people: n }));
}

// How many ties the person-level map draws: the server keeps everyone's strongest ties, then the
// strongest of the rest (bench/RESULTS.md measures the map at 10,000 people).
const TIE_LIMITS: Record<string, string> = {
  "50000": "50,000 strongest",
  "150000": "150,000 strongest",
  all: "All",
};

// The largest of many values (spreading 400,000 of them into Math.max overflows the stack).
function largest(xs: readonly number[], floor: number): number {
  let m = floor;
  for (const x of xs) if (x > m) m = x;
  return m;
}

const PERSON_SIZES: Record<string, string> = {
  in_degree: "People who come to them",
  pagerank: "PageRank",
  betweenness: "Betweenness (bridging)",
  harmonic: "Reach (harmonic closeness)",
};

function buildGraph(d: GraphData, o: MapOptions): { graph: Graph; ranked: { label: string; value: number }[] } {
  const graph = new Graph({ type: "directed", allowSelfLoops: false });
  const n = d.nodes.x.length;
  let values: number[];
  if (d.level === "team") {
    values = (d.nodes.members ?? []).map(Number);
  } else {
    values = (d.nodes.metrics?.[o.sizeBy] ?? []).map((v) => (v === null ? 0 : Number(v)));
  }
  const max = largest(values, 1e-12);
  // The ten largest, listed beside the map, are named on it too (people's names are otherwise
  // drawn only for nodes large on the screen).
  const ranked = values
    .map((v, i) => ({ i, label: String(d.nodes.label[i] ?? `#${i}`), value: v }))
    .sort((a, b) => b.value - a.value || a.i - b.i)
    .slice(0, 10);
  // On the team-level map every team is named, the same way.
  const named = new Set(d.level === "person" ? ranked.filter((r) => r.value > 0).map((r) => r.i) : d.nodes.label.map((_, i) => i));
  for (let i = 0; i < n; i++) {
    const group = d.level === "team" ? i : d.nodes.group![i]!;
    const c = o.colourBy === "community" ? d.nodes.community[i]! : group;
    graph.addNode(String(i), {
      x: d.nodes.x[i],
      y: d.nodes.y[i],
      size: (d.level === "team" ? 4 : 1.5) + (d.level === "team" ? 16 : 10) * Math.sqrt(values[i]! / max),
      color: colour(c),
      label: d.nodes.label[i] ?? `#${d.nodes.id?.[i] ?? i}`,
      team: d.level === "team" ? d.nodes.label[i] : d.groups?.[group] ?? "",
      value: values[i],
      forceLabel: named.has(i),
    });
  }
  const wmax = largest(d.edges.weight, 1e-12);
  for (let e = 0; e < d.edges.source.length; e++) {
    const s = String(d.edges.source[e]), t = String(d.edges.target[e]);
    if (graph.hasEdge(s, t)) continue;
    graph.addEdge(s, t, {
      size: d.level === "team" ? 0.5 + 5 * (d.edges.weight[e]! / wmax) : 0.3,
      color: d.level === "team" ? "rgba(60,70,85,0.35)" : d.edges.source.length > 50000 ? "rgba(60,70,85,0.1)" : "rgba(60,70,85,0.22)",
    });
  }
  return { graph, ranked };
}

function networkMap(role: Role, snapshotId: number): HTMLElement {
  const options: MapOptions = { level: role === "admin" ? "person" : "team", colourBy: "group", sizeBy: "pagerank", ties: "50000", highlight: "" };
  const container = h("div", { class: "map", id: "network-map", role: "img", "aria-label": "Network map" });
  const tooltip = h("div", { class: "map-tip", "aria-live": "polite" });
  const status = h("p", { class: "muted small", id: "map-status" }, "Loading the map…");
  const focusLine = h("p", { class: "small", id: "map-focus", "aria-live": "polite" });
  const legend = h("ul", { class: "legend", id: "map-legend", "aria-label": "What the colours stand for" });
  const top = h("ol", { class: "top-list", id: "map-top" });
  const names = h("datalist", { id: "map-names" });
  const find = h("input", { type: "search", id: "map-find", list: "map-names", placeholder: "A name", autocomplete: "off" }) as HTMLInputElement;
  let renderer: Sigma | null = null;
  let graph: Graph | null = null;
  let data: GraphData | null = null;
  let found: string | null = null;  // the node found by name, shown with its ties
  let endFitting = () => {};  // stops the names' room being fitted (see draw)
  let nodeOf = new Map<string, string>();  // a name (or "name · team") → its node

  // The picked-out nodes (a finding's people, the one found by name) in full, with their ties;
  // the rest faded, their labels and other ties left out.
  const applyFocus = () => {
    if (!renderer || !graph || !data) return;
    const g = graph;
    const picked = new Set<string>();
    const listed = options.highlight && data.level === "person" ? data.findings?.[options.highlight] ?? [] : [];
    for (const i of listed) picked.add(String(i));
    if (found !== null) picked.add(found);
    const parts: string[] = [];
    if (options.highlight && data.level === "person") {
      const [one, many] = FINDING_NAMES[options.highlight];
      parts.push(data.findings === undefined ? `This server does not say who the ${many} are.` : listed.length === 0 ? `No ${many} in this snapshot.` : `${fmt.format(listed.length)} ${listed.length === 1 ? one : many} picked out, with their ties.`);
    }
    if (found !== null) {
      const a = g.getNodeAttributes(found);
      parts.push(`${a.label}${a.team && data.level === "person" ? ` · ${a.team}` : ""}: ${fmt.format(g.degree(found))} ${g.degree(found) === 1 ? "tie" : "ties"} on the map.`);
    }
    focusLine.textContent = parts.join(" ");
    if (picked.size === 0) {
      // Each setting changed draws the whole map again (seconds with 150,000 ties and no GPU).
      if (renderer.getSetting("nodeReducer") !== null) renderer.setSetting("nodeReducer", null);
      if (renderer.getSetting("edgeReducer") !== null) renderer.setSetting("edgeReducer", null);
      return;
    }
    renderer.setSetting("nodeReducer", (node, attrs) =>
      picked.has(node) ? { ...attrs, forceLabel: true, highlighted: node === found, zIndex: 2, size: Math.max(attrs.size ?? 0, 5) } : { ...attrs, color: FADED, label: null, forceLabel: false, zIndex: 0 },
    );
    renderer.setSetting("edgeReducer", (edge, attrs) => (picked.has(g.source(edge)) || picked.has(g.target(edge)) ? { ...attrs, color: PICKED_TIE } : { ...attrs, hidden: true }));
  };

  const findNode = () => {
    const wanted = find.value.trim();
    if (!renderer || !graph) return;
    if (wanted === "") {
      found = null;
      applyFocus();
      void renderer.getCamera().animatedReset({ duration: 300 });
      return;
    }
    const node = nodeOf.get(wanted) ?? nodeOf.get(wanted.toLowerCase());
    if (node === undefined) {
      found = null;
      applyFocus();
      focusLine.textContent = `Nobody on the map is called “${wanted}”.`;
      return;
    }
    found = node;
    // The map is not widened for the names any more once the camera goes somewhere: a widening
    // moves everyone's place, and the camera would end beside the person.
    endFitting();
    applyFocus();
    // Drawn now, so that the node's place is the framed one the camera moves in (a new reducer
    // leaves the raw coordinates there until the next frame, and a widening asked for before is
    // taken in).
    const r = renderer;
    r.refresh();
    const at = r.getNodeDisplayData(node);
    if (!at) return;
    void r.getCamera().animate({ x: at.x, y: at.y, ratio: 0.3 }, { duration: 500 }).then(() => {
      // Should their place have moved all the same, the camera follows.
      const now = r.getNodeDisplayData(node), camera = r.getCamera();
      if (renderer === r && found === node && now && !camera.isAnimated() && (camera.x !== now.x || camera.y !== now.y)) camera.setState({ x: now.x, y: now.y });
    });
  };
  find.addEventListener("change", findNode);
  find.addEventListener("keydown", (e) => {
    if (e.key === "Enter") findNode();
  });

  const select = (id: string, label: string, values: Record<string, string>, current: string, onChange: (v: string) => void) => {
    const s = h("select", { id }, Object.entries(values).map(([v, t]) => h("option", { value: v, selected: v === current }, t)));
    s.addEventListener("change", () => onChange(s.value));
    return h("div", { class: "control" }, h("label", { for: id }, label), s);
  };

  const draw = () => {
    if (!data) return;
    renderer?.kill();
    renderer = null;
    graph = null;
    clear(container);
    delete container.dataset.fitted;
    clear(top);
    clear(legend);
    clear(names);
    focusLine.textContent = "";
    if (data.nodes.x.length === 0) {
      status.textContent = "No group is large enough to show: the map only shows teams of at least the anonymity threshold.";
      return;
    }
    const built = buildGraph(data, options);
    const ranked = built.ranked;
    graph = built.graph;
    const what = data.level === "team" ? "teams" : "people";
    const shown = data.edges.source.length < data.edges_total
      ? `${fmt.format(graph.size)} of the ${fmt.format(data.edges_total)} ties (everyone's strongest, then the strongest of the rest)`
      : `${fmt.format(graph.size)} ties`;
    status.textContent = `${fmt.format(graph.order)} ${what}, ${shown}. ${data.level === "team" ? "Size: people in the team; line width: ties between teams." : `Size: ${PERSON_SIZES[options.sizeBy]}.`} Colour: ${options.colourBy === "community" ? "community" : "team"}.`;
    for (const r of ranked) top.append(h("li", {}, `${r.label} (${short(r.value)})`));
    const entries = mapLegend(data, options.colourBy);
    for (const e of entries.slice(0, LEGEND_ENTRIES)) {
      const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = e.colour;  // through the CSSOM: the page's policy allows no inline style
      legend.append(h("li", { "data-people": String(e.people) }, swatch, `${e.label} (${fmt.format(e.people)})`));
    }
    if (entries.length > LEGEND_ENTRIES) {
      const rest = entries.slice(LEGEND_ENTRIES);
      const people = rest.reduce((n, e) => n + e.people, 0);
      legend.append(h("li", { class: "muted", "data-people": String(people) }, `${fmt.format(rest.length)} more ${options.colourBy === "community" ? "communities" : "teams"} (${fmt.format(people)})`));
    }
    // Names to find: a person's name, and "name · team" where two share a name.
    nodeOf = new Map();
    const seen = new Map<string, number>();
    graph.forEachNode((_, a) => seen.set(String(a.label).toLowerCase(), (seen.get(String(a.label).toLowerCase()) ?? 0) + 1));
    graph.forEachNode((node, a) => {
      const label = String(a.label);
      const full = data!.level === "person" && a.team ? `${label} · ${a.team}` : label;
      if (!nodeOf.has(full)) {
        nodeOf.set(full, node);
        names.append(h("option", { value: full }));
      }
      if (seen.get(label.toLowerCase()) === 1) nodeOf.set(label.toLowerCase(), node);
      if (!nodeOf.has(label)) nodeOf.set(label, node);
    });
    let overflow = 0, rounds = 0;  // how far labels run past the right edge; fitting rounds
    // The labels sigma chooses for a frame (a few per cell of its grid), placed after it:
    // picked-out nodes' first (else the ten largest people's, or every team's), then the larger
    // nodes', each beside its node where it overlaps no label already placed, or not at all (a
    // team's long name ran across its neighbours' before).
    let asked: { text: string; x: number; y: number; size: number; forced: boolean }[] = [];  // x, y: the node's centre
    try {
      renderer = new Sigma(graph, container, {
        defaultEdgeType: "line",
        hideEdgesOnMove: graph.size > 20000,
        labelRenderedSizeThreshold: data.level === "team" ? 0 : 9,
        // Candidates for labels: every team; people a few to a cell of sigma's grid (more as the
        // reader zooms in). Those that would overlap are left out when placed (below).
        labelDensity: data.level === "team" ? 100 : 1,
        zIndex: true,
        // Each label noted as sigma asks for it, and drawn once the frame's labels are placed.
        defaultDrawNodeLabel: (_context, d) => {
          if (d.label) asked.push({ text: d.label, x: d.x, y: d.y, size: d.size, forced: !!d.forceLabel });
        },
        // A frame already scheduled when the reader leaves the page draws into a detached box.
        allowInvalidContainer: true,
      });
    } catch {
      status.textContent = "This browser cannot draw the map (WebGL is unavailable); the ranked list below has the same data.";
      return;
    }
    // The names drawn: each one's box, and the line from its node where it is set apart.
    const placed: { x: number; y: number; w: number; h: number; text: string; line?: [number, number, number, number] }[] = [];
    const place = (sigma: Sigma) => {
      const settings = sigma.getSettings();
      const context = sigma.getCanvases().labels?.getContext("2d");
      placed.length = 0;
      if (!context) return;
      const size = settings.labelSize;
      context.fillStyle = settings.labelColor.color ?? "#000";
      context.strokeStyle = "rgba(255, 255, 255, 0.85)";
      context.lineWidth = 2.5;
      context.lineJoin = "round";
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      asked.sort((a, b) => Number(b.forced) - Number(a.forced) || b.size - a.size || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      const width = container.clientWidth, height = container.clientHeight;
      for (const l of asked) {
        // Right of the node, as sigma draws it; where that overlaps a name already placed, left
        // of it, above or below it, inside the map. Each box with a pixel to spare around it.
        const w = context.measureText(l.text).width, r = l.size;
        // A name that must be drawn (picked out, among the ten largest people, or a team's) may
        // also go a line or three higher or lower, right or left of its node, with a line to it.
        const row = size * 1.3;
        const spots: { x: number; y: number; leader?: -1 | 1 }[] = [
          { x: l.x + r + 3, y: l.y + size / 3 },
          { x: l.x - r - 3 - w, y: l.y + size / 3 },
          { x: l.x - w / 2, y: l.y - r - 2 - size * 0.27 },
          { x: l.x - w / 2, y: l.y + r + 2 + size * 0.94 },
          ...(l.forced ? [-1, 1, -2, 2, -3, 3].flatMap((n) => [
            { x: l.x + r + 14, y: l.y + size / 3 + n * row, leader: 1 as const },
            { x: l.x - r - 14 - w, y: l.y + size / 3 + n * row, leader: -1 as const },
          ]) : []),
        ];
        for (const [k, at] of spots.entries()) {
          const box: (typeof placed)[number] = { x: at.x - 1, y: at.y - size * 0.94 - 1, w: w + 2, h: size * 1.21 + 2, text: l.text };
          if (k > 0 && (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height)) continue;
          if (placed.some((p) => box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h)) continue;
          placed.push(box);
          if (k === 0) overflow = Math.max(overflow, box.x + box.w - (width - 6));  // 6 px to spare
          if (at.leader) {
            const line: [number, number, number, number] = [l.x + at.leader * r, l.y, at.leader > 0 ? at.x - 2 : at.x + w + 2, at.y - size * 0.35];
            box.line = line;
            context.save();
            context.strokeStyle = "rgba(60, 70, 85, 0.8)";
            context.lineWidth = 1;
            context.beginPath();
            context.moveTo(line[0], line[1]);
            context.lineTo(line[2], line[3]);
            context.stroke();
            context.restore();
          }
          // On a white halo: a name over the nodes and ties drawn under it stays legible.
          context.strokeText(l.text, at.x, at.y);
          context.fillText(l.text, at.x, at.y);
          break;
        }
      }
      asked = [];
    };
    const drawn = renderer;
    drawn.on("beforeRender", () => (asked = []));
    drawn.on("afterRender", () => place(drawn));
    renderer.on("enterNode", ({ node }) => {
      const a = built.graph.getNodeAttributes(node);
      tooltip.textContent = data!.level === "team" ? `${a.label}: ${a.value} people` : `${a.label} · ${a.team} · ${PERSON_SIZES[options.sizeBy]} ${short(a.value)}`;
    });
    renderer.on("leaveNode", () => (tooltip.textContent = ""));
    if (data.level === "person") {
      renderer.on("clickNode", ({ node }) => {
        const id = data!.nodes.id?.[Number(node)];
        if (id) location.hash = `#/people/${id}`;
      });
    }
    // Room on the right for the names: as first drawn, the drawing is narrowed (its box widened
    // on the right) until no label runs off the map; eight rounds at most, and never after the
    // reader zooms or pans, when labels past the edge are expected.
    let box = { x: [Infinity, -Infinity] as [number, number], y: [Infinity, -Infinity] as [number, number] };
    graph.forEachNode((_, a) => {
      box.x = [Math.min(box.x[0], a.x), Math.max(box.x[1], a.x)];
      box.y = [Math.min(box.y[0], a.y), Math.max(box.y[1], a.y)];
    });
    const onRender = () => {
      const moved = drawn.getCamera().ratio !== 1 || drawn.getCamera().x !== 0.5 || drawn.getCamera().y !== 0.5;
      if (overflow <= 0 || rounds >= 8 || moved || box.x[1] <= box.x[0]) {
        drawn.off("afterRender", onRender);
        container.dataset.fitted = String(rounds);  // for tests: the names' room is settled
        return;
      }
      ++rounds;
      const a = drawn.graphToViewport({ x: box.x[0], y: box.y[0] }), b = drawn.graphToViewport({ x: box.x[1], y: box.y[0] });
      const perUnit = (b.x - a.x) / (box.x[1] - box.x[0]);
      // Widened by a third more than the overflow: the drawing narrows as its box widens.
      box = { x: [box.x[0], box.x[1] + (1.33 * overflow + 6) / perUnit], y: box.y };
      overflow = 0;
      drawn.setCustomBBox(box);
      drawn.scheduleRefresh();  // the box is read when the graph is processed, not at every drawing
    };
    drawn.on("afterRender", onRender);
    endFitting = () => (rounds = 8);  // the next drawing ends the fitting
    // The first drawing was in the constructor, before the listeners: its labels (noted) are
    // placed now and its fit checked, instead of drawing it all again.
    overflow = 0;
    place(drawn);
    onRender();
    // For tests: the renderer, and the boxes of the names last drawn.
    Object.assign(window as unknown as object, { __plMap: renderer, __plMapLabels: placed });
    // A finding chosen, or a name found, stays picked out when the map is drawn again.
    if (found !== null && !graph.hasNode(found)) found = null;
    if (find.value.trim() !== "" && found === null) findNode();
    else applyFocus();
  };

  // The renderer lives as long as the page: stop it when the reader goes elsewhere.
  window.addEventListener(
    "hashchange",
    () => {
      renderer?.kill();
      renderer = null;
    },
    { once: true, capture: true },  // before the app's own listener detaches the container
  );

  const load = () => {
    status.textContent = "Loading the map…";
    found = null;  // nodes are numbered anew
    networkGraph(options.level, snapshotId, options.level === "person" ? (options.ties === "all" ? 2_000_000 : Number(options.ties)) : undefined)
      .then((d) => {
        data = d;
        draw();
      })
      .catch((e) => {
        clear(container);
        status.textContent = "";
        container.append(errorBox(e));
      });
  };

  const controls = h("div", { class: "controls" });
  if (role === "admin") {
    controls.append(
      select("map-level", "Show", { person: "People", team: "Teams" }, options.level, (v) => {
        options.level = v as MapOptions["level"];
        sizeControl.hidden = options.level === "team";
        tiesControl.hidden = options.level === "team";
        highlightControl.hidden = options.level === "team";
        load();
      }),
    );
  }
  const tiesControl = select("map-ties", "Ties", TIE_LIMITS, options.ties, (v) => {
    options.ties = v;
    load();
  });
  tiesControl.hidden = options.level === "team";
  controls.append(
    select("map-colour", "Colour by", { group: "Team", community: "Community" }, options.colourBy, (v) => {
      options.colourBy = v as MapOptions["colourBy"];
      draw();
    }),
  );
  const sizeControl = select("map-size", "Size by", PERSON_SIZES, options.sizeBy, (v) => {
    options.sizeBy = v;
    draw();
  });
  sizeControl.hidden = options.level === "team";
  controls.append(sizeControl);
  if (role === "admin") controls.append(tiesControl);
  const highlightControl = select("map-highlight", "Pick out", { "": "Nobody", ...Object.fromEntries(Object.entries(FINDING_NAMES).map(([k, [, many]]) => [k, many[0]!.toUpperCase() + many.slice(1)])) }, options.highlight, (v) => {
    options.highlight = v as MapOptions["highlight"];
    applyFocus();
  });
  if (role === "admin") controls.append(highlightControl);
  controls.append(h("div", { class: "control" }, h("label", { for: "map-find" }, "Find"), find, names));
  load();
  return h(
    "section",
    { class: "card", "aria-labelledby": "map-title" },
    h("h2", { id: "map-title" }, "Network map"),
    controls,
    status,
    focusLine,
    h("div", { class: "map-wrap" }, container, tooltip),
    legend,
    h("h3", {}, "Largest on the map"),
    top,
  );
}

// --- pages ---

export function networkPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const wanted = Number(params.get("snapshot") ?? 0) || undefined;
  let schedule: AnalysisSchedule | null = null;
  networkSnapshots()
    .then((r) => {
      const snapshots = r.snapshots;
      schedule = r.schedule;
      clear(body);
      if (snapshots.length === 0) throw new ApiError(404, "not_found", "not analysed");
      const current = snapshots.find((s) => s.id === wanted) ?? snapshots[0]!;
      const deleted = Number(params.get("deleted") ?? 0);
      if (deleted) body.append(h("p", { class: "notice", role: "status", id: "snapshot-deleted" }, `Snapshot ${deleted} deleted.`));
      body.append(overview(role, current, snapshots, schedule));
    })
    .catch((e) => {
      clear(body);
      body.append(notAnalysed(e, role));
      if (role === "admin") body.append(importForm(), linkedAccounts(), analyseForm(schedule));
    });
  return h("section", {}, h("h1", {}, "Knowledge network"), body);
}

// What the all-pairs metrics are in this snapshot when not exact: an estimate with its bound, or
// left out.
function metricNotes(m: NetworkSummaryNumbers): HTMLElement | null {
  const notes: string[] = [];
  if (m.betweenness_method && m.betweenness_method !== "exact") {
    notes.push(`Betweenness ${m.betweenness_method}: with probability ${fmt.format(1 - (m.betweenness_delta ?? 0))} every normalised value is within ${fmt.format(m.betweenness_epsilon ?? 0)} of the exact one.`);
  }
  if (m.closeness_computed === false) notes.push("Closeness was left out for a network this large.");
  return notes.length === 0 ? null : h("p", { class: "muted small", id: "metric-notes" }, notes.join(" "));
}

function overview(role: Role, s: SnapshotListItem, all: SnapshotListItem[], schedule: AnalysisSchedule | null): HTMLElement {
  const m = s.summary;
  const picker = h(
    "select",
    { id: "snapshot-pick" },
    all.map((x) => h("option", { value: x.id, selected: x.id === s.id }, `#${x.id} · ${x.taken_at.slice(0, 16).replace("T", " ")}${x.summary.scheduled ? " (scheduled)" : ""}`)),
  );
  picker.addEventListener("change", () => (location.hash = `#/network?snapshot=${picker.value}`));
  const stats = h(
    "div",
    { class: "stats", id: "network-stats" },
    stat(one(m.people, "person", "people"), fmt.format(m.people), `${fmt.format(m.people_with_ties)} with ties`),
    // Ties returned, and how much of their weight (where one side does most of the helping, far
    // less: with thread co-participation, which runs both ways, nearly every tie is returned).
    stat(one(m.ties, "tie", "ties"), fmt.format(m.ties), `${pct(m.reciprocity)} returned${m.weight_reciprocity === undefined ? "" : `, ${pct(m.weight_reciprocity)} of their weight`}`),
    stat(one(m.communities, "community", "communities"), fmt.format(m.communities), `modularity ${fmt.format(m.modularity)}`),
    stat("ties across teams", pct(m.cross_team_tie_share)),
    stat(one(m.champions, "hidden champion", "hidden champions"), fmt.format(m.champions)),
    stat(one(m.silos, "silo team", "silo teams"), fmt.format(m.silos)),
    stat(one(m.brokers, "broker", "brokers"), fmt.format(m.brokers)),
    stat(one(m.isolated_newcomers, "newcomer not yet connected", "newcomers not yet connected"), fmt.format(m.isolated_newcomers), `of ${fmt.format(m.newcomers)} ${one(m.newcomers, "newcomer", "newcomers")}`),
  );
  return h(
    "div",
    {},
    h(
      "div",
      { class: "row" },
      h("div", {}, snapshotLine(s), snapshotSettings(s.id), metricNotes(m)),
      h(
        "div",
        { class: "controls" },
        h("div", { class: "control" }, h("label", { for: "snapshot-pick" }, "Snapshot"), picker),
        all.some((x) => x.id < s.id) ? h("a", { href: `#/changes?to=${s.id}`, id: "what-changed" }, "What changed since the one before") : null,
      ),
    ),
    role === "admin" ? deleteControl(s) : null,
    stats,
    role === "employee" ? h("p", { class: "muted" }, "Your own place in the network is on your profile.") : networkMap(role, s.id),
    role === "admin" ? downloads(s.id) : null,
    role === "admin" ? importForm() : null,
    role === "admin" ? linkedAccounts() : null,
    role === "admin" ? analyseForm(schedule) : null,
  );
}

// The snapshot's files for other tools (admins: they hold person-level scores), as `peerlearn
// export` writes them; names and e-mails left out on asking. Each download is audited.
function downloads(id: number): HTMLElement {
  const files: [string, string][] = [
    ["network.gexf", "Gephi (GEXF)"],
    ["network.graphml", "GraphML"],
    ["network.json", "JSON"],
    ["people.csv", "people.csv"],
    ["edges.csv", "edges.csv"],
    ["teams.csv", "teams.csv"],
    ["team_flows.csv", "team_flows.csv"],
    ["communities.csv", "communities.csv"],
    ["champions.csv", "champions.csv"],
    ["visible_helpers.csv", "visible_helpers.csv"],
    ["brokers.csv", "brokers.csv"],
    ["single_points.csv", "single_points.csv"],
    ["newcomers.csv", "newcomers.csv"],
  ];
  const anonymous = h("input", { type: "checkbox", id: "download-no-names" });
  const links = files.map(([file, label]) => h("a", { href: "", download: "", "data-file": file }, label));
  const update = () => {
    for (const a of links) {
      const file = a.dataset.file!;
      a.href = `/api/v1/network/snapshots/${id}/${file}${anonymous.checked ? "?names=0" : ""}`;
      a.download = `peerlearn-snapshot-${id}-${file}`;
    }
  };
  anonymous.addEventListener("change", update);
  update();
  const list = h("p", { id: "downloads" });
  links.forEach((a, i) => list.append(...(i ? [" · ", a] : [a])));
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Download this snapshot"),
    h("p", { class: "muted small" }, "For Gephi, Cytoscape, NetworkX or a spreadsheet: every person's metrics, the ties with both people's attributes, teams and flows between them. Person-level; each download is recorded in the audit log."),
    list,
    h("div", { class: "field checkbox" }, anonymous, h("label", { for: "download-no-names" }, "Leave out names and e-mails (employee ids only)")),
  );
}

// Deleting the shown snapshot (admins): asked for, then confirmed; the interactions it was
// computed from stay, so it can be analysed again.
function deleteControl(s: SnapshotListItem): HTMLElement {
  const ask = h("button", { type: "button", class: "link", id: "delete-snapshot" }, `Delete snapshot ${s.id}…`);
  const out = h("p", { "aria-live": "polite", class: "muted small" });
  const confirm = h("button", { type: "button", class: "danger", id: "delete-snapshot-confirm" }, `Delete snapshot ${s.id}`);
  const cancel = h("button", { type: "button" }, "Keep it");
  const sure = h(
    "div",
    { class: "notice", hidden: true, id: "delete-snapshot-ask" },
    h("p", {}, `Delete snapshot ${s.id} (analysed ${s.taken_at.slice(0, 16).replace("T", " ")}) with its results and ${fmt.format(s.summary.ties)} ties? This cannot be undone; the interactions it was computed from are kept.`),
    h("div", { class: "controls" }, confirm, cancel),
  );
  ask.addEventListener("click", () => {
    sure.hidden = false;
    cancel.focus();
  });
  cancel.addEventListener("click", () => {
    sure.hidden = true;
    ask.focus();
  });
  confirm.addEventListener("click", async () => {
    confirm.disabled = cancel.disabled = true;
    out.textContent = "Deleting…";
    try {
      await deleteSnapshot(s.id);
      location.hash = `#/network?deleted=${s.id}`;
    } catch (e) {
      out.textContent = e instanceof ApiError ? e.message : "The snapshot could not be deleted.";
      confirm.disabled = cancel.disabled = false;
    }
  });
  return h("div", {}, ask, sure, out);
}

const LAYERS = ["reply", "mention", "reaction", "thread", "nomination", "debrief", "kudos", "mentoring"] as const;

// The last eight calendar quarters, newest first: [value for the API, label].
function recentQuarters(today = new Date()): [string, string][] {
  const months = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"];
  let y = today.getUTCFullYear(),
    q = Math.floor(today.getUTCMonth() / 3) + 1;
  const out: [string, string][] = [];
  for (let i = 0; i < 8; i++) {
    out.push([`${y}Q${q}`, `${y} Q${q} (${months[q - 1]})`]);
    if (--q === 0) (q = 4), y--;
  }
  return out;
}

// The day after an ISO date (the API's ranges end before their `to`; the form's "through" day
// is included).
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

// Analyse now: the window (all, the last N days, a calendar quarter or a date range) and, under
// "More settings", a half-life for older ties, the layers' weights, the communities' resolution
// and whether ties are weighed by their strength — the settings `peerlearn analyze` takes.
// What the server analyses by itself, and when next.
function scheduleText(s: AnalysisSchedule): string {
  const every = s.every_hours === 168 ? "once a week" : s.every_hours === 24 ? "once a day" : `every ${fmt.format(s.every_hours)} hours`;
  const what = s.days > 0 ? `the last ${fmt.format(s.days)} days` : "every interaction";
  const next = s.next_at ? `next after ${s.next_at.slice(0, 16).replace("T", " ")} UTC` : "as soon as there are interactions";
  const keep = s.keep > 0 ? `, keeping the newest ${fmt.format(s.keep)} snapshots` : "";
  return `The server also analyses ${what} by itself ${every}${keep}: ${next}.`;
}

function analyseForm(schedule: AnalysisSchedule | null = null): HTMLElement {
  const days = h(
    "select",
    { id: "analyse-days" },
    [["", "All interactions"], ["30", "Last 30 days"], ["90", "Last 90 days"], ["180", "Last 180 days"], ["365", "Last year"], ["quarter", "A calendar quarter"], ["range", "A date range"]].map(([v, t]) => h("option", { value: v! }, t!)),
  );
  const quarter = h("select", { id: "analyse-quarter" }, recentQuarters().map(([v, t]) => h("option", { value: v }, t)));
  const from = h("input", { type: "date", id: "analyse-from" });
  const through = h("input", { type: "date", id: "analyse-through" });
  const quarterField = h("div", { class: "control", hidden: true }, h("label", { for: "analyse-quarter" }, "Quarter"), quarter);
  const rangeFields = [
    h("div", { class: "control", hidden: true }, h("label", { for: "analyse-from" }, "From"), from),
    h("div", { class: "control", hidden: true }, h("label", { for: "analyse-through" }, "Through"), through),
  ];
  days.addEventListener("change", () => {
    quarterField.hidden = days.value !== "quarter";
    for (const f of rangeFields) f.hidden = days.value !== "range";
  });
  const halfLife = h("input", { type: "number", id: "analyse-half-life", min: 1, max: 36500, step: 1, inputmode: "numeric", "aria-describedby": "analyse-half-life-help" });
  const resolution = h("input", { type: "number", id: "analyse-resolution", min: 0.01, max: 100, step: 0.01, value: "1" });
  const weighted = h("input", { type: "checkbox", id: "analyse-weighted" });
  const betweenness = h(
    "select",
    { id: "analyse-betweenness" },
    [["", "Exact where affordable"], ["exact", "Exact, however long it takes"], ["256", "Estimated from 256 sampled people"], ["1024", "Estimated from 1,024 sampled people"]].map(([v, t]) => h("option", { value: v! }, t!)),
  );
  const weights = LAYERS.map((l) => h("input", { type: "number", id: `analyse-layer-${l}`, min: 0, max: 1000, step: 0.5, value: "1", class: "narrow" }));
  const newcomerDays = h("input", { type: "number", id: "analyse-newcomer-days", min: 1, max: 3650, step: 1, value: "90", inputmode: "numeric", class: "narrow" });
  const graceDays = h("input", { type: "number", id: "analyse-grace-days", min: 0, max: 365, step: 1, value: "14", inputmode: "numeric", class: "narrow" });
  const skillLevel = h("select", { id: "analyse-skill-level" }, [["1", "1 and up"], ["2", "2 and up"], ["3", "3 and up"], ["4", "4 only"]].map(([v, t]) => h("option", { value: v!, selected: v === "3" }, t!)));
  const skillSteps = h("input", { type: "number", id: "analyse-skill-steps", min: 0, max: 10, step: 1, value: "2", inputmode: "numeric", class: "narrow" });
  const more = h(
    "details",
    { id: "analyse-more" },
    h("summary", {}, "More settings"),
    h(
      "div",
      { class: "controls" },
      h("div", { class: "control" }, h("label", { for: "analyse-half-life" }, "Half-life (days)"), halfLife),
      h("div", { class: "control" }, h("label", { for: "analyse-resolution" }, "Community resolution"), resolution),
      h("div", { class: "control" }, h("label", { for: "analyse-betweenness" }, "Betweenness and closeness"), betweenness),
      h("div", { class: "field checkbox" }, weighted, h("label", { for: "analyse-weighted" }, "Weigh ties by how often people interacted")),
    ),
    h("p", { class: "muted small", id: "analyse-half-life-help" }, "With a half-life, a tie counts half as much for every that many days of age, measured from the window's end (a window is needed). A higher resolution finds more, smaller communities. Betweenness is exact up to 20,000 people (or people × ties 1.5e10) and estimated from 512 sampled people above, with its error bound stated."),
    h(
      "fieldset",
      { class: "layer-weights" },
      h("legend", {}, "Weight of each kind of interaction (0 leaves it out)"),
      h("div", { class: "controls" }, LAYERS.map((l, i) => h("div", { class: "control" }, h("label", { for: `analyse-layer-${l}` }, l), weights[i]!))),
    ),
    h(
      "fieldset",
      { class: "layer-weights", id: "analyse-findings" },
      h("legend", {}, "Newcomers and knowledge at risk"),
      h(
        "div",
        { class: "controls" },
        h("div", { class: "control" }, h("label", { for: "analyse-newcomer-days" }, "Newcomers: hired within (days)"), newcomerDays),
        h("div", { class: "control" }, h("label", { for: "analyse-grace-days" }, "Settling in for (days)"), graceDays),
        h("div", { class: "control" }, h("label", { for: "analyse-skill-level" }, "Skills held from level"), skillLevel),
        h("div", { class: "control" }, h("label", { for: "analyse-skill-steps" }, "Nearby: steps in the network"), skillSteps),
      ),
      h("p", { class: "muted small" }, "A newcomer with no tie beyond their manager is called not yet connected only after their settling-in days. A skill is at risk when its holder is the only one at that level in their team and within that many steps of them."),
    ),
  );
  const button = h("button", { type: "button", class: "primary", id: "analyse" }, "Analyse now");
  const out = h("p", { "aria-live": "polite", class: "muted small", id: "analyse-status" });
  // The settings as the API takes them, or what is missing.
  const settings = (): Record<string, unknown> | string => {
    const s: Record<string, unknown> = {};
    if (days.value === "quarter") s.quarter = quarter.value;
    else if (days.value === "range") {
      if (!from.value && !through.value) return "Give the range's first day, its last day, or both.";
      if (from.value) s.from = from.value;
      if (through.value) s.to = dayAfter(through.value);
    } else if (days.value) s.days = Number(days.value);
    if (halfLife.value) {
      if (!days.value) return "A half-life needs a window: choose one above.";
      s.half_life_days = Number(halfLife.value);
    }
    if (resolution.value && Number(resolution.value) !== 1) s.resolution = Number(resolution.value);
    if (weighted.checked) s.weighted = true;
    if (betweenness.value === "exact") s.exact = true;
    else if (betweenness.value) s.betweenness_sources = Number(betweenness.value);
    const layers: Record<string, number> = {};
    LAYERS.forEach((l, i) => {
      const v = weights[i]!.value;
      if (v !== "" && Number(v) !== 1) layers[l] = Number(v);
    });
    if (Object.keys(layers).length > 0) s.layers = layers;
    const whole = (input: HTMLInputElement, lo: number, hi: number) => input.value === "" || (Number.isInteger(Number(input.value)) && Number(input.value) >= lo && Number(input.value) <= hi);
    if (!whole(newcomerDays, 1, 3650)) return "Newcomers' days: a whole number from 1 to 3650.";
    if (!whole(graceDays, 0, 365)) return "Settling-in days: a whole number from 0 to 365.";
    if (!whole(skillSteps, 0, 10)) return "Steps in the network: a whole number from 0 to 10.";
    const nd = newcomerDays.value === "" ? 90 : Number(newcomerDays.value);
    const gd = graceDays.value === "" ? 14 : Number(graceDays.value);
    if (gd >= nd) return "The settling-in days must be fewer than the newcomers' days.";
    if (nd !== 90) s.newcomer_days = nd;
    if (gd !== 14) s.newcomer_grace_days = gd;
    if (skillLevel.value !== "3") s.skill_level = Number(skillLevel.value);
    if (skillSteps.value !== "" && Number(skillSteps.value) !== 2) s.skill_steps = Number(skillSteps.value);
    return s;
  };
  button.addEventListener("click", async () => {
    const s = settings();
    if (typeof s === "string") {
      out.textContent = s;
      return;
    }
    button.disabled = true;
    out.textContent = "Analysing…";
    try {
      const r = await analyseNetwork(s);
      out.textContent = `Snapshot ${r.snapshot.id} stored.`;
      location.hash = `#/network?snapshot=${r.snapshot.id}`;
    } catch (e) {
      out.textContent = e instanceof ApiError ? e.message : "The analysis failed.";
    } finally {
      button.disabled = false;
    }
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "analyse-title" },
    h("h2", { id: "analyse-title" }, "Analyse again"),
    schedule ? h("p", { class: "muted small", id: "analyse-schedule" }, scheduleText(schedule)) : null,
    h("div", { class: "controls" }, h("div", { class: "control" }, h("label", { for: "analyse-days" }, "Window"), days), quarterField, ...rangeFields, button),
    more,
    out,
  );
}

const SIGNALS: [string, string][] = [
  ["askers_pct", "Asked for help"],
  ["answers_pct", "Answers given"],
  ["nominations_pct", "Named as a helper"],
  ["betweenness_pct", "Bridges people"],
  ["recognition_pct", "Recognition received"],
];

// The champions found against people the admin knows to be go-to helpers (employee ids, pasted):
// how many of them were found, and who was missed or found beyond the list; and, where the admin
// also lists helpers who are thanked for their help (visible, so not hidden), which of those were
// listed as hidden champions all the same.
function knownHelpersCheck(snapshot: number): HTMLElement {
  const ids = h("textarea", { id: "known-helpers", rows: 3, spellcheck: "false" });
  const thanked = h("textarea", { id: "known-recognised", rows: 2, spellcheck: "false" });
  const idList = (text: string) => [...new Set(text.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean))];
  const out = h("div", { id: "known-helpers-result", "aria-live": "polite" });
  const ratio = (v: number | null) => (v === null ? "n/a" : v.toFixed(2));
  const form = h(
    "form",
    { class: "card", id: "known-helpers-form" },
    h("h2", {}, "Check against people you know"),
    h("p", { class: "muted small" }, "Paste the employee ids of people you know to be go-to helpers (from a survey, from managers): how many of them were found, and who was found beyond your list."),
    h("div", { class: "field" }, h("label", { for: "known-helpers" }, "Employee ids (one per line, or separated by commas or spaces)"), ids),
    h("div", { class: "field" }, h("label", { for: "known-recognised" }, "Optional: helpers you know are thanked for it (recognised, so not hidden)"), thanked),
    h("button", { type: "submit", class: "primary" }, "Compare"),
    out,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const list = idList(ids.value);
    const recognised = idList(thanked.value);
    clear(out);
    if (list.length === 0) {
      out.append(h("p", { class: "error", role: "alert" }, "Paste at least one employee id."));
      return;
    }
    try {
      const r = await checkFindings(recognised.length ? { hidden_champions: list, recognised_helpers: recognised } : { hidden_champions: list }, snapshot);
      const s = r.scores[0];
      const name = (id: string) => {
        const p = r.people[id];
        return p?.name ? `${p.name} (${id})` : id;
      };
      out.append(
        h("p", { id: "known-helpers-score" }, `${s.hits} of the ${s.known} ${s.known === 1 ? "person" : "people"} you listed ${s.hits === 1 ? "is" : "are"} among the ${s.found} ${s.found === 1 ? "hidden champion" : "hidden champions"} found: recall ${ratio(s.recall)}, precision ${ratio(s.precision)}.`),
        h(
          "dl",
          { class: "small" },
          h("dt", {}, "On your list, not found"),
          h("dd", { "data-part": "missed" }, s.missed.length ? s.missed.map(name).join("; ") : "none"),
          h("dt", {}, "Found, not on your list"),
          h("dd", { "data-part": "unexpected" }, s.unexpected.length ? s.unexpected.map(name).join("; ") : "none"),
          s.recognised_helpers ? h("dt", {}, `Recognised, yet listed as hidden (of the ${s.recognised_helpers} you named)`) : null,
          s.recognised_helpers ? h("dd", { "data-part": "recognised-reported" }, s.recognised_reported?.length ? s.recognised_reported.map(name).join("; ") : "none") : null,
        ),
      );
    } catch (e) {
      out.append(errorBox(e));
    }
  });
  return form;
}

// An admin's page of person-level findings: its title and what it lists, then the newest
// snapshot's line and what `fill` makes of the answer; a network not analysed yet, or a role
// that may not see it, is said in its place.
function findingsPage<T extends { snapshot: SnapshotHeader }>(title: string, intro: string, load: () => Promise<T>, fill: (body: HTMLElement, r: T) => void): HTMLElement {
  const body = h("div", {}, loading());
  load()
    .then((r) => {
      clear(body);
      body.append(snapshotLine(r.snapshot));
      fill(body, r);
    })
    .catch((e) => {
      clear(body);
      body.append(notAnalysed(e, "admin"));
    });
  return h("section", {}, h("h1", {}, title), h("p", { class: "muted" }, intro), body);
}

// "Also a hidden champion · a single point of failure", each a link to its page, or nothing.
const FINDING_PAGES: Record<FindingKind, [string, string]> = {
  champion: ["#/champions", "a hidden champion"],
  visible_helper: ["#/champions", "a go-to helper the structure sees"],
  broker: ["#/brokers", "a broker between communities"],
  single_point: ["#/at-risk", "a single point of failure"],
};
function alsoLine(also: readonly FindingKind[] | undefined): HTMLElement | "" {
  if (!also || also.length === 0) return "";
  return h("p", { class: "also small" }, "Also ", ...also.flatMap((k, i) => [i ? " · " : "", h("a", { href: FINDING_PAGES[k][0] }, FINDING_PAGES[k][1])]));
}

// The go-to people the structure already sees (they manage, are senior, or are thanked for their
// help): as widely sought as the hidden champions, listed to watch their load, not to discover.
function visibleHelpers(list: VisibleHelper[] | null): HTMLElement | null {
  if (list === null) return null; // analysed before they were kept
  const seenBy = (c: VisibleHelper) => (c.reasons[c.reasons.length - 1] ?? "").replace(/^seen by the structure: /, "");
  return h(
    "section",
    { class: "card", id: "visible-helpers", "aria-labelledby": "visible-helpers-title" },
    h("h2", { id: "visible-helpers-title" }, "Sought as widely, and already seen"),
    h("p", { class: "muted small" }, "Helpers asked by as many people as the hidden champions, whom the structure does see: they manage, stand above the median level, or are thanked by at least a quarter of those who ask them. Worth watching for overload rather than discovering."),
    list.length === 0
      ? h("p", {}, "Nobody in this snapshot.")
      : h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Helpers already seen" },
          h(
            "table",
            {},
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Person"), h("th", { scope: "col" }, "Team"), h("th", { scope: "col", class: "num" }, "Asked by"), h("th", { scope: "col" }, "Seen by the structure"))),
            h(
              "tbody",
              {},
              list.map((c) =>
                h(
                  "tr",
                  {},
                  h("td", {}, c.person.name ? personLink({ id: c.person.id, name: c.person.name }) : `#${c.person.id}`),
                  h("td", {}, c.person.team ?? ""),
                  h("td", { class: "num" }, String(c.signals.askers ?? "")),
                  h("td", { "data-part": "seen-by" }, seenBy(c), alsoLine(c.also)),
                ),
              ),
            ),
          ),
        ),
  );
}

export function championsPage(): HTMLElement {
  return findingsPage("Hidden champions", "People whose help is widely sought while the formal structure does not see them: no reports, level at or below the median, little recognition. Person-level: visible to admins only.", champions, (body, r) => {
    if (r.champions.length === 0) {
      body.append(h("p", {}, "No hidden champions stand out in this snapshot."), visibleHelpers(r.visible_helpers) ?? "", knownHelpersCheck(r.snapshot.id));
      return;
    }
    body.append(
      h(
        "ol",
        { class: "champions", id: "champions" },
        r.champions.map((c) =>
          h(
            "li",
            { class: "card champion" },
            h("h2", {}, c.person.name ? personLink({ id: c.person.id, name: c.person.name }) : `#${c.person.id}`, h("span", { class: "muted small" }, ` · ${[c.person.title, c.person.team].filter(Boolean).join(" · ")}`)),
            h("p", { class: "small" }, `Score ${fmt.format(c.score)} (mean percentile of the help signals)`),
            h(
              "ul",
              { class: "signals" },
              SIGNALS.map(([key, label]) =>
                // Recognition is the other way round: the less of it, the more hidden (the
                // meter's colour says so).
                key === "recognition_pct"
                  ? h("li", {}, h("span", {}, label), h("meter", { min: 0, max: 1, low: 0.34, high: 0.67, optimum: 0, value: c.signals[key] ?? 0, "aria-label": `${label}: ${pct(c.signals[key])} percentile, the lower the more hidden` }), h("span", { class: "muted small", title: "the lower, the more hidden" }, pct(c.signals[key])))
                  : h("li", {}, h("span", {}, label), h("meter", { min: 0, max: 1, value: c.signals[key] ?? 0, "aria-label": `${label}: ${pct(c.signals[key])} percentile` }), h("span", { class: "muted small" }, pct(c.signals[key]))),
              ),
            ),
            h("h3", {}, "Why"),
            h("ul", { class: "reasons" }, c.reasons.map((x) => h("li", {}, x))),
            alsoLine(c.also),
          ),
        ),
      ),
      visibleHelpers(r.visible_helpers) ?? "",
      knownHelpersCheck(r.snapshot.id),
    );
  });
}

// --- knowledge at risk ---

// Each skill someone holds with nobody near them holding it: how many hold it in the whole
// organisation and who is alone with it, the rarest first — where a circle, a mentee or a
// micro-lesson would spread it.
function skillsAtRisk(points: SinglePoint[], level: number | null): HTMLElement | null {
  const bySkill = new Map<string, { holders: number; alone: SinglePoint["person"][] }>();
  for (const p of points) {
    for (const k of p.sole_skills) {
      const e = bySkill.get(k.skill) ?? { holders: k.holders_elsewhere + 1, alone: [] };
      e.alone.push(p.person);
      bySkill.set(k.skill, e);
    }
  }
  if (bySkill.size === 0) return null;
  const rows = [...bySkill.entries()].sort(([a, x], [b, y]) => x.holders - y.holders || a.localeCompare(b));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Skills at risk" },
    h(
      "table",
      { id: "skills-at-risk" },
      h("caption", {}, "Skills at risk, rarest first"),
      h("thead", {}, h("tr", {}, ["Skill", level ? `Holders at level ${level} or above` : "Holders", "Alone with it nearby"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        rows.map(([skill, e]) =>
          h(
            "tr",
            { "data-skill": skill },
            h("th", { scope: "row" }, skill),
            h("td", {}, `${e.holders} ${e.holders === 1 ? "person" : "people"}`),
            h("td", {}, e.alone.flatMap((x, i) => [i ? ", " : "", x.name ? personLink({ id: x.id, name: x.name }) : `#${x.id}`])),
          ),
        ),
      ),
    ),
  );
}

type RiskFilter = "all" | "network" | "team" | "skills";
const RISK_FILTERS: [RiskFilter, string][] = [
  ["all", "Everyone"],
  ["team", "Would cut off teammates"],
  ["network", "Would cut the network"],
  ["skills", "Hold skills nobody nearby holds"],
];
const riskMatches = (p: SinglePoint, f: RiskFilter) =>
  f === "all" || (f === "team" && p.teammates_cut_off > 0) || (f === "network" && p.cuts_network) || (f === "skills" && p.sole_skills.length > 0);

export function atRiskPage(): HTMLElement {
  return findingsPage("Knowledge at risk", "Single points of failure: people whose absence would cut colleagues off, or take with them a skill nobody near them holds. A mentor, a learning circle or a written micro-lesson spreads what they know. Person-level: visible to admins only.", singlePoints, (body, r) => {
    const points = r.single_points;
    const count = (f: RiskFilter) => points.filter((p) => riskMatches(p, f)).length;
    const unique = new Set(points.flatMap((p) => p.sole_skills.filter((k) => k.holders_elsewhere === 0).map((k) => k.skill)));
    body.append(
      h("p", { id: "at-risk-summary" }, points.length === 0 ? "Nobody in this snapshot is a single point of failure." : `${points.length} ${points.length === 1 ? "person" : "people"}: ${count("team")} would cut off teammates, ${count("network")} would cut the network, ${count("skills")} hold skills nobody near them holds (${unique.size} ${unique.size === 1 ? "skill" : "skills"} held by nobody else at all).`),
      h(
        "p",
        { class: "muted small", id: "at-risk-settings" },
        r.skills_analysed
          ? `Skills count from level ${r.skill_level} up; "nearby" is their team and everyone within ${r.skill_steps} ${r.skill_steps === 1 ? "step" : "steps"} of them in the network.`
          : "This snapshot was analysed before skills were read: analyse again to see skills nobody nearby holds.",
      ),
    );
    if (points.length === 0) return;
    const filter = h("select", { id: "at-risk-filter" }, RISK_FILTERS.map(([v, label]) => h("option", { value: v }, `${label} (${count(v)})`)));
    const list = h("ol", { class: "champions", id: "at-risk" });
    const draw = () => {
      clear(list);
      list.append(
        ...points
          .filter((p) => riskMatches(p, filter.value as RiskFilter))
          .map((p) =>
            h(
              "li",
              { class: "card", "data-person": String(p.person.id) },
              h("h2", {}, p.person.name ? personLink({ id: p.person.id, name: p.person.name }) : `#${p.person.id}`, h("span", { class: "muted small" }, p.person.team ? ` · ${p.person.team}` : "")),
              riskReasons(p),
              alsoLine(p.also),
            ),
          ),
      );
    };
    filter.addEventListener("change", draw);
    draw();
    body.append(h("div", { class: "field" }, h("label", { for: "at-risk-filter" }, "Show"), filter), list);
    const skillsTable = skillsAtRisk(points, r.skill_level);
    if (skillsTable) body.append(h("h2", {}, "Skills at risk"), skillsTable);
  });
}

// --- brokers ---

const communityName = (c: CommunityRef | null) => (c === null ? "no community" : c.teams.length > 0 ? c.teams.join(", ") : `community ${c.id}`);

export function brokersPage(): HTMLElement {
  return findingsPage("Brokers between communities", "People who link colleagues in different communities that have no tie of their own: the open pairs of their contacts across communities far above everyone else's, most of the few ties between their community and another, with a foot in each, or far more contacts in another community than the people of their own have there. Knowledge crosses the organisation through them; they are worth recognising, and worth not overloading. Person-level: visible to admins only.", brokers, (body, r) => {
    if (r.brokers.length === 0) {
      body.append(h("p", { id: "brokers-summary" }, "No brokers stand out in this snapshot."));
      return;
    }
    body.append(
      h("p", { id: "brokers-summary" }, `${r.brokers.length} ${r.brokers.length === 1 ? "person links" : "people link"} communities that would otherwise hardly meet, most pairs first.`),
      h(
        "ol",
        { class: "champions", id: "brokers" },
        r.brokers.map((b) =>
          h(
            "li",
            { class: "card", "data-person": String(b.person.id) },
            h("h2", {}, b.person.name ? personLink({ id: b.person.id, name: b.person.name }) : `#${b.person.id}`, h("span", { class: "muted small" }, ` · ${[b.person.title, b.person.team].filter(Boolean).join(" · ")}`)),
            h(
              "p",
              { class: "brokerage" },
              b.brokerage === null
                ? `Tied into ${b.communities_reached} communities besides their own (analyse again for the pairs they link).`
                : `Links ${b.brokerage.toLocaleString("en")} ${b.brokerage === 1 ? "pair" : "pairs"} of their contacts in different communities who have no tie of their own; tied into ${b.communities_reached} communities besides their own.`,
            ),
            h("p", { class: "small" }, h("strong", {}, "Their community: "), communityName(b.community)),
            b.bridge === null || b.bridge === undefined
              ? ""
              : h(
                  "p",
                  { class: "small bridge" },
                  h("strong", {}, "Their bridge: "),
                  // Snapshots from before the average was counted: the ties alone.
                  `${communityName(b.bridge)} — ${b.bridge.expected === null ? "" : `${b.bridge.contacts} ${b.bridge.contacts === 1 ? "contact" : "contacts"} there, against ${onAverage(b.bridge.expected)} on average for people of their community; `}they hold ${b.bridge.contacts} of the ${b.bridge.ties_between} ${b.bridge.ties_between === 1 ? "tie" : "ties"} between it and their community, and have ${b.bridge.own_contacts} ${b.bridge.own_contacts === 1 ? "contact" : "contacts"} at home.`,
                ),
            b.links.length === 0
              ? ""
              : h(
                  "table",
                  { class: "links" },
                  h("caption", { class: "small" }, "The communities they reach"),
                  h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Community (its largest teams)"), h("th", { scope: "col" }, "Their contacts there"))),
                  h("tbody", {}, b.links.map((l) => h("tr", { "data-community": String(l.id) }, h("td", {}, communityName(l)), h("td", {}, String(l.contacts))))),
                ),
            h("p", { class: "muted small" }, `Betweenness ${fmt.format(b.betweenness)} · constraint ${b.constraint === null ? "—" : fmt.format(b.constraint)}`),
            alsoLine(b.also),
          ),
        ),
      ),
    );
  });
}

// Relative luminance of the accent blue laid over white at `alpha` (WCAG 2.1).
function luminance(alpha: number): number {
  const lin = (c: number) => {
    const v = (alpha * c + (1 - alpha) * 255) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(11) + 0.7152 * lin(92) + 0.0722 * lin(173);
}

// A cell's shade and ink with at least 4.5:1 contrast: shades where neither dark nor white text
// would reach it are darkened until white text does.
function cellColours(share: number): { background: string; ink: string } {
  let alpha = Math.min(1, share * 1.4);
  const dark = (l: number) => (l + 0.05) / (0.0137 + 0.05) >= 4.6;
  const light = (l: number) => 1.05 / (l + 0.05) >= 4.6;
  while (!dark(luminance(alpha)) && !light(luminance(alpha)) && alpha < 1) alpha += 0.01;
  return { background: `rgba(11, 92, 173, ${Math.min(1, alpha).toFixed(3)})`, ink: dark(luminance(alpha)) ? "#1b1f24" : "#fff" };
}

// Above this many teams the matrix is shown by unit (a team path's first part, "Engineering" of
// "Engineering/Platform"), with each unit's teams a choice away: a 1,000-team matrix is a
// million cells nobody can read (or draw).
const MAX_MATRIX_TEAMS = 40;
const unitOf = (team: string) => (team.includes("/") ? team.slice(0, team.indexOf("/")) : team);

// The matrix of undirected tie counts m (row i, column j; the diagonal: ties inside), as each
// row's shares; `outside`, when given, is a last column of each row's ties beyond the shown ones.
// Within a unit (`unit`), its teams are named without the unit's name before them ("Data II" for
// "Engineering/Data II", the whole name in the title): forty of them fit a desktop screen so.
// The `silos` the reader may see (an admin: all; a manager: their own teams') are marked.
function flowMatrix(names: string[], members: number[], m: number[][], { outside, unit, silos }: { outside?: { label: string; ties: number[] }; unit?: string; silos?: Set<string> } = {}): HTMLElement {
  const shown = (x: string) => (unit !== undefined && x.startsWith(`${unit}/`) ? x.slice(unit.length + 1) : x);
  const cell = (share: number, title: string) => {
    const td = h("td", { class: "cell", title }, share >= 0.005 ? `${Math.round(share * 100)}` : "");
    // Set through the CSSOM: the content security policy forbids style attributes.
    const c = cellColours(share);
    td.style.background = c.background;
    td.style.color = c.ink;
    return td;
  };
  return h(
    "table",
    // Many columns: the group names wrap, to leave the columns the room of a desktop screen.
    { class: names.length + (outside ? 1 : 0) > 32 ? "matrix many" : "matrix", id: "flow-matrix" },
    h("caption", {}, `Share of each ${unit === undefined ? "group" : `${unit} team`}'s ties that go to each group (row → column)${outside ? ` and ${outside.label.replace(/^Outside/, "outside")} (the last column)` : ""}; the dark diagonal of a silo shows ties that stay inside.`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Group"),
        names.map((x, j) => h("th", { scope: "col", title: x }, h("abbr", { title: x }, String(j + 1)))),
        // "Outside" alone: the unit's name would widen the column past a desktop screen.
        outside ? h("th", { scope: "col", title: outside.label }, "Outside") : null,
      ),
    ),
    h(
      "tbody",
      {},
      names.map((x, i) => {
        const out = outside?.ties[i] ?? 0;
        const total = m[i]!.reduce((a, b) => a + b, 0) + m[i]![i]! + out;  // internal ties count for the group once, external once
        return h(
          "tr",
          {},
          h("th", { scope: "row", title: x }, `${i + 1}. ${shown(x)} (${members[i]})`, silos?.has(x) ? [" ", h("span", { class: "tag warn" }, "silo")] : []),
          m[i]!.map((v, j) => cell(total ? (i === j ? 2 * v : v) / total : 0, `${x} → ${names[j]}: ${v} ties`)),
          outside ? cell(total ? out / total : 0, `${x} → ${outside.label}: ${out} ties`) : null,
        );
      }),
    ),
  );
}

// Row-normalised share of each team's ties: the diagonal is the share kept inside the team.
export function flowsPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  Promise.all([teamFlows(), teamNetwork()])
    .then(([f, t]) => {
      clear(body);
      body.append(snapshotLine(f.snapshot));
      const k = f.teams.length;
      const square = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0));
      const wrap = h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Flows between teams" });
      const silos = new Set(t.teams.filter((x) => x.silo).map((x) => x.team));
      if (k <= MAX_MATRIX_TEAMS) {
        const m = square(k);
        for (const [i, j, ties] of f.flows) {
          m[i]![j] = ties;
          m[j]![i] = ties;
        }
        wrap.append(flowMatrix(f.teams.map((x) => x.team), f.teams.map((x) => x.members), m, { silos }));
        body.append(wrap);
      } else {
        const units = [...new Set(f.teams.map((x) => unitOf(x.team)))].sort();
        const unit = new Map(units.map((u, i) => [u, i]));
        const unitOfTeam = f.teams.map((x) => unit.get(unitOf(x.team))!);
        const showUnits = () => {
          const m = square(units.length);
          const members = new Array<number>(units.length).fill(0);
          f.teams.forEach((x, i) => (members[unitOfTeam[i]!] += x.members));
          for (const [i, j, ties] of f.flows) {
            const a = unitOfTeam[i]!, b = unitOfTeam[j]!;
            if (a === b) m[a]![a]! += ties;
            else {
              m[a]![b]! += ties;
              m[b]![a]! += ties;
            }
          }
          return flowMatrix(units, members, m);
        };
        // A unit's teams; past MAX_MATRIX_TEAMS, its largest ones and the rest as one group.
        const showTeams = (u: number) => {
          const ids = f.teams.map((_, i) => i).filter((i) => unitOfTeam[i] === u);
          ids.sort((a, b) => f.teams[b]!.members - f.teams[a]!.members || a - b);
          const shown = Math.min(ids.length, MAX_MATRIX_TEAMS);
          const rest = ids.length - shown;
          const n = shown + (rest > 0 ? 1 : 0);
          const at = new Map(ids.map((id, i) => [id, Math.min(i, shown)]));
          const m = square(n);
          const members = new Array<number>(n).fill(0);
          ids.forEach((id, i) => (members[Math.min(i, shown)] += f.teams[id]!.members));
          const outside = new Array<number>(n).fill(0);
          for (const [i, j, ties] of f.flows) {
            const a = at.get(i), b = at.get(j);
            if (a !== undefined && b !== undefined) {
              m[a]![b]! += ties;
              if (a !== b) m[b]![a]! += ties;
            } else if (a !== undefined) outside[a]! += ties;
            else if (b !== undefined) outside[b]! += ties;
          }
          const names = ids.slice(0, shown).map((i) => f.teams[i]!.team);
          if (rest > 0) names.push(`${rest} smaller teams`);
          return flowMatrix(names, members, m, { outside: { label: `Outside ${units[u]}`, ties: outside }, unit: units[u], silos });
        };
        const pick = h("select", { id: "flow-level" }, h("option", { value: "" }, `All ${units.length} units`), units.map((u, i) => h("option", { value: String(i) }, `${u}: its teams`)));
        const note = h("p", { class: "muted small", id: "flow-note" }, `${k} teams are too many for one matrix: it shows the ${units.length} units their names begin with; choose a unit to see its ${MAX_MATRIX_TEAMS} largest teams (the team table below lists every team).`);
        pick.addEventListener("change", () => {
          clear(wrap);
          wrap.append(pick.value === "" ? showUnits() : showTeams(Number(pick.value)));
        });
        wrap.append(showUnits());
        body.append(note, h("div", { class: "controls" }, h("div", { class: "control" }, h("label", { for: "flow-level" }, "Show"), pick)), wrap);
      }
      const teams = t.teams;
      body.append(h("h2", {}, role === "admin" ? "Teams" : "Your teams"));
      if (teams.length === 0) {
        body.append(h("p", { class: "muted", id: "teams-note" }, t.suppressed_small_teams > 0 ? `Your teams have fewer than ${t.min_group_size} people, so their metrics are not shown.` : "No team to show."));
      } else {
        body.append(
          h(
            "div",
            { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Team metrics" },
            h(
              "table",
              { id: "team-table" },
              h("caption", {}, "E-I index: −1 all ties inside the team, +1 all outside. Silo: E-I at or below −0.5. Density: the share of the team's pairs of people tied (none for a team of one)."),
              h("thead", {}, h("tr", {}, ["Team", "People", "Ties inside", "Ties outside", "E-I index", "Density", "Teams reached"].map((c) => h("th", { scope: "col" }, c)))),
              h(
                "tbody",
                {},
                teams.map((x) =>
                  // The silo mark beside the name, where it is seen without scrolling the table sideways.
                  h("tr", {}, h("th", { scope: "row" }, x.team, x.silo ? [" ", h("span", { class: "tag warn" }, "silo")] : []), h("td", {}, x.members), h("td", {}, x.internal_ties), h("td", {}, x.external_ties), h("td", {}, x.ei_index === null ? "—" : fmt.format(x.ei_index)), h("td", {}, pct(x.density)), h("td", {}, x.external_teams)),
                ),
              ),
            ),
          ),
        );
      }
    })
    .catch((e) => {
      clear(body);
      body.append(notAnalysed(e, role));
    });
  // Wide: a matrix of 40 teams takes more than the page's usual column.
  return h("section", { class: "wide" }, h("h1", {}, "Flows between teams"), body);
}

// How fast newcomers reach their first, third and fifth contact: of those hired at least a month
// ago (or the newcomer days, if fewer), how many did within that month — a share that does not
// favour the quick, as a median of those who got there alone would — and that median beside it.
export function onboardingSpeed(list: Newcomer[], newcomerDays: number): HTMLElement {
  const span = Math.min(30, newcomerDays);
  const settled = list.filter((n) => n.days_since_hire >= span);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const rows = (
    [
      ["First", (n: Newcomer) => n.days_to_first],
      ["Third", (n: Newcomer) => n.days_to_third],
      ["Fifth", (n: Newcomer) => n.days_to_fifth],
    ] as const
  ).map(([label, get]) => {
    const within = settled.filter((n) => get(n) !== null && get(n)! <= span).length;
    const reached = list.map(get).filter((d): d is number => d !== null);
    const m = median(reached);
    return h(
      "tr",
      { "data-within": String(within), "data-median": m === null ? "" : String(m) },
      h("th", { scope: "row" }, `${label} contact`),
      h("td", {}, settled.length === 0 ? "—" : `${within} of ${settled.length} (${Math.round((100 * within) / settled.length)}%)`),
      h("td", {}, m === null ? "nobody yet" : `${fmt.format(m)} ${m === 1 ? "day" : "days"} (${reached.length} ${reached.length === 1 ? "newcomer" : "newcomers"})`),
    );
  });
  return h(
    "div",
    { class: "table-wrap gap-below", tabindex: "0", role: "region", "aria-label": "How fast newcomers connect" },
    h(
      "table",
      { id: "onboarding-speed" },
      h("caption", {}, `How fast they connect: ${settled.length} of the ${list.length} were hired at least ${span} days ago`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, `Within ${span} days of their hire`), h("th", { scope: "col" }, "Median days, of those who have"))),
      h("tbody", {}, rows),
    ),
  );
}

export function newcomersPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  newcomers()
    .then((r) => {
      clear(body);
      body.append(snapshotLine(r.snapshot));
      const grace = r.newcomer_grace_days > 0 ? ` Not yet connected: no tie beyond their manager after their first ${r.newcomer_grace_days} days (before, they are settling in).` : "";
      body.append(h("p", { class: "muted" }, `People hired in the last ${r.newcomer_days} days${role === "manager" ? " in your reporting line" : ""}: how many colleagues they are tied to, and how many days it took to reach their first, third and fifth.${grace}`));
      if (r.newcomers.length === 0) {
        body.append(h("p", { id: "no-newcomers" }, role === "manager" ? `Nobody in your reporting line was hired in the ${r.newcomer_days} days before this snapshot.` : `Nobody was hired in the ${r.newcomer_days} days before this snapshot.`));
        return;
      }
      const days = (d: number | null) => (d === null ? "not yet" : d === 0 ? "first day" : d === 1 ? "1 day" : `${d} days`);
      body.append(
        onboardingSpeed(r.newcomers, r.newcomer_days),
        h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Newcomers" },
          h(
            "table",
            { id: "newcomers" },
            h("caption", {}, "Least connected first"),
            h("thead", {}, h("tr", {}, ["Person", "Status", "Team", "Hired", "Contacts", "1st contact", "3rd", "5th"].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              {},
              r.newcomers.map((n) =>
                h(
                  "tr",
                  {},
                  h("td", {}, n.person.name ? personLink({ id: n.person.id, name: n.person.name }) : `#${n.person.id}`),
                  // The status first after the name: in sight however narrow the screen.
                  h("td", {}, n.isolated ? h("span", { class: "tag warn" }, "not yet connected") : h("span", { class: "tag" }, n.settling_in ? "settling in" : "connecting")),
                  h("td", {}, n.person.team ?? ""),
                  h("td", {}, n.hire_date ?? ""),
                  h("td", {}, n.contacts),
                  h("td", {}, days(n.days_to_first)),
                  h("td", {}, days(n.days_to_third)),
                  h("td", {}, days(n.days_to_fifth)),
                ),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => {
      clear(body);
      body.append(notAnalysed(e, role));
    });
  return h("section", { class: "wide" }, h("h1", {}, "Newcomers"), body);
}
