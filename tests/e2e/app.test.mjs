// End-to-end test of the real Litopys app: the release binary with the built
// UI inside, driven through tauri-driver and WebKitWebDriver (run it under
// Xvfb, see scripts/e2e.sh). It imports the seeds into an empty library,
// searches, tags, annotates, exports a bundle, and checks the exported file.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { windowPng } from "./screen.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const app = process.env.LITOPYS_APP ?? join(root, "target/release/litopys-app");
const cli = process.env.LITOPYS_CLI ?? join(dirname(app), "litopys");
const seeds = resolve(root, "../shared/seeds");
const shots = join(here, "screenshots");
const work = mkdtempSync(join(tmpdir(), "litopys-e2e-"));

let driver;
let browser;

async function waitFor(what, check, timeout = 30_000) {
  const start = Date.now();
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not there yet
    }
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const byTestId = (id) => browser.$(`[data-testid="${id}"]`);
const text = async (id) => (await byTestId(id)).getText();

async function shot(name) {
  writeFileSync(join(shots, `${name}.png`), await windowPng(browser));
}

before(async () => {
  assert.ok(existsSync(app), `build the app first: ${app}`);
  mkdirSync(shots, { recursive: true });
  driver = spawn("tauri-driver", ["--native-driver", "/usr/bin/WebKitWebDriver"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      LITOPYS_LIBRARY: join(work, "e2e.litopys"),
      LITOPYS_DEMO: "0",
      XDG_CONFIG_HOME: join(work, "config"),
      XDG_DATA_HOME: join(work, "data"),
    },
  });
  await new Promise((r) => setTimeout(r, 1500));
  browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app } },
  });
  await browser.setWindowSize(1400, 900).catch(() => {});
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.kill();
});

test("an empty library, then the seeds imported through the import dialog", async () => {
  await waitFor("status line", async () => (await text("status-line")).includes("0"));
  // A new library starts empty, with the welcome screen instead of the lists.
  await waitFor("welcome screen", async () => (await text("welcome")).includes("Open the sample library"));
  await shot("welcome");
  await (await byTestId("open-import")).click();
  await (await byTestId("import-paths")).setValue(seeds);
  await (await byTestId("import-start")).click();
  await waitFor("import result", async () => /5/.test(await text("import-result")));
  await shot("import");
  await browser.keys("Escape");
  await waitFor("five articles", async () => (await text("status-line")).includes("5"));
  assert.equal((await browser.$$('[data-testid="welcome"]')).length, 0, "the welcome screen went");
});

test("search, read, tag and annotate", async () => {
  await (await byTestId("search-input")).setValue("Лавров");
  await waitFor("five results", async () => /\b5\b/.test(await text("result-count")));
  const opened = await browser.execute((title) => {
    const row = [...document.querySelectorAll('[data-testid="result-row"]')].find((r) =>
      r.textContent.includes(title),
    );
    row?.click();
    return Boolean(row);
  }, "Блінкен у розмові");
  assert.ok(opened, "the Blinken article is among the results");
  await waitFor("reader", async () => (await text("reader-title")).includes("Блінкен"));
  const marks = await browser.execute(() => document.querySelectorAll("[data-reader-body] mark").length);
  assert.ok(marks > 0, "search terms are highlighted in the reader");
  await shot("reader");

  await (await byTestId("reader-title")).click();
  await browser.keys("t");
  await (await byTestId("tag-name")).setValue("e2e/checked");
  await (await byTestId("tag-apply")).click();
  await waitFor("tag in reader", async () => (await text("reader-tags")).includes("e2e/checked"));

  // Select the phrase and press "a". The reader may still re-render once after
  // the tag (the search refreshes), which drops a selection made in between: the
  // dialog then quotes the whole article. Close it and select again (CI flake:
  // "timed out waiting for annotate dialog").
  const selectPhrase = (needle) =>
    browser.execute((n) => {
      // A key typed while a field has the focus is text, not a command.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      const body = document.querySelector("[data-reader-body]");
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const i = t.textContent.indexOf(n);
        if (i >= 0) {
          const range = document.createRange();
          range.setStart(t, i);
          range.setEnd(t, i + n.length);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          return true;
        }
      }
      return false;
    }, needle);
  let quoted = false;
  for (let attempt = 0; attempt < 4 && !quoted; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 500));
    assert.ok(await selectPhrase("телефонну розмову"), "the phrase is in the reader");
    await browser.keys("a");
    quoted = await waitFor("annotate dialog", async () => (await text("annotate-quote")).includes("телефонну розмову"), 5_000).catch(
      () => false,
    );
    if (!quoted && (await browser.$$('[data-testid="annotate-quote"]')).length > 0) await browser.keys("Escape");
  }
  if (!quoted) await shot("annotate-failed");
  assert.ok(quoted, "the annotate dialog quotes the selected phrase");
  await (await byTestId("annotate-note")).setValue("Перевірити дату дзвінка");
  await (await byTestId("annotate-save")).click();
  await waitFor("note in panel", async () => (await text("notes-panel")).includes("Перевірити дату дзвінка"));
  await shot("annotated");
});

