// The team library (issue 17): the status line says whether the library is
// in sync with its team, and each note names who changed it last.
import { expect, test } from "@playwright/test";
import { openApp, openResult, search, SHOTS } from "./helpers";

test("the status line shows the team state and each note its author", async ({ page }) => {
  await openApp(page);
  const team = page.getByTestId("team-status");
  await expect(team).toContainText("Team: synced as ann");
  await search(page, "Женева");
  await openResult(page, "Переговори в Женеві");
  const author = page.getByTestId("notes-panel").getByTestId("note-author").first();
  await expect(author).toHaveText(/^by (ann|bob)$/);
  await page.screenshot({ path: `${SHOTS}/team-status.png` });
  await team.getByTestId("team-sync-now").click();
  await expect(team).toContainText("Team:");
});
