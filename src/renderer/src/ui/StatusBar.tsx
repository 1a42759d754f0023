import { SaveStatus } from './SaveStatus.tsx';
import { StatusNotice, type Notice } from './StatusNotice.tsx';

type Props = {
  libraryDir: string | null;
  articleCount: number;
  importProgress: { done: number; total: number } | null;
  /** What just happened (a report saved, articles trashed), with its one action. */
  notice?: Notice | null;
  onDismissNotice?: () => void;
};

/** Where the library is, how an import is going, whether everything is saved: state lives here, not in pop-ups. */
export function StatusBar({
  libraryDir,
  articleCount,
  importProgress,
  notice = null,
  onDismissNotice = () => undefined,
}: Props) {
  return (
    <footer className="status-bar">
      <span className="status-bar__library" title={libraryDir ?? ''}>
        {libraryDir ?? 'Opening the library…'} · {articleCount} {articleCount === 1 ? 'article' : 'articles'}
      </span>
      <span className="status-bar__import">
        {importProgress !== null && (
          <>
            <progress
              aria-label="Import progress"
              max={Math.max(importProgress.total, 1)}
              value={importProgress.done}
            />{' '}
            Importing {importProgress.done} of {importProgress.total}
          </>
        )}{' '}
        <StatusNotice notice={notice} onDismiss={onDismissNotice} />
      </span>
      <SaveStatus />
    </footer>
  );
}
