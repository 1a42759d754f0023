import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import {
  collectionsFileSchema,
  SCHEMA_VERSION,
  type Collection,
  type CollectionsFile,
} from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { ValidatedJsonFile } from './validatedJsonFile.ts';

export const COLLECTIONS_FILE = 'collections.json';

const EMPTY: CollectionsFile = { schemaVersion: SCHEMA_VERSION, collections: [] };

/** What may change in a collection at once. */
export type CollectionChange = { name?: string; add?: readonly string[]; remove?: readonly string[] };

function cleanName(name: string, file: string): string {
  const trimmed = name.normalize('NFC').trim();
  if (trimmed === '') throw new WorkbenchError('INVALID_INPUT', `A collection needs a name (${file}).`);
  return trimmed;
}

/**
 * The library's collections (named sets of articles: a case, a report in progress), kept in
 * collections.json at the library's root and written atomically. An article in the trash stays
 * in its collections, so restoring it brings it back where it was; readers skip missing ids.
 */
export class CollectionStore {
  readonly #db: Low<CollectionsFile>;
  readonly #file: string;
  #loaded = false;

  constructor(libraryDir: string) {
    this.#file = path.join(libraryDir, COLLECTIONS_FILE);
    this.#db = new Low(
      new ValidatedJsonFile(this.#file, collectionsFileSchema, { damagedCode: 'ARTICLE_DAMAGED' }),
      EMPTY,
    );
  }

  async #data(): Promise<CollectionsFile> {
    if (!this.#loaded) {
      await this.#db.read();
      this.#loaded = true;
    }
    return this.#db.data;
  }

  async list(): Promise<Collection[]> {
    return structuredClone((await this.#data()).collections);
  }

  async get(id: string): Promise<Collection> {
    const found = (await this.#data()).collections.find((collection) => collection.id === id);
    if (found === undefined) throw new WorkbenchError('NOT_FOUND', `There is no collection ${id}.`);
    return structuredClone(found);
  }

  async create(name: string, articleIds: readonly string[]): Promise<Collection> {
    const data = await this.#data();
    const now = new Date().toISOString();
    const collection: Collection = {
      id: randomUUID(),
      name: cleanName(name, this.#file),
      articleIds: [...new Set(articleIds)],
      createdAt: now,
      updatedAt: now,
    };
    await this.#write({ ...data, collections: [...data.collections, collection] });
    return structuredClone(collection);
  }

  async update(id: string, change: CollectionChange): Promise<Collection> {
    const data = await this.#data();
    const old = data.collections.find((collection) => collection.id === id);
    if (old === undefined) throw new WorkbenchError('NOT_FOUND', `There is no collection ${id}.`);
    const removed = new Set(change.remove ?? []);
    const updated: Collection = {
      ...old,
      name: change.name === undefined ? old.name : cleanName(change.name, this.#file),
      articleIds: [...new Set([...old.articleIds, ...(change.add ?? [])])].filter(
        (article) => !removed.has(article),
      ),
      updatedAt: new Date().toISOString(),
    };
    await this.#write({
      ...data,
      collections: data.collections.map((collection) => (collection.id === id ? updated : collection)),
    });
    return structuredClone(updated);
  }

  async delete(id: string): Promise<void> {
    const data = await this.#data();
    if (!data.collections.some((collection) => collection.id === id))
      throw new WorkbenchError('NOT_FOUND', `There is no collection ${id}.`);
    await this.#write({
      ...data,
      collections: data.collections.filter((collection) => collection.id !== id),
    });
  }

  /** Drops ids for good (articles deleted from the trash) from every collection. */
  async forget(articleIds: ReadonlySet<string>): Promise<void> {
    const data = await this.#data();
    if (!data.collections.some((collection) => collection.articleIds.some((id) => articleIds.has(id))))
      return;
    await this.#write({
      ...data,
      collections: data.collections.map((collection) => ({
        ...collection,
        articleIds: collection.articleIds.filter((id) => !articleIds.has(id)),
      })),
    });
  }

  /** The collections an article belongs to. */
  async of(articleId: string): Promise<string[]> {
    return (await this.#data()).collections
      .filter((collection) => collection.articleIds.includes(articleId))
      .map((collection) => collection.id);
  }

  async #write(data: CollectionsFile): Promise<void> {
    const previous = this.#db.data;
    this.#db.data = data;
    try {
      await this.#db.write();
    } catch (error) {
      // The file on disk still holds the previous version; so must memory.
      this.#db.data = previous;
      throw error;
    }
  }
}
