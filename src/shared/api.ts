import { z } from 'zod';
import type { EVENT_NAMES } from './vocabulary.ts';
import {
  articleSchema,
  blockNoteSchema,
  collectionSchema,
  libraryRowSchema,
  memoFileSchema,
  memoSpliceSchema,
  metadataSchema,
  notesFileSchema,
  tagSchema,
  tiptapDocSchema,
  trashEntrySchema,
} from './article.ts';
import { errorInfoSchema, type ErrorInfo } from './errors.ts';
import type { Result } from './result.ts';

/*
 * The one contract between the renderer and either shell (Electron IPC or the local web server).
 * Every call is `{ input, output }` keyed by a `domain:verb` channel; both shells validate `input`
 * with these schemas before any handler runs, and answer with a Result, never a thrown error.
 */

const articleIdSchema = z.string().regex(/^[0-9a-z][0-9a-z-]{0,63}$/, 'not an article id');

/** The metadata fields an analyst may correct by hand. */
export const EDITABLE_METADATA_KEYS = metadataSchema.keyof().options;

/** Outcome of importing one file, as the renderer lists it. `file` is the name the analyst knows it by. */
export const importResultSchema = z.object({
  file: z.string(),
  status: z.enum(['imported', 'duplicate', 'failed']),
  id: z.string().optional(),
  duplicateOf: z.string().optional(),
  error: errorInfoSchema.optional(),
});
export type ImportResultInfo = z.infer<typeof importResultSchema>;

/**
 * What to import. The Electron shell knows real paths (file dialog, drag and drop through
 * `webUtils.getPathForFile`); a page in a browser does not, so the web shell first receives each
 * file's bytes through its upload endpoint and refers to them here by the id it handed back.
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paths'), paths: z.array(z.string().min(1)).min(1).max(10_000) }),
  z.object({
    kind: z.literal('uploads'),
    uploadIds: z
      .array(z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id'))
      .min(1)
      .max(10_000),
  }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

const collectionIdSchema = articleIdSchema;
const articleIdsSchema = z.array(articleIdSchema).min(1).max(100_000);
const daySchema = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD');

/** What a search may be narrowed to; every filter given must hold. */
export const searchFiltersSchema = z.object({
  language: z.string().max(20).optional(),
  outlet: z.string().max(200).optional(),
  tag: z.string().max(100).optional(),
  collection: collectionIdSchema.optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  hasNotes: z.boolean().optional(),
  hasMemo: z.boolean().optional(),
});
export type SearchFiltersInput = z.infer<typeof searchFiltersSchema>;

/** One text of an article that matched: where to open it, and a snippet with the hits as UTF-16 ranges. */
export const searchMatchSchema = z.object({
  field: z.enum(['title', 'original', 'translation', 'note', 'memo']),
  /** The block to open the article at; null for the memo or a title that is no block. */
  blockId: z.string().nullable(),
  snippet: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type SearchMatchInfo = z.infer<typeof searchMatchSchema>;

export const searchHitSchema = z.object({
  articleId: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  language: z.string().nullable(),
  date: z.string(),
  score: z.number().nullable(),
  matches: z.array(searchMatchSchema),
  matchCount: z.number().int(),
});
export type SearchHitInfo = z.infer<typeof searchHitSchema>;

/** Which articles a report covers. */
export const reportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('articles'), ids: articleIdsSchema }),
  z.object({ kind: z.literal('tag'), tag: tagSchema }),
  z.object({ kind: z.literal('collection'), id: collectionIdSchema }),
  z.object({ kind: z.literal('all') }),
]);
export type ReportScope = z.infer<typeof reportScopeSchema>;

/** An article a report on a tag, a collection or the library had to leave out (damaged), and why. */
export const leftOutSchema = z.object({ id: z.string(), reason: z.string() });

/** What a report includes; the renderer remembers the analyst's last choice. */
export const reportOptionsSchema = z.object({
  includeOriginal: z.boolean(),
  includeNotes: z.boolean(),
  citationStyle: z.enum(['footnotes', 'inline']),
});
export type ReportOptionsInput = z.infer<typeof reportOptionsSchema>;

