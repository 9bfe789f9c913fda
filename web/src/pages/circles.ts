// Learning circles: the business challenges open for sign-up (ranked, always voluntary), your
// circles, and for admins posting challenges, forming circles with the score behind each one,
// pins, starting and closing. A circle's own page keeps its rhythm, the facilitator's checklist,
// the meeting log with takeaways, and the "what did we learn" summary.
import { h, clear } from "../dom";
import {
  ApiError,
  challenges,
  circle,
  circles,
  createChallenge,
  formCircles,
  logCircleMeeting,
  pinToChallenge,
  saveCircleLife,
  saveSignup,
  setChallengeStatus,
  setCircleStatus,
  type ChallengeView,
  type CircleDetail,
  type CircleScore,
  type CircleSummary,
  type Role,
  type Signup,
} from "../api";
import { errorBox, loading, personPicker } from "./common";

const ORDINAL = ["", "1st choice", "2nd choice", "3rd choice", "4th choice", "5th choice"];

function status(id: string): HTMLElement {
  return h("p", { role: "status", id, class: "muted" });
}

function say(el: HTMLElement, text: string, error = false): void {
  el.className = error ? "error" : "done";
  el.textContent = text;
}

function message(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}

export function circlesPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  const reload = async () => {
    try {
      const [list, mine] = await Promise.all([challenges(), circles()]);
      clear(body);
      body.append(h("h2", {}, "Your circles"), myCircles(mine.circles.filter((c) => c.mine)));
      body.append(h("h2", {}, "Challenges open for sign-up"), signupForm(list.challenges.filter((c) => c.status === "open"), list.signup, reload));
      if (role === "admin") body.append(await adminSection(list.challenges, list.pins ?? [], list.volunteers ?? 0, mine.circles, reload));
      if (role === "manager") body.append(h("h2", {}, "Sponsor a challenge"), challengeForm(reload, false));
    } catch (e) {
      clear(body);
      body.append(errorBox(e));
    }
  };
  void reload();
  return h(
    "section",
    {},
    h("h1", {}, "Learning circles"),
    h("p", { class: "muted" }, "Groups of 12 to 15 volunteers from different teams working on a real business challenge. Joining is always your choice."),
    body,
  );
}

function myCircles(list: CircleSummary[]): HTMLElement {
  if (!list.length) return h("p", { class: "muted", id: "no-circles" }, "You are not in a circle yet. Circles start once an admin has formed them from everyone's choices.");
  return h(
    "ul",
    { class: "pairs", id: "my-circles" },
    list.map((c) =>
      h(
        "li",
        { class: "card", "data-circle": c.id },
        h("h3", {}, h("a", { href: `#/circles/${c.id}` }, c.challenge.title), " ", h("span", { class: "tag" }, c.status)),
        h("p", { class: "muted" }, `${c.members.length} members · facilitated by ${c.members.find((m) => m.role === "facilitator")?.name ?? "—"}`),
      ),
    ),
  );
}

