import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("search shows results with matched words marked", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await expect(page.getByTestId("result-count")).toHaveText(/^[1-9]\d* results$/);
  const row = page.getByTestId("result-row").filter({ hasText: "Переговори в Женеві" });
  await expect(row).toBeVisible();
  await expect(row.locator("mark").first()).toHaveText(/^Жене/);
  await openResult(page, "Переговори в Женеві");
  await page.screenshot({ path: `${SHOTS}/search-results.png` });
});

test("the reader highlights the query's words and marks mixed scripts", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const hits = page.locator("[data-reader-body] mark.hit");
  await expect(hits.first()).toHaveText("Женеві");
  expect(await hits.count()).toBeGreaterThanOrEqual(2);

  // Regression: the open article kept the old query's highlights after a new search.
  await search(page, "делегаціями");
  await expect(hits.first()).toHaveText("делегаціями");

  await search(page, "Telegram");
  await openResult(page, "Фейкова заява");
  const mixed = page.locator("[data-reader-body] .mixed").first();
  await expect(mixed).toHaveText("Мінoборони");
  await expect(mixed).toHaveAttribute("title", /Latin and Cyrillic/);
});

test("an invalid query shows the parser's message under the search box", async ({ page }) => {
  await openApp(page);
  await search(page, "lang:xx");
  await expect(page.getByTestId("query-error")).toContainText("lang: takes uk, ru or other");
  await page.screenshot({ path: `${SHOTS}/query-error.png` });
  await search(page, "lang:uk");
  await expect(page.getByTestId("query-error")).toHaveCount(0);
});

test("the syntax popover fills in an example", async ({ page }) => {
  await openApp(page);
  await page.getByTitle("Query syntax").click();
  const help = page.getByTestId("syntax-help");
  await expect(help).toContainText("NEAR(Лавров ультиматум, 10)");
  await page.screenshot({ path: `${SHOTS}/syntax-help.png` });
  await help.getByRole("button", { name: "Женева OR Стамбул", exact: true }).click();
  await expect(page.getByTestId("search-input")).toHaveValue("Женева OR Стамбул");
  await expect(help).toHaveCount(0);
  await expect(page.getByTestId("result-row").filter({ hasText: "Лавров заявил" })).toBeVisible();
});

test("markup in articles is shown as text and never runs", async ({ page }) => {
  await openApp(page);
  await search(page, "розмітки");
  await openResult(page, "Перевірка розмітки");
  await expect(page.getByTestId("reader-title")).toHaveText("Перевірка розмітки: <script>alert(1)</script> у заголовку");
  await expect(page.getByTestId("reader")).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.locator("[data-testid=reader] img")).toHaveCount(0);
  await expect(page.locator("body script:not([type=module])")).toHaveCount(0);
  await expect(page.locator("#app img")).toHaveCount(0);
});

test("sidebar facets filter the results", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("sidebar").getByRole("button", { name: /^Russian/ }).click();
  await expect(page.getByTestId("filters")).toContainText("lang:ru");
  const rows = page.getByTestId("result-row");
  await expect(rows.first().locator(".lang")).toHaveText("Rus");
  await page.getByRole("button", { name: "Remove filter lang:ru" }).click();
  await expect(page.getByTestId("filters")).toHaveCount(0);
});

test("brushing the timeline adds a date filter", async ({ page }) => {
  await openApp(page);
  const svg = page.getByTestId("timeline").locator("svg");
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId("filters")).toContainText(/date:\d{4}-\d{2}\.\.\d{4}-\d{2}/);
});

test("ctrl-click and shift-click select several results", async ({ page }) => {
  await openApp(page);
  const rows = page.getByTestId("result-row");
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toContainText("3 selected");
  await rows.nth(1).click({ modifiers: ["Control"] });
  await expect(page.getByTestId("selection-count")).toContainText("2 selected");
});

test("keyboard navigation and help", async ({ page }) => {
  await openApp(page);
  await page.locator("body").click({ position: { x: 700, y: 500 } });
  await page.keyboard.press("j");
  const first = await page.getByTestId("result-row").nth(0).locator(".title").textContent();
  await expect(page.getByTestId("reader-title")).toHaveText(first!);
  await page.keyboard.press("j");
  const second = await page.getByTestId("result-row").nth(1).locator(".title").textContent();
  await expect(page.getByTestId("reader-title")).toHaveText(second!);
  await page.keyboard.press("k");
  await expect(page.getByTestId("reader-title")).toHaveText(first!);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("reader-title")).toHaveText(second!);

  await page.keyboard.press("/");
  await expect(page.getByTestId("search-input")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+k");
  await expect(page.getByTestId("search-input")).toBeFocused();
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  await expect(page.getByTestId("help-sheet")).toBeVisible();
  await expect(page.getByTestId("help-sheet")).toContainText("Next result");
  await page.screenshot({ path: `${SHOTS}/help.png` });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("help-sheet")).toHaveCount(0);
});

test("scrolling loads more pages", async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId("result-count")).toHaveText(/254 results/); // 10 seed + 4 recorded story articles + 240 filler
  const list = page.getByTestId("result-list").locator("> div").first();
  for (let i = 0; i < 30; i++) {
    await list.evaluate((el) => el.scrollBy(0, 4000));
    await page.waitForTimeout(50);
  }
  await expect(page.getByTestId("result-row").filter({ hasText: /№1:/ })).toHaveCount(1);
});
