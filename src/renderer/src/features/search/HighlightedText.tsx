import { highlightSegments } from './highlightSegments.ts';

type Props = {
  text: string;
  highlights: readonly { start: number; end: number }[];
  className?: string;
  id?: string;
};

/** A snippet with its hits marked, built as React text: nothing in an article can become markup. */
export function HighlightedText({ text, highlights, className, id }: Props) {
  return (
    <span className={className} id={id} dir="auto">
      {highlightSegments(text, highlights).map((segment, index) =>
        segment.isHit ? <mark key={index}>{segment.text}</mark> : segment.text,
      )}
    </span>
  );
}