function signupForm(open: ChallengeView[], signup: Signup | null, reload: () => Promise<void>): HTMLElement {
  if (!open.length) return h("p", { class: "muted" }, "No challenge is open for sign-up right now.");
  const max = Math.min(open.length, 5);
  const selects = new Map<number, HTMLSelectElement>();
  const cards = open.map((c) => {
    const select = h(
      "select",
      { id: `rank-${c.id}`, "aria-label": `Your choice for “${c.title}”` },
      h("option", { value: "0" }, "Not for me"),
      Array.from({ length: max }, (_, i) => h("option", { value: i + 1, selected: c.my_rank === i + 1 }, ORDINAL[i + 1]!)),
    );
    selects.set(c.id, select);
    return h(
      "li",
      { class: "card challenge", "data-challenge": c.id },
      h("h3", {}, c.title),
      c.problem ? h("p", {}, c.problem) : null,
      c.skills.length ? h("p", { class: "tags" }, c.skills.map((s) => h("span", { class: "tag" }, s))) : null,
      h("p", { class: "muted" }, [c.sponsor?.name ? `Sponsor: ${c.sponsor.name}` : null, `${c.volunteers} ${c.volunteers === 1 ? "volunteer" : "volunteers"}, ${c.first_choices} as first choice`].filter(Boolean).join(" · ")),
      h("div", { class: "field" }, h("label", { for: `rank-${c.id}` }, "Your choice"), select),
    );
  });
  const facilitator = h("input", { id: "signup-facilitator", type: "checkbox", checked: signup?.facilitator ?? false });
  const howMany = h("select", { id: "signup-max" }, [1, 2, 3].map((n) => h("option", { value: n, selected: (signup?.max_circles ?? 1) === n }, n === 1 ? "One circle" : `Up to ${n} circles`)));
  const note = status("signup-status");
  const save = h("button", { type: "submit", class: "primary" }, signup ? "Update my choices" : "Sign up");
  const withdraw = signup ? h("button", { type: "button", id: "signup-withdraw" }, "Withdraw") : null;
  const form = h(
    "form",
    { id: "signup-form" },
    h("ul", { class: "pairs challenges" }, cards),
    h("div", { class: "field checkbox" }, facilitator, h("label", { for: "signup-facilitator" }, "I have facilitated a group before and can facilitate a circle")),
    h("div", { class: "field" }, h("label", { for: "signup-max" }, "How many circles you would join"), howMany),
    h("div", { class: "actions" }, save, withdraw),
    note,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const ranked: [number, number][] = [];
    for (const [id, s] of selects) if (Number(s.value) > 0) ranked.push([Number(s.value), id]);
    ranked.sort((a, b) => a[0] - b[0]);
    const ranks = ranked.map((r) => r[0]);
    if (new Set(ranks).size !== ranks.length) {
      say(note, "Give each challenge you choose a different rank.", true);
      return;
    }
    if (!ranked.length) {
      say(note, "Choose at least one challenge, or withdraw.", true);
      return;
    }
    try {
      await saveSignup({ preferences: ranked.map((r) => r[1]), facilitator: facilitator.checked, max_circles: Number(howMany.value) });
      await reload();
      const s = document.getElementById("signup-status");
      if (s) say(s, `Saved: ${ranked.length} ${ranked.length === 1 ? "challenge" : "challenges"} in your order.`);
    } catch (e) {
      say(note, message(e, "Could not save your choices."), true);
    }
  });
  withdraw?.addEventListener("click", async () => {
    try {
      await saveSignup({ preferences: [], facilitator: false, max_circles: 1 });
      await reload();
      const s = document.getElementById("signup-status");
      if (s) say(s, "You have withdrawn from the sign-up.");
    } catch (e) {
      say(note, message(e, "Could not withdraw."), true);
    }
  });
  return form;
}

function breakdown(s: CircleScore): HTMLElement {
  return h(
    "table",
    { class: "breakdown" },
    h("caption", {}, "Score breakdown"),
    h(
      "tbody",
      {},
      [
        ["Preferences", s.preference, `${s.first_choices} first choices`],
        ["Team mix", s.team, `${s.same_team_pairs} pairs from one team`],
        ["Community mix", s.community, `${s.same_community_pairs} pairs from one community`],
        ["Seniority mix", s.seniority, `${s.same_level_pairs} pairs at one level`],
        ["Skills", s.skills, `${s.skills_covered} of the challenge's skills covered`],
      ].map(([k, v, why]) => h("tr", {}, h("th", { scope: "row" }, String(k)), h("td", { class: "num" }, (v as number).toFixed(1)), h("td", {}, String(why)))),
      h("tr", { class: "total" }, h("th", { scope: "row" }, "Total"), h("td", { class: "num" }, s.total.toFixed(1)), h("td", {}, `${s.facilitators} ${s.facilitators === 1 ? "facilitator" : "facilitators"}`)),
    ),
  );
}

// Post a challenge: admins name any sponsor; a manager posts as its sponsor.
function challengeForm(reload: () => Promise<void>, withSponsor: boolean): HTMLElement {
  const title = h("input", { id: "challenge-title", maxlength: 200, required: true });
  const problem = h("textarea", { id: "challenge-problem", rows: 3, maxlength: 4000 });
  const skills = h("input", { id: "challenge-skills", placeholder: "e.g. facilitation, sql" });
  const [sponsorField, sponsor] = withSponsor ? personPicker("challenge-sponsor", "Sponsor (optional)") : [h("p", { class: "muted" }, "You will be its sponsor."), () => null];
  const postNote = status("challenge-status");
  const post = h(
    "form",
    { class: "card", id: "challenge-form" },
    h("h3", {}, "Post a challenge"),
    h("div", { class: "field" }, h("label", { for: "challenge-title" }, "Challenge"), title),
    h("div", { class: "field" }, h("label", { for: "challenge-problem" }, "What is hard, and for whom"), problem),
    h("div", { class: "field" }, h("label", { for: "challenge-skills" }, "Skills it involves (comma-separated)"), skills),
    sponsorField,
    h("button", { type: "submit", class: "primary" }, "Post challenge"),
    postNote,
  );
  post.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const who = sponsor();
    if (who === -1) {
      say(postNote, "Choose the sponsor from the list of matches.", true);
      return;
    }
    try {
      await createChallenge({ title: title.value.trim(), problem: problem.value.trim(), skills: skills.value.split(",").map((s) => s.trim()).filter(Boolean), sponsor: who });
      await reload();
      const s = document.getElementById("challenge-status");
      if (s) say(s, "Challenge posted: it is open for sign-ups.");
    } catch (e) {
      say(postNote, message(e, "Could not post the challenge."), true);
    }
  });
  return post;
}

