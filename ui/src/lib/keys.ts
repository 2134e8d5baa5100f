// Keyboard shortcuts name the platform's own modifier: Cmd on macOS (where
// Ctrl+click opens a context menu), Ctrl elsewhere.

interface PlatformHints {
  platform?: string;
  userAgentData?: { platform?: string };
}

/** Whether the app runs on macOS (or iOS): `userAgentData` first, `platform` where it is missing. */
export function isMac(nav: PlatformHints | undefined = globalThis.navigator as PlatformHints | undefined): boolean {
  const platform = nav?.userAgentData?.platform || nav?.platform || "";
  return /mac|iphone|ipad/i.test(platform);
}

/** Whether the platform's command modifier (Cmd on macOS, Ctrl elsewhere) is held. */
export function commandKey(e: { ctrlKey: boolean; metaKey: boolean }, mac = isMac()): boolean {
  return mac ? e.metaKey : e.ctrlKey;
}

/** `⌘K` on macOS, `Ctrl+K` elsewhere. */
export function shortcut(key: string, mac = isMac()): string {
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}

/** What a keydown asks of the open article's matches, if anything. */
export type MatchKey = "next" | "previous" | "find" | null;

/** F3 / Shift+F3 and Cmd/Ctrl+G / Shift+Cmd/Ctrl+G step through matches; Cmd/Ctrl+F finds. */
export function matchKey(e: KeyboardEvent, mac = isMac()): MatchKey {
  if (e.key === "F3" && !e.altKey && !e.ctrlKey && !e.metaKey) return e.shiftKey ? "previous" : "next";
  if (!commandKey(e, mac) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === "g") return e.shiftKey ? "previous" : "next";
  if (k === "f" && !e.shiftKey) return "find";
  return null;
}
