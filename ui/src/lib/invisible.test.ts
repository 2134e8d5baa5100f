import { describe, expect, it } from "vitest";
import { invisibleName, invisibleRuns, invisibleSpans } from "./invisible";

describe("invisible characters", () => {
  const title = "Заява \u202Eпро мир\u202C і Лав\u200Bров";

  it("finds direction controls and zero-width characters by code point", () => {
    expect(invisibleSpans("😀\u202Eа\u200B\uFEFF\u2066б\u2069")).toEqual([
      { start: 1, end: 2, label: "RLO" },
      { start: 3, end: 4, label: "ZWSP" },
      { start: 4, end: 5, label: "BOM" },
      { start: 5, end: 6, label: "LRI" },
      { start: 7, end: 8, label: "PDI" },
    ]);
    expect(invisibleSpans("звичайний текст, 🇺🇦 і emoji")).toEqual([]);
  });

  it("cuts text into runs that join back to it", () => {
    const runs = invisibleRuns(title);
    expect(runs.map((r) => r.text).join("")).toBe(title);
    expect(runs.filter((r) => r.label).map((r) => r.label)).toEqual(["RLO", "PDF", "ZWSP"]);
    expect(runs[0]).toEqual({ text: "Заява ", label: null });
    expect(invisibleRuns("")).toEqual([]);
  });

  it("names a character for its tooltip", () => {
    expect(invisibleName("\u202E")).toBe("U+202E RIGHT-TO-LEFT OVERRIDE");
    expect(invisibleName("\u200D")).toBe("U+200D ZERO WIDTH JOINER");
  });
});
