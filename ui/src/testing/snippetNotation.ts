// Tests write a snippet as the CLI prints it, matched words between `[[` and
// `]]`; this turns that notation into what the core sends: plain text and
// code-point marks. (Test-only: nothing shipped imports it.)
import type { CodeSpan } from "../lib/codeSpan";

export function marked(notation: string): { text: string; marks: CodeSpan[] } {
  let text = "";
  let length = 0;
  const marks: CodeSpan[] = [];
  for (const [i, piece] of notation.split(/\[\[|\]\]/).entries()) {
    const chars = Array.from(piece).length;
    if (i % 2 === 1) marks.push({ start: length, end: length + chars });
    text += piece;
    length += chars;
  }
  return { text, marks };
}
