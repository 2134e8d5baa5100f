// What comes in and goes out: importing files, exporting sets, capturing web
// pages and feeds, the team's sync, and the native pickers these use.
import type {
  Backend,
  CaptureOutcome,
  CaptureProgress,
  ExportOptions,
  ExportProgress,
  ExportTotals,
  Feed,
  Format,
  ImportProgress,
  ImportSummary,
  PollReport,
  PollSchedule,
  Selection,
  TeamLine,
} from "./api";

export class IoState {
  readonly #backend: Backend;

  /** The address the capture dialog starts with (a dropped or pasted link). */
  captureAddress = $state("");

  constructor(backend: Backend) {
    this.#backend = backend;
  }

  /** The files (or folders) to import; `null` when the user cancels. */
  choosePaths(folders: boolean): Promise<string[] | null> {
    return this.#backend.choosePaths(folders);
  }

  importFiles(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
    return this.#backend.importFiles(paths, onProgress);
  }

  /** Where to write; `null` when the user cancels. */
  chooseSavePath(defaultName: string): Promise<string | null> {
    return this.#backend.chooseSavePath(defaultName);
  }

  exportSet(
    selection: Selection,
    format: Format,
    output: string,
    options: ExportOptions,
    onProgress: (p: ExportProgress) => void,
  ): Promise<ExportTotals> {
    return this.#backend.exportSet(selection, format, output, options, onProgress);
  }

  revealInFolder(path: string): Promise<void> {
    return this.#backend.revealInFolder(path);
  }

  /** Stops the running import or export. */
  cancelTask(): Promise<void> {
    return this.#backend.cancelTask();
  }

  /** Captures a web address; `insecure` accepts an unverified certificate for this capture. */
  captureUrl(url: string, insecure: boolean, onProgress: (p: CaptureProgress) => void): Promise<CaptureOutcome> {
    return this.#backend.captureUrl(url, insecure, onProgress);
  }

  /** Writes one capture's WARC records to `output`; the bytes written. */
  exportCaptureWarc(capture: number, output: string): Promise<number> {
    return this.#backend.exportCaptureWarc(capture, output);
  }

  feedsList(): Promise<Feed[]> {
    return this.#backend.feedsList();
  }

  feedAdd(url: string): Promise<Feed> {
    return this.#backend.feedAdd(url);
  }

  feedRemove(id: number): Promise<void> {
    return this.#backend.feedRemove(id);
  }

  feedPollNow(): Promise<PollReport> {
    return this.#backend.feedPollNow();
  }

  pollSchedule(): Promise<PollSchedule> {
    return this.#backend.pollSchedule();
  }

  /** Minutes between scheduled polls while the app runs (0: off). */
  setPollMinutes(minutes: number): Promise<PollSchedule> {
    return this.#backend.setPollMinutes(minutes);
  }

  /** The team status line: off, syncing, synced, offline or error. */
  teamStatus(): Promise<TeamLine> {
    return this.#backend.teamStatus();
  }

  /** Asks the background sync to run now. */
  teamSyncNow(): Promise<TeamLine> {
    return this.#backend.teamSyncNow();
  }
}