/** Every request: channel → input and output schemas. */
export const REQUESTS = {
  /**
   * The library the window shows: where it is and every article in it (damaged ones with the reason).
   * With `first`, only that many rows, already in the list's default order (DEFAULT_VIEW in
   * arrangeEntries.ts): the window shows them at once while the whole list, several MB for 10,000
   * articles, is still on its way. `total` counts every article; `complete` says whether `entries`
   * holds them all.
   */
  'library:list': {
    input: z.object({ first: z.number().int().positive().max(500).optional() }),
    output: z.object({
      dir: z.string(),
      entries: z.array(libraryRowSchema),
      total: z.number().int().nonnegative(),
      complete: z.boolean(),
    }),
  },
  /** Imports a batch; `import:progress` events carrying `batchId` report each file as it is done. */
  'library:import': {
    input: z.object({ batchId: z.string().min(1).max(64), source: importSourceSchema }),
    output: z.object({ results: z.array(importResultSchema) }),
  },
  /** One article with the analyst's notes and memo, for the reader. */
  'article:get': {
    input: z.object({ id: articleIdSchema }),
    output: z.object({ article: articleSchema, notes: notesFileSchema, memo: memoFileSchema }),
  },
  /** Saves the translation and note of one block; durable when it resolves. */
  'notes:save': {
    input: z.object({
      id: articleIdSchema,
      blockId: z.string().min(1),
      translation: z.string().max(1_000_000),
      note: z.string().max(1_000_000),
    }),
    output: blockNoteSchema,
  },
  /** Saves the memo (Tiptap JSON, or null for none); durable when it resolves. */
  'memo:save': {
    input: z.object({ id: articleIdSchema, doc: tiptapDocSchema.nullable() }),
    output: memoFileSchema,
  },
  /**
   * Saves a change to the memo as a splice of its top-level nodes, against the version this
   * window last saved: while typing in a long memo it sends the paragraph typed in, not the whole
   * memo. Refused with SAVE_CONFLICT, changing nothing, when the memo on disk is no longer that
   * version; the window then saves the whole memo. Durable when it resolves.
   */
  'memo:patch': {
    input: z.object({ id: articleIdSchema, splice: memoSpliceSchema }),
    output: z.object({ updatedAt: z.string() }),
  },
  /** Corrects one metadata field by hand: the value is then marked as set by the analyst. */
  'article:updateMetadata': {
    input: z.object({
      id: articleIdSchema,
      key: z.enum(EDITABLE_METADATA_KEYS),
      value: z.string().max(10_000).nullable(),
    }),
    output: articleSchema,
  },
  /** Replaces an article's tags (trimmed, duplicates dropped, order kept). */
  'article:setTags': {
    input: z.object({ id: articleIdSchema, tags: z.array(tagSchema).max(200) }),
    output: articleSchema,
  },
  /** Renames a tag on every article; renaming onto an existing tag merges them. */
  'tags:rename': {
    input: z.object({ from: tagSchema, to: tagSchema }),
    output: z.object({ articles: z.number().int().nonnegative() }),
  },
  /** Merges several tags into one on every article. */
  'tags:merge': {
    input: z.object({ tags: z.array(tagSchema).min(1).max(200), into: tagSchema }),
    output: z.object({ articles: z.number().int().nonnegative() }),
  },
  /** Removes a tag from every article. */
  'tags:delete': {
    input: z.object({ tag: tagSchema }),
    output: z.object({ articles: z.number().int().nonnegative() }),
  },
  /** Every collection of the library. */
  'collections:list': {
    input: z.object({}),
    output: z.object({ collections: z.array(collectionSchema) }),
  },
  'collections:create': {
    input: z.object({
      name: z.string().trim().min(1).max(200),
      articleIds: z.array(articleIdSchema).max(100_000),
    }),
    output: collectionSchema,
  },
  /** Renames a collection and/or adds and removes articles. */
  'collections:update': {
    input: z.object({
      id: collectionIdSchema,
      name: z.string().trim().min(1).max(200).optional(),
      add: z.array(articleIdSchema).max(100_000).optional(),
      remove: z.array(articleIdSchema).max(100_000).optional(),
    }),
    output: collectionSchema,
  },
  'collections:delete': {
    input: z.object({ id: collectionIdSchema }),
    output: z.object({}),
  },
  /** Moves articles to the library's trash (restorable); their notes and memo go with them. */
  'trash:move': {
    input: z.object({ ids: articleIdsSchema }),
    output: z.object({ moved: z.array(z.string()) }),
  },
  /** Every article in the trash, newest deletion first. */
  'trash:list': {
    input: z.object({}),
    output: z.object({ entries: z.array(trashEntrySchema) }),
  },
  /** Puts articles back from the trash. */
  'trash:restore': {
    input: z.object({ ids: articleIdsSchema }),
    output: z.object({ restored: z.array(z.string()) }),
  },
  /** Deletes everything in the trash for good; the renderer asks first. */
  'trash:empty': {
    input: z.object({}),
    output: z.object({ removed: z.number().int().nonnegative() }),
  },
  /** Full-text search over titles, originals, translations, notes and memos. */
  'search:query': {
    input: z.object({
      query: z.string().max(1_000),
      filters: searchFiltersSchema,
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
    }),
    output: z.object({
      query: z.string(),
      hits: z.array(searchHitSchema),
      total: z.number().int().nonnegative(),
    }),
  },
  /** Builds a Markdown report; the renderer offers it as a download (web shell). */
  'report:build': {
    input: z.object({ scope: reportScopeSchema, options: reportOptionsSchema }),
    output: z.object({
      markdown: z.string(),
      fileName: z.string(),
      articles: z.number().int(),
      leftOut: z.array(leftOutSchema),
    }),
  },
  /**
   * Builds a report and asks where to save it (a save dialog; Electron shell). Resolves with the
   * path written, or null when the analyst cancelled. An existing file is never overwritten.
   */
  'report:save': {
    input: z.object({ scope: reportScopeSchema, options: reportOptionsSchema }),
    output: z.object({
      path: z.string().nullable(),
      articles: z.number().int(),
      leftOut: z.array(leftOutSchema),
    }),
  },
} as const;

