import { describe, expect, it } from "vitest";
import { addSkip, hasSkip, removeSkip } from "./skipForms";

describe("skip: tokens in the query text", () => {
  it("adds a token at the end, once", () => {
    expect(addSkip("переговори", "переговорах")).toBe("переговори skip:переговорах");
    expect(addSkip("переговори skip:переговорах", "переговорах")).toBe("переговори skip:переговорах");
    expect(addSkip("переговори skip:переговорам", "переговорах")).toBe(
      "переговори skip:переговорам skip:переговорах",
    );
  });

  it("adds after trailing whitespace without doubling it, and to an empty text", () => {
    expect(addSkip("переговори   ", "переговорах")).toBe("переговори skip:переговорах");
    expect(addSkip("переговори\n", "переговорах")).toBe("переговори skip:переговорах");
    expect(addSkip("", "переговорах")).toBe("skip:переговорах");
  });

  it("removes the token with the space before it", () => {
    expect(removeSkip("переговори skip:переговорах", "переговорах")).toBe("переговори");
    expect(removeSkip("переговори skip:переговорах Женева", "переговорах")).toBe("переговори Женева");
    expect(removeSkip("skip:переговорах переговори", "переговорах")).toBe("переговори");
    expect(removeSkip("skip:переговорах", "переговорах")).toBe("");
  });

  it("removes every copy, in either case, and keeps the rest's spacing", () => {
    expect(removeSkip("переговори skip:переговорах  SKIP:Переговорах Женева", "переговорах")).toBe("переговори Женева");
    expect(removeSkip("переговори  Женева\tskip:переговорах", "переговорах")).toBe("переговори  Женева");
  });

  it("removes a token inside parentheses", () => {
    expect(removeSkip("(переговори skip:переговорах) OR Женева", "переговорах")).toBe("(переговори) OR Женева");
    expect(removeSkip("(skip:переговорах переговори)", "переговорах")).toBe("(переговори)");
  });

  it("leaves a form that is part of a longer token", () => {
    // The form is a prefix of another skipped form, or of a word.
    const q = "переговори skip:переговорам skip:переговор";
    expect(hasSkip(q, "переговора")).toBe(false);
    expect(removeSkip(q, "переговора")).toBe(q);
    expect(removeSkip(q, "переговор")).toBe("переговори skip:переговорам");
    expect(removeSkip("переговори skip:переговорам", "переговор")).toBe("переговори skip:переговорам");
    // The form as a bare word, or inside another field, is no skip token.
    expect(removeSkip("переговорах переговори", "переговорах")).toBe("переговорах переговори");
    expect(removeSkip("title:skip:переговорах", "переговорах")).toBe("title:skip:переговорах");
    expect(hasSkip("noskip:переговорах", "переговорах")).toBe(false);
    expect(addSkip("переговорах", "переговорах")).toBe("переговорах skip:переговорах");
  });

  it("takes a form with characters a pattern would read", () => {
    expect(removeSkip("м'ясо skip:м'яса", "м'яса")).toBe("м'ясо");
    expect(hasSkip("a skip:a.b", "a?b")).toBe(false);
  });
});
