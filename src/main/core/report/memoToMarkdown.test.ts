import type { JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CitationAttrs } from '../../../shared/memo.ts';
import { markdownLines, markdownSingleLine } from './escapeMarkdown.ts';
import { memoToMarkdown } from './memoToMarkdown.ts';
import { readReportBack } from './readReportBack.ts';

function text(
  value: string,
  ...marks: (string | { type: string; attrs: Record<string, unknown> })[]
): JSONContent {
  return {
    type: 'text',
    text: value,
    marks: marks.map((mark) => (typeof mark === 'string' ? { type: mark } : mark)),
  };
}

function paragraph(...content: JSONContent[]): JSONContent {
  return { type: 'paragraph', content };
}

function exportMemo(
  content: JSONContent[],
  renderCitation: (attrs: CitationAttrs) => string = () => '',
): string {
  return memoToMarkdown({ type: 'doc', content }, { headingOffset: 0, renderCitation }).markdown;
}

/** What a reader sees of a paragraph: each line with runs of white space as one space, empty lines gone. */
function visible(value: string): string {
  return value
    .normalize('NFC')
    .split(/\r\n?|\n|\u2028|\u2029|\u0085/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Strings dense in what Markdown, HTML and pandoc read as syntax. */
const markdownish = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...'\\`*_{}[]()<>#+-.!|~$^@&:;="\'%/ \t\n1aéب漢'.split('')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '&amp;',
        '&#65;',
        '<b>',
        '</b>',
        '<!--',
        '```',
        '~~~',
        '1.',
        '- ',
        '> ',
        '    ',
        '![',
        '](',
        'http://x.y',
        '[^1]',
        '\u202e',
        '👩‍👧',
      ),
    },
  ),
  maxLength: 60,
});

