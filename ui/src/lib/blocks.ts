// The reader shows an article line by line (blocks from the backend): the
// story as text, and each run of lines around it — prompts, credits, lists of
// other headlines — as one group that starts folded.
import type { Block, BlockClass } from "./backend";
import type { Segment } from "./text";

export interface BlockView {
  block: Block;
  /** The block's pieces of text (cut at highlights and annotations). */
  segments: Segment[];
}

export interface BodyPart {
  /** A run of lines that are not story. */
  aside: boolean;
  /** Code point where the part starts: its key in the list. */
  key: number;
  blocks: BlockView[];
}

/** Block boundaries, for cutting segments at them. */
export function blockCuts(blocks: Block[]): number[] {
  return blocks.flatMap((b) => [b.start, b.end]);
}

/**
 * Groups the blocks of a body into story parts and runs of non-story lines.
 * Without blocks (nothing classified) the whole body is one story block.
 */
export function bodyParts(segments: Segment[], blocks: Block[], length: number): BodyPart[] {
  const all: Block[] = blocks.length > 0 ? blocks : [{ start: 0, end: length, class: "story", reason: "text" }];
  const parts: BodyPart[] = [];
  let i = 0;
  for (const block of all) {
    while (i < segments.length && segments[i].end <= block.start) i++;
    const inside: Segment[] = [];
    for (let j = i; j < segments.length && segments[j].start < block.end; j++) {
      if (segments[j].start >= block.start) inside.push(segments[j]);
    }
    const aside = block.class !== "story";
    const last = parts[parts.length - 1];
    if (last && last.aside === aside && aside) last.blocks.push({ block, segments: inside });
    else parts.push({ aside, key: block.start, blocks: [{ block, segments: inside }] });
  }
  return parts;
}

const CLASS_ORDER: BlockClass[] = ["boilerplate", "related", "story"];

/** How many lines of each class a part holds, in a fixed order (so summaries read alike). */
export function classCounts(part: BodyPart): [BlockClass, number][] {
  const counts = new Map<BlockClass, number>();
  for (const { block } of part.blocks) counts.set(block.class, (counts.get(block.class) ?? 0) + 1);
  return CLASS_ORDER.filter((c) => counts.has(c)).map((c) => [c, counts.get(c)!]);
}

/** Whether a part is shown open: any of its lines was opened (keys survive lines joining or leaving). */
export function isOpen(part: BodyPart, opened: ReadonlySet<number>): boolean {
  return part.blocks.some(({ block }) => opened.has(block.start));
}
