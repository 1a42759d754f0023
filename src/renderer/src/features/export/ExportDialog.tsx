import { useEffect, useMemo, useState } from 'react';
import type { ReportOptionsInput, ReportScope } from '../../../../shared/api.ts';
import type { Collection, LibraryRow } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import type { Notice } from '../../ui/StatusNotice.tsx';
import { downloadText } from './downloadText.ts';
import { loadReportOptions, saveReportOptions } from './reportOptions.ts';

/** What the analyst picks in the dialog; 'article' and 'selected' both become an `articles` scope. */
export type ScopeChoice = 'article' | 'selected' | 'tag' | 'collection' | 'all';

type Props = {
  /** The article open in the reader. */
  currentId: string | null;
  /** The articles selected in the library list. */
  selectedIds: readonly string[];
  entries: readonly LibraryRow[];
  onClose: () => void;
  onNotice: (notice: Notice) => void;
};

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** The tags of the library, most used first, for the tag scope. */
function tagsOf(entries: readonly LibraryRow[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of entries) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** The scope the dialog opens with: the selection when there is one beyond the open article, else that article. */
function initialScope(currentId: string | null, selectedIds: readonly string[]): ScopeChoice {
  if (selectedIds.length > 1) return 'selected';
  if (currentId !== null) return 'article';
  if (selectedIds.length > 0) return 'selected';
  return 'all';
}

/** The damaged articles a report left out, for the notice after an export; '' when none. */
function describeLeftOut(leftOut: readonly { id: string; reason: string }[]): string {
  if (leftOut.length === 0) return '';
  const [first] = leftOut;
  const more = leftOut.length > 1 ? ` and ${String(leftOut.length - 1)} more` : '';
  return `; left out ${plural(leftOut.length, 'damaged article')}: ${first?.id ?? ''} (${first?.reason ?? ''})${more}`;
}

/**
 * "Export report": which articles, what goes in, how citations read. In Electron the main process asks
 * where to save (report:save); in a browser the report comes back as text and is downloaded. The
 * options are remembered for the next time, in this session and later ones.
 */
export function ExportDialog({ currentId, selectedIds, entries, onClose, onNotice }: Props) {
  const { client } = useServices();
  const [scope, setScope] = useState<ScopeChoice>(() => initialScope(currentId, selectedIds));
  const [options, setOptions] = useState<ReportOptionsInput>(loadReportOptions);
  const tags = useMemo(() => tagsOf(entries), [entries]);
  const [tag, setTag] = useState(() => tags[0]?.tag ?? '');
  const [collections, setCollections] = useState<Collection[] | ErrorInfo | null>(null);
  const [collectionId, setCollectionId] = useState('');
  const [isExporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currentTitle = entries.find((entry) => entry.id === currentId);

  useEffect(() => {
    let isCurrent = true;
    void client.call('collections:list', {}).then((result) => {
      if (!isCurrent) return;
      if (result.ok) {
        setCollections(result.value.collections);
        setCollectionId((chosen) => (chosen === '' ? (result.value.collections[0]?.id ?? '') : chosen));
      } else setCollections(result.error);
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);

  const collectionList = Array.isArray(collections) ? collections : [];
  const isAvailable: Record<ScopeChoice, boolean> = {
    article: currentId !== null,
    selected: selectedIds.length > 0,
    tag: tags.length > 0,
    collection: collectionList.length > 0,
    all: entries.length > 0,
  };

  const reportScope = (): ReportScope | null => {
    switch (scope) {
      case 'article':
        return currentId === null ? null : { kind: 'articles', ids: [currentId] };
      case 'selected':
        return selectedIds.length === 0 ? null : { kind: 'articles', ids: [...selectedIds] };
      case 'tag':
        return tag === '' ? null : { kind: 'tag', tag };
      case 'collection':
        return collectionId === '' ? null : { kind: 'collection', id: collectionId };
      case 'all':
        return { kind: 'all' };
      default:
        return scope satisfies never;
    }
  };

  const changeOptions = (change: Partial<ReportOptionsInput>) => {
    setOptions((previous) => {
      const next = { ...previous, ...change };
      saveReportOptions(next);
      return next;
    });
  };

  const exportReport = async () => {
    const chosen = reportScope();
    if (chosen === null) {
      setError('Choose what the report covers.');
      return;
    }
    setExporting(true);
    setError(null);
    saveReportOptions(options);
    if (client.shell === 'desktop') {
      const result = await client.call('report:save', { scope: chosen, options });
      setExporting(false);
      if (!result.ok) setError(`The report was not saved: ${describeError(result.error)}`);
      else if (result.value.path !== null) {
        onNotice({
          tone: result.value.leftOut.length > 0 ? 'error' : 'info',
          message: `Report of ${plural(result.value.articles, 'article')} saved to ${result.value.path}${describeLeftOut(result.value.leftOut)}`,
        });
        onClose();
      }
      // A cancelled save dialog leaves this one open, to change something or cancel here too.
      return;
    }
    const result = await client.call('report:build', { scope: chosen, options });
    setExporting(false);
    if (!result.ok) {
      setError(`The report was not built: ${describeError(result.error)}`);
      return;
    }
    downloadText(result.value.markdown, result.value.fileName);
    onNotice({
      tone: result.value.leftOut.length > 0 ? 'error' : 'info',
      message: `Report of ${plural(result.value.articles, 'article')} downloaded as ${result.value.fileName}${describeLeftOut(result.value.leftOut)}`,
    });
    onClose();
  };

  const choice = (value: ScopeChoice, label: string, extra?: React.ReactNode) => (
    <div className={`dialog__choice${isAvailable[value] ? '' : ' is-unavailable'}`}>
      <label className="dialog__choice">
        <input
          type="radio"
          name="report-scope"
          value={value}
          checked={scope === value}
          disabled={!isAvailable[value]}
          onChange={() => {
            setScope(value);
          }}
        />
        {label}
      </label>
      {extra}
    </div>
  );

  return (
    <Dialog title="Export report" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!isExporting) void exportReport();
        }}
      >
        <fieldset>
          <legend>Articles</legend>
          {choice(
            'article',
            currentId === null
              ? 'This article (none is open)'
              : `This article${currentTitle?.title != null ? `: ${currentTitle.title}` : ''}`,
          )}
          {choice('selected', `The selected articles (${String(selectedIds.length)})`)}
          {choice(
            'tag',
            tags.length === 0 ? 'A tag (no article has one)' : 'Articles tagged',
            tags.length > 0 && (
              <select
                aria-label="Tag"
                value={tag}
                onChange={(event) => {
                  setTag(event.target.value);
                  setScope('tag');
                }}
              >
                {tags.map(({ tag: name, count }) => (
                  <option key={name} value={name}>
                    {name} ({count})
                  </option>
                ))}
              </select>
            ),
          )}
          {choice(
            'collection',
            collections === null
              ? 'A collection (loading…)'
              : !Array.isArray(collections)
                ? `A collection (unavailable: ${describeError(collections)})`
                : collections.length === 0
                  ? 'A collection (there are none yet)'
                  : 'Collection',
            collectionList.length > 0 && (
              <select
                aria-label="Collection"
                value={collectionId}
                onChange={(event) => {
                  setCollectionId(event.target.value);
                  setScope('collection');
                }}
              >
                {collectionList.map((collection) => (
                  <option key={collection.id} value={collection.id}>
                    {collection.name} ({collection.articleIds.length})
                  </option>
                ))}
              </select>
            ),
          )}
          {choice('all', `All articles (${String(entries.length)})`)}
        </fieldset>
        <fieldset>
          <legend>Contents</legend>
          <label className="dialog__choice">
            <input
              type="checkbox"
              checked={options.includeOriginal}
              onChange={(event) => {
                changeOptions({ includeOriginal: event.target.checked });
              }}
            />
            Include original text
          </label>
          <label className="dialog__choice">
            <input
              type="checkbox"
              checked={options.includeNotes}
              onChange={(event) => {
                changeOptions({ includeNotes: event.target.checked });
              }}
            />
            Include translation notes
          </label>
        </fieldset>
        <fieldset>
          <legend>Citations</legend>
          <label className="dialog__choice">
            <input
              type="radio"
              name="citation-style"
              checked={options.citationStyle === 'footnotes'}
              onChange={() => {
                changeOptions({ citationStyle: 'footnotes' });
              }}
            />
            Footnotes
          </label>
          <label className="dialog__choice">
            <input
              type="radio"
              name="citation-style"
              checked={options.citationStyle === 'inline'}
              onChange={() => {
                changeOptions({ citationStyle: 'inline' });
              }}
            />
            Inline
          </label>
        </fieldset>
        {error !== null && (
          <p role="alert" className="dialog__error">
            {error}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={isExporting}>
            {isExporting ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
