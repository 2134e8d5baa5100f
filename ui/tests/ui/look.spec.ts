import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("dark theme follows the system", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(150);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  await page.screenshot({ path: `${SHOTS}/dark.png` });
});

test("light theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await openApp(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeGreaterThan(600);
});

test("the interface switches to Ukrainian and remembers it", async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId("sidebar")).toContainText("All articles");
  await page.getByTestId("locale").selectOption("uk");
  await expect(page.getByTestId("sidebar")).toContainText("Усі статті");
  await expect(page.getByTestId("search-input")).toHaveAttribute("placeholder", /Пошук статей/);
  await page.reload();
  await expect(page.getByTestId("sidebar")).toContainText("Усі статті");
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  await page.screenshot({ path: `${SHOTS}/ukrainian.png` });
});

test.describe("with a Ukrainian browser", () => {
  test.use({ locale: "uk-UA" });
  test("starts in Ukrainian", async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId("sidebar")).toContainText("Усі статті");
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  });
});
