// The one interface the UI talks to. `TauriBackend` wraps the generated
// bindings; `MockBackend` (mock.ts) serves the browser and the UI tests.
import { Channel } from "@tauri-apps/api/core";
import { commands, events } from "./bindings";
import type {
  Annotation_Serialize,
  ArticleStory,
  PairAlignment,
  StoryDetail,
  StoryMember,
  TimelinePoint,
  Article_Serialize,
  ArticleDetail_Serialize,
  Block,
  BlockClass,
  BlockReason,
  Bucket,
  ExportOptions,
  ExportProgress,
  ExportTotals_Serialize,
  Format,
  Histogram,
  ImportProgress,
  ImportSummary_Serialize,
  IpcError,
  LibraryChanged,
  LibraryInfo,
  MetadataEdit_Deserialize,
  RemovalReport_Serialize,
  RestoreReport,
  SavedSearch,
  SearchHit_Serialize,
  SearchPage_Serialize,
  SearchResults_Serialize,
  Selection,
  Sort,
  Tag_Serialize,
  TagChange,
  TagImpact,
  Target,
  TeamLine_Serialize,
  AnnotationAuthor,
  CaptureOutcome_Serialize,
  CaptureProgress,
  CaptureRecord_Serialize,
  Feed_Serialize,
  PollReport_Serialize,
  PollSchedule_Serialize,
  Provenance_Serialize,
} from "./bindings";

export type Annotation = Annotation_Serialize;
export type Article = Article_Serialize;
export type ArticleDetail = ArticleDetail_Serialize;
export type SearchHit = SearchHit_Serialize;
export type SearchResults = SearchResults_Serialize;
export type SearchPage = SearchPage_Serialize;
export type Tag = Tag_Serialize;
export type ImportSummary = ImportSummary_Serialize;
export type ExportTotals = ExportTotals_Serialize;
export type MetadataEdit = MetadataEdit_Deserialize;
export type RemovalReport = RemovalReport_Serialize;
export type TeamLine = TeamLine_Serialize;
export type { AnnotationAuthor };
export type CaptureOutcome = CaptureOutcome_Serialize;
export type CaptureRecord = CaptureRecord_Serialize;
export type Feed = Feed_Serialize;
export type PollReport = PollReport_Serialize;
export type PollSchedule = PollSchedule_Serialize;
export type Provenance = Provenance_Serialize;
export type { CaptureProgress };
export type {
  ArticleStory,
  PairAlignment,
  StoryDetail,
  StoryMember,
  TimelinePoint,
  Block,
  BlockClass,
  BlockReason,
  Bucket,
  ExportOptions,
  ExportProgress,
  Format,
  Histogram,
  ImportProgress,
  LibraryChanged,
  LibraryInfo,
  RestoreReport,
  SavedSearch,
  Selection,
  Sort,
  TagChange,
  TagImpact,
  Target,
};

/** An error from the backend, with its machine-readable code. */
export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }
}

