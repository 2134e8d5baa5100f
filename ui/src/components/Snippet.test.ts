import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Snippet from "./Snippet.svelte";
import { marked } from "../testing/snippetNotation";

describe("Snippet", () => {
  it("renders the marked words as <mark> text, and the rest as text", () => {
    const { container } = render(Snippet, marked("…у [[Женеві]] і [[Стамбулі]] <b>x</b>"));
    const marks = [...container.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks).toEqual(["Женеві", "Стамбулі"]);
    expect(container.textContent).toBe("…у Женеві і Стамбулі <b>x</b>");
    expect(container.querySelector("b")).toBeNull();
  });

  it("starts near its match, so three clamped lines still show it", () => {
    const lead = Array.from({ length: 40 }, () => "слово").join(" ");
    const { container } = render(Snippet, marked(`…${lead} [[Женеві]] відбувся раунд…`));
    const text = container.textContent ?? "";
    expect(text.indexOf("Женеві")).toBeLessThanOrEqual(51);
    expect(container.querySelector("mark")?.textContent).toBe("Женеві");
  });

  it("labels a direction override and keeps it in its own isolated run", () => {
    const { container } = render(Snippet, marked("заява \u202Eпро [[мир]]"));
    const mark = container.querySelector("[data-invisible]")!;
    expect(mark.getAttribute("data-invisible")).toBe("RLO");
    expect(mark.textContent).toBe("\u202E");
    expect(mark.getAttribute("title")).toContain("U+202E RIGHT-TO-LEFT OVERRIDE");
    expect(container.querySelector("bdi")).not.toBeNull();
    expect(container.textContent).toBe("заява \u202Eпро мир");
  });
});
