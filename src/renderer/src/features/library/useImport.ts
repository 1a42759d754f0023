import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResultInfo } from '../../../../shared/api.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

export type ImportState = {
  /** The batch under way: files done of total; null when idle. */
  progress: { done: number; total: number } | null;
  /** The last batch's outcome per file, newest batch only. */
  results: ImportResultInfo[] | null;
  error: ErrorInfo | null;
};

let batchCounter = 0;

/** Imports batches of files and follows their progress events. */
export function useImport(onImported: (results: ImportResultInfo[]) => void) {
  const { client } = useServices();
  const [state, setState] = useState<ImportState>({ progress: null, results: null, error: null });
  const activeBatch = useRef<string | null>(null);
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  });

  /** A batch this window did not start (the Electron menu's Import… runs in the main process). */
  const otherBatch = useRef<string | null>(null);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.name !== 'import:progress') return;
        const { batchId, done, total, result } = event.payload;
        if (batchId === activeBatch.current) {
          setState((previous) => ({ ...previous, progress: { done, total } }));
          return;
        }
        // Its results arrive only as events: they are gathered here, and listed when the last one is in.
        const isNew = otherBatch.current !== batchId;
        otherBatch.current = batchId;
        const isDone = done >= total;
        setState((previous) => ({
          progress: isDone ? null : { done, total },
          results: [...(isNew ? [] : (previous.results ?? [])), result],
          error: null,
        }));
        if (isDone) {
          otherBatch.current = null;
          if (result.id !== undefined && total === 1) onImportedRef.current([result]);
        }
      }),
    [client],
  );

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      batchCounter += 1;
      const batchId = `${String(Date.now())}-${String(batchCounter)}`;
      activeBatch.current = batchId;
      setState({ progress: { done: 0, total: files.length }, results: null, error: null });
      const result = await client.importFiles(files, batchId);
      activeBatch.current = null;
      if (result.ok) {
        setState({ progress: null, results: result.value.results, error: null });
        onImportedRef.current(result.value.results);
      } else {
        setState({ progress: null, results: null, error: result.error });
      }
    },
    [client],
  );

  const dismiss = useCallback(() => {
    setState((previous) => ({ ...previous, results: null, error: null }));
  }, []);

  return { ...state, importFiles, dismiss };
}
