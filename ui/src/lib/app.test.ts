import { describe, expect, it, vi } from "vitest";
import { AppState } from "./app.svelte";
import { MockBackend } from "./mock";

describe("typing in the search box", () => {
  it("searches at once and folds the keystrokes made during a search into one search for the latest text", async () => {
    const b = new MockBackend();
    b.latency = 40;
    const calls = vi.spyOn(b, "searchWithTimeline");
    const app = new AppState(b);
    for (const text of ["Л", "Ла", "Лав", "Лавр", "Лавров"]) app.search.setText(text);
    // The first keystroke went out without waiting for a pause.
    expect(calls.mock.calls.map((c) => c[0])).toEqual(["Л"]);
    await vi.waitFor(() => expect(app.search.answeredQuery).toBe("Лавров"));
    expect(calls.mock.calls.map((c) => c[0])).toEqual(["Л", "Лавров"]);
    expect(app.search.total).toBeGreaterThan(0);
    expect(app.search.hits.every((h) => /лавров/i.test(h.title + h.snippet))).toBe(true);
  });

  it("searches again after the text changes once the last search is done", async () => {
    const b = new MockBackend();
    b.latency = 0;
    const calls = vi.spyOn(b, "searchWithTimeline");
    const app = new AppState(b);
    app.search.setText("Женева");
    await vi.waitFor(() => expect(app.search.answeredQuery).toBe("Женева"));
    app.search.setText("Лавров");
    await vi.waitFor(() => expect(app.search.answeredQuery).toBe("Лавров"));
    expect(calls.mock.calls.map((c) => c[0])).toEqual(["Женева", "Лавров"]);
  });
});

describe("tag changes", () => {
  it("say what changed and Undo reverts only the articles that changed", async () => {
    const b = new MockBackend();
    b.latency = 0;
    const app = new AppState(b);
    const all = (await b.search("Женева", "relevance", 100, 0)).hits.map((h) => h.id);
    expect(all.length).toBeGreaterThan(2);
    await b.tagArticles("check", all.slice(0, 1));

    expect(await app.curation.changeTag("check", { query: "Женева" }, false)).toBe(true);
    const toast = app.notices.toasts.at(-1)!;
    expect(toast.text).toBe(`Tagged ${all.length - 1} articles ‘check’`);
    expect(toast.action?.label).toBe("Undo");
    app.notices.act(toast);
    await vi.waitFor(() => expect(app.notices.toasts.at(-1)?.text).toMatch(/^Undone/));
    expect(app.notices.toasts.some((t) => t.id === toast.id)).toBe(false);
    const tagged = (await b.search("tag:check", "relevance", 100, 0)).hits.map((h) => h.id);
    expect(tagged).toEqual(all.slice(0, 1));
  });

  it("reports a failure and offers nothing to undo", async () => {
    const b = new MockBackend();
    b.latency = 0;
    const app = new AppState(b);
    expect(await app.curation.changeTag("   ", { ids: [] }, false)).toBe(false);
    expect(app.notices.toasts.at(-1)).toMatchObject({ kind: "error", action: undefined });
  });
});

describe("tagging", () => {
  it("shows a new tag on the loaded result rows, which keep their number", async () => {
    const b = new MockBackend();
    b.latency = 0;
    const app = new AppState(b);
    await app.search.run();
    await app.search.loadMore();
    const loaded = app.search.hits.length;
    expect(loaded).toBeGreaterThan(50);
    const last = app.search.hits[loaded - 1].id;
    await b.tagArticles("verify", [last]);
    await app.curation.afterTagChange();
    expect(app.search.hits).toHaveLength(loaded);
    expect(app.search.hits.find((h) => h.id === last)?.tags).toContain("verify");
    expect(app.search.facets?.tag["verify"]).toBe(1);
  });
});

describe("the word forms of the query", () => {
  it("follow the query; unticking a form adds skip: and searches, ticking takes it out", async () => {
    const b = new MockBackend();
    b.latency = 0;
    const app = new AppState(b);
    app.search.setText("переговори");
    await vi.waitFor(() => expect(app.search.forms.map((w) => w.word)).toEqual(["переговори"]));
    expect(app.search.total).toBe(7);
    app.search.setFormKept("переговорах", false);
    expect(app.search.text).toBe("переговори skip:переговорах");
    await vi.waitFor(() => expect(app.search.answeredQuery).toBe("переговори skip:переговорах"));
    expect(app.search.total).toBe(6);
    await vi.waitFor(() => expect(app.search.forms[0].forms.find((f) => f.skipped)?.form).toBe("переговорах"));
    app.search.setFormKept("переговорах", true);
    expect(app.search.text).toBe("переговори");
    await vi.waitFor(() => expect(app.search.total).toBe(7));
    await vi.waitFor(() => expect(app.search.forms[0].forms.some((f) => f.skipped)).toBe(false));
    app.search.setText("");
    await vi.waitFor(() => expect(app.search.forms).toEqual([]));
    expect(app.notices.toasts).toEqual([]);
  });
});
