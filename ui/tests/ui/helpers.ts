import { expect, type Locator, type Page } from "@playwright/test";

export const SHOTS = "test-results/screenshots";

export async function openApp(page: Page): Promise<void> {
  // Any alert() would mean injected markup ran.
  page.on("dialog", (d) => {
    throw new Error(`unexpected browser dialog: ${d.message()}`);
  });
  await page.goto("/");
  await expect(page.getByTestId("result-row").first()).toBeVisible();
}

/** Types a query and waits until the backend answered it, so a click cannot land on the old list. */
export async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId("search-input").fill(text);
  const query = text.trim();
  await expect(page.getByTestId("results")).toHaveAttribute("data-query", new RegExp(escapeRegExp(query)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export async function openResult(page: Page, title: RegExp | string): Promise<void> {
  await page.getByTestId("result-row").filter({ hasText: title }).first().click();
  await expect(page.getByTestId("reader-title")).toContainText(title);
}

/**
 * Selects `text` (its first occurrence within one text node) inside `scope`
 * and returns where it is laid out.
 */
export async function selectText(scope: Locator, text: string): Promise<{ left: number; top: number }> {
  return scope.evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(needle);
      if (i >= 0) {
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + needle.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        const { left, top } = range.getBoundingClientRect();
        return { left, top };
      }
    }
    throw new Error(`text not in one segment: ${needle}`);
  }, text);
}

/** Selects `text` (its first occurrence) inside the reader body. */
export async function selectInReader(page: Page, text: string): Promise<void> {
  await selectText(page.locator("[data-reader-body]"), text);
}
