// Shared by the browser tests: starts `peerlearn demo` on a free port with a throw-away SQLite
// store, launches Debian's Chromium through playwright-core, and signs roles in. Needs PL_BIN
// (the peerlearn binary); screenshots go to PL_E2E_ARTIFACTS.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import zlib from "node:zlib";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const here = path.dirname(fileURLToPath(import.meta.url));
export const shots = process.env.PL_E2E_ARTIFACTS ?? path.join(here, "..", "..", "build", "test-artifacts", "screenshots");
export const password = "e2e-password-1";

// One demo for a test file: started before its tests, handed to `ready`, stopped after them.
// options: as startDemo's.
export function useDemo(ready, options = {}) {
  let demo;
  before(async () => {
    demo = await startDemo(options);
    ready(demo);
  });
  after(async () => {
    await demo?.stop();
  });
}

// people: the demo organisation's size; readyMs: how long to wait for the server's banner (a
// large demo takes a minute or more to write).
export async function startDemo({ people = 150, seed = 7, readyMs = 30000 } = {}) {
  const bin = process.env.PL_BIN;
  assert.ok(bin, "set PL_BIN to the peerlearn binary");
  mkdirSync(shots, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), "peerlearn-e2e-"));
  const server = spawn(bin, ["demo", "--people", String(people), "--seed", String(seed), "--db", `sqlite:${dir}/e2e.db`,
    "--listen", "127.0.0.1:0", "--password", password, "--web-root", path.join(here, "..", "dist")],
    { stdio: ["ignore", "pipe", "pipe"] });
  const { base, output: out } = await listening(server, "demo", (text) => text.includes("Press Ctrl+C"), readyMs);
  const logins = {};
  for (const m of out.matchAll(/^\s+(admin|manager|employee)\s+username: (\S+)\s+password: \S+\s+\((.+), (.+)\)$/gm)) {
    logins[m[1]] = { username: m[2], name: m[3], title: m[4] };
  }
  assert.equal(Object.keys(logins).length, 3, `three demo log-ins printed:\n${out}`);
  const browser = await chromium.launch({
    executablePath: process.env.PL_CHROMIUM ?? "/usr/bin/chromium",
    // WebGL (the network map) through SwiftShader, Chromium's software renderer: no GPU here.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
      "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

  async function signIn(role, viewport = { width: 1280, height: 800 }, options = {}) {
    const context = await browser.newContext({ viewport, ...options });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(base);
    await page.getByLabel("Username").fill(logins[role].username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#who-role").filter({ hasText: role }).waitFor();
    return { page, context, errors };
  }

  async function stop() {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.on("exit", r));
      server.kill("SIGTERM");
      await exited;  // graceful shutdown on SIGTERM
    }
    rmSync(dir, { recursive: true, force: true });
  }

  // The demo's planted ground truth, written beside its database.
  const truthPath = path.join(dir, "e2e.db.truth.json");
  return { base, logins, browser, signIn, stop, output: out, truthPath };
}

// Waits for a started peerlearn's "listening on" banner (and whatever `done` asks of its
// output): its base URL and output so far.
function listening(server, what, done, readyMs) {
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner from peerlearn ${what}:\n${out}`)), readyMs);
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m && done(out)) { clearTimeout(timer); resolve({ base: m[1], output: out }); }
    });
    server.stderr.on("data", (d) => { out += d; });
    server.on("exit", (code) => reject(new Error(`peerlearn ${what} exited with ${code}:\n${out}`)));
  });
}

// A second server (`peerlearn serve`) on a store another already serves, as two servers behind
// one address would be: its base URL, its output so far (a function: it grows) and stop().
export async function serve(db, { readyMs = 30000 } = {}) {
  const server = spawn(process.env.PL_BIN, ["serve", "--db", db, "--listen", "127.0.0.1:0",
    "--web-root", path.join(here, "..", "dist")], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  server.stdout.on("data", (d) => { out += d; });
  server.stderr.on("data", (d) => { out += d; });
  const { base } = await listening(server, "serve", () => true, readyMs);
  async function stop() {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.on("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  }
  return { base, output: () => out, stop };
}

// axe-core's WCAG 2.0/2.1 A and AA rules (contrast, labels, names, landmarks, ...) on a page.
// The context must bypass CSP so that axe itself can be injected.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

// A zip of [name, text] entries, stored (not compressed): what an export looks like to the
// importer, built here so that the tests need no zip tool.
export function storedZip(entries) {
  const parts = [], central = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text), nameBytes = Buffer.from(name), crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    parts.push(local, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
