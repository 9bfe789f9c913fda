// The network map at the size the product is built for: a 10,000-person demo organisation
// (some 400,000 ties), an admin's person-level map in Debian's Chromium. Its own ctest
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
  await page.screenshot({ path: path.join(shots, "admin-network-10000.png") });

  await page.evaluate(() => (window.__plMap = undefined));
  await page.selectOption("#map-ties", "all");
  const total = drawn.total.toLocaleString("en");
  await page.locator("#map-status", { hasText: `10,000 people, ${total} ties.` }).waitFor({ timeout: 5 * 60 * 1000 });
  await page.waitForFunction(() => window.__plMap !== undefined);
  assert.equal(await page.evaluate(() => window.__plMap.getGraph().size), drawn.total);
  assert.deepEqual(errors, []);
});
