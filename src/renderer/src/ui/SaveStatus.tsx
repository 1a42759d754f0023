import type { SaveQueue } from '../api/saveQueue.ts';
import { useServices } from '../api/ServicesProvider.tsx';
import { describeError } from './describeError.ts';
import { usePaintedState } from './usePaintedState.ts';

const followQueue = (saves: SaveQueue, listener: () => void) => saves.subscribe(listener);
const readState = (saves: SaveQueue) => saves.state;

/**
 * Saved / Saving… / the error with a retry, announced politely by screen readers as it changes.
 * It follows the save queue once the frame in hand is out: the first keystroke after a save turns
 * it to "Saving…", and rendering that at once (a store read synchronously) put about 1 ms between
 * that keystroke and its paint (bench:ui, CPU profile).
 */
export function SaveStatus() {
  const { saves } = useServices();
  const state = usePaintedState(saves, followQueue, readState);
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
