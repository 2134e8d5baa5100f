import { marked } from "../testing/snippetNotation";
import { describe, expect, it } from "vitest";
import type { Annotation } from "./backend";
import {
  buildTagTree,
  centreSnippet,
  composeQuery,
  cpLength,
  snippetParts,
  scopedQuery,
  segmentBody,
  term,
} from "./text";

function ann(id: string, start: number, end: number, color = "#ff0"): Annotation {
  return {
    id,
    article: "a",
    start,
    end,
    exact: null,
    prefix: null,
    suffix: null,
    note: `note ${id}`,
    color,
    tags: [],
    orphaned: false,
    created_at: "",
    updated_at: "",
  };
}


/** A snippet written as the CLI prints it (`[[word]]`), as parts. */
const partsOf = (notation: string) => {
  const m = marked(notation);
  return snippetParts(m.text, m.marks);
};

describe("snippetParts", () => {
  it("cuts the text at the marks, counting code points", () => {
    // "𝕏" is one code point and two UTF-16 units: marks count code points.
    expect(snippetParts("У 𝕏 Женеві відбувся раунд.", [{ start: 4, end: 10 }, { start: 20, end: 25 }])).toEqual([
      { text: "У 𝕏 ", mark: false },
      { text: "Женеві", mark: true },
      { text: " відбувся ", mark: false },
      { text: "раунд", mark: true },
      { text: ".", mark: false },
    ]);
  });

  it("ignores marks outside the text or overlapping", () => {
    expect(snippetParts("a b", [{ start: 2, end: 9 }])).toEqual([{ text: "a b", mark: false }]);
    expect(snippetParts("abc", [{ start: 0, end: 2 }, { start: 1, end: 3 }])).toEqual([
      { text: "ab", mark: true },
      { text: "c", mark: false },
    ]);
    expect(snippetParts("", [])).toEqual([]);
  });
});

describe("segmentBody", () => {
  // Code points: 🇺🇦 is two code points (four UTF-16 units).
  const body = "🇺🇦 Привіт, Київ! 😀 кінець";
  const chars = Array.from(body);

  it("cuts by code points, not UTF-16 units", () => {
    const start = chars.indexOf("П");
    const segs = segmentBody(body, [{ start, end: start + 6 }], [], []);
    const hit = segs.find((s) => s.hit)!;
    expect(hit.text).toBe("Привіт");
    expect(hit.start).toBe(3);
    expect(segs.map((s) => s.text).join("")).toBe(body);
  });

  it("handles overlapping annotations and highlights", () => {
    const kyiv = chars.indexOf("К");
    const segs = segmentBody(
      body,
      [{ start: kyiv, end: kyiv + 4 }],
      [],
      [ann("x", 3, kyiv + 2), ann("y", kyiv, chars.length)],
    );
    expect(segs.map((s) => s.text).join("")).toBe(body);
    const both = segs.find((s) => s.text === "Ки")!;
    expect(both.hit).toBe(true);
    expect(both.annotations.map((a) => a.id)).toEqual(["x", "y"]);
    const onlyY = segs.find((s) => s.text === "їв")!;
    expect(onlyY.annotations.map((a) => a.id)).toEqual(["y"]);
    expect(onlyY.hit).toBe(true);
    const emoji = segs.find((s) => s.text.includes("😀"))!;
    expect(emoji.annotations.map((a) => a.id)).toEqual(["y"]);
    expect(emoji.hit).toBe(false);
  });

  it("ignores orphaned and whole-article annotations, clamps spans", () => {
    const orphan = { ...ann("o", 0, 3), orphaned: true };
    const whole = { ...ann("w", 0, 0), start: null, end: null };
    const segs = segmentBody("абв", [{ start: 1, end: 99 }], [], [orphan, whole]);
    expect(segs).toHaveLength(2);
    expect(segs[1]).toMatchObject({ text: "бв", hit: true, annotations: [] });
  });
});

describe("buildTagTree", () => {
  it("nests slash-separated names, summing counts and inventing parents", () => {
    const tree = buildTagTree([
      { name: "war/diplomacy/geneva", count: 3, color: "#0a0" },
      { name: "war/diplomacy", count: 1, color: null },
      { name: "economy/energy", count: 2, color: null },
      { name: "fact-check", count: 4, color: "#f90" },
    ]);
    expect(tree.map((n) => n.name)).toEqual(["economy", "fact-check", "war"]);
    const war = tree[2];
    expect(war).toMatchObject({ label: "war", count: 0, total: 4 });
    expect(war.children[0]).toMatchObject({ name: "war/diplomacy", count: 1, total: 4 });
    expect(war.children[0].children[0]).toMatchObject({
      label: "geneva",
      name: "war/diplomacy/geneva",
      count: 3,
      total: 3,
      color: "#0a0",
    });
    expect(tree[0]).toMatchObject({ name: "economy", total: 2, count: 0 });
  });

  it("counts a tag's annotations, also for a tag kept only on notes", () => {
    const tree = buildTagTree([
      { name: "verify/source", count: 0, annotations: 2, color: null },
      { name: "verify", count: 1, annotations: 1, color: null },
    ]);
    expect(tree[0]).toMatchObject({ name: "verify", total: 1, annotations: 1, notes: 3 });
    expect(tree[0].children[0]).toMatchObject({ total: 0, annotations: 2, notes: 2 });
  });
});

