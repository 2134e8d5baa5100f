// The application state shared by the components (through context), and the
// actions that talk to the backend.
import { getContext, setContext } from "svelte";
import { SvelteSet } from "svelte/reactivity";
import { get } from "svelte/store";
import {
  BackendError,
  type Annotation,
  type ArticleDetail,
  type Backend,
  type BlockClass,
  type Bucket,
  type Histogram,
  type LibraryInfo,
  type RemovalReport,
  type SavedSearch,
  type SearchHit,
  type SearchResults,
  type Sort,
  type Tag,
  type TagChange,
} from "./backend";
import { t } from "./i18n";
import { composeQuery, scopedQuery } from "./text";

// A page fills several screens of rows; each hit's snippet costs the backend
// about a quarter of a millisecond, so a larger first page only delays typing.
export const PAGE = 50;

export type DialogKind =
  | "tag"
  | "annotate"
  | "import"
  | "export"
  | "tags"
  | "library"
  | "help"
  | "orphans"
  | "remove"
  | "capture"
  | "feeds";


/** A button on a toast, e.g. Undo. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
  action?: ToastAction;
}

/** What a tag change applies to: articles by id, or every result of a query. */
export type TagTarget = { ids: string[] } | { query: string };

/** A span of the current article chosen for a new annotation (code points). */
export interface PendingQuote {
  start: number;
  end: number;
  text: string;
}

const WHOLE_TEXT_KEY = "litopys.wholeText";

function loadWholeText(): boolean {
  try {
    return globalThis.localStorage?.getItem(WHOLE_TEXT_KEY) === "1";
  } catch {
    return false;
  }
}

export class AppState {
  readonly backend: Backend;
  info = $state<LibraryInfo | null>(null);

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

  currentId = $state<string | null>(null);
  detail = $state<ArticleDetail | null>(null);
  similar = $state<SearchHit[]>([]);
  selected = new SvelteSet<string>();
  anchor = $state<number | null>(null);

  tags = $state<Tag[]>([]);
  saved = $state<SavedSearch[]>([]);
  bucket = $state<Bucket>("month");
  histogram = $state<Histogram | null>(null);

  /** Annotations whose quote is no longer in their article's text. */
  orphans = $state<Annotation[]>([]);
  /** An annotation to focus in the reader once its article is shown. */
  focusNote = $state<string | null>(null);

  dialog = $state<DialogKind | null>(null);
  /** The address the capture dialog starts with (a dropped or pasted link). */
  captureAddress = $state("");
  pendingQuote = $state<PendingQuote | null>(null);
  toasts = $state<Toast[]>([]);

  private searchSeq = 0;
  /** The search typing started, while it runs; `again` when the text changed meanwhile. */
  private typing: Promise<void> | null = null;
  private again = false;
  private toastSeq = 0;

  constructor(backend: Backend) {
    this.backend = backend;
  }

