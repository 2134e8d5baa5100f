import { expect, test } from "@playwright/test";
import { openApp, search, SHOTS as DEFAULT_SHOTS } from "./helpers";

// Issue 13: the forms each query word matched; unticking one drops it from
// the query (`skip:`), ticking it again brings it back. Counts as recorded
// from the real core (searchFixture.json).
const SHOTS = process.env.LITOPYS_SHOTS ?? DEFAULT_SHOTS;

test("the forms a query matched can be left out and taken back", async ({ page }) => {
  await openApp(page);
  await search(page, "переговори");
  const count = page.getByTestId("result-count");
  await expect(count).toHaveText("7 results");

  // Compact: one chip per query word, its forms behind it.
  const bar = page.getByTestId("forms-bar");
  const chip = bar.getByTestId("forms-word");
  await expect(chip).toHaveCount(1);
  await expect(chip).toHaveAccessibleName("переговори 5 forms");
  await expect(chip).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("forms-panel")).toHaveCount(0);
  await page.getByTestId("searchbar").screenshot({ path: `${SHOTS}/forms-collapsed.png` });
  await page.screenshot({ path: `${SHOTS}/forms-collapsed-window.png` });

  await chip.click();
  await expect(chip).toHaveAttribute("aria-expanded", "true");
  const panel = page.getByTestId("forms-panel");
  const boxes = panel.getByRole("checkbox");
  await expect(boxes).toHaveCount(5);
  // The typed form first, marked so.
  await expect(boxes.first()).toHaveAccessibleName("переговори (typed): 5 articles");
  await expect(panel.locator("label").first()).toContainText("typed");
  const skipped = panel.getByRole("checkbox", { name: "переговорах: 1 article" });
  await expect(skipped).toBeChecked();

  await skipped.uncheck();
  await expect(page.getByTestId("search-input")).toHaveValue("переговори skip:переговорах");
  await expect(page.getByTestId("results")).toHaveAttribute("data-query", "переговори skip:переговорах");
  await expect(count).toHaveText("6 results");
  await expect(skipped).not.toBeChecked();
  await expect(chip).toHaveAccessibleName("переговори 4 of 5 forms");
  await page.getByTestId("searchbar").screenshot({ path: `${SHOTS}/forms-expanded.png` });
  await page.screenshot({ path: `${SHOTS}/forms-expanded-window.png` });

  await skipped.check();
  await expect(page.getByTestId("search-input")).toHaveValue("переговори");
  await expect(count).toHaveText("7 results");
  await expect(skipped).toBeChecked();
  await expect(chip).toHaveAccessibleName("переговори 5 forms");

  // Escape closes the list, back on the word's chip.
  await skipped.press("Escape");
  await expect(page.getByTestId("forms-panel")).toHaveCount(0);
  await expect(chip).toBeFocused();

  // An empty query has no words, so no forms.
  await search(page, "");
  await expect(bar).toHaveCount(0);
});

test("the last form of a word left in the search cannot be unticked", async ({ page }) => {
  await openApp(page);
  await search(page, "формулюваннями");
  const chip = page.getByTestId("forms-bar").getByRole("button", { name: "формулюваннями 1 form" });
  await chip.click();
  const only = page.getByTestId("forms-panel").getByRole("checkbox");
  await expect(only).toHaveCount(1);
  await expect(only).toBeChecked();
  await expect(only).toBeDisabled();
});
