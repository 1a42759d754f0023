import { useEffect } from 'react';

/**
 * The window's panes in F6 order, each with where focus lands in it: the library list (or the trash),
 * the original's current block, that block's translation, the memo. A pane that is not shown is skipped.
 */
const PANES: { contains: string; target: () => HTMLElement | null }[] = [
  {
    contains: '.library-pane',
    target: () =>
      document.querySelector<HTMLElement>('[role="listbox"][aria-label="Library"]') ??
      document.querySelector<HTMLElement>('.trash-pane button'),
  },
  {
    contains: '.original-column',
    target: () =>
      document.querySelector<HTMLElement>('.original-column [tabindex="0"]') ??
      document.querySelector<HTMLElement>('.original-column [data-position]'),
  },
  {
    contains: '.notes-column',
    target: () => {
      const position = document
        .querySelector<HTMLElement>('.original-column [tabindex="0"]')
        ?.getAttribute('data-position');
      return (
        (position == null
          ? null
          : document.querySelector<HTMLElement>(`.note-row[data-position="${position}"] textarea`)) ??
        document.querySelector<HTMLElement>('.notes-column textarea')
      );
    },
  },
  {
    contains: '.memo-pane',
    target: () => document.querySelector<HTMLElement>('[aria-label="Analyst memo"]'),
  },
];

/** F6 / Shift+F6 move focus to the next / previous pane, as in VS Code and most desktop apps. */
export function usePaneCycle(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('[aria-modal="true"]') !== null) return;
      event.preventDefault();
      const active = document.activeElement;
      const here = PANES.findIndex((pane) => active?.closest(pane.contains) != null);
      const step = event.shiftKey ? -1 : 1;
      for (let offset = 1; offset <= PANES.length; offset += 1) {
        const index =
          ((((here < 0 ? (step > 0 ? -1 : 0) : here) + step * offset) % PANES.length) + PANES.length) %
          PANES.length;
        const target = PANES[index]?.target();
        if (target != null) {
          target.focus();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
