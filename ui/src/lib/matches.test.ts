import { describe, expect, it } from "vitest";
import { ArticleMatches } from "./matches.svelte";

describe("ArticleMatches", () => {
  const body = "Женева, Женева і Стамбул";
  const searched = [{ start: 0, end: 6 }];

  it("steps through the search's matches until the find bar has text", () => {
    const m = new ArticleMatches(() => body, () => searched);
    expect(m.all).toEqual(searched);
    expect(m.current).toBeNull();
    m.step(1);
    expect(m.current).toEqual({ start: 0, end: 6 });
    m.open();
    expect(m.all).toEqual(searched);
    m.type("женева");
    expect(m.all).toHaveLength(2);
    expect(m.index).toBe(0);
    m.step(-1);
    expect(m.current).toEqual({ start: 8, end: 14 });
    m.type("Київ");
    expect(m.index).toBe(-1);
    expect(m.current).toBeNull();
    m.close();
    expect(m.all).toEqual(searched);
    expect(m.index).toBe(-1);
  });
});
