import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("words only in prompts and headline lists are found with Whole text on", async ({ page }) => {
  await openApp(page);
  await search(page, "вареників");
  await expect(page.getByTestId("result-row")).toHaveCount(0);
  await page.getByTestId("search-all-text").check();
  await expect(page.getByTestId("result-row").filter({ hasText: "Переговори в Женеві" })).toBeVisible();
  await page.getByTestId("search-all-text").uncheck();
  await expect(page.getByTestId("result-row")).toHaveCount(0);
});

test("the reader folds the lines around the story; a line's class can be changed", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const body = page.locator("[data-reader-body]");
  const folded = page.getByTestId("reader-collapsed-blocks");
  await expect(folded).toHaveCount(1);
  await expect(folded).toContainText("5 lines around the story: related headlines 4 · boilerplate 1");
  await expect(body).not.toContainText("Підписуйтесь");
  await page.screenshot({ path: `${SHOTS}/reader-blocks-folded.png` });

  await folded.click();
  await expect(body).toContainText("Підписуйтесь на наш Viber-канал");
  await expect(body).toContainText("Фестиваль вареників у Полтаві");
  await page.screenshot({ path: `${SHOTS}/reader-blocks-open.png` });

  // A story line set to boilerplate joins the folded lines, and search no longer finds its words.
  const line = body.locator(".line").filter({ hasText: "Експерти радять" });
  await line.hover();
  await line.getByTestId("block-menu").selectOption("boilerplate");
  await expect(body.locator(".line.boilerplate.user")).toContainText("Експерти радять");
  await search(page, "формулюваннями");
  await expect(page.getByTestId("result-row")).toHaveCount(0);
});
