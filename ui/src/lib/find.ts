// Find in the open article: every occurrence of what the user typed, in code
// points of the body, so the reader can mark and step through them.
import type { CodeSpan } from "./codeSpan";
import { INVISIBLE } from "./invisible";

const ZERO_WIDTH = new Set(["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"]);

/** One code point folded for matching: lower case, `ё` as `е`; a letter whose lower case is longer stays. */
function fold(ch: string): string {
  const lower = ch.toLowerCase();
  const one = Array.from(lower).length === 1 ? lower : ch;
  return one === "ё" ? "е" : one;
}

/**
 * Spans of every occurrence of `needle` in `body`, in order and not
 * overlapping: case-insensitive, `ё` = `е`, and zero-width characters inside
 * the body's words skipped (as search does), so `Лав\u200Bров` is found by
 * `лавров`. Whitespace in the needle matches any one whitespace character.
 */
export function findInText(body: string, needle: string): CodeSpan[] {
  const wanted = Array.from(needle.trim())
    .filter((c) => !INVISIBLE.has(c))
    .map((c) => (/\s/u.test(c) ? " " : fold(c)));
  if (wanted.length === 0) return [];
  // The body without zero-width characters, each kept character with its offset.
  const chars: string[] = [];
  const at: number[] = [];
  let pos = 0;
  for (const c of body) {
    if (!ZERO_WIDTH.has(c)) {
      chars.push(/\s/u.test(c) ? " " : fold(c));
      at.push(pos);
    }
    pos++;
  }
  const out: CodeSpan[] = [];
  let i = 0;
  while (i + wanted.length <= chars.length) {
    let j = 0;
    while (j < wanted.length && chars[i + j] === wanted[j]) j++;
    if (j === wanted.length) {
      out.push({ start: at[i], end: at[i + j - 1] + 1 });
      i += j;
    } else i++;
  }
  return out;
}

/** The index after stepping `by` from `index` through `count` matches, wrapping around; -1 when there are none. */
export function stepMatch(index: number, count: number, by: 1 | -1): number {
  if (count === 0) return -1;
  if (index < 0) return by > 0 ? 0 : count - 1;
  return (index + by + count) % count;
}
