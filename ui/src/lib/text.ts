// Pure text helpers: snippets, code-point segmentation, tag trees, query terms.
import type { Annotation, Tag } from "./api";
import type { CodeSpan } from "./codeSpan";
import { invisibleSpans } from "./invisible";

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** A snippet cut at its marks (code-point spans of the matched words, as the
 * core gives them, in order); a mark outside the text or overlapping the one
 * before is ignored. */
export function snippetParts(text: string, marks: readonly CodeSpan[]): SnippetPart[] {
  const chars = Array.from(text);
  const parts: SnippetPart[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.start < pos || m.end <= m.start || m.end > chars.length) continue;
    if (m.start > pos) parts.push({ text: chars.slice(pos, m.start).join(""), mark: false });
    parts.push({ text: chars.slice(m.start, m.end).join(""), mark: true });
    pos = m.end;
  }
  if (pos < chars.length) parts.push({ text: chars.slice(pos).join(""), mark: false });
  return parts;
}

/**
 * A snippet cut so that its first match sits near its start: at most
 * `before` characters of context ahead of it (cut at a word, marked `…`) and
 * `total` characters in all. A result row shows three lines of about 55
 * characters, and a match after them was clamped out of sight.
 */
export function centreSnippet(parts: SnippetPart[], before = 50, total = 160): SnippetPart[] {
  const first = parts.findIndex((p) => p.mark);
  if (first < 0) return parts;
  let head = Array.from(parts.slice(0, first).map((p) => p.text).join(""));
  if (head.length > before) {
    let cut = head.length - before;
    // Start at a word when one starts soon after the cut.
    const space = head.slice(cut, cut + 20).findIndex((c) => /\s/u.test(c));
    if (space >= 0) cut += space + 1;
    head = ["…", ...head.slice(cut)];
  }
  const kept: SnippetPart[] = head.length > 0 ? [{ text: head.join(""), mark: false }] : [];
  let used = head.length;
  for (const [i, part] of parts.slice(first).entries()) {
    const chars = Array.from(part.text);
    if (i === 0 || used + chars.length <= total) {
      kept.push(part);
      used += chars.length;
      continue;
    }
    const room = total - used;
    if (!part.mark && room > 0) {
      const text = chars.slice(0, room).join("");
      const end = text.search(/\s\S*$/u);
      kept.push({ text: (end > 0 ? text.slice(0, end) : text) + "…", mark: false });
    } else kept.push({ text: "…", mark: false });
    break;
  }
  return kept;
}

export interface Segment {
  /** Code-point offset of the first character in the body. */
  start: number;
  end: number;
  text: string;
  hit: boolean;
  mixed: boolean;
  /** The label of the invisible or direction-control character this segment is (`RLO`, `ZWSP`), else null. */
  invisible: string | null;
  /** Annotations covering this segment, earliest first. */
  annotations: Annotation[];
}

/**
 * Cuts `body` at every boundary of the given spans (all in code points) so that
 * each segment is covered by one fixed set of them. Overlaps are fine. Every
 * invisible or direction-control character is a segment of its own, so it
 * can be marked and its effect kept inside it.
 */
export function segmentBody(
  body: string,
  highlights: CodeSpan[],
  mixed: CodeSpan[],
  annotations: Annotation[],
  /** Further places to cut (block boundaries). */
  cutsAt: number[] = [],
): Segment[] {
  const chars = Array.from(body);
  const n = chars.length;
  const anns = annotations.filter(
    (a) => !a.orphaned && a.start != null && a.end != null && a.end > a.start,
  );
  const clamp = (x: number) => Math.max(0, Math.min(n, x));
  const cuts = new Set<number>([0, n, ...cutsAt.map(clamp)]);
  const invisible = new Map(invisibleSpans(body).map((s) => [s.start, s.label]));
  for (const at of invisible.keys()) {
    cuts.add(at);
    cuts.add(at + 1);
  }
  for (const s of [...highlights, ...mixed]) {
    cuts.add(clamp(s.start));
    cuts.add(clamp(s.end));
  }
  for (const a of anns) {
    cuts.add(clamp(a.start!));
    cuts.add(clamp(a.end!));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (s: CodeSpan, start: number, end: number) => s.start <= start && s.end >= end;
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    out.push({
      start,
      end,
      text: chars.slice(start, end).join(""),
      hit: highlights.some((s) => covers(s, start, end)),
      mixed: mixed.some((s) => covers(s, start, end)),
      invisible: end === start + 1 ? (invisible.get(start) ?? null) : null,
      annotations: anns.filter((a) => covers({ start: a.start!, end: a.end! }, start, end)),
    });
  }
  return out;
}

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Code-point offset in the body of a DOM position inside the reader: the
 * nearest element with `data-start` gives its segment's start, then the code
 * points before `offset` in that segment are added.
 */
