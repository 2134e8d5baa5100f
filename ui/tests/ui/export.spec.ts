import { expect, test, type Page } from "@playwright/test";
import { openApp, search } from "./helpers";

// Screenshots of the dialogs for the people reviewing issue 19.
const SHOTS = process.env.LITOPYS_SHOTS ?? "test-results/screenshots";

async function openExport(page: Page) {
  await page.getByTestId("open-export").click();
  return page.getByTestId("export-dialog");
}

test("an existing file is replaced only after the user says so", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  const dlg = await openExport(page);
  await dlg.getByTestId("export-format").selectOption("markdown");
  await dlg.getByTestId("export-path").fill("/tmp/geneva.md");
  await dlg.getByTestId("export-start").click();
  await expect(dlg.getByTestId("export-result")).toContainText(/Exported [1-9]\d* articles/);

  await dlg.getByTestId("export-start").click();
  const ask = dlg.getByTestId("export-replace");
  await expect(ask).toContainText("Replace the file?");
  await expect(ask).toContainText("/tmp/geneva.md already exists");
  await expect(dlg.getByTestId("export-result")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/export-replace.png` });
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);

  await dlg.getByTestId("export-start").click();
  await dlg.getByTestId("export-replace-yes").click();
  await expect(dlg.getByTestId("export-result")).toContainText(/Exported [1-9]\d* articles/);
});

test("an empty selection is a warning and nothing is written", async ({ page }) => {
  await openApp(page);
  await search(page, "zzzqqqnothingmatches");
  const dlg = await openExport(page);
  await dlg.getByTestId("export-path").fill("/tmp/nothing.jsonl");
  await dlg.getByTestId("export-start").click();
  await expect(dlg.getByTestId("export-empty")).toContainText("Nothing to export");
  await expect(dlg.getByTestId("export-result")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/export-empty.png` });

  // A tag expression the dialog cannot count: the backend says so before writing.
  await dlg.getByLabel("Tag expression").first().check();
  await dlg.getByRole("textbox", { name: "Tag expression" }).fill("no-such-tag");
  await dlg.getByTestId("export-start").click();
  await expect(dlg.getByTestId("export-empty")).toContainText("selects no articles");
  await expect(dlg.getByTestId("export-result")).toHaveCount(0);
});

test("the typed name is kept and a mismatched extension is explained", async ({ page }) => {
  await openApp(page);
  const dlg = await openExport(page);
  const labels = await dlg.getByTestId("export-format").locator("option").allTextContents();
  expect(labels[0]).toContain("lossless");
  expect(labels[0]).toContain(".jsonl");
  expect(labels.at(-1)).toBe("Text files in folders by tag (.zip)");

  await dlg.getByTestId("export-format").selectOption("html");
  await expect(dlg.getByTestId("export-annotations-only")).toBeVisible();
  await dlg.getByTestId("export-path").fill("/tmp/for-the-editor.txt");
  await expect(dlg.getByTestId("export-ext-note")).toContainText(".html");
  await dlg.getByTestId("export-format").selectOption("markdown");
  await expect(dlg.getByTestId("export-path")).toHaveValue("/tmp/for-the-editor.txt");
  await page.screenshot({ path: `${SHOTS}/export-extension.png` });
  await dlg.getByTestId("export-start").click();
  await expect(dlg.getByTestId("export-note")).toContainText("usually end in .md");

  // A name with one of our extensions follows the format.
  await dlg.getByTestId("export-path").fill("/tmp/x.md");
  await dlg.getByTestId("export-format").selectOption("csv");
  await expect(dlg.getByTestId("export-path")).toHaveValue("/tmp/x.csv");
  await expect(dlg.getByTestId("export-ext-note")).toHaveCount(0);
  await expect(dlg.getByTestId("export-annotations-only")).toHaveCount(0);
});
