// The mock's curation: metadata edits, tags, annotations and removing articles
// (into the trash, and back).
import {
  BackendError,
  type Annotation,
  type Article,
  type MetadataEdit,
  type RemovalReport,
  type RestoreReport,
  type Tag,
  type TagChange,
  type TagImpact,
  type Target,
} from "./api";
import type { Stored } from "./mockLibrary";
import { MockSearch } from "./mockSearch";

export class MockCuration extends MockSearch {
  async updateMetadata(id: string, edit: MetadataEdit): Promise<Article> {
    await this.tick();
    const a = this.find(id);
    const apply = (v: string | null | undefined, cur: string | null) =>
      v === undefined || v === null ? cur : v === "" ? null : v;
    if (edit.title !== undefined && edit.title !== null) {
      if (!edit.title.trim()) throw new BackendError("invalid_input", "The title cannot be empty.");
      a.title = edit.title;
    }
    if (edit.published_at && !/^\d{4}(-\d{2}(-\d{2})?)?/.test(edit.published_at))
      throw new BackendError("invalid_input", `Not a date: “${edit.published_at}”`);
    a.source = apply(edit.source, a.source);
    a.url = apply(edit.url, a.url);
    a.author = apply(edit.author, a.author);
    a.published_at = apply(edit.published_at, a.published_at);
    if (edit.language) a.language = edit.language;
    return this.toArticle(a);
  }

  async tags(): Promise<Tag[]> {
    await this.tick();
    const names = new Set<string>(this.tagMeta.keys());
    for (const a of this.articles) for (const t of a.tags) names.add(t);
    for (const n of this.annotations) for (const t of n.tags) names.add(t);
    return [...names].sort().map((name) => ({
      name,
      count: this.articles.filter((a) => a.tags.includes(name)).length,
      annotations: this.annotations.filter((n) => n.tags.includes(name)).length,
      color: this.tagMeta.get(name)?.color ?? null,
      description: this.tagMeta.get(name)?.description ?? null,
    }));
  }

  protected checkTag(tag: string): string {
    const t = tag.trim().replace(/^\/+|\/+$/g, "");
    if (!t) throw new BackendError("invalid_input", "The tag name is empty.");
    if (/\s/.test(t)) throw new BackendError("invalid_input", `Tag names cannot contain spaces: “${t}”`);
    return t;
  }

  async tagArticles(tag: string, ids: string[]): Promise<TagChange> {
    await this.tick();
    const t = this.checkTag(tag);
    const changed: string[] = [];
    for (const id of ids) {
      const a = this.find(id);
      if (!a.tags.includes(t)) {
        a.tags.push(t);
        changed.push(a.id);
      }
    }
    return { tag: t, articles: changed };
  }

  async untagArticles(tag: string, ids: string[]): Promise<TagChange> {
    await this.tick();
    const changed: string[] = [];
    for (const id of ids) {
      const a = this.find(id);
      if (a.tags.includes(tag)) {
        a.tags = a.tags.filter((x) => x !== tag);
        changed.push(a.id);
      }
    }
    return { tag, articles: changed };
  }

  async tagQuery(tag: string, query: string, remove: boolean): Promise<TagChange> {
    const ids = this.matching(query).map((a) => a.id);
    return remove ? this.untagArticles(tag, ids) : this.tagArticles(tag, ids);
  }

  protected under(name: string, t: string) {
    return t === name || t.startsWith(name + "/");
  }

  async tagImpact(name: string): Promise<TagImpact> {
    await this.tick();
    const all = new Set<string>(this.tagMeta.keys());
    for (const a of this.articles) for (const t of a.tags) all.add(t);
    return {
      name,
      articles: this.articles.filter((a) => a.tags.some((t) => this.under(name, t))).length,
      subtags: [...all].filter((t) => t.startsWith(name + "/")).sort(),
      annotations: this.annotations.filter((n) => n.tags.some((t) => this.under(name, t))).length,
    };
  }

  protected moveTag(from: string, to: string) {
    const map = (t: string) => (this.under(from, t) ? to + t.slice(from.length) : t);
    for (const a of this.articles) a.tags = [...new Set(a.tags.map(map))];
    for (const n of this.annotations) n.tags = [...new Set(n.tags.map(map))];
    for (const [k, v] of [...this.tagMeta]) {
      if (this.under(from, k)) {
        this.tagMeta.delete(k);
        if (!this.tagMeta.has(map(k))) this.tagMeta.set(map(k), v);
      }
    }
  }

  async renameTag(from: string, to: string): Promise<void> {
    await this.tick();
    const t = this.checkTag(to);
    const exists = this.articles.some((a) => a.tags.includes(t)) || this.tagMeta.has(t);
    if (exists) throw new BackendError("invalid_input", `A tag named “${t}” already exists; merge instead.`);
    this.moveTag(from, t);
  }