describe("query terms", () => {
  it("quotes values that need it", () => {
    expect(term("source", "lenta.ru")).toBe("source:lenta.ru");
    expect(term("source", "Українська правда")).toBe('source:"Українська правда"');
    expect(term("tag", "war/diplomacy")).toBe("tag:war/diplomacy");
  });

  it("joins text and filters", () => {
    expect(composeQuery("  Женева ", ["lang:uk", "date:2022..2023"])).toBe("Женева lang:uk date:2022..2023");
    expect(composeQuery("", [])).toBe("");
  });

  it("widens the query to the whole text only when asked", () => {
    expect(scopedQuery("Telegram lang:uk", false)).toBe("Telegram lang:uk");
    expect(scopedQuery("Telegram lang:uk", true)).toBe("in:all Telegram lang:uk");
    // Nothing typed: everything matches either way, so nothing to add.
    expect(scopedQuery("  ", true)).toBe("");
    // A scope typed in the query wins (and in:all is not said twice).
    expect(scopedQuery("Telegram IN:ALL", true)).toBe("Telegram IN:ALL");
    expect(scopedQuery("in:story Telegram", true)).toBe("in:story Telegram");
    // A word merely containing "in:" elsewhere is not a scope.
    expect(scopedQuery("title:main:x", true)).toBe("in:all title:main:x");
  });

  it("counts code points", () => {
    expect(cpLength("🇺🇦ab")).toBe(4);
  });
});

describe("centreSnippet", () => {
  const words = (n: number, w = "слово") => Array.from({ length: n }, () => w).join(" ");
  const joined = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

  it("cuts the context before a late match at a word, so the match shows", () => {
    const lead = `…${words(30)} `;
    const parts = centreSnippet(partsOf(`${lead}[[Женеві]] відбувся раунд…`));
    const before = parts[0].text;
    expect(before.startsWith("…слово")).toBe(true);
    expect(Array.from(before).length).toBeLessThanOrEqual(51);
    expect(parts[1]).toEqual({ text: "Женеві", mark: true });
    expect(joined(parts).endsWith("Женеві відбувся раунд…")).toBe(true);
  });

  it("keeps a snippet whose match is near its start as it is", () => {
    const parts = partsOf("У [[Женеві]] відбувся раунд переговорів…");
    expect(centreSnippet(parts)).toEqual(parts);
  });

  it("cuts a long tail at a word and never drops the first match", () => {
    const long = "Ж".repeat(200);
    const parts = centreSnippet(partsOf(`до [[${long}]] ${words(40)} [[Женеві]] кінець`));
    expect(parts[1]).toEqual({ text: long, mark: true });
    expect(parts.filter((p) => p.mark)).toHaveLength(1);
    expect(parts[parts.length - 1].text.endsWith("…")).toBe(true);
    const tail = centreSnippet(partsOf(`[[Женеві]] ${words(60)}`));
    const last = tail[tail.length - 1].text;
    expect(Array.from(joined(tail)).length).toBeLessThanOrEqual(161);
    expect(last.endsWith("слово…")).toBe(true);
  });

  it("leaves a snippet without matches alone", () => {
    const parts = partsOf(words(80));
    expect(centreSnippet(parts)).toBe(parts);
  });
});

describe("segmentBody and invisible characters", () => {
  it("makes each invisible character a segment of its own, labelled", () => {
    const body = "Заява \u202Eпро мир\u202C і Лав\u200Bров";
    const segs = segmentBody(body, [], [], []);
    expect(segs.map((s) => s.text).join("")).toBe(body);
    const marked = segs.filter((s) => s.invisible);
    expect(marked.map((s) => [s.text, s.invisible, s.end - s.start])).toEqual([
      ["\u202E", "RLO", 1],
      ["\u202C", "PDF", 1],
      ["\u200B", "ZWSP", 1],
    ]);
    expect(segs.filter((s) => !s.invisible).every((s) => s.invisible === null)).toBe(true);
  });
});
