import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../core/library/atomicWrite.ts';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
/** A window's place on the desktop, in screen coordinates. */
export type Bounds = z.infer<typeof boundsSchema>;

const windowStateSchema = z.object({
  schemaVersion: z.literal(1),
  /** The window's normal (not maximised) bounds, so un-maximising returns to them. */
  bounds: boundsSchema.optional(),
  isMaximized: z.boolean().default(false),
  /** The library the app opened last (File ▸ Open library…). */
  lastLibrary: z.string().min(1).optional(),
});
/** What the app remembers between runs, in `window-state.json` in its user data folder. */
export type WindowState = z.infer<typeof windowStateSchema>;

const EMPTY_STATE: WindowState = { schemaVersion: 1, isMaximized: false };

/** Smallest part of a window that must show on some display for it to count as visible. */
const MIN_VISIBLE = 100;

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Remembered bounds made safe for today's displays (a monitor unplugged, a resolution lowered):
 * kept when a usable part of the window shows on a display's work area, otherwise moved onto the
 * primary display (the first one given); in both cases shrunk to fit the display it ends up on.
 * Returns undefined when there is no display to go by, so the window opens at its default place.
 */
export function clampBounds(bounds: Bounds, workAreas: readonly Bounds[]): Bounds | undefined {
  const [primary] = workAreas;
  if (primary === undefined) return undefined;
  const host = workAreas.find((area) => {
    const shared = overlap(bounds, area);
    return (
      shared.width >= Math.min(MIN_VISIBLE, bounds.width) &&
      shared.height >= Math.min(MIN_VISIBLE, bounds.height)
    );
  });
  const area = host ?? primary;
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  if (host === undefined) {
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  }
  // Pulled inside the work area where it hangs over an edge (under a taskbar, off the top).
  return {
    x: Math.min(Math.max(bounds.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(bounds.y, area.y), area.y + area.height - height),
    width,
    height,
  };
}

/**
 * The app's remembered state in one small JSON file, read once at start and rewritten atomically
 * (temporary file, fsync, rename) on each change, so a crash leaves the old or the new state and a
 * damaged file only costs the defaults. Writes are serialised so the last one always wins.
 */
export class WindowStateStore {
  readonly file: string;
  #state: WindowState = EMPTY_STATE;
  #writing: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  /** Reads the file; a missing or invalid one gives the defaults (and says which, for the log). */
  async load(): Promise<{ state: WindowState; problem: string | null; existed: boolean }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.#state = EMPTY_STATE;
      return { state: this.#state, problem: code === 'ENOENT' ? null : String(error), existed: false };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.#state = EMPTY_STATE;
      return { state: this.#state, problem: `${this.file} is not JSON: ${String(error)}`, existed: true };
    }
    const parsed = windowStateSchema.safeParse(json);
    this.#state = parsed.success ? parsed.data : EMPTY_STATE;
    return {
      state: this.#state,
      problem: parsed.success ? null : `${this.file} is not a valid window state: ${parsed.error.message}`,
      existed: true,
    };
  }

  get state(): WindowState {
    return this.#state;
  }

  /** Resolves once every write asked for so far has finished (successfully or not). */
  idle(): Promise<void> {
    return this.#writing;
  }

  /** Merges a change into the state and writes it; resolves once this write (and every earlier one) is on disk. */
  update(change: Partial<Omit<WindowState, 'schemaVersion'>>): Promise<void> {
    this.#state = { ...this.#state, ...change, schemaVersion: 1 };
    const snapshot = `${JSON.stringify(this.#state, null, 2)}\n`;
    const write = this.#writing.then(() => writeFileAtomic(this.file, snapshot));
    // A failed write must not block the next one; the caller of this one still hears about it.
    this.#writing = write.catch(() => undefined);
    return write;
  }
}
