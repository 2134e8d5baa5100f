// The mock's search and reading: the real core's recorded answers replayed
// (mockReplay.ts says how, and how the mock's own changes show in them), and
// saved searches.
import {
  BackendError,
  type ArticleDetail,
  type Block,
  type BlockClass,
  type Bucket,
  type Histogram,
  type SavedSearch,
  type SearchHit,
  type SearchPage,
  type SearchResults,
  type Sort,
  type WordForms,
} from "./api";
import { MockLibrary, type Stored } from "./mockLibrary";
import * as replay from "./mockReplay";

export class MockSearch extends MockLibrary {
  protected saved: SavedSearch[] = [
    { name: "Женева", query: "Женев* OR Geneva" },
    { name: "Фактчек", query: "tag:fact-check" },
  ];

  /**
   * The mock's changes from the seed, named as the recorder names its
   * scripted states: tags added or taken off, articles added, line classes set.
   */
  protected stateChanges(): string[] {
    const out: string[] = [];
    for (const a of this.articles) {
      const before = this.seedTags.get(a.id);
      if (!before) {
        out.push(`+article ${a.id}`);
        continue;
      }
      for (const t of a.tags) if (!before.includes(t)) out.push(`+tag ${a.id} ${t}`);
      for (const t of before) if (!a.tags.includes(t)) out.push(`-tag ${a.id} ${t}`);
    }
    for (const [id, chosen] of this.blockChoices) for (const [start, c] of chosen) out.push(`block ${id} ${start} ${c}`);
    return out;
  }

  /** A recorded hit as the store stands: the article's current metadata and tags. */
  protected current(h: SearchHit, a: Stored): SearchHit {
    return { ...h, title: a.title, source: a.source, published_at: a.published_at, language: a.language, tags: [...a.tags].sort() };
  }

  /** The recorded answer to `query`, without the articles no longer stored. */
  protected replayed(query: string): replay.Page {
    const page = replay.searchPage(query, this.stateChanges());
    const stored = new Map(this.articles.map((a) => [a.id, a]));
    const hits = page.results.hits.filter((h) => stored.has(h.id)).map((h) => this.current(h, stored.get(h.id)!));
    const tag: Record<string, number> = {};
    for (const h of hits) for (const t of h.tags) tag[t] = (tag[t] ?? 0) + 1;
    return { results: { ...page.results, total: hits.length, hits, facets: { ...page.results.facets, tag } }, timeline: page.timeline };
  }

  /** The stored articles `query` finds, as the core found them. */
  protected matching(query: string): Stored[] {
    return this.replayed(query).results.hits.map((h) => this.find(h.id));
  }

  async search(query: string, sort: Sort, limit: number, offset: number): Promise<SearchResults> {
    await this.tick();
    if (sort !== "relevance") throw new BackendError("internal", `not recorded: sort ${sort}; add it to src-tauri/src/search_fixture.rs`);
    const { results } = this.replayed(query);
    return { ...results, hits: results.hits.slice(offset, offset + limit) };
  }

  async searchWithTimeline(query: string, sort: Sort, limit: number, bucket: Bucket): Promise<SearchPage> {
    const [results, timeline] = await Promise.all([this.search(query, sort, limit, 0), this.histogram(query, bucket)]);
    return { results, timeline };
  }

  async histogram(query: string, bucket: Bucket): Promise<Histogram> {
    await this.tick();
    if (bucket !== "month") throw new BackendError("internal", `not recorded: a timeline by ${bucket}; add it to src-tauri/src/search_fixture.rs`);
    return this.replayed(query).timeline;
  }

  async wordForms(query: string): Promise<WordForms[]> {
    await this.tick();
    return replay.wordForms(query, this.stateChanges());
  }

  async article(id: string, query: string): Promise<ArticleDetail> {
    await this.tick();
    const a = this.find(id);
    const changes = this.stateChanges();
    const { blocks, mixed_script } = replay.reader(a.id, this.blockChoices.has(a.id), changes);
    return {
      article: this.toArticle(a),
      tags: [...a.tags].sort(),
      annotations: this.annotations.filter((n) => n.article === a.id).map((n) => ({ ...n })),
      highlights: replay.highlights(a.id, query, changes),
      mixed_script,
      blocks,
    };
  }

  async similar(id: string, limit: number): Promise<SearchHit[]> {
    await this.tick();
    const a = this.find(id);
    const stored = new Map(this.articles.map((x) => [x.id, x]));
    return replay
      .similar(a.id, limit)
      .filter((h) => stored.has(h.id))
      .map((h) => this.current(h, stored.get(h.id)!));
  }

  async setBlockClass(id: string, start: number, to: BlockClass | null): Promise<Block[]> {
    await this.tick();
    const a = this.find(id);
    if (!replay.seedBlocks(a.id).some((b) => b.start === start))
      throw new BackendError("invalid_input", `article ${id} has no block starting at ${start}`);
    const chosen = this.blockChoices.get(a.id) ?? new Map<number, BlockClass>();
    if (to) chosen.set(start, to);
    else chosen.delete(start);
    if (chosen.size > 0) this.blockChoices.set(a.id, chosen);
    else this.blockChoices.delete(a.id);
    return replay.reader(a.id, chosen.size > 0, this.stateChanges()).blocks;
  }

  async savedSearches(): Promise<SavedSearch[]> {
    await this.tick();
    return this.saved.map((s) => ({ ...s }));
  }

  async saveSearch(name: string, query: string): Promise<void> {
    await this.tick();
    if (!name.trim()) throw new BackendError("invalid_input", "The name is empty.");
    // The core checks the query: a recorded error fails the save.
    this.replayed(query);
    this.saved = [...this.saved.filter((s) => s.name !== name), { name: name.trim(), query }];
  }

  async deleteSavedSearch(name: string): Promise<void> {
    await this.tick();
    this.saved = this.saved.filter((s) => s.name !== name);
  }
}
