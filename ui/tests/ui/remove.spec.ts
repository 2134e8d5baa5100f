// Removing articles (issue 19): from the reader, the Delete key on a
// selection, all of a search's results after a confirmation; Undo puts them
// back. An empty library shows the welcome screen.
import { expect, test, type Page } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

async function articleCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("status-line").textContent()) ?? "";
  return Number(text.match(/([\d\s,]+) articles?/)![1].replace(/[\s,]/g, ""));
}

test("Remove in the reader takes the article out of results and counts; Undo puts it back", async ({ page }) => {
  await openApp(page);
  const before = await articleCount(page);
  await search(page, "Женева");
  const hits = await page.getByTestId("result-row").count();
  await openResult(page, "Переговори в Женеві");
  await page.getByTestId("remove-article").click();

  await expect(page.getByTestId("reader-title")).toHaveCount(0);
  await expect(page.getByTestId("result-row")).toHaveCount(hits - 1);
  await expect(page.getByTestId("result-row").filter({ hasText: "Переговори в Женеві" })).toHaveCount(0);
  await expect.poll(() => articleCount(page)).toBe(before - 1);
  const toast = page.getByTestId("toast").filter({ hasText: "Removed 1 article" });
  await expect(toast).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/removed-undo-toast.png` });

  await toast.getByTestId("toast-action").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Put back 1 article" })).toBeVisible();
  await expect(page.getByTestId("result-row")).toHaveCount(hits);
  await expect.poll(() => articleCount(page)).toBe(before);
  await openResult(page, "Переговори в Женеві");
  // Its annotation came back with it.
  await expect(page.locator("[data-note-id]").first()).toBeVisible();
});

test("Delete removes the selected results", async ({ page }) => {
  await openApp(page);
  const before = await articleCount(page);
  const rows = page.getByTestId("result-row");
  const first = await rows.nth(0).getAttribute("data-id");
  const second = await rows.nth(1).getAttribute("data-id");
  await rows.nth(0).click({ modifiers: ["Control"] });
  await rows.nth(1).click({ modifiers: ["Control"] });
  await expect(page.getByTestId("selection-count")).toContainText("2");
  await page.keyboard.press("Delete");

  await expect.poll(() => articleCount(page)).toBe(before - 2);
  await expect(page.getByTestId("toast").filter({ hasText: "Removed 2 articles" })).toBeVisible();
  await expect(page.getByTestId("selection-count")).toHaveCount(0);
  await expect(page.locator(`[data-testid="result-row"][data-id="${first}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="result-row"][data-id="${second}"]`)).toHaveCount(0);
});

test("Remove all results asks first, with the count, and removes only what the search finds", async ({ page }) => {
  await openApp(page);
  const before = await articleCount(page);
  await search(page, "Женев*");
  const n = Number(((await page.getByTestId("result-count").textContent()) ?? "").match(/\d+/)![0]);
  expect(n).toBeGreaterThan(1);

  await page.getByTestId("remove-results").click();
  const dialog = page.getByTestId("remove-dialog");
  await expect(dialog).toContainText(`Remove ${n} articles?`);
  await page.screenshot({ path: `${SHOTS}/remove-all-confirm.png` });
  // Cancel changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect(await articleCount(page)).toBe(before);

  await page.getByTestId("remove-results").click();
  await page.getByTestId("remove-confirm").click();
  await expect(page.getByTestId("result-count")).toHaveText("0 results");
  await expect.poll(() => articleCount(page)).toBe(before - n);

  await page.getByTestId("toast").filter({ hasText: `Removed ${n} articles` }).getByTestId("toast-action").click();
  await expect(page.getByTestId("result-count")).toHaveText(`${n} results`);
  await expect.poll(() => articleCount(page)).toBe(before);
});

test("an empty library shows the welcome screen, which opens the sample library", async ({ page }) => {
  await page.goto("/?library=empty");
  const welcome = page.getByTestId("welcome");
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText("Your library is empty");
  await expect(page.getByTestId("result-row")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/welcome.png` });

  await page.getByTestId("welcome-import").click();
  await expect(page.getByTestId("import-dialog")).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByTestId("welcome-demo").click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByTestId("result-row").first()).toBeVisible();
  await expect(page.getByTestId("status-line")).toContainText("demo.litopys");
  expect(await articleCount(page)).toBeGreaterThan(0);
});
