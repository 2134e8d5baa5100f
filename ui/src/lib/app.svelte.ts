// The application state shared by the components (through context): the open
// library, the dialog on screen, and the stores by concern, each the only way
// its part of the UI reaches the backend.
import { getContext, setContext } from "svelte";
import type { Backend, LibraryInfo } from "./api";
import { CurationState } from "./curation.svelte";
import { IoState } from "./io.svelte";
import { Notices } from "./notices.svelte";
import { ReaderState } from "./reader.svelte";
import { SearchState } from "./search.svelte";

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

export class AppState {
  readonly #backend: Backend;
  readonly notices: Notices;
  readonly search: SearchState;
  readonly reader: ReaderState;
  readonly curation: CurationState;
  readonly io: IoState;

  info = $state<LibraryInfo | null>(null);
  dialog = $state<DialogKind | null>(null);

  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;

  constructor(backend: Backend) {
    this.#backend = backend;
    this.notices = new Notices();
    // Each answer to the query refreshes the open article's highlights.
    this.search = new SearchState(backend, this.notices, () => void this.reader.reloadDetail());
    this.reader = new ReaderState(backend, this.notices, this.search);
    this.curation = new CurationState(backend, this.notices, this.search, this.reader, () =>
      this.libraryChanged(),
    );
    this.io = new IoState(backend);
  }

  /** The in-memory mock stands in for the backend (a browser, the UI tests). */
  get mock(): boolean {
    return this.#backend.kind === "mock";
  }

  async init(): Promise<void> {
    try {
      this.info = await this.#backend.libraryInfo();
    } catch (e) {
      this.notices.report(e);
    }
    await this.#loadLists();
    this.#backend.onLibraryChanged((e) => {
      // The window's own import refreshes once at its end, not every second.
      if (!e.task_running) void this.libraryChanged();
    });
  }

  #loadLists(): Promise<unknown> {
    return Promise.all([
      this.search.run(),
      this.curation.refreshTags(),
      this.search.refreshSaved(),
      this.curation.refreshOrphans(),
    ]);
  }

  /**
   * After the library changed (an import here, or another program): counts,
   * results, tags, saved searches and orphans again; the open article stays.
   * Changes that arrive during a refresh are folded into one more.
   */
  async libraryChanged(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        await Promise.all([
          this.refreshInfo(),
          this.search.run(true),
          this.curation.refreshTags(),
          this.search.refreshSaved(),
          this.curation.refreshOrphans(),
        ]);
      } while (this.#refreshAgain);
    })();
    try {
      await this.#refreshing;
    } finally {
      this.#refreshing = null;
    }
  }

  async refreshInfo(): Promise<void> {
    try {
      this.info = await this.#backend.libraryInfo();
    } catch (e) {
      this.notices.report(e);
    }
  }

  /** The library has no articles: the welcome screen stands in for the lists. */
  get empty(): boolean {
    return this.info !== null && this.info.stats.articles === 0;
  }

  /** Switches to the sample library (the welcome screen's second button). */
  async openDemo(): Promise<void> {
    try {
      this.#resetView(await this.#backend.openDemoLibrary());
      await this.#loadLists();
    } catch (e) {
      this.notices.report(e);
    }
  }

  async openLibrary(path: string): Promise<boolean> {
    try {
      this.#resetView(await this.#backend.openLibrary(path));
      await this.#loadLists();
      return true;
    } catch (e) {
      this.notices.report(e);
      return false;
    }
  }

  #resetView(info: LibraryInfo): void {
    this.info = info;
    this.reader.currentId = null;
    this.reader.detail = null;
    this.search.filters = [];
    this.search.text = "";
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
