import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clampBounds, WindowStateStore } from './windowState.ts';

let temp: string;
let file: string;

beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-state-'));
  file = path.join(temp, 'window-state.json');
});

afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('WindowStateStore', () => {
  it('starts from defaults on the first run, and says it is the first', async () => {
    const loaded = await new WindowStateStore(file).load();
    expect(loaded).toEqual({
      state: { schemaVersion: 1, isMaximized: false },
      problem: null,
      existed: false,
    });
  });

  it('remembers bounds, maximised state and the last library across runs', async () => {
    const store = new WindowStateStore(file);
    await store.load();
    await store.update({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, isMaximized: true });
    await store.update({ lastLibrary: '/cases/syria' });
    const loaded = await new WindowStateStore(file).load();
    expect(loaded.existed).toBe(true);
    expect(loaded.state).toEqual({
      schemaVersion: 1,
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      isMaximized: true,
      lastLibrary: '/cases/syria',
    });
  });

  it('writes atomically: no temporary file is left, and the last of many quick writes wins', async () => {
    const store = new WindowStateStore(file);
    await store.load();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.update({ bounds: { x: index, y: 0, width: 800, height: 600 } }),
      ),
    );
    expect(await readdir(temp)).toEqual(['window-state.json']);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { bounds: { x: number } };
    expect(onDisk.bounds.x).toBe(19);
  });

  it.each([
    ['garbage', 'not json {'],
    ['a wrong shape', JSON.stringify({ schemaVersion: 1, bounds: { x: 'left' } })],
    ['a future version', JSON.stringify({ schemaVersion: 2 })],
  ])('falls back to the defaults on %s, and reports it', async (_name, text) => {
    await writeFile(file, text);
    const loaded = await new WindowStateStore(file).load();
    expect(loaded.state).toEqual({ schemaVersion: 1, isMaximized: false });
    expect(loaded.problem).toContain(file);
    expect(loaded.existed).toBe(true);
  });
});

describe('clampBounds', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('keeps a window that shows on a display', () => {
    expect(clampBounds({ x: 100, y: 80, width: 1200, height: 800 }, [primary])).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
    });
    expect(clampBounds({ x: 2000, y: 50, width: 1000, height: 800 }, [primary, right])).toEqual({
      x: 2000,
      y: 50,
      width: 1000,
      height: 800,
    });
  });

  it('centres a window whose display is gone on the primary one', () => {
    expect(clampBounds({ x: 2000, y: 50, width: 1000, height: 800 }, [primary])).toEqual({
      x: 460,
      y: 120,
      width: 1000,
      height: 800,
    });
    expect(clampBounds({ x: -5000, y: -5000, width: 800, height: 600 }, [primary])).toMatchObject({
      x: 560,
      y: 220,
    });
  });

  it('shrinks a window larger than its display and pulls it inside the work area', () => {
    expect(clampBounds({ x: -50, y: -20, width: 2500, height: 1400 }, [primary])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    });
    // Mostly off the right edge of the right display, but still grabbable: pulled back in.
    expect(clampBounds({ x: 3000, y: 900, width: 600, height: 400 }, [primary, right])).toEqual({
      x: 2600,
      y: 600,
      width: 600,
      height: 400,
    });
  });

  it('gives up without displays', () => {
    expect(clampBounds({ x: 0, y: 0, width: 800, height: 600 }, [])).toBeUndefined();
  });
});
