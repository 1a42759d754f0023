type Props = {
  /** How many articles the selection holds (the open one counts when nothing else is selected). */
  selectedCount: number;
  onMoveToTrash: () => void;
  onShowTrash: () => void;
};

/** Under the library list: how many are selected, "Move to trash" for them, and the way to the trash. */
export function LibraryActions({ selectedCount, onMoveToTrash, onShowTrash }: Props) {
  return (
    <div className="library-actions">
      <span className="library-actions__count">
        {selectedCount > 1 && `${String(selectedCount)} selected`}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={selectedCount === 0}
        title="Move the selected articles to the trash (Delete)"
        onClick={onMoveToTrash}
      >
        Move to trash
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        title="Show the trash"
        onClick={onShowTrash}
      >
        Trash
      </button>
    </div>
  );
}
