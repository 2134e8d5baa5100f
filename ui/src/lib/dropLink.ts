// A link dropped on the window (issue 18): the first http(s) address of a
// `text/uri-list` (comment lines skipped), else of plain text; anything
// else (files, other schemes) is not a link to capture.

export function linkFrom(uriList: string, text: string): string | null {
  const lines = uriList
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  for (const candidate of [...lines, text.trim()]) {
    if (!candidate || /\s/.test(candidate)) continue;
    try {
      const u = new URL(candidate);
      if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    } catch {
      // not an address
    }
  }
  return null;
}

/** Whether a drag carries something that may be a link (not files). */
export function mayBeLink(types: readonly string[]): boolean {
  return !types.includes("Files") && (types.includes("text/uri-list") || types.includes("text/plain"));
}
