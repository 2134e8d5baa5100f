// The mock's rough stand-in for the core's text handling: words, a crude stem,
// the query language's parser and the line classifier. Pure functions.
import { BackendError, type Block } from "./api";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Word {
  start: number;
  end: number;
  text: string;
}

const ZERO_WIDTH = new Set(["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"]);

/** `s` without zero-width characters, which search ignores inside words (as the core's tokenizer). */
export function plain(s: string): string {
  return Array.from(s)
    .filter((c) => !ZERO_WIDTH.has(c))
    .join("");
}

/** Words of `s` with code-point offsets; zero-width characters stay inside them. */
export function words(s: string): Word[] {
  const out: Word[] = [];
  let pos = 0;
  let cur = "";
  let start = 0;
  for (const ch of s) {
    if (/[\p{L}\p{M}\p{N}'’]/u.test(ch) || ZERO_WIDTH.has(ch)) {
      if (!cur) start = pos;
      cur += ch;
    } else if (cur) {
      out.push({ start, end: pos, text: cur });
      cur = "";
    }
    pos++;
  }
  if (cur) out.push({ start, end: pos, text: cur });
  return out;
}

/** A crude stem so that «Женева» finds «Женеві». */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/\*+$/, "");
  const n = Array.from(w).length;
  return n > 5 ? Array.from(w).slice(0, n - 2).join("") : w;
}

export interface Term {
  neg: boolean;
  field: string | null;
  value: string;
}

export interface Parsed {
  all: Term[];
  any: Term[];
  /** `in:all`: words are searched in the whole text, not only the story. */
  wholeText: boolean;
}

/** Code-point lines of `body` (non-empty, trimmed). */
export function lines(body: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  for (const raw of body.split("\n")) {
    const n = Array.from(raw).length;
    const lead = Array.from(raw).length - Array.from(raw.trimStart()).length;
    const text = raw.trim();
    if (text) out.push({ start: pos + lead, end: pos + lead + Array.from(text).length, text });
    pos += n + 1;
  }
  return out;
}

const STAMP = /^(\d{1,2}:\d{2}\b|\d{2}\.\d{2}\.\d{4}\b)/;

/** A rough stand-in for the backend's classifier: prompts, credits, and timestamped headline lists. */
export function mockBlocks(body: string): Block[] {
  const ls = lines(body);
  const blocks: Block[] = ls.map((l) => {
    if (/^(підписуйтесь|подписывайтесь|читайте також|читайте также)/iu.test(l.text))
      return { start: l.start, end: l.end, class: "boilerplate", reason: "prompt" };
    if (/^фото:/iu.test(l.text)) return { start: l.start, end: l.end, class: "boilerplate", reason: "credit" };
    return { start: l.start, end: l.end, class: "story", reason: "text" };
  });
  ls.forEach((l, i) => {
    if (!STAMP.test(l.text)) return;
    for (const j of [i - 1, i]) {
      if (j >= 0 && blocks[j].class === "story") blocks[j] = { ...blocks[j], class: "related", reason: "list" };
    }
  });
  return blocks;
}

const FIELDS: Record<string, string> = {
  title: "title", заголовок: "title",
  source: "source", site: "source", джерело: "source",
  lang: "lang", language: "lang", мова: "lang",
  tag: "tag", тег: "tag",
  note: "note", нотатка: "note",
  has: "has", має: "has",
  after: "after", після: "after",
  before: "before", до: "before",
  in: "in",
  date: "date", дата: "date",
};

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function parse(query: string): Parsed {
  let wholeText = false;
  const re = /(-?)(?:([\p{L}]+):)?("[^"]*"?|«[^»]*»?|“[^”]*”?|[^\s()]+)/gu;
  const terms: Term[] = [];
  const any: Term[] = [];
  let orNext = false;
  let notNext = false;
  for (const m of query.replace(/[()]/g, " ").matchAll(re)) {
    const [, minus, field] = m;
    let value = m[3];
    if (!field && (value === "OR" || value === "|")) {
      orNext = true;
      continue;
    }
    if (!field && (value === "AND" || value === "NOT")) {
      notNext = value === "NOT";
      continue;
    }
    value = value.replace(/^["«“]|["»”]$/g, "");
    let f: string | null = null;
    if (field) {
      f = FIELDS[field.toLowerCase()] ?? null;
      if (!f) value = `${field}:${value}`;
    }
    if (f === "lang") {
      const l = value.toLowerCase();
      const known: Record<string, string> = { uk: "uk", ua: "uk", ru: "ru", other: "other", українська: "uk", російська: "ru" };
      if (!known[l]) throw new BackendError("invalid_query", `lang: takes uk, ru or other, not “${value}”`);
      value = known[l];
    }
    if (f === "has" && !["annotation", "annotations", "note", "notes", "tag", "tags", "orphan"].includes(value.toLowerCase()))
      throw new BackendError("invalid_query", `has: takes annotation, tag or orphan, not “${value}”`);
    if (f === "after" || f === "before") {
      if (!DATE.test(value)) throw new BackendError("invalid_query", `${f}: takes a date like 2022, 2022-03 or 2022-03-15, not “${value}”`);
    }
    if (f === "date") {
      const [a, b] = value.includes("..") ? value.split("..") : [value, value];
      if ((a && !DATE.test(a)) || (b && !DATE.test(b)))
        throw new BackendError("invalid_query", `date: takes D or D1..D2 with dates like 2022-03-15, not “${value}”`);
    }
    if (f === "in") {
      const v = value.toLowerCase();
      if (v !== "all" && v !== "story")
        throw new BackendError("invalid_query", `in: takes all (the whole text) or story (without boilerplate), not “${value}”`);
      wholeText = v === "all";
      continue;
    }
    if (!value) continue;
    const term = { neg: minus === "-" || notNext, field: f, value };
    notNext = false;
    if (orNext && terms.length > 0 && !term.neg && !term.field) {
      const prev = terms.pop()!;
      any.push(prev, term);
    } else if (orNext && any.length > 0 && !term.field) {
      any.push(term);
    } else {
      terms.push(term);
    }
    orNext = false;
  }
  return { all: terms, any, wholeText };
}