  async mergeTags(from: string, into: string): Promise<void> {
    await this.tick();
    this.moveTag(from, this.checkTag(into));
  }

  async deleteTag(name: string): Promise<TagImpact> {
    const impact = await this.tagImpact(name);
    for (const a of this.articles) a.tags = a.tags.filter((t) => !this.under(name, t));
    for (const n of this.annotations) n.tags = n.tags.filter((t) => !this.under(name, t));
    for (const k of [...this.tagMeta.keys()]) if (this.under(name, k)) this.tagMeta.delete(k);
    return impact;
  }

  async setTag(name: string, color: string | null, description: string | null): Promise<void> {
    await this.tick();
    const t = this.checkTag(name);
    const cur = this.tagMeta.get(t) ?? { color: null, description: null };
    if (color !== null) cur.color = color === "" ? null : color;
    if (description !== null) cur.description = description === "" ? null : description;
    this.tagMeta.set(t, cur);
  }

  async annotate(article: string, target: Target, note: string, color: string | null, tags: string[]): Promise<Annotation> {
    await this.tick();
    const a = this.find(article);
    const chars = Array.from(a.body);
    let start: number | null = null;
    let end: number | null = null;
    if (target.kind === "span") {
      if (target.start < 0 || target.end > chars.length || target.end <= target.start)
        throw new BackendError("invalid_input", `Span ${target.start}..${target.end} is outside the text.`);
      start = target.start;
      end = target.end;
    } else if (target.kind === "quote") {
      let from = 0;
      for (let i = 0; i < target.occurrence; i++) {
        const at = a.body.indexOf(target.text, from);
        if (at < 0) throw new BackendError("not_found", `Quote not found: “${target.text}”`);
        from = at + 1;
        start = Array.from(a.body.slice(0, at)).length;
      }
      end = (start ?? 0) + Array.from(target.text).length;
    }
    const ann = this.makeAnnotation(a, start, end, note, color, tags.map((t) => this.checkTag(t)));
    this.annotations.push(ann);
    return { ...ann };
  }

  async updateAnnotation(id: string, note: string | null, color: string | null, tags: string[] | null): Promise<Annotation> {
    await this.tick();
    const n = this.annotations.find((x) => x.id === id);
    if (!n) throw new BackendError("not_found", `No annotation with id ${id}`);
    if (note !== null) n.note = note;
    if (color !== null) n.color = color === "" ? null : color;
    if (tags !== null) n.tags = [...new Set(tags.map((t) => this.checkTag(t)))];
    n.updated_at = new Date().toISOString();
    return { ...n, tags: [...n.tags] };
  }

  async deleteAnnotation(id: string): Promise<void> {
    await this.tick();
    this.annotations = this.annotations.filter((n) => n.id !== id);
  }

  async orphanedAnnotations(): Promise<Annotation[]> {
    await this.tick();
    return this.annotations.filter((n) => n.orphaned).map((n) => ({ ...n, tags: [...n.tags] }));
  }

  async deleteArticles(ids: string[]): Promise<RemovalReport> {
    await this.tick();
    if (ids.length === 0) throw new BackendError("invalid_input", "no article ids given");
    return this.remove(ids.map((id) => this.find(id)));
  }

  async deleteQuery(query: string): Promise<RemovalReport> {
    await this.tick();
    if (!query.trim())
      throw new BackendError(
        "invalid_input",
        "the query is empty; to remove every article, give a query that finds them all",
      );
    return this.remove(this.matching(query));
  }

  protected remove(chosen: Stored[]): RemovalReport {
    if (chosen.length === 0) return { removed: 0, annotations: 0, removal: null, ids: [] };
    const gone = new Set(chosen.map((a) => a.id));
    const notes = this.annotations.filter((n) => gone.has(n.article));
    const removal = ++this.removals;
    this.trash.set(removal, { articles: chosen, annotations: notes });
    this.articles = this.articles.filter((a) => !gone.has(a.id));
    this.annotations = this.annotations.filter((n) => !gone.has(n.article));
    return { removed: chosen.length, annotations: notes.length, removal, ids: [...gone] };
  }

  async restoreArticles(removal: number): Promise<RestoreReport> {
    await this.tick();
    const kept = this.trash.get(removal);
    if (!kept) throw new BackendError("not_found", `no removal ${removal} in the trash`);
    this.trash.delete(removal);
    const there = new Set(this.articles.map((a) => a.id));
    const back = kept.articles.filter((a) => !there.has(a.id));
    this.articles = [...this.articles, ...back];
    this.annotations = [...this.annotations, ...kept.annotations];
    return {
      restored: back.length,
      already_there: kept.articles.length - back.length,
      annotations: kept.annotations.length,
      failed: [],
    };
  }
}
