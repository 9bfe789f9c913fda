// Surveys: my surveys and the form to answer one; for managers and admins every wave, its
// response rate and its results (overview, team × item heatmap, readiness radar, comments); for
// admins scheduling a wave. What is suppressed is decided by the server; these pages show it.
import { h, clear } from "../dom";
import {
  ApiError,
  createSchedule,
  createWave,
  people,
  setScheduleActive,
  surveySchedules,
  saveResponse,
  surveyInstruments,
  surveyWaves,
  teams,
  waveForm,
  waveRate,
  waveResults,
  type GroupResult,
  type InstrumentDefinition,
  type Role,
  type ScheduleSummary,
  type WaveForm,
  type WaveResults,
  type WaveSummary,
} from "../api";
import { errorBox, loading } from "./common";

const one = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "always" });
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);
const day = (ts: string) => ts.slice(0, 10);
const groupName = (g: string) => (g === "" ? "Everyone" : g);

const ANONYMITY: Record<string, string> = {
  anonymous: "Anonymous: your answers are stored without your name. Only the fact that you responded is kept, apart from the answers.",
  confidential: "Confidential: results are shown only for groups with enough respondents; nobody sees your individual answers.",
  attributed: "Attributed: the people you name are recorded with your name and feed the knowledge network.",
};

function stateTag(w: WaveSummary): HTMLElement {
  return h("span", { class: `tag state-${w.state}` }, w.state);
}

// --- my surveys, all waves, scheduling ---

export function surveysPage(role: Role): HTMLElement {
  const body = h("div", {}, loading());
  const load = async () => {
    try {
      const list = await surveyWaves();
      clear(body);
      body.append(h("h2", {}, "Your surveys"));
      if (list.mine.length === 0) {
        body.append(h("p", { class: "muted", id: "no-surveys" }, "No survey is waiting for you."));
      } else {
        body.append(
          h(
            "ul",
            { class: "waves", id: "my-surveys" },
            list.mine.map((w) => {
              const verb = w.state !== "open" ? "View" : w.my_status === "submitted" ? "Change answers" : w.my_status === "in progress" ? "Continue" : "Start";
              return h(
                "li",
                { class: "card wave" },
                h("h3", {}, h("a", { href: `#/surveys/${w.id}` }, w.title)),
                h("p", { class: "muted small" }, `${w.instrument.title} · ${w.instrument.anonymity} · ${w.state === "open" ? `open until ${day(w.closes_at)}` : w.state}`),
                h("p", {}, h("span", { class: "tag my-status" }, w.my_status ?? ""), " ", h("a", { href: `#/surveys/${w.id}`, class: "action" }, verb), " · ", h("a", { href: `#/surveys/${w.id}/results` }, "Results")),
              );
            }),
          ),
        );
      }
      if (role !== "employee") body.append(h("h2", {}, "All waves"), wavesTable(list.waves));
      if (role === "admin") {
        const schedules = await surveySchedules();
        body.append(h("h2", {}, "Recurring schedules"), schedulesTable(schedules.schedules, load));
        body.append(scheduleForm(load));
      }
    } catch (e) {
      clear(body);
      body.append(errorBox(e));
    }
  };
  void load();
  return h("section", {}, h("h1", {}, "Surveys"), body);
}

