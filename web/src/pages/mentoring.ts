// Mentoring: opt in as a mentee (goals) or a mentor (skills offered, places); see your pairs with
// why they were made, log meetings and rate; admins run the matching and approve proposals.
import { h, clear } from "../dom";
import {
  ApiError,
  logMeeting,
  mentoringPairs,
  myMentoring,
  ratePair,
  runMatching,
  saveOptIn,
  setPairStatus,
  skillNames,
  type MentoringPairView,
  type Role,
} from "../api";
import { errorBox, loading } from "./common";

const LEVELS = ["", "1 · basics", "2 · working knowledge", "3 · confident", "4 · expert, teaches others"];

function status(id: string): HTMLElement {
  return h("p", { role: "status", id, class: "muted" });
}

function say(el: HTMLElement, text: string, error = false): void {
  el.className = error ? "error" : "done";
  el.textContent = text;
}

export function mentoringPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  const reload = async () => {
    try {
      const [mine, skills] = await Promise.all([myMentoring(), skillNames()]);
      clear(body);
      const list = h("datalist", { id: "skill-names" }, skills.skills.map((s) => h("option", { value: s.name })));
      body.append(list);
      body.append(h("h2", {}, "Your pairs"), pairsList(mine.as_mentee, mine.as_mentor));
      const optins = mine.optins.map((o) =>
        h(
          "li",
          {},
          o.role === "mentee"
            ? `Looking for a mentor: ${o.goals.map((g) => `${g.skill} (to level ${g.target})`).join(", ")}${o.network === "familiar" ? " · someone close to your work" : o.network === "bridge" ? " · someone from another part of the organisation" : ""}`
            : `Offering to mentor: ${o.offers.join(", ")} · ${o.capacity} ${o.capacity === 1 ? "place" : "places"}`,
        ),
      );
      body.append(h("h2", {}, "Opt in"), optins.length ? h("ul", { id: "my-optins" }, optins) : h("p", { class: "muted", id: "my-optins" }, "You have not opted in yet."));
      body.append(h("div", { class: "fields optin-forms" }, menteeForm(reload), mentorForm(reload)));
      if (role === "admin") body.append(await adminSection(reload));
    } catch (e) {
      clear(body);
      body.append(errorBox(e));
    }
  };
  void reload();
  return h("section", {}, h("h1", {}, "Mentoring"), h("p", { class: "muted" }, "Pairs are proposed across teams and communities, never inside a reporting line, and an admin approves them."), body);
}

function pairsList(asMentee: MentoringPairView[], asMentor: MentoringPairView[]): HTMLElement {
  if (!asMentee.length && !asMentor.length) return h("p", { class: "muted", id: "no-pairs" }, "No approved pair yet.");
  const items = [
    ...asMentee.map((p) => ({ p, mine: "mentee" as const })),
    ...asMentor.map((p) => ({ p, mine: "mentor" as const })),
  ].map(({ p, mine }) => {
    const other = mine === "mentee" ? p.mentor : p.mentee;
    const note = status(`pair-status-${p.id}`);
    const meet = h("button", { type: "button", disabled: p.status !== "approved" }, "Log a meeting today");
    meet.addEventListener("click", async () => {
      try {
        const r = await logMeeting(p.id);
        say(note, r.logged ? `Meeting on ${r.date} logged.` : `A meeting on ${r.date} was already logged.`);
      } catch (e) {
        say(note, e instanceof ApiError ? e.message : "Could not log the meeting.", true);
      }
    });
    const controls: HTMLElement[] = [meet];
    if (mine === "mentee" && p.status !== "proposed") {
      const select = h("select", { id: `rating-${p.id}`, "aria-label": `Rate your mentoring with ${other.name ?? ""}` }, [5, 4, 3, 2, 1].map((r) => h("option", { value: r, selected: p.rating === r }, `${r} of 5`)));
      const rate = h("button", { type: "button" }, p.rating ? "Change rating" : "Rate");
      rate.addEventListener("click", async () => {
        try {
          await ratePair(p.id, Number(select.value));
          say(note, `Thank you: rated ${select.value} of 5.`);
        } catch (e) {
          say(note, e instanceof ApiError ? e.message : "Could not save the rating.", true);
        }
      });
      controls.push(select, rate);
    }
    return h(
      "li",
      { class: "card pair", "data-pair": p.id },
      h("h3", {}, mine === "mentee" ? `Your mentor: ${other.name ?? other.id}` : `Your mentee: ${other.name ?? other.id}`, " ", h("span", { class: "tag" }, p.status)),
      h("p", { class: "explanation" }, p.explanation),
      mine === "mentee" && p.alternatives.length
        ? h(
            "details",
            { class: "alternatives" },
            h("summary", {}, `Other good matches (${p.alternatives.length})`),
            h("ul", {}, p.alternatives.map((a) => h("li", {}, h("strong", {}, a.name ?? String(a.id)), ": ", a.explanation))),
          )
        : null,
      h("div", { class: "actions" }, controls),
      note,
    );
  });
  return h("ul", { class: "pairs", id: "my-pairs" }, items);
}

function skillInput(id: string, label: string): [HTMLElement, HTMLInputElement] {
  const input = h("input", { id, list: "skill-names", autocomplete: "off", maxlength: 80 });
  return [h("div", { class: "field" }, h("label", { for: id }, label), input), input];
}

