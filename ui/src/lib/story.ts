// Pure helpers for story clusters: the shared/changed runs of a compared
// text, and folding a page of hits into one row per story.
import type { ArticleStory, SearchHit } from "./backend";
import type { CodeSpan } from "./codeSpan";

export interface Run {
  /** Code-point offsets into the body. */
  start: number;
  end: number;
  text: string;
  /** Inside a passage the other article shares. */
  shared: boolean;
}

/**
 * Cuts `body` into runs inside and outside the `spans` (code points, as the
 * core gives them; overlapping or out-of-range spans are merged and clamped).
 * The runs cover the body exactly, so the text shown is the body's.
 */
export function sharedRuns(body: string, spans: CodeSpan[]): Run[] {
  const chars = Array.from(body);
  const n = chars.length;
  const clamp = (x: number) => Math.max(0, Math.min(n, x));
  const sorted = spans
    .map((s) => ({ start: clamp(s.start), end: clamp(s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: CodeSpan[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const out: Run[] = [];
  let pos = 0;
  const push = (start: number, end: number, shared: boolean) => {
    if (end > start) out.push({ start, end, text: chars.slice(start, end).join(""), shared });
  };
  for (const s of merged) {
    push(pos, s.start, false);
    push(s.start, s.end, true);
    pos = s.end;
  }
  push(pos, n, false);
  return out;
}

export interface FoldRow {
  hit: SearchHit;
  /** Index of the hit in the page (what selection and the keyboard use). */
  index: number;
  story: ArticleStory | null;
  /** `head`: the story's best-ranked hit on the page; `member`: another one, unfolded. */
  role: "single" | "head" | "member";
  /** Other articles of the story (in the whole library). */
  reprints: number;
  /** Distinct sources among the story's hits on this page (no source counts as one). */
  sources: number;
  /** Whether every member of the story is on this page (else `sources` is a lower bound). */
  complete: boolean;
  /** Hits of this story on the page besides the head. */
  hidden: number;
}

/**
 * One row per story: the first (best-ranked) of its hits, unless the story is
 * in `open`, where its other hits follow right under it. Hits in no story
 * (or whose story is not known yet) stay as they are, in their place.
 */
export function foldHits(
  hits: SearchHit[],
  stories: ReadonlyMap<string, ArticleStory | null>,
  open: ReadonlySet<string>,
): FoldRow[] {
  const groups = new Map<string, number[]>();
  hits.forEach((h, i) => {
    const s = stories.get(h.id);
    if (!s) return;
    const g = groups.get(s.id);
    if (g) g.push(i);
    else groups.set(s.id, [i]);
  });
  const rows: FoldRow[] = [];
  hits.forEach((hit, index) => {
    const story = stories.get(hit.id) ?? null;
    if (!story) {
      rows.push({ hit, index, story, role: "single", reprints: 0, sources: 1, complete: true, hidden: 0 });
      return;
    }
    const group = groups.get(story.id)!;
    if (group[0] !== index) return;
    const sources = new Set(group.map((i) => hits[i].source ?? "")).size;
    const common = {
      story,
      reprints: Math.max(0, story.size - 1),
      sources,
      complete: group.length >= story.size,
      hidden: group.length - 1,
    };
    rows.push({ hit, index, role: "head", ...common });
    if (open.has(story.id)) {
      for (const i of group.slice(1)) rows.push({ hit: hits[i], index: i, role: "member", ...common });
    }
  });
  return rows;
}

/** A share (0..1) as a whole percentage. */
export function percent(share: number | null): number {
  // A share the core could not compute (NaN travels as null) shows as 0.
  return Math.round(Math.max(0, Math.min(1, share ?? 0)) * 100);
}
