import { expect, test, type Page } from "@playwright/test";
import { openApp, openResult, search } from "./helpers";

const SHOTS = "/work/shots/t";

function countOf(page: Page, tag: string) {
  return page.getByTestId("tag-tree").locator(`[data-tag="${tag}"] [data-testid=tag-count]`);
}

async function tagVia(page: Page, name: string, scope: RegExp, remove = false) {
  await page.getByTestId("add-tag").click();
  await page.getByTestId("tag-name").fill(name);
  await page.getByLabel(scope).check();
  if (remove) await page.getByRole("button", { name: /^(Untag|Зняти тег)$/ }).click();
  else await page.getByTestId("tag-apply").click();
  await expect(page.getByTestId("tag-dialog")).toHaveCount(0);
}

test("tagging says what it did, and Undo reverts only the articles it changed", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  const total = Number((await page.getByTestId("result-count").textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(2);
  await openResult(page, "Переговори в Женеві");

  await tagVia(page, "check", /Current article/);
  const toast = page.getByTestId("toast");
  await expect(toast.last()).toContainText("Tagged 1 article ‘check’");
  await expect(countOf(page, "check")).toHaveText("1");

  // All results: the article tagged already is not counted, nor undone.
  await tagVia(page, "check", /All results/);
  await expect(toast.last()).toContainText(`Tagged ${total - 1} articles ‘check’`);
  await expect(countOf(page, "check")).toHaveText(String(total));
  await page.screenshot({ path: `${SHOTS}/toast-tagged.png` });
  await toast.last().getByTestId("toast-action").click();
  await expect(toast.last()).toContainText(`Undone: ‘check’ removed again from ${total - 1} articles`);
  await expect(countOf(page, "check")).toHaveText("1");
  await expect(page.getByTestId("reader-tags")).toContainText("check");

  // Untagging from the reader's chip, and Undo puts the tag back.
  await page.getByRole("button", { name: "Remove tag check" }).click();
  await expect(toast.last()).toContainText("Removed ‘check’ from 1 article");
  await expect(page.getByTestId("reader-tags")).not.toContainText("check");
  await toast.last().getByRole("button", { name: "Undo" }).click();
  await expect(toast.last()).toContainText("Undone: ‘check’ is back on 1 article");
  await expect(page.getByTestId("reader-tags")).toContainText("check");

  // Tagging again what already has the tag says so, with nothing to undo.
  await tagVia(page, "check", /Current article/);
  await expect(toast.last()).toContainText("Nothing changed: every article already has ‘check’");
  await expect(toast.last().getByTestId("toast-action")).toHaveCount(0);
});

test("toasts use Ukrainian plural forms", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("locale").selectOption("uk");
  await search(page, "Женева");
  const total = Number((await page.getByTestId("result-count").textContent())!.match(/\d+/)![0]);
  await openResult(page, "Переговори в Женеві");
  await tagVia(page, "перевірити", /Усі результати/);
  const forms: Record<string, string> = { one: "статтю", few: "статті", many: "статей" };
  const category = new Intl.PluralRules("uk-UA").select(total);
  const toast = page.getByTestId("toast").last();
  await expect(toast).toContainText(`Позначено тегом ‘перевірити’ ${total} ${forms[category]}`);
  await page.screenshot({ path: `${SHOTS}/toast-uk.png` });
  await toast.getByRole("button", { name: "Скасувати" }).click();
  await expect(page.getByTestId("toast").last()).toContainText(`Скасовано: тег ‘перевірити’ знову знято з ${total}`);
  await tagVia(page, "перевірити", /Поточна стаття/, true);
  await expect(page.getByTestId("toast").last()).toContainText("Нічого не змінено: жодна стаття не мала тегу ‘перевірити’");
});

test("a tag kept only on notes shows its notes and finds their articles", async ({ page }) => {
  await openApp(page);
  // The sample data tags two notes (one orphaned) `verify`, and no article.
  const row = page.getByTestId("tag-tree").locator('[data-tag="verify"]');
  await expect(row.getByTestId("tag-notes")).toHaveText("✎2");
  await expect(row.getByTestId("tag-count")).toHaveCount(0);
  await row.click();
  await expect(page.getByTestId("results")).toHaveAttribute("data-query", /tag:verify/);
  await expect(page.getByTestId("result-row")).toHaveCount(2);
  await expect(page.getByTestId("result-row").first()).toBeVisible();
});
