import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { setLocale } from "./lib/i18n";
import { MockBackend } from "./lib/mock";
import { FILLERS, GENEVA_ID, SEED, XSS_ID } from "./lib/mockData";
import { STORY_ARTICLES } from "./lib/mockStories";

afterEach(() => {
  setLocale("en");
  localStorage.removeItem("litopys.wholeText");
});

function backend() {
  const b = new MockBackend();
  b.latency = 0;
  return b;
}

describe("App with the mock backend", () => {
  it("renders the XSS article's title and body as text", async () => {
    const b = backend();
    const { container } = render(App, { backend: b });
    await screen.findByText("All articles");
    // Open the article the way the keyboard does: through the app state.
    const detail = await b.article(XSS_ID, "");
    expect(detail.article.body).toContain("<img src=x onerror=alert(1)>");
    await waitFor(() => expect(container.querySelector("[data-testid=result-count]")?.textContent).toBe(`${SEED.length + STORY_ARTICLES.length + FILLERS.length} results`));
    for (let i = 0; i < 20; i++) {
      await fireEvent.keyDown(window, { key: "j" });
      const title = container.querySelector("[data-testid=reader-title]")?.textContent ?? "";
      if (title.includes("Перевірка розмітки")) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() =>
      expect(container.querySelector("[data-testid=reader-title]")?.textContent).toBe(
        "Перевірка розмітки: <script>alert(1)</script> у заголовку",
      ),
    );
    expect(container.querySelector("[data-reader-body]")?.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
  });

  it("switches the interface language", async () => {
    render(App, { backend: backend() });
    await screen.findByText("All articles");
    const select = screen.getByTestId("locale") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "uk" } });
    await screen.findByText("Усі статті");
    expect(screen.getByTestId("search-input").getAttribute("placeholder")).toMatch(/Пошук статей/);
  });

  it("sends the query widened by Whole text to search with its timeline, reader and export", async () => {
    const b = backend();
    const search = vi.spyOn(b, "searchWithTimeline");
    const article = vi.spyOn(b, "article");
    const exportSet = vi.spyOn(b, "exportSet");
    render(App, { backend: b });
    await screen.findByText("All articles");
    await fireEvent.input(screen.getByTestId("search-input"), { target: { value: "Viber" } });
    await waitFor(() => expect(search).toHaveBeenLastCalledWith("Viber", "relevance", 50, "month"));
    await waitFor(() => expect(screen.getByTestId("result-count").textContent).toMatch(/0 results/));

    const toggle = screen.getByTestId("search-all-text") as HTMLInputElement;
    await fireEvent.click(toggle);
    expect(toggle.checked).toBe(true);
    expect(localStorage.getItem("litopys.wholeText")).toBe("1");
    await waitFor(() => expect(search).toHaveBeenLastCalledWith("in:all Viber", "relevance", 50, "month"));
    await waitFor(() => expect(screen.getByTestId("result-count").textContent).toMatch(/1 result/));
    // The list is virtual (no rows in jsdom): open the result from the keyboard.
    await fireEvent.keyDown(window, { key: "j" });
    await waitFor(() => expect(article).toHaveBeenLastCalledWith(GENEVA_ID, "in:all Viber"));

    await fireEvent.click(screen.getByTestId("open-export"));
    await fireEvent.click(screen.getByTestId("export-block-labels"));
    await fireEvent.input(screen.getByTestId("export-path"), { target: { value: "/tmp/x.jsonl" } });
    await fireEvent.click(screen.getByTestId("export-start"));
    await waitFor(() => expect(exportSet).toHaveBeenCalled());
    expect(exportSet.mock.calls[0].slice(0, 4)).toEqual([
      { kind: "query", value: "in:all Viber" },
      "jsonl",
      "/tmp/x.jsonl",
      { blockLabels: true, force: false, annotationsOnly: false },
    ]);
  });
});