function wavesTable(waves: WaveSummary[]): HTMLElement {
  if (waves.length === 0) return h("p", { class: "muted" }, "No waves yet.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "All waves" },
    h(
      "table",
      { id: "waves-table" },
      h("thead", {}, h("tr", {}, ["Wave", "Instrument", "Opens", "Closes", "State", "Source", ""].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        waves.map((w) =>
          h(
            "tr",
            {},
            h("th", { scope: "row", class: "name" }, w.title),
            h("td", { class: "name" }, `${w.instrument.title} (${w.instrument.anonymity})`),
            h("td", {}, day(w.opens_at)),
            h("td", {}, day(w.closes_at)),
            h("td", {}, stateTag(w)),
            h("td", {}, w.source === "import" ? "imported" : "web"),
            h("td", {}, h("a", { href: `#/surveys/${w.id}/results` }, "Results")),
          ),
        ),
      ),
    ),
  );
}

function schedulesTable(schedules: ScheduleSummary[], reload: () => Promise<void>): HTMLElement {
  if (schedules.length === 0) return h("p", { class: "muted", id: "no-schedules" }, "No recurring schedule yet: choose “every … weeks” below.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Recurring schedules" },
    h(
      "table",
      { id: "schedules-table" },
      h("thead", {}, h("tr", {}, ["Schedule", "Instrument", "Every", "Open for", "Reminders", "Next opening", ""].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        schedules.map((x) => {
          const toggle = h("button", { type: "button" }, x.active ? "Pause" : "Resume");
          toggle.setAttribute("aria-label", `${x.active ? "Pause" : "Resume"} ${x.title}`);
          toggle.addEventListener("click", async () => {
            toggle.disabled = true;
            await setScheduleActive(x.id, !x.active).catch(() => undefined);
            await reload();
          });
          const weeks = x.every_days % 7 === 0 ? `${x.every_days / 7} weeks` : `${x.every_days} days`;
          return h(
            "tr",
            { "data-schedule": x.id },
            h("th", { scope: "row" }, x.title, x.active ? null : h("span", { class: "tag" }, " paused")),
            h("td", {}, x.instrument.title),
            h("td", {}, weeks),
            h("td", {}, `${x.open_days} days`),
            h("td", {}, x.reminders.length ? x.reminders.map((d) => `${d} d`).join(", ") + " before closing" : "none"),
            h("td", {}, x.active ? day(x.next_opens_at) : "—"),
            h("td", {}, toggle),
          );
        }),
      ),
    ),
  );
}

function scheduleForm(reload: () => Promise<void>): HTMLElement {
  const status = h("p", { role: "status", id: "schedule-status", class: "muted" });
  const instrument = h("select", { id: "wave-instrument", required: true });
  const title = h("input", { id: "wave-title", required: true, maxlength: 200 });
  const today = new Date();
  const inDays = (n: number) => new Date(today.getTime() + n * 86400000).toISOString().slice(0, 10);
  const opens = h("input", { id: "wave-opens", type: "date", required: true, value: inDays(0) });
  const closes = h("input", { id: "wave-closes", type: "date", required: true, value: inDays(14) });
  const k = h("input", { id: "wave-k", type: "number", min: 3, max: 100, value: 5, required: true });
  const population = h("select", { id: "wave-population", multiple: true, size: 6, "aria-describedby": "population-hint" });
  const repeat = h("select", { id: "wave-repeat" }, h("option", { value: "0" }, "Once"), [2, 4, 6, 8, 12, 26].map((w) => h("option", { value: String(w * 7) }, `Every ${w} weeks`)));
  const reminders = h("input", { id: "wave-reminders", value: "3, 1", inputmode: "numeric", "aria-describedby": "reminders-hint" });
  // Nothing can be scheduled until the instruments are listed: the button waits for them.
  const submit = h("button", { type: "submit", class: "primary", disabled: true }, "Schedule wave");
  const loadingText = "Loading instruments…";
  status.textContent = loadingText;
  surveyInstruments()
    .then((r) => {
      for (const i of r.instruments) instrument.append(h("option", { value: i.id === null ? i.key : String(i.id) }, `${i.title} (${i.key} v${i.version}, ${i.anonymity})`));
      if (!title.value && r.instruments[0]) title.value = r.instruments[0].title;
      // The status may already tell how the last wave went (the form is drawn again after it).
      if (status.textContent === loadingText) status.textContent = r.instruments.length ? "" : "No instruments to schedule yet.";
      submit.disabled = r.instruments.length === 0;
    })
    .catch((e) => status.replaceWith(errorBox(e)));
  teams()
    .then((r) => {
      for (const t of [...r.teams].sort((a, b) => a.path.localeCompare(b.path))) population.append(h("option", { value: t.path }, t.path));
    })
    .catch(() => undefined);
  instrument.addEventListener("change", () => {
    title.value = instrument.selectedOptions[0]?.textContent?.replace(/ \(.*$/, "") ?? "";
  });
  const form = h(
    "form",
    { class: "card schedule", id: "schedule-form" },
    h("h2", {}, "Schedule a wave"),
    h("div", { class: "field" }, h("label", { for: "wave-instrument" }, "Instrument"), instrument),
    h("div", { class: "field" }, h("label", { for: "wave-title" }, "Title"), title),
    h("div", { class: "fields" }, h("div", { class: "field" }, h("label", { for: "wave-opens" }, "Opens"), opens), h("div", { class: "field" }, h("label", { for: "wave-closes" }, "Closes"), closes), h("div", { class: "field" }, h("label", { for: "wave-k" }, "Anonymity threshold k"), k)),
    h("div", { class: "field" }, h("label", { for: "wave-population" }, "Who is invited"), population, h("p", { class: "muted small", id: "population-hint" }, "Select teams (Ctrl or ⌘ for several); none selected invites everyone. A team includes its sub-teams.")),
    h("div", { class: "fields" }, h("div", { class: "field" }, h("label", { for: "wave-repeat" }, "Repeats"), repeat), h("div", { class: "field" }, h("label", { for: "wave-reminders" }, "Reminders"), reminders, h("p", { class: "muted small", id: "reminders-hint" }, "Days before closing, to those who have not answered; empty for none."))),
    submit,
    status,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    status.className = "muted";
    status.textContent = "Scheduling…";
    try {
      const days = reminders.value.split(/[\s,]+/).filter(Boolean).map(Number);
      if (days.some((d) => !Number.isInteger(d))) throw new ApiError(400, "invalid", "Reminders: whole numbers of days, such as 3, 1.");
      const common = {
        instrument: instrument.value,
        title: title.value.trim(),
        k: Number(k.value),
        population: [...population.selectedOptions].map((o) => o.value),
        reminders: days,
      };
      let done: string;
      if (repeat.value === "0") {
        const w = await createWave({ ...common, opens_at: opens.value, closes_at: closes.value });
        done = `Scheduled “${w.title}” (${w.state}).`;
      } else {
        const openDays = Math.round((Date.parse(closes.value) - Date.parse(opens.value)) / 86400000);
        const x = await createSchedule({ ...common, first_opens_at: opens.value, every_days: Number(repeat.value), open_days: openDays });
        done = `Scheduled “${x.title}” every ${x.every_days / 7} weeks from ${day(x.next_opens_at)}; each wave opens when the survey job runs.`;
      }
      await reload();
      const s = document.getElementById("schedule-status");
      if (s) s.textContent = done;
    } catch (e) {
      status.className = "error";
      status.textContent = e instanceof ApiError ? e.message : "Could not schedule the wave.";
      submit.disabled = false;
    }
  });
  return form;
}

// --- answering ---

const receiptKey = (id: number) => `peerlearn-receipt-${id}`;

export function takeSurveyPage(id: number): HTMLElement {
  const section = h("section", { class: "survey" }, loading());
  waveForm(id)
    .then((f) => {
      clear(section);
      section.append(surveyForm(f));
    })
    .catch((e) => {
      clear(section);
      section.append(h("h1", {}, "Survey"), errorBox(e));
    });
  return section;
}

function scaleLabel(def: InstrumentDefinition, v: number): string {
  return def.scale.labels?.[v - def.scale.min] ?? String(v);
}

function surveyForm(f: WaveForm): HTMLElement {
  const def = f.definition;
  const open = f.state === "open";
  const anonymous = def.anonymity === "anonymous";
  const status = h("p", { role: "status", id: "survey-status", class: "muted" });
  const out = h("div", {});
  out.append(h("h1", {}, f.title));
  if (def.description) out.append(h("p", {}, def.description));
  out.append(h("p", { class: "notice", id: "anonymity-notice" }, ANONYMITY[def.anonymity] ?? "", ` Results are shown for groups of at least ${f.k} people.`));
  if (!open) out.append(h("p", { class: "notice", id: "closed-notice" }, f.state === "closed" ? `This survey closed on ${day(f.closes_at)}.` : `This survey opens on ${day(f.opens_at)}.`));
  const receipt = localStorage.getItem(receiptKey(f.id)) ?? "";
  let receiptInput: HTMLInputElement | null = null;
  if (anonymous && f.submitted) {
    receiptInput = h("input", { id: "receipt", value: receipt, autocomplete: "off", spellcheck: "false" });
    out.append(
      h(
        "div",
        { class: "card", id: "already-answered" },
        h("p", {}, "You have responded. Your answers are stored without your name, so they are not shown here. To change them, answer again with the receipt you were given."),
        h("label", { for: "receipt" }, "Receipt"),
        receiptInput,
      ),
    );
  } else if (f.submitted) {
    out.append(h("p", { class: "notice", id: "already-answered" }, "You have responded; your answers are below and can be changed until the survey closes."));
  }

  const form = h("form", { id: "survey-form", novalidate: true });
  const points: number[] = [];
  for (let v = def.scale.min; v <= def.scale.max; v++) points.push(v);
  def.items.forEach((item, i) => {
    const name = `item-${item.id}`;
    const current = f.answers[item.id];
    const legendId = `legend-${item.id}`;
    form.append(
      h(
        "fieldset",
        { class: "item", "data-item": item.id, "aria-describedby": item.required ? `req-${item.id}` : undefined },
        h("legend", { id: legendId }, `${i + 1}. ${item.text}`, item.required ? h("span", { class: "required", id: `req-${item.id}` }, " (required)") : null),
        h(
          "div",
          { class: "scale-points" },
          points.map((v) =>
            h(
              "label",
              { class: "point" },
              h("input", { type: "radio", name, value: v, checked: current === v, disabled: !open }),
              h("span", {}, scaleLabel(def, v)),
            ),
          ),
        ),
      ),
    );
  });
  for (const q of def.free_text) {
    const area = h("textarea", { id: `text-${q.id}`, name: `text-${q.id}`, maxlength: q.max_length, rows: 4, disabled: !open, "aria-describedby": `count-${q.id}` });
    area.value = f.comments?.[q.id] ?? "";
    const count = h("span", { class: "muted small", id: `count-${q.id}`, "aria-live": "polite" });
    const update = () => (count.textContent = `${[...area.value].length} of ${q.max_length} characters`);
    area.addEventListener("input", update);
    update();
    form.append(h("div", { class: "field free-text" }, h("label", { for: `text-${q.id}` }, q.text), area, count));
  }
  const chosen = new Map<string, Map<number, string>>();
  for (const q of def.nominations) form.append(nominationField(q, chosen, open));

  const collect = () => {
    const answers: Record<string, number | null> = {};
    for (const item of def.items) {
      const c = form.querySelector<HTMLInputElement>(`input[name="item-${item.id}"]:checked`);
      answers[item.id] = c ? Number(c.value) : null;
    }
    const comments: Record<string, string> = {};
    for (const q of def.free_text) {
      const v = (form.querySelector<HTMLTextAreaElement>(`#text-${q.id}`)?.value ?? "").trim();
      if (v) comments[q.id] = v;
    }
    const nominations: Record<string, number[]> = {};
    for (const [q, m] of chosen) if (m.size) nominations[q] = [...m.keys()];
    return { answers, comments, nominations };
  };
  const save = h("button", { type: "button", id: "save-draft", disabled: !open || (anonymous && f.submitted) }, "Save for later");
  const send = h("button", { type: "submit", class: "primary", id: "submit-survey", disabled: !open }, f.submitted ? "Submit changes" : "Submit");
  save.addEventListener("click", async () => {
    const { answers, comments } = collect();
    status.className = "muted";
    try {
      await saveResponse(f.id, { answers, comments, submit: false });
      status.textContent = "Saved. You can come back and finish later.";
    } catch (e) {
      status.className = "error";
      status.textContent = e instanceof ApiError ? e.message : "Could not save.";
    }
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const { answers, comments, nominations } = collect();
    const missing = def.items.find((it) => it.required && answers[it.id] === null);
    status.className = "error";
    if (missing) {
      status.textContent = `Please answer question ${def.items.indexOf(missing) + 1}: it is required.`;
      form.querySelector<HTMLInputElement>(`input[name="item-${missing.id}"]`)?.focus();
      return;
    }
    send.disabled = true;
    try {
      const body: Parameters<typeof saveResponse>[1] = { answers, comments, submit: true };
      if (def.nominations.length) body.nominations = nominations;
      const r0 = receiptInput?.value.trim() ?? "";
      if (r0) body.receipt = r0;
      const r = await saveResponse(f.id, body);
      if (r.receipt) localStorage.setItem(receiptKey(f.id), r.receipt);
      status.className = "done";
      status.textContent = r.replaced ? "Thank you: your answers were updated." : "Thank you: your answers were submitted.";
      if (r.receipt && !r.replaced) {
        status.append(h("br"), `Your receipt, kept on this device, lets you change your answers until the survey closes: `, h("code", { id: "receipt-code" }, r.receipt));
      }
      save.disabled = anonymous;
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : "Could not submit.";
    } finally {
      send.disabled = false;
    }
  });
  form.append(h("div", { class: "actions" }, send, save), status);
  out.append(form);
  return out;
}

// Up to max_people colleagues per question, found through the directory.
function nominationField(q: InstrumentDefinition["nominations"][number], chosen: Map<string, Map<number, string>>, open: boolean): HTMLElement {
  const picked = new Map<number, string>();
  chosen.set(q.id, picked);
  const inputId = `nominate-${q.id}`;
  const input = h("input", { id: inputId, type: "search", autocomplete: "off", disabled: !open, role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": `${inputId}-options` });
  const options = h("ul", { class: "options", id: `${inputId}-options`, role: "listbox", "aria-label": `People matching the search for: ${q.text}` });
  const chips = h("ul", { class: "chips", "aria-label": `Named for: ${q.text}` });
  const hint = h("p", { class: "muted small" }, `Up to ${q.max_people} people.`);
  const renderChips = () => {
    clear(chips);
    for (const [id, name] of picked) {
      chips.append(h("li", {}, name, " ", h("button", { type: "button", class: "link", "aria-label": `Remove ${name}`, onclick: () => { picked.delete(id); renderChips(); } }, "×")));
    }
    input.disabled = !open || picked.size >= q.max_people;
  };
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      clear(options);
      const text = input.value.trim();
      if (text.length < 2) return input.setAttribute("aria-expanded", "false");
      try {
        const r = await people({ q: text, limit: 8 });
        for (const p of r.people) {
          if (picked.has(p.id)) continue;
          const label = `${p.name}${p.team ? ` — ${p.team}` : ""}`;
          options.append(
            h("li", { role: "option", "aria-selected": "false" }, h("button", { type: "button", class: "option", onclick: () => { picked.set(p.id, p.name); input.value = ""; clear(options); input.setAttribute("aria-expanded", "false"); renderChips(); input.focus(); } }, label)),
          );
        }
        input.setAttribute("aria-expanded", String(options.childElementCount > 0));
      } catch {
        /* the search box stays usable; the next keystroke retries */
      }
    }, 200);
  });
  return h("div", { class: "field nomination", "data-question": q.id }, h("label", { for: inputId }, q.text), input, options, chips, hint);
}

