import { defineConfig, devices } from "@playwright/test";

// Runs against the app built in the `mock` mode (`vite build --mode mock`; the
// production build leaves the mock out) into dist-mock/ (so dist/, what the
// desktop app embeds, stays a production build) and served by `vite preview`.
// Uses Debian's Chromium; Playwright never downloads browsers.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Several checkouts can run their UI tests at once, each on its own port.
const port = process.env.LITOPYS_UI_PORT ?? "4173";

export default defineConfig({
  testDir: "tests/ui",
  outputDir: "test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 860 },
    locale: "en-GB",
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1400, height: 860 },
        launchOptions: {
          executablePath: chromium,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build --mode mock --outDir dist-mock && npx vite preview --outDir dist-mock --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
