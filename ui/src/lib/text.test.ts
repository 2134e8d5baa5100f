import { describe, expect, it } from "vitest";
import type { Annotation } from "./backend";
import {
  buildTagTree,
  composeQuery,
  cpLength,
  mixedScriptSpans,
  parseSnippet,
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

describe("parseSnippet", () => {
  it("splits [[ ]] markers into marked parts", () => {
    expect(parseSnippet("У [[Женеві]] відбувся [[раунд]].")).toEqual([
      { text: "У ", mark: false },
      { text: "Женеві", mark: true },
      { text: " відбувся ", mark: false },
      { text: "раунд", mark: true },
      { text: ".", mark: false },
    ]);
  });

  it("leaves unbalanced markers as text", () => {
    expect(parseSnippet("a [[b")).toEqual([{ text: "a [[b", mark: false }]);
    expect(parseSnippet("")).toEqual([]);
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

describe("mixedScriptSpans", () => {
  it("finds words mixing Latin and Cyrillic letters", () => {
    const body = "Заява «Мінoборони» і Міноборони 🇺🇦 Telegram";
    const spans = mixedScriptSpans(body);
    expect(spans).toHaveLength(1);
    expect(Array.from(body).slice(spans[0].start, spans[0].end).join("")).toBe("Мінoборони");
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
