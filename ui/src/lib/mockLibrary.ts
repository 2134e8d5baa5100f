// The mock's library: the stored articles, tags' colours, annotations and the
// trash, made from the seed articles; the article basics the other parts share.
import {
  BackendError,
  type Annotation,
  type Article,
  type BlockClass,
  type LibraryInfo,
} from "./api";
import { FILLERS, SEED, SEED_ANNOTATIONS, seedId, type SeedArticle } from "./mockData";
import * as stories from "./mockStories";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Stored extends SeedArticle {
  imported_at: string;
  origin: string;
}

export class MockLibrary {
  protected articles: Stored[] = [];
  protected tagMeta = new Map<string, { color: string | null; description: string | null }>();
  protected annotations: Annotation[] = [];
  protected libPath = "/home/analyst/Litopys/demo.litopys";
  protected recent = ["/home/analyst/Litopys/demo.litopys", "/home/analyst/Litopys/archive-2022.litopys"];
  protected seq = 0;
  /** Classes the user set: article id → line start → class. */
  protected blockChoices = new Map<string, Map<number, BlockClass>>();
  /** Delay of every call, in milliseconds. */
  latency = 15;
  /** Removals kept for Undo: removal number → the articles and their annotations. */
  protected trash = new Map<number, { articles: Stored[]; annotations: Annotation[] }>();
  protected removals = 0;
  /** Each recorded article's tags in the seed (what `stateChanges` compares with). */
  protected readonly seedTags = new Map<string, string[]>(
    [...SEED, ...stories.STORY_ARTICLES, ...FILLERS].map((a) => [a.id, [...a.tags]]),
  );

  /** `empty`: a new library with no articles (the welcome screen). */
  constructor(empty = false) {
    this.articles = [];
    if (empty) {
      this.libPath = "/home/analyst/Litopys/library.litopys";
      return;
    }
    this.fill();
  }

  /** The sample articles with their tags and annotations. */
  protected fill(): void {
    const now = "2024-01-10T09:00:00Z";
    this.articles = [...SEED, ...stories.STORY_ARTICLES, ...FILLERS].map((a) => ({
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
    for (const n of SEED_ANNOTATIONS) {
      const a = this.find(seedId(n.article));
      if (n.orphan !== undefined) {
        // A quote that the (re-imported) text no longer contains.
        this.annotations.push(this.orphan(a.id, n.orphan, n.note, n.color, n.tags));
        continue;
      }
      const quote = n.quote ?? "";
      const at = Array.from(a.body.slice(0, a.body.indexOf(quote))).length;
      this.annotations.push(this.makeAnnotation(a, at, at + Array.from(quote).length, n.note, n.color, n.tags));
    }
  }

  protected async tick() {
    await sleep(this.latency);
  }

  protected find(id: string): Stored {
    const a = this.articles.find((x) => x.id === id || (id.length >= 4 && x.id.startsWith(id)));
    if (!a) throw new BackendError("not_found", `No article with id ${id}`);
    return a;
  }

  protected toArticle(a: Stored): Article {
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

  protected makeAnnotation(
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
  protected orphan(article: string, exact: string, note: string, color: string, tags: string[]): Annotation {
    const a = this.find(article);
    return { ...this.makeAnnotation(a, null, null, note, color, tags), exact, prefix: "", suffix: "", orphaned: true };
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

  async openDemoLibrary(): Promise<LibraryInfo> {
    const path = "/home/analyst/Litopys/demo.litopys";
    if (this.articles.length === 0 && this.trash.size === 0) {
      this.annotations = [];
      this.fill();
    }
    return this.openLibrary(path);
  }
}
