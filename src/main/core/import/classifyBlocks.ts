import type { BlockKind } from '../../../shared/article.ts';

/**
 * Page furniture, by concept rather than by one site's wording: each list holds how
 * news sites across the languages analysts read phrase "read also", "share this",
 * "source:", "by", and photo credits. Matching is on folded text (lower case, no
 * diacritics, no tashkeel), so "A lire", "À LIRE" and "à lire" are one cue.
 */
const RELATED_OPENERS = [
  // fr
  'a lire',
  'a lire aussi',
  'lire aussi',
  'lire egalement',
  'lisez aussi',
  'voir aussi',
  'a voir aussi',
  'sur le meme sujet',
  'lire la suite',
  'a voir',
  // en
  'read more',
  'read also',
  'also read',
  'see also',
  'related',
  'related articles',
  'related stories',
  'related news',
  'more on this',
  'recommended',
  'you may also like',
  'further reading',
  'more from',
  // de, es, pt, it, nl, tr, pl
  'lesen sie auch',
  'mehr zum thema',
  'siehe auch',
  'auch interessant',
  'lea tambien',
  'leer mas',
  'te puede interesar',
  'ver tambien',
  'relacionado',
  'relacionadas',
  'leia tambem',
  'leia mais',
  'veja tambem',
  'leggi anche',
  'vedi anche',
  'lees ook',
  'ayrica okuyun',
  'ilgili haberler',
  'bunu da okuyun',
  'czytaj takze',
  'zobacz takze',
  // ru, uk, bg, sr
  'читайте также',
  'читайте ещё',
  'по теме',
  'смотрите также',
  'см. также',
  'читайте також',
  'по темі',
  'дивіться також',
  'прочетете още',
  'прочитајте још',
  // ar, fa, ur, he
  'اقرأ أيضا',
  'اقرأ أيضاً',
  'إقرأ أيضا',
  'اقرأ كذلك',
  'اقرأ المزيد',
  'مواضيع ذات صلة',
  'ذات صلة',
  'شاهد أيضا',
  'بیشتر بخوانید',
  'همچنین بخوانید',
  'مطالب مرتبط',
  'اخبار مرتبط',
  'بخوانید',
  'مزید پڑھیں',
  'یہ بھی پڑھیں',
  'קראו גם',
  'כתבות נוספות',
  // zh, ja, ko
  '相关阅读',
  '延伸阅读',
  '相关新闻',
  '推荐阅读',
  '阅读更多',
  '相關閱讀',
  '延伸閱讀',
  '相關新聞',
  '関連記事',
  'あわせて読みたい',
  '関連ニュース',
  '관련기사',
  '관련 기사',
  '함께 읽기',
];

const SHARE_WORDS = [
  'partager',
  'partagez',
  'share',
  'shares',
  'tweet',
  'teilen',
  'compartir',
  'compartilhar',
  'condividi',
  'delen',
  'paylas',
  'udostępnij',
  'поделиться',
  'поділитися',
  'споделете',
  'شارك',
  'مشاركة',
  'اشتراک',
  'اشتراک گذاری',
  'شیئر',
  'שתפו',
  'שתף',
  '分享',
  '转发',
  'シェア',
  '공유',
  'imprimer',
  'print',
  'drucken',
  'imprimir',
  'stampa',
  'печать',
  'طباعة',
  'چاپ',
  '打印',
  'facebook',
  'twitter',
  'whatsapp',
  'telegram',
  'linkedin',
  'email',
  'e-mail',
  'courriel',
  'copier le lien',
  'copy link',
];

const SOURCE_LABELS = [
  'source',
  'sources',
  'quelle',
  'fuente',
  'fonte',
  'fontes',
  'bron',
  'kaynak',
  'zrodlo',
  'источник',
  'источники',
  'джерело',
  'източник',
  'извор',
  'المصدر',
  'مصدر',
  'المصادر',
  'منبع',
  'ماخذ',
  'מקור',
  '来源',
  '來源',
  '出典',
  '出处',
  '출처',
];