// --- results ---

export function surveyResultsPage(id: number, role: Role): HTMLElement {
  const section = h("section", { class: "results" }, loading());
  Promise.all([waveResults(id), role === "employee" ? Promise.resolve(null) : waveRate(id).catch(() => null)])
    .then(([r, rate]) => {
      clear(section);
      section.append(h("h1", {}, `${r.wave.title}: results`));
      section.append(h("p", { class: "muted", id: "results-line" }, `${r.definition.title} · ${r.wave.state} · ${r.respondents} responses · groups under ${r.k} respondents are not shown`));
      if (role === "admin") section.append(h("p", {}, h("a", { href: `/api/v1/surveys/waves/${id}/results.csv`, download: `wave-${id}.csv`, id: "export-csv" }, "Download aggregates (CSV)")));
      const org = r.groups.find((g) => g.group === "");
      if (!org || org.status !== "shown") {
        section.append(h("div", { class: "card", id: "org-suppressed" }, h("p", {}, `Fewer than ${r.k} people have responded so far, so no results are shown yet.`)));
      } else {
        section.append(overview(r, org));
        if (r.definition.subscales.length >= 3) section.append(radar(r.definition, org));
      }
      if (r.definition.items.length) section.append(heatmap(r));
      if (rate) section.append(rateTable(rate));
      const comments = commentsBlock(r);
      if (comments) section.append(comments);
      if (r.reliability?.length) section.append(reliability(r));
    })
    .catch((e) => {
      clear(section);
      section.append(h("h1", {}, "Results"), errorBox(e));
    });
  return section;
}

