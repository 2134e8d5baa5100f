// Interface strings in English and Ukrainian (the dictionaries in locales/). `t` fills `{name}` placeholders and ICU-style
// plurals, `{n, plural, one {# файл} few {# файли} other {# файлів}}` (Intl.PluralRules).
import { derived, writable } from "svelte/store";
import { en, type Key } from "./locales/en";
import { uk } from "./locales/uk";

export type { Key };

export type Locale = "en" | "uk";

export const dictionaries: Record<Locale, Record<Key, string>> = { en, uk };

const STORAGE_KEY = "litopys.locale";

/** The saved choice, else Ukrainian for `uk*` browser languages, else English. */
export function detectLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "uk") return saved;
  } catch {
    // No storage: fall through to the browser language.
  }
  const lang = typeof navigator !== "undefined" ? navigator.language : "en";
  return lang.toLowerCase().startsWith("uk") ? "uk" : "en";
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The CLDR plural category of `n` in `loc`: `one`, `few`, `many` or `other` (uk: 1 · 2–4 · 5+ and 11–14). */
export function pluralCategory(loc: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(loc);
  if (!rules) {
    rules = new Intl.PluralRules(loc === "uk" ? "uk-UA" : "en-GB");
    pluralRules.set(loc, rules);
  }
  return rules.select(n);
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule | `=${number}`, string>> & { other: string };

/**
 * Picks the form of `forms` for `n` (exact `=N` first, then the plural category,
 * then `other`) and puts `n` in place of `#`.
 */
export function plural(loc: Locale, n: number, forms: PluralForms): string {
  const exact = forms[`=${n}`];
  const form = exact ?? forms[pluralCategory(loc, n)] ?? forms.other;
  return form.replace(/#/g, String(n));
}

/** Index just past the `}` closing the `{` at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** `one {# file} other {# files}` → `{one: "# file", other: "# files"}`. */
function parseForms(body: string): PluralForms | null {
  const forms: Record<string, string> = {};
  let i = 0;
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  while (i < body.length) {
    if (/^\s*$/.test(body.slice(i))) break;
    selector.lastIndex = i;
    const m = selector.exec(body);
    if (!m) return null;
    const open = i + m[0].length - 1;
    const end = closing(body, open);
    if (end < 0) return null;
    forms[m[1]] = body.slice(open + 1, end - 1);
    i = end;
  }
  return "other" in forms ? (forms as PluralForms) : null;
}

/**
 * Fills `{name}` placeholders and ICU-style plurals,
 * `{n, plural, one {# article} few {# статті} other {# articles}}`.
 */
export function format(loc: Locale, template: string, params: Record<string, string | number> = {}): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) break;
    out += template.slice(i, open);
    const end = closing(template, open);
    if (end < 0) {
      i = open;
      break;
    }
    const inner = template.slice(open + 1, end - 1);
    const simple = /^(\w+)$/.exec(inner);
    const pl = /^(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    const forms = pl ? parseForms(pl[2]) : null;
    if (simple && simple[1] in params) {
      out += String(params[simple[1]]);
    } else if (pl && forms && pl[1] in params && Number.isFinite(Number(params[pl[1]]))) {
      out += format(loc, plural(loc, Number(params[pl[1]]), forms), params);
    } else {
      out += template.slice(open, end);
    }
    i = end;
  }
  return out + template.slice(i);
}

export function translate(
  locale: Locale,
  key: Key,
  params: Record<string, string | number> = {},
): string {
  const template = dictionaries[locale][key] ?? en[key];
  return format(locale, template, params);
}

export const locale = writable<Locale>(detectLocale());

export function setLocale(next: Locale): void {
  locale.set(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
}

locale.subscribe((l) => {
  if (typeof document !== "undefined") document.documentElement.lang = l;
});

/** `$t("key", {n: 3})` in components. */
export const t = derived(
  locale,
  (l) =>
    (key: Key, params?: Record<string, string | number>): string =>
      translate(l, key, params),
);

/** An article's language as the interface knows it; any other code is `unknown`. */
function knownLanguage(code: string): "uk" | "ru" | "other" | "unknown" {
  return code === "uk" || code === "ru" || code === "other" ? code : "unknown";
}

/** Language names for article languages (`uk`, `ru`, `other`, `unknown`). */
export function languageKey(code: string): Key {
  return `lang.${knownLanguage(code)}`;
}

/**
 * The short language badge of result rows: `Ukr`/`укр`, not `UK`, which reads
 * as the United Kingdom (and `RU` as a country code).
 */
export function languageBadgeKey(code: string): Key {
  return `badge.${knownLanguage(code)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A publication date for display; partial dates (`2022`, `2022-03`) stay as they are. */
export function formatDate(iso: string | null | undefined, loc: Locale): string {
  if (!iso) return "";
  if (iso.length < 10) return iso;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc === "uk" ? "uk-UA" : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(d);
}
