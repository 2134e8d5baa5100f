// The original link of an article and its citation for a report.
import type { Article } from "./backend";
import { INVISIBLE } from "./invisible";

/** `url` when it is an http or https link (the only ones opened in the browser), else null. */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}

/** `text` without invisible and direction-control characters, which would reorder or split it in a report. */
function visible(text: string): string {
  return Array.from(text)
    .filter((c) => !INVISIBLE.has(c))
    .join("")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * `Title. Source, 2022-03-15. URL` — the parts an article lacks are left out
 * with their punctuation; the date is the day as stored (no time zone shift).
 */
export function citation(a: Pick<Article, "title" | "source" | "published_at" | "url">): string {
  const title = visible(a.title);
  const parts: string[] = [];
  if (title) parts.push(/[.!?…]$/u.test(title) ? title : `${title}.`);
  const source = a.source ? visible(a.source) : "";
  const date = a.published_at ? a.published_at.slice(0, 10) : "";
  const where = [source, date].filter(Boolean).join(", ");
  if (where) parts.push(`${where}.`);
  const url = a.url ? visible(a.url) : "";
  if (url) parts.push(url);
  return parts.join(" ");
}
