// The mock backend's story answers: replayed from what the real core answered
// (storyFixture.json, recorded by src-tauri/src/story_fixture.rs), never
// computed here, so the UI tests see the core's real spans and shares.
import { BackendError, type ArticleStory, type PairAlignment, type StoryDetail } from "./api";
import type { SeedArticle } from "./mockData";
import fixture from "./storyFixture.json";

interface Recording {
  articles: Omit<SeedArticle, "tags">[];
  article_story: Record<string, ArticleStory | null>;
  story_detail: Record<string, StoryDetail>;
  story_pair: Record<string, PairAlignment>;
}

const recorded = fixture as unknown as Recording;

/** The recorded story's articles (an original, two reprints, one unrelated), as imported. */
export const STORY_ARTICLES: SeedArticle[] = recorded.articles.map((a) => ({ ...a, tags: [] }));

/** The recorded story's id. */
export const STORY_ID: string = Object.keys(recorded.story_detail)[0];

export function articleStory(id: string): ArticleStory | null {
  return structuredClone(recorded.article_story[id] ?? null);
}

export function storyDetail(storyId: string): StoryDetail {
  const d = recorded.story_detail[storyId.trim().toLowerCase()];
  if (!d) throw new BackendError("not_found", `No story with id ${storyId}`);
  return structuredClone(d);
}

export function storyPair(a: string, b: string): PairAlignment {
  const p = recorded.story_pair[`${a} ${b}`];
  // Only the story's own pairs were recorded; any other pair shares nothing here.
  return structuredClone(p ?? { a, b, containment: 0, shared: [] });
}
