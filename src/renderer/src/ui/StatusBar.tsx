import { SaveStatus } from './SaveStatus.tsx';

type Props = {
  libraryDir: string | null;
  articleCount: number;
  importProgress: { done: number; total: number } | null;
};

/** Where the library is, how an import is going, whether everything is saved: state lives here, not in pop-ups. */
export function StatusBar({ libraryDir, articleCount, importProgress }: Props) {
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
        )}
      </span>
      <SaveStatus />
    </footer>
  );
}
