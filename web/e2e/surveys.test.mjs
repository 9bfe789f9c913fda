// Surveys in a real browser: answering (draft, reload, submit, the anonymous receipt),
// nominations through the directory, scheduling a wave, the anonymity threshold, and each role's
// view of the results. The demo organisation has ten imported past waves and two open ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useDemo, axeViolations, shots } from "./harness.mjs";

let base, logins, signIn;
useDemo((demo) => ({ base, logins, signIn } = demo));

const api = (page, url) => page.evaluate(async (u) => {
  const r = await fetch(u);
  return { status: r.status, type: r.headers.get("content-type"), body: await r.text() };
}, url);

async function waveId(page, title) {
  const r = JSON.parse((await api(page, "/api/v1/surveys/waves")).body);
  const w = [...r.mine, ...r.waves].find((x) => x.title === title);
  assert.ok(w, `a wave titled ${title}`);
  return w.id;
}

test("employee: answers the open pulse, saves a draft, comes back, submits and keeps a receipt", async () => {
  const { page, context, errors } = await signIn("employee", { width: 375, height: 740 });
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("link", { name: "Surveys" }).click();
  const card = page.locator("#my-surveys li", { hasText: "Learning pulse 4" });
  await card.waitFor();
  assert.match(await card.innerText(), /not started/);
  await card.getByRole("link", { name: "Start" }).click();
  await page.locator("h1", { hasText: "Learning pulse 4" }).waitFor();
  assert.match(await page.locator("#anonymity-notice").innerText(), /Anonymous/);
  // Six questions on a 1–5 scale; the first two are required.
  assert.equal(await page.locator("fieldset.item").count(), 6);
  assert.equal(await page.locator("fieldset.item .required").count(), 2);
  await page.getByRole("button", { name: "Submit" }).click();
  await page.locator("#survey-status", { hasText: "Please answer question 1" }).waitFor();

  const q1 = page.locator('fieldset[data-item="safe_to_ask"]');
  await q1.getByLabel("Agree", { exact: true }).check();
  await page.getByLabel(/What gets in the way/).fill("Too many meetings\non Thursdays");
  await page.getByRole("button", { name: "Save for later" }).click();
  await page.locator("#survey-status", { hasText: "Saved" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "no horizontal scrolling on a phone");
  await page.screenshot({ path: path.join(shots, "employee-survey-phone.png"), fullPage: true });

  // Back later: the draft is there.
  await page.reload();
  await page.locator("h1", { hasText: "Learning pulse 4" }).waitFor();
  assert.equal(await q1.getByLabel("Agree", { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel(/What gets in the way/).inputValue(), "Too many meetings\non Thursdays");
  await page.locator('fieldset[data-item="peer_learning"]').getByLabel("Strongly agree").check();
  await page.getByRole("button", { name: "Submit" }).click();
  await page.locator("#survey-status", { hasText: "Thank you: your answers were submitted." }).waitFor();
  const receipt = await page.locator("#receipt-code").innerText();
  assert.match(receipt, /^[0-9a-f]{32}$/);
  const id = await waveId(page, "Learning pulse 4");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `peerlearn-receipt-${id}`), receipt);

  // Answering again: the answers are not shown (they are not linked to the employee) and the
  // receipt from this device lets them be replaced.
  await page.goto(`${base}/#/surveys`);
  assert.match(await page.locator("#my-surveys li", { hasText: "Learning pulse 4" }).innerText(), /submitted/);
  await page.goto(`${base}/#/surveys/${id}`);
  await page.locator("#already-answered").waitFor();
  assert.equal(await page.locator("#receipt").inputValue(), receipt);
  assert.equal(await q1.locator("input:checked").count(), 0);
  await q1.getByLabel("Strongly agree").check();
  await page.locator('fieldset[data-item="peer_learning"]').getByLabel("Agree", { exact: true }).check();
  await page.getByRole("button", { name: "Submit changes" }).click();
  await page.locator("#survey-status", { hasText: "your answers were updated" }).waitFor();

  // One response so far: no results for anyone, and the employee sees no response rates.
  await page.goto(`${base}/#/surveys/${id}/results`);
  await page.locator("#org-suppressed").waitFor();
  assert.equal(await page.locator("#rate-table").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("employee: nominations through the directory; oneself is refused with a message", async () => {
  const { page, context } = await signIn("employee");
  await page.goto(`${base}/#/surveys`);
  await page.locator("#my-surveys li", { hasText: "Who helps you learn?" }).getByRole("link", { name: "Start" }).click();
  await page.locator("#anonymity-notice", { hasText: "Attributed" }).waitFor();
  const stuck = page.locator(".nomination").first();
  const manager = logins.manager.name;
  await stuck.getByRole("combobox").fill(manager.split(" ")[0]);
  await stuck.getByRole("option").getByRole("button", { name: new RegExp(manager) }).first().click();
  await stuck.locator("ul.chips li", { hasText: manager }).waitFor();
  // Oneself: the server says no and nothing is kept.
  const helped = page.locator(".nomination").nth(1);
  await helped.getByRole("combobox").fill(logins.employee.name.split(" ")[0]);
  await helped.getByRole("option").getByRole("button", { name: new RegExp(logins.employee.name) }).first().click();
  await page.getByRole("button", { name: "Submit" }).click();
  await page.locator("#survey-status", { hasText: "you cannot nominate yourself" }).waitFor();
  await helped.getByRole("button", { name: `Remove ${logins.employee.name}` }).click();
  await page.getByRole("button", { name: "Submit" }).click();
  await page.locator("#survey-status", { hasText: "Thank you" }).waitFor();
  await page.screenshot({ path: path.join(shots, "employee-nominations.png"), fullPage: true });
  await context.close();
});

test("admin: schedules a wave, watches the response rate, reads results with suppressed cells and the readiness radar", async () => {
  const { page, context, errors } = await signIn("admin");
  await page.getByRole("link", { name: "Surveys" }).click();
  await page.locator("#waves-table").waitFor();
  // Ten imported waves and the two open ones.
  assert.equal(await page.locator("#waves-table tbody tr").count(), 12);
  const option = page.locator("#wave-instrument option", { hasText: "(reaction v1" }).first();
  await option.waitFor({ state: "attached" });
  await page.selectOption("#wave-instrument", await option.getAttribute("value"));
  await page.getByLabel("Title").fill("Reaction: mentoring kick-off");
  await page.getByRole("button", { name: "Schedule wave" }).click();
  await page.locator("#schedule-status", { hasText: "Scheduled “Reaction: mentoring kick-off” (open)" }).waitFor();
  assert.equal(await page.locator("#waves-table tbody tr").count(), 13);
  // A bad date range is refused with the server's message. (The form is drawn again after each
  // wave; its button waits, disabled, until its instruments have loaded.)
  await page.locator("#wave-instrument option").first().waitFor({ state: "attached" });
  await page.getByLabel("Title").fill("Backwards");
  await page.getByLabel("Closes").fill("2020-01-01");
  await page.getByRole("button", { name: "Schedule wave" }).click();
  await page.locator("#schedule-status.error").waitFor();
  assert.equal(await page.locator("#waves-table tbody tr").count(), 13);
  // A recurring pulse every six weeks from today: its first wave opens at once.
  await page.locator("#no-schedules").waitFor();
  await page.selectOption("#wave-instrument", await page.locator("#wave-instrument option", { hasText: "(learning-pulse v1" }).first().getAttribute("value"));
  await page.getByLabel("Title").fill("Team pulse");
  await page.getByLabel("Opens").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Closes").fill(new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10));
  await page.getByLabel("Repeats").selectOption({ label: "Every 6 weeks" });
  await page.getByLabel("Reminders").fill("4, 1");
  await page.getByRole("button", { name: "Schedule wave" }).click();
  await page.locator("#schedule-status", { hasText: "Scheduled “Team pulse” every 6 weeks" }).waitFor();
  const scheduleRow = page.locator("#schedules-table tbody tr", { hasText: "Team pulse" });
  assert.match(await scheduleRow.innerText(), /6 weeks\s+14 days\s+4 d, 1 d before closing/);
  assert.equal(await page.locator("#waves-table tbody tr", { hasText: "Team pulse, " }).count(), 1);
  await page.getByRole("button", { name: "Pause Team pulse" }).click();
  await page.locator("#schedules-table tbody tr", { hasText: "paused" }).waitFor();

  // The pulse has one response: its rate and results stay hidden below k.
  const pulse = await waveId(page, "Learning pulse 4");
  await page.goto(`${base}/#/surveys/${pulse}/results`);
  await page.locator("#org-suppressed").waitFor();
  assert.match(await page.locator('#rate-table tr[data-group=""]').innerText(), /fewer than k responses so far/);
  // The survey job ran when the demo started: everyone invited by e-mail (to the demo's outbox file).
  assert.match(await page.locator("#rate-table caption").innerText(), /Invitations and reminders: 150 sent, 0 waiting, 0 undeliverable/);

  // The third psychological-safety wave: overview, change, heatmap with suppressed rows.
  const safety = await waveId(page, "Psychological safety, wave 3");
  await page.goto(`${base}/#/surveys/${safety}/results`);
  await page.locator("#heatmap").waitFor();
  assert.match(await page.locator("#overview").innerText(), /n 120 · agreement rwg\(j\) 0\.\d\d/);
  assert.match(await page.locator("#overview").innerText(), /since the last wave \(95% CI/);
  const shown = await page.locator("#heatmap tbody tr:not(.suppressed-row)").count();
  const hidden = await page.locator("#heatmap tbody tr.suppressed-row").count();
  assert.ok(shown >= 3 && hidden >= 1, `shown ${shown}, suppressed ${hidden}`);
  const row = page.locator("#heatmap tbody tr.suppressed-row").first();
  assert.equal(await row.locator("td.cell").count(), 8, "one suppressed cell per scale and item");
  assert.match(await row.innerText(), /suppressed/);
  assert.equal(await page.locator("#heatmap tbody tr:not(.suppressed-row)").first().locator("td.cell:not(.suppressed)").count(), 8);
  // Laid out as a grid: a row's cells side by side, at one height.
  const tops = await page.locator("#heatmap tbody tr").first().locator("td.cell").evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `cells of one row at tops ${tops}`);
  await page.locator("#reliability").waitFor();
  const csv = await api(page, await page.locator("#export-csv").getAttribute("href"));
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  assert.match(csv.body, /^group,status,measure,n,mean,sd,favourable/);
  await page.screenshot({ path: path.join(shots, "admin-survey-heatmap.png"), fullPage: true });

  // Readiness: a radar of eight attributes; the planted gaps are rewards and resources.
  const readiness = await waveId(page, "Peer-learning readiness review");
  await page.goto(`${base}/#/surveys/${readiness}/results`);
  await page.locator("#radar svg").waitFor();
  assert.equal(await page.locator("#radar svg text.axis").count(), 8);
  const gaps = await page.locator("#gaps li").allInnerTexts();
  assert.ok(gaps.some((g) => g.startsWith("Tangible rewards")), gaps.join("; "));
  assert.ok(gaps.some((g) => g.startsWith("Resources")), gaps.join("; "));
  assert.ok(!gaps.some((g) => g.startsWith("Executive buy-in")), gaps.join("; "));
  await page.screenshot({ path: path.join(shots, "admin-readiness-radar.png"), fullPage: true });
  // The one console error is the refused backwards wave's 400.
  assert.deepEqual(errors.filter((e) => !e.includes("400")), []);
  await context.close();
});

test("manager and employee: only the organisation and, for the manager, own teams that meet the threshold", async () => {
  const m = await signIn("manager");
  const safety = await waveId(m.page, "Psychological safety, wave 3");
  const own = JSON.parse((await api(m.page, `/api/v1/surveys/waves/${safety}/results`)).body).groups.map((g) => g.group);
  await m.page.goto(`${base}/#/surveys/${safety}/results`);
  await m.page.locator("#heatmap").waitFor();
  const rows = await m.page.locator("#heatmap tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.group));
  assert.deepEqual(rows, own);
  assert.equal(rows[0], "");
  for (const g of rows.slice(1)) assert.ok(g.length > 0);
  // A suppressed own team says so without a reason that hints at its size.
  for (const text of await m.page.locator("#heatmap tr.suppressed-row td.reason").allInnerTexts()) assert.equal(text, "suppressed");
  assert.equal(await m.page.locator("#reliability").count(), 0);
  assert.equal(await m.page.locator("#export-csv").count(), 0);
  assert.equal((await api(m.page, `/api/v1/surveys/waves/${safety}/results.csv`)).status, 403);
  await m.page.locator("#rate-table").waitFor();
  await m.page.screenshot({ path: path.join(shots, "manager-survey-results.png"), fullPage: true });
  await m.context.close();

  const e = await signIn("employee");
  await e.page.goto(`${base}/#/surveys/${safety}/results`);
  await e.page.locator("#heatmap").waitFor();
  assert.deepEqual(await e.page.locator("#heatmap tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.group)), [""]);
  assert.equal(await e.page.locator("#rate-table").count(), 0);
  await e.context.close();
});

test("accessibility: the survey pages have no WCAG 2.1 AA violations", async () => {
  const found = {};
  const { page, context } = await signIn("admin", { width: 1280, height: 800 }, { bypassCSP: true });
  const safety = await waveId(page, "Psychological safety, wave 3");
  const readiness = await waveId(page, "Peer-learning readiness review");
  for (const hash of ["#/surveys", `#/surveys/${safety}/results`, `#/surveys/${readiness}/results`]) {
    await page.goto(`${base}/${hash}`);
    await page.locator("main h1").first().waitFor();
    await page.locator("#waves-table, #heatmap").first().waitFor();
    found[`admin ${hash}`] = await axeViolations(page);
  }
  await context.close();
  const e = await signIn("employee", { width: 375, height: 740 }, { bypassCSP: true });
  const pulse = await waveId(e.page, "Who helps you learn?");
  await e.page.goto(`${base}/#/surveys/${pulse}`);
  await e.page.locator("#survey-form").waitFor();
  found["employee form 375px"] = await axeViolations(e.page);
  await e.context.close();
  const bad = Object.entries(found).filter(([, v]) => v.length > 0);
  assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
});
