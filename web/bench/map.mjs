// The network map at scale, in a real browser: `peerlearn demo --people N` served on a free
// port, Debian's Chromium (WebGL through SwiftShader, the CPU: no GPU here), an admin's person-level
// map. Measures what the admin waits for and how smoothly the map moves:
//   - the drawing data: its size on the wire and the server's time to answer;
//   - opening the page until the map's first frame is drawn;
//   - frame intervals while the camera zooms in, pans and zooms out (3 × 1.5 s, as a reader
//     dragging and scrolling would), and the renderer's own time per frame;
//   - pointing at people: the time from a mouse move to the next drawn frame.
// Usage (bench/map_bench.sh builds what it needs): PL_BIN=... node web/bench/map.mjs [--people N]
//   [--rounds R]   → a report on standard output; medians over the rounds.
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
const results = [];
try {
  for (let round = 0; round < rounds; ++round) {
    const { page, context, errors } = await demo.signIn("admin");
    let wire = 0, answer = NaN;
    page.on("response", async (res) => {
      if (!res.url().includes("/api/v1/network/graph")) return;
      const timing = res.request().timing();
      answer = timing.responseStart;  // request sent → first byte, ms
      wire = (await res.body()).length;
    });
    const t0 = Date.now();
    await page.goto(`${demo.base}/#/network`);
    await page.waitForFunction(() => window.__plMap !== undefined && /\d+ people/.test(document.querySelector("#map-status")?.textContent ?? ""),
      null, { timeout: 10 * 60 * 1000 });
    // The first frame: two animation frames after the renderer exists.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const open = Date.now() - t0;
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
      const x = box.x + box.width * (0.2 + 0.6 * ((i * 7) % 20) / 20);
      const y = box.y + box.height * (0.2 + 0.6 * ((i * 11) % 20) / 20);
      const t = await page.evaluate(() => performance.now());
      await page.mouse.move(x, y);
      const done = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
      hovers.push(done - t);
    }
    results.push({ open, wire, answer, status, frames: motion.frames, renders: motion.renders, hovers, errors: [...errors] });
    await context.close();
  }
} finally {
  await demo.stop();
}

const r0 = results[0];
console.log(`network map, ${people}-person demo (written and served in ${setupSeconds.toFixed(0)} s); ${rounds} rounds, medians`);
console.log(`  map: ${r0.status}`);
console.log(`  drawing data                 ${(median(results.map((r) => r.wire)) / 1e6).toFixed(2)} MB, first byte after ${ms(median(results.map((r) => r.answer)))}`);
console.log(`  page opened → first frame    ${ms(median(results.map((r) => r.open)))}`);
const frames = results.flatMap((r) => r.frames), renders = results.flatMap((r) => r.renders);
console.log(`  frames while moving          ${frames.length / rounds} a round over 4.5 s: interval median ${ms(median(frames))}, 95th percentile ${ms(quantile(frames, 0.95))} (${(1000 / median(frames)).toFixed(0)} frames/s)`);
console.log(`  renderer's time per frame    median ${ms(median(renders))}, 95th percentile ${ms(quantile(renders, 0.95))}`);
const hovers = results.flatMap((r) => r.hovers);
console.log(`  pointing → next frame        median ${ms(median(hovers))}, 95th percentile ${ms(quantile(hovers, 0.95))}`);
const errors = results.flatMap((r) => r.errors);
if (errors.length) {
  console.log(`  page errors: ${errors.slice(0, 5).join(" | ")}`);
  process.exitCode = 1;
}