function menteeForm(reload: () => Promise<void>): HTMLElement {
  const [skillField, skill] = skillInput("goal-skill", "A skill you want to grow");
  const target = h("select", { id: "goal-target" }, [1, 2, 3, 4].map((l) => h("option", { value: l, selected: l === 3 }, LEVELS[l]!)));
  const network = h(
    "select",
    { id: "goal-network" },
    h("option", { value: "" }, "No preference"),
    h("option", { value: "bridge" }, "Someone from another part of the organisation"),
    h("option", { value: "familiar" }, "Someone close to my work"),
  );
  const note = status("mentee-status");
  const form = h(
    "form",
    { class: "card", id: "mentee-form" },
    h("h3", {}, "Find a mentor"),
    skillField,
    h("div", { class: "field" }, h("label", { for: "goal-target" }, "The level you aim for"), target),
    h("div", { class: "field" }, h("label", { for: "goal-network" }, "Who you would like to learn from"), network),
    h("button", { type: "submit", class: "primary" }, "Ask for a mentor"),
    note,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await saveOptIn({
        role: "mentee",
        goals: [{ skill: skill.value.trim(), target: Number(target.value) }],
        network: network.value === "" ? null : (network.value as "bridge" | "familiar"),
      });
      await reload();
    } catch (e) {
      say(note, e instanceof ApiError ? e.message : "Could not save.", true);
    }
  });
  return form;
}

function mentorForm(reload: () => Promise<void>): HTMLElement {
  const [skillField, skill] = skillInput("offer-skills", "Skills you can help with (comma-separated)");
  skill.removeAttribute("list");
  const capacity = h("input", { id: "offer-capacity", type: "number", min: 1, max: 20, value: 2 });
  const note = status("mentor-status");
  const form = h(
    "form",
    { class: "card", id: "mentor-form" },
    h("h3", {}, "Offer to mentor"),
    skillField,
    h("div", { class: "field" }, h("label", { for: "offer-capacity" }, "How many mentees at once"), capacity),
    h("button", { type: "submit", class: "primary" }, "Offer to mentor"),
    note,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const offers = skill.value.split(",").map((s) => s.trim()).filter(Boolean);
      await saveOptIn({ role: "mentor", offers, capacity: Number(capacity.value) });
      await reload();
    } catch (e) {
      say(note, e instanceof ApiError ? e.message : "Could not save.", true);
    }
  });
  return form;
}

async function adminSection(reload: () => Promise<void>): Promise<HTMLElement> {
  const data = await mentoringPairs();
  const note = status("match-status");
  const hours = h("input", { id: "match-hours", type: "number", min: 0, max: 8, step: 0.5, value: 3 });
  const mode = h("select", { id: "match-mode" }, h("option", { value: "bridge" }, "Bridge communities"), h("option", { value: "familiar" }, "Stay close in the network"));
  const run = h("button", { type: "button", class: "primary", id: "run-matching" }, "Propose pairs");
  run.addEventListener("click", async () => {
    run.disabled = true;
    try {
      const r = await runMatching({ mode: mode.value, min_overlap_hours: Number(hours.value) });
      await reload();
      const s = document.getElementById("match-status");
      if (s) {
        say(s, `${r.proposed} of ${r.mentees} mentees matched with ${r.mentors} mentors; proposals await approval below.`);
        for (const why of r.infeasibility) s.append(h("br"), why);
      }
    } catch (e) {
      say(note, e instanceof ApiError ? e.message : "Matching failed.", true);
      run.disabled = false;
    }
  });
  const rows = data.pairs.map((p) => {
    const action =
      p.status === "proposed"
        ? h("button", { type: "button", "aria-label": `Approve ${p.mentee.name} with ${p.mentor.name}` }, "Approve")
        : p.status === "approved"
          ? h("button", { type: "button", "aria-label": `End ${p.mentee.name} with ${p.mentor.name}` }, "End")
          : null;
    action?.addEventListener("click", async () => {
      try {
        await setPairStatus(p.id, p.status === "proposed" ? "approved" : "ended");
        await reload();
      } catch (e) {
        say(note, e instanceof ApiError ? e.message : "Could not change the pair.", true);
      }
    });
    return h(
      "tr",
      { "data-pair": p.id },
      h("th", { scope: "row" }, p.mentee.name ?? String(p.mentee.id)),
      h("td", {}, p.mentor.name ?? String(p.mentor.id)),
      h("td", {}, h("span", { class: "tag" }, p.status)),
      h("td", {}, p.score.toFixed(2)),
      h("td", { class: "wrap" }, p.explanation),
      h("td", {}, p.rating ?? "—"),
      h("td", {}, action),
    );
  });
  return h(
    "div",
    { id: "programme" },
    h("h2", {}, "Programme"),
    h("p", { id: "programme-counts" }, `${data.mentees} mentees and ${data.mentors} mentors have opted in.`),
    h("div", { class: "controls" }, h("div", { class: "control" }, h("label", { for: "match-mode" }, "Network"), mode), h("div", { class: "control" }, h("label", { for: "match-hours" }, "Shared working hours needed"), hours), run),
    note,
    data.pairs.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Pairs" },
          h(
            "table",
            { id: "pairs-table" },
            h("thead", {}, h("tr", {}, ["Mentee", "Mentor", "Status", "Score", "Why", "Rating", ""].map((c) => h("th", { scope: "col" }, c)))),
            h("tbody", {}, rows),
          ),
        )
      : h("p", { class: "muted" }, "No pairs yet."),
  );
}
