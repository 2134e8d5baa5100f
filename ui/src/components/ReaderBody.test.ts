import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import ReaderBody from "./ReaderBody.svelte";
import type { Annotation, Block } from "../lib/backend";
import { domOffsetToCodePoint } from "../lib/text";

function ann(id: string, start: number, end: number, color: string): Annotation {
  return {
    id, article: "a", start, end, exact: null, prefix: null, suffix: null,
    note: `нотатка ${id}`, color, tags: [], orphaned: false, created_at: "", updated_at: "",
  };
}

describe("ReaderBody", () => {
  const body = "😀 Лавров заявив у Женеві: «Мінoборони» 🇺🇦 мовчить.";
  const cp = Array.from(body);
  const at = (s: string) => Array.from(body.slice(0, body.indexOf(s))).length;

  it("marks highlights, overlapping annotations and mixed-script words by code points", () => {
    const lav = at("Лавров");
    const gen = at("Женеві");
    const min = at("Мінoборони");
    const { container } = render(ReaderBody, {
      body,
      highlights: [{ start: gen, end: gen + 6 }],
      mixed: [{ start: min, end: min + 10 }],
      annotations: [ann("a1", lav, gen + 3, "#ff0000"), ann("a2", gen, cp.length, "#00ff00")],
      mixedTitle: "mixed!",
    });
    const root = container.querySelector("[data-reader-body]")!;
    expect(root.textContent).toBe(body);
    const anns = [...root.querySelectorAll("mark.ann")];
    expect(anns[0].textContent).toBe("Лавров заявив у ");
    expect(anns[0].getAttribute("data-start")).toBe(String(lav));
    expect(anns[0].getAttribute("data-annotation")).toBe("a1");
    const overlap = anns.find((m) => m.textContent === "Жен")!;
    expect(overlap.classList.contains("hit")).toBe(true);
    expect(overlap.classList.contains("stacked")).toBe(true);
    const mixed = root.querySelector(".mixed")!;
    expect(mixed.textContent).toBe("Мінoборони");
    expect(mixed.getAttribute("title")).toBe("mixed!");
    expect(mixed.getAttribute("data-start")).toBe(String(min));
  });

  it("maps a DOM position back to a code point", () => {
    const gen = at("Женеві");
    const { container } = render(ReaderBody, { body, highlights: [{ start: gen, end: gen + 6 }] });
    const root = container.querySelector("[data-reader-body]")!;
    const after = root.querySelector(`[data-start="${gen + 6}"]`)!.firstChild!;
    // ": «Мін…" — offset 3 in UTF-16 is 3 code points here.
    expect(domOffsetToCodePoint(after, 3, root)).toBe(gen + 6 + 3);
    // The last segment starts after the emoji flag (2 code points, 4 UTF-16 units).
    const tail = [...root.querySelectorAll("[data-start]")].find((e) => e.textContent!.includes("мовчить"))!;
    const text = tail.firstChild!;
    const utf16 = text.textContent!.indexOf("мовчить");
    expect(domOffsetToCodePoint(text, utf16, root)).toBe(at("мовчить"));
  });

  it("shows markup literally and creates no elements from it", () => {
    const xss = "Текст <img src=x onerror=alert(1)> і <script>alert(1)</script> кінець";
    const { container } = render(ReaderBody, {
      body: xss,
      highlights: [{ start: 6, end: 10 }],
      annotations: [ann("x", 20, 40, "#f0f")],
    });
    const root = container.querySelector("[data-reader-body]")!;
    expect(root.textContent).toBe(xss);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
  });
});

describe("ReaderBody with blocks", () => {
  const body = "Перший абзац.\nПідписуйтесь на наш канал\nДругий абзац.\nІнша новина\n15:15 19.03.2022";
  const blocks: Block[] = [
    { start: 0, end: 13, class: "story", reason: "text" },
    { start: 14, end: 39, class: "boilerplate", reason: "prompt" },
    { start: 40, end: 53, class: "story", reason: "text" },
    { start: 54, end: 65, class: "related", reason: "list" },
    { start: 66, end: 82, class: "related", reason: "list" },
  ];

  it("folds the lines around the story and opens them with a click", async () => {
    const { container, getAllByTestId } = render(ReaderBody, { body, blocks });
    const root = container.querySelector("[data-reader-body]")!;
    expect(root.textContent).toContain("Перший абзац.");
    expect(root.textContent).not.toContain("Підписуйтесь");
    const folded = getAllByTestId("reader-collapsed-blocks");
    expect(folded).toHaveLength(2);
    expect(folded[1].textContent).toContain("2");
    await fireEvent.click(folded[1]);
    expect(root.textContent).toContain("Інша новина");
    expect(root.querySelector('[data-block="54"]')!.classList.contains("related")).toBe(true);
    expect(root.querySelector('[data-block="54"]')!.getAttribute("title")).toBeTruthy();
    expect(getAllByTestId("reader-collapsed-blocks")).toHaveLength(1);
  });

  it("offers a class menu per line that reports the choice", async () => {
    const chosen: [number, string | null][] = [];
    const { getAllByTestId } = render(ReaderBody, {
      body,
      blocks,
      onblockclass: (start: number, to: string | null) => chosen.push([start, to]),
    });
    const menus = getAllByTestId("block-menu") as HTMLSelectElement[];
    expect(menus).toHaveLength(2);
    await fireEvent.change(menus[1], { target: { value: "boilerplate" } });
    await fireEvent.change(menus[0], { target: { value: "auto" } });
    expect(chosen).toEqual([
      [40, "boilerplate"],
      [0, null],
    ]);
  });
});