export interface Backend {
  readonly kind: "tauri" | "mock";
  libraryInfo(): Promise<LibraryInfo>;
  openLibrary(path: string): Promise<LibraryInfo>;
  search(query: string, sort: Sort, limit: number, offset: number): Promise<SearchResults>;
  histogram(query: string, bucket: Bucket): Promise<Histogram>;
  /** The first page of results and the timeline of all matches, in one call (each keystroke). */
  searchWithTimeline(query: string, sort: Sort, limit: number, bucket: Bucket): Promise<SearchPage>;
  article(id: string, query: string): Promise<ArticleDetail>;
  similar(id: string, limit: number): Promise<SearchHit[]>;
  /** Sets the class of the article's line starting at `start` (`null`: automatic); the article's blocks after. */
  setBlockClass(id: string, start: number, to: BlockClass | null): Promise<Block[]>;
  updateMetadata(id: string, edit: MetadataEdit): Promise<Article>;
  tags(): Promise<Tag[]>;
  /** Each returns the articles actually changed (what Undo reverts). */
  tagArticles(tag: string, ids: string[]): Promise<TagChange>;
  untagArticles(tag: string, ids: string[]): Promise<TagChange>;
  tagQuery(tag: string, query: string, remove: boolean): Promise<TagChange>;
  tagImpact(name: string): Promise<TagImpact>;
  renameTag(from: string, to: string): Promise<void>;
  mergeTags(from: string, into: string): Promise<void>;
  deleteTag(name: string): Promise<TagImpact>;
  setTag(name: string, color: string | null, description: string | null): Promise<void>;
  annotate(
    article: string,
    target: Target,
    note: string,
    color: string | null,
    tags: string[],
  ): Promise<Annotation>;
  updateAnnotation(
    id: string,
    note: string | null,
    color: string | null,
    tags: string[] | null,
  ): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<void>;
  /** Every annotation whose quote is no longer found in its article's text. */
  orphanedAnnotations(): Promise<Annotation[]>;
  savedSearches(): Promise<SavedSearch[]>;
  saveSearch(name: string, query: string): Promise<void>;
  deleteSavedSearch(name: string): Promise<void>;
  importFiles(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportSummary>;
  exportSet(
    selection: Selection,
    format: Format,
    output: string,
    options: ExportOptions,
    onProgress: (p: ExportProgress) => void,
  ): Promise<ExportTotals>;
  cancelTask(): Promise<void>;
  /** The story the article belongs to; `null` when it shares its text with no other. */
  articleStory(id: string): Promise<ArticleStory | null>;
  /** The stories of a page of hits, in their order (`null`: in no story). */
  hitStories(ids: string[]): Promise<(ArticleStory | null)[]>;
  storyDetail(storyId: string): Promise<StoryDetail>;
  /** What articles `a` and `b` share: spans are code points into each body. */
  storyPair(a: string, b: string): Promise<PairAlignment>;
  /** Removes articles (into the trash, with their tags and annotations). */
  deleteArticles(ids: string[]): Promise<RemovalReport>;
  /** Removes every result of `query` (into the trash). */
  deleteQuery(query: string): Promise<RemovalReport>;
  /** Puts back what one removal took (Undo). */
  restoreArticles(removal: number): Promise<RestoreReport>;
  /** Opens the sample library (made with the sample articles the first time). */
  openDemoLibrary(): Promise<LibraryInfo>;
  /** The team status line (issue 17): off, syncing, synced, offline or error. */
  teamStatus(): Promise<TeamLine>;
  /** Asks the background sync to run now. */
  teamSyncNow(): Promise<TeamLine>;
  /** Who made each annotation's last change, as the team says. */
  annotationAuthors(article: string): Promise<AnnotationAuthor[]>;
  /** Captures a web address (issue 18); `insecure` accepts an unverified certificate for this capture. */
  captureUrl(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void): Promise<CaptureOutcome>;
  /** The article's captures and its page's other versions. */
  articleProvenance(id: string): Promise<Provenance>;
  /** Writes one capture's WARC records to `output`; the bytes written. */
  exportCaptureWarc(capture: number, output: string): Promise<number>;
  feedsList(): Promise<Feed[]>;
  feedAdd(url: string): Promise<Feed>;
  feedRemove(id: number): Promise<void>;
  feedPollNow(): Promise<PollReport>;
  pollSchedule(): Promise<PollSchedule>;
  /** Minutes between scheduled polls while the app runs (0: off). */
  setPollMinutes(minutes: number): Promise<PollSchedule>;
  /** Native pickers; `null` when the user cancels (or none exist). */
  choosePaths(folders: boolean): Promise<string[] | null>;
  chooseSavePath(defaultName: string): Promise<string | null>;
  revealInFolder(path: string): Promise<void>;
  /** Opens an http or https link in the system browser (the app's permission allows no other scheme). */
  openUrl(url: string): Promise<void>;
  /** Calls `handler` whenever another program (or this window's import) changes the library. */
  onLibraryChanged(handler: (e: LibraryChanged) => void): void;
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };

async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await p;
  } catch (e) {
    throw new BackendError("internal", e instanceof Error ? e.message : String(e));
  }
  if (r.status === "error") throw new BackendError(r.error.code, r.error.message);
  return r.data;
}

async function done(p: Promise<Result<null>>): Promise<void> {
  await unwrap(p);
}

export class TauriBackend implements Backend {
  readonly kind = "tauri" as const;
  onLibraryChanged(handler: (e: LibraryChanged) => void): void {
    // Lives as long as the window: never unlistened.
    void events.libraryChanged.listen((e) => handler(e.payload));
  }
  libraryInfo = () => unwrap(commands.libraryInfo());
  openLibrary = (path: string) => unwrap(commands.openLibrary(path));
  search = (query: string, sort: Sort, limit: number, offset: number) =>
    unwrap(commands.search(query, sort, limit, offset));
  histogram = (query: string, bucket: Bucket) => unwrap(commands.histogram(query, bucket));
  searchWithTimeline = (query: string, sort: Sort, limit: number, bucket: Bucket) =>
    unwrap(commands.searchWithTimeline(query, sort, limit, bucket));
  article = (id: string, query: string) => unwrap(commands.article(id, query));
  similar = (id: string, limit: number) => unwrap(commands.similar(id, limit));
  setBlockClass = (id: string, start: number, to: BlockClass | null) =>
    unwrap(commands.setBlockClass(id, start, to));
  updateMetadata = (id: string, edit: MetadataEdit) => unwrap(commands.updateMetadata(id, edit));
  tags = () => unwrap(commands.tags());
  tagArticles = (tag: string, ids: string[]) => unwrap(commands.tagArticles(tag, ids));
  untagArticles = (tag: string, ids: string[]) => unwrap(commands.untagArticles(tag, ids));
  tagQuery = (tag: string, query: string, remove: boolean) =>
    unwrap(commands.tagQuery(tag, query, remove));
  tagImpact = (name: string) => unwrap(commands.tagImpact(name));
  renameTag = (from: string, to: string) => done(commands.renameTag(from, to));
  mergeTags = (from: string, into: string) => done(commands.mergeTags(from, into));
  deleteTag = (name: string) => unwrap(commands.deleteTag(name));
  setTag = (name: string, color: string | null, description: string | null) =>
    done(commands.setTag(name, color, description));
  annotate = (article: string, target: Target, note: string, color: string | null, tags: string[]) =>
    unwrap(commands.annotate(article, target, note, color, tags));
  updateAnnotation = (id: string, note: string | null, color: string | null, tags: string[] | null) =>
    unwrap(commands.updateAnnotation(id, note, color, tags));
  deleteAnnotation = (id: string) => done(commands.deleteAnnotation(id));
  orphanedAnnotations = () => unwrap(commands.orphanedAnnotations());
  savedSearches = () => unwrap(commands.savedSearches());
  saveSearch = (name: string, query: string) => done(commands.saveSearch(name, query));
  deleteSavedSearch = (name: string) => done(commands.deleteSavedSearch(name));

