import { useState } from 'react';
import type { Collection } from '../../../../shared/article.ts';
import { CollectionManager } from './CollectionManager.tsx';
import './collections.css';

type Props = {
  collections: readonly Collection[];
  /** The id of the collection the library shows, or '' for all articles. */
  value: string;
  onChange: (id: string) => void;
  /** What a new collection can start with: the selected articles, else the open one. */
  articleIds: readonly string[];
  onChanged: () => void;
};

/** "All articles" or one collection, and the button that opens the collection manager. */
export function CollectionFilter({ collections, value, onChange, articleIds, onChanged }: Props) {
  const [isManaging, setManaging] = useState(false);
  // A collection deleted meanwhile shows as all articles, as the list does.
  const shown = collections.some((collection) => collection.id === value) ? value : '';
  return (
    <>
      <select
        aria-label="Collection"
        value={shown}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">All articles</option>
        {collections.map((collection) => (
          <option key={collection.id} value={collection.id}>
            {collection.name} ({collection.articleIds.length})
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--quiet button--small manage-button"
        aria-label="Manage collections"
        title="Create, rename and delete collections"
        onClick={() => {
          setManaging(true);
        }}
      >
        ⋯
      </button>
      {isManaging && (
        <CollectionManager
          collections={collections}
          articleIds={articleIds}
          onChanged={onChanged}
          onClose={() => {
            setManaging(false);
          }}
        />
      )}
    </>
  );
}
