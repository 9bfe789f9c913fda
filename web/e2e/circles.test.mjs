// Learning circles in a real browser, on the demo organisation (its challenges, sign-ups, a
// formation and two circles under way): the employee ranks challenges and works in their circle —
// sees why it was formed, logs a meeting with takeaways; the admin posts a challenge with a
// sponsor, forms circles with the score behind each, starts one, keeps the checklist and the
// summary, and downloads what the circle learned; a manager outside the circle cannot open it.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useDemo, axeViolations, shots } from "./harness.mjs";

let base, logins, signIn;
useDemo((demo) => ({ base, logins, signIn } = demo));

test("circles: sign up, work in a circle, form and start circles, checklist and what we learned", async () => {
  const e = await signIn("employee");
  await e.page.getByRole("link", { name: "Circles" }).click();
  // The demo pinned the employee to the onboarding challenge and started that circle.
  const mine = e.page.locator("#my-circles li");
  await mine.first().waitFor();
  assert.equal(await mine.count(), 1);
  assert.match(await mine.innerText(), /Faster onboarding of new colleagues\s+active/);
  assert.match(await mine.innerText(), /^.*\n?\d+ members · facilitated by .+$/m);
  // Ranking: two challenges at the same rank are refused in the page; then saved in order.
  const cards = e.page.locator("#signup-form li.challenge");
  assert.equal(await cards.count(), 6);
  await e.page.getByLabel("Your choice for “Writing that gets read”").selectOption("1");
  await e.page.getByLabel("Your choice for “Data people trust”").selectOption("1");
  await e.page.getByRole("button", { name: /Update my choices|Sign up/ }).click();
  await e.page.locator("#signup-status.error", { hasText: "Give each challenge you choose a different rank." }).waitFor();
  await e.page.getByLabel("Your choice for “Data people trust”").selectOption("2");
  for (const title of ["Faster onboarding of new colleagues", "Calmer incident response", "Clearer pricing conversations",
    "Better hand-offs between Sales and Customer Success"]) {
    await e.page.getByLabel(`Your choice for “${title}”`).selectOption("0");
  }
  await e.page.getByRole("button", { name: /Update my choices|Sign up/ }).click();
  await e.page.locator("#signup-status", { hasText: "Saved: 2 challenges in your order." }).waitFor();
  assert.equal(await e.page.getByLabel("Your choice for “Writing that gets read”").inputValue(), "1");
  const signup = await e.page.evaluate(async () => (await (await fetch("/api/v1/challenges")).json()).signup);
  assert.equal(signup.preferences.length, 2);

  // The circle's page: why it was formed, its rhythm, its meetings; the employee logs one.
  await mine.getByRole("link").click();
  await e.page.locator("#members").waitFor();
  const circleUrl = e.page.url();
  const circleId = Number(circleUrl.match(/#\/circles\/(\d+)$/)[1]);
  assert.match(await e.page.locator("#members .explanation").innerText(), /members from \d+ teams.*chose it first.*Facilitated by/);
  assert.match(await e.page.locator("table.breakdown").innerText(), /Preferences[\s\S]*Team mix[\s\S]*Total/);
  assert.match(await e.page.locator("#rhythm").innerText(), /Started \d{4}-\d{2}-\d{2} · meets every week/);
  assert.equal(await e.page.locator("#meeting-log > li").count(), 2);  // the demo's two weeks
  assert.match(await e.page.locator("#meeting-log").innerText(), /A buddy for week one saves days of waiting/);
  // Not the facilitator: the checklist is read-only and there is no summary editor.
  assert.equal(await e.page.locator("#checklist input:disabled").count(), 7);
  assert.equal(await e.page.locator("#summary").count(), 0);
  await e.page.getByLabel("Notes").fill("Walked through our first-week checklist with two new joiners.");
  await e.page.getByLabel("Takeaways, one per line").fill("Access requests go in before day one\nName one person to ask anything");
  await e.page.getByRole("button", { name: "Log meeting" }).click();
  await e.page.locator("#meeting-log > li", { hasText: "Access requests go in before day one" }).waitFor();
  assert.equal(await e.page.locator("#meeting-log > li").count(), 3);
  assert.match(await e.page.locator("#meeting-log > li").first().innerText(), new RegExp(`logged by ${logins.employee.name}`));
  await e.page.screenshot({ path: path.join(shots, "employee-circle.png"), fullPage: true });

  // The admin: post a challenge with a sponsor, form circles, read why, start one.
  const a = await signIn("admin");
  await a.page.getByRole("link", { name: "Circles" }).click();
  await a.page.locator("#circles-admin").waitFor();
  assert.match(await a.page.locator("#volunteer-count").innerText(), /^\d+ volunteers have signed up\.$/);
  await a.page.getByLabel("Challenge", { exact: true }).fill("Fewer surprises at quarter end");
  await a.page.getByLabel("What is hard, and for whom").fill("Finance learns of large deals late.");
  await a.page.getByLabel("Skills it involves (comma-separated)").fill("forecasting, negotiation");
  const sponsor = a.page.getByLabel("Sponsor (optional)");
  await sponsor.fill(logins.manager.name.split(" ")[0]);
  const option = a.page.locator(`#challenge-sponsor-list option[value^="${logins.manager.name} · "]`);
  await option.first().waitFor({ state: "attached" });
  await sponsor.fill(await option.first().getAttribute("value"));
  await a.page.getByRole("button", { name: "Post challenge" }).click();
  await a.page.locator("#challenges-table tr", { hasText: "Fewer surprises at quarter end" }).waitFor();
  const posted = await a.page.evaluate(async () => (await (await fetch("/api/v1/challenges")).json()).challenges.at(-1));
  assert.equal(posted.sponsor.name, logins.manager.name);

  const proposedBefore = await a.page.locator("#circles-table tr", { hasText: "proposed" }).count();
  assert.ok(proposedBefore >= 1, "the demo leaves proposals for the admin");
  await a.page.getByLabel("Smallest circle").fill("8");
  await a.page.getByRole("button", { name: "Form circles" }).click();
  await a.page.locator("#form-status", { hasText: /circles proposed, \d+ of \d+ volunteers seated/ }).waitFor();
  const proposed = a.page.locator("#circles-table tbody tr", { hasText: "proposed" });
  assert.ok(await proposed.count() >= 1);
  // Active circles keep their members: the employee's circle is still there, still active.
  await a.page.locator(`#circles-table tr[data-circle="${circleId}"]`, { hasText: "active" }).waitFor();
  const first = proposed.first();
  await first.locator("summary").click();
  assert.match(await first.locator("table.breakdown").innerText(), /Preferences\s+[\d.]+\s+\d+ first choices/);
  const firstId = await first.getAttribute("data-circle");
  await first.getByRole("button", { name: /^Start circle/ }).click();
  await a.page.locator(`#circles-table tr[data-circle="${firstId}"]`, { hasText: "active" }).waitFor();
  await a.page.screenshot({ path: path.join(shots, "admin-circles.png"), fullPage: true });

  // An admin keeps the employee's circle's checklist and summary, and downloads what it learned.
  await a.page.goto(circleUrl);
  await a.page.locator("#checklist").waitFor();
  assert.equal(await a.page.locator("#checklist input:checked").count(), 3);  // the demo's three
  await a.page.getByLabel("Check in with the sponsor at the mid-point").check();
  await a.page.locator("#checklist-status", { hasText: "Saved: 4 of 7 done." }).waitFor();
  await a.page.getByLabel("Summary for others (becomes a lesson)").fill("Most of a new joiner's first month is waiting; fix access before day one.");
  await a.page.getByRole("button", { name: "Save summary" }).click();
  await a.page.locator("#summary-status", { hasText: "Summary saved." }).waitFor();
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.locator("#learned-link").click()]);
  const file = path.join(shots, "..", `circle-${circleId}-learned.md`);
  await download.saveAs(file);
  const md = await (await import("node:fs/promises")).readFile(file, "utf8");
  assert.match(md, /^# What we learned: Faster onboarding of new colleagues\n/);
  assert.match(md, /## Summary\n\nMost of a new joiner's first month is waiting; fix access before day one\./);
  assert.match(md, /- Access requests go in before day one \(\d{4}-\d{2}-\d{2}\)/);
  assert.ok(!md.includes(logins.employee.name), "the lesson names nobody");
  // The employee sees the checklist and summary the admin kept.
  await e.page.reload();
  await e.page.locator("#summary-text", { hasText: "fix access before day one" }).waitFor();
  assert.equal(await e.page.locator("#checklist input:checked").count(), 4);

  // A manager outside the circle: no such circle for them, and no admin section.
  const m = await signIn("manager");
  await m.page.goto(`${base}/#/circles`);
  await m.page.locator("#signup-form").waitFor();
  assert.equal(await m.page.locator("#circles-admin").count(), 0);
  // A manager sponsors a challenge of their own.
  await m.page.getByLabel("Challenge", { exact: true }).fill("Shorter design reviews");
  await m.page.getByRole("button", { name: "Post challenge" }).click();
  await m.page.locator("#challenge-status", { hasText: "Challenge posted: it is open for sign-ups." }).waitFor();
  assert.match(await m.page.locator("li.challenge", { hasText: "Shorter design reviews" }).innerText(), new RegExp(`Sponsor: ${logins.manager.name}`));
  const members = await a.page.evaluate(async (id) => (await (await fetch(`/api/v1/circles/${id}`)).json()).members.map((x) => x.name), circleId);
  if (!members.includes(logins.manager.name)) {
    await m.page.goto(circleUrl);
    await m.page.locator('[role="alert"]', { hasText: `there is no circle #${circleId}` }).waitFor();
  }
  // The manager's only console error is the refused circle itself.
  assert.deepEqual([...e.errors, ...a.errors, ...m.errors.filter((x) => !/status of 404/.test(x))], []);
  await Promise.all([e.context.close(), a.context.close(), m.context.close()]);
});

test("circles on a phone: the circle page fits and has no WCAG 2.1 AA violations", async () => {
  const { page, context } = await signIn("employee", { width: 390, height: 844 }, { bypassCSP: true, isMobile: true, hasTouch: true });
  await page.goto(`${base}/#/circles`);
  await page.locator("#my-circles a").click();
  await page.locator("#meetings").waitFor();
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `no horizontal scroll: ${widths}`);
  await page.screenshot({ path: path.join(shots, "employee-circle-phone.png"), fullPage: true });
  const found = await axeViolations(page);
  await context.close();
  assert.deepEqual(found, []);
});

test("accessibility: the admin's circles page has no WCAG 2.1 AA violations", async () => {
  const { page, context } = await signIn("admin", { width: 1280, height: 800 }, { bypassCSP: true });
  await page.goto(`${base}/#/circles`);
  await page.locator("#circles-admin").waitFor();
  const found = await axeViolations(page);
  await context.close();
  assert.deepEqual(found, []);
});
