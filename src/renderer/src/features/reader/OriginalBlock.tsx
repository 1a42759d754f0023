import type { Block } from '../../../../shared/article.ts';
import { BOILERPLATE_KINDS, type BlockKind } from '../../../../shared/vocabulary.ts';

const KIND_LABELS: Record<BlockKind, string> = {
  crumb: 'Navigation',
  headline: 'Headline',
  heading: 'Heading',
  byline: 'Byline',
  caption: 'Caption',
  paragraph: 'Paragraph',
  quote: 'Quote',
  listItem: 'List item',
  related: 'Related link',
  share: 'Share',
  source: 'Source',
};

type Props = {
  block: Block;
  position: number;
  fallbackLanguage: string;
  isHighlighted: boolean;
  /** The block the keyboard is on: the original's one tab stop (ArrowUp/ArrowDown or J/K move it). */
  isCurrent?: boolean;
};

/**
 * One block of the original, told apart by typography, never by boxes: headline large, captions small
 * and italic, page furniture folded to one dimmed line, the source line as provenance. Its text is
 * exactly the block's text (labels come from CSS), so a selection quotes nothing but the article.
 * Rendered as text only: nothing an article contains can become markup.
 */
export function OriginalBlock({
  block,
  position,
  fallbackLanguage,
  isHighlighted,
  isCurrent = false,
}: Props) {
  const common = {
    id: `block-${String(position)}`,
    'data-block-id': block.id,
    'data-position': position,
    'data-kind': block.kind,
    'data-label': KIND_LABELS[block.kind],
    lang: block.language === 'und' ? fallbackLanguage : block.language,
    dir: block.direction,
    tabIndex: isCurrent ? 0 : -1,
    className: `block block--${block.kind}${isHighlighted ? ' is-highlighted' : ''}`,
  };
  if (BOILERPLATE_KINDS.has(block.kind)) {
    return (
      <details {...common}>
        <summary>{block.text}</summary>
      </details>
    );
  }
  switch (block.kind) {
    case 'headline':
      return <h1 {...common}>{block.text}</h1>;
    case 'heading':
      return <h2 {...common}>{block.text}</h2>;
    case 'quote':
      return <blockquote {...common}>{block.text}</blockquote>;
    case 'caption':
    case 'byline':
    case 'listItem':
    case 'paragraph':
    case 'source':
    case 'crumb':
    case 'related':
    case 'share':
      return <p {...common}>{block.text}</p>;
    default:
      return block.kind satisfies never;
  }
}
