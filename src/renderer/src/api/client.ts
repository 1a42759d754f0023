import type { CallResult, WorkbenchApi } from '../../../shared/api.ts';

/** The renderer's view of whichever shell it runs in. */
export type Client = WorkbenchApi & {
  readonly shell: 'desktop' | 'web';
  /** Imports files the analyst picked or dropped: by path on the desktop, by upload in a browser. */
  importFiles(files: readonly File[], batchId: string): Promise<CallResult<'library:import'>>;
  /** Called when the page is going away, so the last saves are sent in a way that outlives it. */
  prepareForUnload(): void;
};
