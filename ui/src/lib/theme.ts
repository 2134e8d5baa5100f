// The colour theme: System (follows the operating system), Light or Dark.
// The choice is kept in localStorage; the page carries the theme in use as
// `data-theme="light" | "dark"` on <html>, so the CSS has one set of dark
// colours whichever way dark was reached.
import { writable } from "svelte/store";

export type Theme = "system" | "light" | "dark";

export const THEMES: Theme[] = ["system", "light", "dark"];
const STORAGE_KEY = "litopys.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

function isTheme(v: unknown): v is Theme {
  return typeof v === "string" && (THEMES as string[]).includes(v);
}

/** The saved choice, or System. */
export function loadTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isTheme(saved) ? saved : "system";
  } catch {
    return "system";
  }
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** What `theme` shows right now: System resolves to the operating system's choice. */
export function resolveTheme(theme: Theme, prefersDark = systemPrefersDark()): "light" | "dark" {
  if (theme === "system") return prefersDark ? "dark" : "light";
  return theme;
}

export const theme = writable<Theme>(loadTheme());

function apply(choice: Theme): void {
  if (typeof document === "undefined") return;
  const shown = resolveTheme(choice);
  document.documentElement.dataset.theme = shown;
  document.documentElement.style.colorScheme = shown;
}

export function setTheme(next: Theme): void {
  theme.set(next);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Private windows may refuse storage; the choice then lasts this run.
  }
}

let current: Theme = loadTheme();
theme.subscribe((choice) => {
  current = choice;
  apply(choice);
});
// System follows the operating system when it switches (e.g. at sunset).
globalThis.matchMedia?.(DARK_QUERY).addEventListener?.("change", () => apply(current));
