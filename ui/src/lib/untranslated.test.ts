// The Ukrainian interface has no English left: every key has its own
// Ukrainian text, and what the app shows (text, tooltips, labels for screen
// readers, placeholders) comes from the dictionary or from the library's data.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "../App.svelte";
import { dictionaries, languageBadgeKey, setLocale, translate, type Key } from "./i18n";
import { MockBackend } from "./mock";

afterEach(() => setLocale("en"));

/** Keys whose Ukrainian text may be the English one: no words to translate. */
const SAME_IN_BOTH = new Set<Key>(["reader.blockTitle", "forms.formLabel", "badge.unknown"]);

/** Keys as printed on keyboards. */
const KEY_NAMES = ["esc", "shift", "ctrl", "alt", "enter"];

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Latin words of three letters or more: English, or data such as a source's domain. */
const LATIN_WORD = /[A-Za-z][A-Za-z'’-]{2,}/g;

function latinWords(text: string): Set<string> {
  return new Set([...text.matchAll(LATIN_WORD)].map((m) => m[0].toLowerCase()));
}

/** Every text node, tooltip, accessible label and placeholder on the page. */
function shownStrings(root: HTMLElement): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent?.closest("style, script")) continue;
    if (n.textContent?.trim()) out.push(n.textContent);
  }
  for (const el of root.querySelectorAll("*")) {
    for (const attr of ["title", "aria-label", "placeholder", "alt"]) {
      const v = el.getAttribute(attr);
      if (v) out.push(v);
    }
  }
  return out;
}

describe("the Ukrainian interface", () => {
  it("has a Ukrainian text for every key, not a copy of the English", () => {
    const { en, uk } = dictionaries;
    const untranslated = (Object.keys(en) as Key[]).filter(
      (k) => !SAME_IN_BOTH.has(k) && (uk[k] === en[k] || !CYRILLIC.test(uk[k])),
    );
    expect(untranslated).toEqual([]);
  });

  it("shows no English word outside the library’s own data", { timeout: 30_000 }, async () => {
    const backend = new MockBackend();
    backend.latency = 0;
    // Words the library itself holds (domains, URLs, tag names, paths) and
    // words the Ukrainian dictionary uses on purpose (CSV, Ctrl, in:all).
    const data = JSON.stringify([backend, await backend.tags(), await backend.libraryInfo()]);
    const allowed = new Set([
      ...latinWords(data),
      ...latinWords(Object.values(dictionaries.uk).join(" ")),
      ...KEY_NAMES,
    ]);

    setLocale("uk");
    const { container } = render(App, { backend });
    await screen.findByText("Усі статті");
    // The first article, opened the way the keyboard does (the list is
    // virtual: jsdom shows no rows), once the first results are in.
    await waitFor(
      async () => {
        await fireEvent.keyDown(window, { key: "j" });
        expect(container.querySelector("[data-testid=reader-title]")).not.toBeNull();
      },
      { timeout: 10_000 },
    );

    const english = new Map<string, string>();
    const look = () => {
      for (const s of shownStrings(document.body))
        for (const w of latinWords(s)) if (!allowed.has(w)) english.set(w, s.trim().slice(0, 80));
    };
    look();
    // Each dialog: from the top bar, the sidebar and the keyboard.
    const openers: (() => Promise<unknown>)[] = [
      ...["open-import", "open-export", "open-library", "open-orphans"].map(
        (id) => () => fireEvent.click(screen.getByTestId(id)),
      ),
      () => fireEvent.click(screen.getByText("Керувати")),
      () => fireEvent.keyDown(window, { key: "t" }),
      () => fireEvent.keyDown(window, { key: "a" }),
      () => fireEvent.keyDown(window, { key: "?" }),
    ];
    for (const open of openers) {
      await open();
      await waitFor(() => expect(document.querySelector("[role=dialog]")).not.toBeNull());
      look();
      await fireEvent.keyDown(window, { key: "Escape" });
      await waitFor(() => expect(document.querySelector("[role=dialog]")).toBeNull());
    }
    expect(Object.fromEntries(english)).toEqual({});
  });

  it("gives language badges that do not read as country codes", () => {
    const badges = (loc: "en" | "uk") => ["uk", "ru"].map((c) => translate(loc, languageBadgeKey(c)));
    expect(badges("en")).toEqual(["Ukr", "Rus"]);
    expect(badges("uk")).toEqual(["укр", "рос"]);
  });
});
