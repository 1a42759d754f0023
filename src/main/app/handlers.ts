import path from 'node:path';
import type {
  Channel,
  ImportResultInfo,
  Input,
  Output,
  ReportOptionsInput,
  WorkbenchEvent,
} from '../../shared/api.ts';
import { arrangeFirst, DEFAULT_VIEW } from '../../shared/arrangeEntries.ts';
import { WorkbenchError } from '../../shared/errors.ts';
import { importFiles, type ImportResult } from '../core/import/importFiles.ts';
import { ParserPool } from '../core/import/parserPool.ts';
import type { Library } from '../core/library/openLibrary.ts';
import { APP_NAME, buildReport, reportTitle } from '../core/report/buildReport.ts';
import { safeFileName } from '../core/report/safeFileName.ts';
import { selectReportArticles, type ReportScope } from '../core/report/selectReportArticles.ts';
import { numberedPaths, writeNewFile } from '../core/report/writeNewFile.ts';
import { openSearchIndex, type SearchIndex } from '../core/search/searchIndex.ts';

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
  /**
   * Asks the analyst where to save a report (Electron's save dialog), suggesting a file name;
   * resolves with the chosen path or null when cancelled. Without it `report:save` is refused
   * and the renderer downloads what `report:build` returns instead (web shell).
   */
  chooseReportPath?: (suggestedFileName: string) => Promise<string | null>;
  /** Where the search index lives; default `<library>/search.sqlite`. */
  searchFile?: string;
  /** The app's version, for the front matter of reports. */
  version?: string;
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
 * The contract's handlers over one open library, shared by the Electron and web shells. (Writes
 * to one article are queued in the core, so autosaves arriving together cannot overwrite each other.)
 */
