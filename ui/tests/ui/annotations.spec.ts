import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("editing an annotation changes its note, colour and tags; Escape cancels", async ({ page }) => {
  await openApp(page);
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const panel = page.getByTestId("notes-panel");
  await expect(panel.getByTestId("notes-count")).toHaveText(/^1 note$/i);
  const id = await panel.getByTestId("note").filter({ hasText: "Перевірити дату раунду" }).getAttribute("data-note-id");
  // By id: while editing, the note's text lives in a textarea.
  const note = panel.locator(`[data-note-id="${id}"]`);
  const mark = page.locator(`[data-reader-body] mark.ann[data-annotation="${id}"]`).first();
  // The sample note has the default colour: blue, unlike the yellow of search hits.
  await expect(mark).toHaveCSS("border-bottom-color", "rgb(100, 181, 246)");

  // Escape leaves everything as it was.
  await note.getByTestId("note-edit-btn").click();
  await expect(note.getByTestId("note-edit-text")).toBeFocused();
  await note.getByTestId("note-edit-text").fill("не збережеться");
  await page.keyboard.press("Escape");
  await expect(note.getByTestId("note-edit")).toHaveCount(0);
  await expect(note).toContainText("Перевірити дату раунду");
  await expect(note.getByTestId("note-edit-btn")).toBeFocused();

  // Save a new note, colour and tags.
  await note.getByTestId("note-edit-btn").click();
  await note.getByTestId("note-edit-text").fill("Раунд був 14 березня — підтверджено");
  await note.getByTestId("note-edit-tags").fill("verify, dates/checked");
  await note.getByRole("radio", { name: "Green" }).click();
  await expect(note.getByRole("radio", { name: "Green" })).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: `${SHOTS}/annotation-edit.png` });
  await note.getByTestId("note-edit-save").click();

  await expect(note.getByTestId("note-edit")).toHaveCount(0);
  await expect(note).toContainText("Раунд був 14 березня — підтверджено");
  await expect(note).toContainText("#dates/checked");
  await expect(note).not.toContainText("Перевірити дату раунду");
  await expect(mark).toHaveCSS("border-bottom-color", "rgb(129, 199, 132)");
  await expect(mark).toHaveAttribute("title", "Раунд був 14 березня — підтверджено");
  await page.screenshot({ path: `${SHOTS}/annotation-edited.png` });

  // The change is stored: it survives reopening the article.
  await openResult(page, "В Женеве прошла встреча");
  await openResult(page, "Переговори в Женеві");
  await expect(panel).toContainText("Раунд був 14 березня — підтверджено");
  await expect(mark).toHaveCSS("border-bottom-color", "rgb(129, 199, 132)");
});

test("the orphaned annotations list opens articles and deletes annotations", async ({ page }) => {
  await openApp(page);
  const entry = page.getByTestId("open-orphans");
  await expect(entry).toHaveText(/Orphaned annotations \(2\)/);
  await entry.click();
  const dlg = page.getByTestId("orphans-dialog");
  await expect(dlg.getByTestId("orphans-count")).toHaveText("2 annotations lost their quotes");
  const items = dlg.getByTestId("orphan-item");
  await expect(items).toHaveCount(2);
  const grain = items.filter({ hasText: "понад 25 тисяч тонн пшениці" });
  await expect(grain).toContainText("Цифру виправили в новій версії");
  await expect(grain).toContainText("#verify");
  await expect(grain.getByTestId("orphan-open")).toHaveText(/Зернова угода: перші судна/);
  await page.screenshot({ path: `${SHOTS}/orphans.png` });

  // Open the article from the list: the reader shows it with the note focused.
  await grain.getByTestId("orphan-open").click();
  await expect(dlg).toHaveCount(0);
  await expect(page.getByTestId("reader-title")).toContainText("Зернова угода");
  const note = page.getByTestId("notes-panel").getByTestId("note").filter({ hasText: "Цифру виправили" });
  await expect(note).toContainText("Quote not found in the current text");
  await expect(note).toHaveClass(/focused/);
  await page.screenshot({ path: `${SHOTS}/orphan-opened.png` });

  // Delete one from the list; the counts follow.
  await entry.click();
  await expect(items).toHaveCount(2);
  await grain.getByTestId("orphan-delete").click();
  await expect(items).toHaveCount(1);
  await expect(dlg.getByTestId("orphans-count")).toHaveText("1 annotation lost its quote");
  await expect(entry).toHaveText(/Orphaned annotations \(1\)/);
  // …and the open reader drops it too.
  await expect(page.getByTestId("notes-panel")).not.toContainText("Цифру виправили");
  await expect(page.getByTestId("notes-panel").getByTestId("notes-count")).toHaveText(/^Notes$/i);

  // In Ukrainian, then delete the last one: the sidebar entry goes away.
  await page.keyboard.press("Escape");
  await expect(dlg).toHaveCount(0);
  await page.getByTestId("locale").selectOption("uk");
  await expect(entry).toHaveText(/Осиротілі анотації \(1\)/);
  await entry.click();
  await expect(dlg.getByTestId("orphans-count")).toHaveText("1 анотація втратила цитату");
  await page.screenshot({ path: `${SHOTS}/orphans-uk.png` });
  await items.first().getByTestId("orphan-delete").click();
  await expect(items).toHaveCount(0);
  await expect(dlg.getByTestId("orphans-count")).toHaveText("Осиротілих анотацій немає.");
  await expect(entry).toHaveCount(0);
  await expect(page.getByTestId("status-line")).toContainText(/\d+ стат(тя|ті|ей) у бібліотеці/);
});
