import { useId, useState } from 'react';
import type { TrashEntry } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatDate } from '../../ui/formatDate.ts';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';
import type { Notice } from '../../ui/StatusNotice.tsx';
import { useTrash } from './useTrash.ts';
import './trash.css';

type Props = {
  onClose: () => void;
  onNotice: (notice: Notice) => void;
};

function plural(count: number): string {
  return `${String(count)} ${count === 1 ? 'article' : 'articles'}`;
}

function TrashRow({ entry, onRestore }: { entry: TrashEntry; onRestore: () => void }) {
  const titleId = useId();
  return (
    <li className="trash-row">
      <span className="trash-row__text">
        <span id={titleId} className="trash-row__title" dir="auto">
          {entry.title ?? entry.originalFileName}
        </span>
        <span className="trash-row__meta">
          <LanguageBadge code={entry.language} />
          {entry.outlet !== null && <span>{entry.outlet}</span>}
          <span>Deleted {formatDate(entry.deletedAt)}</span>
        </span>
      </span>
      <button type="button" className="button button--small" aria-describedby={titleId} onClick={onRestore}>
        Restore
      </button>
    </li>
  );
}

/**
 * The library's trash, in place of the list: each article with "Restore", and "Empty trash", which
 * says how many articles go for good and asks first.
 */
export function TrashView({ onClose, onNotice }: Props) {
  const { client } = useServices();
  const trash = useTrash();
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const count = trash.entries?.length ?? 0;

  const restore = async (ids: string[]) => {
    if (ids.length === 0) return;
    setBusy(true);
    const result = await client.call('trash:restore', { ids });
    setBusy(false);
    await trash.reload();
    onNotice(
      result.ok
        ? { tone: 'info', message: `Restored ${plural(result.value.restored.length)} to the library` }
        : { tone: 'error', message: `Not restored: ${describeError(result.error)}` },
    );
  };

  const empty = async () => {
    setConfirming(false);
    setBusy(true);
    const result = await client.call('trash:empty', {});
    setBusy(false);
    await trash.reload();
    onNotice(
      result.ok
        ? { tone: 'info', message: `Deleted ${plural(result.value.removed)} for good` }
        : { tone: 'error', message: `The trash was not emptied: ${describeError(result.error)}` },
    );
  };

  return (
    <section
      className="pane library-pane trash-pane"
      aria-labelledby="trash-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !isConfirming) onClose();
      }}
    >
      <header className="pane-header">
        <h2 id="trash-heading" className="pane-title">
          Trash <span className="count">{trash.entries === null ? '' : count}</span>
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Back to library
        </button>
      </header>
      {trash.error !== null && (
        <p role="alert" className="trash-error">
          {describeError(trash.error)}
        </p>
      )}
      {trash.entries === null ? (
        <p className="empty-hint">Opening the trash…</p>
      ) : count === 0 ? (
        <p className="empty-hint">
          The trash is empty. Articles moved here can be restored until it is emptied.
        </p>
      ) : (
        <ul className="trash-list" aria-label="Trash">
          {trash.entries.map((entry) => (
            <TrashRow
              key={entry.id}
              entry={entry}
              onRestore={() => {
                void restore([entry.id]);
              }}
            />
          ))}
        </ul>
      )}
      <footer className="library-actions">
        <span className="library-actions__count">{count > 0 && plural(count)}</span>
        <button
          type="button"
          className="button button--small"
          disabled={count === 0 || isBusy}
          onClick={() => {
            void restore((trash.entries ?? []).map((entry) => entry.id));
          }}
        >
          Restore all
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={count === 0 || isBusy}
          onClick={() => {
            setConfirming(true);
          }}
        >
          Empty trash
        </button>
      </footer>
      {isConfirming && (
        <Dialog
          title="Empty trash?"
          role="alertdialog"
          onClose={() => {
            setConfirming(false);
          }}
        >
          <p>
            {plural(count)} will be deleted for good, with {count === 1 ? 'its' : 'their'} translation notes
            and memo{count === 1 ? '' : 's'}. This cannot be undone.
          </p>
          <div className="dialog__buttons">
            <button
              type="button"
              className="button"
              data-autofocus
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                void empty();
              }}
            >
              Delete {plural(count)} for good
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
