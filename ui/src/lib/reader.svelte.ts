// The reader: the open article (with the query's highlights), its neighbours
// in the results, what it shares with other articles, its notes' authors, its
// provenance, and the span chosen for a new note.
import type {
  Annotation,
  AnnotationAuthor,
  ArticleDetail,
  ArticleStory,
  Backend,
  BlockClass,
  PairAlignment,
  Provenance,
  SearchHit,
  StoryDetail,
} from "./api";
import type { Notices } from "./notices.svelte";
import type { SearchState } from "./search.svelte";

/** A span of the current article chosen for a new annotation (code points). */
export interface PendingQuote {
  start: number;
  end: number;
  text: string;
}

export class ReaderState {
  readonly #backend: Backend;
  readonly #notices: Notices;
  readonly #search: SearchState;

  currentId = $state<string | null>(null);
  detail = $state<ArticleDetail | null>(null);
  similar = $state<SearchHit[]>([]);
  /** An annotation to focus in the reader once its article is shown. */
  focusNote = $state<string | null>(null);
  pendingQuote = $state<PendingQuote | null>(null);

  constructor(backend: Backend, notices: Notices, search: SearchState) {
    this.#backend = backend;
    this.#notices = notices;
    this.#search = search;
  }

  async open(id: string): Promise<void> {
    this.currentId = id;
    try {
      const [detail, similar] = await Promise.all([
        this.#backend.article(id, this.#search.searchQuery),
        this.#backend.similar(id, 8),
      ]);
      if (this.currentId !== id) return;
      this.detail = detail;
      this.similar = similar;
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async reloadDetail(): Promise<void> {
    const id = this.currentId;
    if (!id) return;
    try {
      const detail = await this.#backend.article(id, this.#search.searchQuery);
      if (this.currentId === id) this.detail = detail;
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** No article open (it was removed). */
  close(): void {
    this.currentId = null;
    this.detail = null;
    this.similar = [];
  }

  get currentIndex(): number {
    return this.#search.hits.findIndex((h) => h.id === this.currentId);
  }

  /** Moves to the next (`+1`) or previous (`-1`) result. */
  step(delta: number): void {
    const search = this.#search;
    if (search.hits.length === 0) return;
    const i = this.currentIndex;
    const next = i < 0 ? 0 : Math.max(0, Math.min(search.hits.length - 1, i + delta));
    search.anchor = next;
    void this.open(search.hits[next].id);
    if (next >= search.hits.length - 5) void search.loadMore();
  }

  /** A click on a result, with ctrl/cmd toggling and shift selecting a range. */
  clickResult(index: number, mods: { toggle: boolean; range: boolean }): void {
    const search = this.#search;
    const hit = search.hits[index];
    if (!hit) return;
    if (mods.range && search.anchor !== null) {
      const [a, b] = search.anchor <= index ? [search.anchor, index] : [index, search.anchor];
      search.selected.clear();
      for (let i = a; i <= b; i++) search.selected.add(search.hits[i].id);
      return;
    }
    if (mods.toggle) {
      if (search.selected.size === 0 && this.currentId && this.currentId !== hit.id)
        search.selected.add(this.currentId);
      if (search.selected.has(hit.id)) search.selected.delete(hit.id);
      else search.selected.add(hit.id);
      search.anchor = index;
      return;
    }
    search.selected.clear();
    search.anchor = index;
    void this.open(hit.id);
  }

  /** Opens an annotation's article in the reader, with the annotation focused. */
  async openAnnotation(a: Annotation): Promise<void> {
    const search = this.#search;
    this.focusNote = a.id;
    search.selected.clear();
    search.anchor = search.hits.findIndex((h) => h.id === a.article);
    if (search.anchor < 0) search.anchor = null;
    await this.open(a.article);
  }

  /** Sets the class of a line of the open article (`null`: automatic) and refreshes what depends on it. */
  async setBlockClass(start: number, to: BlockClass | null): Promise<void> {
    const detail = this.detail;
    if (!detail) return;
    try {
      const blocks = await this.#backend.setBlockClass(detail.article.id, start, to);
      if (this.detail?.article.id === detail.article.id) this.detail = { ...this.detail, blocks };
      // What is searchable changed: the results may change too.
      void this.#search.run();
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** Any article with the query's highlights, without opening it (titles, comparisons). */
  article(id: string, query: string): Promise<ArticleDetail> {
    return this.#backend.article(id, query);
  }

  /** The story the article belongs to; `null` when it shares its text with no other. */
  articleStory(id: string): Promise<ArticleStory | null> {
    return this.#backend.articleStory(id);
  }

  storyDetail(storyId: string): Promise<StoryDetail> {
    return this.#backend.storyDetail(storyId);
  }

  /** What articles `a` and `b` share. */
  storyPair(a: string, b: string): Promise<PairAlignment> {
    return this.#backend.storyPair(a, b);
  }

  /** Who made each of the article's annotations' last change. */
  annotationAuthors(article: string): Promise<AnnotationAuthor[]> {
    return this.#backend.annotationAuthors(article);
  }

  /** The article's captures and its page's other versions. */
  provenance(id: string): Promise<Provenance> {
    return this.#backend.articleProvenance(id);
  }

  /** Opens the article's link in the system browser. */
  openUrl(url: string): Promise<void> {
    return this.#backend.openUrl(url);
  }
}
