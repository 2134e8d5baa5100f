// The search: the query (box, filter chips, Whole text toggle), its results
// with their facets and timeline, the word forms its words matched (a form
// unticked is a `skip:` in the box), paging, the selection among the results
// and the saved searches.
import { SvelteSet } from "svelte/reactivity";
import {
  BackendError,
  type ArticleStory,
  type Backend,
  type Bucket,
  type Histogram,
  type SavedSearch,
  type SearchHit,
  type SearchResults,
  type Sort,
  type WordForms,
} from "./api";
import type { Notices } from "./notices.svelte";
import { addSkip, removeSkip } from "./skipForms";
import { composeQuery, scopedQuery } from "./text";

// A page fills several screens of rows; each hit's snippet costs the backend
// about a quarter of a millisecond, so a larger first page only delays typing.
export const PAGE = 50;

const WHOLE_TEXT_KEY = "litopys.wholeText";

function loadWholeText(): boolean {
  try {
    return globalThis.localStorage?.getItem(WHOLE_TEXT_KEY) === "1";
  } catch {
    return false;
  }
}

export class SearchState {
  readonly #backend: Backend;
  readonly #notices: Notices;
  /** The open article follows the query (its highlights); called after each answer. */
  readonly #followQuery: () => void;

  text = $state("");
  filters = $state<string[]>([]);
  sort = $state<Sort>("relevance");
  /** Search the whole text, not only the story (`in:all`); kept between runs. */
  wholeText = $state(loadWholeText());
  /** The query as the user wrote it: the box and the filter chips. */
  query = $derived(composeQuery(this.text, this.filters));
  /** What every backend call gets: the query, widened by the Whole text toggle. */
  searchQuery = $derived(scopedQuery(this.query, this.wholeText));

  hits = $state<SearchHit[]>([]);
  /** The last query the backend answered (with results or an error); lags `searchQuery` while a search runs. */
  answeredQuery = $state<string | null>(null);
  total = $state(0);
  facets = $state<SearchResults["facets"] | null>(null);
  loading = $state(false);
  queryError = $state<string | null>(null);
  hasMore = $derived(this.hits.length < this.total);

  /** The forms in the library each word of the query matched (none for an empty or invalid query). */
  forms = $state<WordForms[]>([]);

  selected = new SvelteSet<string>();
  anchor = $state<number | null>(null);

  saved = $state<SavedSearch[]>([]);
  bucket = $state<Bucket>("month");
  histogram = $state<Histogram | null>(null);

  #seq = 0;
  #formsSeq = 0;
  /** The search typing started, while it runs; `again` when the text changed meanwhile. */
  #typing: Promise<void> | null = null;
  #again = false;
  #loadingMore = false;

  constructor(backend: Backend, notices: Notices, followQuery: () => void) {
    this.#backend = backend;
    this.#notices = notices;
    this.#followQuery = followQuery;
  }

  /**
   * Typing in the search box. The first keystroke searches at once (no fixed
   * delay); keystrokes while that search runs are folded into one search for
   * the latest text when it is done, so the backend never falls behind.
   */
  setText(text: string): void {
    this.text = text;
    this.schedule();
  }

