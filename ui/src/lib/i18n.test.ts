import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";
import { detectLocale, dictionaries, locale, setLocale, t, translate } from "./i18n";

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
    expect(translate("uk", "results.count", { n: 5 })).toBe("Результатів: 5");
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
});
