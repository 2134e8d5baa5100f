import { expect, test, type Page } from "@playwright/test";
import { openApp, openResult, search } from "./helpers";

const SHOTS = "/work/shots/t";

const background = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);

/** `rgb(r, g, b)` or `rgba(r, g, b, a)` → [r, g, b]. */
function rgb(css: string): number[] {
  return css.match(/[\d.]+/g)!.slice(0, 3).map(Number);
}

test("System follows the desktop; Light and Dark are kept across restarts", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  const html = page.locator("html");
  await expect(page.getByTestId("theme")).toHaveValue("system");
  await expect(html).toHaveAttribute("data-theme", "dark");
  const darkBg = await background(page, "body");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await background(page, "body")).not.toBe(darkBg);

  await page.getByTestId("theme").selectOption("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await background(page, "body")).toBe(darkBg);
  await page.reload();
  await expect(page.getByTestId("theme")).toHaveValue("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => localStorage.getItem("litopys.theme"))).toBe("dark");

  await page.getByTestId("theme").selectOption("light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveAttribute("data-theme", "light");
});

for (const theme of ["light", "dark"] as const) {
  test(`a note and a search hit look different in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem("litopys.theme", t), theme);
    await openApp(page);
    await search(page, "Женева");
    await openResult(page, "Переговори в Женеві");
    const note = "[data-reader-body] mark.ann";
    const hit = "[data-reader-body] mark.hit:not(.ann)";
    await expect(page.locator(note).first()).toBeVisible();
    await expect(page.locator(hit).first()).toBeVisible();
    const [nr, ng, nb] = rgb(await background(page, note));
    const [hr, hg, hb] = rgb(await background(page, hit));
    // The default note colour is blue, a hit yellow: blue above red for the
    // note, red above blue for the hit.
    expect(nb, "note is bluish").toBeGreaterThan(nr);
    expect(hr, "hit is yellowish").toBeGreaterThan(hb);
    expect(Math.abs(nr - hr) + Math.abs(ng - hg) + Math.abs(nb - hb)).toBeGreaterThan(120);
    await page.screenshot({ path: `${SHOTS}/theme-${theme}.png` });
  });
}
