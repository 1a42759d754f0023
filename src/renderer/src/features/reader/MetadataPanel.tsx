import { useState } from 'react';
import type { Article, MetadataKey, Origin } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { formatDate } from '../../ui/formatDate.ts';
import { ArticleCollections } from '../collections/ArticleCollections.tsx';
import { TagEditor } from '../tags/TagEditor.tsx';

const FIELD_LABELS: Record<MetadataKey, string> = {
  title: 'Title',
  outlet: 'Outlet',
  author: 'Author',
  publishedAt: 'Published',
  url: 'Address',
  language: 'Language',
};

const ORIGIN_LABELS: Record<Origin, string> = {
  found: 'stated in the file',
  inferred: 'worked out by the parser',
  analyst: 'set by you',
};

function EditableField({
  article,
  field,
  onSaved,
}: {
  article: Article;
  field: MetadataKey;
  onSaved: (article: Article) => void;
}) {
  const { client } = useServices();
  const { value, origin } = article.metadata[field];
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = FIELD_LABELS[field];

  const save = async (text: string) => {
    const result = await client.call('article:updateMetadata', { id: article.id, key: field, value: text });
    if (result.ok) {
      setEditing(null);
      setError(null);
      onSaved(result.value);
    } else setError(describeError(result.error));
  };

  return (
    <div className="meta-field">
      <dt>{label}</dt>
      <dd>
        {editing === null ? (
          <>
            <span className={value === null ? 'meta-value is-unknown' : 'meta-value'} dir="auto">
              {value ?? 'unknown'}
            </span>{' '}
            <span className={`origin origin--${origin}`} title={ORIGIN_LABELS[origin]}>
              {origin}
            </span>{' '}
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label={`Correct ${label.toLowerCase()}`}
              onClick={() => {
                setEditing(value ?? '');
              }}
            >
              Correct
            </button>
          </>
        ) : (
          <input
            className="meta-input"
            aria-label={label}
            dir="auto"
            autoFocus
            value={editing}
            onChange={(event) => {
              setEditing(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void save(editing);
              if (event.key === 'Escape') setEditing(null);
            }}
            onBlur={() => {
              if (editing !== (value ?? '')) void save(editing);
              else setEditing(null);
            }}
          />
        )}
        {error !== null && <span className="meta-error"> {error}</span>}
      </dd>
    </div>
  );
}

/** Everything known about where the article came from; the parser's guesses can be corrected by hand. */
export function MetadataPanel({
  article,
  onSaved,
}: {
  article: Article;
  onSaved: (article: Article) => void;
}) {
  const facts: [string, string][] = [
    ['File', article.originalFileName],
    ['Format', article.format],
    [
      'Encoding',
      article.encoding === null ? '—' : `${article.encoding.name}${article.encoding.bom ? ' (BOM)' : ''}`,
    ],
    ['Imported', formatDate(article.importedAt)],
    ['Event dates', article.eventDates.map((date) => formatDate(date.date)).join(', ') || '—'],
    ['SHA-256', article.sha256],
  ];
  return (
    <section className="metadata-panel" aria-label="Article details">
      <dl className="meta-list">
        <div className="meta-field">
          <dt>Tags</dt>
          <dd>
            <TagEditor article={article} onSaved={onSaved} />
          </dd>
        </div>
        <div className="meta-field">
          <dt>Collections</dt>
          <dd>
            <ArticleCollections articleId={article.id} />
          </dd>
        </div>
        {(Object.keys(FIELD_LABELS) as MetadataKey[]).map((field) => (
          <EditableField key={field} article={article} field={field} onSaved={onSaved} />
        ))}
        {facts.map(([label, value]) => (
          <div className="meta-field" key={label}>
            <dt>{label}</dt>
            <dd className={label === 'SHA-256' ? 'meta-hash' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
