// An in-memory stand-in for the Rust backend: the real core's recorded search
// and reading answers (mockReplay.ts), tags, annotations, saved searches, and
// fake import/export progress. In layers by
// concern: mockLibrary.ts (the stored library), mockSearch.ts (queries),
// mockCuration.ts (tags, annotations, removal) and this file (stories,
// captures and feeds, import and export, the team, the window's events).
import {
  BackendError,
  type AnnotationAuthor,
  type ArticleStory,
  type Backend,
  type CaptureOutcome,
  type CaptureProgress,
  type ExportOptions,
  type ExportProgress,
  type ExportTotals,
  type Feed,
  type Format,
  type ImportProgress,
  type ImportSummary,
  type LibraryChanged,
  type PairAlignment,
  type PollReport,
  type PollSchedule,
  type Provenance,
  type Selection,
  type StoryDetail,
  type TeamLine,
} from "./api";
import { MockCaptures } from "./mockCapture";
import { MockCuration } from "./mockCuration";
import { sleep } from "./mockLibrary";
import { externalArticle, tagSelection } from "./mockReplay";
import * as stories from "./mockStories";

export class MockBackend extends MockCuration implements Backend {
  readonly kind = "mock" as const;
  private cancelled = false;
  /** Files exports wrote, so a second export to one of them needs force. */
  private writtenFiles = new Set<string>();

  private changeHandlers: ((e: LibraryChanged) => void)[] = [];

  /** `empty`: a new library with no articles (the welcome screen). */
  constructor(empty = false) {
    super(empty);
    if (!empty) this.web = new MockCaptures((title, body, url) => this.addCaptured(title, body, url), this.articles[0] ?? null);
  }

  private addCaptured(title: string, body: string, url: string): string {
    const id = `w${(Date.now() + this.articles.length).toString(16).slice(-7)}`;
    const host = new URL(url).hostname;
    this.articles.push({
      id,
      title,
      source: host,
      url,
      author: null,
      published_at: null,
      language: "uk",
      body,
      tags: [],
      imported_at: new Date().toISOString(),
      origin: url,
    });
    return id;
  }

  async captureUrl(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void): Promise<CaptureOutcome> {
    await this.tick();
    return this.web.capture(url, insecure, onProgress);
  }

  async articleProvenance(id: string): Promise<Provenance> {
    await this.tick();
    return this.web.provenance(id);
  }

  async exportCaptureWarc(capture: number): Promise<number> {
    await this.tick();
    return this.web.exportWarc(capture);
  }

  async feedsList(): Promise<Feed[]> {
    await this.tick();
    return this.web.list();
  }

  async feedAdd(url: string): Promise<Feed> {
    await this.tick();
    return this.web.add(url);
  }

  async feedRemove(id: number): Promise<void> {
    await this.tick();
    this.web.remove(id);
  }

  async feedPollNow(): Promise<PollReport> {
    return this.web.poll();
  }

  async pollSchedule(): Promise<PollSchedule> {
    await this.tick();
    return this.web.schedule();
  }

  async setPollMinutes(minutes: number): Promise<PollSchedule> {
    await this.tick();
    return this.web.setMinutes(minutes);
  }

  /** Captures and feeds (issue 18). */
  private web: MockCaptures = new MockCaptures(() => "", null);

  async articleStory(id: string): Promise<ArticleStory | null> {
    await this.tick();
    return stories.articleStory(this.find(id).id);
  }

  async hitStories(ids: string[]): Promise<(ArticleStory | null)[]> {
    await this.tick();
    return ids.map((id) => stories.articleStory(id));
  }

  async storyDetail(storyId: string): Promise<StoryDetail> {
    await this.tick();
    return stories.storyDetail(storyId);
  }

  async storyPair(a: string, b: string): Promise<PairAlignment> {
    await this.tick();
    return stories.storyPair(this.find(a).id, this.find(b).id);
  }

  /** A team of two (ann and bob) that is in sync, as the demo shows it. */
  team: TeamLine = {
    joined: true,
    state: "synced",
    message: "0 change(s) moved",
    member: "ann",
    pending: 0,
    last_synced: "2026-12-05T09:00:00Z",
  };

  async teamStatus(): Promise<TeamLine> {
    return { ...this.team };
  }

  async teamSyncNow(): Promise<TeamLine> {
    this.team = { ...this.team, state: "synced", last_synced: new Date().toISOString().slice(0, 19) + "Z" };
    return { ...this.team };
  }

  /** Notes alternate between the two members, so the reader shows both. */
  async annotationAuthors(article: string): Promise<AnnotationAuthor[]> {
    return this.annotations
      .filter((n) => n.article === article)
      .map((n, i) => ({ annotation: n.id, member: i % 2 === 0 ? "ann" : "bob" }));
  }

  onLibraryChanged(handler: (e: LibraryChanged) => void): void {
    this.changeHandlers.push(handler);
  }

  /** Another program (the CLI, a script) imports into the library; the window is told. Only recorded articles (mockSeed.json's `external`) can come. */
  externalImport(titles: string[]): void {
    for (const title of titles) {
      this.articles.push({ ...externalArticle(title), imported_at: new Date().toISOString(), origin: "/home/analyst/cli-import.jsonl" });
    }
    const e: LibraryChanged = { articles: this.articles.length, task_running: false };
    for (const h of this.changeHandlers) h(e);
  }

