// Mentoring in a real browser: the employee asks for a mentor, the admin offers to mentor and
// runs the matching, approves the employee's pair; the employee sees why, logs a meeting, rates.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useDemo, axeViolations, shots } from "./harness.mjs";

let base, logins, signIn;
useDemo((demo) => ({ base, logins, signIn } = demo));

test("mentoring: opt in, match, approve, see why, meet and rate", async () => {
  const e = await signIn("employee");
  // A learning goal on the profile: kept, and counted by the matching.
  await e.page.locator("#learning-goals form").waitFor();
  // The button sits level with the inputs beside it, at its own width.
  const [skillBox, levelBox, addBox] = await Promise.all([e.page.getByLabel("A skill you want to grow").boundingBox(),
    e.page.getByLabel("The level you aim for").boundingBox(), e.page.getByRole("button", { name: "Add goal" }).boundingBox()]);
  assert.ok(Math.abs(addBox.y + addBox.height - (skillBox.y + skillBox.height)) <= 2 && Math.abs(addBox.y + addBox.height - (levelBox.y + levelBox.height)) <= 2,
    `the button's bottom ${addBox.y + addBox.height} px, the inputs' ${skillBox.y + skillBox.height} and ${levelBox.y + levelBox.height} px`);
  assert.ok(addBox.width < skillBox.width, `the button ${addBox.width} px wide, the skill's input ${skillBox.width} px`);
  await e.page.getByLabel("A skill you want to grow").fill("calligraphy");
  await e.page.getByLabel("The level you aim for").selectOption("2");
  await e.page.getByRole("button", { name: "Add goal" }).click();
  await e.page.locator("#goals-status", { hasText: "Added calligraphy." }).waitFor();
  await e.page.reload();
  await e.page.locator("#learning-goals li", { hasText: "calligraphy" }).waitFor();
  assert.match(await e.page.locator("#learning-goals li", { hasText: "calligraphy" }).innerText(), /calligraphy\s+→ 2 · working knowledge/);
  await e.page.getByRole("link", { name: "Mentoring" }).click();
  await e.page.locator("#no-pairs").waitFor();
  await e.page.getByLabel("A skill you want to grow").fill("mentoring craft");
  await e.page.getByLabel("The level you aim for").selectOption("3");
  await e.page.getByLabel("Who you would like to learn from").selectOption("bridge");
  await e.page.getByRole("button", { name: "Ask for a mentor" }).click();
  await e.page.locator("#my-optins", { hasText: "Looking for a mentor: mentoring craft (to level 3) · someone from another part of the organisation" }).waitFor();

  const a = await signIn("admin");
  await a.page.getByRole("link", { name: "Mentoring" }).click();
  await a.page.getByLabel("Skills you can help with (comma-separated)").fill("mentoring craft");
  await a.page.getByLabel("How many mentees at once").fill("2");
  await a.page.getByRole("button", { name: "Offer to mentor" }).click();
  await a.page.locator("#my-optins", { hasText: "Offering to mentor: mentoring craft · 2 places" }).waitFor();
  // The demo's own programme is there too.
  assert.match(await a.page.locator("#programme-counts").innerText(), /^\d+ mentees and \d+ mentors have opted in\.$/);
  await a.page.getByLabel("Shared working hours needed").fill("0");
  await a.page.getByRole("button", { name: "Propose pairs" }).click();
  await a.page.locator("#match-status", { hasText: "proposals await approval" }).waitFor();
  const row = a.page.locator("#pairs-table tbody tr", { hasText: logins.employee.name });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), new RegExp(logins.admin.name));
  assert.match(await row.innerText(), /is at level 3 in mentoring craft; you are new to mentoring craft and aim for 3/);
  await a.page.screenshot({ path: path.join(shots, "admin-mentoring.png"), fullPage: true });
  await row.getByRole("button", { name: /^Approve/ }).click();
  await a.page.locator("#pairs-table tbody tr", { hasText: logins.employee.name }).filter({ hasText: "approved" }).waitFor();

  await e.page.reload();
  const pair = e.page.locator("#my-pairs li.pair");
  await pair.waitFor();
  assert.match(await pair.locator("h3").innerText(), new RegExp(`Your mentor: ${logins.admin.name}`));
  assert.match(await pair.locator(".explanation").innerText(), /mentoring craft/);
  await pair.getByRole("button", { name: "Log a meeting today" }).click();
  await pair.locator('[role="status"]', { hasText: "logged" }).waitFor();
  await pair.getByRole("combobox").selectOption("5");
  await pair.getByRole("button", { name: "Rate" }).click();
  await pair.locator('[role="status"]', { hasText: "Thank you: rated 5 of 5." }).waitFor();
  await e.page.screenshot({ path: path.join(shots, "employee-mentoring.png"), fullPage: true });
  // The manager sees the programme page but not the admin's review.
  const m = await signIn("manager");
  await m.page.goto(`${base}/#/mentoring`);
  await m.page.locator("#mentee-form").waitFor();
  assert.equal(await m.page.locator("#programme").count(), 0);
  assert.equal((await m.page.evaluate(async () => (await fetch("/api/v1/mentoring/pairs")).status)), 403);
  await Promise.all([e.context.close(), a.context.close(), m.context.close()]);
});

test("accessibility: the mentoring page has no WCAG 2.1 AA violations", async () => {
  const { page, context } = await signIn("admin", { width: 1280, height: 800 }, { bypassCSP: true });
  await page.goto(`${base}/#/mentoring`);
  await page.locator("#programme").waitFor();
  const found = await axeViolations(page);
  await context.close();
  assert.deepEqual(found, []);
});