function overview(r: WaveResults, org: GroupResult): HTMLElement {
  const subs = org.subscales ?? [];
  return h(
    "div",
    { class: "stats", id: "overview" },
    subs.map((s) => {
      const title = r.definition.subscales.find((x) => x.id === s.subscale)?.title ?? s.subscale;
      const c = s.change;
      let change: HTMLElement | null = null;
      if (c && c.difference !== null) {
        const word = c.low !== null && c.low > 0 ? "up" : c.high !== null && c.high < 0 ? "down" : "no clear change";
        change = h("span", { class: `muted small change change-${word.replace(/ /g, "-")}` }, `${signed.format(c.difference)} since the last wave (95% CI ${two.format(c.low ?? NaN)} to ${two.format(c.high ?? NaN)}): ${word}`);
      }
      return h(
        "div",
        { class: "stat", "data-subscale": s.subscale },
        h("span", { class: "stat-value" }, s.mean === null ? "—" : two.format(s.mean)),
        h("span", { class: "stat-label" }, title),
        h("span", { class: "muted small" }, [s.favourable !== null && s.favourable !== undefined ? `${pct(s.favourable)} favourable` : "", `n ${s.n}`, s.rwg_j !== null ? `agreement rwg(j) ${two.format(s.rwg_j)}` : ""].filter(Boolean).join(" · ")),
        change,
      );
    }),
  );
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

// The subscale means of the whole organisation on a radar; gaps are those below the midpoint
// of the scale (or, if none is, the lowest).
function radar(def: InstrumentDefinition, org: GroupResult): HTMLElement {
  const subs = def.subscales.map((s) => ({ ...s, mean: org.subscales?.find((x) => x.subscale === s.id)?.mean ?? null }));
  const { min, max } = def.scale;
  const mid = (min + max) / 2;
  const size = 360, c = size / 2, R = 120;
  const at = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / subs.length;
    const r = (R * (v - min)) / (max - min);
    return [c + r * Math.cos(a), c + r * Math.sin(a)] as const;
  };
  const ring = (v: number) => subs.map((_, i) => at(i, v).join(",")).join(" ");
  const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "radar", role: "img", "aria-labelledby": "radar-title" }, svg("title", { id: "radar-title" }, `${def.title}: mean of each attribute, ${min} to ${max}`));
  for (let v = min; v <= max; v++) chart.append(svg("polygon", { points: ring(v), class: v === Math.round(mid) ? "ring mid" : "ring" }));
  subs.forEach((s, i) => {
    const [x, y] = at(i, max);
    chart.append(svg("line", { x1: c, y1: c, x2: x, y2: y, class: "spoke" }));
    const [lx, ly] = at(i, max + (max - min) * 0.12);
    chart.append(svg("text", { x: lx, y: ly, "text-anchor": lx < c - 5 ? "end" : lx > c + 5 ? "start" : "middle", "dominant-baseline": "middle", class: "axis" }, s.title));
  });
  const shown = subs.map((s, i) => at(i, s.mean ?? min).join(",")).join(" ");
  chart.append(svg("polygon", { points: shown, class: "area" }));
  const scored = subs.filter((s) => s.mean !== null) as (typeof subs[number] & { mean: number })[];
  let gaps = scored.filter((s) => s.mean < mid);
  if (gaps.length === 0 && scored.length) gaps = [scored.reduce((a, b) => (b.mean < a.mean ? b : a))];
  gaps.sort((a, b) => a.mean - b.mean);
  return h(
    "div",
    { class: "card radar-card", id: "radar" },
    h("h2", {}, "Profile"),
    h("div", { class: "radar-wrap" }, chart as unknown as HTMLElement),
    h("h3", {}, "Gaps"),
    h("ul", { id: "gaps" }, gaps.map((g) => h("li", {}, `${g.title}: ${two.format(g.mean)}`, g.mean < mid ? ` (below the midpoint, ${mid})` : " (the lowest)"))),
  );
}

