import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_FIXTURE, SEED_KINDS } from '../../../../tests/corpusPath.ts';
import { parseFile } from './parseFile.ts';

describe('parseFile on the seed article (French Press TV page saved as text)', async () => {
  const bytes = new Uint8Array(readFileSync(SEED_FIXTURE));
  const parsed = await parseFile(bytes, 'txt', { now: new Date('2026-11-24T10:00:00Z') });
  const kinds = parsed.blocks.map((block) => block.kind);

  it('splits it into the page structure, kinds in order', () => {
    expect(kinds).toEqual(SEED_KINDS);
    expect(parsed.blocks[0]?.text).toBe('TV');
    expect(parsed.blocks.at(-2)?.text).toBe('Partager Cet Article');
    expect(parsed.blocks.at(-1)?.text).toBe('SOURCE: FRENCH PRESS TV');
    expect(parsed.blocks[15]?.text).toBe(
      "A lire: Syrie : la base américaine d'al-Omar visée par 15 missiles",
    );
  });

  it('makes no block of the lines that hold only non-breaking spaces', () => {
    const source = readFileSync(SEED_FIXTURE, 'utf8');
    expect(source).toMatch(/^\u00a0 ?$/mu);
    for (const block of parsed.blocks) expect(block.text.replace(/[\s\u00a0]/gu, '')).not.toBe('');
    expect(parsed.blocks).toHaveLength(21);
  });

  it('keeps the names and apostrophes as written, in NFC', () => {
    const text = parsed.blocks.map((block) => block.text).join('\n');
    expect(text).toContain('Aïn al-Assad');
    expect(text).toContain('d’Al-Tanf');
    expect(text).toContain("d'Al-Tanf");
    expect(text).toBe(text.normalize('NFC'));
  });

  it('finds the title, the outlet behind the source line and the language', () => {
    expect(parsed.metadata.title).toEqual({
      value: "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US",
      origin: 'inferred',
    });
    expect(parsed.metadata.outlet).toEqual({ value: 'Press TV', origin: 'found' });
    expect(parsed.metadata.language.value).toBe('fr');
    expect(parsed.direction).toBe('ltr');
    expect(parsed.encoding?.name).toBe('utf-8');
  });

  it('detects the English caption from another story inside the French article', () => {
    const [english, french] = parsed.blocks.filter((block) => block.kind === 'caption');
    expect(english?.text).toMatch(/^US Rep\. Ilhan Omar/u);
    expect(english?.language).toBe('en');
    expect(french?.language).toBe('fr');
    expect(
      parsed.blocks.filter((block) => block.kind === 'paragraph').every((block) => block.language === 'fr'),
    ).toBe(true);
  });

  it('resolves the event dates, "ce mercredi 1er novembre" from "mardi 31 octobre 2023"', () => {
    const dates = parsed.eventDates.map((event) => event.date);
    // The English caption's "March 08, 2019" belongs to the stock photo of another story.
    expect(dates).toEqual(['2023-10-31', '2023-11-01']);
    expect(parsed.eventDates.find((event) => event.date === '2023-11-01')).toMatchObject({
      origin: 'inferred',
      text: expect.stringContaining('1er novembre') as string,
    });
    expect(parsed.eventDates.find((event) => event.date === '2023-10-31')?.origin).toBe('found');
    expect(parsed.metadata.publishedAt).toEqual({ value: '2023-11-01', origin: 'inferred' });
  });

  it('gives blocks ids that survive a re-parse of the same bytes', async () => {
    const again = await parseFile(bytes, 'txt', { now: new Date() });
    expect(again.blocks.map((block) => block.id)).toEqual(parsed.blocks.map((block) => block.id));
    expect(new Set(parsed.blocks.map((block) => block.id)).size).toBe(parsed.blocks.length);
  });
});

describe('parseFile on Markdown', () => {
  it('reads front matter, headings, quotes and lists, and keeps raw HTML as text', async () => {
    const markdown = [
      '---',
      'title: Un titre',
      'author: Jeanne Martin',
      'date: 2024-03-05',
      '---',
      '# Un titre',
      '',
      'Le **gouvernement** a annoncé mardi que les négociations reprendraient la semaine prochaine.',
      '',
      '## Contexte',
      '',
      '> Une citation du ministre sur la situation en Syrie et en Irak.',
      '',
      '- premier point de la liste des mesures annoncées',
      '',
      '<script>alert(1)</script>',
    ].join('\n');
    const parsed = await parseFile(new TextEncoder().encode(markdown), 'md');
    expect(parsed.metadata.title).toEqual({ value: 'Un titre', origin: 'found' });
    expect(parsed.metadata.author).toEqual({ value: 'Jeanne Martin', origin: 'found' });
    expect(parsed.metadata.publishedAt.value).toBe('2024-03-05');
    expect(parsed.blocks.map((block) => block.kind)).toEqual([
      'headline',
      'paragraph',
      'heading',
      'quote',
      'listItem',
      'paragraph',
    ]);
    expect(parsed.blocks[1]?.text).toBe(
      'Le gouvernement a annoncé mardi que les négociations reprendraient la semaine prochaine.',
    );
    expect(parsed.blocks.at(-1)?.text).toBe('<script>alert(1)</script>');
  });
});
