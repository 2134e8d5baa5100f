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

/** A body and its blocks from lines labelled as in the backend's seed files: S story, B boilerplate, R related. */
function labelled(lines: string[]): { body: string; blocks: Block[] } {
  const CLASS = { S: "story", B: "boilerplate", R: "related" } as const;
  const REASON = { S: "text", B: "prompt", R: "list" } as const;
  const blocks: Block[] = [];
  let pos = 0;
  for (const l of lines) {
    const tag = l[0] as keyof typeof CLASS;
    const n = Array.from(l.slice(2)).length;
    blocks.push({ start: pos, end: pos + n, class: CLASS[tag], reason: REASON[tag] });
    pos += n + 1;
  }
  return { body: lines.map((l) => l.slice(2)).join("\n"), blocks };
}

describe("ReaderBody with blocks", () => {
  // Like the scraped seeds: a prompt inside the story, and a tail of prompts and other headlines.
  const { body, blocks } = labelled([
    "S Росія почала пропонувати США та НАТО продовжити переговори.",
    "B Підписуйтеcь на наш Telegram-канал Lenta.UA - ЄДИНІ незалежні новини",
    "S За його словами, можна «виробити дуже непоганий пакетний результат».",
    "B Читайте також: Канцлер Німеччини назвав російські війська",
    "B Ігор ПетрукНовини",
    "R США хочуть знищити венесуельські картелі",
    "R 23:15 06 вер 2025.",
    "R Кабмін хоче скасувати акти виконаних робіт",
    "R 22:15 06 вер 2025.",
    "R На Одещині спалахнула велика пожежа",
    "R 20:10 06 вер 2025.",
  ]);
  const startOf = (text: string) => Array.from(body.slice(0, body.indexOf(text))).length;

  it("folds each run of lines around the story into one row, and opens and closes it", async () => {
    const { container, getAllByTestId, queryAllByTestId } = render(ReaderBody, { body, blocks });
    const root = container.querySelector("[data-reader-body]")!;
    expect(root.textContent).toContain("Росія почала");
    expect(root.textContent).toContain("пакетний результат");
    expect(root.textContent).not.toContain("Telegram");
    expect(root.textContent).not.toContain("Кабмін");
    const rows = getAllByTestId("reader-collapsed-blocks");
    expect(rows.map((r) => r.textContent)).toEqual([
      "1 line of boilerplate",
      "2 lines of boilerplate · 6 lines of related headlines",
    ]);

    await fireEvent.click(rows[1]);
    expect(root.textContent).toContain("Кабмін хоче скасувати");
    expect(root.textContent).toContain("Ігор ПетрукНовини");
    expect(getAllByTestId("reader-collapsed-blocks")).toHaveLength(1);
    // Opened lines are labelled with their class and say why in their title.
    const headline = root.querySelector(`[data-block="${startOf("Кабмін")}"]`)!;
    expect(headline.classList.contains("related")).toBe(true);
    expect(headline.querySelector(".text")!.getAttribute("data-label")).toBe("Related headlines");
    expect(headline.getAttribute("title")).toBe("Related headlines: list of other headlines");
    const prompt = root.querySelector(`[data-block="${startOf("Читайте")}"]`)!;
    expect(prompt.getAttribute("title")).toBe("Boilerplate: subscription, read-also or sharing prompt");
    // Story lines carry no label and no title.
    const story = root.querySelector(`[data-block="0"]`)!;
    expect(story.getAttribute("title")).toBeNull();
    expect(story.querySelector(".text")!.hasAttribute("data-label")).toBe(false);

    // The open group's own row folds it again.
    const open = getAllByTestId("reader-expanded-blocks")[0].querySelector("button")!;
    expect(open.getAttribute("aria-expanded")).toBe("true");
    await fireEvent.click(open);
    expect(root.textContent).not.toContain("Кабмін");
    expect(getAllByTestId("reader-collapsed-blocks")).toHaveLength(2);
    expect(queryAllByTestId("reader-expanded-blocks")).toHaveLength(0);
  });

  it("keeps groups open while the article is reloaded, folds them for another", async () => {
    const { getAllByTestId, queryAllByTestId, rerender } = render(ReaderBody, { body, blocks });
    await fireEvent.click(getAllByTestId("reader-collapsed-blocks")[1]);
    await rerender({ body, blocks: blocks.map((b) => ({ ...b })), highlights: [{ start: 0, end: 5 }] });
    expect(queryAllByTestId("reader-expanded-blocks")).toHaveLength(1);
    await rerender({ body: body.replace("Росія", "Литва"), blocks });
    expect(queryAllByTestId("reader-expanded-blocks")).toHaveLength(0);
  });

  it("keeps every line's text and code points when opened", async () => {
    const { container, getAllByTestId } = render(ReaderBody, {
      body,
      blocks,
      highlights: [{ start: startOf("Telegram"), end: startOf("Telegram") + 8 }],
    });
    for (const row of getAllByTestId("reader-collapsed-blocks")) await fireEvent.click(row);
    const root = container.querySelector("[data-reader-body]")!;
    const lines = [...root.querySelectorAll(".line .text")].map((p) => p.textContent);
    expect(lines).toEqual(body.split("\n"));
    const hit = root.querySelector("mark.hit")!;
    expect(hit.textContent).toBe("Telegram");
    expect(hit.getAttribute("data-start")).toBe(String(startOf("Telegram")));
  });

  it("offers a class menu per line that reports the choice", async () => {
    const chosen: [number, string | null][] = [];
    const pinned = blocks.map((b, i) => (i === 2 ? { ...b, class: "boilerplate" as const, reason: "user" as const } : b));
    const { container, getAllByTestId, getByRole, queryByRole, getByTestId } = render(ReaderBody, {
      body,
      blocks: pinned,
      onblockclass: (start: number, to: string | null) => chosen.push([start, to]),
    });
    // Menus only on shown lines: the first story line here (the rest is folded).
    const menus = getAllByTestId("block-menu");
    expect(menus).toHaveLength(1);
    await fireEvent.click(menus[0]);
    expect(getByRole("menu")).toBeTruthy();
    expect(getByTestId("block-choice-auto").getAttribute("aria-checked")).toBe("true");
    await fireEvent.click(getByTestId("block-choice-boilerplate"));
    expect(queryByRole("menu")).toBeNull();

    // The pinned line joined the lines around it (one group). Opened, its menu
    // ticks the class the user set, and Automatic hands it back.
    const rows = getAllByTestId("reader-collapsed-blocks");
    expect(rows.map((r) => r.textContent)).toEqual(["4 lines of boilerplate · 6 lines of related headlines"]);
    await fireEvent.click(rows[0]);
    const user = container.querySelector(`[data-block="${startOf("За його")}"] [data-testid="block-menu"]`)!;
    await fireEvent.click(user);
    expect(getByTestId("block-choice-boilerplate").getAttribute("aria-checked")).toBe("true");
    await fireEvent.click(getByTestId("block-choice-auto"));
    // Choosing the class a line already has changes nothing.
    await fireEvent.click(menus[0]);
    await fireEvent.click(getByTestId("block-choice-auto"));
    // Escape closes the menu without a choice.
    await fireEvent.click(menus[0]);
    await fireEvent.keyDown(getByRole("menu"), { key: "Escape" });
    expect(queryByRole("menu")).toBeNull();
    expect(chosen).toEqual([
      [0, "boilerplate"],
      [startOf("За його"), null],
    ]);
  });

  it("labels invisible and direction-control characters and isolates each one", () => {
    const text = "Заява \u202Eпро мир\u202C і Лав\u200Bров";
    const { container } = render(ReaderBody, { body: text });
    const root = container.querySelector("[data-reader-body]")!;
    expect(root.textContent).toBe(text);
    const marks = [...root.querySelectorAll<HTMLElement>(".invisible")];
    expect(marks.map((m) => m.dataset.invisible)).toEqual(["RLO", "PDF", "ZWSP"]);
    expect(marks[0].getAttribute("data-start")).toBe("6");
    expect(marks[0].getAttribute("title")).toContain("U+202E RIGHT-TO-LEFT OVERRIDE");
  });

  it("marks the current match and scrolls it into view", async () => {
    const body = "😀 Лавров заявив у Женеві.";
    const gen = 18;
    const lav = 2;
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.textContent ?? "");
    };
    try {
      const { container, rerender } = render(ReaderBody, {
        body,
        highlights: [{ start: lav, end: lav + 6 }, { start: gen, end: gen + 6 }],
        current: { start: gen, end: gen + 6 },
      });
      const current = () => [...container.querySelectorAll("mark.current")].map((m) => m.textContent);
      expect(current()).toEqual(["Женеві"]);
      await new Promise((r) => setTimeout(r, 0));
      expect(scrolled).toEqual(["Женеві"]);
      await rerender({ current: { start: lav, end: lav + 6 } });
      expect(current()).toEqual(["Лавров"]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
