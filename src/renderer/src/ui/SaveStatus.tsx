import { useSyncExternalStore } from 'react';
import { useServices } from '../api/ServicesProvider.tsx';
import { describeError } from './describeError.ts';

/** Saved / Saving… / the error with a retry, announced politely by screen readers as it changes. */
export function SaveStatus() {
  const { saves } = useServices();
  const state = useSyncExternalStore(
    (listener) => saves.subscribe(listener),
    () => saves.state,
  );
  return (
    <span className={`save-status save-status--${state.kind}`}>
      <span role="status">
        {state.kind === 'saved'
          ? 'Saved'
          : state.kind === 'saving'
            ? 'Saving…'
            : `Not saved: ${describeError(state.error)}${state.failedCount > 1 ? ` (and ${String(state.failedCount - 1)} more)` : ''}`}
      </span>
      {state.kind === 'error' && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            void saves.retryFailed();
          }}
        >
          Retry
        </button>
      )}
    </span>
  );
}