test("the open article's matches are stepped through with F3; the title, tags and actions stay in view", async () => {
  // The Blinken article, opened from the search for Лавров, is still shown.
  const position = async () =>
    browser.execute(() => document.querySelector('[data-testid="reader-bar"] [data-testid="match-position"]')?.textContent);
  await waitFor("match count", async () => /\d+ match/.test(await position()));
  const count = Number((await position()).match(/\d+/)[0]);
  assert.ok(count >= 1, "the search's words are matches in the article");
  await (await byTestId("reader-title")).click();
  await browser.keys("F3");
  await waitFor("the first match", async () => (await position()) === `1 of ${count}`);
  const current = await browser.execute(() => document.querySelector("[data-reader-body] mark.current")?.textContent ?? "");
  assert.match(current, /лавров/i);
  await browser.execute(() => {
    const reader = document.querySelector('[data-testid="reader"]');
    reader.scrollTo({ top: reader.scrollHeight });
  });
  await waitFor("the title's line above the sticky bar", async () =>
    browser.execute(() => getComputedStyle(document.querySelector('[data-testid="reader-sticky-title"]')).visibility === "visible"),
  );
  const offset = await browser.execute(() => {
    const top = (id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect().top;
    return Math.abs(top("reader-sticky-title") - top("reader"));
  });
  assert.ok(offset < 2, `the title's line is at the top of the reader (${offset}px off)`);
  await shot("reader-matches");
  // The opener permission opens http and https links only: a file or a share could start a program.
  for (const url of ["file:///etc/passwd", "smb://host/share", "javascript:alert(1)"]) {
    const answer = await browser.executeAsync((u, done) => {
      window.__TAURI_INTERNALS__.invoke("plugin:opener|open_url", { url: u }).then(
        () => done("opened"),
        (e) => done(String(e)),
      );
    }, url);
    assert.match(answer, /not allowed|denied|scope/i, `${url}: ${answer}`);
  }
  // Back to the top: the bar would cover what the next steps click in view.
  await browser.execute(() => document.querySelector('[data-testid="reader"]').scrollTo({ top: 0 }));
});

test("export the search as a bundle and check the file", async () => {
  const out = join(work, "export", "lavrov.jsonl");
  await (await byTestId("open-export")).click();
  await (await byTestId("export-format")).selectByAttribute("value", "jsonl");
  await (await byTestId("export-path")).setValue(out);
  // The folder does not exist yet: an error that says so, and no folder made.
  await (await byTestId("export-start")).click();
  await waitFor("the missing-folder error", async () => {
    const toasts = await browser.$$('[data-testid="toast"]');
    for (const t of toasts) if (/folder/i.test(await t.getText())) return true;
    return false;
  });
  assert.ok(!existsSync(dirname(out)));
  mkdirSync(dirname(out));
  await (await byTestId("export-start")).click();
  await waitFor("export result", async () => /5/.test(await text("export-result")));
  await shot("export");
  const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines[0].format, "litopys-bundle");
  const articles = lines.slice(1);
  assert.equal(articles.length, 5);
  const blinken = articles.find((a) => a.title.includes("Блінкен у розмові"));
  assert.deepEqual(blinken.tags, ["e2e/checked"]);
  assert.equal(blinken.annotations.length, 1);
  const note = blinken.annotations[0];
  assert.equal(note.note, "Перевірити дату дзвінка");
  assert.equal(note.exact, "телефонну розмову");
  assert.equal([...blinken.body].slice(note.start, note.end).join(""), "телефонну розмову");
  assert.ok(lines[0].tags.some((t) => t.name === "e2e/checked"));
  // The bundle carries the line classes and the story alone.
  assert.ok(blinken.blocks.some((b) => b.class === "related"));
  assert.ok(blinken.body.includes("Путін розігрує карту"));
  assert.ok(!blinken.clean_text.includes("Путін розігрує карту"));
});

test("the site's lines are folded in the reader and searched only with Whole text", async () => {
  await browser.keys("Escape");
  const rows = async () => (await browser.$$('[data-testid="result-row"]')).length;
  await (await byTestId("search-input")).setValue("Telegram");
  await waitFor("no result for a word only in prompts", async () => (await rows()) === 0);
  await (await byTestId("search-all-text")).click();
  await waitFor("three results in the whole text", async () => (await rows()) === 3);
  await (await byTestId("search-all-text")).click();
  await (await byTestId("search-input")).setValue("Лавров");
  await waitFor("five results", async () => (await rows()) === 5);
  await browser.execute((title) => {
    [...document.querySelectorAll('[data-testid="result-row"]')].find((r) => r.textContent.includes(title))?.click();
  }, "Блінкен у розмові");
  await waitFor("reader", async () => (await text("reader-title")).includes("Блінкен"));
  // The search has answered the whole word (its forms row lists it): no
  // answer to an earlier keystroke re-renders the reader after this.
  await waitFor("the forms of лавров", async () =>
    browser.execute(() =>
      [...document.querySelectorAll('[data-testid="forms-word"]')].some((w) => w.textContent.includes("лавров")),
    ),
  );
  const body = async () => browser.execute(() => document.querySelector("[data-reader-body]").textContent);
  assert.ok(!(await body()).includes("Путін розігрує карту"), "the headline list starts folded");
  // Clicked in the page: the fold is under test, not where the window puts it.
  await browser.execute(() => document.querySelector('[data-testid="reader-collapsed-blocks"]').click());
  try {
    await waitFor("the list unfolded", async () => (await body()).includes("Путін розігрує карту"));
  } catch (e) {
    await shot("reader-blocks-failed");
    throw e;
  }
  await shot("reader-blocks");
});

