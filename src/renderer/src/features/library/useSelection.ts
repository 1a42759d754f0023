import { useCallback, useMemo, useState } from 'react';

/**
 * The articles picked in the library list, apart from the one open in the reader: what "Move to
 * trash" and the "selected articles" report scope act on. `anchor` is where a Shift range starts,
 * `lead` the row the keyboard is on (it moves with Shift+arrows while the open article stays put).
 */
export type Selection = { ids: ReadonlySet<string>; anchor: string | null; lead: string | null };

/** Which modifier keys came with a click or a key. */
export type PickModifiers = { toggle?: boolean; range?: boolean };

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, lead: null };

/** The ids between `from` and `to` in the list's order, both included. */
function rangeBetween(order: readonly string[], from: string, to: string): string[] {
  const start = order.indexOf(from);
  const end = order.indexOf(to);
  if (start < 0 || end < 0) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

/**
 * The selection after a pick, as file managers do it: a plain pick selects one row, Ctrl/Cmd adds or
 * removes one, Shift selects the range from the anchor (added to the rest with Ctrl/Cmd as well).
 */
export function pickInSelection(
  selection: Selection,
  order: readonly string[],
  id: string,
  { toggle = false, range = false }: PickModifiers,
): Selection {
  if (range) {
    const anchor = selection.anchor ?? id;
    const between = rangeBetween(order, anchor, id);
    const ids = toggle ? new Set([...selection.ids, ...between]) : new Set(between);
    return { ids, anchor, lead: id };
  }
  if (toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, lead: id };
  }
  return { ids: new Set([id]), anchor: id, lead: id };
}

/** The window's multi-selection in the library list. */
export function useSelection() {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);

  /** A pick in the list; `current` (the open article) counts as selected while nothing else is. */
  const pick = useCallback(
    (order: readonly string[], id: string, modifiers: PickModifiers, current: string | null = null) => {
      setSelection((previous) =>
        pickInSelection(
          previous.ids.size === 0 && current !== null
            ? { ids: new Set([current]), anchor: current, lead: current }
            : previous,
          order,
          id,
          modifiers,
        ),
      );
    },
    [],
  );

  const selectAll = useCallback((order: readonly string[]) => {
    setSelection((previous) => ({
      ids: new Set(order),
      anchor: previous.anchor ?? order[0] ?? null,
      lead: previous.lead ?? order[0] ?? null,
    }));
  }, []);

  /** Selects just `id` (or nothing): an article opened from anywhere becomes the selection. */
  const reset = useCallback((id: string | null) => {
    setSelection(id === null ? EMPTY_SELECTION : { ids: new Set([id]), anchor: id, lead: id });
  }, []);

  /** Forgets ids that are no longer in the library (trashed, or another library opened). */
  const keepOnly = useCallback((present: ReadonlySet<string>) => {
    setSelection((previous) => {
      if ([...previous.ids].every((id) => present.has(id))) return previous;
      const ids = new Set([...previous.ids].filter((id) => present.has(id)));
      const keep = (id: string | null) => (id !== null && present.has(id) ? id : null);
      return { ids, anchor: keep(previous.anchor), lead: keep(previous.lead) };
    });
  }, []);

  return useMemo(
    () => ({ ...selection, pick, selectAll, reset, keepOnly }),
    [selection, pick, selectAll, reset, keepOnly],
  );
}

export type SelectionControls = ReturnType<typeof useSelection>;
