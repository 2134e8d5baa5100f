import { expect, test, type Page } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

// In the mock, "Viber" is only in the Geneva article's subscription prompt
// ("Telegram" is also in a story there, so it cannot show the difference).
test("a word only in a prompt is found with Whole text on, and the choice is kept", async ({ page }) => {
  await openApp(page);
  const rows = page.getByTestId("result-row");
  await search(page, "Viber");
  await expect(rows).toHaveCount(0);
  const toggle = page.getByTestId("search-all-text");
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(rows.filter({ hasText: "Переговори в Женеві" })).toBeVisible();
  await expect(rows).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId("search-all-text")).toBeChecked();
  await search(page, "вареників");
  await expect(rows.filter({ hasText: "Переговори в Женеві" })).toBeVisible();
  await page.getByTestId("search-all-text").uncheck();
  await expect(rows).toHaveCount(0);
});

/** Scrolls the reader so the folded credit and the open tail are both in view. */
async function showBothGroups(page: Page) {
  await page.getByTestId("reader").evaluate((el) => el.scrollTo(0, 250));
  await page.mouse.move(0, 0);
}

async function openGeneva(page: Page) {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
}

test("the reader folds the lines around the story; a line's class can be changed", async ({ page }) => {
  await openGeneva(page);
  const body = page.locator("[data-reader-body]");
  const folded = page.getByTestId("reader-collapsed-blocks");
  await expect(folded).toHaveText(["1 line of boilerplate", "1 line of boilerplate · 4 lines of related headlines"]);
  await expect(body).not.toContainText("Підписуйтесь");
  await expect(body).not.toContainText("Фото: Reuters");

  // Open the tail: the credit stays folded, the prompt and headlines show, labelled.
  await folded.nth(1).click();
  await expect(folded).toHaveCount(1);
  await expect(body).toContainText("Підписуйтесь на наш Viber-канал");
  await expect(body).toContainText("Фестиваль вареників у Полтаві");
  const prompt = body.locator(".line", { hasText: "Підписуйтесь" });
  await expect(prompt).toHaveAttribute("title", "Boilerplate: subscription, read-also or sharing prompt");
  await showBothGroups(page);
  await page.screenshot({ path: "/tmp/litopys-reader-blocks.png" });
  await page.screenshot({ path: `${SHOTS}/reader-blocks.png` });

  // A story line set to boilerplate joins the open group and leaves the search index.
  await search(page, "формулюваннями");
  await expect(page.getByTestId("result-row")).toHaveCount(1);
  const line = body.locator(".line", { hasText: "Експерти радять" });
  await line.hover();
  await line.getByTestId("block-menu").click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/reader-block-menu.png` });
  await page.getByRole("menuitemradio", { name: "Boilerplate" }).click();
  await expect(body.locator(".line.boilerplate.user")).toContainText("Експерти радять");
  const group = page.getByTestId("reader-expanded-blocks");
  await expect(group).toContainText("Експерти радять");
  await expect(group.locator("button").first()).toHaveText("2 lines of boilerplate · 4 lines of related headlines");
  await expect(page.getByTestId("result-row")).toHaveCount(0);

  // Folded again, the line is inside the row; Automatic brings it back to the story.
  await group.locator("button").first().click();
  await expect(folded.nth(1)).toHaveText("2 lines of boilerplate · 4 lines of related headlines");
  await expect(body).not.toContainText("Експерти радять");
  await folded.nth(1).click();
  const pinned = body.locator(".line", { hasText: "Експерти радять" });
  await pinned.hover();
  await pinned.getByTestId("block-menu").click();
  await page.getByRole("menuitemradio", { name: "Automatic" }).click();
  await expect(body.locator(".line.story", { hasText: "Експерти радять" })).toBeVisible();
  await expect(page.getByTestId("result-row")).toHaveCount(1);
});

test("the class menu works from the keyboard", async ({ page }) => {
  await openGeneva(page);
  const menu = page.locator(".line", { hasText: "За словами джерел" }).getByTestId("block-menu");
  await menu.focus();
  await expect(menu).toBeVisible();
  await page.keyboard.press("Enter");
  // Focus starts on the current choice (Automatic); arrows move, Escape closes.
  await expect(page.getByRole("menuitemradio", { name: "Automatic" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitemradio", { name: "Story" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(menu).toBeFocused();
  // The arrow keys moved in the menu, not through the results.
  await expect(page.getByTestId("reader-title")).toContainText("Переговори в Женеві");
});

test("folded and open lines in the dark theme and in Ukrainian", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openGeneva(page);
  await page.getByTestId("locale").selectOption("uk");
  const folded = page.getByTestId("reader-collapsed-blocks");
  await expect(folded).toHaveText(["1 рядок службового тексту", "1 рядок службового тексту · 4 рядки інших заголовків"]);
  await folded.nth(1).click();
  // The toggle reloads the article (highlights change); what was opened stays open.
  await page.getByTestId("search-all-text").check();
  await expect(page.getByTestId("reader-expanded-blocks")).toHaveCount(1);
  await expect(folded).toHaveCount(1);
  await showBothGroups(page);
  // The class menu's button shows on a pointed-at line.
  await page.locator(".line", { hasText: "Фестиваль" }).hover();
  await page.screenshot({ path: "/tmp/litopys-reader-blocks-dark.png" });
  await page.screenshot({ path: `${SHOTS}/reader-blocks-dark.png` });
});
