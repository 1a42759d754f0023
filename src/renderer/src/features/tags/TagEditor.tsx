import { useEffect, useRef, useState } from 'react';
import type { Article } from '../../../../shared/article.ts';
import { checkTag } from '../../../../shared/vocabulary.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { TAG_SUGGESTIONS_ID } from './countTags.ts';
import './tags.css';

type Props = {
  article: Article;
  /** The article as saved, with its new tags. */
  onSaved: (article: Article) => void;
};

/** The save-queue key of an article's tags. */
export function tagsKey(articleId: string): string {
  return `tags:${articleId}`;
}

/**
 * The open article's tags as chips: type a tag and press Enter to add it, its × button removes it.
 * Each change goes through the window's save queue, so a quick series of edits is written in order and
 * a failure shows in the status bar with a retry.
 */
export function TagEditor({ article, onSaved }: Props) {
  const { client, saves } = useServices();
  const key = tagsKey(article.id);
  const [tags, setTags] = useState<readonly string[]>(article.tags);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pendingSaves = useRef(0);
  const onSavedRef = useRef(onSaved);
  const articleTags = useRef(article.tags);
  useEffect(() => {
    onSavedRef.current = onSaved;
    articleTags.current = article.tags;
  });

  // The reader's copy of the article is as it was opened; tags renamed or deleted since (the tag manager,
  // another window) are read again when the editor appears and whenever tags change.
  useEffect(() => {
    const refresh = () => {
      if (pendingSaves.current > 0) return;
      void client.call('article:get', { id: article.id }).then((result) => {
        // A change typed meanwhile is newer than what was read.
        if (!result.ok || pendingSaves.current > 0) return;
        const saved = result.value.article.tags;
        if (saved.join('\n') === articleTags.current.join('\n')) return;
        setTags(saved);
        onSavedRef.current(result.value.article);
      });
    };
    refresh();
    return client.subscribe((event) => {
      if (event.name !== 'library:changed' || event.payload.kind !== 'tags-saved') return;
      if (event.payload.id === '' || event.payload.id === article.id) refresh();
    });
  }, [client, article.id]);

  const save = (next: readonly string[]) => {
    setTags(next);
    setError(null);
    pendingSaves.current += 1;
    saves.change(
      key,
      () => [...next],
      async (value) => {
        const result = await client.call('article:setTags', { id: article.id, tags: value });
        if (result.ok) onSavedRef.current(result.value);
        return result;
      },
    );
    void saves.flush(key).finally(() => {
      pendingSaves.current -= 1;
    });
  };

  const add = () => {
    if (draft.trim() === '') return;
    const checked = checkTag(draft);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    setDraft('');
    if (!tags.includes(checked.tag)) save([...tags, checked.tag]);
  };

  return (
    <div className="tag-editor">
      <ul className="tag-editor__list">
        {tags.map((tag) => (
          <li key={tag} className="tag-chip">
            <span dir="auto">{tag}</span>
            <button
              type="button"
              className="tag-chip__remove"
              aria-label={`Remove tag ${tag}`}
              title={`Remove tag ${tag}`}
              onClick={() => {
                save(tags.filter((other) => other !== tag));
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        className="inline-field"
        aria-label="Tags"
        list={TAG_SUGGESTIONS_ID}
        placeholder="Add a tag"
        dir="auto"
        value={draft}
        aria-invalid={error !== null}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          } else if (event.key === 'Escape' && draft !== '') {
            event.preventDefault();
            setDraft('');
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
