// Measures the real app on a given library through tauri-driver (run under
// Xvfb, like the e2e tests): cold start to an interactive window, time from a
// keystroke in the search box to updated results, and memory of the app's
// processes. Usage:
//   xvfb-run -a node tests/e2e/bench.mjs --library PATH [--app PATH] [--shot PNG]
// `--shot` saves the window after the last query, to look at.
// Open the library once with the CLI first (`litopys --library PATH stats`) so
// a pending re-index does not count as start-up time.

import { spawn, execSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { remote } from "webdriverio";
import { windowPng } from "./screen.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const library = arg("library");
const shotPath = arg("shot");
const app = arg("app", resolve(here, "../../target/debug/litopys-app"));
if (!library) throw new Error("--library PATH is required");
const work = mkdtempSync(join(tmpdir(), "litopys-bench-"));

const driver = spawn("tauri-driver", ["--native-driver", "/usr/bin/WebKitWebDriver"], {
  stdio: "ignore",
  env: { ...process.env, LITOPYS_LIBRARY: library, XDG_CONFIG_HOME: join(work, "config") },
});
await new Promise((r) => setTimeout(r, 1500));

async function until(check, timeout = 120_000) {
  const start = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - start > timeout) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const t0 = performance.now();
const browser = await remote({
  hostname: "127.0.0.1",
  port: 4444,
  logLevel: "error",
  capabilities: { "tauri:options": { application: app } },
});
await until(async () => {
  const rows = await browser.execute(() => document.querySelectorAll('[data-testid="result-row"]').length);
  return rows > 0;
});
const coldStart = performance.now() - t0;

const typing = [];
for (const query of ["Лавров", "переговори", "війна", "на", "Женева"]) {
  await browser.execute(() => {
    const input = document.querySelector('[data-testid="search-input"]');
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await new Promise((r) => setTimeout(r, 1500));
  // Timed in the page, from the input event to the first frame painted after
  // the result count changed: WebDriver round trips would add their own delay.
  await browser.execute((q) => {
    const input = document.querySelector('[data-testid="search-input"]');
    const count = document.querySelector('[data-testid="result-count"]');
    window.__typed = null;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      requestAnimationFrame(() => (window.__typed = performance.now() - window.__typedAt));
    });
    observer.observe(count, { childList: true, characterData: true, subtree: true });
    window.__typedAt = performance.now();
    // The whole query arrives as the last keystroke would: one input event.
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, query);
  let ms = null;
  await until(async () => (ms = await browser.execute(() => window.__typed)) !== null);
  typing.push({ query, ms: Math.round(ms) });
}

if (shotPath) writeFileSync(shotPath, await windowPng(browser));

// Memory of the app and its WebKit processes: resident (RSS, counts shared
// libraries once per process) and proportional (PSS, shares them out).
let rssMb = null;
let pssMb = null;
const processes = [];
try {
  const out = execSync("ps -eo pid,rss,comm | grep -E 'litopys-app|WebKitWebProces|WebKitNetworkPr' || true").toString();
  for (const line of out.trim().split("\n").filter(Boolean)) {
    const [pid, rss, comm] = line.trim().split(/\s+/);
    let pss = null;
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (m) pss = Math.round(Number(m[1]) / 1024);
    } catch {
      // not readable: leave it unknown
    }
    processes.push({ comm, rssMb: Math.round(Number(rss) / 1024), pssMb: pss });
  }
  rssMb = processes.reduce((s, p) => s + p.rssMb, 0);
  pssMb = processes.every((p) => p.pssMb !== null) ? processes.reduce((s, p) => s + p.pssMb, 0) : null;
} catch {
  // ps missing: leave it unknown
}

console.log(JSON.stringify({ library, coldStartMs: Math.round(coldStart), typing, rssMb, pssMb, processes }, null, 2));
await browser.deleteSession().catch(() => {});
driver.kill();
