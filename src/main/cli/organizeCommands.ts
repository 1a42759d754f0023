import { parseArgs } from 'node:util';
import type { Collection } from '../../shared/article.ts';
import { toErrorInfo, WorkbenchError } from '../../shared/errors.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';

/** The usage lines of `workbench tag`, `tags` and `collection`, for the command line's help. */
export const ORGANIZE_USAGE = `  workbench tag <id>... [--add T]... [--remove T]... [--library DIR] [--json]
  workbench tags [list | rename OLD NEW | merge T... --into NEW | delete T] [--library DIR] [--json]
  workbench collection [list | create NAME [id...] | add C id... | remove C id... | rename C NAME | delete C]
                       [--library DIR] [--json]        (C is a collection's name or id)`;

type Io = { out: (text: string) => void; err: (text: string) => void };

class UsageError extends Error {}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      library: { type: 'string' },
      json: { type: 'boolean', default: false },
      add: { type: 'string', multiple: true },
      remove: { type: 'string', multiple: true },
      into: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
}

type Parsed = ReturnType<typeof parse>;

async function inLibrary<T>(values: Parsed['values'], run: (library: Library) => Promise<T>): Promise<T> {
  const { library } = await openLibrary(values.library ?? defaultLibraryDir(), { mode: 'write' });
  try {
    return await run(library);
  } finally {
    await library.close();
  }
}

async function tag(ids: string[], values: Parsed['values'], io: Io): Promise<void> {
  if (ids.length === 0) throw new UsageError('tag needs at least one article id');
  const add = values.add ?? [];
  const remove = new Set(values.remove ?? []);
  const results = await inLibrary(values, async (library) => {
    const tagged: { id: string; tags: string[] }[] = [];
    for (const id of ids) {
      const old = (await library.readArticle(id)).tags;
      const article =
        add.length + remove.size === 0
          ? await library.readArticle(id)
          : await library.setTags(id, [...old.filter((existing) => !remove.has(existing)), ...add]);
      tagged.push({ id, tags: article.tags });
    }
    return tagged;
  });
  if (values.json) io.out(JSON.stringify(results, null, 2));
  else for (const { id, tags } of results) io.out(`${id}  ${tags.join(', ') || '(no tags)'}`);
}

async function tags(words: string[], values: Parsed['values'], io: Io): Promise<void> {
  const [action = 'list', ...rest] = words;
  const changed = (count: number): void => {
    io.err(`${String(count)} article(s) changed.`);
    if (values.json) io.out(JSON.stringify({ articles: count }));
  };
  switch (action) {
    case 'list': {
      const counts = await inLibrary(values, (library) => {
        const found = new Map<string, number>();
        for (const entry of library.list())
          for (const name of entry.tags) found.set(name, (found.get(name) ?? 0) + 1);
        return Promise.resolve([...found].sort(([a], [b]) => a.localeCompare(b)));
      });
      if (values.json) io.out(JSON.stringify(Object.fromEntries(counts), null, 2));
      else if (counts.length === 0) io.err('No article has a tag yet.');
      else for (const [name, count] of counts) io.out(`${String(count).padStart(6)}  ${name}`);
      return;
    }
    case 'rename': {
      const [from, to] = rest;
      if (from === undefined || to === undefined || rest.length !== 2)
        throw new UsageError('tags rename needs the old and the new name');
      changed(await inLibrary(values, (library) => library.renameTag(from, to)));
      return;
    }
    case 'merge': {
      if (rest.length === 0 || values.into === undefined)
        throw new UsageError('tags merge needs the tags to merge and --into NEW');
      const into = values.into;
      changed(await inLibrary(values, (library) => library.mergeTags(rest, into)));
      return;
    }
    case 'delete': {
      const [gone] = rest;
      if (gone === undefined || rest.length !== 1) throw new UsageError('tags delete needs one tag');
      changed(await inLibrary(values, (library) => library.deleteTag(gone)));
      return;
    }
    default:
      throw new UsageError(`unknown tags action "${action}"`);
  }
}

function findCollection(
  collections: readonly Collection[],
  wanted: string | undefined,
  dir: string,
): Collection {
  if (wanted === undefined) throw new UsageError('name the collection (its name or id)');
  const found = collections.find((collection) => collection.id === wanted || collection.name === wanted);
  if (found === undefined)
    throw new WorkbenchError('NOT_FOUND', `There is no collection "${wanted}" in ${dir}.`);
  return found;
}

function formatCollection(collection: Collection): string {
  return `${collection.id}  ${String(collection.articleIds.length).padStart(5)} article(s)  ${collection.name}`;
}

async function collection(words: string[], values: Parsed['values'], io: Io): Promise<void> {
  const [action = 'list', name, ...ids] = words;
  const result = await inLibrary(values, async (library): Promise<Collection | Collection[] | null> => {
    const existing = await library.listCollections();
    const target = (): Collection => findCollection(existing, name, library.dir);
    switch (action) {
      case 'list':
        return existing;
      case 'create':
        if (name === undefined) throw new UsageError('collection create needs a name');
        for (const id of ids) await library.readArticle(id);
        return library.createCollection(name, ids);
      case 'add':
      case 'remove':
        if (ids.length === 0) throw new UsageError(`collection ${action} needs article ids`);
        if (action === 'add') for (const id of ids) await library.readArticle(id);
        return library.updateCollection(target().id, action === 'add' ? { add: ids } : { remove: ids });
      case 'rename': {
        const [newName] = ids;
        if (newName === undefined || ids.length !== 1)
          throw new UsageError('collection rename needs C and NAME');
        return library.updateCollection(target().id, { name: newName });
      }
      case 'delete':
        await library.deleteCollection(target().id);
        return null;
      default:
        throw new UsageError(`unknown collection action "${action}"`);
    }
  });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else if (result === null) io.err(`Deleted the collection ${name ?? ''}.`);
  else if (Array.isArray(result)) {
    if (result.length === 0) io.err('There is no collection yet.');
    for (const found of result) io.out(formatCollection(found));
  } else io.out(formatCollection(result));
}

/**
 * `workbench tag`, `tags` and `collection`: organise articles from scripts, with the same
 * library calls as the window. Returns the exit code: 0, 1 when the library refused, 2 on a
 * usage error.
 */
export async function runOrganizeCommand(
  command: 'tag' | 'tags' | 'collection',
  args: readonly string[],
  io: Io,
): Promise<number> {
  let json = args.includes('--json');
  try {
    const { values, positionals } = parse(args);
    json = values.json;
    if (command !== 'tag' && (values.add !== undefined || values.remove !== undefined))
      throw new UsageError('--add and --remove belong to workbench tag');
    if (command === 'tag') await tag(positionals, values, io);
    else if (command === 'tags') await tags(positionals, values, io);
    else await collection(positionals, values, io);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`workbench ${command}: ${(error as Error).message}\n\nUsage:\n${ORGANIZE_USAGE}`);
      return 2;
    }
    const info = toErrorInfo(error);
    if (json) io.out(JSON.stringify({ error: info }, null, 2));
    io.err(
      `workbench ${command}: ${info.message}${error instanceof WorkbenchError ? '' : ' (internal error)'}`,
    );
    return 1;
  }
}
