import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Snippet from "./Snippet.svelte";

describe("Snippet", () => {
  it("renders [[ ]] markers as <mark> text", () => {
    const { container } = render(Snippet, { text: "…у [[Женеві]] і [[Стамбулі]] <b>x</b>" });
    const marks = [...container.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks).toEqual(["Женеві", "Стамбулі"]);
    expect(container.textContent).toBe("…у Женеві і Стамбулі <b>x</b>");
    expect(container.querySelector("b")).toBeNull();
  });
});