export function createApp(options: HandlerOptions): App {
  const { library, emit } = options;
  const pool = options.parserPool ?? new ParserPool();
  const stopListening = library.onChange((change) => {
    emit({ name: 'library:changed', payload: { kind: change.kind, id: change.id } });
  });
  // The search index opens (and, the first time, builds itself) in the background: the window
  // does not wait for it, and the first search does.
  let search: Promise<SearchIndex> | null = null;
  // Articles changed while the index opens (a first build takes seconds) are indexed once it is
  // open: attach() only hears what happens after it.
  let changedMeanwhile: Set<string> | null = null;
  const stopCollecting = library.onChange((change) => {
    if (change.kind !== 'collections-saved' && change.kind !== 'trash-emptied')
      changedMeanwhile?.add(change.id);
  });
  const searchIndex = (): Promise<SearchIndex> => {
    search ??= (async () => {
      changedMeanwhile = new Set();
      const { index } = await openSearchIndex(
        library,
        options.searchFile === undefined ? {} : { file: options.searchFile },
      );
      index.attach(library);
      const missed = changedMeanwhile;
      changedMeanwhile = null;
      for (const id of missed) await index.indexArticle(id);
      // A large library checks its folders in the background after opening. The index answers
      // at once rather than after that check, and follows what the check found when it ends.
      void library
        .whenFolderChecked()
        .then(() => index.catchUp())
        .catch((error: unknown) => {
          console.error('The search index could not follow the library folder check:', error);
        });
      return index;
    })();
    return search;
  };
  searchIndex().catch((error: unknown) => {
    // Reported again to the first search, which tries to open it anew.
    console.error('The search index could not be opened:', error);
    search = null;
    changedMeanwhile = null;
  });

  const buildReportFor = async (scope: ReportScope, reportOptions: ReportOptionsInput) => {
    const selection = await selectReportArticles(library, scope);
    const input = {
      articles: selection.articles,
      options: reportOptions,
      exportedAt: new Date(),
      app: { name: APP_NAME, version: options.version ?? '0.0.0' },
      ...(selection.title !== undefined && scope.kind !== 'articles' ? { title: selection.title } : {}),
      ...(scope.kind === 'articles' && selection.articles.length > 1
        ? { title: `${String(selection.articles.length)} articles` }
        : {}),
    };
    const markdown = buildReport(input);
    return {
      markdown,
      fileName: safeFileName(reportTitle(input)),
      articles: selection.articles.length,
      leftOut: selection.skipped.map((entry) => ({ id: entry.id, reason: entry.damaged ?? 'damaged' })),
    };
  };

  const handlers: Handlers = {
    'library:list': ({ first }) => {
      // The first rows are picked in the window's own order (the same shared function) from the
      // newest articles, without reading the whole library: the window sorts the full list itself.
      const entries =
        first === undefined ? library.list() : arrangeFirst(library.newest(first), DEFAULT_VIEW, first);
      const total = library.size;
      return Promise.resolve({
        dir: library.dir,
        entries: entries.map(({ sha256: _sha256, textSha256: _textSha256, ...row }) => row),
        total,
        complete: entries.length === total,
      });
    },

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

    'article:get': ({ id }) => library.readOpened(id),

    'notes:save': ({ id, blockId, translation, note }) =>
      library.saveNote(id, blockId, { translation, note }),

    'memo:save': ({ id, doc }) => library.saveMemo(id, doc),

    'memo:patch': ({ id, splice }) => library.patchMemo(id, splice),

    'article:updateMetadata': ({ id, key, value }) => library.updateMetadata(id, key, value),

    'article:setTags': ({ id, tags }) => library.setTags(id, tags),

    'tags:rename': async ({ from, to }) => ({ articles: await library.renameTag(from, to) }),

    'tags:merge': async ({ tags, into }) => ({ articles: await library.mergeTags(tags, into) }),

    'tags:delete': async ({ tag }) => ({ articles: await library.deleteTag(tag) }),

    'collections:list': async () => ({ collections: await library.listCollections() }),

    'collections:create': ({ name, articleIds }) => library.createCollection(name, articleIds),

    'collections:update': ({ id, ...change }) => library.updateCollection(id, change),

    'collections:delete': async ({ id }) => {
      await library.deleteCollection(id);
      return {};
    },

    'trash:move': async ({ ids }) => ({ moved: await library.moveToTrash(ids) }),

    'trash:list': async () => ({ entries: await library.listTrash() }),

    'trash:restore': async ({ ids }) => ({ restored: await library.restoreFromTrash(ids) }),

    'trash:empty': async () => ({ removed: await library.emptyTrash() }),

    'search:query': async ({ query, filters, limit, offset }) => {
      const { collection, ...rest } = filters;
      let articleIds: string[] | undefined;
      if (collection !== undefined) {
        const found = (await library.listCollections()).find((candidate) => candidate.id === collection);
        if (found === undefined)
          throw new WorkbenchError('NOT_FOUND', `There is no collection ${collection}.`);
        articleIds = found.articleIds;
      }
      const index = await searchIndex();
      const result = await index.search(query, {
        ...rest,
        ...(articleIds === undefined ? {} : { articleIds }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      });
      return { query: result.query, hits: result.hits, total: result.total };
    },

    'report:build': ({ scope, options: reportOptions }) => buildReportFor(scope, reportOptions),

    'report:save': async ({ scope, options: reportOptions }) => {
      if (options.chooseReportPath === undefined)
        throw new WorkbenchError('INVALID_INPUT', 'This window downloads reports (report:build) instead.');
      const report = await buildReportFor(scope, reportOptions);
      const chosen = await options.chooseReportPath(report.fileName);
      if (chosen === null) return { path: null, articles: report.articles, leftOut: report.leftOut };
      // The save dialog has asked about replacing an existing file; writeNewFile still never
      // overwrites: a file that appeared meanwhile gets "name (2).md" instead.
      const written = await writeNewFile(numberedPaths(chosen), report.markdown);
      return { path: written, articles: report.articles, leftOut: report.leftOut };
    },
  };

  return {
    handlers,
    async close() {
      stopListening();
      stopCollecting();
      const index = await search?.catch(() => null);
      await index?.close();
      if (options.parserPool === undefined) await pool.close();
    },
  };
}