export type Channel = keyof typeof REQUESTS;
/** Every channel, for shells that register them and tests that check none is missing. */
export const CHANNELS = Object.keys(REQUESTS) as Channel[];
export type Input<C extends Channel> = z.infer<(typeof REQUESTS)[C]['input']>;
export type Output<C extends Channel> = z.infer<(typeof REQUESTS)[C]['output']>;

/** Whether a string names a channel of the contract (the web shell gets it from the URL). */
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(REQUESTS, name);
}

/**
 * Every event the shells push to the renderer, one for each of EVENT_NAMES (the window, which
 * trusts its shell as it trusts its answers, knows the events by those names, without zod).
 */
export const EVENTS = {
  /** One file of an import batch is done. */
  'import:progress': z.object({
    batchId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    result: importResultSchema,
  }),
  /** The library changed (by this window, another window, or an import). */
  'library:changed': z.object({
    kind: z.enum([
      'article-added',
      'notes-saved',
      'memo-saved',
      'metadata-saved',
      'tags-saved',
      'article-trashed',
      'article-restored',
      'trash-emptied',
      'collections-saved',
    ]),
    /** The article (or collection) concerned; '' when many or none. */
    id: z.string(),
  }),
  /** The window now shows another library (File ▸ New library… / Open library…): reload everything. */
  'library:switched': z.object({ dir: z.string() }),
  /** A menu command the renderer carries out (Electron's application menu). */
  'app:command': z.object({ command: z.enum(['import', 'exportReport', 'find', 'showTrash']) }),
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
/** An event as it travels: its name and payload together, so a switch on `name` narrows `payload`. */
export type WorkbenchEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** The IPC channel name that carries every event in the Electron shell. */
export const EVENT_CHANNEL = 'workbench:event';

/** What a call resolves to on either side of the boundary. */
export type CallResult<C extends Channel> = Result<Output<C>>;

/**
 * What the renderer needs from a shell: call a channel, hear events. The preload's bridge and
 * the HTTP client both implement it.
 */
export type WorkbenchApi = {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<CallResult<C>>;
  /** Calls `listener` for every event; returns the function that stops it. */
  subscribe(listener: (event: WorkbenchEvent) => void): () => void;
};

/** Describes the first problems zod found in an input, in one line, for an INVALID_INPUT error. */
export function describeInvalidInput(channel: string, error: z.ZodError): ErrorInfo {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
  return { code: 'INVALID_INPUT', message: `Invalid input for ${channel}: ${issues}` };
}

/**
 * What the Electron preload exposes as `window.workbench`: the contract, the app's version, and
 * the path of a file the analyst chose or dropped (Electron's `webUtils.getPathForFile`), so
 * imports read the file in place instead of copying its bytes through IPC.
 */
export type WorkbenchBridge = WorkbenchApi & {
  readonly version: string;
  pathForFile(file: File): string;
};