describe('escaping', () => {
  it('reads back as the same text for any string, never as markup (property)', () => {
    fc.assert(
      fc.property(markdownish, (raw) => {
        const expected = visible(raw);
        fc.pre(expected !== '');
        const read = readReportBack(markdownLines(raw));
        expect(read.rawHtml).toEqual([]);
        expect(read.links).toEqual([]);
        expect(read.footnoteRefs).toEqual([]);
        expect(read.blocks.map((block) => [block.type, visible(block.text)])).toEqual([
          ['paragraph', expected],
        ]);
        const single = readReportBack(`# ${markdownSingleLine(raw, { inHeading: true })}`);
        expect(single.headings.map((heading) => [heading.level, visible(heading.text)])).toEqual([
          [1, expected.replace(/\s+/g, ' ')],
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('does the same for text in the memo, through @tiptap/markdown', () => {
    fc.assert(
      fc.property(markdownish, (raw) => {
        const expected = visible(raw);
        fc.pre(expected !== '');
        const read = readReportBack(exportMemo([paragraph(text(raw))]));
        expect(read.rawHtml).toEqual([]);
        expect(read.links).toEqual([]);
        // The memo keeps a line ending inside text as a soft break, which a reader shows as a space.
        expect(read.blocks.map((block) => [block.type, block.text.replace(/\s+/g, ' ')])).toEqual([
          ['paragraph', expected.replace(/\s+/g, ' ')],
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('memoToMarkdown', () => {
  it('writes headings, emphasis, strike, code, links, lists, quotes, code blocks and rules', () => {
    const markdown = exportMemo([
      { type: 'heading', attrs: { level: 2 }, content: [text('Findings')] },
      paragraph(
        text('bold', 'bold'),
        text(' '),
        text('italic', 'italic'),
        text(' '),
        text('struck', 'strike'),
        text(' '),
        text('a `tick`', 'code'),
        text(' '),
        text('site', { type: 'link', attrs: { href: 'https://example.org/a b(c)', title: 'say "hi"' } }),
      ),
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              paragraph(text('one')),
              {
                type: 'orderedList',
                attrs: { start: 3 },
                content: [{ type: 'listItem', content: [paragraph(text('three'))] }],
              },
            ],
          },
          { type: 'listItem', content: [paragraph(text('two'))] },
        ],
      },
      { type: 'blockquote', content: [paragraph(text('quoted'))] },
      { type: 'codeBlock', attrs: { language: 'js extra' }, content: [text('a\n```\nb')] },
      { type: 'horizontalRule' },
    ]);
    const read = readReportBack(markdown);
    expect(read.headings).toEqual([{ level: 2, text: 'Findings' }]);
    expect(read.html).toContain(
      '<p><strong>bold</strong> <em>italic</em> <s>struck</s> <code>a `tick`</code> <a href="https://example.org/a%20b(c)" title="say &quot;hi&quot;">site</a></p>',
    );
    // Only a list starting at 1 may interrupt a paragraph: this one needs a blank line, so the list is loose.
    expect(read.html).toContain(
      '<li>\n<p>one</p>\n<ol start="3">\n<li>three</li>\n</ol>\n</li>\n<li>\n<p>two</p>\n</li>',
    );
    expect(read.html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(read.html).toContain('<pre><code class="language-js">a\n```\nb\n</code></pre>');
    expect(read.html).toContain('<hr>');
  });

  it('shifts headings under the report’s and keeps them on one line', () => {
    const { markdown } = memoToMarkdown(
      {
        type: 'doc',
        content: [
          {
            type: 'heading',
            attrs: { level: 1 },
            content: [text('Top #'), { type: 'hardBreak' }, text('next')],
          },
          { type: 'heading', attrs: { level: 6 }, content: [text('Deep')] },
        ],
      },
      { headingOffset: 2, renderCitation: () => '' },
    );
    expect(readReportBack(markdown).headings).toEqual([
      { level: 3, text: 'Top # next' },
      { level: 6, text: 'Deep' },
    ]);
  });

  it('writes overlapping bold and italic as Markdown, not HTML', () => {
    for (const content of [
      [text('bold ', 'bold'), text('both', 'bold', 'italic'), text(' italic', 'italic')],
      [text('b', 'bold'), text('bi', 'bold', 'italic'), text('i', 'italic'), text('.')],
      [text('i', 'italic'), text('ib', 'italic', 'bold'), text('b', 'bold'), text('!')],
    ]) {
      const read = readReportBack(exportMemo([paragraph(...content)]));
      expect(read.rawHtml).toEqual([]);
      expect(read.html).not.toMatch(/[*_]/);
    }
  });

  it('keeps two lists in a row apart', () => {
    const list = (type: string, item: string): JSONContent => ({
      type,
      content: [{ type: 'listItem', content: [paragraph(text(item))] }],
    });
    const read = readReportBack(
      exportMemo([
        list('bulletList', 'a'),
        list('bulletList', 'b'),
        list('orderedList', 'c'),
        list('orderedList', 'd'),
      ]),
    );
    expect(read.html.match(/<ul>/g)).toHaveLength(2);
    expect(read.html.match(/<ol>/g)).toHaveLength(2);
  });

  it('unlinks links that could run code and keeps unknown nodes as text', () => {
    const read = readReportBack(
      exportMemo([
        paragraph(
          text('click', { type: 'link', attrs: { href: ' Java\tScript:alert(1)' } }),
          text(' '),
          text('data', { type: 'link', attrs: { href: 'data:text/html,<script>' } }),
          text(' '),
          text('mail', { type: 'link', attrs: { href: 'mailto:a@b.org' } }),
        ),
        { type: 'image', attrs: { src: 'x.png' } },
        { type: 'table', content: [{ type: 'tableRow', content: [paragraph(text('cell'))] }] },
        paragraph(text('see '), { type: 'mention', attrs: { id: 'x' }, content: [text('@someone')] }),
        paragraph(text('under', 'underline')),
      ]),
    );
    expect(read.links).toEqual(['mailto:a@b.org']);
    expect(read.blocks.map((block) => block.text)).toEqual([
      'click data mail',
      '[image]',
      'cell',
      'see @someone',
      'under',
    ]);
  });

  it('puts each citation’s Markdown where the citation stands, in document order', () => {
    const citation = (blockPosition: number): JSONContent => ({
      type: 'citation',
      attrs: {
        articleId: 'a',
        blockId: `b${String(blockPosition)}`,
        blockPosition,
        quote: 'q',
        prefix: '',
        suffix: '',
      },
    });
    const seen: number[] = [];
    const markdown = exportMemo(
      [
        { type: 'blockquote', content: [paragraph(text('first'), citation(4))] },
        { type: 'blockquote', content: [paragraph(text('second'), citation(2))] },
      ],
      (attrs) => {
        seen.push(attrs.blockPosition);
        return `[^${String(seen.length)}]`;
      },
    );
    expect(seen).toEqual([4, 2]);
    expect(markdown).toBe('> first[^1]\n\n> second[^2]');
  });

  it('never throws on a damaged memo, and never lets HTML through (property)', () => {
    const node = fc.letrec((tie) => ({
      node: fc.record(
        {
          type: fc.oneof(
            fc.constantFrom(
              'paragraph',
              'heading',
              'text',
              'blockquote',
              'bulletList',
              'listItem',
              'codeBlock',
            ),
            fc.constantFrom('citation', 'hardBreak', 'horizontalRule', 'orderedList', 'image', 'table'),
            fc.anything(),
          ),
          text: fc.oneof(markdownish, fc.anything()),
          attrs: fc.oneof(
            fc.anything(),
            fc.record({ level: fc.anything(), start: fc.anything(), language: fc.anything() }),
          ),
          marks: fc.oneof(
            fc.anything(),
            fc.array(
              fc.record({
                type: fc.constantFrom('bold', 'italic', 'link', 'code', 'x'),
                attrs: fc.anything(),
              }),
            ),
          ),
          content: fc.oneof(fc.anything(), fc.array(tie('node'), { maxLength: 4 })),
        },
        { requiredKeys: [] },
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(fc.oneof(node, fc.anything()), { maxLength: 5 }), (content) => {
        const markdown = memoToMarkdown({ type: 'doc', content } as JSONContent, {
          headingOffset: 1,
          renderCitation: () => '[^1]',
        }).markdown;
        expect(readReportBack(markdown).rawHtml).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('is empty for an empty or missing memo', () => {
    expect(exportMemo([])).toBe('');
    expect(exportMemo([paragraph(), paragraph(text(''))])).toBe('');
    expect(memoToMarkdown(null, { headingOffset: 0, renderCitation: () => '' }).markdown).toBe('');
  });
});
