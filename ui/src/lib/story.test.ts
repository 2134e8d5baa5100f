import { describe, expect, it } from "vitest";
import type { ArticleStory, SearchHit } from "./backend";
import { STORY_ARTICLES, articleStory, storyPair } from "./mockStories";
import { foldHits, percent, sharedRuns } from "./story";

const hit = (id: string, source: string | null): SearchHit => ({
  id,
  title: id,
  source,
  published_at: null,
  language: "uk",
  snippet: "",
  marks: [],
  tags: [],
  score: 0,
});

describe("sharedRuns", () => {
  it("covers the body exactly, cutting at code points (emoji count as one)", () => {
    const body = "🇺🇦 спільне речення і своє";
    const runs = sharedRuns(body, [{ start: 3, end: 18 }]);
    expect(runs.map((r) => r.text).join("")).toBe(body);
    expect(runs.filter((r) => r.shared).map((r) => r.text)).toEqual(["спільне речення"]);
  });

  it("merges overlapping spans and clamps spans past the end", () => {
    const runs = sharedRuns("abcdef", [{ start: 4, end: 99 }, { start: 1, end: 3 }, { start: 2, end: 5 }]);
    expect(runs).toEqual([
      { start: 0, end: 1, text: "a", shared: false },
      { start: 1, end: 6, text: "bcdef", shared: true },
    ]);
  });

  it("marks the core's recorded shared passages in both texts of a reprint", () => {
    const [original, trimmed] = STORY_ARTICLES;
    const pair = storyPair(original.id, trimmed.id);
    expect(pair.shared.length).toBeGreaterThan(0);
    const a = sharedRuns(original.body, pair.shared.map((s) => ({ start: s.a_start, end: s.a_end })));
    const b = sharedRuns(trimmed.body, pair.shared.map((s) => ({ start: s.b_start, end: s.b_end })));
    expect(a.map((r) => r.text).join("")).toBe(original.body);
    expect(b.map((r) => r.text).join("")).toBe(trimmed.body);
    // The trimmed reprint's own last paragraph is not in the original.
    expect(b.filter((r) => !r.shared).map((r) => r.text).join("")).toContain("Редакція стежить");
    expect(a.find((r) => r.shared)!.text.slice(0, 40)).toBe(b.find((r) => r.shared)!.text.slice(0, 40));
  });
});

describe("foldHits", () => {
  const ids = STORY_ARTICLES.map((a) => a.id);
  const stories = new Map<string, ArticleStory | null>(ids.map((id) => [id, articleStory(id)]));
  const hits = [hit(ids[1], "unian.ua"), hit("other", null), hit(ids[0], "ukrinform.ua"), hit(ids[3], "ukrinform.ua"), hit(ids[2], "zn.ua")];

  it("keeps one row per story, at its best-ranked hit, and leaves other hits in place", () => {
    const rows = foldHits(hits, stories, new Set());
    expect(rows.map((r) => [r.hit.id, r.role])).toEqual([
      [ids[1], "head"],
      ["other", "single"],
      [ids[3], "single"],
    ]);
    expect(rows[0]).toMatchObject({ index: 0, reprints: 2, sources: 3, complete: true, hidden: 2 });
  });

  it("shows the other members under the head when the story is unfolded", () => {
    const rows = foldHits(hits, stories, new Set([articleStory(ids[0])!.id]));
    expect(rows.map((r) => [r.hit.id, r.role, r.index])).toEqual([
      [ids[1], "head", 0],
      [ids[0], "member", 2],
      [ids[2], "member", 4],
      ["other", "single", 1],
      [ids[3], "single", 3],
    ]);
  });

  it("says the source count is a lower bound when part of the story is off the page", () => {
    const [head] = foldHits([hit(ids[0], "ukrinform.ua")], stories, new Set());
    expect(head).toMatchObject({ role: "head", reprints: 2, sources: 1, complete: false, hidden: 0 });
  });
});

describe("percent", () => {
  it("rounds a share to a whole percentage and shows a missing share as 0", () => {
    expect(percent(0.9724)).toBe(97);
    expect(percent(null)).toBe(0);
    expect(percent(1.2)).toBe(100);
  });
});
