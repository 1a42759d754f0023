import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ImportResultInfo, WorkbenchEvent } from '../../shared/api.ts';
import type { App, Handlers } from '../app/handlers.ts';
import { ARTICLES_DIR, INDEX_FILE, type Library } from '../core/library/openLibrary.ts';

/** One open library and the contract's handlers over it. */
export type OpenedLibrary = { library: Library; workbench: App };

export type LibraryHostOptions = {
  /** Opens the library in `dir` (creating the folder when `create`) and builds its handlers. */
  openApp: (dir: string, options: { create: boolean }) => Promise<OpenedLibrary>;
  /** Pushes an event to the window(s). */
  emit: (event: WorkbenchEvent) => void;
};

/**
 * The library the window shows, and switching to another (File ▸ New library… / Open library…).
 * A switch opens the new library first, so a failure (LIBRARY_LOCKED, a folder that is not a
 * library) leaves the current one open and untouched; only then are the handlers swapped, the
 * old library's saves in flight finished and its lock released, and the window told to reload.
 * Switches and the final close run one at a time.
 */
export class LibraryHost {
  readonly #options: LibraryHostOptions;
  #current: OpenedLibrary | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: LibraryHostOptions) {
    this.#options = options;
  }

  /** The library open now, or null before the first open and after close. */
  get current(): OpenedLibrary | null {
    return this.#current;
  }

  /** The handlers of the library open now; throws when none is (a call during shutdown). */
  handlers(): Handlers {
    if (this.#current === null) throw new Error('No library is open.');
    return this.#current.workbench.handlers;
  }

  #serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Opens `dir` and makes it the current library, closing the previous one. Resolves with false
   * when `dir` already is the current library (nothing to do). `create` makes a missing folder.
   */
  switchTo(dir: string, options: { create: boolean }): Promise<boolean> {
    return this.#serialise(async () => {
      const previous = this.#current;
      if (previous !== null && path.resolve(dir) === previous.library.dir) return false;
      const next = await this.#options.openApp(dir, options);
      this.#current = next;
      if (previous !== null) {
        await closeOpened(previous);
        this.#options.emit({ name: 'library:switched', payload: { dir: next.library.dir } });
      }
      return true;
    });
  }

  /** Finishes saves in flight and releases the library's lock; the host is empty afterwards. */
  close(): Promise<void> {
    return this.#serialise(async () => {
      const closing = this.#current;
      this.#current = null;
      if (closing !== null) await closeOpened(closing);
    });
  }

  /**
   * Imports files through the handlers, as the renderer's own imports do, so the window sees the
   * batch's `import:progress` events; the batch id says where it came from (`menu-…`, `sample-…`).
   */
  async importPaths(paths: readonly string[], origin: 'menu' | 'sample'): Promise<ImportResultInfo[]> {
    const { results } = await this.handlers()['library:import']({
      batchId: `${origin}-${randomUUID()}`,
      source: { kind: 'paths', paths: [...paths] },
    });
    return results;
  }
}

async function closeOpened({ library, workbench }: OpenedLibrary): Promise<void> {
  try {
    await workbench.close();
  } finally {
    await library.close();
  }
}

/** What a folder the analyst picked holds, judged from its entries (null: it does not exist). */
export type FolderKind = 'missing' | 'empty' | 'library' | 'other';

/**
 * Tells a library from an empty folder and from any other folder, so File ▸ Open library… never
 * turns a folder of unrelated files into a library (opening creates `articles/` and a lock in it).
 * Hidden files (.DS_Store, desktop.ini, a dot-file a sync tool left) do not make a folder non-empty.
 */
export function classifyFolder(entries: readonly string[] | null): FolderKind {
  if (entries === null) return 'missing';
  // library.json: the index of a library an older version kept, moved into library.sqlite when it opens.
  if ([INDEX_FILE, 'library.json', ARTICLES_DIR].some((name) => entries.includes(name))) return 'library';
  const visible = entries.filter((name) => !name.startsWith('.') && name.toLowerCase() !== 'desktop.ini');
  return visible.length === 0 ? 'empty' : 'other';
}

/**
 * Whether to offer the bundled sample article: on the very first run (nothing remembered yet), in
 * the default library (not one the analyst or a test chose through WORKBENCH_LIBRARY), when it is empty.
 */
export function shouldOfferSample(input: {
  isFirstRun: boolean;
  isDefaultLibrary: boolean;
  articleCount: number;
}): boolean {
  return input.isFirstRun && input.isDefaultLibrary && input.articleCount === 0;
}

/**
 * Where the app's resources are (resources/ of the repository; the sample article): beside the
 * built code in dev (out/main → ../../resources), Electron's resources folder once packaged,
 * where electron-builder's `extraResources` copies them (electron-builder.yml).
 */
export function resolveResourcesDir(input: {
  isPackaged: boolean;
  resourcesPath: string;
  mainDir: string;
}): string {
  return input.isPackaged ? input.resourcesPath : path.resolve(input.mainDir, '..', '..', 'resources');
}

/** The sample article shipped with the app (the seed fixture of the tests). */
export const SAMPLE_ARTICLE = path.join('sample', 'press-tv-fr-al-omar-al-tanf.txt');
