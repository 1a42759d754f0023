import './statusNotice.css';

/** A short message for the status bar: what just happened, and at most one thing to do about it. */
export type Notice = {
  tone: 'info' | 'error';
  message: string;
  action?: { label: string; run: () => void };
};

/**
 * The last notice (a report saved, articles moved to the trash with Undo), announced politely. It is
 * deliberately not role=status: that role names the save status, which tests and screen readers find by it.
 */
export function StatusNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <span className="status-notice" aria-live="polite">
      {notice !== null && (
        <span className={`status-notice__body status-notice--${notice.tone}`}>
          <span className="status-notice__message" title={notice.message}>
            {notice.message}
          </span>
          {notice.action !== undefined && (
            <button type="button" className="button button--small" onClick={notice.action.run}>
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label="Dismiss message"
            onClick={onDismiss}
          >
            ×
          </button>
        </span>
      )}
    </span>
  );
}
