import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";
import { detectLocale, dictionaries, format, locale, plural, pluralCategory, setLocale, t, translate } from "./i18n";

afterEach(() => {
  localStorage.clear();
  setLocale("en");
});

describe("i18n", () => {
  it("has the same keys in both languages", () => {
    expect(Object.keys(dictionaries.uk).sort()).toEqual(Object.keys(dictionaries.en).sort());
  });

  it("fills placeholders", () => {
    expect(translate("en", "results.count", { n: 5 })).toBe("5 results");
    expect(translate("uk", "results.count", { n: 5 })).toBe("5 результатів");
    expect(translate("en", "reader.origin", { path: "/a/b" })).toBe("Imported from /a/b");
    expect(translate("en", "reader.origin")).toBe("Imported from {path}");
  });

  it("switches and remembers the language", () => {
    setLocale("uk");
    expect(get(locale)).toBe("uk");
    expect(get(t)("sidebar.all")).toBe("Усі статті");
    expect(localStorage.getItem("litopys.locale")).toBe("uk");
    expect(detectLocale()).toBe("uk");
    expect(document.documentElement.lang).toBe("uk");
    setLocale("en");
    expect(get(t)("sidebar.all")).toBe("All articles");
  });

  it("picks Ukrainian for uk* browsers when nothing is saved", () => {
    localStorage.clear();
    const original = navigator.language;
    Object.defineProperty(navigator, "language", { value: "uk-UA", configurable: true });
    expect(detectLocale()).toBe("uk");
    Object.defineProperty(navigator, "language", { value: "ru-RU", configurable: true });
    expect(detectLocale()).toBe("en");
    Object.defineProperty(navigator, "language", { value: original, configurable: true });
  });

  it("keeps the same placeholders in both languages", () => {
    const names = (s: string) => [...new Set([...s.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{(\w+)(?:\}|\s*,)/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(names(dictionaries.uk[key]), key).toEqual(names(dictionaries.en[key]));
    }
  });
});

describe("plurals", () => {
  const en = { one: "# article", other: "# articles" };
  const uk = { one: "# стаття", few: "# статті", many: "# статей", other: "# статті" };

  it("picks English forms", () => {
    const got = [0, 1, 2, 5, 11, 21, 22, 25, 101].map((n) => plural("en", n, en));
    expect(got).toEqual([
      "0 articles", "1 article", "2 articles", "5 articles", "11 articles",
      "21 articles", "22 articles", "25 articles", "101 articles",
    ]);
  });

  it("picks the three Ukrainian forms", () => {
    const cases: [number, string][] = [
      [0, "0 статей"], [1, "1 стаття"], [2, "2 статті"], [3, "3 статті"], [4, "4 статті"],
      [5, "5 статей"], [11, "11 статей"], [12, "12 статей"], [14, "14 статей"],
      [21, "21 стаття"], [22, "22 статті"], [25, "25 статей"], [101, "101 стаття"],
      [111, "111 статей"], [1004, "1004 статті"],
    ];
    for (const [n, want] of cases) expect(plural("uk", n, uk), String(n)).toBe(want);
  });

  it("reports CLDR categories", () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => pluralCategory("uk", n))).toEqual([
      "one", "few", "many", "many", "one", "few", "many",
    ]);
    expect([1, 2, 5, 11, 21].map((n) => pluralCategory("en", n))).toEqual([
      "one", "other", "other", "other", "other",
    ]);
  });

  it("prefers exact =N forms and falls back to other", () => {
    expect(plural("en", 0, { "=0": "none", one: "# item", other: "# items" })).toBe("none");
    expect(plural("uk", 5, { one: "# файл", other: "# файлів" })).toBe("5 файлів");
  });

  it("formats ICU plural messages with several counts", () => {
    const tpl = "{a, plural, one {# article} other {# articles}} and {b, plural, one {# note} other {# notes}} for {who}";
    expect(format("en", tpl, { a: 1, b: 3, who: "me" })).toBe("1 article and 3 notes for me");
    expect(format("en", "{n, plural, one {# x} other {# xs}}", {})).toBe("{n, plural, one {# x} other {# xs}}");
  });

  it("translates count messages in both languages", () => {
    const uk = (key: Parameters<typeof translate>[1], p: Record<string, number | string>) => translate("uk", key, p);
    const en = (key: Parameters<typeof translate>[1], p: Record<string, number | string>) => translate("en", key, p);
    expect(en("results.count", { n: 1 })).toBe("1 result");
    expect(en("results.count", { n: 2 })).toBe("2 results");
    expect(uk("results.count", { n: 1 })).toBe("1 результат");
    expect(uk("results.count", { n: 22 })).toBe("22 результати");
    expect(uk("results.count", { n: 11 })).toBe("11 результатів");
    expect(en("tag.added", { n: 1, tag: "verify" })).toBe("Tagged 1 article ‘verify’");
    expect(en("tag.added", { n: 2, tag: "verify" })).toBe("Tagged 2 articles ‘verify’");
    expect(en("tag.removed", { n: 2, tag: "verify" })).toBe("Removed ‘verify’ from 2 articles");
    expect(uk("tag.added", { n: 1, tag: "х" })).toBe("Позначено тегом ‘х’ 1 статтю");
    expect(uk("tag.added", { n: 21, tag: "х" })).toBe("Позначено тегом ‘х’ 21 статтю");
    expect(uk("tag.added", { n: 2, tag: "х" })).toBe("Позначено тегом ‘х’ 2 статті");
    expect(uk("tag.added", { n: 5, tag: "х" })).toBe("Позначено тегом ‘х’ 5 статей");
    expect(uk("tag.added", { n: 12, tag: "х" })).toBe("Позначено тегом ‘х’ 12 статей");
    expect(uk("tag.removed", { n: 1, tag: "х" })).toBe("Тег ‘х’ знято з 1 статті");
    expect(uk("tag.removed", { n: 3, tag: "х" })).toBe("Тег ‘х’ знято з 3 статей");
    expect(en("status.articles", { n: 1 })).toBe("1 article in library");
    expect(uk("status.articles", { n: 253 })).toBe("253 статті у бібліотеці");
    expect(uk("status.articles", { n: 249 })).toBe("249 статей у бібліотеці");
    expect(en("tags.impact", { articles: 4, annotations: 0, subtags: 1 })).toBe(
      "This affects 4 articles, 0 annotations and 1 subtag.",
    );
    expect(uk("tags.impact", { articles: 1, annotations: 2, subtags: 5 })).toBe(
      "Це зачепить 1 статтю, 2 анотації і 5 підтегів.",
    );
    expect(en("export.done", { articles: 1, annotations: 1, size: "1 KB" })).toBe(
      "Exported 1 article and 1 annotation (1 KB)",
    );
    expect(uk("export.done", { articles: 12, annotations: 23, size: "1 KB" })).toBe(
      "Експортовано 12 статей і 23 анотації (1 KB)",
    );
    expect(uk("export.progress", { done: 3, total: 21 })).toBe("3 з 21 статті");
    expect(en("import.counts", { imported: 1, duplicates: 2, failed: 0 })).toBe(
      "Imported 1 article · 2 duplicates · 0 failed",
    );
    expect(uk("import.counts", { imported: 4, duplicates: 1, failed: 5 })).toBe(
      "Імпортовано 4 статті · 1 дублікат · 5 помилок",
    );
    expect(en("reader.notesCount", { n: 0 })).toBe("Notes");
    expect(en("reader.notesCount", { n: 1 })).toBe("1 note");
    expect(uk("reader.notesCount", { n: 3 })).toBe("3 нотатки");
    expect(uk("orphans.count", { n: 2 })).toBe("2 анотації втратили цитати");
  });
});