/** "avec AFP", "with agencies", "(Reuters)" as the last word of an article. */
const AGENCY_CREDIT =
  /^[([]?\s*(?:avec|with|mit|con|com|с|із|مع)\s+(?:l['’]\s*)?[\p{L}\s,&-]{2,40}[)\]]?\.?$/u;

const BYLINE_OPENERS = [
  'par',
  'by',
  'von',
  'por',
  'di',
  'door',
  'автор',
  'авторы',
  'автор:',
  'بقلم',
  'كتب',
  'نویسنده',
  'نوشته',
  '作者',
  '记者',
  '記者',
  '文',
];

/** Words that mark a parenthesised credit at the end of a photo caption. */
const CREDIT_WORDS =
  /\b(?:photo|photos|foto|fotos|фото|image|images|picture|pictures|crédit|credit|credits|illustration|archives?|afp|reuters|ap|getty|epa|xinhua|irna|ansa|dpa|tass|ria|sputnik|anadolu|wana|isna|mehr|tasnim|fars|sana|ina)\b|صورة|الصورة|صور|عکس|تصویر|图|圖|摄|攝|写真/iu;
const CAPTION_TAIL = /[([]\s*([^()[\]]{1,80})\s*[)\]]\s*\.?\s*$/u;
const CAPTION_HEAD = /^(?:photo|photos|foto|фото|image|illustration|صورة|عکس|图|圖)\s*[:：—–-]/iu;
const COPYRIGHT_TAIL = /(?:©|\(c\)|copyright)\s*[\p{L}\s./&-]{2,60}$/iu;

const BREADCRUMB_SEPARATORS = /\s(?:>|›|»|\/|\||→|‹|«|<)\s/u;
const SENTENCE_END = /[.!?…。！？؟]["»”’)]?$/u;

/** Lower case, no diacritics or Arabic marks, one space: the form cues are matched in. */
export function foldForCues(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(/[يى]/gu, 'ي')
    .replace(/[\u06cc]/gu, 'ي')
    .replace(/[ك]/gu, 'ك')
    .toLowerCase()
    .replace(/[\s\u00a0]+/gu, ' ')
    .trim();
}

function fold(list: readonly string[]): string[] {
  return list.map(foldForCues).sort((a, b) => b.length - a.length);
}

const RELATED = fold(RELATED_OPENERS);
const SHARE = new Set(fold(SHARE_WORDS));
const CJK_SHARE = ['分享', '转发', '轉發', 'シェア', '공유', '打印', '印刷'];
const SOURCES = fold(SOURCE_LABELS);
const BYLINES = fold(BYLINE_OPENERS);

function words(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter((word) => word !== '');
}

/** Whether `folded` starts with `cue` followed by a word boundary. */
function startsWithCue(folded: string, cue: string): boolean {
  if (!folded.startsWith(cue)) return false;
  const next = folded.charAt(cue.length);
  return (
    next === '' ||
    !/[\p{L}\p{N}]/u.test(next) ||
    /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(cue)
  );
}

/** Cues stand at the start of a block: only that much of a long paragraph is folded. */
const CUE_SPAN = 64;

let lastHead = { text: '', folded: '' };

/** The folded start of a block; several cue tests ask for the same block's in a row. */
function foldedHead(text: string): string {
  const head = text.slice(0, CUE_SPAN);
  if (lastHead.text !== head) lastHead = { text: head, folded: foldForCues(head) };
  return lastHead.folded;
}

export function isRelatedLink(text: string): boolean {
  const folded = foldedHead(text);
  return RELATED.some((cue) => {
    if (!startsWithCue(folded, cue)) return false;
    const rest = folded.slice(cue.length).trim();
    // "A lire:" followed by a headline, or the cue alone on its line.
    return rest === '' || /^[:：\-–—»>|]/u.test(rest) || words(text).length <= 25;
  });
}

export function isShareLine(text: string): boolean {
  if (text.length > 160) return false;
  const compact = text.replace(/[\s\u00a0]/gu, '');
  if (
    /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(compact) &&
    compact.length <= 12
  ) {
    if (CJK_SHARE.some((cue) => compact.includes(cue))) return true;
  }
  const tokens = words(foldForCues(text).replace(/[|·•,:;/()[\]]+/gu, ' '));
  if (tokens.length === 0 || tokens.length > 8) return false;
  const joined = tokens.join(' ');
  if ([...SHARE].some((cue) => cue.includes(' ') && joined.includes(cue))) return true;
  return tokens.some((token) => SHARE.has(token)) && !SENTENCE_END.test(text.trim());
}

export function sourceLabelValue(text: string): string | null {
  const folded = foldedHead(text);
  for (const cue of SOURCES) {
    if (!folded.startsWith(cue)) continue;
    const rest = folded.slice(cue.length);
    if (/^\s*[:：]/u.test(rest)) {
      const original = text.trim();
      const colon = original.search(/[:：]/u);
      const value = original.slice(colon + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}

export function isSourceLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 200 || words(trimmed).length > 16) return false;
  return sourceLabelValue(trimmed) !== null || AGENCY_CREDIT.test(trimmed);
}

/** The author named by a byline ("Par Jean Dupont", "By Jane Doe", "بقلم …", "记者：…"), or null. */
export function bylineAuthor(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 120 || SENTENCE_END.test(trimmed.replace(/\b\p{Lu}\.$/u, 'X'))) return null;
  const match = /^([^\s:：／/]+)\s*[:：／/]?\s*(.+)$/u.exec(trimmed);
  const opener = match?.[1];
  const rest = match?.[2];
  if (
    opener === undefined ||
    rest === undefined ||
    !BYLINES.includes(foldForCues(opener).replace(/[:：]$/u, ''))
  )
    return null;
  if (words(rest).length > 8) return null;
  const name = rest.split(/\s*[|,;]\s*|\s[–—-]\s|\s\(/u)[0]?.trim() ?? '';
  return /^[\p{Lu}\p{Script=Arabic}\p{Script=Han}\p{Script=Cyrillic}\p{Script=Hebrew}]/u.test(name)
    ? name
    : null;
}

export function isCaption(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 900 || words(trimmed).length > 90) return false;
  const tail = CAPTION_TAIL.exec(trimmed);
  if (tail?.[1] !== undefined && CREDIT_WORDS.test(tail[1]) && words(tail[1]).length <= 8) return true;
  return CAPTION_HEAD.test(trimmed) || (COPYRIGHT_TAIL.test(trimmed) && words(trimmed).length > 3);
}

function isCrumb(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 80 || SENTENCE_END.test(trimmed)) return false;
  return BREADCRUMB_SEPARATORS.test(trimmed) || (words(trimmed).length <= 3 && trimmed.length <= 30);
}

function looksLikeHeadline(text: string): boolean {
  const trimmed = text.trim();
  const count = words(trimmed).length;
  if (trimmed.length > 300 || count < 2)
    return (
      /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(trimmed) &&
      trimmed.length >= 6 &&
      trimmed.length <= 80
    );
  return !SENTENCE_END.test(trimmed) || count <= 20;
}

/** What a block looks like on its own, before position is taken into account. */
function classifyAlone(text: string): BlockKind | null {
  if (isRelatedLink(text)) return 'related';
  if (isSourceLine(text)) return 'source';
  if (isShareLine(text)) return 'share';
  if (bylineAuthor(text) !== null) return 'byline';
  if (isCaption(text)) return 'caption';
  return null;
}

export type ClassifyOptions = {
  /**
   * Whether the first blocks may be a navigation crumb and the headline: true for
   * plain text, where nothing else says where the article starts; false where the
   * format names its title (HTML, DOCX).
   */
  findHeadline: boolean;
};

/**
 * Decides the kind of every block an extractor left open (`kind: null`), by its
 * wording and its place: crumbs and the headline at the top, captions, bylines,
 * related links, share buttons and the source line wherever they stand.
 */
export function classifyBlocks(
  blocks: readonly { text: string; kind: BlockKind | null }[],
  options: ClassifyOptions,
): BlockKind[] {
  const kinds: (BlockKind | null)[] = blocks.map((block) => block.kind);
  if (options.findHeadline && !kinds.includes('headline')) {
    let start = 0;
    // Crumbs precede the headline; the headline is the first block that looks like one.
    while (
      start < blocks.length - 1 &&
      start < 3 &&
      kinds[start] === null &&
      isCrumb(blocks[start]?.text ?? '') &&
      looksLikeHeadline(blocks[start + 1]?.text ?? '')
    ) {
      kinds[start] = 'crumb';
      start += 1;
    }
    const candidate = blocks[start];
    if (
      candidate &&
      kinds[start] === null &&
      looksLikeHeadline(candidate.text) &&
      classifyAlone(candidate.text) === null
    ) {
      kinds[start] = 'headline';
    } else {
      for (let i = 0; i < start; i += 1) kinds[i] = null;
    }
  }
  for (let i = 0; i < blocks.length; i += 1) {
    if (kinds[i] !== null) continue;
    kinds[i] = classifyAlone(blocks[i]?.text ?? '') ?? 'paragraph';
  }
  return kinds.map((kind) => kind ?? 'paragraph');
}
