import { describe, expect, it } from "vitest";
import { MockBackend } from "./mock";
import { GENEVA_ID, seedId } from "./mockData";

function backend() {
  const b = new MockBackend();
  b.latency = 0;
  return b;
}

describe("MockBackend annotations", () => {
  it("lists orphaned annotations and forgets deleted ones", async () => {
    const b = backend();
    const orphans = await b.orphanedAnnotations();
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    expect(orphans.every((n) => n.orphaned && n.exact)).toBe(true);
    await b.deleteAnnotation(orphans[0].id);
    expect((await b.orphanedAnnotations()).map((n) => n.id)).not.toContain(orphans[0].id);
  });

  it("updates only the given fields; an empty colour clears it", async () => {
    const b = backend();
    const [first] = (await b.article(GENEVA_ID, "")).annotations;
    const a = await b.updateAnnotation(first.id, "new note", null, null);
    expect([a.note, a.color, a.tags]).toEqual(["new note", first.color, first.tags]);
    const c = await b.updateAnnotation(first.id, null, "", ["x", "x", "y/z"]);
    expect([c.note, c.color, c.tags]).toEqual(["new note", null, ["x", "y/z"]]);
    await expect(b.updateAnnotation(first.id, null, null, ["has space"])).rejects.toThrow(/spaces/);
    await expect(b.updateAnnotation("nope", "x", null, null)).rejects.toThrow(/No annotation/);
  });
});

describe("MockBackend replays the core", () => {
  it("fails loudly on a query that was not recorded", async () => {
    const b = backend();
    await expect(b.search("никто такого не спрашивал", "relevance", 50, 0)).rejects.toThrow(
      /not recorded: .*add it to src-tauri\/src\/search_fixture\.rs/,
    );
  });

  it("replays the word forms a query matched, skipped forms marked", async () => {
    const b = backend();
    const [word] = await b.wordForms("переговори");
    expect(word.word).toBe("переговори");
    expect(word.forms[0]).toMatchObject({ form: "переговори", exact: true, skipped: false });
    expect(word.forms.length).toBeGreaterThan(2);
    const [skipping] = await b.wordForms("переговори skip:переговорах");
    expect(skipping.forms.filter((f) => f.skipped).map((f) => f.form)).toEqual(["переговорах"]);
    await expect(b.wordForms("переговори skip:переговорам")).rejects.toThrow(/not recorded: the word forms/);
    await expect(b.wordForms("lang:xx")).rejects.toMatchObject({ code: "invalid_query" });
  });

  it("answers an invalid query with the core's error", async () => {
    const b = backend();
    await expect(b.search("lang:xx", "relevance", 50, 0)).rejects.toMatchObject({ code: "invalid_query" });
  });

  it("shows the core's marks, highlights and mixed-script words", async () => {
    const b = backend();
    const { hits } = await b.search("Женева", "relevance", 50, 0);
    const geneva = hits.find((h) => h.id === GENEVA_ID)!;
    expect(geneva.marks.length).toBeGreaterThan(0);
    const { article, highlights } = await b.article(GENEVA_ID, "Женева");
    const chars = Array.from(article.body);
    expect(highlights.map((s) => chars.slice(s.start, s.end).join(""))).toContain("Женеві");
    const fake = await b.article(seedId("fake"), "");
    const body = Array.from(fake.article.body);
    expect(fake.mixed_script.map((s) => body.slice(s.start, s.end).join(""))).toContain("Мінoборони");
  });

  it("leaves removed articles out of a recorded answer and puts them back", async () => {
    const b = backend();
    const total = (await b.search("Женева", "relevance", 50, 0)).total;
    const report = await b.deleteArticles([GENEVA_ID]);
    const after = await b.search("Женева", "relevance", 50, 0);
    expect(after.total).toBe(total - 1);
    expect(after.hits.map((h) => h.id)).not.toContain(GENEVA_ID);
    await b.restoreArticles(report.removal!);
    expect((await b.search("Женева", "relevance", 50, 0)).total).toBe(total);
  });
});

describe("MockBackend blocks", () => {
  it("classifies prompts, credits and timestamped headline lists as the core does", async () => {
    const b = backend();
    const { blocks, article } = await b.article(GENEVA_ID, "");
    const chars = Array.from(article.body);
    const classOf = (start: string) => blocks.find((x) => chars.slice(x.start, x.end).join("").startsWith(start))?.class;
    expect(classOf("У Женеві")).toBe("story");
    expect(classOf("Фото:")).toBe("boilerplate");
    expect(classOf("Підписуйтесь")).toBe("boilerplate");
    expect(classOf("Фестиваль вареників")).toBe("related");
  });

  it("searches the story only, unless the query says in:all", async () => {
    const b = backend();
    const ids = async (q: string) => (await b.search(q, "relevance", 50, 0)).hits.map((h) => h.id);
    expect(await ids("Viber")).toEqual([]);
    expect(await ids("in:all Viber")).toEqual([GENEVA_ID]);
  });

  it("keeps the user's class for a line until set back to automatic", async () => {
    const b = backend();
    const { blocks, article } = await b.article(GENEVA_ID, "");
    const line = blocks.find((x) => Array.from(article.body).slice(x.start, x.end).join("").startsWith("Лавров"))!;
    const total = async (q: string) => (await b.search(q, "relevance", 50, 0)).total;
    expect(await total("формулюваннями")).toBe(1);

    const after = await b.setBlockClass(GENEVA_ID, line.start, "boilerplate");
    expect(after.find((x) => x.start === line.start)).toMatchObject({ class: "boilerplate", reason: "user" });
    expect(await total("формулюваннями")).toBe(0);
    expect((await b.article(GENEVA_ID, "")).blocks).toEqual(after);

    const back = await b.setBlockClass(GENEVA_ID, line.start, null);
    expect(back.find((x) => x.start === line.start)).toMatchObject({ class: "story" });
    await expect(b.setBlockClass(GENEVA_ID, line.start + 1, "story")).rejects.toThrow(/no block/);
  });
});
