// An in-memory stand-in for the Rust backend: rough substring search, tags,
// annotations, saved searches, and fake import/export progress.
import { MockCaptures } from "./mockCapture";
import {
  BackendError,
  type CaptureOutcome,
  type CaptureProgress,
  type Feed,
  type PollReport,
  type PollSchedule,
  type Provenance,
  type Annotation,
  type AnnotationAuthor,
  type TeamLine,
  type Article,
  type ArticleDetail,
  type ArticleStory,
  type PairAlignment,
  type StoryDetail,
  type Backend,
  type Block,
  type BlockClass,
  type Bucket,
  type ExportOptions,
  type ExportProgress,
  type ExportTotals,
  type Format,
  type Histogram,
  type ImportProgress,
  type ImportSummary,
  type LibraryChanged,
  type LibraryInfo,
  type MetadataEdit,
  type RemovalReport,
  type RestoreReport,
  type SavedSearch,
  type SearchHit,
  type SearchPage,
  type SearchResults,
  type Selection,
  type Sort,
  type Tag,
  type TagChange,
  type TagImpact,
  type Target,
} from "./api";
import { fillerArticles, SEED, type SeedArticle } from "./mockData";
import * as stories from "./mockStories";
import type { CodeSpan } from "./codeSpan";
import { mixedScriptSpans } from "./text";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Word {
  start: number;
  end: number;
  text: string;
}

const ZERO_WIDTH = new Set(["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"]);

/** `s` without zero-width characters, which search ignores inside words (as the core's tokenizer). */
function plain(s: string): string {
  return Array.from(s)
    .filter((c) => !ZERO_WIDTH.has(c))
    .join("");
}