// Rows: groups; columns: subscale scores then items; colour from the keyed mean (higher is
// better after reverse keying). Suppressed rows and cells are marked, never left blank.
function heatmap(r: WaveResults): HTMLElement {
  const def = r.definition;
  const { min, max } = def.scale;
  const shade = (td: HTMLElement, mean: number) => {
    const t = Math.max(0, Math.min(1, (mean - min) / (max - min)));
    // red (low) through pale to blue (high): set through the CSSOM (no inline style attributes)
    const hue = t < 0.5 ? 5 : 212;
    const strength = Math.abs(t - 0.5) * 2;
    // lightness 96% to 62%: dark ink keeps at least 5:1 contrast on every shade
    td.style.background = `hsl(${hue} 70% ${Math.round(96 - strength * 34)}%)`;
    td.style.color = "#1b1f24";
  };
  const columns = [...def.subscales.map((s) => ({ kind: "scale" as const, id: s.id, label: s.title })), ...def.items.map((it, i) => ({ kind: "item" as const, id: it.id, label: `Q${i + 1}`, text: it.text + (it.reverse ? " (reverse-scored)" : "") }))];
  const rows = r.groups.map((g) => {
    const name = h("th", { scope: "row" }, groupName(g.group), g.status === "shown" ? h("span", { class: "muted small" }, ` n ${g.respondents}`) : null);
    if (g.status !== "shown") {
      return h("tr", { class: "suppressed-row", "data-group": g.group }, name, columns.map(() => h("td", { class: "cell suppressed", title: g.status }, h("span", { "aria-hidden": "true" }, "·"), h("span", { class: "visually-hidden" }, "suppressed"))), h("td", { class: "reason muted small" }, g.status));
    }
    return h(
      "tr",
      { "data-group": g.group },
      name,
      columns.map((col) => {
        const x = col.kind === "scale" ? g.subscales?.find((s) => s.subscale === col.id) : g.items?.find((it) => it.item === col.id);
        if (!x || x.mean === null || x.mean === undefined) {
          return h("td", { class: "cell suppressed", title: (x && "status" in x && x.status) || "fewer than k answers" }, h("span", { "aria-hidden": "true" }, "·"), h("span", { class: "visually-hidden" }, "suppressed"));
        }
        const td = h("td", { class: `cell kind-${col.kind}`, title: `${groupName(g.group)}, ${col.label}: mean ${two.format(x.mean)}, n ${x.n}` }, one.format(x.mean));
        shade(td, x.mean);
        return td;
      }),
      h("td", {}),
    );
  });
  return h(
    "div",
    { class: "heatmap-block" },
    h("h2", {}, "By group"),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Results by group and question" },
      h(
        "table",
        { class: "matrix heatmap", id: "heatmap" },
        h("caption", {}, `Mean per group (rows) and scale or question (columns), ${min}–${max}, higher is better after reverse scoring. Dotted cells are suppressed: fewer than ${r.k} respondents, or a group that would reveal a smaller one by subtraction.`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Group"), columns.map((c) => h("th", { scope: "col", title: "text" in c ? c.text : c.label }, c.kind === "item" ? h("abbr", { title: c.text }, c.label) : c.label)), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Note")))),
        h("tbody", {}, rows),
      ),
    ),
    h("ol", { class: "questions small muted" }, def.items.map((it) => h("li", {}, it.text, it.reverse ? " (reverse-scored)" : ""))),
  );
}

