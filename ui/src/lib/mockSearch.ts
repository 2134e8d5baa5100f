// The mock's search: a rough substring search over the stored articles with
// the query language's fields, facets, timeline, highlights, similar articles
// and saved searches.
import {
  BackendError,
  type ArticleDetail,
  type Bucket,
  type Histogram,
  type SavedSearch,
  type SearchHit,
  type SearchPage,
  type SearchResults,
  type Sort,
} from "./api";
import type { CodeSpan } from "./codeSpan";
import { MockLibrary, type Stored } from "./mockLibrary";
import { parse, plain, stem, words, type Term, type Word } from "./mockQuery";
import * as stories from "./mockStories";
import { mixedScriptSpans } from "./text";

export class MockSearch extends MockLibrary {
  protected saved: SavedSearch[] = [
    { name: "Женева", query: "Женев* OR Geneva" },
    { name: "Фактчек", query: "tag:fact-check" },
  ];

  protected matchesTerm(a: Stored, t: Term, wholeText = false): boolean {
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

  protected matching(query: string): { list: Stored[]; stems: string[]; wholeText: boolean } {
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

  protected hitWords(text: string, stems: string[]): Word[] {
    if (stems.length === 0) return [];
    return words(text).filter((w) => stems.some((s) => plain(w.text).toLowerCase().startsWith(s)));
  }

  /** Around the first hit, in the text that was searched (the story unless `in:all`), with its marks. */
  protected snippet(a: Stored, stems: string[], wholeText: boolean): { snippet: string; marks: CodeSpan[] } {
    const chars = Array.from((wholeText ? a.body : this.storyOf(a)).replace(/\s+/g, " "));
    const text = chars.join("");
    const hits = this.hitWords(text, stems);
    const from = hits.length > 0 ? Math.max(0, hits[0].start - 60) : 0;
    const to = Math.min(chars.length, from + 180);
    let out = from > 0 ? "…" : "";
    let length = Array.from(out).length;
    const marks: CodeSpan[] = [];
    let pos = from;
    for (const h of hits) {
      if (h.start < from || h.end > to) continue;
      const before = chars.slice(pos, h.start);
      const word = chars.slice(h.start, h.end);
      out += before.join("") + word.join("");
      marks.push({ start: length + before.length, end: length + before.length + word.length });
      length += before.length + word.length;
      pos = h.end;
    }
    out += chars.slice(pos, to).join("");
    return { snippet: out + (to < chars.length ? "…" : ""), marks };
  }

  protected toHit(a: Stored, stems: string[], score: number | null, wholeText = false): SearchHit {
    return {
      id: a.id,
      title: a.title,
      source: a.source,
      published_at: a.published_at,
      language: a.language,
      ...this.snippet(a, stems, wholeText),
      score,
      tags: [...a.tags].sort(),
    };
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
}