/** Words of `s` with code-point offsets; zero-width characters stay inside them. */
function words(s: string): Word[] {
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
function stem(word: string): string {
  const w = word.toLowerCase().replace(/\*+$/, "");
  const n = Array.from(w).length;
  return n > 5 ? Array.from(w).slice(0, n - 2).join("") : w;
}

interface Term {
  neg: boolean;
  field: string | null;
  value: string;
}

interface Parsed {
  all: Term[];
  any: Term[];
  /** `in:all`: words are searched in the whole text, not only the story. */
  wholeText: boolean;
}

/** Code-point lines of `body` (non-empty, trimmed). */
function lines(body: string): { start: number; end: number; text: string }[] {
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

function parse(query: string): Parsed {
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

interface Stored extends SeedArticle {
  imported_at: string;
  origin: string;
}

export class MockBackend implements Backend {
  readonly kind = "mock" as const;
  private articles: Stored[] = [];
  private tagMeta = new Map<string, { color: string | null; description: string | null }>();
  private annotations: Annotation[] = [];
  private saved: SavedSearch[] = [
    { name: "Женева", query: "Женев* OR Geneva" },
    { name: "Фактчек", query: "tag:fact-check" },
  ];
  private libPath = "/home/analyst/Litopys/demo.litopys";
  private recent = ["/home/analyst/Litopys/demo.litopys", "/home/analyst/Litopys/archive-2022.litopys"];
  private cancelled = false;
  /** Files exports wrote, so a second export to one of them needs force. */
  private writtenFiles = new Set<string>();
  private seq = 0;
  /** Classes the user set: article id → line start → class. */
  private blockChoices = new Map<string, Map<number, BlockClass>>();
  /** Delay of every call, in milliseconds. */
  latency = 15;
  private changeHandlers: ((e: LibraryChanged) => void)[] = [];

  /** Removals kept for Undo: removal number → the articles and their annotations. */
  private trash = new Map<number, { articles: Stored[]; annotations: Annotation[] }>();
  private removals = 0;

  /** `empty`: a new library with no articles (the welcome screen). */
  constructor(extra = 240, empty = false) {
    this.extra = extra;
    this.articles = [];
    if (empty) {
      this.libPath = "/home/analyst/Litopys/library.litopys";
      return;
    }
    this.fill();
    this.web = new MockCaptures((title, body, url) => this.addCaptured(title, body, url), this.articles[0] ?? null);
  }

  private addCaptured(title: string, body: string, url: string): string {
    const id = `w${(Date.now() + this.articles.length).toString(16).slice(-7)}`;
    const host = new URL(url).hostname;
    this.articles.push({
      id,
      title,
      source: host,
      url,
      author: null,
      published_at: null,
      language: "uk",
      body,
      tags: [],
      imported_at: new Date().toISOString(),
      origin: url,
    });
    return id;
  }

  async captureUrl(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void): Promise<CaptureOutcome> {
    await this.tick();
    return this.web.capture(url, insecure, onProgress);
  }
  async articleProvenance(id: string): Promise<Provenance> {
    await this.tick();
    return this.web.provenance(id);
  }
  async exportCaptureWarc(capture: number): Promise<number> {
    await this.tick();
    return this.web.exportWarc(capture);
  }
  async feedsList(): Promise<Feed[]> {
    await this.tick();
    return this.web.list();
  }
  async feedAdd(url: string): Promise<Feed> {
    await this.tick();
    return this.web.add(url);
  }
  async feedRemove(id: number): Promise<void> {
    await this.tick();
    this.web.remove(id);
  }
  async feedPollNow(): Promise<PollReport> {
    return this.web.poll();
  }
  async pollSchedule(): Promise<PollSchedule> {
    await this.tick();
    return this.web.schedule();
  }
  async setPollMinutes(minutes: number): Promise<PollSchedule> {
    await this.tick();
    return this.web.setMinutes(minutes);
  }

  private readonly extra: number;
  /** Captures and feeds (issue 18). */
  private web: MockCaptures = new MockCaptures(() => "", null);

  /** The sample articles with their tags and annotations. */
  private fill(): void {
    const extra = this.extra;
    const now = "2024-01-10T09:00:00Z";
    this.articles = [...SEED, ...stories.STORY_ARTICLES, ...fillerArticles(extra)].map((a) => ({
      ...a,
      tags: [...a.tags],
      imported_at: now,
      origin: `/home/analyst/scrapes/${a.source ?? "misc"}/${a.id}.html`,
    }));
    this.tagMeta.set("war", { color: "#e57373", description: "Війна" });
    this.tagMeta.set("war/diplomacy", { color: "#64b5f6", description: null });
    this.tagMeta.set("war/diplomacy/geneva", { color: "#4db6ac", description: "Женевський трек" });
    this.tagMeta.set("fact-check", { color: "#ffb74d", description: null });
    this.tagMeta.set("economy/energy", { color: "#9575cd", description: null });
    const first = this.articles[0];
    const quote = "черговий раунд переговорів";
    const at = Array.from(first.body.slice(0, first.body.indexOf(quote))).length;
    this.annotations.push(
      this.makeAnnotation(first, at, at + Array.from(quote).length, "Перевірити дату раунду", "#64b5f6", ["verify"]),
    );
    // Quotes that the (re-imported) texts no longer contain.
    this.annotations.push(
      this.orphan("c2e4f6a8", "понад 25 тисяч тонн пшениці", "Цифру виправили в новій версії — звірити з портом", "#f48fb1", ["verify"]),
      this.orphan("d5a7b9c1", "заяву опубліковано на офіційному сайті відомства", "Першоджерело зникло, є лише скриншот", "#64b5f6", []),
    );
  }

  private async tick() {
    await sleep(this.latency);
  }

  private find(id: string): Stored {
    const a = this.articles.find((x) => x.id === id || (id.length >= 4 && x.id.startsWith(id)));
    if (!a) throw new BackendError("not_found", `No article with id ${id}`);
    return a;
  }

  private toArticle(a: Stored): Article {
    return {
      id: a.id,
      title: a.title,
      source: a.source,
      url: a.url,
      author: a.author,
      published_at: a.published_at,
      language: a.language,
      imported_at: a.imported_at,
      origin: { path: a.origin, format: "html", encoding: "utf-8" },
      content_hash: `h${a.id}`,
      body: a.body,
    };
  }

  /** The article's blocks, with the classes the user set. */
  private blocksOf(a: Stored): Block[] {
    const chosen = this.blockChoices.get(a.id);
    return mockBlocks(a.body).map((b) => {
      const c = chosen?.get(b.start);
      return c ? { ...b, class: c, reason: "user" } : b;
    });
  }

  private storyOf(a: Stored): string {
    const chars = Array.from(a.body);
    return this.blocksOf(a)
      .filter((b) => b.class === "story")
      .map((b) => chars.slice(b.start, b.end).join(""))
      .join("\n");
  }

  private matchesTerm(a: Stored, t: Term, wholeText = false): boolean {
    const v = t.value.toLowerCase();
    switch (t.field) {
      case "title":
        return a.title.toLowerCase().includes(stem(v));
      case "source": {
        const s = (a.source ?? "").toLowerCase();
        return v.endsWith("*") ? s.startsWith(v.slice(0, -1)) : s === v || s.includes(v);
      }
      case "lang":
        return a.language === v;
      case "tag": {
        // Like the backend: tagged articles, and articles with a note carrying the tag.
        const base = v.replace(/\/\*$/, "");
        const under = (x: string) => x === base || x.startsWith(base + "/");
        return a.tags.some(under) || this.annotations.some((n) => n.article === a.id && n.tags.some(under));
      }
      case "note":
        return this.annotations.some((n) => n.article === a.id && n.note.toLowerCase().includes(stem(v)));
      case "has":
        if (v.startsWith("tag")) return a.tags.length > 0;
        if (v === "orphan") return this.annotations.some((n) => n.article === a.id && n.orphaned);
        return this.annotations.some((n) => n.article === a.id);
      case "after":
        return (a.published_at ?? "") >= v;
      case "before":
        return !!a.published_at && a.published_at < v;
      case "date": {
        const [from, to] = v.includes("..") ? v.split("..") : [v, v];
        const d = a.published_at ?? "";
        if (!d) return false;
        if (from && d.slice(0, from.length) < from) return false;
        if (to && d.slice(0, to.length) > to) return false;
        return true;
      }
      default: {
        const s = stem(v);
        const text = wholeText ? a.body : this.storyOf(a);
        return plain(a.title).toLowerCase().includes(s) || plain(text).toLowerCase().includes(s);
      }
    }
  }

  private matching(query: string): { list: Stored[]; stems: string[]; wholeText: boolean } {
    const p = parse(query);
    const list = this.articles.filter(
      (a) =>
        p.all.every((t) => this.matchesTerm(a, t, p.wholeText) !== t.neg) &&
        (p.any.length === 0 || p.any.some((t) => this.matchesTerm(a, t, p.wholeText))),
    );
    const stems = [...p.all, ...p.any]
      .filter((t) => !t.neg && (!t.field || t.field === "title"))
      .map((t) => stem(t.value));
    return { list, stems, wholeText: p.wholeText };
  }

  private hitWords(text: string, stems: string[]): Word[] {
    if (stems.length === 0) return [];
    return words(text).filter((w) => stems.some((s) => plain(w.text).toLowerCase().startsWith(s)));
  }

  /** Around the first hit, in the text that was searched (the story unless `in:all`). */
  private snippet(a: Stored, stems: string[], wholeText: boolean): string {
    const chars = Array.from((wholeText ? a.body : this.storyOf(a)).replace(/\s+/g, " "));
    const text = chars.join("");
    const hits = this.hitWords(text, stems);
    const from = hits.length > 0 ? Math.max(0, hits[0].start - 60) : 0;
    const to = Math.min(chars.length, from + 180);
    let out = "";
    let pos = from;
    for (const h of hits) {
      if (h.start < from || h.end > to) continue;
      out += chars.slice(pos, h.start).join("") + "[[" + h.text + "]]";
      pos = h.end;
    }
    out += chars.slice(pos, to).join("");
    return (from > 0 ? "…" : "") + out + (to < chars.length ? "…" : "");
  }

  private toHit(a: Stored, stems: string[], score: number | null, wholeText = false): SearchHit {
    return {
      id: a.id,
      title: a.title,
      source: a.source,
      published_at: a.published_at,
      language: a.language,
      snippet: this.snippet(a, stems, wholeText),
      score,
      tags: [...a.tags].sort(),
    };
  }

  async libraryInfo(): Promise<LibraryInfo> {
    await this.tick();
    const stats = {
      articles: this.articles.length,
      by_source: {} as Record<string, number>,
      by_language: {} as Record<string, number>,
      by_year: {} as Record<string, number>,
    };
    for (const a of this.articles) {
      const s = a.source ?? "unknown";
      stats.by_source[s] = (stats.by_source[s] ?? 0) + 1;
      stats.by_language[a.language] = (stats.by_language[a.language] ?? 0) + 1;
      const y = a.published_at?.slice(0, 4) ?? "unknown";
      stats.by_year[y] = (stats.by_year[y] ?? 0) + 1;
    }
    return { path: this.libPath, stats, recent: [...this.recent] };
  }

  async openLibrary(path: string): Promise<LibraryInfo> {
    if (!path.trim()) throw new BackendError("invalid_input", "The library path is empty.");
    this.libPath = path.trim();
    this.recent = [this.libPath, ...this.recent.filter((p) => p !== this.libPath)].slice(0, 8);
    return this.libraryInfo();
  }

  async search(query: string, sort: Sort, limit: number, offset: number): Promise<SearchResults> {
    await this.tick();
    const { list, stems, wholeText } = this.matching(query);
    const scored = list.map((a) => ({ a, score: stems.length ? this.hitWords(a.title + " " + a.body, stems).length : 0 }));
    scored.sort((x, y) => {
      const dx = x.a.published_at ?? "";
      const dy = y.a.published_at ?? "";
      if (sort === "oldest") return dx.localeCompare(dy);
      if (sort === "story-size") {
        // The recorded stories' sizes; a story's members together, earliest first.
        const [sx, sy] = [stories.articleStory(x.a.id), stories.articleStory(y.a.id)];
        const by = (sy?.size ?? 0) - (sx?.size ?? 0) || (sx?.id ?? "").localeCompare(sy?.id ?? "");
        return by || (sx ? dx.localeCompare(dy) : dy.localeCompare(dx));
      }
      if (sort === "relevance" && y.score !== x.score) return y.score - x.score;
      return dy.localeCompare(dx);
    });
    const facets = { source: {}, language: {}, year: {}, month: {}, tag: {}, story: {} } as SearchResults["facets"];
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    for (const a of list) {
      bump(facets.source, a.source ?? "unknown");
      bump(facets.language, a.language);
      bump(facets.year, a.published_at?.slice(0, 4) ?? "unknown");
      bump(facets.month, a.published_at?.slice(0, 7) ?? "unknown");
      for (const t of a.tags) bump(facets.tag, t);
    }
    return {
      total: list.length,
      hits: scored
        .slice(offset, offset + limit)
        .map(({ a, score }) => this.toHit(a, stems, sort === "relevance" && stems.length ? score : null, wholeText)),
      facets,
    };
  }

  async searchWithTimeline(query: string, sort: Sort, limit: number, bucket: Bucket): Promise<SearchPage> {
    const [results, timeline] = await Promise.all([this.search(query, sort, limit, 0), this.histogram(query, bucket)]);
    return { results, timeline };
  }

  async histogram(query: string, bucket: Bucket): Promise<Histogram> {
    await this.tick();
    const { list } = this.matching(query);
    const counts = new Map<string, number>();
    let undated = 0;
    for (const a of list) {
      const d = a.published_at;
      if (!d) {
        undated++;
        continue;
      }
      let p: string;
      if (bucket === "day") p = d.slice(0, 10);
      else if (bucket === "month") p = d.slice(0, 7);
      else if (bucket === "year") p = d.slice(0, 4);
      else {
        const t = new Date(d.slice(0, 10) + "T00:00:00Z");
        const back = (t.getUTCDay() + 6) % 7;
        p = new Date(t.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      }
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    return { buckets: [...counts.entries()].sort((x, y) => x[0].localeCompare(y[0])), undated };
  }

  async article(id: string, query: string): Promise<ArticleDetail> {
    await this.tick();
    const a = this.find(id);
    let stems: string[];
    try {
      stems = this.matching(query).stems;
    } catch {
      stems = [];
    }
    const highlights: CodeSpan[] = this.hitWords(a.body, stems).map((w) => ({ start: w.start, end: w.end }));
    return {
      article: this.toArticle(a),
      tags: [...a.tags].sort(),
      annotations: this.annotations.filter((n) => n.article === a.id).map((n) => ({ ...n })),
      highlights,
      mixed_script: mixedScriptSpans(a.body),
      blocks: this.blocksOf(a),
    };
  }

  async setBlockClass(id: string, start: number, to: BlockClass | null): Promise<Block[]> {
    await this.tick();
    const a = this.find(id);
    if (!mockBlocks(a.body).some((b) => b.start === start))
      throw new BackendError("invalid_input", `article ${id} has no block starting at ${start}`);
    const chosen = this.blockChoices.get(a.id) ?? new Map<number, BlockClass>();
    if (to) chosen.set(start, to);
    else chosen.delete(start);
    this.blockChoices.set(a.id, chosen);
    return this.blocksOf(a);
  }

  async articleStory(id: string): Promise<ArticleStory | null> {
    await this.tick();
    return stories.articleStory(this.find(id).id);
  }

  async hitStories(ids: string[]): Promise<(ArticleStory | null)[]> {
    await this.tick();
    return ids.map((id) => stories.articleStory(id));
  }

  async storyDetail(storyId: string): Promise<StoryDetail> {
    await this.tick();
    return stories.storyDetail(storyId);
  }

  async storyPair(a: string, b: string): Promise<PairAlignment> {
    await this.tick();
    return stories.storyPair(this.find(a).id, this.find(b).id);
  }

  async similar(id: string, limit: number): Promise<SearchHit[]> {
    await this.tick();
    const a = this.find(id);
    const own = new Set(words(a.title).map((w) => stem(w.text)).filter((s) => Array.from(s).length > 3));
    return this.articles
      .filter((b) => b.id !== a.id)
      .map((b) => ({
        b,
        score:
          b.tags.filter((t) => a.tags.includes(t)).length * 3 +
          words(b.title).filter((w) => own.has(stem(w.text))).length +
          (b.language === a.language ? 0.5 : 0),
      }))
      .filter((x) => x.score >= 1)
      .sort((x, y) => y.score - x.score)
      .slice(0, limit)
      .map(({ b, score }) => this.toHit(b, [], score));
  }

  async updateMetadata(id: string, edit: MetadataEdit): Promise<Article> {
    await this.tick();
    const a = this.find(id);
    const apply = (v: string | null | undefined, cur: string | null) =>
      v === undefined || v === null ? cur : v === "" ? null : v;
    if (edit.title !== undefined && edit.title !== null) {
      if (!edit.title.trim()) throw new BackendError("invalid_input", "The title cannot be empty.");
      a.title = edit.title;
    }
    if (edit.published_at && !/^\d{4}(-\d{2}(-\d{2})?)?/.test(edit.published_at))
      throw new BackendError("invalid_input", `Not a date: “${edit.published_at}”`);
    a.source = apply(edit.source, a.source);
    a.url = apply(edit.url, a.url);
    a.author = apply(edit.author, a.author);
    a.published_at = apply(edit.published_at, a.published_at);
    if (edit.language) a.language = edit.language;
    return this.toArticle(a);
  }

  async tags(): Promise<Tag[]> {
    await this.tick();
    const names = new Set<string>(this.tagMeta.keys());
    for (const a of this.articles) for (const t of a.tags) names.add(t);
    for (const n of this.annotations) for (const t of n.tags) names.add(t);
    return [...names].sort().map((name) => ({
      name,
      count: this.articles.filter((a) => a.tags.includes(name)).length,
      annotations: this.annotations.filter((n) => n.tags.includes(name)).length,
      color: this.tagMeta.get(name)?.color ?? null,
      description: this.tagMeta.get(name)?.description ?? null,
    }));
  }

  private checkTag(tag: string): string {
    const t = tag.trim().replace(/^\/+|\/+$/g, "");
    if (!t) throw new BackendError("invalid_input", "The tag name is empty.");
    if (/\s/.test(t)) throw new BackendError("invalid_input", `Tag names cannot contain spaces: “${t}”`);
    return t;
  }

  async tagArticles(tag: string, ids: string[]): Promise<TagChange> {
    await this.tick();
    const t = this.checkTag(tag);
    const changed: string[] = [];
    for (const id of ids) {
      const a = this.find(id);
      if (!a.tags.includes(t)) {
        a.tags.push(t);
        changed.push(a.id);
      }
    }
    return { tag: t, articles: changed };
  }

  async untagArticles(tag: string, ids: string[]): Promise<TagChange> {
    await this.tick();
    const changed: string[] = [];
    for (const id of ids) {
      const a = this.find(id);
      if (a.tags.includes(tag)) {
        a.tags = a.tags.filter((x) => x !== tag);
        changed.push(a.id);
      }
    }
    return { tag, articles: changed };
  }

  async tagQuery(tag: string, query: string, remove: boolean): Promise<TagChange> {
    const ids = this.matching(query).list.map((a) => a.id);
    return remove ? this.untagArticles(tag, ids) : this.tagArticles(tag, ids);
  }

  private under(name: string, t: string) {
    return t === name || t.startsWith(name + "/");
  }

  async tagImpact(name: string): Promise<TagImpact> {
    await this.tick();
    const all = new Set<string>(this.tagMeta.keys());
    for (const a of this.articles) for (const t of a.tags) all.add(t);
    return {
      name,
      articles: this.articles.filter((a) => a.tags.some((t) => this.under(name, t))).length,
      subtags: [...all].filter((t) => t.startsWith(name + "/")).sort(),
      annotations: this.annotations.filter((n) => n.tags.some((t) => this.under(name, t))).length,
    };
  }

  private moveTag(from: string, to: string) {
    const map = (t: string) => (this.under(from, t) ? to + t.slice(from.length) : t);
    for (const a of this.articles) a.tags = [...new Set(a.tags.map(map))];
    for (const n of this.annotations) n.tags = [...new Set(n.tags.map(map))];
    for (const [k, v] of [...this.tagMeta]) {
      if (this.under(from, k)) {
        this.tagMeta.delete(k);
        if (!this.tagMeta.has(map(k))) this.tagMeta.set(map(k), v);
      }
    }
  }

  async renameTag(from: string, to: string): Promise<void> {
    await this.tick();
    const t = this.checkTag(to);
    const exists = this.articles.some((a) => a.tags.includes(t)) || this.tagMeta.has(t);
    if (exists) throw new BackendError("conflict", `A tag named “${t}” already exists; merge instead.`);
    this.moveTag(from, t);
  }

  async mergeTags(from: string, into: string): Promise<void> {
    await this.tick();
    this.moveTag(from, this.checkTag(into));
  }

  async deleteTag(name: string): Promise<TagImpact> {
    const impact = await this.tagImpact(name);
    for (const a of this.articles) a.tags = a.tags.filter((t) => !this.under(name, t));
    for (const n of this.annotations) n.tags = n.tags.filter((t) => !this.under(name, t));
    for (const k of [...this.tagMeta.keys()]) if (this.under(name, k)) this.tagMeta.delete(k);
    return impact;
  }

  async setTag(name: string, color: string | null, description: string | null): Promise<void> {
    await this.tick();
    const t = this.checkTag(name);
    const cur = this.tagMeta.get(t) ?? { color: null, description: null };
    if (color !== null) cur.color = color === "" ? null : color;
    if (description !== null) cur.description = description === "" ? null : description;
    this.tagMeta.set(t, cur);
  }

  private makeAnnotation(
    a: Stored,
    start: number | null,
    end: number | null,
    note: string,
    color: string | null,
    tags: string[],
  ): Annotation {
    const chars = Array.from(a.body);
    const now = new Date().toISOString();
    const span = start !== null && end !== null;
    return {
      id: `n${++this.seq}${Date.now().toString(36)}`,
      article: a.id,
      start,
      end,
      exact: span ? chars.slice(start, end).join("") : null,
      prefix: span ? chars.slice(Math.max(0, start - 32), start).join("") : null,
      suffix: span ? chars.slice(end, end + 32).join("") : null,
      note,
      color,
      tags,
      orphaned: false,
      created_at: now,
      updated_at: now,
    };
  }

  /** An annotation whose quote is not in the article's text. */
  private orphan(article: string, exact: string, note: string, color: string, tags: string[]): Annotation {
    const a = this.find(article);
    return { ...this.makeAnnotation(a, null, null, note, color, tags), exact, prefix: "", suffix: "", orphaned: true };
  }

  async annotate(article: string, target: Target, note: string, color: string | null, tags: string[]): Promise<Annotation> {
    await this.tick();
    const a = this.find(article);
    const chars = Array.from(a.body);
    let start: number | null = null;
    let end: number | null = null;
    if (target.kind === "span") {
      if (target.start < 0 || target.end > chars.length || target.end <= target.start)
        throw new BackendError("invalid_input", `Span ${target.start}..${target.end} is outside the text.`);
      start = target.start;
      end = target.end;
    } else if (target.kind === "quote") {
      let from = 0;
      for (let i = 0; i < target.occurrence; i++) {
        const at = a.body.indexOf(target.text, from);
        if (at < 0) throw new BackendError("not_found", `Quote not found: “${target.text}”`);
        from = at + 1;
        start = Array.from(a.body.slice(0, at)).length;
      }
      end = (start ?? 0) + Array.from(target.text).length;
    }
    const ann = this.makeAnnotation(a, start, end, note, color, tags.map((t) => this.checkTag(t)));
    this.annotations.push(ann);
    return { ...ann };
  }

  async updateAnnotation(id: string, note: string | null, color: string | null, tags: string[] | null): Promise<Annotation> {
    await this.tick();
    const n = this.annotations.find((x) => x.id === id);
    if (!n) throw new BackendError("not_found", `No annotation with id ${id}`);
    if (note !== null) n.note = note;
    if (color !== null) n.color = color === "" ? null : color;
    if (tags !== null) n.tags = [...new Set(tags.map((t) => this.checkTag(t)))];
    n.updated_at = new Date().toISOString();
    return { ...n, tags: [...n.tags] };
  }

  async deleteAnnotation(id: string): Promise<void> {
    await this.tick();
    this.annotations = this.annotations.filter((n) => n.id !== id);
  }

  async deleteArticles(ids: string[]): Promise<RemovalReport> {
    await this.tick();
    if (ids.length === 0) throw new BackendError("invalid_input", "no article ids given");
    return this.remove(ids.map((id) => this.find(id)));
  }

  async deleteQuery(query: string): Promise<RemovalReport> {
    await this.tick();
    if (!query.trim())
      throw new BackendError(
        "invalid_input",
        "the query is empty; to remove every article, give a query that finds them all",
      );
    return this.remove(this.matching(query).list);
  }

  private remove(chosen: Stored[]): RemovalReport {
    if (chosen.length === 0) return { removed: 0, annotations: 0, removal: null, ids: [] };
    const gone = new Set(chosen.map((a) => a.id));
    const notes = this.annotations.filter((n) => gone.has(n.article));
    const removal = ++this.removals;
    this.trash.set(removal, { articles: chosen, annotations: notes });
    this.articles = this.articles.filter((a) => !gone.has(a.id));
    this.annotations = this.annotations.filter((n) => !gone.has(n.article));
    return { removed: chosen.length, annotations: notes.length, removal, ids: [...gone] };
  }

  async restoreArticles(removal: number): Promise<RestoreReport> {
    await this.tick();
    const kept = this.trash.get(removal);
    if (!kept) throw new BackendError("not_found", `no removal ${removal} in the trash`);
    this.trash.delete(removal);
    const there = new Set(this.articles.map((a) => a.id));
    const back = kept.articles.filter((a) => !there.has(a.id));
    this.articles = [...this.articles, ...back];
    this.annotations = [...this.annotations, ...kept.annotations];
    return {
      restored: back.length,
      already_there: kept.articles.length - back.length,
      annotations: kept.annotations.length,
      failed: [],
    };
  }

  async openDemoLibrary(): Promise<LibraryInfo> {
    const path = "/home/analyst/Litopys/demo.litopys";
    if (this.articles.length === 0 && this.trash.size === 0) {
      this.annotations = [];
      this.fill();
    }
    return this.openLibrary(path);
  }

  /** A team of two (ann and bob) that is in sync, as the demo shows it. */
  team: TeamLine = {
    joined: true,
    state: "synced",
    message: "0 change(s) moved",
    member: "ann",
    pending: 0,
    last_synced: "2026-12-05T09:00:00Z",
  };

  async teamStatus(): Promise<TeamLine> {
    return { ...this.team };
  }

  async teamSyncNow(): Promise<TeamLine> {
    this.team = { ...this.team, state: "synced", last_synced: new Date().toISOString().slice(0, 19) + "Z" };
    return { ...this.team };
  }

  /** Notes alternate between the two members, so the reader shows both. */
  async annotationAuthors(article: string): Promise<AnnotationAuthor[]> {
    return this.annotations
      .filter((n) => n.article === article)
      .map((n, i) => ({ annotation: n.id, member: i % 2 === 0 ? "ann" : "bob" }));
  }

  async orphanedAnnotations(): Promise<Annotation[]> {
    await this.tick();
    return this.annotations.filter((n) => n.orphaned).map((n) => ({ ...n, tags: [...n.tags] }));
  }

  async savedSearches(): Promise<SavedSearch[]> {
    await this.tick();
    return this.saved.map((s) => ({ ...s }));
  }

  async saveSearch(name: string, query: string): Promise<void> {
    await this.tick();
    if (!name.trim()) throw new BackendError("invalid_input", "The name is empty.");
    this.matching(query);
    this.saved = [...this.saved.filter((s) => s.name !== name), { name: name.trim(), query }];
  }

  async deleteSavedSearch(name: string): Promise<void> {
    await this.tick();
    this.saved = this.saved.filter((s) => s.name !== name);
  }

  onLibraryChanged(handler: (e: LibraryChanged) => void): void {
    this.changeHandlers.push(handler);
  }

  /** Another program (the CLI, a script) imports into the library; the window is told. */
  externalImport(titles: string[]): void {
    for (const title of titles) {
      this.articles.push({
        id: `x${(++this.seq).toString(16).padStart(7, "0")}`,
        title,
        source: "cli.local",
        url: null,
        author: null,
        published_at: "2024-02-01T08:00:00Z",
        language: "uk",
        body: `${title}. Статтю додано з командного рядка.`,
        tags: [],
        imported_at: new Date().toISOString(),
        origin: "/home/analyst/cli-import.jsonl",
      });
    }
    const e: LibraryChanged = { articles: this.articles.length, task_running: false };
    for (const h of this.changeHandlers) h(e);
  }

  async importFiles(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
    this.cancelled = false;
    const files: string[] = [];
    for (const p of paths.map((x) => x.trim()).filter(Boolean)) {
      const last = p.split("/").pop() ?? p;
      if (p.endsWith("/") || !last.includes(".")) {
        for (let i = 1; i <= 4; i++) files.push(`${p.replace(/\/$/, "")}/article-${i}.html`);
      } else files.push(p);
    }
    if (files.length === 0) throw new BackendError("invalid_input", "Nothing to import: no paths given.");
    onProgress({ kind: "planned", files: files.length });
    const summary: ImportSummary = { imported: 0, duplicates: 0, failed: 0, cancelled: false, failures: [], warnings: [], bundles: [] };
    for (const [index, path] of files.entries()) {
      if (this.cancelled) {
        summary.cancelled = true;
        break;
      }
      onProgress({ kind: "file", index, path });
      await sleep(120);
      const name = path.split("/").pop() ?? path;
      if (/\.(pdf|exe|docx)$/i.test(name) || name.includes("bad")) {
        summary.failed++;
        summary.failures.push({
          path,
          status: "failed",
          error: name.includes("bad") ? "could not decode the file as UTF-8, Windows-1251 or KOI8-R" : `unsupported format: .${name.split(".").pop()}`,
        });
      } else if (name.includes("dup")) {
        summary.duplicates++;
      } else {
        summary.imported++;
        const id = `i${(Date.now() + index).toString(16).slice(-7)}`;
        this.articles.push({
          id,
          title: `Імпортована стаття: ${name}`,
          source: "imported.local",
          url: null,
          author: null,
          published_at: null,
          language: "uk",
          body: `Текст статті з файлу ${path}.`,
          tags: [],
          imported_at: new Date().toISOString(),
          origin: path,
        });
      }
      onProgress({ kind: "counts", imported: summary.imported, duplicates: summary.duplicates, failed: summary.failed });
    }
    return summary;
  }

  private selectionIds(selection: Selection): string[] {
    if (selection.kind === "ids") return selection.value.map((id) => this.find(id).id);
    if (selection.kind === "query") return this.matching(selection.value).list.map((a) => a.id);
    const expr = selection.value.trim();
    if (!expr) throw new BackendError("invalid_input", "The tag expression is empty.");
    const ors = expr.split(/\s+OR\s+/);
    return this.articles
      .filter((a) =>
        ors.some((part) =>
          part.split(/\s+/).every((w) => {
            const neg = w.startsWith("-");
            const t = { neg: false, field: "tag", value: neg ? w.slice(1) : w };
            return this.matchesTerm(a, t) !== neg;
          }),
        ),
      )
      .map((a) => a.id);
  }

  async exportSet(
    selection: Selection,
    format: Format,
    output: string,
    options: ExportOptions,
    onProgress: (p: ExportProgress) => void,
  ): Promise<ExportTotals> {
    this.cancelled = false;
    if (!output.trim()) throw new BackendError("invalid_input", "Choose where to write the export.");
    // As the core does: an existing file needs force, an empty selection writes nothing.
    if (this.writtenFiles.has(output) && !options.force)
      throw new BackendError("file_exists", `${output} already exists; choose another name, or confirm replacing it (--force)`);
    const ids = this.selectionIds(selection);
    if (ids.length === 0) throw new BackendError("empty_selection", "nothing to export: the selection selects no articles");
    let done = 0;
    let bytes = 0;
    for (const id of ids) {
      if (this.cancelled) break;
      const a = this.find(id);
      bytes += new TextEncoder().encode(JSON.stringify(this.toArticle(a))).length;
      done++;
      if (done % 5 === 0 || done === ids.length) {
        onProgress({ done, total: ids.length });
        await sleep(40);
      }
    }
    const files = [output];
    if (format === "csv") files.push(output.replace(/\.csv$/i, "") + ".annotations.csv");
    if (!this.cancelled) for (const f of files) this.writtenFiles.add(f);
    const want = { jsonl: "jsonl", csv: "csv", markdown: "md", html: "html", w3c: "jsonld", "refi-qda": "qdpx", zip: "zip" }[format];
    const typed = /\.([a-z0-9]+)$/i.exec(output)?.[1]?.toLowerCase();
    const note = typed === want ? null : `${output.split("/").pop()} was written as ${format}; such files usually end in .${want}`;
    return {
      articles: done,
      annotations: this.annotations.filter((n) => ids.slice(0, done).includes(n.article)).length,
      bytes,
      cancelled: this.cancelled,
      files,
      note,
    };
  }

  async cancelTask(): Promise<void> {
    this.cancelled = true;
  }

  async choosePaths(folders: boolean): Promise<string[] | null> {
    return folders ? ["/home/analyst/scrapes/new-batch/"] : ["/home/analyst/scrapes/a.html", "/home/analyst/scrapes/b.pdf"];
  }

  async chooseSavePath(defaultName: string): Promise<string | null> {
    return `/home/analyst/Exports/${defaultName}`;
  }

  async revealInFolder(): Promise<void> {
    // Nothing to show in a browser.
  }

  /** Links "opened in the browser", in order (UI tests read them). */
  readonly openedUrls: string[] = [];

  async openUrl(url: string): Promise<void> {
    // As the app's opener permission: http and https only.
    if (!/^https?:\/\//i.test(url)) throw new BackendError("open_failed", `Not allowed to open ${url}`);
    this.openedUrls.push(url);
  }
}
