// A span of a text in code points (what the backend's offsets count), shared
// by the text helpers and everything that marks parts of an article.

export interface CodeSpan {
  start: number;
  end: number;
}
