import { describe, expect, it } from "vitest";
import type { Block } from "./backend";
import { blockCuts, bodyParts, classCounts, isOpen } from "./blocks";
import { segmentBody } from "./text";

const body = "Перший абзац.\nПідписуйтесь на наш канал\nДругий абзац.\nІнша новина\n15:15 19.03.2022";
const blocks: Block[] = [
  { start: 0, end: 13, class: "story", reason: "text" },
  { start: 14, end: 39, class: "boilerplate", reason: "prompt" },
  { start: 40, end: 53, class: "story", reason: "text" },
  { start: 54, end: 65, class: "related", reason: "list" },
  { start: 66, end: 82, class: "related", reason: "list" },
];

describe("bodyParts", () => {
  it("keeps story blocks apart and runs of other lines together", () => {
    const segs = segmentBody(body, [{ start: 3, end: 20 }], [], [], blockCuts(blocks));
    const parts = bodyParts(segs, blocks, Array.from(body).length);
    expect(parts.map((p) => [p.aside, p.blocks.length])).toEqual([
      [false, 1],
      [true, 1],
      [false, 1],
      [true, 2],
    ]);
    // A highlight across a block boundary is cut there; no text is lost or shared.
    const text = parts.flatMap((p) => p.blocks.map((b) => b.segments.map((s) => s.text).join("")));
    expect(text).toEqual(["Перший абзац.", "Підписуйтесь на наш канал", "Другий абзац.", "Інша новина", "15:15 19.03.2022"]);
    expect(parts[0].blocks[0].segments.some((s) => s.hit)).toBe(true);
    expect(parts[1].blocks[0].segments[0].hit).toBe(true);
    expect(classCounts(parts[3])).toEqual([["related", 2]]);
  });

  it("counts classes in a fixed order and stays open when lines join a group", () => {
    const mixed: Block[] = [
      { start: 0, end: 13, class: "related", reason: "list" },
      { start: 14, end: 39, class: "boilerplate", reason: "prompt" },
      { start: 40, end: 53, class: "story", reason: "text" },
    ];
    const [aside] = bodyParts(segmentBody(body, [], [], [], blockCuts(mixed)), mixed, Array.from(body).length);
    expect(classCounts(aside)).toEqual([
      ["boilerplate", 1],
      ["related", 1],
    ]);
    // Opened by its second line: a group is open when any of its lines was opened.
    expect(isOpen(aside, new Set([14]))).toBe(true);
    expect(isOpen(aside, new Set([40]))).toBe(false);
  });

  it("shows an unclassified body as one story block", () => {
    const segs = segmentBody("a\nb", [], [], []);
    const parts = bodyParts(segs, [], 3);
    expect(parts).toHaveLength(1);
    expect(parts[0].aside).toBe(false);
    expect(parts[0].blocks[0].segments.map((s) => s.text).join("")).toBe("a\nb");
  });
});
