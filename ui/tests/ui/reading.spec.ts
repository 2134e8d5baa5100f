import { expect, test, type Locator, type Page } from "@playwright/test";
import { openApp, openResult, search, selectText, SHOTS } from "./helpers";

/** Left edge of the first occurrence of `text` inside `scope`, as laid out. */
async function leftOf(scope: Locator, text: string): Promise<number> {
  return (await selectText(scope, text)).left;
}

async function openedUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { litopysMock: { openedUrls: string[] } }).litopysMock.openedUrls);
}

test("match navigation steps through the search's matches by buttons and keys; the header stays in view", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 560 });
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const nav = page.getByTestId("reader-bar").getByTestId("match-nav");
  const position = nav.getByTestId("match-position");
  await expect(position).toHaveText("2 matches");
  const current = page.locator("[data-reader-body] mark.current");
  await expect(current).toHaveCount(0);

  await nav.getByTestId("match-next").click();
  await expect(position).toHaveText("1 of 2");
  await expect(current).toHaveText("Женеві");
  await page.keyboard.press("F3");
  await expect(position).toHaveText("2 of 2");
  await expect(current).toBeInViewport();
  await page.keyboard.press("F3");
  await expect(position).toHaveText("1 of 2");
  await page.keyboard.press("Shift+F3");
  await expect(position).toHaveText("2 of 2");
  await page.keyboard.press("Control+g");
  await expect(position).toHaveText("1 of 2");
  await page.keyboard.press("Control+Shift+G");
  await expect(position).toHaveText("2 of 2");

  // Scrolled to the end, the title's line, the tags and the actions are still at the top.
  const reader = page.getByTestId("reader");
  await reader.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(() => reader.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
  await expect(page.getByTestId("reader-title")).not.toBeInViewport();
  const title = page.getByTestId("reader-sticky-title");
  await expect(title).toBeVisible();
  await expect(title).toHaveText("Переговори в Женеві: делегації обмінялися проєктами документів");
  await expect(title).toBeInViewport();
  await expect(page.getByTestId("reader-tags")).toBeInViewport();
  await expect(page.getByTestId("copy-citation")).toBeInViewport();
  const [top, readerTop] = await Promise.all([
    title.evaluate((el) => el.getBoundingClientRect().top),
    reader.evaluate((el) => el.getBoundingClientRect().top),
  ]);
  expect(Math.abs(top - readerTop)).toBeLessThan(2);
  // Stepping back to the second match keeps it clear of the sticky bar.
  await page.keyboard.press("Shift+F3");
  await page.keyboard.press("Shift+F3");
  await expect(position).toHaveText("2 of 2");
  await expect(current).toBeInViewport();
  const [markTop, barBottom] = await Promise.all([
    current.evaluate((el) => el.getBoundingClientRect().top),
    page.getByTestId("reader-bar").evaluate((el) => el.getBoundingClientRect().bottom),
  ]);
  expect(markTop).toBeGreaterThan(barBottom);
  await page.screenshot({ path: `${SHOTS}/reader-sticky-matches.png` });
  // At the top again, the full title shows and the line above the bar is hidden.
  await reader.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(title).toBeHidden();
});

test("find in the article: Ctrl+F, Enter steps, Esc closes", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  await page.keyboard.press("Control+f");
  const input = page.getByTestId("find-input");
  await expect(input).toBeFocused();
  await input.fill("переговор");
  const position = page.getByTestId("find-nav").getByTestId("match-position");
  // "переговорів", "переговори": the first is shown at once.
  await expect(position).toHaveText("1 of 2");
  const current = page.locator("[data-reader-body] mark.current");
  await expect(current).toHaveText("переговор");
  await input.press("Enter");
  await expect(position).toHaveText("2 of 2");
  await input.press("Shift+Enter");
  await expect(position).toHaveText("1 of 2");
  await input.fill("Полтаві");
  // In the folded list of other headlines: opened to show it.
  await expect(position).toHaveText("1 of 1");
  await expect(current).toBeInViewport();
  await input.fill("немає такого");
  await expect(position).toHaveText("No matches");
  await input.press("Escape");
  await expect(page.getByTestId("find-bar")).toHaveCount(0);
  // The search's matches are back.
  await expect(page.getByTestId("reader-bar").getByTestId("match-position")).toHaveText("2 matches");
});

test("the original link opens in the browser and copies; the citation copies for a report", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const url = "https://www.pravda.com.ua/news/2022/03/15/geneva/";
  await page.getByTestId("open-original").click();
  await expect.poll(() => openedUrls(page)).toEqual([url]);
  await page.getByTestId("copy-link").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.getByTestId("copy-citation").click();
  const cited = `Переговори в Женеві: делегації обмінялися проєктами документів. pravda.com.ua, 2022-03-15. ${url}`;
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(cited);
  await expect(page.getByTestId("toast").filter({ hasText: "Copied the citation" })).toBeVisible();
});

test("result rows show their tags", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  const row = page.getByTestId("result-row").filter({ hasText: "Переговори в Женеві" });
  await expect(row.getByTestId("result-tags")).toHaveText("war/diplomacy/geneva");
});

test("a direction override in a title reverses nothing and is labelled; zero-width characters are marked", async ({ page }) => {
  await openApp(page);
  await search(page, "підробленого");
  // The core also finds «підроблений» in the fake-statement article; this row is the spoofed title's.
  const row = page.getByTestId("result-row").filter({ hasText: "скасування санкцій" });
  await expect(row.locator(".title [data-invisible=RLO]")).toHaveCount(1);
  // Read left to right: "про" stays before "скасування", the row's date after its source.
  expect(await leftOf(row.locator(".title"), "про")).toBeLessThan(await leftOf(row.locator(".title"), "скасування"));
  await row.click();
  const title = page.getByTestId("reader-title");
  await expect(title.locator("[data-invisible]")).toHaveText("\u202E");
  expect(await leftOf(title, "Заява")).toBeLessThan(await leftOf(title, "скасування"));
  expect(await leftOf(title, "скасування")).toBeLessThan(await leftOf(title, "заголовка"));
  const body = page.locator("[data-reader-body]");
  const labels = await body.locator(".invisible").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.invisible));
  expect(labels).toEqual(["ZWSP", "RLI", "PDI", "RLO", "PDF", "ZWJ"]);
  expect(await leftOf(body, "про обстріли")).toBeLessThan(await leftOf(body, "спростована"));
  await expect(body.locator("[data-invisible=ZWSP]")).toHaveAttribute("title", /U\+200B ZERO WIDTH SPACE/);
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await page.screenshot({ path: `${SHOTS}/direction-override.png` });

  // Search ignores the zero-width characters inside the name.
  await search(page, "Путін");
  await expect(page.getByTestId("result-row").filter({ hasText: "скасування санкцій" })).toHaveCount(1);
});
