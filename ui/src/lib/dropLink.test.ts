import { describe, expect, it } from "vitest";
import { linkFrom, mayBeLink } from "./dropLink";

describe("a dropped link", () => {
  it("takes the first web address of a uri-list, skipping comments", () => {
    expect(linkFrom("# from the browser\nhttps://example.org/a b\nhttps://zn.ua/x", "")).toBe("https://zn.ua/x");
    expect(linkFrom("", " https://pravda.com.ua/news/1 ")).toBe("https://pravda.com.ua/news/1");
  });
  it("refuses other schemes and plain words", () => {
    expect(linkFrom("javascript:alert(1)", "file:///etc/passwd")).toBeNull();
    expect(linkFrom("", "just some words")).toBeNull();
  });
  it("lets files through to the import, not the capture", () => {
    expect(mayBeLink(["Files", "text/uri-list"])).toBe(false);
    expect(mayBeLink(["text/uri-list"])).toBe(true);
  });
});
