// Curation: tags (on articles and in the tag manager), annotations and the
// orphans among them, metadata edits, and removing articles (with Undo).
import { get } from "svelte/store";
import type {
  Annotation,
  Article,
  Backend,
  MetadataEdit,
  RemovalReport,
  Tag,
  TagChange,
  TagImpact,
  Target,
} from "./api";
import { t } from "./i18n";
import type { Notices } from "./notices.svelte";
import type { ReaderState } from "./reader.svelte";
import type { SearchState } from "./search.svelte";

/** What a tag change applies to: articles by id, or every result of a query. */
export type TagTarget = { ids: string[] } | { query: string };

export class CurationState {
  readonly #backend: Backend;
  readonly #notices: Notices;
  readonly #search: SearchState;
  readonly #reader: ReaderState;
  /** Everything shown again after the library changed (a removal, its Undo). */
  readonly #libraryChanged: () => Promise<void>;

  tags = $state<Tag[]>([]);
  /** Annotations whose quote is no longer in their article's text. */
  orphans = $state<Annotation[]>([]);

  constructor(
    backend: Backend,
    notices: Notices,
    search: SearchState,
    reader: ReaderState,
    libraryChanged: () => Promise<void>,
  ) {
    this.#backend = backend;
    this.#notices = notices;
    this.#search = search;
    this.#reader = reader;
    this.#libraryChanged = libraryChanged;
  }

  async refreshTags(): Promise<void> {
    try {
      this.tags = await this.#backend.tags();
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async refreshOrphans(): Promise<void> {
    try {
      this.orphans = await this.#backend.orphanedAnnotations();
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** After tags change: the tag list, the reader and the results' facets. */
  async afterTagChange(): Promise<void> {
    await Promise.all([this.refreshTags(), this.#reader.reloadDetail(), this.refreshOrphans()]);
    const search = this.#search;
    if (search.filters.some((f) => f.startsWith("tag:")) || /tag:|has:/.test(search.text)) {
      await search.run();
    } else {
      await search.refreshHits();
    }
  }

  /**
   * Tags (or with `remove`, untags) articles, says what changed and offers
   * Undo, which reverts exactly the articles that changed: those that had the
   * tag before keep it. Returns false when the change failed (reported).
   */
  async changeTag(tag: string, target: TagTarget, remove: boolean): Promise<boolean> {
    try {
      const change = await this.#applyTag(tag, target, remove);
      await this.afterTagChange();
      const tr = get(t);
      const n = change.articles.length;
      if (n === 0) {
        this.#notices.toast("info", tr(remove ? "tag.noneRemoved" : "tag.noneAdded", { tag: change.tag }));
      } else {
        this.#notices.toast("info", tr(remove ? "tag.removed" : "tag.added", { n, tag: change.tag }), {
          label: tr("common.undo"),
          run: () => void this.#undoTagChange(change, remove),
        });
      }
      return true;
    } catch (e) {
      this.#notices.report(e);
      return false;
    }
  }

  #applyTag(tag: string, target: TagTarget, remove: boolean): Promise<TagChange> {
    if ("query" in target) return this.#backend.tagQuery(tag, target.query, remove);
    return remove ? this.#backend.untagArticles(tag, target.ids) : this.#backend.tagArticles(tag, target.ids);
  }

  async #undoTagChange(change: TagChange, wasRemove: boolean): Promise<void> {
    try {
      const back = await this.#applyTag(change.tag, { ids: change.articles }, !wasRemove);
      await this.afterTagChange();
      const key = wasRemove ? "tag.undoneRemoved" : "tag.undoneAdded";
      this.#notices.toast("info", get(t)(key, { n: back.articles.length, tag: change.tag }));
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** How many articles and annotations a tag (and its subtags) is on. */
  tagImpact(name: string): Promise<TagImpact> {
    return this.#backend.tagImpact(name);
  }

  renameTag(from: string, to: string): Promise<void> {
    return this.#backend.renameTag(from, to);
  }

  mergeTags(from: string, into: string): Promise<void> {
    return this.#backend.mergeTags(from, into);
  }

  deleteTag(name: string): Promise<TagImpact> {
    return this.#backend.deleteTag(name);
  }

  setTag(name: string, color: string | null, description: string | null): Promise<void> {
    return this.#backend.setTag(name, color, description);
  }

  updateMetadata(id: string, edit: MetadataEdit): Promise<Article> {
    return this.#backend.updateMetadata(id, edit);
  }

  annotate(article: string, target: Target, note: string, color: string | null, tags: string[]): Promise<Annotation> {
    return this.#backend.annotate(article, target, note, color, tags);
  }

  /**
   * Changes an annotation's note, colour (`""` clears it) or tags; `null` leaves
   * a field as it is. Refreshes the reader, the tags and the orphans.
   */
  async updateAnnotation(
    id: string,
    note: string | null,
    color: string | null,
    tags: string[] | null,
  ): Promise<boolean> {
    try {
      const updated = await this.#backend.updateAnnotation(id, note, color, tags);
      await Promise.all([
        this.#reader.reloadDetail(),
        tags !== null ? this.refreshTags() : Promise.resolve(),
        updated.orphaned ? this.refreshOrphans() : Promise.resolve(),
      ]);
      return true;
    } catch (e) {
      this.#notices.report(e);
      return false;
    }
  }

  async deleteAnnotation(id: string): Promise<void> {
    try {
      await this.#backend.deleteAnnotation(id);
      const wasOrphan = this.orphans.some((n) => n.id === id);
      if (wasOrphan) this.orphans = this.orphans.filter((n) => n.id !== id);
      const shown = this.#reader.detail?.annotations.some((n) => n.id === id) ?? false;
      await Promise.all([
        shown ? this.#reader.reloadDetail() : Promise.resolve(),
        wasOrphan ? this.refreshOrphans() : Promise.resolve(),
      ]);
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** Removes articles by id (the open one, or the selection); Undo in the toast. */
  async removeArticles(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.#afterRemoval(await this.#backend.deleteArticles(ids));
    } catch (e) {
      this.#notices.report(e);
    }
  }

  /** Removes every result of the current search (asked first, in the list). */
  async removeResults(): Promise<void> {
    try {
      await this.#afterRemoval(await this.#backend.deleteQuery(this.#search.searchQuery));
    } catch (e) {
      this.#notices.report(e);
    }
  }

  async #afterRemoval(r: RemovalReport): Promise<void> {
    const reader = this.#reader;
    if (reader.currentId && r.ids.includes(reader.currentId)) reader.close();
    for (const id of r.ids) this.#search.selected.delete(id);
    this.#search.anchor = null;
    await this.#libraryChanged();
    const removal = r.removal;
    if (removal === null) return;
    const tr = get(t);
    this.#notices.toast("info", tr("remove.done", { n: r.removed }), {
      label: tr("remove.undo"),
      run: () => void this.undoRemoval(removal),
    });
  }

  async undoRemoval(removal: number): Promise<void> {
    try {
      const r = await this.#backend.restoreArticles(removal);
      await this.#libraryChanged();
      this.#notices.toast("info", get(t)("remove.restored", { n: r.restored + r.already_there }));
    } catch (e) {
      this.#notices.report(e);
    }
  }
}
