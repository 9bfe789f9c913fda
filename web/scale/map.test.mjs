// The network map at the size the product is built for: a 10,000-person demo organisation
// (some 400,000 ties, 1,200 teams): an admin's map and team flows in Debian's Chromium. Its own ctest
// (browser_map_at_scale): writing the demo takes a minute or more.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { useDemo, shots } from "../e2e/harness.mjs";

let base, signIn;
useDemo((demo) => ({ base, signIn } = demo), { people: 10000, readyMs: 15 * 60 * 1000 });

test("map: 10,000 people draw with the 50,000 strongest ties, everyone tied still tied, and with all ties", async () => {
  const { page, errors } = await signIn("admin");
  await page.goto(`${base}/#/network`);
  const first = page.locator("#map-status", { hasText: /^10,000 people, 50,000 of the [\d,]+ ties/ });
  await first.waitFor({ timeout: 5 * 60 * 1000 });
  await page.waitForFunction(() => window.__plMap !== undefined);
  const drawn = await page.evaluate(async () => {
    const g = window.__plMap.getGraph();
    // Everyone with a tie in the snapshot has one on the map: the server keeps each person's
    // strongest tie out and in before the strongest of the rest.
    const all = await (await fetch("/api/v1/network/graph?level=person&max_edges=2000000")).json();
    const tied = new Set([...all.edges.source, ...all.edges.target].map(String));
    let alone = 0;
    for (const n of tied) if (g.degree(n) === 0) ++alone;
    return { order: g.order, size: g.size, total: all.edges_total, allEdges: all.edges.source.length, tied: tied.size, alone };
  });
  assert.equal(drawn.order, 10000);
  assert.equal(drawn.size, 50000);
  assert.ok(drawn.total > 150000, `a 10,000-person demo has far more ties than the map draws (${drawn.total})`);
  assert.equal(drawn.allEdges, drawn.total);
  assert.ok(drawn.tied > 9000, `most people have ties (${drawn.tied})`);
  assert.equal(drawn.alone, 0, "nobody with a tie is drawn without one");
  // The largest people, listed beside the map, are named on it: among 10,000 few nodes are large
  // enough on the screen for a name of their own (one was, before the ten were named; 4 of the
  // ten found room beside their nodes, 9 with a line to a name a few lines away).
  await page.locator("#network-map[data-fitted]").waitFor();
  const largest = (await page.locator("#map-top li").allTextContents()).map((t) => t.replace(/ \([^)]*\)$/, ""));
  const named = await page.evaluate(() => window.__plMapLabels.map((b) => b.text));
  assert.ok(named.includes(largest[0]) && largest.filter((t) => named.includes(t)).length >= 8, `named ${named.join(", ")}; largest ${largest.join(", ")}`);
  await page.locator("#network-map").screenshot({ path: path.join(shots, "admin-network-10000.png") });

  await page.evaluate(() => (window.__plMap = undefined));
  await page.selectOption("#map-ties", "all");
  const total = drawn.total.toLocaleString("en");
  await page.locator("#map-status", { hasText: `10,000 people, ${total} ties.` }).waitFor({ timeout: 5 * 60 * 1000 });
  await page.waitForFunction(() => window.__plMap !== undefined);
  assert.equal(await page.evaluate(() => window.__plMap.getGraph().size), drawn.total);
  assert.deepEqual(errors, []);
});

test("flows: 1,000 and more teams are shown by unit, each unit's teams a choice away", async () => {
  const { page, errors } = await signIn("admin");
  await page.goto(`${base}/#/flows`);
  await page.locator("#flow-note").waitFor({ timeout: 5 * 60 * 1000 });
  const api = await page.evaluate(async () => (await (await fetch("/api/v1/network/flows")).json()).teams.map((t) => t.team));
  assert.ok(api.length > 1000, `the demo has over 1,000 teams (${api.length})`);
  const unit = (t) => (t.includes("/") ? t.slice(0, t.indexOf("/")) : t);
  const units = [...new Set(api.map(unit))].sort();
  assert.equal(await page.locator("#flow-matrix tbody tr").count(), units.length);
  assert.equal(await page.locator("#flow-matrix thead th").count(), units.length + 1);
  // The unit with the most teams: its 40 largest, the rest as one group, and a column for ties
  // leaving the unit.
  const counts = units.map((u) => api.filter((t) => unit(t) === u).length);
  const biggest = counts.indexOf(Math.max(...counts));
  assert.ok(counts[biggest] > 41, `a unit with many teams (${counts[biggest]})`);
  await page.selectOption("#flow-level", String(biggest));
  await page.locator(`#flow-matrix thead th[title="Outside ${units[biggest]}"]`, { hasText: "Outside" }).waitFor();
  assert.equal(await page.locator("#flow-matrix tbody tr").count(), 41);
  const rows = (await page.locator("#flow-matrix tbody tr th").allTextContents()).map((r) => r.replace(/ silo$/, ""));  // silos marked
  // Each row names its team without the unit before it, the whole name in its title.
  const titles = await page.locator("#flow-matrix tbody tr th").evaluateAll((ths) => ths.map((th) => th.title));
  assert.ok(rows.slice(0, 40).every((r, i) => /^\d+\. /.test(r) && api.includes(titles[i]) &&
    titles[i].replace(/^[^/]*\//, "") === r.replace(/^\d+\. /, "").replace(/ \(\d+\)$/, "")), rows.join("; "));
  // The 40 teams, the group of the rest and the column of ties leaving the unit fit a desktop
  // screen (1280 px) without scrolling sideways.
  const [shown, wide] = await page.locator("#flow-matrix").locator("xpath=..").evaluate((e) => [e.clientWidth, e.scrollWidth]);
  assert.ok(wide <= shown, `the unit's matrix is ${wide} px wide, ${shown} px of it shown`);
  assert.equal(rows[40], `41. ${counts[biggest] - 40} smaller teams (${rows[40].match(/\((\d+)\)$/)[1]})`);
  // Every row's shares (each cell rounded) add up to about 100.
  const sums = await page.evaluate(() => [...document.querySelectorAll("#flow-matrix tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].reduce((a, td) => a + Number(td.textContent || 0), 0)));
  assert.ok(sums.every((x) => x === 0 || Math.abs(x - 100) <= 25), sums.join(" "));
  await page.screenshot({ path: path.join(shots, "admin-flows-10000.png") });
  await page.selectOption("#flow-level", "");
  await page.locator("#flow-matrix thead th", { hasText: "Outside" }).waitFor({ state: "detached" });
  assert.equal(await page.locator("#flow-matrix tbody tr").count(), units.length);
  assert.deepEqual(errors, []);
});