  schedule(): void {
    if (this.#typing) {
      this.#again = true;
      return;
    }
    this.#typing = (async () => {
      do {
        this.#again = false;
        await this.run();
      } while (this.#again);
      this.#typing = null;
    })();
  }

  setSort(sort: Sort): void {
    this.sort = sort;
    void this.run();
  }

  /** Runs the current query from the first page; `keepSelection` when only the library changed. */
  async run(keepSelection = false): Promise<void> {
    const seq = ++this.#seq;
    const query = this.searchQuery;
    this.loading = true;
    // The forms come in their own answer, beside the results (each as it arrives).
    const forms = this.#loadForms(query);
    try {
      const { results: res, timeline: hist } = await this.#backend.searchWithTimeline(
        query,
        this.sort,
        PAGE,
        this.bucket,
      );
      if (seq !== this.#seq) return;
      this.queryError = null;
      this.answeredQuery = query;
      this.hits = res.hits;
      this.total = res.total;
      this.facets = res.facets;
      this.histogram = hist;
      if (!keepSelection) {
        this.selected.clear();
        this.anchor = null;
      }
      // The open article stays; its highlights follow the new query.
      this.#followQuery();
    } catch (e) {
      if (seq !== this.#seq) return;
      this.answeredQuery = query;
      if (e instanceof BackendError && e.code === "invalid_query") this.queryError = e.message;
      else this.#notices.report(e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
    await forms;
  }

  /** The word forms of `query`; an invalid query's error is the search's to show. */
  async #loadForms(query: string): Promise<void> {
    const seq = ++this.#formsSeq;
    if (query.trim() === "") {
      this.forms = [];
      return;
    }
    try {
      const forms = await this.#backend.wordForms(query);
      if (seq === this.#formsSeq) this.forms = forms;
    } catch (e) {
      if (seq !== this.#formsSeq) return;
      this.forms = [];
      if (!(e instanceof BackendError && e.code === "invalid_query")) this.#notices.report(e);
    }
  }

  /**
   * Unticking a form drops it from the query (`skip:FORM` added to the box);
   * ticking it again takes that `skip:` out. Searches again either way.
   */
  setFormKept(form: string, kept: boolean): void {
    this.text = kept ? removeSkip(this.text, form) : addSkip(this.text, form);
    void this.run();
  }

  /** The next page of results, when the list scrolls near its end. */
  async loadMore(): Promise<void> {
    if (this.#loadingMore || !this.hasMore || this.loading) return;
    this.#loadingMore = true;
    const seq = this.#seq;
    try {
      const res = await this.#backend.search(this.searchQuery, this.sort, PAGE, this.hits.length);
      if (seq !== this.#seq) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const known = new Set(this.hits.map((h) => h.id));
      this.hits = [...this.hits, ...res.hits.filter((h) => !known.has(h.id))];
      this.total = res.total;
    } catch (e) {
      this.#notices.report(e);
    } finally {
      this.#loadingMore = false;
    }
  }

  /**
   * The loaded hits again, for their tags and the tag counts: as many as are
   * loaded, in one call, so the list keeps its length and its place.
   */
  async refreshHits(): Promise<void> {
    const seq = this.#seq;
    try {
      const res = await this.#backend.search(this.searchQuery, this.sort, Math.max(this.hits.length, PAGE), 0);
      if (seq !== this.#seq) return;
      this.hits = res.hits;
      this.total = res.total;
      this.facets = res.facets;
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async setBucket(bucket: Bucket): Promise<void> {
    this.bucket = bucket;
    try {
      this.histogram = await this.#backend.histogram(this.searchQuery, bucket);
    } catch (e) {
      if (!(e instanceof BackendError && e.code === "invalid_query")) this.#notices.report(e);
    }
  }

  addFilter(term: string): void {
    if (!this.filters.includes(term)) this.filters = [...this.filters, term];
    void this.run();
  }

  /** Replaces any filter with the same field (e.g. a new `date:` range). */
  replaceFilter(field: string, term: string): void {
    this.filters = [...this.filters.filter((f) => !f.startsWith(field + ":")), term];
    void this.run();
  }

  removeFilter(term: string): void {
    this.filters = this.filters.filter((f) => f !== term);
    void this.run();
  }

  setWholeText(on: boolean): void {
    this.wholeText = on;
    try {
      globalThis.localStorage?.setItem(WHOLE_TEXT_KEY, on ? "1" : "0");
    } catch {
      // Private windows may refuse storage; the choice then lasts this run.
    }
    void this.run();
    this.#followQuery();
  }

  showAll(): void {
    this.text = "";
    this.filters = [];
    void this.run();
  }

  runSaved(s: SavedSearch): void {
    this.filters = [];
    this.text = s.query;
    void this.run();
  }

  /** The stories of a page of hits, in their order (`null`: in no story). */
  hitStories(ids: string[]): Promise<(ArticleStory | null)[]> {
    return this.#backend.hitStories(ids);
  }

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await this.#backend.savedSearches();
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async saveCurrentSearch(name: string): Promise<void> {
    try {
      // Saved as run, so it finds the same articles whatever the toggle says later.
      await this.#backend.saveSearch(name, this.searchQuery);
      await this.refreshSaved();
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async deleteSaved(name: string): Promise<void> {
    try {
      await this.#backend.deleteSavedSearch(name);
      await this.refreshSaved();
    } catch (e) {
      this.#notices.report(e);
    }
  }
}