  async importFiles(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
    this.cancelled = false;
    const files: string[] = [];
    for (const p of paths.map((x) => x.trim()).filter(Boolean)) {
      const last = p.split("/").pop() ?? p;
      if (p.endsWith("/") || !last.includes(".")) {
        for (let i = 1; i <= 4; i++) files.push(`${p.replace(/\/$/, "")}/article-${i}.html`);
      } else files.push(p);
    }
    if (files.length === 0) throw new BackendError("invalid_input", "Nothing to import: no paths given.");
    onProgress({ kind: "planned", files: files.length });
    const summary: ImportSummary = { imported: 0, duplicates: 0, failed: 0, cancelled: false, failures: [], warnings: [], bundles: [] };
    for (const [index, path] of files.entries()) {
      if (this.cancelled) {
        summary.cancelled = true;
        break;
      }
      onProgress({ kind: "file", index, path });
      await sleep(120);
      const name = path.split("/").pop() ?? path;
      if (/\.(pdf|exe|docx)$/i.test(name) || name.includes("bad")) {
        summary.failed++;
        summary.failures.push({
          path,
          status: "failed",
          error: name.includes("bad") ? "could not decode the file as UTF-8, Windows-1251 or KOI8-R" : `unsupported format: .${name.split(".").pop()}`,
        });
      } else if (name.includes("dup")) {
        summary.duplicates++;
      } else {
        summary.imported++;
        const id = `i${(Date.now() + index).toString(16).slice(-7)}`;
        this.articles.push({
          id,
          title: `Імпортована стаття: ${name}`,
          source: "imported.local",
          url: null,
          author: null,
          published_at: null,
          language: "uk",
          body: `Текст статті з файлу ${path}.`,
          tags: [],
          imported_at: new Date().toISOString(),
          origin: path,
        });
      }
      onProgress({ kind: "counts", imported: summary.imported, duplicates: summary.duplicates, failed: summary.failed });
    }
    return summary;
  }

  private selectionIds(selection: Selection): string[] {
    if (selection.kind === "ids") return selection.value.map((id) => this.find(id).id);
    if (selection.kind === "query") return this.matching(selection.value).map((a) => a.id);
    const expr = selection.value.trim();
    if (!expr) throw new BackendError("invalid_input", "The tag expression is empty.");
    const stored = new Set(this.articles.map((a) => a.id));
    return tagSelection(expr).filter((id) => stored.has(id));
  }

  async exportSet(
    selection: Selection,
    format: Format,
    output: string,
    options: ExportOptions,
    onProgress: (p: ExportProgress) => void,
  ): Promise<ExportTotals> {
    this.cancelled = false;
    if (!output.trim()) throw new BackendError("invalid_input", "Choose where to write the export.");
    // As the core does: an existing file needs force, an empty selection writes nothing.
    if (this.writtenFiles.has(output) && !options.force)
      throw new BackendError("file_exists", `${output} already exists; choose another name, or confirm replacing it (--force)`);
    const ids = this.selectionIds(selection);
    if (ids.length === 0) throw new BackendError("empty_selection", "nothing to export: the selection selects no articles");
    let done = 0;
    let bytes = 0;
    for (const id of ids) {
      if (this.cancelled) break;
      const a = this.find(id);
      bytes += new TextEncoder().encode(JSON.stringify(this.toArticle(a))).length;
      done++;
      if (done % 5 === 0 || done === ids.length) {
        onProgress({ done, total: ids.length });
        await sleep(40);
      }
    }
    const files = [output];
    if (format === "csv") files.push(output.replace(/\.csv$/i, "") + ".annotations.csv");
    if (!this.cancelled) for (const f of files) this.writtenFiles.add(f);
    const want = { jsonl: "jsonl", csv: "csv", markdown: "md", html: "html", w3c: "jsonld", "refi-qda": "qdpx", zip: "zip" }[format];
    const typed = /\.([a-z0-9]+)$/i.exec(output)?.[1]?.toLowerCase();
    const note = typed === want ? null : `${output.split("/").pop()} was written as ${format}; such files usually end in .${want}`;
    return {
      articles: done,
      annotations: this.annotations.filter((n) => ids.slice(0, done).includes(n.article)).length,
      bytes,
      cancelled: this.cancelled,
      files,
      note,
    };
  }

  async cancelTask(): Promise<void> {
    this.cancelled = true;
  }

  async choosePaths(folders: boolean): Promise<string[] | null> {
    return folders ? ["/home/analyst/scrapes/new-batch/"] : ["/home/analyst/scrapes/a.html", "/home/analyst/scrapes/b.pdf"];
  }

  async chooseSavePath(defaultName: string): Promise<string | null> {
    return `/home/analyst/Exports/${defaultName}`;
  }

  async revealInFolder(): Promise<void> {
    // Nothing to show in a browser.
  }

  /** Links "opened in the browser", in order (UI tests read them). */
  readonly openedUrls: string[] = [];

  async openUrl(url: string): Promise<void> {
    // As the app's opener permission: http and https only.
    if (!/^https?:\/\//i.test(url)) throw new BackendError("open_failed", `Not allowed to open ${url}`);
    this.openedUrls.push(url);
  }
}
