import { z } from 'zod';
import {
  articleSchema,
  blockNoteSchema,
  indexEntrySchema,
  memoFileSchema,
  metadataSchema,
  notesFileSchema,
  tiptapDocSchema,
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

/** Every request: channel → input and output schemas. */
export const REQUESTS = {
  /** The library the window shows: where it is and every article in it (damaged ones with the reason). */
  'library:list': {
    input: z.object({}),
    output: z.object({ dir: z.string(), entries: z.array(indexEntrySchema) }),
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
  /** Corrects one metadata field by hand: the value is then marked as set by the analyst. */
  'article:updateMetadata': {
    input: z.object({
      id: articleIdSchema,
      key: z.enum(EDITABLE_METADATA_KEYS),
      value: z.string().max(10_000).nullable(),
    }),
    output: articleSchema,
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

/** Every event the shells push to the renderer. */
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
    kind: z.enum(['article-added', 'notes-saved', 'memo-saved', 'metadata-saved']),
    id: z.string(),
  }),
} as const;

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