function rateTable(rate: NonNullable<Awaited<ReturnType<typeof waveRate>>>): HTMLElement {
  return h(
    "div",
    { class: "rate-block" },
    h("h2", {}, "Response rate"),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Response rate by group" },
      h(
        "table",
        { id: "rate-table" },
        h("caption", {}, `Shown once a group has at least ${rate.k} responses.`, rate.messages ? ` Invitations and reminders: ${rate.messages.sent} sent, ${rate.messages.pending} waiting, ${rate.messages.failed} undeliverable.` : ""),
        h("thead", {}, h("tr", {}, ["Group", "Invited", "Responded", "Rate"].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          rate.groups.map((g) =>
            g.rate === undefined
              ? h("tr", { "data-group": g.group }, h("th", { scope: "row" }, groupName(g.group)), h("td", { colspan: 3, class: "muted" }, g.status ?? "not shown"))
              : h("tr", { "data-group": g.group }, h("th", { scope: "row" }, groupName(g.group)), h("td", {}, g.invited ?? ""), h("td", {}, g.completed ?? ""), h("td", {}, h("meter", { min: 0, max: 1, value: g.rate, "aria-label": `${groupName(g.group)} response rate` }), ` ${pct(g.rate)}`)),
          ),
        ),
      ),
    ),
  );
}

