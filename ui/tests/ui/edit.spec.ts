import { expect, test } from "@playwright/test";
import { openApp, openResult, search, selectInReader, SHOTS } from "./helpers";

test("tagging an article updates the sidebar count", async ({ page }) => {
  await openApp(page);
  await search(page, "Стамбул");
  await openResult(page, "Лавров заявил");
  await page.locator("body").click({ position: { x: 700, y: 600 } });
  await page.keyboard.press("t");
  await expect(page.getByTestId("tag-dialog")).toBeVisible();
  await page.getByTestId("tag-name").fill("verify/urgent");
  await page.getByTestId("tag-apply").click();
  await expect(page.getByTestId("tag-dialog")).toHaveCount(0);
  const tree = page.getByTestId("tag-tree");
  await expect(tree.locator('[data-tag="verify/urgent"] [data-testid=tag-count]')).toHaveText("1");
  await expect(tree.locator('[data-tag="verify"] [data-testid=tag-count]')).toHaveText("1");
  await expect(page.getByTestId("reader-tags")).toContainText("verify/urgent");

  // Untag from the reader chip.
  await page.getByRole("button", { name: "Remove tag verify/urgent" }).click();
  await expect(page.getByTestId("reader-tags")).not.toContainText("verify/urgent");
});

test("tagging all results of a search", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await expect(page.getByTestId("result-row").first()).toContainText(/Жене/);
  const total = Number((await page.getByTestId("result-count").textContent())!.match(/\d+/)![0]);
  await page.getByTestId("result-row").first().click();
  await page.getByTestId("add-tag").click();
  await page.getByTestId("tag-name").fill("geneva-all");
  await page.getByLabel(/All results/).check();
  await page.getByTestId("tag-apply").click();
  await expect(
    page.getByTestId("tag-tree").locator('[data-tag="geneva-all"] [data-testid=tag-count]'),
  ).toHaveText(String(total));
});

test("annotating a selection", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  await selectInReader(page, "гуманітарних коридорів");
  await page.keyboard.press("a");
  await expect(page.getByTestId("annotate-dialog")).toBeVisible();
  await expect(page.getByTestId("annotate-quote")).toHaveText("гуманітарних коридорів");
  await page.getByTestId("annotate-note").fill("Уточнити, які саме коридори");
  await page.getByTestId("annotate-save").click();
  await expect(page.getByTestId("annotate-dialog")).toHaveCount(0);
  const mark = page.locator("[data-reader-body] mark.ann").filter({ hasText: "гуманітарних коридорів" });
  await expect(mark).toHaveCount(1);
  await expect(page.getByTestId("notes-panel")).toContainText("Уточнити, які саме коридори");
  await page.screenshot({ path: `${SHOTS}/annotated.png` });
});

test("editing metadata", async ({ page }) => {
  await openApp(page);
  await search(page, "Стамбул");
  await openResult(page, "Лавров заявил");
  await page.getByRole("button", { name: "Edit metadata" }).click();
  const form = page.getByTestId("metadata-form");
  await form.getByLabel("Author").fill("Иван Петров");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("reader")).toContainText("Иван Петров");
});

test("tag manager shows the impact before deleting", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Manage" }).click();
  const dlg = page.getByTestId("tag-manager");
  await dlg.locator('[data-tag="war/diplomacy"]').click();
  await dlg.getByRole("button", { name: "Delete" }).click();
  await expect(dlg.getByTestId("tag-impact")).toContainText("This affects 4 articles, 0 annotations and 1 subtag.");
  await page.screenshot({ path: `${SHOTS}/tag-manager.png` });
  await dlg.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("tag-tree").locator('[data-tag="war/diplomacy"]')).toHaveCount(0);
});

test("saved searches can be saved, run and deleted", async ({ page }) => {
  await openApp(page);
  await search(page, "Лавров");
  await page.getByRole("button", { name: /Save current search/ }).click();
  await page.getByLabel("Name for this search").fill("Лавров");
  await page.keyboard.press("Enter");
  const sidebar = page.getByTestId("sidebar");
  await expect(sidebar.getByRole("button", { name: "Лавров", exact: true })).toBeVisible();
  await sidebar.getByRole("button", { name: "All articles" }).click();
  await expect(page.getByTestId("search-input")).toHaveValue("");
  await sidebar.getByRole("button", { name: "Лавров", exact: true }).click();
  await expect(page.getByTestId("search-input")).toHaveValue("Лавров");
  await sidebar.getByRole("button", { name: "Delete Лавров" }).click();
  await expect(sidebar.getByRole("button", { name: "Лавров", exact: true })).toHaveCount(0);
});
