// The one interface the UI talks to (its types in api.ts). `TauriBackend` wraps
// the generated bindings; `MockBackend` (mock.ts) serves the browser and the UI tests.
import { Channel } from "@tauri-apps/api/core";
import { commands, events } from "./bindings";
import type { IpcError } from "./bindings";
import {
  BackendError,
  type Backend,
  type BlockClass,
  type Bucket,
  type CaptureProgress,
  type ExportOptions,
  type ExportProgress,
  type Format,
  type ImportProgress,
  type LibraryChanged,
  type MetadataEdit,
  type Selection,
  type Sort,
  type Target,
} from "./api";

export * from "./api";

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
  wordForms = (query: string) => unwrap(commands.wordForms(query));
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
    const mock = new MockBackend(empty);
    // UI tests play "another program changed the library" through this handle.
    (window as unknown as { litopysMock?: typeof mock }).litopysMock = mock;
    return mock;
  }
  // A production build outside Tauri has no backend to reach: every call fails
  // with an error the UI reports.
  return new TauriBackend();
}
