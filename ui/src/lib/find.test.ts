import { describe, expect, it } from "vitest";
import { findInText, stepMatch } from "./find";

const cps = (s: string) => Array.from(s);
const texts = (body: string, spans: { start: number; end: number }[]) =>
  spans.map((s) => cps(body).slice(s.start, s.end).join(""));

describe("findInText", () => {
  it("finds every occurrence, case-insensitive, with ё as е", () => {
    const body = "Лавров сказав. ЛАВРОВ мовчав; лавров. Всё все";
    expect(texts(body, findInText(body, "лавров"))).toEqual(["Лавров", "ЛАВРОВ", "лавров"]);
    expect(texts(body, findInText(body, "все"))).toEqual(["Всё", "все"]);
  });

  it("counts in code points, after emoji and flags", () => {
    const body = "😀🇺🇦 Женева і Женева";
    const spans = findInText(body, "женева");
    expect(spans).toEqual([
      { start: 4, end: 10 },
      { start: 13, end: 19 },
    ]);
  });

  it("skips zero-width characters inside the body's words", () => {
    const body = "Міністр Лав\u200Bров і Лав\u200D\u2060ров";
    expect(texts(body, findInText(body, "Лавров"))).toEqual(["Лав\u200Bров", "Лав\u200D\u2060ров"]);
  });

  it("matches any whitespace for a space and finds nothing for an empty needle", () => {
    const body = "гуманітарних\nкоридорів і гуманітарних коридорів";
    expect(findInText(body, "гуманітарних коридорів")).toHaveLength(2);
    expect(findInText(body, "   ")).toEqual([]);
    expect(findInText(body, "танк")).toEqual([]);
  });

  it("does not overlap matches", () => {
    expect(findInText("аааа", "аа")).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });
});

describe("stepMatch", () => {
  it("starts at the first or last and wraps around", () => {
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
