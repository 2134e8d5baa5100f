import { describe, expect, it } from "vitest";
import { MockBackend } from "./mock";

describe("MockBackend annotations", () => {
  it("lists orphaned annotations and forgets deleted ones", async () => {
    const b = new MockBackend(0);
    b.latency = 0;
    const orphans = await b.orphanedAnnotations();
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    expect(orphans.every((n) => n.orphaned && n.exact)).toBe(true);
    await b.deleteAnnotation(orphans[0].id);
    expect((await b.orphanedAnnotations()).map((n) => n.id)).not.toContain(orphans[0].id);
  });

  it("updates only the given fields; an empty colour clears it", async () => {
    const b = new MockBackend(0);
    b.latency = 0;
    const [first] = (await b.article("a1f3b2c4", "")).annotations;
    const a = await b.updateAnnotation(first.id, "new note", null, null);
    expect([a.note, a.color, a.tags]).toEqual(["new note", first.color, first.tags]);
    const c = await b.updateAnnotation(first.id, null, "", ["x", "x", "y/z"]);
    expect([c.note, c.color, c.tags]).toEqual(["new note", null, ["x", "y/z"]]);
    await expect(b.updateAnnotation(first.id, null, null, ["has space"])).rejects.toThrow(/spaces/);
    await expect(b.updateAnnotation("nope", "x", null, null)).rejects.toThrow(/No annotation/);
  });
});
