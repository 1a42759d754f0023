import { lazy, Suspense, useEffect, useState } from 'react';
import type { LibraryRow } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import type { Notice } from '../../ui/StatusNotice.tsx';

/**
 * The dialog, and zod with it (it checks the options remembered from the last export), load when
 * it is first opened, not with the window: they are not needed to show the library.
 */
const ExportDialog = lazy(() =>
  import('./ExportDialog.tsx').then((module) => ({ default: module.ExportDialog })),
);

type Props = {
  currentId: string | null;
  selectedIds: readonly string[];
  entries: readonly LibraryRow[];
  onNotice: (notice: Notice) => void;
};

/** "Export report": opens the export dialog, also from the menu (app:command) and Ctrl/Cmd+Shift+E. */
export function ExportButton({ currentId, selectedIds, entries, onNotice }: Props) {
  const { client } = useServices();
  const [isOpen, setOpen] = useState(false);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.name === 'app:command' && event.payload.command === 'exportReport') setOpen(true);
      }),
    [client],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        title="Export a Markdown report (Ctrl+Shift+E)"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
        }}
      >
        Export report
      </button>
      {isOpen && (
        <Suspense fallback={null}>
          <ExportDialog
            currentId={currentId}
            selectedIds={selectedIds}
            entries={entries}
            onNotice={onNotice}
            onClose={() => {
              setOpen(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
