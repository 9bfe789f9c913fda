// The network map at scale, in a real browser: `peerlearn demo --people N` served on a free
// port, Debian's Chromium (WebGL through SwiftShader, on the CPU: there is no GPU here), an
// admin's person-level map at each "Ties" setting (50,000 strongest, 150,000 strongest, all).
// Measures what the admin waits for and how smoothly the map moves:
//   - the drawing data: its size on the wire and the time to its first byte;
//   - opening the page until the map's first frame is drawn, and a setting chosen until drawn;
//   - frame intervals while the camera zooms in, pans and zooms out (3 × 1.5 s, as a reader
//     dragging and scrolling would), and the renderer's own time per frame;
//   - pointing at people: the time from a mouse move to the next drawn frame.
// Usage, after scripts/build.sh release (bench/run.sh runs it):
//   PL_BIN=build/release/src/cli/peerlearn node web/bench/map.mjs [--people N] [--rounds R]
// prints a report; medians over the rounds. Exits 1 if the page reported an error.
import { startDemo } from "../e2e/harness.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : fallback;
};
const people = opt("--people", 10000);
const rounds = opt("--rounds", 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

const started = Date.now();
const demo = await startDemo({ people, readyMs: 30 * 60 * 1000 });
const setupSeconds = (Date.now() - started) / 1000;
// One setting of the map ("Ties": how many it draws) measured on an open page.
async function measure(page, errors) {
  const status = await page.locator("#map-status").textContent();
  const motion = await page.evaluate(async () => {
    const r = window.__plMap;
    const cam = r.getCamera();
    const renders = [];
    let begin = 0;
    r.on("beforeRender", () => (begin = performance.now()));
    r.on("afterRender", () => renders.push(performance.now() - begin));
    const frames = [];
    let last = 0, running = true;
    const tick = (t) => {
      if (last) frames.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    await cam.animate({ ratio: 0.25 }, { duration: 1500 });
    await cam.animate({ x: 0.3, y: 0.7 }, { duration: 1500 });
    await cam.animate({ ratio: 1, x: 0.5, y: 0.5 }, { duration: 1500 });
    running = false;
    return { frames, renders };
  });
  // Pointing: moves across the map, each timed to the next frame drawn after it.
  const box = await page.locator("#network-map").boundingBox();
  const hovers = [];
  for (let i = 0; i < 20; ++i) {
    const x = box.x + box.width * (0.2 + (0.6 * ((i * 7) % 20)) / 20);
    const y = box.y + box.height * (0.2 + (0.6 * ((i * 11) % 20)) / 20);
    const t = await page.evaluate(() => performance.now());
    await page.mouse.move(x, y);
    const done = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
    hovers.push(done - t);
  }
  return { status, frames: motion.frames, renders: motion.renders, hovers, errors: [...errors] };
}

// Waits for the map to be drawn after (re)loading its data: the status names the people and a
// renderer exists (the caller clears the last one), then two animation frames.
async function drawn(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector("#map-status")?.textContent ?? "";
    return window.__plMap !== undefined && /\d people, /.test(s);
  }, null, { timeout: 10 * 60 * 1000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const settings = ["50000", "150000", "all"];
const results = Object.fromEntries(settings.map((k) => [k, []]));
const opens = [];
try {
  for (let round = 0; round < rounds; ++round) {
    const { page, context, errors } = await demo.signIn("admin");
    const wire = {};
    page.on("response", async (res) => {
      if (!res.url().includes("/api/v1/network/graph")) return;
      const m = res.url().match(/max_edges=(\d+)/);
      wire[m ? m[1] : "?"] = { bytes: (await res.body()).length, answer: res.request().timing().responseStart };
    });
    const t0 = Date.now();
    await page.goto(`${demo.base}/#/network`);
    await drawn(page);
    opens.push(Date.now() - t0);
    for (const setting of settings) {
      if (setting !== settings[0]) {
        await page.evaluate(() => (window.__plMap = undefined));
        const t1 = Date.now();
        await page.selectOption("#map-ties", setting);
        await drawn(page);
        results[setting].push({ reload: Date.now() - t1, ...(await measure(page, errors)) });
      } else {
        results[setting].push({ reload: NaN, ...(await measure(page, errors)) });
      }
    }
    for (const [k, w] of Object.entries(wire)) {
      const setting = k === "2000000" ? "all" : k;
      if (results[setting]) Object.assign(results[setting][round], w);
    }
    await context.close();
  }
} finally {
  await demo.stop();
}

console.log(`network map, ${people}-person demo (written and served in ${setupSeconds.toFixed(0)} s); ${rounds} rounds, medians`);
console.log(`  page opened → first frame drawn (50,000 ties): ${ms(median(opens))}`);
let failed = false;
for (const setting of settings) {
  const rs = results[setting];
  const frames = rs.flatMap((r) => r.frames), renders = rs.flatMap((r) => r.renders), hovers = rs.flatMap((r) => r.hovers);
  console.log(`  Ties: ${setting}`);
  console.log(`    ${rs[0].status}`);
  console.log(`    data ${(median(rs.map((r) => r.bytes ?? NaN)) / 1e6).toFixed(2)} MB of JSON, first byte after ${ms(median(rs.map((r) => r.answer ?? NaN)))}` +
    (setting === settings[0] ? "" : `; chosen → drawn ${ms(median(rs.map((r) => r.reload)))}`));
  console.log(`    moving: ${(frames.length / rounds).toFixed(0)} frames a round in 4.5 s, interval median ${ms(median(frames))}, 95th percentile ${ms(quantile(frames, 0.95))} (${(1000 / median(frames)).toFixed(0)} frames/s); renderer ${ms(median(renders))} a frame (95th: ${ms(quantile(renders, 0.95))})`);
  console.log(`    pointing → next frame: median ${ms(median(hovers))}, 95th percentile ${ms(quantile(hovers, 0.95))}`);
  const errors = rs.flatMap((r) => r.errors);
  if (errors.length) {
    console.log(`    page errors: ${errors.slice(0, 5).join(" | ")}`);
    failed = true;
  }
}
if (failed) process.exitCode = 1;
