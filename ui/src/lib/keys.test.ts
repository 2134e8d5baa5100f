import { describe, expect, it } from "vitest";
import { commandKey, isMac, matchKey, shortcut } from "./keys";

const key = (key: string, mods: Partial<KeyboardEventInit> = {}) => new KeyboardEvent("keydown", { key, ...mods });

describe("keys", () => {
  it("recognises macOS from userAgentData first, then platform", () => {
    expect(isMac({ userAgentData: { platform: "macOS" }, platform: "Linux x86_64" })).toBe(true);
    expect(isMac({ platform: "MacIntel" })).toBe(true);
    expect(isMac({ platform: "Win32" })).toBe(false);
    expect(isMac({ userAgentData: { platform: "" }, platform: "Linux x86_64" })).toBe(false);
  });

  it("uses Cmd on macOS and Ctrl elsewhere", () => {
    expect(commandKey({ ctrlKey: false, metaKey: true }, true)).toBe(true);
    expect(commandKey({ ctrlKey: true, metaKey: false }, true)).toBe(false);
    expect(commandKey({ ctrlKey: true, metaKey: false }, false)).toBe(true);
    expect(shortcut("K", true)).toBe("⌘K");
    expect(shortcut("K", false)).toBe("Ctrl+K");
  });

  it("reads F3, Cmd/Ctrl+G and Cmd/Ctrl+F as match steps and find", () => {
    expect(matchKey(key("F3"), false)).toBe("next");
    expect(matchKey(key("F3", { shiftKey: true }), false)).toBe("previous");
    expect(matchKey(key("g", { ctrlKey: true }), false)).toBe("next");
    expect(matchKey(key("G", { ctrlKey: true, shiftKey: true }), false)).toBe("previous");
    expect(matchKey(key("g", { metaKey: true }), true)).toBe("next");
    expect(matchKey(key("g", { ctrlKey: true }), true)).toBeNull();
    expect(matchKey(key("f", { ctrlKey: true }), false)).toBe("find");
    expect(matchKey(key("f", { metaKey: true }), true)).toBe("find");
    expect(matchKey(key("g"), false)).toBeNull();
    expect(matchKey(key("f", { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});
