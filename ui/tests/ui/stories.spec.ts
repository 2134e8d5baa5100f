// Story clusters in the reader and the result list. The mock replays what the
// real core answered about a recorded story (src/lib/storyFixture.json): an
// ukrinform.ua original, a trimmed unian.ua reprint a day later with its own
// last paragraph, and an edited zn.ua reprint without a date.
import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

const ORIGINAL = "Блінкен зажадав від РФ відвести війська";
const TRIMMED = "Блінкен – Лаврову: відведіть війська";
const EDITED = "Держдеп: Блінкен і Лавров поговорили телефоном";

test("a reprint's story panel lists the members with the first publisher marked", async ({ page }) => {
  await openApp(page);
  await search(page, "Блінкен");
  await openResult(page, TRIMMED);
  const panel = page.getByTestId("story-panel");
  await expect(panel).toBeVisible();
  const members = panel.getByTestId("story-member");
  await expect(members).toHaveCount(3);
  // Earliest first; the original is the first publisher, and only it.
  await expect(members.nth(0)).toContainText(ORIGINAL);
  await expect(members.nth(0)).toContainText("ukrinform.ua");
  await expect(members.nth(0).getByTestId("story-first")).toBeVisible();
  await expect(panel.getByTestId("story-first")).toHaveCount(1);
  // The open article is marked and cannot be compared with itself.
  await expect(members.nth(1)).toContainText(TRIMMED);
  await expect(members.nth(1)).toHaveClass(/current/);
  await expect(members.nth(1).getByTestId("story-compare")).toHaveCount(0);
  await expect(members.nth(2)).toContainText("zn.ua");
  await expect(members.nth(2)).toContainText("no date");
  // The core's word on why the first publisher is uncertain.
  await expect(panel.getByTestId("story-first-note")).toContainText("1 member without a date could have been earlier");
  // Reused shares as the core computed them: the trimmed reprint has text of its own.
  await expect(members.nth(0)).toContainText("100%");
  await expect(members.nth(1)).toContainText("91%");
  // One publication on 1 February, one on the 2nd (the undated one is in neither).
  const days = panel.getByTestId("story-timeline").locator("[data-day]");
  await expect(days).toHaveCount(2);
  await expect(days.nth(0)).toHaveAttribute("data-day", "2022-02-01");
  await expect(days.nth(0)).toHaveAttribute("data-count", "1");
  await expect(days.nth(1)).toHaveAttribute("data-count", "1");
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SHOTS}/story-panel.png` });

  // A member opens in the reader.
  await members.nth(2).locator("button.open").click();
  await expect(page.getByTestId("reader-title")).toHaveText(EDITED);
  await expect(page.getByTestId("story-member").nth(2)).toHaveClass(/current/);
});

test("compare shows the shared passages marked in both texts and the added text unmarked", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  await search(page, "Блінкен");
  await openResult(page, TRIMMED);
  await page.getByTestId("story-panel").scrollIntoViewIfNeeded();
  await page.getByTestId("story-panel").screenshot({ path: `${SHOTS}/story-panel-dark.png` });
  await page.getByTestId("story-member").nth(0).getByTestId("story-compare").click();
  const view = page.getByTestId("story-compare-view");
  await expect(view).toBeVisible();
  const open = view.getByTestId("compare-a");
  const other = view.getByTestId("compare-b");
  await expect(open).toContainText(TRIMMED);
  await expect(other).toContainText(ORIGINAL);
  const shared = "Держсекретар США Ентоні Блінкен провів телефонну розмову";
  await expect(open.locator("mark.shared").first()).toContainText(shared);
  await expect(other.locator("mark.shared").first()).toContainText(shared);
  // The reprint's own closing paragraph is outside every shared passage.
  await expect(open.locator(".changed").filter({ hasText: "Редакція стежить" })).toHaveCount(1);
  await expect(open.locator("mark.shared").filter({ hasText: "Редакція стежить" })).toHaveCount(0);
  // Text, never markup: the columns hold only the marks and plain runs.
  await expect(open.locator(".text :not(mark):not(span)")).toHaveCount(0);
  await expect(view).toContainText("100% of the shorter text is shared");
  await page.screenshot({ path: `${SHOTS}/story-compare-dark.png` });
  await page.keyboard.press("Escape");
  await expect(view).toHaveCount(0);
});

test("fold stories shows one row per story that unfolds on click", async ({ page }) => {
  await openApp(page);
  await search(page, "Блінкен");
  const rows = page.getByTestId("result-row");
  await expect(rows).toHaveCount(3);
  await page.getByTestId("fold-stories").check();
  await expect(rows).toHaveCount(1);
  const badge = rows.first().getByTestId("story-fold");
  await expect(badge).toHaveText(/\+2 reprints · 3 sources/);
  await badge.click();
  await expect(rows).toHaveCount(3);
  await expect(page.locator("[data-testid=result-row][data-role=member]")).toHaveCount(2);
  await page.getByTestId("results").screenshot({ path: `${SHOTS}/story-fold.png` });
  await badge.click();
  await expect(rows).toHaveCount(1);
  // Articles in no story stay as they are.
  await search(page, "Женева");
  await expect(page.locator("[data-testid=result-row][data-role=single]").first()).toBeVisible();
  await expect(page.getByTestId("story-fold")).toHaveCount(0);
  await page.getByTestId("fold-stories").uncheck();
});
