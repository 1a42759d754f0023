import path from 'node:path';
import type { Channel, ImportResultInfo, Input, Output, WorkbenchEvent } from '../../shared/api.ts';
import { WorkbenchError } from '../../shared/errors.ts';
import { importFiles, type ImportResult } from '../core/import/importFiles.ts';
import { ParserPool } from '../core/import/parserPool.ts';
import type { Library } from '../core/library/openLibrary.ts';
import { KeyedQueue } from './keyedQueue.ts';
import { updateMetadata } from './updateMetadata.ts';

/** The work behind one channel: input already validated; throws WorkbenchError for expected failures. */
export type Handler<C extends Channel> = (input: Input<C>) => Promise<Output<C>>;

/** One handler per channel: a channel without one is a compile error in both shells. */
export type Handlers = { [C in Channel]: Handler<C> };

/** Files a shell received as bytes (the web shell's uploads), staged on disk under their own names. */
export type UploadStore = {
  /** The staged file for each id, with the name the analyst gave it; throws INVALID_INPUT for an unknown id. */
  take(uploadIds: readonly string[]): Promise<{ path: string; name: string }[]>;
  /** Deletes staged files once imported (or failed). */
  discard(paths: readonly string[]): Promise<void>;
};

export type HandlerOptions = {
  library: Library;
  /** Pushes an event to the renderer(s). */
  emit: (event: WorkbenchEvent) => void;
  /** Present in shells that receive file bytes; without it, `uploads` imports are refused. */
  uploads?: UploadStore;
  /** Whether `paths` imports are accepted: only a shell whose renderer can know real paths (Electron). */
  acceptsPaths: boolean;
  /** Parser threads shared by every import; the Electron build passes one with its bundled worker. */
  parserPool?: ParserPool;
};

/** The handlers plus what a shell must call when it shuts down. */
export type App = { handlers: Handlers; close(): Promise<void> };

function toInfo(result: ImportResult, displayName: (file: string) => string): ImportResultInfo {
  const file = displayName(result.file);
  const info: ImportResultInfo = { file, status: result.status };
  if (result.id !== undefined) info.id = result.id;
  if (result.duplicateOf !== undefined) info.duplicateOf = result.duplicateOf;
  if (result.error !== undefined) {
    // The core names the file by its path; a staged upload's temporary path means nothing to the analyst.
    info.error = { code: result.error.code, message: result.error.message.split(result.file).join(file) };
  }
  return info;
}

/**
 * The contract's handlers over one open library, shared by the Electron and web shells. Writes
 * to one article are queued so that autosaves arriving together cannot overwrite each other.
 */
export function createApp(options: HandlerOptions): App {
  const { library, emit } = options;
  const writes = new KeyedQueue();
  const pool = options.parserPool ?? new ParserPool();
  const stopListening = library.onChange((change) => {
    emit({ name: 'library:changed', payload: change });
  });

  const handlers: Handlers = {
    'library:list': () => Promise.resolve({ dir: library.dir, entries: library.list() }),

    'library:import': async ({ batchId, source }) => {
      let inputs: string[];
      let displayName = (file: string): string => file;
      let staged: string[] = [];
      if (source.kind === 'paths') {
        if (!options.acceptsPaths)
          throw new WorkbenchError('INVALID_INPUT', 'This window imports uploaded files, not paths.');
        inputs = source.paths;
      } else {
        if (options.uploads === undefined)
          throw new WorkbenchError('INVALID_INPUT', 'This window imports files by path, not uploads.');
        const files = await options.uploads.take(source.uploadIds);
        const names = new Map(files.map((file) => [file.path, file.name]));
        displayName = (file) => names.get(file) ?? path.basename(file);
        inputs = files.map((file) => file.path);
        staged = inputs;
      }
      try {
        const results = await importFiles(library, inputs, {
          pool,
          onProgress: ({ done, total, result }) => {
            emit({
              name: 'import:progress',
              payload: { batchId, done, total, result: toInfo(result, displayName) },
            });
          },
        });
        return { results: results.map((result) => toInfo(result, displayName)) };
      } finally {
        if (staged.length > 0) await options.uploads?.discard(staged);
      }
    },

    'article:get': async ({ id }) => {
      const [article, notes, memo] = await Promise.all([
        library.readArticle(id),
        library.readNotes(id),
        library.readMemo(id),
      ]);
      return { article, notes, memo };
    },

    'notes:save': ({ id, blockId, translation, note }) =>
      writes.run(id, () => library.saveNote(id, blockId, { translation, note })),

    'memo:save': ({ id, doc }) => writes.run(id, () => library.saveMemo(id, doc)),

    'article:updateMetadata': async ({ id, key, value }) => {
      const article = await writes.run(id, () => updateMetadata(library, id, key, value));
      emit({ name: 'library:changed', payload: { kind: 'metadata-saved', id } });
      return article;
    },
  };

  return {
    handlers,
    async close() {
      stopListening();
      await writes.idle();
      if (options.parserPool === undefined) await pool.close();
    },
  };
}
