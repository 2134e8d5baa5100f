// The matches the reader steps through in the open article: the find bar's
// while it is open with text, else the search's highlights.
import { findInText, stepMatch } from "./find";
import type { CodeSpan } from "./codeSpan";

export class ArticleMatches {
  readonly #body: () => string;
  readonly #searched: () => CodeSpan[];
  /** The find bar is open. */
  finding = $state(false);
  /** What is typed in the find bar. */
  text = $state("");
  /** The current match, -1 before the first step. */
  index = $state(-1);
  /** The find bar's matches; null while it is closed or empty. */
  readonly found = $derived.by(() =>
    this.finding && this.text.trim() ? findInText(this.#body(), this.text) : null,
  );
  readonly all = $derived.by(() => this.found ?? this.#searched());
  readonly current = $derived.by(() => this.all[this.index] ?? null);

  constructor(body: () => string, searched: () => CodeSpan[]) {
    this.#body = body;
    this.#searched = searched;
  }

  step(by: 1 | -1): void {
    this.index = stepMatch(this.index, this.all.length, by);
  }

  /** Typing in the find bar: the first match is shown at once, as in a browser. */
  type(text: string): void {
    this.text = text;
    this.index = this.all.length > 0 ? 0 : -1;
  }

  open(): void {
    this.finding = true;
    this.index = this.all.length > 0 && this.text.trim() ? 0 : -1;
  }

  close(): void {
    this.finding = false;
    this.index = -1;
  }

  /** Another article: no match is current. */
  reset(): void {
    this.index = -1;
  }
}
