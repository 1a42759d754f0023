import { useState } from 'react';
import type { Collection } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { useCollections } from './useCollections.ts';
import './collections.css';

/**
 * The collections the open article belongs to, as checkboxes (tick to add, untick to remove), and a
 * field that starts a new collection with it.
 */
export function ArticleCollections({ articleId }: { articleId: string }) {
  const { client } = useServices();
  const { collections, reload } = useCollections();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const toggle = async (collection: Collection, isMember: boolean) => {
    setBusyId(collection.id);
    const result = await client.call(
      'collections:update',
      isMember ? { id: collection.id, add: [articleId] } : { id: collection.id, remove: [articleId] },
    );
    setBusyId(null);
    if (result.ok) {
      setError(null);
      reload();
    } else setError(describeError(result.error));
  };

  const create = async () => {
    const name = draft.trim();
    if (name === '') return;
    setBusyId('');
    const result = await client.call('collections:create', { name, articleIds: [articleId] });
    setBusyId(null);
    if (result.ok) {
      setDraft('');
      setError(null);
      reload();
    } else setError(describeError(result.error));
  };

  return (
    <div className="article-collections" role="group" aria-label="Collections of this article">
      {collections.map((collection) => (
        <label key={collection.id} className="article-collections__item">
          <input
            type="checkbox"
            checked={collection.articleIds.includes(articleId)}
            disabled={busyId === collection.id}
            onChange={(event) => void toggle(collection, event.target.checked)}
          />
          <span dir="auto">{collection.name}</span>
        </label>
      ))}
      <input
        className="inline-field"
        aria-label="New collection with this article"
        placeholder={collections.length === 0 ? 'Start a collection…' : 'New collection…'}
        dir="auto"
        maxLength={200}
        value={draft}
        disabled={busyId === ''}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void create();
          }
        }}
      />
      {error !== null && (
        <span className="inline-field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
