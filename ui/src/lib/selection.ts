// Maps the reader's DOM selection to code points of the article body.
import type { PendingQuote } from "./reader.svelte";
import { domOffsetToCodePoint } from "./text";

export function readerSelection(body: string): PendingQuote | null {
  const root = document.querySelector("[data-reader-body]");
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) && !root.contains(range.endContainer)) return null;
  const n = Array.from(body).length;
  const start = root.contains(range.startContainer)
    ? domOffsetToCodePoint(range.startContainer, range.startOffset, root)
    : 0;
  const end = root.contains(range.endContainer)
    ? domOffsetToCodePoint(range.endContainer, range.endOffset, root)
    : n;
  if (start === null || end === null) return null;
  let a = Math.max(0, Math.min(start, end));
  let b = Math.min(n, Math.max(start, end));
  const chars = Array.from(body);
  // Trim surrounding whitespace from the quote.
  while (a < b && /\s/u.test(chars[a])) a++;
  while (b > a && /\s/u.test(chars[b - 1])) b--;
  if (b <= a) return null;
  return { start: a, end: b, text: chars.slice(a, b).join("") };
}
