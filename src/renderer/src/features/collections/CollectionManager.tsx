import { useState } from 'react';
import type { Collection } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import './collections.css';

type Props = {
  collections: readonly Collection[];
  /** The articles a new collection can start with (the selection, else the open article). */
  articleIds: readonly string[];
  /** A collection was created, renamed or deleted: read them again. */
  onChanged: () => void;
  onClose: () => void;
};

type Message = { text: string; isError: boolean };

function articles(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'article' : 'articles'}`;
}

/** Creates, renames and deletes collections; a deletion asks first and never touches the articles. */
export function CollectionManager({ collections, articleIds, onChanged, onClose }: Props) {
  const { client } = useServices();
  const [name, setName] = useState('');
  const [isWithArticles, setWithArticles] = useState(articleIds.length > 0);
  const [renaming, setRenaming] = useState<{ id: string; draft: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [isBusy, setBusy] = useState(false);

  const create = async () => {
    if (name.trim() === '') return;
    setBusy(true);
    const result = await client.call('collections:create', {
      name: name.trim(),
      articleIds: isWithArticles ? [...articleIds] : [],
    });
    setBusy(false);
    if (result.ok) {
      setName('');
      setMessage({ text: `Created “${result.value.name}”.`, isError: false });
      onChanged();
    } else setMessage({ text: describeError(result.error), isError: true });
  };

  const rename = async (collection: Collection, draft: string) => {
    if (draft.trim() === '' || draft.trim() === collection.name) {
      setRenaming(null);
      return;
    }
    setBusy(true);
    const result = await client.call('collections:update', { id: collection.id, name: draft.trim() });
    setBusy(false);
    if (result.ok) {
      setRenaming(null);
      setMessage({ text: `Renamed to “${result.value.name}”.`, isError: false });
      onChanged();
    } else setMessage({ text: describeError(result.error), isError: true });
  };

  const remove = async (collection: Collection) => {
    setBusy(true);
    const result = await client.call('collections:delete', { id: collection.id });
    setBusy(false);
    if (result.ok) {
      setDeleting(null);
      setMessage({ text: `Deleted “${collection.name}”; its articles stay in the library.`, isError: false });
      onChanged();
    } else setMessage({ text: describeError(result.error), isError: true });
  };

  return (
    <Dialog title="Manage collections" onClose={onClose}>
      <form
        className="collection-create"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <input
          className="manager-input"
          aria-label="New collection name"
          placeholder="New collection"
          dir="auto"
          data-autofocus
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
        <button type="submit" className="button" disabled={isBusy || name.trim() === ''}>
          Create
        </button>
      </form>
      {articleIds.length > 0 && (
        <label className="dialog__choice">
          <input
            type="checkbox"
            checked={isWithArticles}
            onChange={(event) => {
              setWithArticles(event.target.checked);
            }}
          />
          Start it with{' '}
          {articleIds.length === 1
            ? 'the open article'
            : `the ${String(articleIds.length)} selected articles`}
        </label>
      )}
      {collections.length > 0 && (
        <ul className="manager-list" aria-label="Collections in the library">
          {collections.map((collection) => (
            <li key={collection.id} className="manager-row">
              {renaming?.id === collection.id ? (
                <input
                  type="text"
                  aria-label={`New name for collection ${collection.name}`}
                  dir="auto"
                  autoFocus
                  maxLength={200}
                  value={renaming.draft}
                  disabled={isBusy}
                  onChange={(event) => {
                    setRenaming({ id: collection.id, draft: event.target.value });
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      void rename(collection, renaming.draft);
                    } else if (event.key === 'Escape') {
                      // Ends the renaming only, not the dialog.
                      event.preventDefault();
                      event.stopPropagation();
                      setRenaming(null);
                    }
                  }}
                />
              ) : deleting === collection.id ? (
                <span className="manager-row__confirm">
                  <span>
                    Delete “<span dir="auto">{collection.name}</span>”? Its{' '}
                    {articles(collection.articleIds.length)} stay in the library.
                  </span>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    autoFocus
                    disabled={isBusy}
                    onClick={() => void remove(collection)}
                  >
                    Delete collection
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      setDeleting(null);
                    }}
                  >
                    Cancel
                  </button>
                </span>
              ) : (
                <>
                  <span className="manager-row__name" dir="auto">
                    {collection.name}
                  </span>
                  <span className="manager-row__count" title={articles(collection.articleIds.length)}>
                    {collection.articleIds.length}
                  </span>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Rename collection ${collection.name}`}
                    onClick={() => {
                      setDeleting(null);
                      setRenaming({ id: collection.id, draft: collection.name });
                    }}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Delete collection ${collection.name}`}
                    onClick={() => {
                      setRenaming(null);
                      setDeleting(collection.id);
                    }}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {message !== null && (
        <p className={`manager-message${message.isError ? ' is-error' : ''}`} aria-live="polite">
          {message.text}
        </p>
      )}
      <div className="dialog__buttons">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
