// @vitest-environment node
// The production build (what the desktop app embeds) must ship no mock code:
// `pickBackend` imports the mock only outside the `production` mode.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const lib = join(root, "src", "lib");

// Strings only the mock holds: the handle the UI tests drive, the mock
// library's path, a sample tag's description and the replay's refusal.
const MARKERS = ["litopysMock", "/home/analyst/Litopys/demo.litopys", "Женевський трек", "not recorded: "];

function textOf(dir: string, ext: RegExp): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => ext.test(f))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

describe("production bundle", () => {
  const out = mkdtempSync(join(tmpdir(), "litopys-bundle-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("the markers are in the mock's sources (so their absence below means something)", () => {
    const mockSources =
      readdirSync(lib)
        .filter((f) => /^mock.*\.ts$/.test(f) && !f.endsWith(".test.ts"))
        .map((f) => readFileSync(join(lib, f), "utf8"))
        .join("\n") + readFileSync(join(lib, "backend.ts"), "utf8");
    for (const m of MARKERS) expect(mockSources, m).toContain(m);
  });

  it("contains no mock code", { timeout: 120_000 }, async () => {
    await build({
      root,
      configFile: join(root, "vite.config.ts"),
      mode: "production",
      logLevel: "silent",
      build: { outDir: out, emptyOutDir: true },
    });
    const shipped = textOf(out, /\.(js|html)$/);
    expect(shipped.length).toBeGreaterThan(10_000);
    for (const m of MARKERS) expect(shipped.includes(m), `${m} in the production bundle`).toBe(false);
  });
});