async function adminSection(
  all: ChallengeView[],
  pins: { id: number; name?: string; challenge: number }[],
  volunteers: number,
  list: CircleSummary[],
  reload: () => Promise<void>,
): Promise<HTMLElement> {
  const post = challengeForm(reload, true);

  // Challenges with close/reopen.
  const challengeRows = all.map((c) => {
    const toggle = h("button", { type: "button", "aria-label": `${c.status === "open" ? "Close" : "Reopen"} “${c.title}”` }, c.status === "open" ? "Close" : "Reopen");
    toggle.addEventListener("click", async () => {
      await setChallengeStatus(c.id, c.status === "open" ? "closed" : "open");
      await reload();
    });
    return h("tr", { "data-challenge": c.id }, h("th", { scope: "row" }, c.title), h("td", {}, h("span", { class: "tag" }, c.status)), h("td", { class: "num" }, c.volunteers), h("td", { class: "num" }, c.first_choices), h("td", {}, toggle));
  });

  // Formation.
  const minSize = h("input", { id: "form-min", type: "number", min: 2, max: 60, value: 12 });
  const maxSize = h("input", { id: "form-max", type: "number", min: 2, max: 60, value: 15 });
  const hours = h("input", { id: "form-hours", type: "number", min: 0, max: 8, step: 0.5, value: 2 });
  const run = h("button", { type: "button", class: "primary", id: "form-circles" }, "Form circles");
  const formNote = status("form-status");
  run.addEventListener("click", async () => {
    run.disabled = true;
    try {
      const r = await formCircles({ min_size: Number(minSize.value), max_size: Number(maxSize.value), min_overlap_hours: Number(hours.value) });
      await reload();
      const s = document.getElementById("form-status");
      if (!s) return;
      say(s, r.stored ? `${r.proposed} circles proposed, ${r.seated} of ${r.volunteers} volunteers seated; review them below and start them.` : `No circle could be formed; the proposals are unchanged.`, !r.stored);
      if (!r.communities_known) s.append(h("br"), "No network snapshot yet: network communities were not mixed.");
      if (r.infeasibility.length) s.append(h("ul", { id: "form-why" }, r.infeasibility.map((x) => h("li", {}, x))));
    } catch (e) {
      say(formNote, message(e, "Formation failed."), true);
      run.disabled = false;
    }
  });

  // Pins.
  const [pinField, pinPerson] = personPicker("pin-person", "Person");
  const pinChallenge = h("select", { id: "pin-challenge" }, all.filter((c) => c.status === "open").map((c) => h("option", { value: c.id }, c.title)));
  const pinNote = status("pin-status");
  const pinForm = h(
    "form",
    { class: "card", id: "pin-form" },
    h("h3", {}, "Keep someone on a challenge"),
    h("p", { class: "muted" }, "A pinned person is placed in a circle on the challenge at the next formation."),
    pinField,
    h("div", { class: "field" }, h("label", { for: "pin-challenge" }, "Challenge to keep them on"), pinChallenge),
    h("button", { type: "submit" }, "Pin"),
    pinNote,
    pins.length ? h("ul", { id: "pins" }, pins.map((p) => h("li", {}, `${p.name ?? p.id} → ${all.find((c) => c.id === p.challenge)?.title ?? p.challenge}`))) : null,
  );
  pinForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const who = pinPerson();
    if (who === null || who === -1) {
      say(pinNote, "Choose the person from the list of matches.", true);
      return;
    }
    try {
      await pinToChallenge(who, Number(pinChallenge.value));
      await reload();
    } catch (e) {
      say(pinNote, message(e, "Could not pin."), true);
    }
  });

  // Circles.
  const circleRows = list.map((c) => {
    const next = c.status === "proposed" ? "active" : c.status === "active" ? "closed" : null;
    const action = next ? h("button", { type: "button", "aria-label": `${next === "active" ? "Start" : "Close"} circle ${c.id} on “${c.challenge.title}”` }, next === "active" ? "Start" : "Close") : null;
    action?.addEventListener("click", async () => {
      try {
        await setCircleStatus(c.id, next!);
        await reload();
      } catch (e) {
        say(formNote, message(e, "Could not change the circle."), true);
      }
    });
    const s = c.score;
    return h(
      "tr",
      { "data-circle": c.id },
      h("th", { scope: "row", class: "name" }, h("a", { href: `#/circles/${c.id}` }, `#${c.id} ${c.challenge.title}`)),
      h("td", {}, h("span", { class: "tag" }, c.status), " ", action),
      h("td", { class: "num" }, c.members.length),
      h("td", {}, c.members.find((m) => m.role === "facilitator")?.name ?? "—"),
      h("td", { class: "num" }, s.total.toFixed(1)),
      h(
        "td",
        { class: "wrap" },
        h(
          "details",
          {},
          h("summary", {}, `${s.first_choices} first choices · ${s.skills_covered} skills covered · ${s.same_team_pairs} same-team pairs`),
          h("p", {}, c.explanation),
          breakdown(s),
        ),
      ),
    );
  });

  return h(
    "div",
    { id: "circles-admin" },
    h("h2", {}, "Programme"),
    h("p", { id: "volunteer-count" }, `${volunteers} ${volunteers === 1 ? "volunteer has" : "volunteers have"} signed up.`),
    post,
    all.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Challenges" },
          h("table", { id: "challenges-table" }, h("thead", {}, h("tr", {}, ["Challenge", "Status", "Volunteers", "First choices", ""].map((x) => h("th", { scope: "col" }, x)))), h("tbody", {}, challengeRows)),
        )
      : null,
    h("h3", {}, "Form circles"),
    h(
      "div",
      { class: "controls" },
      h("div", { class: "control" }, h("label", { for: "form-min" }, "Smallest circle"), minSize),
      h("div", { class: "control" }, h("label", { for: "form-max" }, "Largest circle"), maxSize),
      h("div", { class: "control" }, h("label", { for: "form-hours" }, "Shared working hours"), hours),
      run,
    ),
    formNote,
    list.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Circles" },
          h("table", { id: "circles-table" }, h("thead", {}, h("tr", {}, ["Circle", "Status", "Members", "Facilitator", "Score", "Why"].map((x) => h("th", { scope: "col" }, x)))), h("tbody", {}, circleRows)),
        )
      : h("p", { class: "muted" }, "No circles yet."),
    pinForm,
  );
}

