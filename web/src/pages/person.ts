import { h, clear } from "../dom";
import { ApiError, learningGoals, person, personNetwork, personNetworkHistory, setLearningGoals, skillNames, type PersonDetail, type PersonNetwork, type PersonNetworkPoint } from "../api";
import { avatar, FINDING_NAMES, personLink, personRow, errorBox, loading, onAverage, riskReasons, settingText, windowText } from "./common";

const LEVELS = ["aware", "beginner", "practitioner", "advanced", "expert"];
const TARGETS = ["", "1 · basics", "2 · working knowledge", "3 · confident", "4 · expert, teaches others"];

// The person's learning goals: the skills they want to grow and the level they aim for. Seen and
// changed only by the person and admins; mentor matching counts them as a mentee's goals.
function goalsSection(id: number): HTMLElement {
  const section = h("section", { class: "card", id: "learning-goals", "aria-labelledby": "goals-title" }, h("h2", { id: "goals-title" }, "Learning goals"), loading());
  const note = h("p", { role: "status", id: "goals-status", class: "muted" });
  let goals: { skill: string; target: number }[] = [];
  const list = h("ul", { class: "goals" });
  const draw = () => {
    clear(list);
    if (!goals.length) list.append(h("li", { class: "muted" }, "No learning goals yet."));
    goals.forEach((g, i) => {
      const remove = h("button", { type: "button", "aria-label": `Remove the goal ${g.skill}` }, "Remove");
      remove.addEventListener("click", () => void save(goals.filter((_, k) => k !== i), `Removed ${g.skill}.`));
      list.append(h("li", {}, h("strong", {}, g.skill), ` → ${TARGETS[g.target]} `, remove));
    });
  };
  const save = async (next: { skill: string; target: number }[], done: string) => {
    try {
      goals = (await setLearningGoals(id, next)).goals;
      draw();
      note.className = "done";
      note.textContent = done;
    } catch (e) {
      note.className = "error";
      note.textContent = e instanceof ApiError ? e.message : "Could not save the goals.";
    }
  };
  const skill = h("input", { id: "goal-new-skill", list: "goal-skill-names", autocomplete: "off", maxlength: 80 });
  const target = h("select", { id: "goal-new-target" }, [1, 2, 3, 4].map((l) => h("option", { value: l, selected: l === 3 }, TARGETS[l]!)));
  const names = h("datalist", { id: "goal-skill-names" });
  const form = h(
    "form",
    { id: "goal-form", class: "fields" },
    h("div", { class: "field" }, h("label", { for: "goal-new-skill" }, "A skill you want to grow"), skill, names),
    h("div", { class: "field" }, h("label", { for: "goal-new-target" }, "The level you aim for"), target),
    h("div", { class: "field submit" }, h("button", { type: "submit" }, "Add goal")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const name = skill.value.trim();
    if (!name) return;
    void save([...goals.filter((g) => g.skill !== name), { skill: name, target: Number(target.value) }], `Added ${name}.`).then(() => {
      skill.value = "";
    });
  });
  Promise.all([learningGoals(id), skillNames()])
    .then(([g, s]) => {
      goals = g.goals;
      for (const k of s.skills) names.append(h("option", { value: k.name }));
      section.lastChild?.remove();
      section.append(h("p", { class: "muted small" }, "Visible only to you and admins. Mentor matching counts them when you ask for a mentor."), list, form, note);
      draw();
    })
    .catch((e) => {
      section.lastChild?.remove();
      section.append(errorBox(e));
    });
  return section;
}

// "top 5%" for a percentile rank among everyone (0..1, higher is more); "below the median" under
// the top half.
const top = (p: number | null | undefined) => {
  if (p === null || p === undefined) return null;
  const t = Math.max(1, Math.ceil((1 - p) * 100 - 1e-9));
  return t <= 50 ? `top ${t}%` : "below the median";
};

// What the newest snapshot says about the person: whom they help and are helped by, how central
// they are, and each finding about them. Person-level: the person and admins only.
// A community by its number (as the Brokers page and the exports give it) and the teams most of
// its people come from.
function communityText(id: number, teams: string[] | undefined): string {
  return teams && teams.length > 0 ? `community ${id} (mostly ${teams.join(", ")})` : `community ${id}`;
}

// ", from 3 other teams": how many teams besides their own a direction of their ties reaches.
function otherTeams(k: number | undefined, preposition: string): string {
  return k === undefined || k === 0 ? "" : `, ${preposition} ${k} other ${k === 1 ? "team" : "teams"}`;
}

