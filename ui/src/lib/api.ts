// The backend's side of the one interface the UI talks to: what the UI may ask
// (`Backend`), the types the answers come in, and the error a call fails with.
// A leaf module (only the generated bindings' types below it), so both the real
// backend (backend.ts) and the mock (mock*.ts) build on it without a circle.
import type {
  Annotation_Serialize,
  ErrorCode,
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
  FormCount,
  WordForms,
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
  FormCount,
  WordForms,
};

/** An error from the backend, with its machine-readable code. */
/** A code the backend reports (`ErrorCode`, generated from Rust), or the
 * UI's own `open_failed` when the desktop refuses to open a link or folder. */
export type FailureCode = ErrorCode | "open_failed";

export class BackendError extends Error {
  readonly code: FailureCode;
  constructor(code: FailureCode, message: string) {
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
  /**
   * The word forms in the library each word of `query` matches, with their
   * article counts: the typed form first; forms the query skips (`skip:`) marked.
   */
  wordForms(query: string): Promise<WordForms[]>;
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
