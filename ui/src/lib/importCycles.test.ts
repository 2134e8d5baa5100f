// @vitest-environment node
// No import circles among the UI's own modules: every .ts and .svelte file
// under src/, each relative import (type-only, re-exports and dynamic
// `import()` included: a circle through any of them still ties the modules together).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("..", import.meta.url));

const IMPORTS = [
  // import x from "./a"; import type { X } from "./a"; export { x } from "./a"; export * from "./a"
  /\b(?:import|export)\s+(?:type\s+)?[^;'"]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
  // import "./a"
  /\bimport\s*["'](\.{1,2}\/[^"']+)["']/g,
  // import("./a")
  /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
];

/** The relative specifiers `code` imports. */
export function specifiers(code: string): string[] {
  const out: string[] = [];
  for (const re of IMPORTS) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|svelte)$/.test(f))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** The file a specifier names (`./app.svelte` is app.svelte.ts); `null` outside the sources (JSON, assets). */
function resolveImport(from: string, spec: string, files: Set<string>): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, "index.ts")]) {
    if (files.has(candidate)) return candidate;
  }
  if (existsSync(base) && !/\.(ts|svelte)$/.test(base)) return null;
  throw new Error(`${relative(src, from)}: cannot resolve ${spec}`);
}

/** Every circle of `graph`, each as the path that closes it (first node repeated at the end). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      // A component that renders itself (TagTree's subtrees) is recursion, not a circle.
      if (next === node) continue;
      const s = state.get(next);
      if (s === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

function importGraph(): Map<string, string[]> {
  // This file is left out: its examples below are strings, not imports.
  const self = fileURLToPath(import.meta.url);
  const files = sourceFiles(src).filter((f) => f !== self);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(readFileSync(file, "utf8"))
      .map((spec) => resolveImport(file, spec, known))
      .filter((t): t is string => t !== null);
    graph.set(relative(src, file), [...new Set(targets.map((t) => relative(src, t)))].sort());
  }
  return graph;
}

describe("import circles", () => {
  it("finds the imports of every kind", () => {
    const code = [
      'import { a } from "./a";',
      'import type { B } from "../b";',
      "import {\n  c,\n  type C,\n} from './c.svelte';",
      'export { d } from "./d";',
      'export * from "./e";',
      'import "./f.css";',
      'const g = await import("./g");',
      'import { h } from "svelte";',
    ].join("\n");
    expect(specifiers(code).sort()).toEqual(["../b", "./a", "./c.svelte", "./d", "./e", "./f.css", "./g"]);
  });

  it("names a circle", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(cycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
    expect(cycles(new Map([["tree", ["tree"]]]))).toEqual([]);
  });

  it("the sources have none", () => {
    const graph = importGraph();
    // The graph is real: the files are there and their imports were read.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("main.ts")).toContain("lib/backend.ts");
    const found = cycles(graph).map((c) => c.join(" -> "));
    expect(found, `import circles:\n${found.join("\n")}`).toEqual([]);
  });
});
