import { useState } from 'react';
import type { CallResult } from '../../../../shared/api.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import type { TagCount } from './countTags.ts';
import { checkTag } from '../../../../shared/vocabulary.ts';
import './tags.css';

type Props = {
  tags: readonly TagCount[];
  onClose: () => void;
};

type Message = { text: string; isError: boolean };

function articles(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'article' : 'articles'}`;
}

/**
 * Renames, merges and deletes tags across the whole library. A deletion asks first, in the row itself;
 * renaming onto an existing tag merges the two, as the core does.
 */
export function TagManager({ tags, onClose }: Props) {
  const { client } = useServices();
  const [renaming, setRenaming] = useState<{ tag: string; draft: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [isBusy, setBusy] = useState(false);
  // Tags that went away (renamed, merged, deleted) drop out of the selection.
  const chosen = selected.filter((tag) => tags.some((count) => count.tag === tag));
  const target = mergeInto ?? chosen[0] ?? '';

  const run = async (
    action: () => Promise<CallResult<'tags:rename' | 'tags:merge' | 'tags:delete'>>,
    done: (count: number) => string,
  ) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (result.ok) {
      setMessage({ text: done(result.value.articles), isError: false });
      setRenaming(null);
      setDeleting(null);
    } else setMessage({ text: describeError(result.error), isError: true });
  };

  const rename = (from: string, draft: string) => {
    const parsed = checkTag(draft);
    if ('error' in parsed) {
      setMessage({ text: parsed.error, isError: true });
      return;
    }
    if (parsed.tag === from) {
      setRenaming(null);
      return;
    }
    void run(
      () => client.call('tags:rename', { from, to: parsed.tag }),
      (count) => `Renamed “${from}” to “${parsed.tag}” on ${articles(count)}.`,
    );
  };

  const merge = () => {
    const parsed = checkTag(target);
    if ('error' in parsed) {
      setMessage({ text: parsed.error, isError: true });
      return;
    }
    void run(
      () => client.call('tags:merge', { tags: [...chosen], into: parsed.tag }),
      (count) => `Merged ${String(chosen.length)} tags into “${parsed.tag}” on ${articles(count)}.`,
    ).then(() => {
      setSelected([]);
      setMergeInto(null);
    });
  };

  return (
    <Dialog title="Manage tags" onClose={onClose}>
      {tags.length === 0 ? (
        <p className="manager-message">No article has a tag yet. Add tags in an article’s details.</p>
      ) : (
        <ul className="manager-list" aria-label="Tags in the library">
          {tags.map(({ tag, count }) => (
            <li key={tag} className="manager-row">
              {renaming?.tag === tag ? (
                <input
                  type="text"
                  aria-label={`New name for tag ${tag}`}
                  dir="auto"
                  data-autofocus
                  autoFocus
                  value={renaming.draft}
                  disabled={isBusy}
                  onChange={(event) => {
                    setRenaming({ tag, draft: event.target.value });
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      rename(tag, renaming.draft);
                    } else if (event.key === 'Escape') {
                      // Ends the renaming only, not the dialog.
                      event.preventDefault();
                      event.stopPropagation();
                      setRenaming(null);
                    }
                  }}
                />
              ) : deleting === tag ? (
                <span className="manager-row__confirm">
                  <span>
                    Remove “<span dir="auto">{tag}</span>” from {articles(count)}?
                  </span>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    disabled={isBusy}
                    autoFocus
                    onClick={() => {
                      void run(
                        () => client.call('tags:delete', { tag }),
                        (removed) => `Removed “${tag}” from ${articles(removed)}.`,
                      );
                    }}
                  >
                    Delete tag
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
                  <input
                    type="checkbox"
                    aria-label={`Select tag ${tag}`}
                    checked={chosen.includes(tag)}
                    onChange={(event) => {
                      const isChecked = event.target.checked;
                      setSelected(isChecked ? [...chosen, tag] : chosen.filter((other) => other !== tag));
                    }}
                  />
                  <span className="manager-row__name" dir="auto">
                    {tag}
                  </span>
                  <span className="manager-row__count" title={articles(count)}>
                    {count}
                  </span>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Rename tag ${tag}`}
                    onClick={() => {
                      setDeleting(null);
                      setRenaming({ tag, draft: tag });
                    }}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Delete tag ${tag}`}
                    onClick={() => {
                      setRenaming(null);
                      setDeleting(tag);
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
      {chosen.length >= 2 && (
        <div className="tag-manager__merge">
          <label htmlFor="tag-merge-into">Merge {chosen.length} tags into</label>
          <input
            id="tag-merge-into"
            type="text"
            dir="auto"
            value={target}
            onChange={(event) => {
              setMergeInto(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                merge();
              }
            }}
          />
          <button type="button" className="button button--primary" disabled={isBusy} onClick={merge}>
            Merge
          </button>
        </div>
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
