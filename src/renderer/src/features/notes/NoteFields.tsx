import { useRef, useState } from 'react';
import type { BlockNote } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

type Draft = Pick<BlockNote, 'translation' | 'note'>;

type Props = {
  articleId: string;
  blockId: string;
  /** 1-based position of the block, as the fields' names say it. */
  position: number;
  saved: BlockNote | undefined;
  isHighlighted: boolean;
};

/** The key a block's notes are saved under in the window's save queue. */
export function notesKey(articleId: string, blockId: string): string {
  return `notes:${articleId}:${blockId}`;
}

/**
 * The analyst's translation of one block and a short note on it, autosaved: a change is on disk
 * within a second while typing, and at once when the field loses focus or the article closes.
 */
export function NoteFields({ articleId, blockId, position, saved, isHighlighted }: Props) {
  const { client, saves } = useServices();
  const key = notesKey(articleId, blockId);
  const [draft, setDraft] = useState<Draft>(
    () =>
      (saves.latest(key, saved?.updatedAt ?? null) as Draft | undefined) ?? {
        translation: saved?.translation ?? '',
        note: saved?.note ?? '',
      },
  );
  const current = useRef(draft);

  const change = (field: keyof Draft, value: string) => {
    const next = { ...current.current, [field]: value };
    current.current = next;
    setDraft(next);
    saves.change(
      key,
      () => current.current,
      (value) => client.call('notes:save', { id: articleId, blockId, ...value }),
    );
  };
  const flush = () => {
    void saves.flush(key);
  };
  const isEmpty = draft.translation === '' && draft.note === '';

  return (
    <div
      className={`note-row${isEmpty ? ' is-empty' : ''}${isHighlighted ? ' is-highlighted' : ''}`}
      data-position={position}
    >
      <textarea
        className="note-row__translation"
        aria-label={`Translation of block ${String(position)}`}
        placeholder="Translation"
        dir="auto"
        rows={1}
        value={draft.translation}
        onChange={(event) => {
          change('translation', event.target.value);
        }}
        onBlur={flush}
      />
      <textarea
        className="note-row__note"
        aria-label={`Note on block ${String(position)}`}
        placeholder="Note"
        dir="auto"
        rows={1}
        value={draft.note}
        onChange={(event) => {
          change('note', event.target.value);
        }}
        onBlur={flush}
      />
    </div>
  );
}