  importFiles(paths: string[], onProgress: (p: ImportProgress) => void) {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.importFiles(paths, channel));
  }

  exportSet(
    selection: Selection,
    format: Format,
    output: string,
    options: ExportOptions,
    onProgress: (p: ExportProgress) => void,
  ) {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.exportSet(selection, format, output, options, channel));
  }

  articleStory = (id: string) => unwrap(commands.articleStory(id));
  hitStories = (ids: string[]) => unwrap(commands.hitStories(ids));
  storyDetail = (storyId: string) => unwrap(commands.storyDetail(storyId));
  storyPair = (a: string, b: string) => unwrap(commands.storyPair(a, b));

  deleteArticles = (ids: string[]) => unwrap(commands.deleteArticles(ids));
  deleteQuery = (query: string) => unwrap(commands.deleteQuery(query));
  restoreArticles = (removal: number) => unwrap(commands.restoreArticles(removal));
  openDemoLibrary = () => unwrap(commands.openDemoLibrary());
  teamStatus = () => commands.teamStatus();
  teamSyncNow = () => commands.teamSyncNow();
  annotationAuthors = (article: string) => unwrap(commands.annotationAuthors(article));

  cancelTask = () => commands.cancelTask();

  captureUrl(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void) {
    const channel = new Channel<CaptureProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.captureUrl(url, insecure, channel));
  }
  articleProvenance = (id: string) => unwrap(commands.articleProvenance(id));
  exportCaptureWarc = (capture: number, output: string) => unwrap(commands.exportCaptureWarc(capture, output));
  feedsList = () => unwrap(commands.feedsList());
  feedAdd = (url: string) => unwrap(commands.feedAdd(url));
  feedRemove = (id: number) => done(commands.feedRemove(id));
  feedPollNow = () => unwrap(commands.feedPollNow());
  pollSchedule = () => commands.pollSchedule();
  setPollMinutes = (minutes: number) => commands.setPollMinutes(minutes);

  async choosePaths(folders: boolean): Promise<string[] | null> {
    const { open } = await import("@tauri-apps/plugin-dialog");
    const picked = await open({ multiple: true, directory: folders });
    if (picked === null) return null;
    return Array.isArray(picked) ? picked : [picked];
  }

  async chooseSavePath(defaultName: string): Promise<string | null> {
    const { save } = await import("@tauri-apps/plugin-dialog");
    return save({ defaultPath: defaultName });
  }

  async revealInFolder(path: string): Promise<void> {
    const { revealItemInDir } = await import("@tauri-apps/plugin-opener");
    await revealItemInDir(path);
  }

  async openUrl(url: string): Promise<void> {
    const { openUrl } = await import("@tauri-apps/plugin-opener");
    try {
      await openUrl(url);
    } catch (e) {
      throw new BackendError("open_failed", e instanceof Error ? e.message : String(e));
    }
  }
}

/**
 * The real backend inside Tauri, the in-memory mock anywhere else. The mock is
 * imported only when the build's mode is not `production` (`vite`, `vitest`,
 * `vite build --mode mock` for the UI tests): Vite replaces `import.meta.env.MODE`
 * with a constant, so `npm run build` (what the desktop app embeds) drops the
 * branch and ships no mock code (bundle.test.ts checks this).
 */
export async function pickBackend(): Promise<Backend> {
  if (typeof window !== "undefined" && "__TAURI_INTERNALS__" in window) return new TauriBackend();
  if (import.meta.env.MODE !== "production") {
    const { MockBackend } = await import("./mock");
    // `?library=empty`: a new, empty library (the welcome screen), for the UI tests.
    const empty = new URLSearchParams(window.location.search).get("library") === "empty";
    const mock = new MockBackend(240, empty);
    // UI tests play "another program changed the library" through this handle.
    (window as unknown as { litopysMock?: typeof mock }).litopysMock = mock;
    return mock;
  }
  // A production build outside Tauri has no backend to reach: every call fails
  // with an error the UI reports.
  return new TauriBackend();
}
