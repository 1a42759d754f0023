import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../shared/api.ts';
import { createApp } from '../app/handlers.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import {
  classifyFolder,
  LibraryHost,
  resolveResourcesDir,
  SAMPLE_ARTICLE,
  shouldOfferSample,
} from './libraryHost.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

let temp: string;
let events: WorkbenchEvent[];
let host: LibraryHost;

beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-host-'));
  events = [];
  host = new LibraryHost({
    openApp: async (dir, { create }) => {
      const { library } = await openLibrary(dir, { mode: 'write', create });
      const emit = (event: WorkbenchEvent) => events.push(event);
      return { library, workbench: createApp({ library, emit, acceptsPaths: true }) };
    },
    emit: (event) => events.push(event),
  });
});

afterEach(async () => {
  await host.close();
  await rm(temp, { recursive: true, force: true });
});

const dirA = () => path.join(temp, 'a');
const dirB = () => path.join(temp, 'b');

describe('LibraryHost', () => {
  it('opens a library, then switches to another: the old lock is released and the window told', async () => {
    expect(await host.switchTo(dirA(), { create: true })).toBe(true);
    expect(events).toEqual([]);
    expect(await host.switchTo(dirB(), { create: true })).toBe(true);
    expect(host.current?.library.dir).toBe(dirB());
    expect(events).toContainEqual({ name: 'library:switched', payload: { dir: dirB() } });
    // A's lock is gone: another writer may open it now.
    const { library } = await openLibrary(dirA(), { mode: 'write' });
    await library.close();
  });

  it('keeps the current library when the new one cannot be opened (LIBRARY_LOCKED)', async () => {
    await host.switchTo(dirA(), { create: true });
    const { library: elsewhere } = await openLibrary(dirB(), { mode: 'write', create: true });
    try {
      await expect(host.switchTo(dirB(), { create: true })).rejects.toMatchObject({ code: 'LIBRARY_LOCKED' });
      expect(host.current?.library.dir).toBe(dirA());
      expect(events.filter((event) => event.name === 'library:switched')).toEqual([]);
      // The handlers still answer for A.
      expect((await host.handlers()['library:list']({})).dir).toBe(dirA());
    } finally {
      await elsewhere.close();
    }
  });

  it('does not recreate a library that is gone unless asked to', async () => {
    await expect(host.switchTo(path.join(temp, 'unplugged'), { create: false })).rejects.toMatchObject({
      code: 'LIBRARY_NOT_FOUND',
    });
    expect(existsSync(path.join(temp, 'unplugged'))).toBe(false);
  });

  it('does nothing when asked to switch to the library already open', async () => {
    await host.switchTo(dirA(), { create: true });
    expect(await host.switchTo(`${dirA()}${path.sep}`, { create: true })).toBe(false);
    expect(events).toEqual([]);
  });

  it('imports through the handlers, so the window hears the batch’s progress', async () => {
    await host.switchTo(dirA(), { create: true });
    const sample = path.join(
      resolveResourcesDir({
        isPackaged: false,
        resourcesPath: '',
        mainDir: path.join(REPO_ROOT, 'out', 'main'),
      }),
      SAMPLE_ARTICLE,
    );
    const results = await host.importPaths([sample], 'sample');
    expect(results).toMatchObject([{ status: 'imported' }]);
    const progress = events.filter((event) => event.name === 'import:progress');
    expect(progress).toHaveLength(1);
    expect(progress[0]!.payload).toMatchObject({
      done: 1,
      total: 1,
      batchId: expect.stringMatching(/^sample-/u) as unknown,
    });
  });

  it('answers no calls once closed', async () => {
    await host.switchTo(dirA(), { create: true });
    await host.close();
    expect(host.current).toBeNull();
    expect(() => host.handlers()).toThrow('No library is open.');
    const { library } = await openLibrary(dirA(), { mode: 'write' });
    await library.close();
  });
});

describe('classifyFolder', () => {
  it('tells a library, an empty folder and any other folder apart', () => {
    expect(classifyFolder(null)).toBe('missing');
    expect(classifyFolder([])).toBe('empty');
    expect(classifyFolder(['.DS_Store', 'desktop.ini', '.stfolder'])).toBe('empty');
    expect(classifyFolder(['library.json', 'articles'])).toBe('library');
    expect(classifyFolder(['library.sqlite'])).toBe('library');
    expect(classifyFolder(['library.json'])).toBe('library');
    expect(classifyFolder(['articles'])).toBe('library');
    expect(classifyFolder(['tax-return.pdf'])).toBe('other');
  });
});

describe('the sample article', () => {
  it('is offered only on the first run, in the default library, when it is empty', () => {
    expect(shouldOfferSample({ isFirstRun: true, isDefaultLibrary: true, articleCount: 0 })).toBe(true);
    expect(shouldOfferSample({ isFirstRun: false, isDefaultLibrary: true, articleCount: 0 })).toBe(false);
    expect(shouldOfferSample({ isFirstRun: true, isDefaultLibrary: false, articleCount: 0 })).toBe(false);
    expect(shouldOfferSample({ isFirstRun: true, isDefaultLibrary: true, articleCount: 3 })).toBe(false);
  });

  it('ships in resources/, found from the built main in dev and from resourcesPath once packaged', () => {
    const dev = resolveResourcesDir({
      isPackaged: false,
      resourcesPath: '/opt/Article Workbench/resources',
      mainDir: path.join(REPO_ROOT, 'out', 'main'),
    });
    expect(dev).toBe(path.join(REPO_ROOT, 'resources'));
    expect(existsSync(path.join(dev, SAMPLE_ARTICLE))).toBe(true);
    expect(
      resolveResourcesDir({
        isPackaged: true,
        resourcesPath: '/opt/Article Workbench/resources',
        mainDir: '/x',
      }),
    ).toBe('/opt/Article Workbench/resources');
  });
});
