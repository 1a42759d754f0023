import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../../tests/corpusPath.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { measureHtmlDepth } from './checkHtmlDepth.ts';
import { DEFAULT_LIMITS } from './extracted.ts';
import type { ExtractedDocument } from './extracted.ts';
import { extractHtml } from './extractHtml.ts';

const limits = DEFAULT_LIMITS;

function extract(html: string, url: string | null = null): ExtractedDocument {
  return extractHtml(html, { url, limits });
}

function allText(document: ExtractedDocument): string {
  return document.blocks.map((block) => block.text).join('\n');
}

function errorCodeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof WorkbenchError ? error.code : 'NOT_A_WORKBENCH_ERROR';
  }
}

function nest(depth: number, open: string, close: string, inner = 'deep text'): string {
  return `<html><body>${open.repeat(depth)}${inner}${close.repeat(depth)}</body></html>`;
}

describe('extractHtml on Mozilla Readability test pages', () => {
  type ManifestEntry = {
    page: string;
    declared_lang: string | null;
    title: string;
    byline: string | null;
    siteName: string | null;
  };
  const root = corpusPath('mozilla-readability-test-pages');
  const manifest = JSON.parse(readFileSync(`${root}/manifest.json`, 'utf8')) as ManifestEntry[];
  const normalise = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
  const primary = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';

  it('matches the expected title, byline and declared language (PROVENANCE "How to score")', () => {
    let titleExact = 0;
    let titleWithoutSiteName = 0;
    let bylines = 0;
    let bylinesMatched = 0;
    let languages = 0;
    let languagesMatched = 0;
    const durations: number[] = [];
    const misses: string[] = [];
    for (const entry of manifest) {
      const html = readFileSync(`${root}/test-pages/${entry.page}/source.html`, 'utf8');
      const started = performance.now();
      const document = extract(html);
      durations.push(performance.now() - started);

      const expectedTitle = normalise(entry.title);
      const title = normalise(document.title);
      if (title === expectedTitle) titleExact++;
      // We cut " | Site Name" off a title on purpose (the outlet is a field of its own);
      // upstream's expectation keeps it. Count those as matches in the second column.
      const site = normalise(entry.siteName);
      const expectedBare =
        site !== '' && expectedTitle.endsWith(site)
          ? expectedTitle.slice(0, -site.length).replace(/\s+[|\-–—:·•»/]\s*$/, '')
          : expectedTitle;
      if (title === expectedTitle || title === expectedBare) titleWithoutSiteName++;
      else misses.push(`title   ${entry.page}: ${JSON.stringify(title)} ≠ ${JSON.stringify(expectedTitle)}`);

      if (entry.byline !== null) {
        bylines++;
        const author = normalise(entry.byline)
          .replace(/^(?:by|par|por)\s+/i, '')
          .toLowerCase();
        if (normalise(document.byline).toLowerCase().includes(author)) bylinesMatched++;
        else
          misses.push(
            `byline  ${entry.page}: ${JSON.stringify(document.byline)} ≠ ${JSON.stringify(entry.byline)}`,
          );
      }
      if (entry.declared_lang !== null) {
        languages++;
        if (
          document.declaredLanguage !== null &&
          primary(document.declaredLanguage) === primary(entry.declared_lang)
        )
          languagesMatched++;
        else
          misses.push(
            `lang    ${entry.page}: ${document.declaredLanguage ?? 'null'} ≠ ${entry.declared_lang}`,
          );
      }
    }
    durations.sort((a, b) => a - b);
    const percent = (count: number, total: number): string =>
      `${count}/${total} (${((100 * count) / total).toFixed(1)} %)`;
    const median = durations[Math.floor(durations.length / 2)] ?? 0;
    const p90 = durations[Math.floor(durations.length * 0.9)] ?? 0;
    process.stdout.write(
      `${[
        `Readability test pages: ${manifest.length}`,
        `| check                                   | result |`,
        `| title, exact                            | ${percent(titleExact, manifest.length)} |`,
        `| title, exact or without " | Site Name"  | ${percent(titleWithoutSiteName, manifest.length)} |`,
        `| byline contains the expected author     | ${percent(bylinesMatched, bylines)} |`,
        `| declared language (primary subtag)      | ${percent(languagesMatched, languages)} |`,
        `| time per page: median / p90             | ${median.toFixed(1)} ms / ${p90.toFixed(1)} ms |`,
        ...misses,
      ].join('\n')}\n`,
    );
    // Measured: 107/112 exact, 112/112 allowing the intended site-name cut, 59/59 bylines, 56/56 languages.
    expect(titleExact / manifest.length).toBeGreaterThanOrEqual(0.95);
    expect(titleWithoutSiteName / manifest.length).toBeGreaterThanOrEqual(0.99);
    expect(bylinesMatched / bylines).toBeGreaterThanOrEqual(0.95);
    expect(languagesMatched).toBe(languages);
  });
});

