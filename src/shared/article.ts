import { z } from 'zod';
import { BLOCK_KINDS, checkTag } from './vocabulary.ts';

/** The current schema version of article.json, notes.json and memo.json. */
export const SCHEMA_VERSION = 1;

export { BLOCK_KINDS, BOILERPLATE_KINDS, type BlockKind } from './vocabulary.ts';

/** Writing direction of a block or an article. */
export const directionSchema = z.enum(['ltr', 'rtl']);
export type Direction = z.infer<typeof directionSchema>;

/** Where a metadata value came from: stated in the file, worked out by the parser, or set by hand. */
export const originSchema = z.enum(['found', 'inferred', 'analyst']);
export type Origin = z.infer<typeof originSchema>;

/** A metadata value together with its origin; `value: null` means unknown. */
export function fieldSchema<T extends z.ZodType>(value: T) {
  return z.object({ value: value.nullable(), origin: originSchema });
}
export type Field<T> = { value: T | null; origin: Origin };

/** One block of an article: its id is stable across re-parses of the same bytes. */
export const blockSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(BLOCK_KINDS),
  text: z.string(),
  /** ISO 639-1 code, or 'und' when the block is too short or unknown. */
  language: z.string(),
  direction: directionSchema,
});
export type Block = z.infer<typeof blockSchema>;

/** A date the article mentions, resolved to a calendar day. */
export const eventDateSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  text: z.string(),
  blockId: z.string(),
  origin: originSchema,
});
export type EventDate = z.infer<typeof eventDateSchema>;

export const FORMATS = ['txt', 'md', 'html', 'docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** How the bytes of the original were turned into text. */
export const encodingInfoSchema = z.object({
  name: z.string(),
  confidence: z.number().min(0).max(1),
  declared: z.string().nullable(),
  bom: z.boolean(),
});
export type EncodingInfo = z.infer<typeof encodingInfoSchema>;

export const metadataSchema = z.object({
  title: fieldSchema(z.string()),
  outlet: fieldSchema(z.string()),
  author: fieldSchema(z.string()),
  publishedAt: fieldSchema(z.string()),
  url: fieldSchema(z.string()),
  language: fieldSchema(z.string()),
});
export type Metadata = z.infer<typeof metadataSchema>;
export type MetadataKey = keyof Metadata;

/** article.json: everything the parser made of one original file. */
export const articleSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  format: z.enum(FORMATS),
  originalFileName: z.string(),
  /** File name of the stored original inside the article folder. */
  originalPath: z.string(),
  byteLength: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the normalised text, to recognise the same text in another file. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  importedAt: z.string(),
  parserVersion: z.number().int().positive(),
  encoding: encodingInfoSchema.nullable(),
  direction: directionSchema,
  metadata: metadataSchema,
  eventDates: z.array(eventDateSchema),
  duplicateOf: z.string().nullable(),
  tags: z.array(z.string()),
  warnings: z.array(z.string()),
  blocks: z.array(blockSchema),
});
export type Article = z.infer<typeof articleSchema>;

/** The analyst's work on one block. */
export const blockNoteSchema = z.object({
  translation: z.string(),
  note: z.string(),
  updatedAt: z.string(),
});
export type BlockNote = z.infer<typeof blockNoteSchema>;

/** notes.json: translation notes keyed by block id. */
export const notesFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  notes: z.record(z.string(), blockNoteSchema),
});
export type NotesFile = z.infer<typeof notesFileSchema>;

/** A Tiptap/ProseMirror JSON node; its inner shape is the editor's business. */
export const tiptapDocSchema = z.looseObject({ type: z.literal('doc') });

/** One node of a Tiptap document (a paragraph, a heading, a quote…); its inner shape is the editor's business too. */
export const tiptapNodeSchema = z.looseObject({ type: z.string().min(1) });
export type TiptapNode = z.infer<typeof tiptapNodeSchema>;

/**
 * A change to a memo as a splice of the document's top-level nodes: the nodes `from` to `to`
 * (exclusive) of the version saved at `base` (its updatedAt), which had `baseCount` of them,
 * are replaced by `nodes`.
 */
export const memoSpliceSchema = z.object({
  base: z.string(),
  baseCount: z.number().int().nonnegative(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  nodes: z.array(tiptapNodeSchema),
});
export type MemoSplice = z.infer<typeof memoSpliceSchema>;

/** memo.json: the analyst memo as Tiptap JSON. */
export const memoFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  doc: tiptapDocSchema.nullable(),
  updatedAt: z.string().nullable(),
});
export type MemoFile = z.infer<typeof memoFileSchema>;

/** One row of the library index: what the library list needs without opening article folders. */
export const indexEntrySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  language: z.string().nullable(),
  publishedAt: z.string().nullable(),
  importedAt: z.string(),
  originalFileName: z.string(),
  sha256: z.string(),
  textSha256: z.string(),
  tags: z.array(z.string()),
  hasNotes: z.boolean(),
  hasMemo: z.boolean(),
  /** Set when a file of the article fails validation: the reason, with the file's path. */
  damaged: z.string().nullable(),
});
export type IndexEntry = z.infer<typeof indexEntrySchema>;

/**
 * A row of the window's library list: an index entry without the content hashes, which the list
 * never shows and which made up a quarter of the 4.7 MB a 10,000-article list weighed.
 */
export const libraryRowSchema = indexEntrySchema.omit({ sha256: true, textSha256: true });
export type LibraryRow = z.infer<typeof libraryRowSchema>;

/** A tag as the analyst typed it, trimmed (the rules: checkTag in vocabulary.ts, which the window uses). */
export const tagSchema = z.string().transform((text, context) => {
  const checked = checkTag(text);
  if ('tag' in checked) return checked.tag;
  context.addIssue({ code: 'custom', message: checked.error });
  return z.NEVER;
});

/** A named set of articles: a case, or a report in progress. */
export const collectionSchema = z.object({
  id: z.string().regex(/^[0-9a-z][0-9a-z-]{0,63}$/),
  name: z.string().min(1).max(200),
  articleIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Collection = z.infer<typeof collectionSchema>;

/** collections.json at the library's root. */
export const collectionsFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  collections: z.array(collectionSchema),
});
export type CollectionsFile = z.infer<typeof collectionsFileSchema>;

/** An article in the library's trash: its index row and when it was deleted. */
export const trashEntrySchema = indexEntrySchema.extend({ deletedAt: z.string() });
export type TrashEntry = z.infer<typeof trashEntrySchema>;