function networkSection(id: number): HTMLElement {
  const section = h("section", { class: "card", id: "person-network", "aria-labelledby": "person-network-title" }, h("h2", { id: "person-network-title" }, "In the knowledge network"), loading());
  personNetwork(id)
    .then((n: PersonNetwork) => {
      section.lastChild?.remove();
      const m = n.metrics, pc = n.percentiles, f = n.findings;
      const count = (x: number | null | undefined, pct: number | null | undefined) => `${x ?? 0} ${x === 1 ? "person" : "people"}${top(pct) ? ` (${top(pct)})` : ""}`;
      const lines: HTMLElement[] = [];
      if (f.champions) lines.push(h("li", { "data-finding": "champion" }, h("strong", {}, "A hidden champion: "), f.champions.reasons.join("; "), "."));
      if (f.visible_helpers) lines.push(h("li", { "data-finding": "visible-helper" }, h("strong", {}, "A go-to helper, and seen as one: "), f.visible_helpers.reasons.join("; "), "."));
      if (f.brokers) {
        // Snapshots from before brokerage was counted have only the communities reached.
        const b = f.brokers, pairs = b.brokerage === undefined ? "" : `links ${b.brokerage.toLocaleString("en")} ${b.brokerage === 1 ? "pair" : "pairs"} of their contacts in different communities who have no tie of their own; `;
        // ... and before bridges were, no bridge.
        const bridge = b.bridge ? `; holds ${b.bridge.contacts} of the ${b.bridge.ties_between} ${b.bridge.ties_between === 1 ? "tie" : "ties"} between their community and ${communityText(b.bridge.community, b.bridge.teams)}${b.bridge.expected === undefined ? "" : ` (people of their community have ${onAverage(b.bridge.expected)} there on average)`}` : "";
        lines.push(h("li", { "data-finding": "broker" }, h("strong", {}, "A broker: "), `${pairs}tied into ${b.communities_reached} communities besides their own${bridge}.`));
      }
      if (f.single_points) {
        lines.push(h("li", { "data-finding": "single-point" }, h("strong", {}, "A single point of failure:"), riskReasons(f.single_points)));
      }
      if (f.newcomers) lines.push(h("li", { "data-finding": "newcomer" }, h("strong", {}, "A newcomer: "), `tied to ${f.newcomers.contacts} ${f.newcomers.contacts === 1 ? "colleague" : "colleagues"} so far${f.newcomers.isolated ? ", none beyond their manager yet" : f.newcomers.settling_in ? ", none beyond their manager yet: still settling in" : ""}.`));
      section.append(
        h("p", { class: "muted small" }, `Snapshot ${n.snapshot.id}. Visible only to this person and admins.`),
        h(
          "dl",
          { class: "facts" },
          fact("Sought out by", count(m.in_degree, pc.in_degree) + otherTeams(n.other_teams?.came_from, "from")),
          fact("Went to", count(m.out_degree, pc.out_degree) + otherTeams(n.other_teams?.went_to, "in")),
          fact("Reach (PageRank)", top(pc.pagerank) ?? "—"),
          fact("Bridging (betweenness)", top(pc.betweenness) ?? "—"),
          fact("Community", n.community_teams && n.community_teams.length > 0 ? `${n.community}: mostly ${n.community_teams.join(", ")}` : String(n.community)),
        ),
        lines.length ? h("ul", { class: "reasons", id: "person-findings" }, lines) : h("p", { class: "muted", id: "person-findings" }, "No finding names them in this snapshot."),
      );
      // Over time, where there is more than one snapshot to compare.
      personNetworkHistory(id)
        .then((r) => {
          if (r.snapshots.length >= 2) section.append(historyTable(r.snapshots));
        })
        .catch(() => undefined);
    })
    .catch((e) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
        section.lastChild?.remove();
        section.append(h("p", { class: "muted" }, e.status === 404 ? "Not in an analysed snapshot yet." : "Not visible to you."));
        return;
      }
      section.lastChild?.remove();
      section.append(errorBox(e));
    });
  return section;
}