describe('extractHtml on hostile pages', () => {
  const hostile = `<!doctype html><html lang="en"><head>
    <title>Harmless headline</title>
    <script>window.stolen = document.cookie</script>
    <style>body { background: url(http://tracker.example/bg.png) }</style>
    <meta http-equiv="refresh" content="0; url=javascript:alert(1)">
  </head><body onload="alert('load')">
    <article>
      <h1>Harmless headline</h1>
      <p>First visible paragraph with enough words to look like an article to Readability, which wants some text.</p>
      <img src="http://tracker.example/pixel.gif" onerror="alert('img')" alt="alt text is not visible">
      <p>Second paragraph <a href="javascript:alert('link')">with a link</a> and <span onclick="alert(2)">a span</span>, still visible, and long enough to be kept by the extractor.</p>
      <iframe srcdoc="<script>alert('srcdoc')</script><p>framed text</p>" src="http://evil.example/frame"></iframe>
      <svg onload="alert('svg')"><script>alert('svg script')</script><text>svg text</text></svg>
      <noscript><img src="http://tracker.example/noscript.gif"></noscript>
      <object data="http://evil.example/flash.swf"><embed src="http://evil.example/embed.swf"></object>
      <template><p>template text</p></template>
      <p>Third paragraph, plain text again, with enough words to be kept; here it ends with a full stop.</p>
      <form action="http://evil.example/post"><input value="typed value"><button>Send</button></form>
    </article>
    <script src="http://tracker.example/a.js"></script>
    <script>document.write('<p>written by script</p>')</script>
  </body></html>`;

  it('keeps the visible text only: no markup, script, handler or resource URL', () => {
    const document = extract(hostile);
    const text = allText(document);
    expect(text).toContain('First visible paragraph');
    expect(text).toContain('Second paragraph with a link and a span, still visible');
    expect(text).toContain('Third paragraph, plain text again');
    for (const forbidden of [
      '<script',
      'javascript:',
      'http://',
      'alert(',
      'onerror',
      'srcdoc',
      'framed text',
      'svg text',
      'template text',
      'typed value',
      'written by script',
      'alt text',
      'cookie',
    ]) {
      expect(text, forbidden).not.toContain(forbidden);
    }
    for (const block of document.blocks) expect(block.text).not.toMatch(/<[a-z!/]/i);
  });

  it('keeps markup that the page shows as text, as text', () => {
    const document = extract(
      '<html><body><p>To embed it, paste &lt;script src="a.js"&gt;&lt;/script&gt; into the page header, then reload the page and wait.</p></body></html>',
    );
    expect(allText(document)).toContain('paste <script src="a.js"></script> into');
  });

  it('rejects nesting deeper than the limit before parsing', () => {
    expect(errorCodeOf(() => extract(nest(limits.maxHtmlDepth + 10, '<div>', '</div>')))).toBe(
      'HTML_TOO_DEEP',
    );
    expect(errorCodeOf(() => extract(nest(limits.maxHtmlDepth - 10, '<div>', '</div>')))).toBeNull();
    // <div/> does not close in HTML, so these nest too.
    expect(errorCodeOf(() => extract(nest(limits.maxHtmlDepth + 10, '<div/>', '')))).toBe('HTML_TOO_DEEP');
    // Unclosed <p> and <li> close each other, as the parser does: flat, not deep.
    expect(errorCodeOf(() => extract(nest(1_000, '<p>para ', '')))).toBeNull();
  });

  it('rejects a very deep page before building it', () => {
    expect(errorCodeOf(() => extract(nest(200_000, '<span>', '</span>')))).toBe('HTML_TOO_DEEP');
  });

  it('measures depth as linkedom builds the tree', () => {
    expect(measureHtmlDepth('<html><body><div><p>a<p>b</div></body></html>')).toBe(4);
    expect(measureHtmlDepth('<div><script>"<div><div><div>"</script></div>')).toBe(2);
    expect(measureHtmlDepth('<div><!-- <div><div> --></div>')).toBe(1);
    expect(measureHtmlDepth('<div><svg><path/><path/></svg></div>')).toBe(3);
    expect(measureHtmlDepth('<div title="<div><div>"></div>')).toBe(1);
  });

  it('reports a page without text as NO_TEXT', () => {
    expect(
      errorCodeOf(() => extract('<html><body><img src="a.png"><script>x()</script></body></html>')),
    ).toBe('NO_TEXT');
    expect(errorCodeOf(() => extract(''))).toBe('NO_TEXT');
  });

  it('reads fragments and pages without <body>', () => {
    expect(allText(extract('Just a line of text, saved without any markup at all.'))).toBe(
      'Just a line of text, saved without any markup at all.',
    );
    const page = extract(
      '<html lang="de"><head><title>Kopf</title></head><p>Ein Absatz ohne body-Element, aber mit Text.</p></html>',
    );
    expect(allText(page)).toBe('Ein Absatz ohne body-Element, aber mit Text.');
    expect(page.declaredLanguage).toBe('de');
    expect(page.title).toBe('Kopf');
  });
});

