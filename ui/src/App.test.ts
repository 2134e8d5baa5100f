import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import { setLocale } from "./lib/i18n";
import { MockBackend } from "./lib/mock";
import { XSS_ID } from "./lib/mockData";

afterEach(() => setLocale("en"));

function backend() {
  const b = new MockBackend(0);
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
    await waitFor(() => expect(container.querySelector("[data-testid=result-count]")?.textContent).toMatch(/9 results/));
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
});