  async init(): Promise<void> {
    try {
      this.info = await this.backend.libraryInfo();
    } catch (e) {
      this.report(e);
    }
    await Promise.all([this.search(), this.refreshTags(), this.refreshSaved(), this.refreshOrphans()]);
    this.backend.onLibraryChanged((e) => {
      // The window's own import refreshes once at its end, not every second.
      if (!e.task_running) void this.libraryChanged();
    });
  }

  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  /**
   * After the library changed (an import here, or another program): counts,
   * results, tags, saved searches and orphans again; the open article stays.
   * Changes that arrive during a refresh are folded into one more.
   */
  async libraryChanged(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await Promise.all([
          this.refreshInfo(),
          this.search(true),
          this.refreshTags(),
          this.refreshSaved(),
          this.refreshOrphans(),
        ]);
      } while (this.refreshAgain);
    })();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = null;
    }
  }

  report(e: unknown): void {
    const text =
      e instanceof BackendError || e instanceof Error
        ? e.message
        : get(t)("error.generic", { message: String(e) });
    this.toast("error", text);
  }

  /**
   * Shows a message; with `action`, a button (e.g. Undo) that runs it once and
   * closes the toast. Toasts with an action stay longer: there is something to do.
   */
  toast(kind: Toast["kind"], text: string, action?: ToastAction): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { id, kind, text, action }];
    setTimeout(() => this.dismiss(id), kind === "error" || action ? 8000 : 3500);
  }

  /** Runs a toast's action and closes it. */
  act(toast: Toast): void {
    this.dismiss(toast.id);
    toast.action?.run();
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((x) => x.id !== id);
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
    if (this.typing) {
      this.again = true;
      return;
    }
    this.typing = (async () => {
      do {
        this.again = false;
        await this.search();
      } while (this.again);
      this.typing = null;
    })();
  }

  setSort(sort: Sort): void {
    this.sort = sort;
    void this.search();
  }

  /** Runs the current query from the first page; `keepSelection` when only the library changed. */
  async search(keepSelection = false): Promise<void> {
    const seq = ++this.searchSeq;
    const query = this.searchQuery;
    this.loading = true;
    try {
      const { results: res, timeline: hist } = await this.backend.searchWithTimeline(
        query,
        this.sort,
        PAGE,
        this.bucket,
      );
      if (seq !== this.searchSeq) return;
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
      if (this.currentId) void this.reloadDetail();
    } catch (e) {
      if (seq !== this.searchSeq) return;
      this.answeredQuery = query;
      if (e instanceof BackendError && e.code === "invalid_query") this.queryError = e.message;
      else this.report(e);
    } finally {
      if (seq === this.searchSeq) this.loading = false;
    }
  }

  private loadingMore = false;

  /** The next page of results, when the list scrolls near its end. */
  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.hasMore || this.loading) return;
    this.loadingMore = true;
    const seq = this.searchSeq;
    try {
      const res = await this.backend.search(this.searchQuery, this.sort, PAGE, this.hits.length);
      if (seq !== this.searchSeq) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const known = new Set(this.hits.map((h) => h.id));
      this.hits = [...this.hits, ...res.hits.filter((h) => !known.has(h.id))];
      this.total = res.total;
    } catch (e) {
      this.report(e);
    } finally {
      this.loadingMore = false;
    }
  }

  async setBucket(bucket: Bucket): Promise<void> {
    this.bucket = bucket;
    try {
      this.histogram = await this.backend.histogram(this.searchQuery, bucket);
    } catch (e) {
      if (!(e instanceof BackendError && e.code === "invalid_query")) this.report(e);
    }
  }

  addFilter(term: string): void {
    if (!this.filters.includes(term)) this.filters = [...this.filters, term];
    void this.search();
  }

  /** Replaces any filter with the same field (e.g. a new `date:` range). */
  replaceFilter(field: string, term: string): void {
    this.filters = [...this.filters.filter((f) => !f.startsWith(field + ":")), term];
    void this.search();
  }

  setWholeText(on: boolean): void {
    this.wholeText = on;
    try {
      globalThis.localStorage?.setItem(WHOLE_TEXT_KEY, on ? "1" : "0");
    } catch {
      // Private windows may refuse storage; the choice then lasts this run.
    }
    void this.search();
    void this.reloadDetail();
  }

  /** Sets the class of a line of the open article (`null`: automatic) and refreshes what depends on it. */
  async setBlockClass(start: number, to: BlockClass | null): Promise<void> {
    const detail = this.detail;
    if (!detail) return;
    try {
      const blocks = await this.backend.setBlockClass(detail.article.id, start, to);
      if (this.detail?.article.id === detail.article.id) this.detail = { ...this.detail, blocks };
      // What is searchable changed: the results may change too.
      void this.search();
    } catch (e) {
      this.report(e);
    }
  }

  removeFilter(term: string): void {
    this.filters = this.filters.filter((f) => f !== term);
    void this.search();
  }

  showAll(): void {
    this.text = "";
    this.filters = [];
    void this.search();
  }

  runSaved(s: SavedSearch): void {
    this.filters = [];
    this.text = s.query;
    void this.search();
  }

  async open(id: string): Promise<void> {
    this.currentId = id;
    try {
      const [detail, similar] = await Promise.all([
        this.backend.article(id, this.searchQuery),
        this.backend.similar(id, 8),
      ]);
      if (this.currentId !== id) return;
      this.detail = detail;
      this.similar = similar;
    } catch (e) {
      this.report(e);
    }
  }

  async reloadDetail(): Promise<void> {
    const id = this.currentId;
    if (!id) return;
    try {
      const detail = await this.backend.article(id, this.searchQuery);
      if (this.currentId === id) this.detail = detail;
    } catch (e) {
      this.report(e);
    }
  }

  get currentIndex(): number {
    return this.hits.findIndex((h) => h.id === this.currentId);
  }

  /** Moves to the next (`+1`) or previous (`-1`) result. */
  step(delta: number): void {
    if (this.hits.length === 0) return;
    const i = this.currentIndex;
    const next = i < 0 ? 0 : Math.max(0, Math.min(this.hits.length - 1, i + delta));
    this.anchor = next;
    void this.open(this.hits[next].id);
    if (next >= this.hits.length - 5) void this.loadMore();
  }

  /** A click on a result, with ctrl/cmd toggling and shift selecting a range. */
  clickResult(index: number, mods: { toggle: boolean; range: boolean }): void {
    const hit = this.hits[index];
    if (!hit) return;
    if (mods.range && this.anchor !== null) {
      const [a, b] = this.anchor <= index ? [this.anchor, index] : [index, this.anchor];
      this.selected.clear();
      for (let i = a; i <= b; i++) this.selected.add(this.hits[i].id);
      return;
    }
    if (mods.toggle) {
      if (this.selected.size === 0 && this.currentId && this.currentId !== hit.id)
        this.selected.add(this.currentId);
      if (this.selected.has(hit.id)) this.selected.delete(hit.id);
      else this.selected.add(hit.id);
      this.anchor = index;
      return;
    }
    this.selected.clear();
    this.anchor = index;
    void this.open(hit.id);
  }

  async refreshTags(): Promise<void> {
    try {
      this.tags = await this.backend.tags();
    } catch (e) {
      this.report(e);
    }
  }

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await this.backend.savedSearches();
    } catch (e) {
      this.report(e);
    }
  }

  async refreshInfo(): Promise<void> {
    try {
      this.info = await this.backend.libraryInfo();
    } catch (e) {
      this.report(e);
    }
  }

  /** After tags change: the tag list, the reader and the results' facets. */
  async afterTagChange(): Promise<void> {
    await Promise.all([this.refreshTags(), this.reloadDetail(), this.refreshOrphans()]);
    if (this.filters.some((f) => f.startsWith("tag:")) || /tag:|has:/.test(this.text)) {
      await this.search();
    } else {
      await this.refreshHits();
    }
  }

  /**
   * The loaded hits again, for their tags and the tag counts: as many as are
   * loaded, in one call, so the list keeps its length and its place.
   */
  private async refreshHits(): Promise<void> {
    const seq = this.searchSeq;
    try {
      const res = await this.backend.search(this.searchQuery, this.sort, Math.max(this.hits.length, PAGE), 0);
      if (seq !== this.searchSeq) return;
      this.hits = res.hits;
      this.total = res.total;
      this.facets = res.facets;
    } catch (e) {
      this.report(e);
    }
  }

  /**
   * Tags (or with `remove`, untags) articles, says what changed and offers
   * Undo, which reverts exactly the articles that changed: those that had the
   * tag before keep it. Returns false when the change failed (reported).
   */
  async changeTag(tag: string, target: TagTarget, remove: boolean): Promise<boolean> {
    try {
      const change = await this.applyTag(tag, target, remove);
      await this.afterTagChange();
      const tr = get(t);
      const n = change.articles.length;
      if (n === 0) {
        this.toast("info", tr(remove ? "tag.noneRemoved" : "tag.noneAdded", { tag: change.tag }));
      } else {
        this.toast("info", tr(remove ? "tag.removed" : "tag.added", { n, tag: change.tag }), {
          label: tr("common.undo"),
          run: () => void this.undoTagChange(change, remove),
        });
      }
      return true;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  private applyTag(tag: string, target: TagTarget, remove: boolean): Promise<TagChange> {
    if ("query" in target) return this.backend.tagQuery(tag, target.query, remove);
    return remove ? this.backend.untagArticles(tag, target.ids) : this.backend.tagArticles(tag, target.ids);
  }

  private async undoTagChange(change: TagChange, wasRemove: boolean): Promise<void> {
    try {
      const back = await this.applyTag(change.tag, { ids: change.articles }, !wasRemove);
      await this.afterTagChange();
      const key = wasRemove ? "tag.undoneRemoved" : "tag.undoneAdded";
      this.toast("info", get(t)(key, { n: back.articles.length, tag: change.tag }));
    } catch (e) {
      this.report(e);
    }
  }

  async refreshOrphans(): Promise<void> {
    try {
      this.orphans = await this.backend.orphanedAnnotations();
    } catch (e) {
      this.report(e);
    }
  }

  /**
   * Changes an annotation's note, colour (`""` clears it) or tags; `null` leaves
   * a field as it is. Refreshes the reader, the tags and the orphans.
   */
  async updateAnnotation(
    id: string,
    note: string | null,
    color: string | null,
    tags: string[] | null,
  ): Promise<boolean> {
    try {
      const updated = await this.backend.updateAnnotation(id, note, color, tags);
      await Promise.all([
        this.reloadDetail(),
        tags !== null ? this.refreshTags() : Promise.resolve(),
        updated.orphaned ? this.refreshOrphans() : Promise.resolve(),
      ]);
      return true;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  async deleteAnnotation(id: string): Promise<void> {
    try {
      await this.backend.deleteAnnotation(id);
      const wasOrphan = this.orphans.some((n) => n.id === id);
      if (wasOrphan) this.orphans = this.orphans.filter((n) => n.id !== id);
      const shown = this.detail?.annotations.some((n) => n.id === id) ?? false;
      await Promise.all([
        shown ? this.reloadDetail() : Promise.resolve(),
        wasOrphan ? this.refreshOrphans() : Promise.resolve(),
      ]);
    } catch (e) {
      this.report(e);
    }
  }

  /** Opens an annotation's article in the reader, with the annotation focused. */
  async openAnnotation(a: Annotation): Promise<void> {
    this.focusNote = a.id;
    this.selected.clear();
    this.anchor = this.hits.findIndex((h) => h.id === a.article);
    if (this.anchor < 0) this.anchor = null;
    await this.open(a.article);
  }

  async saveCurrentSearch(name: string): Promise<void> {
    try {
      // Saved as run, so it finds the same articles whatever the toggle says later.
      await this.backend.saveSearch(name, this.searchQuery);
      await this.refreshSaved();
    } catch (e) {
      this.report(e);
    }
  }

  async deleteSaved(name: string): Promise<void> {
    try {
      await this.backend.deleteSavedSearch(name);
      await this.refreshSaved();
    } catch (e) {
      this.report(e);
    }
  }

  /** The library has no articles: the welcome screen stands in for the lists. */
  get empty(): boolean {
    return this.info !== null && this.info.stats.articles === 0;
  }

  /** Removes articles by id (the open one, or the selection); Undo in the toast. */
  async removeArticles(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.afterRemoval(await this.backend.deleteArticles(ids));
    } catch (e) {
      this.report(e);
    }
  }

  /** Removes every result of the current search (asked first, in the list). */
  async removeResults(): Promise<void> {
    try {
      await this.afterRemoval(await this.backend.deleteQuery(this.searchQuery));
    } catch (e) {
      this.report(e);
    }
  }

  private async afterRemoval(r: RemovalReport): Promise<void> {
    if (this.currentId && r.ids.includes(this.currentId)) {
      this.currentId = null;
      this.detail = null;
      this.similar = [];
    }
    for (const id of r.ids) this.selected.delete(id);
    this.anchor = null;
    await this.libraryChanged();
    const removal = r.removal;
    if (removal === null) return;
    const tr = get(t);
    this.toast("info", tr("remove.done", { n: r.removed }), {
      label: tr("remove.undo"),
      run: () => void this.undoRemoval(removal),
    });
  }

  async undoRemoval(removal: number): Promise<void> {
    try {
      const r = await this.backend.restoreArticles(removal);
      await this.libraryChanged();
      this.toast("info", get(t)("remove.restored", { n: r.restored + r.already_there }));
    } catch (e) {
      this.report(e);
    }
  }

  /** Switches to the sample library (the welcome screen's second button). */
  async openDemo(): Promise<void> {
    try {
      this.resetView(await this.backend.openDemoLibrary());
      await Promise.all([this.search(), this.refreshTags(), this.refreshSaved(), this.refreshOrphans()]);
    } catch (e) {
      this.report(e);
    }
  }

  private resetView(info: LibraryInfo): void {
    this.info = info;
    this.currentId = null;
    this.detail = null;
    this.filters = [];
    this.text = "";
  }

  async openLibrary(path: string): Promise<boolean> {
    try {
      this.resetView(await this.backend.openLibrary(path));
      await Promise.all([this.search(), this.refreshTags(), this.refreshSaved(), this.refreshOrphans()]);
      return true;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  openDialog(kind: DialogKind): void {
    this.dialog = kind;
  }

  closeDialog(): void {
    this.dialog = null;
  }
}

const KEY = Symbol("litopys-app");

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
