// Invisible and direction-control characters. One RIGHT-TO-LEFT OVERRIDE in a
// title reverses everything after it ("‮тсет" for "тест"), and zero-width
// characters split words without a trace; both are how spoofed headlines hide.
// The reader and lists show them as small labels and keep their effect inside
// their own isolated run, so they reverse nothing.
import type { CodeSpan } from "./codeSpan";

/** Short label and Unicode name of every character we mark. */
export const INVISIBLE: ReadonlyMap<string, { label: string; name: string }> = new Map([
  ["\u202A", { label: "LRE", name: "LEFT-TO-RIGHT EMBEDDING" }],
  ["\u202B", { label: "RLE", name: "RIGHT-TO-LEFT EMBEDDING" }],
  ["\u202C", { label: "PDF", name: "POP DIRECTIONAL FORMATTING" }],
  ["\u202D", { label: "LRO", name: "LEFT-TO-RIGHT OVERRIDE" }],
  ["\u202E", { label: "RLO", name: "RIGHT-TO-LEFT OVERRIDE" }],
  ["\u2066", { label: "LRI", name: "LEFT-TO-RIGHT ISOLATE" }],
  ["\u2067", { label: "RLI", name: "RIGHT-TO-LEFT ISOLATE" }],
  ["\u2068", { label: "FSI", name: "FIRST STRONG ISOLATE" }],
  ["\u2069", { label: "PDI", name: "POP DIRECTIONAL ISOLATE" }],
  ["\u200B", { label: "ZWSP", name: "ZERO WIDTH SPACE" }],
  ["\u200C", { label: "ZWNJ", name: "ZERO WIDTH NON-JOINER" }],
  ["\u200D", { label: "ZWJ", name: "ZERO WIDTH JOINER" }],
  ["\u2060", { label: "WJ", name: "WORD JOINER" }],
  ["\uFEFF", { label: "BOM", name: "ZERO WIDTH NO-BREAK SPACE (BOM)" }],
]);

/** The label of `ch` when it is a marked invisible character. */
export function invisibleLabel(ch: string): string | null {
  return INVISIBLE.get(ch)?.label ?? null;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, for a tooltip. */
export function invisibleName(ch: string): string {
  const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `U+${code} ${INVISIBLE.get(ch)?.name ?? ""}`.trim();
}

export interface InvisibleSpan extends CodeSpan {
  label: string;
}

/** Code-point spans (one character each) of the invisible characters of `text`. */
export function invisibleSpans(text: string): InvisibleSpan[] {
  const out: InvisibleSpan[] = [];
  let pos = 0;
  for (const ch of text) {
    const label = invisibleLabel(ch);
    if (label) out.push({ start: pos, end: pos + 1, label });
    pos++;
  }
  return out;
}

export interface TextRun {
  text: string;
  /** Set for a run that is one invisible character. */
  label: string | null;
}

/**
 * `text` cut into runs of ordinary text and single invisible characters, in
 * order; joined back they are `text` again.
 */
export function invisibleRuns(text: string): TextRun[] {
  const out: TextRun[] = [];
  let plain = "";
  for (const ch of text) {
    const label = invisibleLabel(ch);
    if (!label) {
      plain += ch;
      continue;
    }
    if (plain) out.push({ text: plain, label: null });
    plain = "";
    out.push({ text: ch, label });
  }
  if (plain) out.push({ text: plain, label: null });
  return out;
}
