import type { CallResult, Channel, Input, WorkbenchApi } from '../../../shared/api.ts';

/** The renderer's view of whichever shell it runs in. */
export type Client = WorkbenchApi & {
  readonly shell: 'desktop' | 'web';
  /** Imports files the analyst picked or dropped: by path on the desktop, by upload in a browser. */
  importFiles(files: readonly File[], batchId: string): Promise<CallResult<'library:import'>>;
  /** Called when the page is going away, so the last saves are sent in a way that outlives it. */
  prepareForUnload(): void;
  /**
   * Sends a call now but reads its answer only once `ready` resolves, so that a large answer (the
   * whole library list, several MB to decode and parse) cannot take the page's main thread at a
   * moment that matters, such as between the first render and its paint. Clients whose answers
   * arrive already read (the desktop bridge) leave it out, and callers use `call`.
   */
  callHeld?<C extends Channel>(channel: C, input: Input<C>, ready: Promise<void>): Promise<CallResult<C>>;
};