// The person in each snapshot, oldest first: who sought them out and whom they went to, how
// they compare, and what the findings called them.
function historyTable(points: PersonNetworkPoint[]): HTMLElement {
  const last = points[points.length - 1]!;
  // Counts from snapshots analysed otherwise (all interactions against 30 days, other layer
  // weights) do not compare: the change is told from the oldest analysed like the newest.
  const alike = points.filter((p) => p.settings_changed.length === 0);
  const unlike = points.length - alike.length;
  const first = alike[0] ?? last;
  const people = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "person" : "people"}`;
  const change = last.in_degree - first.in_degree;
  const summary =
    first === last
      ? `Sought out by ${people(last.in_degree)} in snapshot ${last.snapshot.id}.`
      : change === 0
        ? `Sought out by ${people(last.in_degree)}, as in snapshot ${first.snapshot.id}.`
        : `Sought out by ${people(last.in_degree)}, ${change > 0 ? "up" : "down"} from ${first.in_degree.toLocaleString("en")} in snapshot ${first.snapshot.id}.`;
  const caveat =
    unlike === 0
      ? ""
      : ` ${unlike === 1 ? "One snapshot was" : `${unlike} snapshots were`} analysed unlike the newest (marked): ${unlike === 1 ? "its" : "their"} counts are not like for like.`;
  const columns: [string, string][] = [["Snapshot", ""], ["Window", ""], ["Sought out by", "num"], ["Went to", "num"], ["More askers than", "num"], ["Findings", ""]];
  const rows = points.map((p) => {
    const how = p.settings_changed.map(settingText).join("; ");
    return h(
      "tr",
      { "data-snapshot": p.snapshot.id, class: how ? "unlike" : undefined },
      h("th", { scope: "row" }, `#${p.snapshot.id} · ${p.snapshot.taken_at.slice(0, 10)}`),
      h("td", { class: "wraps" }, windowText(p.snapshot.window), how ? h("span", { class: "muted small unlike-note" }, ` — analysed differently: ${how}`) : ""),
      h("td", { class: "num" }, p.in_degree.toLocaleString("en")),
      h("td", { class: "num" }, p.out_degree.toLocaleString("en")),
      h("td", { class: "num" }, p.fewer_askers_share === null ? "—" : `${Math.round(p.fewer_askers_share * 100)}% of people`),
      h("td", { class: "wraps" }, p.flags.length ? p.flags.map((f) => FINDING_NAMES[f]?.[0] ?? f).join(", ") : "—"),
    );
  });
  const table = h(
    "table",
    {},
    h("caption", { class: "muted small" }, `The last ${points.length} snapshots that include them, oldest first.`),
    h("thead", {}, h("tr", {}, columns.map(([c, cls]) => h("th", { scope: "col", class: cls || undefined }, c)))),
    h("tbody", {}, rows),
  );
  return h("div", { id: "person-history" }, h("h3", {}, "Over time"), h("p", { class: "muted small", id: "person-history-summary" }, summary, caveat), h("div", { class: "table-wrap" }, table));
}

function fact(label: string, value: string | Node | null | undefined): HTMLElement[] {
  if (value === null || value === undefined || value === "") return [];
  return [h("dt", {}, label), h("dd", {}, value)];
}

function render(p: PersonDetail, ownGoals: boolean, admin: boolean): HTMLElement {
  const publicFacts = h(
    "dl",
    { class: "facts" },
    fact("Title", p.title),
    fact("Team", p.team),
    fact("E-mail", p.email ? h("a", { href: `mailto:${p.email}` }, p.email) : null),
    fact("Location", p.location),
    fact("Time zone", p.timezone),
    fact("Manager", p.manager ? personLink(p.manager) : null),
  );
  const sections: HTMLElement[] = [
    h("header", { class: "person-head" }, avatar(p.name), h("div", {}, h("h1", {}, p.name), h("p", { class: "muted" }, p.title))),
    h("section", { class: "card" }, h("h2", {}, "Directory"), publicFacts),
  ];
  if (p.private) {
    const skills = p.skills ?? [];
    sections.push(
      h(
        "section",
        { class: "card", id: "private-details", "aria-labelledby": "private-title" },
        h("h2", { id: "private-title" }, "Private details"),
        h("p", { class: "muted small" }, "Visible only to this person, their management line and admins."),
        h("dl", { class: "facts" }, fact("Employee id", p.employee_id), fact("Level", String(p.level ?? "")), fact("Hire date", p.hire_date ?? ""), fact("Status", p.active ? "Active" : "Inactive")),
        admin ? h("p", { class: "small" }, h("a", { href: `#/audit?target=person:${p.id}`, id: "person-audit" }, "Who has read this person's data (audit log)")) : null,
        h("h3", {}, "Skills"),
        skills.length === 0
          ? h("p", { class: "muted" }, "No skills recorded.")
          : h(
              "ul",
              { class: "skills" },
              skills.map((s) =>
                h("li", {}, h("span", {}, s.skill), h("meter", { min: 0, max: 4, value: s.level, "aria-label": `${s.skill}: ${LEVELS[s.level]}` }), h("span", { class: "muted small" }, `${LEVELS[s.level]} (${s.source})`)),
              ),
            ),
      ),
    );
  }
  if (ownGoals) sections.push(goalsSection(p.id), networkSection(p.id));
  if (p.reports.length > 0) {
    sections.push(h("section", { class: "card" }, h("h2", {}, `Direct reports (${p.reports.length})`), h("ul", { class: "people" }, p.reports.map(personRow))));
  }
  return h("article", { class: "person" }, sections);
}

// `ownGoals`: the viewer is this person or an admin, who see and keep their learning goals.
export function personPage(id: number, ownGoals = false, admin = false): HTMLElement {
  const root = h("div", {}, loading());
  person(id)
    .then((p) => {
      clear(root);
      root.append(render(p, ownGoals, admin));
      document.title = `${p.name} · peerlearn`;
    })
    .catch((e) => {
      clear(root);
      root.append(errorBox(e));
    });
  return root;
}
