// The mock's sample library, as the real core stored it: the articles of
// mockSeed.json (the one source of them), the recorded story's articles and
// generated filler articles, imported by src-tauri/src/search_fixture.rs into
// a real library and recorded with the ids the core gave them.
import recording from "./searchFixture.json";
import seed from "./mockSeed.json";

export interface SeedArticle {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string;
  body: string;
  tags: string[];
}

interface RecordedArticle extends SeedArticle {
  key: string | null;
}

const recorded = (recording as unknown as { articles: RecordedArticle[] }).articles;
const strip = ({ key: _key, ...a }: RecordedArticle): SeedArticle => a;

/** The sample articles of mockSeed.json, in its order. */
export const SEED: SeedArticle[] = recorded.slice(0, seed.articles.length).map(strip);
/** The generated filler articles (so the list scrolls and pages), after the seed and the story's articles. */
export const FILLERS: SeedArticle[] = recorded.filter((a) => /^(Огляд|Обзор) дня №/.test(a.title)).map(strip);

/** The id the core gave the sample article with this key in mockSeed.json. */
export function seedId(key: string): string {
  const a = recorded.find((x) => x.key === key);
  if (!a) throw new Error(`no sample article “${key}” in mockSeed.json`);
  return a.id;
}

export const GENEVA_ID = seedId("geneva");
export const XSS_ID = seedId("xss");
/** An article whose title holds an unclosed RIGHT-TO-LEFT OVERRIDE and whose text hides zero-width characters. */
export const BIDI_ID = seedId("bidi");

/** The sample annotations: a quote in an article, or (orphaned) a quote no longer in it. */
export interface SeedAnnotation {
  article: string;
  quote?: string;
  orphan?: string;
  note: string;
  color: string;
  tags: string[];
}
export const SEED_ANNOTATIONS: SeedAnnotation[] = seed.annotations;
