import { describe, expect, it } from "vitest";
import { MockBackend } from "./mock";
import { mockBlocks } from "./mockQuery";

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

describe("MockBackend blocks", () => {
  const GENEVA = "a1f3b2c4";

  it("classifies prompts, credits and timestamped headline lists", () => {
    const body = "Текст.\nФото: Reuters\nПідписуйтесь на наш Telegram-канал\nІнша новина\n15:15 19.03.2022";
    expect(mockBlocks(body).map((b) => [b.class, b.reason])).toEqual([
      ["story", "text"],
      ["boilerplate", "credit"],
      ["boilerplate", "prompt"],
      ["related", "list"],
      ["related", "list"],
    ]);
  });

  it("searches the story only, unless the query says in:all", async () => {
    const b = new MockBackend(0);
    b.latency = 0;
    const ids = async (q: string) => (await b.search(q, "relevance", 50, 0)).hits.map((h) => h.id);
    expect(await ids("Viber")).toEqual([]);
    expect(await ids("in:all Viber")).toEqual([GENEVA]);
  });

  it("keeps the user's class for a line until set back to automatic", async () => {
    const b = new MockBackend(0);
    b.latency = 0;
    const { blocks, article } = await b.article(GENEVA, "");
    const line = blocks.find((x) => Array.from(article.body).slice(x.start, x.end).join("").startsWith("Лавров"))!;
    const total = async (q: string) => (await b.search(q, "relevance", 50, 0)).total;
    expect(await total("формулюваннями")).toBe(1);

    const after = await b.setBlockClass(GENEVA, line.start, "boilerplate");
    expect(after.find((x) => x.start === line.start)).toMatchObject({ class: "boilerplate", reason: "user" });
    expect(await total("формулюваннями")).toBe(0);
    expect((await b.article(GENEVA, "")).blocks).toEqual(after);

    const back = await b.setBlockClass(GENEVA, line.start, null);
    expect(back.find((x) => x.start === line.start)).toMatchObject({ class: "story", reason: "text" });
    await expect(b.setBlockClass(GENEVA, line.start + 1, "story")).rejects.toThrow(/no block/);
  });
});
