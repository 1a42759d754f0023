import './tags.css';

/** Chips shown in a library row before the rest are counted: a row stays one line. */
const SHOWN = 3;

/** An article's tags, small and quiet, for a library row. */
export function TagChips({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  const more = tags.length - SHOWN;
  return (
    <span className="tag-chips">
      {tags.slice(0, SHOWN).map((tag) => (
        <span key={tag} className="tag-chip tag-chip--small" dir="auto">
          {tag}
        </span>
      ))}
      {more > 0 && <span className="tag-chips__more">+{more}</span>}
    </span>
  );
}
