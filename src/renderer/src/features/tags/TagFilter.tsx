import { useMemo, useState } from 'react';
import type { LibraryRow } from '../../../../shared/article.ts';
import { countTags, TAG_SUGGESTIONS_ID } from './countTags.ts';
import { TagManager } from './TagManager.tsx';
import './tags.css';

type Props = {
  entries: readonly LibraryRow[];
  /** The tag the library is filtered by, or ''. */
  value: string;
  onChange: (tag: string) => void;
};

/**
 * The library's tag filter, the button that opens the tag manager, and the page's list of known tags
 * that every tag input suggests from (a datalist is found by id anywhere in the document, so the
 * reader's tag editor needs no copy of the library).
 */
export function TagFilter({ entries, value, onChange }: Props) {
  const counts = useMemo(() => countTags(entries), [entries]);
  const [isManaging, setManaging] = useState(false);
  const isKnown = value === '' || counts.some((count) => count.tag === value);
  return (
    <>
      <select
        aria-label="Tag"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">All tags</option>
        {!isKnown && <option value={value}>{value} (none left)</option>}
        {counts.map(({ tag, count }) => (
          <option key={tag} value={tag}>
            {tag} ({count})
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--quiet button--small manage-button"
        aria-label="Manage tags"
        title="Rename, merge and delete tags"
        onClick={() => {
          setManaging(true);
        }}
      >
        ⋯
      </button>
      <datalist id={TAG_SUGGESTIONS_ID}>
        {counts.map(({ tag }) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {isManaging && (
        <TagManager
          tags={counts}
          onClose={() => {
            setManaging(false);
          }}
        />
      )}
    </>
  );
}