function commentsBlock(r: WaveResults): HTMLElement | null {
  if (!r.definition.free_text.length) return null;
  const shown = r.groups.filter((g) => g.status === "shown" && g.comments);
  const block = h("div", { class: "comments-block", id: "comments" }, h("h2", {}, "Comments"));
  if (!shown.length) {
    block.append(h("p", { class: "muted" }, `Comments are shown only for groups with at least ${r.k} respondents.`));
    return block;
  }
  const select = h("select", { id: "comments-group" }, shown.map((g) => h("option", { value: g.group }, groupName(g.group))));
  const list = h("div", { "aria-live": "polite" });
  const render = () => {
    clear(list);
    const g = shown.find((x) => x.group === select.value) ?? shown[0]!;
    for (const q of r.definition.free_text) {
      const texts = g.comments?.[q.id] ?? [];
      list.append(h("h3", {}, q.text), texts.length ? h("ul", { class: "comments" }, texts.map((t) => h("li", {}, t))) : h("p", { class: "muted" }, "No comments."));
    }
  };
  select.addEventListener("change", render);
  render();
  block.append(h("p", { class: "muted small" }, "In random order, for groups of at least the threshold only."), h("div", { class: "field" }, h("label", { for: "comments-group" }, "Group"), select), list);
  return block;
}

function reliability(r: WaveResults): HTMLElement {
  const title = (id: string) => r.definition.subscales.find((s) => s.id === id)?.title ?? id;
  const f = (x: number | null) => (x === null ? "—" : two.format(x));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Reliability" },
    h(
      "table",
      { id: "reliability" },
      h("caption", {}, "Reliability (admins): Cronbach's alpha of each scale; ICC(1) and ICC(2) of team means."),
      h("thead", {}, h("tr", {}, ["Scale", "Alpha", "ICC(1)", "ICC(2)"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, (r.reliability ?? []).map((x) => h("tr", {}, h("th", { scope: "row" }, title(x.subscale)), h("td", {}, f(x.alpha)), h("td", {}, f(x.icc1)), h("td", {}, f(x.icc2))))),
    ),
  );
}
