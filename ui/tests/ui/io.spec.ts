import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("export the current search", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("search-input").fill("Женева");
  await expect(page.getByTestId("result-row").first()).toContainText(/Жене/);
  await page.getByTestId("open-export").click();
  const dlg = page.getByTestId("export-dialog");
  await dlg.getByTestId("export-format").selectOption("refi-qda");
  await dlg.getByTestId("export-path").fill("/tmp/geneva.qdpx");
  await dlg.getByTestId("export-start").click();
  await expect(dlg.getByTestId("export-result")).toContainText(/Exported [1-9]\d* articles/);
  await expect(dlg).toContainText("/tmp/geneva.qdpx");
  await expect(dlg.getByTestId("export-reveal")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/export.png` });
  await page.keyboard.press("Escape");
  await expect(dlg).toHaveCount(0);
});

test("export offers every format and a browse button", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-export").click();
  const options = await page.getByTestId("export-format").locator("option").evaluateAll((os) =>
    os.map((o) => (o as HTMLOptionElement).value),
  );
  expect(options).toEqual(["jsonl", "csv", "markdown", "html", "w3c", "refi-qda", "zip"]);
  await page.getByRole("button", { name: "Browse…" }).click();
  await expect(page.getByTestId("export-path")).toHaveValue(/litopys-export\.jsonl$/);
});

test("import by typed paths shows progress and failures", async ({ page }) => {
  await openApp(page);
  // 10 seed + 4 recorded story articles + 240 filler; the import adds 4.
  await expect(page.getByTestId("status-line")).toContainText("254 articles");
  await page.getByTestId("open-import").click();
  const dlg = page.getByTestId("import-dialog");
  await dlg.getByTestId("import-paths").fill("/data/scrapes/march/\n/data/broken.pdf\n/data/bad-encoding.txt");
  await dlg.getByTestId("import-start").click();
  await expect(dlg.getByTestId("import-status")).toContainText("of 6 files");
  await expect(dlg.getByTestId("import-result")).toContainText("Import finished");
  const failures = dlg.getByTestId("import-failures");
  await expect(failures.locator("li")).toHaveCount(2);
  await expect(failures).toContainText("/data/broken.pdf");
  await expect(failures).toContainText("unsupported format: .pdf");
  await page.screenshot({ path: `${SHOTS}/import.png` });
  await dlg.getByRole("button", { name: "Close" }).last().click();
  await expect(page.getByTestId("status-line")).toContainText("258 articles");
});

test("import can be cancelled", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-import").click();
  const dlg = page.getByTestId("import-dialog");
  await dlg.getByTestId("import-paths").fill("/a/\n/b/\n/c/");
  await dlg.getByTestId("import-start").click();
  await dlg.getByTestId("import-cancel").click();
  await expect(dlg.getByTestId("import-result")).toContainText("Import cancelled");
});

test("library switcher opens a path and lists recent ones", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-library").click();
  const dlg = page.getByTestId("library-dialog");
  await expect(dlg).toContainText("archive-2022.litopys");
  await dlg.getByLabel(/Library path/).fill("/tmp/new.litopys");
  await dlg.getByRole("button", { name: "Open" }).click();
  await expect(page.getByTestId("status-line")).toContainText("/tmp/new.litopys");
});

test("an import by another program shows up without a restart; the open article stays", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const status = page.getByTestId("status-line");
  const before = Number((await status.textContent())!.match(/(\d+) articles/)![1]);
  const rows = page.getByTestId("result-row");
  const shown = await rows.count();

  await page.evaluate(() => {
    const w = window as unknown as { litopysMock: { externalImport(titles: string[]): void } };
    w.litopysMock.externalImport(["Женева: нова стаття з командного рядка"]);
  });
  await expect(status).toContainText(`${before + 1} articles`);
  await expect(rows).toHaveCount(shown + 1);
  await expect(page.getByTestId("result-list")).toContainText("Женева: нова стаття з командного рядка");
  await expect(page.getByTestId("reader-title")).toContainText("Переговори в Женеві");
});
