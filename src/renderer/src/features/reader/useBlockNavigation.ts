import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import './blockNavigation.css';

function positionOf(element: EventTarget | null): number | null {
  if (!(element instanceof Element)) return null;
  const position = element.closest('.original-column [data-position]')?.getAttribute('data-position');
  return position == null ? null : Number(position);
}

function focusBlock(position: number): void {
  const block = document.getElementById(`block-${String(position)}`);
  block?.focus();
  block?.scrollIntoView({ block: 'nearest' });
}

function focusTranslation(position: number): void {
  document
    .querySelector<HTMLElement>(`.note-row[data-position="${String(position)}"] .note-row__translation`)
    ?.focus();
}

/**
 * Keyboard reading of the original: one block is the tab stop (a roving tabindex), ArrowUp/ArrowDown
 * or K/J move it, Home/End jump, Enter or Tab goes to that block's translation, and Escape in a
 * translation or note comes back to its block.
 */
export function useBlockNavigation(blockCount: number) {
  const [active, setActive] = useState(1);
  const current = Math.min(Math.max(active, 1), Math.max(blockCount, 1));

  const onOriginalKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || blockCount === 0) return;
    const from = positionOf(event.target) ?? current;
    const isSummary = event.target instanceof HTMLElement && event.target.tagName === 'SUMMARY';
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
      case 'J':
        next = Math.min(blockCount, from + 1);
        break;
      case 'ArrowUp':
      case 'k':
      case 'K':
        next = Math.max(1, from - 1);
        break;
      case 'Home':
        next = 1;
        break;
      case 'End':
        next = blockCount;
        break;
      case 'Enter':
        // Enter on a folded block's summary opens or folds it, as it always does.
        if (isSummary) return;
        event.preventDefault();
        focusTranslation(from);
        return;
      case 'Tab':
        if (event.shiftKey) return;
        event.preventDefault();
        focusTranslation(from);
        return;
      default:
        return;
    }
    event.preventDefault();
    setActive(next);
    focusBlock(next);
  };

  const onNotesKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const row = event.target instanceof Element ? event.target.closest('.note-row') : null;
    const position = Number(row?.getAttribute('data-position') ?? NaN);
    if (Number.isNaN(position)) return;
    event.preventDefault();
    setActive(position);
    focusBlock(position);
  };

  /** Focus arriving on a block (a click, a citation) makes it the current one. */
  const onOriginalFocus = (event: FocusEvent) => {
    const position = positionOf(event.target);
    if (position !== null && position !== current) setActive(position);
  };

  return { activePosition: current, onOriginalKeyDown, onOriginalFocus, onNotesKeyDown };
}