export function circlePage(id: number): HTMLElement {
  const body = h("div", {}, loading());
  const section = h("section", {}, h("p", {}, h("a", { href: "#/circles" }, "← Learning circles")), body);
  const reload = async () => {
    try {
      const c = await circle(id);
      clear(body);
      body.append(...circleView(c, reload));
    } catch (e) {
      clear(body);
      body.append(h("h1", {}, "Circle"), errorBox(e));
    }
  };
  void reload();
  return section;
}

function circleView(c: CircleDetail, reload: () => Promise<void>): HTMLElement[] {
  const out: HTMLElement[] = [];
  out.push(h("h1", {}, c.challenge.title, " ", h("span", { class: "tag", id: "circle-status" }, c.status)));
  if (c.challenge.problem) out.push(h("p", {}, c.challenge.problem));
  if (c.challenge.sponsor?.name) out.push(h("p", { class: "muted" }, `Sponsor: ${c.challenge.sponsor.name}`));

  // Rhythm.
  const rhythm = h("div", { class: "card", id: "rhythm" }, h("h2", {}, "Rhythm"));
  if (c.next_meeting) {
    rhythm.append(
      h(
        "p",
        { id: "next-meeting", class: c.next_meeting.overdue_days > 0 ? "error" : "" },
        c.next_meeting.overdue_days > 0 ? `The next meeting was due on ${c.next_meeting.due} (${c.next_meeting.overdue_days} days ago).` : `Next meeting due by ${c.next_meeting.due}.`,
      ),
    );
  }
  rhythm.append(h("p", { class: "muted" }, [c.started_at ? `Started ${c.started_at.slice(0, 10)}` : "Not started", `meets every ${c.cadence_days === 7 ? "week" : `${c.cadence_days} days`}`].join(" · ")));
  if (c.can_edit) {
    const cadence = h("select", { id: "cadence" }, [7, 14, 21, 28].map((d) => h("option", { value: d, selected: c.cadence_days === d }, d === 7 ? "Weekly" : `Every ${d / 7} weeks`)));
    cadence.addEventListener("change", async () => {
      await saveCircleLife(c.id, { cadence_days: Number(cadence.value) });
      await reload();
    });
    rhythm.append(h("div", { class: "field" }, h("label", { for: "cadence" }, "Meeting cadence"), cadence));
  }
  out.push(rhythm);

  // Members and why.
  out.push(
    h(
      "div",
      { class: "card", id: "members" },
      h("h2", {}, `Members (${c.members.length})`),
      h("ul", {}, c.members.map((m) => h("li", {}, m.name ?? String(m.id), m.team ? h("span", { class: "muted" }, ` · ${m.team}`) : null, m.role === "facilitator" ? h("span", { class: "tag" }, "facilitator") : null))),
      h("h3", {}, "Why this circle"),
      h("p", { class: "explanation" }, c.explanation),
      breakdown(c.score),
    ),
  );

  // The facilitator's checklist.
  const checkNote = status("checklist-status");
  const boxes = c.checklist.map((item) => {
    const box = h("input", { type: "checkbox", id: `check-${item.key}`, checked: item.done, disabled: !c.can_edit });
    box.addEventListener("change", async () => {
      const done = c.checklist.filter((x) => (x.key === item.key ? box.checked : x.done)).map((x) => x.key);
      try {
        await saveCircleLife(c.id, { checklist: done });
        item.done = box.checked;
        say(checkNote, `Saved: ${done.length} of ${c.checklist.length} done.`);
      } catch (e) {
        box.checked = !box.checked;
        say(checkNote, message(e, "Could not save the checklist."), true);
      }
    });
    return h("li", { class: "field checkbox" }, box, h("label", { for: `check-${item.key}` }, item.label));
  });
  out.push(h("div", { class: "card", id: "checklist" }, h("h2", {}, "Facilitator's checklist"), h("ul", { class: "checklist" }, boxes), checkNote));

  // Meetings.
  const meetings = h("div", { class: "card", id: "meetings" }, h("h2", {}, "Meetings"));
  if (c.can_log) {
    const date = h("input", { id: "meeting-date", type: "date", value: new Date().toISOString().slice(0, 10) });
    const notes = h("textarea", { id: "meeting-notes", rows: 3, maxlength: 4000 });
    const takeaways = h("textarea", { id: "meeting-takeaways", rows: 3 });
    const note = status("meeting-status");
    const form = h(
      "form",
      { id: "meeting-form" },
      h("div", { class: "field" }, h("label", { for: "meeting-date" }, "Date"), date),
      h("div", { class: "field" }, h("label", { for: "meeting-notes" }, "Notes"), notes),
      h("div", { class: "field" }, h("label", { for: "meeting-takeaways" }, "Takeaways, one per line"), takeaways),
      h("button", { type: "submit", class: "primary" }, "Log meeting"),
      note,
    );
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const lines = takeaways.value.split("\n").map((s) => s.trim()).filter(Boolean);
        await logCircleMeeting(c.id, { date: date.value, notes: notes.value, takeaways: lines });
        await reload();
      } catch (e) {
        say(note, message(e, "Could not log the meeting."), true);
      }
    });
    meetings.append(form);
  }
  meetings.append(
    c.meetings.length
      ? h(
          "ol",
          { id: "meeting-log", class: "meetings" },
          c.meetings.map((m) =>
            h(
              "li",
              { "data-meeting": m.id },
              h("h3", {}, m.date, m.logged_by?.name ? h("span", { class: "muted" }, ` · logged by ${m.logged_by.name}`) : null),
              m.notes ? h("p", {}, m.notes) : null,
              m.takeaways.length ? h("ul", { class: "takeaways" }, m.takeaways.map((t) => h("li", {}, t))) : null,
            ),
          ),
        )
      : h("p", { class: "muted", id: "meeting-log" }, "No meeting logged yet."),
  );
  out.push(meetings);

  // What we learned.
  const learned = h("div", { class: "card", id: "learned" }, h("h2", {}, "What did we learn"));
  if (c.can_edit) {
    const text = h("textarea", { id: "summary", rows: 5, maxlength: 8000 }, c.summary);
    const note = status("summary-status");
    const save = h("button", { type: "button" }, "Save summary");
    save.addEventListener("click", async () => {
      try {
        await saveCircleLife(c.id, { summary: text.value });
        say(note, "Summary saved.");
      } catch (e) {
        say(note, message(e, "Could not save the summary."), true);
      }
    });
    learned.append(h("div", { class: "field" }, h("label", { for: "summary" }, "Summary for others (becomes a lesson)"), text), save, note);
  } else {
    learned.append(c.summary ? h("p", { id: "summary-text" }, c.summary) : h("p", { class: "muted" }, "The facilitator has not written the summary yet."));
  }
  learned.append(h("p", {}, h("a", { href: `/api/v1/circles/${c.id}/learned.md`, download: `circle-${c.id}-learned.md`, id: "learned-link" }, "Download what we learned (Markdown)")));
  out.push(learned);
  return out;
}