test("an import by the command-line tool shows up in the open window", async () => {
  assert.ok(existsSync(cli), `build the CLI first: ${cli}`);
  await browser.execute(() => document.querySelector('[data-testid="sidebar"] .item.all').click());
  await waitFor("all five listed", async () => (await browser.$$('[data-testid="result-row"]')).length === 5);
  assert.match(await text("status-line"), /\b5 articles/);
  const file = join(work, "from-cli.txt");
  writeFileSync(file, "Новина з командного рядка\n\nКонвой із зерном вийшов з Одеси до Стамбула вранці.\n");
  execFileSync(cli, ["--library", join(work, "e2e.litopys"), "import", file], { stdio: "inherit" });
  await waitFor("the count follows", async () => /\b6 articles/.test(await text("status-line")));
  await waitFor("the new article listed", async () =>
    (await browser.$$('[data-testid="result-row"]')).length === 6,
  );
  await shot("after-cli-import");
});

test("a reprint imported beside its original shows the story panel and compares", async () => {
  // The Blinken seed, trimmed by its last paragraph, with a line of its own.
  const seed = readFileSync(join(seeds, "000_0a07881c7022561c.txt"), "utf8").split("\n");
  const paragraphs = seed.slice(1).join("\n").trim().split("\n\n");
  const reprint = join(work, "reprint.txt");
  writeFileSync(
    reprint,
    `Передрук: Блінкен і Лавров\n\n${paragraphs.slice(0, -1).join("\n\n")}\n\nРедакція стежить за розвитком подій.\n`,
  );
  execFileSync(cli, ["--library", join(work, "e2e.litopys"), "import", reprint], { stdio: "inherit" });
  await waitFor("the reprint listed", async () => /\b7 articles/.test(await text("status-line")));
  await browser.execute((title) => {
    [...document.querySelectorAll('[data-testid="result-row"]')].find((r) => r.textContent.includes(title))?.click();
  }, "Передрук: Блінкен");
  await waitFor("reader", async () => (await text("reader-title")).includes("Передрук"));
  await waitFor("story panel", async () => (await browser.$$('[data-testid="story-member"]')).length === 2);
  assert.match(await text("story-panel"), /Блінкен у розмові/);
  await browser.execute(() => document.querySelector('[data-testid="story-panel"]').scrollIntoView());
  await shot("story-panel");
  await (await byTestId("story-compare")).click();
  await waitFor("shared passages marked in both texts", async () =>
    browser.execute(
      () =>
        document.querySelectorAll('[data-testid="compare-a"] mark.shared').length > 0 &&
        document.querySelectorAll('[data-testid="compare-b"] mark.shared').length > 0,
    ),
  );
  await shot("story-compare");
  await browser.keys("Escape");
});

test("removing the reprint ends its story, and Undo brings both back", async () => {
  await waitFor("reader", async () => (await text("reader-title")).includes("Передрук"));
  await (await byTestId("remove-article")).click();
  await waitFor("the count follows", async () => /\b6 articles/.test(await text("status-line")));
  assert.equal((await browser.$$('[data-testid="reader-title"]')).length, 0, "the reader closed");
  await waitFor("undo offered", async () => (await text("toast")).includes("Removed 1 article"));
  await shot("removed");
  await browser.execute((title) => {
    [...document.querySelectorAll('[data-testid="result-row"]')].find((r) => r.textContent.includes(title))?.click();
  }, "Блінкен у розмові");
  await waitFor("reader", async () => (await text("reader-title")).includes("Блінкен"));
  await waitFor("no story left", async () => (await browser.$$('[data-testid="story-member"]')).length === 0);

  await (await byTestId("toast-action")).click();
  await waitFor("back again", async () => /\b7 articles/.test(await text("status-line")));
  const out = execFileSync(cli, ["--library", join(work, "e2e.litopys"), "trash", "list", "--json"]);
  assert.deepEqual(JSON.parse(out.toString()), [], "the trash gave it back");
  await browser.execute((title) => {
    [...document.querySelectorAll('[data-testid="result-row"]')].find((r) => r.textContent.includes(title))?.click();
  }, "Передрук: Блінкен");
  await waitFor("reader", async () => (await text("reader-title")).includes("Передрук"));
  await waitFor("the story again", async () => (await browser.$$('[data-testid="story-member"]')).length === 2);
});