describe('extractHtml blocks and metadata', () => {
  const article = `<!doctype html><html lang="fr-FR"><head>
    <title>Un titre d’article assez long pour Readability | Le Journal</title>
    <meta property="og:site_name" content="Le Journal">
    <meta property="og:title" content="Un titre d’article assez long pour Readability">
    <link rel="canonical" href="/2024/05/article.html">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2024-05-02T08:30:00+02:00","publisher":{"@type":"Organization","name":"Le Journal SA"}}]}</script>
  </head><body><article>
    <h1>Un titre d’article assez long pour Readability</h1>
    <p class="byline">Par Jeanne Martin</p>
    <p>Premier   paragraphe,
       avec des espaces   en trop, qui doit être assez long pour que Readability le garde dans l’article.</p>
    <h2>Un intertitre</h2>
    <figure><img src="x.jpg"><figcaption>Une légende (Photo AFP)</figcaption></figure>
    <blockquote><p>Une citation, entre guillemets, assez longue pour compter.</p></blockquote>
    <ul><li>Premier point de la liste</li><li>Second point</li></ul>
    <p>Une adresse<br>sur deux lignes, puis la fin du texte de l’article, avec encore quelques mots.</p>
  </article></body></html>`;

  it('turns elements into blocks of the right kind', () => {
    const document = extract(article, 'https://journal.example/share?id=1');
    const blocks = document.blocks.map((block) => [block.kind, block.text]);
    expect(blocks).toContainEqual([
      null,
      'Premier paragraphe, avec des espaces en trop, qui doit être assez long pour que Readability le garde dans l’article.',
    ]);
    expect(blocks).toContainEqual(['heading', 'Un intertitre']);
    expect(blocks).toContainEqual(['caption', 'Une légende (Photo AFP)']);
    expect(blocks).toContainEqual(['quote', 'Une citation, entre guillemets, assez longue pour compter.']);
    expect(blocks).toContainEqual(['listItem', 'Premier point de la liste']);
    expect(blocks).toContainEqual([
      null,
      'Une adresse\nsur deux lignes, puis la fin du texte de l’article, avec encore quelques mots.',
    ]);
    // The h1 repeats the title, which the importer shows from the metadata.
    expect(document.blocks.some((block) => block.kind === 'headline')).toBe(false);
  });

  it('reads the metadata the page states', () => {
    const document = extract(article, 'https://journal.example/share?id=1');
    expect(document.title).toBe('Un titre d’article assez long pour Readability');
    expect(document.siteName).toBe('Le Journal');
    expect(document.publishedAt).toBe('2024-05-02T08:30:00+02:00');
    expect(document.declaredLanguage).toBe('fr-FR');
    expect(document.url).toBe('https://journal.example/2024/05/article.html');
  });

  it('keeps an h1 that is not the title as a headline', () => {
    const document = extract(
      '<html><head><title>Site section page</title></head><body><h1>Another headline here</h1><p>Some paragraph text that is long enough to be a paragraph of an article, with commas, and more.</p></body></html>',
    );
    expect(document.blocks[0]).toEqual({ kind: 'headline', text: 'Another headline here' });
  });

  it('falls back to the given URL and to <time datetime>', () => {
    const document = extract(
      '<html><body><article><time datetime="2023-10-31">31 octobre</time><p>Texte de l’article, assez long pour être lu comme un paragraphe, avec une virgule.</p></article></body></html>',
      'https://example.org/a',
    );
    expect(document.url).toBe('https://example.org/a');
    expect(document.publishedAt).toBe('2023-10-31');
  });
});
