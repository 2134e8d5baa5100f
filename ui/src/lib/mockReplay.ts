// The mock backend's search and reading answers: replayed from what the real
// core answered (searchFixture.json, recorded by src-tauri/src/search_fixture.rs
// from the sample library of mockSeed.json), never computed here. No query is
// parsed, no word stemmed or matched, no snippet, highlight or line class made
// in TypeScript: an answer is looked up by the command's exact arguments, and
// one that was not recorded fails loudly (add it to the recorder).
//
// The mock keeps some state of its own (tags and notes a test adds, articles
// it removes or fakes an import of, classes set on lines). That state is not
// fed into a query language. Instead:
// - A few states the UI tests reach are recorded too, each named by its
//   changes from the seed ("+tag <id> <tag>", "block <id> <start> <class>",
//   "+article <id>"); the mock names its own state the same way
//   (`MockSearch.stateChanges`), and when it is one of them, that state's
//   recorded answer is replayed.
// - Otherwise the seed's recorded answer is replayed as the store stands:
//   hits of articles no longer in the store are left out (the total with
//   them), a hit shows its article's current title, date and tags, and the
//   tag facet counts the hits' current tags (as the core's does). The other
//   facets, the timeline and the word forms' article counts stay as recorded.
// - Articles the mock adds itself (a fake import, a capture) were never seen
//   by the core: they are in no recorded answer, and the reader shows them
//   without highlights, blocks or similar articles.
import {
  BackendError,
  type Block,
  type FailureCode,
  type Histogram,
  type SearchHit,
  type SearchResults,
  type WordForms,
} from "./api";
import type { CodeSpan } from "./codeSpan";
import type { SeedArticle } from "./mockData";
import fixture from "./searchFixture.json";

const RECORDER = "src-tauri/src/search_fixture.rs";

type Answer<T> = { ok: T } | { error: { code: FailureCode; message: string } };

export interface Page {
  results: SearchResults;
  timeline: Histogram;
}

interface Reader {
  blocks: Block[];
  mixed_script: CodeSpan[];
}

interface Scripted {
  state: string[];
  search?: Record<string, Answer<Page>>;
  forms?: Record<string, Answer<WordForms[]>>;
  highlights?: Record<string, Record<string, CodeSpan[]>>;
  blocks?: Record<string, Block[]>;
  reader?: Record<string, Reader>;
  articles?: SeedArticle[];
}

interface Recording {
  search: Record<string, Answer<Page>>;
  forms: Record<string, Answer<WordForms[]>>;
  highlights: Record<string, Record<string, CodeSpan[]>>;
  reader: Record<string, Reader>;
  similar: Record<string, Answer<SearchHit[]>>;
  similar_limit: number;
  tag_selection: Record<string, Answer<string[]>>;
  scripted: Scripted[];
}

const recorded = fixture as unknown as Recording;

function notRecorded(what: string): never {
  throw new BackendError("internal", `not recorded: ${what}; add it to ${RECORDER}`);
}

function unwrap<T>(a: Answer<T>): T {
  if ("error" in a) throw new BackendError(a.error.code, a.error.message);
  return structuredClone(a.ok);
}

/** The recorded state with exactly these changes from the seed, if any. */
function scriptedState(changes: string[]): Scripted | undefined {
  const key = [...changes].sort().join("\n");
  return recorded.scripted.find((s) => [...s.state].sort().join("\n") === key);
}

/** The recorded answer of `search_with_timeline` for `query` (every hit, best first). */
export function searchPage(query: string, changes: string[]): Page {
  const answer = scriptedState(changes)?.search?.[query] ?? recorded.search[query];
  if (!answer) notRecorded(`the search ${JSON.stringify(query)}`);
  return unwrap(answer);
}

/**
 * The recorded answer of `word_forms` for `query`. Its article counts stay as
 * recorded whatever the mock changed since (they count articles the core held).
 */
export function wordForms(query: string, changes: string[]): WordForms[] {
  const answer = scriptedState(changes)?.forms?.[query] ?? recorded.forms[query];
  if (!answer) notRecorded(`the word forms of ${JSON.stringify(query)}`);
  return unwrap(answer);
}

/** Highlights of `query` in article `id`, as the reader asks for them. */
export function highlights(id: string, query: string, changes: string[]): CodeSpan[] {
  const byArticle = scriptedState(changes)?.highlights?.[query] ?? recorded.highlights[query];
  if (!byArticle) notRecorded(`highlights of the query ${JSON.stringify(query)}`);
  return structuredClone(byArticle[id] ?? []);
}

/**
 * The reader's blocks and mixed-script words of article `id`; `chosen` says
 * whether the user set a line's class in it. Empty for an article the core never saw.
 */
export function reader(id: string, chosen: boolean, changes: string[]): Reader {
  const state = scriptedState(changes);
  const base = recorded.reader[id] ?? state?.reader?.[id];
  if (!base) return { blocks: [], mixed_script: [] };
  const blocks = state?.blocks?.[id];
  if (chosen && !blocks) notRecorded(`the blocks of ${id} with the classes ${JSON.stringify(changes)}`);
  return structuredClone({ blocks: blocks ?? base.blocks, mixed_script: base.mixed_script });
}

/** The recorded blocks of article `id` before any change (empty if the core never saw it). */
export function seedBlocks(id: string): Block[] {
  return structuredClone(recorded.reader[id]?.blocks ?? []);
}

/** The articles most like `id`; none for an article the core never saw. */
export function similar(id: string, limit: number): SearchHit[] {
  const answer = recorded.similar[id];
  if (!answer) return [];
  if (limit > recorded.similar_limit) notRecorded(`similar articles beyond ${recorded.similar_limit}`);
  return unwrap(answer).slice(0, limit);
}

/** Ids of the articles a tag expression selects. */
export function tagSelection(expr: string): string[] {
  const answer = recorded.tag_selection[expr];
  if (!answer) notRecorded(`the tag expression ${JSON.stringify(expr)}`);
  return unwrap(answer);
}

/** An article another program imports, as the core stored it, by its title. */
export function externalArticle(title: string): SeedArticle {
  for (const s of recorded.scripted) for (const a of s.articles ?? []) if (a.title === title) return structuredClone(a);
  return notRecorded(`an external import titled ${JSON.stringify(title)}`);
}
