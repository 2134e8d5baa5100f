// Capture from the web (issue 18): the capture dialog runs a capture with
// progress and shows its evidence; a dropped link opens it; the reader shows
// where an article came from (time, final address, SHA-256, WARC export,
// other versions); the feeds dialog lists feeds and polls them.
import { expect, test } from "@playwright/test";
import { openApp, openResult, search } from "./helpers";

const SHOTS = process.env.LITOPYS_SHOTS ?? "test-results/screenshots";

test("a pasted address is captured with progress and its evidence shown", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-capture").click();
  const dialog = page.getByTestId("capture-dialog");
  await dialog.getByTestId("capture-url").fill("https://zn.ua/ukr/POLITICS/rada-budget.html");
  await page.screenshot({ path: `${SHOTS}/capture-dialog.png` });
  await dialog.getByTestId("capture-start").click();
  await expect(dialog.getByTestId("capture-progress")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/capture-progress.png` });
  const result = dialog.getByTestId("capture-result");
  await expect(result).toHaveAttribute("data-status", "new");
  await expect(dialog.getByTestId("capture-sha")).toHaveText(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: `${SHOTS}/capture-result.png` });
  await dialog.getByTestId("capture-open").click();
  await expect(page.getByTestId("reader-title")).toContainText("zn.ua");
  await expect(page.getByTestId("provenance-url")).toHaveText("https://zn.ua/ukr/POLITICS/rada-budget.html");
});

test("an invalid certificate is refused with its reason, then captured with the override", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-capture").click();
  const dialog = page.getByTestId("capture-dialog");
  await dialog.getByTestId("capture-url").fill("https://self-signed.example/page");
  await dialog.getByTestId("capture-start").click();
  await expect(dialog.getByTestId("capture-error")).toContainText("certificate is not valid");
  await page.screenshot({ path: `${SHOTS}/capture-certificate.png` });
  await dialog.getByTestId("capture-insecure").check();
  await dialog.getByTestId("capture-start").click();
  await expect(dialog.getByTestId("capture-result")).toHaveAttribute("data-status", "new");
});

test("a link dropped on the window opens the capture dialog with it", async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData("text/uri-list", "https://www.pravda.com.ua/news/2024/01/10/7000000/");
    window.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, cancelable: true }));
  });
  await expect(page.getByTestId("capture-url")).toHaveValue("https://www.pravda.com.ua/news/2024/01/10/7000000/");
});

test("the reader shows provenance, exports the WARC and lists other versions", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const prov = page.getByTestId("provenance");
  await expect(prov.getByTestId("provenance-time")).toHaveText("2022-03-16T08:02:44Z");
  await expect(prov.getByTestId("provenance-url")).toHaveText("https://www.pravda.com.ua/news/2022/03/15/geneva/");
  await expect(prov.getByTestId("provenance-sha")).toHaveText(/^[0-9a-f]{16}…$/);
  await expect(prov.getByTestId("provenance-version")).toHaveCount(1);
  await page.getByTestId("reader-header").screenshot({ path: `${SHOTS}/provenance-header.png` });
  await prov.getByTestId("export-warc").click();
  await expect(page.getByText(/WARC written: .*capture-2\.warc/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/provenance-exported.png` });
});

test("the feeds dialog lists feeds with their errors, adds one and polls now", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("open-feeds").click();
  const dialog = page.getByTestId("feeds-dialog");
  await expect(dialog.getByTestId("feed-row")).toHaveCount(2);
  await expect(dialog.getByTestId("feed-error")).toContainText("malformed XML");
  await dialog.getByTestId("feed-url").fill("https://zn.ua/rss/full.rss");
  await dialog.getByTestId("feed-add").click();
  await expect(dialog.getByTestId("feed-row")).toHaveCount(3);
  await dialog.getByTestId("feed-minutes").fill("15");
  await dialog.getByTestId("feed-minutes").dispatchEvent("change");
  await dialog.getByTestId("feeds-poll").click();
  await expect(dialog.getByTestId("feeds-summary")).toContainText("Polled 3 feeds");
  await page.screenshot({ path: `${SHOTS}/feeds-dialog.png` });
});
