import type { ImportResultInfo } from '../../../../shared/api.ts';
import { displayFileName } from '../../../../shared/displayFileName.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { describeError } from '../../ui/describeError.ts';

type Props = {
  onFiles: (files: File[]) => void;
  isBusy: boolean;
  /** The file input, so a menu entry or a shortcut can open it too. */
  inputRef: React.RefObject<HTMLInputElement | null>;
};

/** "Import files": a native file picker in both shells (Electron resolves the picked files' paths). */
export function ImportButton({ onFiles, isBusy, inputRef }: Props) {
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => inputRef.current?.click()}
        disabled={isBusy}
        title="Import files (Ctrl+O)"
      >
        Import files
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}

const STATUS_LABELS: Record<ImportResultInfo['status'], string> = {
  imported: 'Imported',
  duplicate: 'Already in the library',
  failed: 'Failed',
};

/** The last batch, file by file: what came in, what was already there, what failed and why. */
export function ImportResults({
  results,
  error,
  onDismiss,
  onOpen,
}: {
  results: readonly ImportResultInfo[] | null;
  error: ErrorInfo | null;
  onDismiss: () => void;
  onOpen: (id: string) => void;
}) {
  if (results === null && error === null) return null;
  const counts = { imported: 0, duplicate: 0, failed: 0 };
  for (const result of results ?? []) counts[result.status] += 1;
  return (
    <section className="import-results" aria-label="Import results">
      <header className="import-results__header">
        <span>
          {error === null
            ? `${String(counts.imported)} imported, ${String(counts.duplicate)} already there, ${String(counts.failed)} failed`
            : `Import failed: ${describeError(error)}`}
        </span>
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </header>
      <ul className="import-results__list">
        {(results ?? []).map((result, index) => (
          <li
            key={`${result.file}-${String(index)}`}
            className={`import-result import-result--${result.status}`}
          >
            <span className="import-result__status">{STATUS_LABELS[result.status]}</span>{' '}
            {result.id !== undefined ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onOpen(result.id ?? '');
                }}
              >
                {displayFileName(result.file)}
              </button>
            ) : (
              <span>{displayFileName(result.file)}</span>
            )}
            {result.error !== undefined && (
              <span className="import-result__error"> — {describeError(result.error)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