export function domOffsetToCodePoint(node: Node, offset: number, root: Element): number | null {
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  if (node.nodeType === Node.ELEMENT_NODE) {
    // A position between children: map to the start of the child at `offset`, or the end.
    const children = (node as Element).childNodes;
    if (offset < children.length) return domOffsetToCodePoint(children[offset], 0, root);
    const segEl = (node as Element).closest("[data-start]");
    if (segEl && root.contains(segEl)) return Number(segEl.getAttribute("data-end"));
    return null;
  }
  while (el && !el.hasAttribute("data-start")) {
    if (el === root) return null;
    el = el.parentElement;
  }
  if (!el || !root.contains(el)) return null;
  const text = node.textContent ?? "";
  return Number(el.getAttribute("data-start")) + cpLength(text.slice(0, offset));
}

export interface TagNode {
  /** Last path component. */
  label: string;
  /** Full name, `war/diplomacy`. */
  name: string;
  count: number;
  /** Articles tagged with this tag or any below it (sum of exact counts). */
  total: number;
  /** Annotations tagged with exactly this tag. */
  annotations: number;
  /** Annotations tagged with this tag or any below it. */
  notes: number;
  color: string | null;
  children: TagNode[];
}

/** Builds the tag hierarchy from slash-separated names; missing parents are made up. */
export function buildTagTree(
  tags: (Pick<Tag, "name" | "count" | "color"> & { annotations?: number })[],
): TagNode[] {
  const roots: TagNode[] = [];
  const byName = new Map<string, TagNode>();
  const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name));
  for (const tag of sorted) {
    const parts = tag.name.split("/").filter((p) => p.length > 0);
    let siblings = roots;
    let path = "";
    parts.forEach((part, i) => {
      path = path ? `${path}/${part}` : part;
      let node = byName.get(path);
      if (!node) {
        node = { label: part, name: path, count: 0, total: 0, annotations: 0, notes: 0, color: null, children: [] };
        byName.set(path, node);
        siblings.push(node);
      }
      if (i === parts.length - 1) {
        node.count = tag.count;
        node.annotations = tag.annotations ?? 0;
        node.color = tag.color ?? null;
      }
      siblings = node.children;
    });
  }
  const sum = (node: TagNode): number => {
    node.total = node.count + node.children.reduce((acc, c) => acc + sum(c), 0);
    node.notes = node.annotations + node.children.reduce((acc, c) => acc + c.notes, 0);
    return node.total;
  };
  roots.forEach(sum);
  return roots;
}

/** `field:value`, quoting the value when it holds spaces, quotes or parentheses. */
export function term(field: string, value: string): string {
  if (/^[^\s"()«»“”„]+$/u.test(value)) return `${field}:${value}`;
  return `${field}:"${value.replace(/"/g, "")}"`;
}

/** The query sent to the backend: typed text plus facet filters. */
export function composeQuery(text: string, filters: string[]): string {
  return [text.trim(), ...filters].filter((s) => s.length > 0).join(" ");
}

/** An `in:` term (`in:all`, `in:story`, …): the query says its own scope. */
const SCOPE_TERM = /(^|[\s(])in:\S/i;

/**
 * The query as sent to the backend: with "Whole text" on, `in:all ` goes in
 * front so words are also searched in prompts, credits and lists of other
 * headlines. An empty query already matches everything, and a scope typed
 * in the query (`in:story`, `in:all`) wins over the toggle.
 */
export function scopedQuery(query: string, allText: boolean): string {
  const q = query.trim();
  if (!allText || q === "" || SCOPE_TERM.test(q)) return q;
  return `in:all ${q}`;
}

/** A stable colour for a tag without one. */
export function fallbackColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return `hsl(${h} 55% 50%)`;
}

/**
 * Colours offered for annotations; the first is the default. Blue, not yellow:
 * search hits are yellow, and a note must not read as a hit (it is also
 * `--ann-default` in app.css, for annotations stored without a colour).
 */
export const ANNOTATION_COLORS = ["#64b5f6", "#81c784", "#ffd54f", "#f48fb1", "#ffb74d", "#ce93d8"];

/** What a screen reader (and a tooltip) calls each of ANNOTATION_COLORS. */
export const COLOR_NAMES: Record<string, "color.blue" | "color.green" | "color.yellow" | "color.pink" | "color.orange" | "color.purple"> = {
  "#64b5f6": "color.blue",
  "#81c784": "color.green",
  "#ffd54f": "color.yellow",
  "#f48fb1": "color.pink",
  "#ffb74d": "color.orange",
  "#ce93d8": "color.purple",
};
