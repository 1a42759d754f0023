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
  'copy',
  'link copied',
  'lien copié',
  'réutiliser ce contenu',
  // Networks as analysts' sources print them, in their own scripts. (A lone "X" is only
  // share furniture among other share lines: see extendShareRuns.)
  'vk',
  'вконтакте',
  'одноклассники',
  'фейсбук',
  'твиттер',
  'телеграм',
  'فيسبوك',
  'فيس بوك',
  'تويتر',
  'واتساب',
  'واتس اب',
  'تلغرام',
  'تلگرام',
  'توییتر',
  'فیسبوک',
  'ایتا',
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
/** Agencies' own caption credits: "REUTERS/Stringer/File Photo", "AFP/Getty Images", "(أ ف ب)". */
const AGENCY_SLASH_CREDIT =
  /(?:^|\s)(?:REUTERS|AFP|AP|EPA(?:-EFE)?|ANSA|DPA|XINHUA|ANADOLU|SANA|IRNA|TASS|SPUTNIK)\s*\/\s*[\p{L}\s./-]{0,60}$/u;
/** Le Monde's and others' credit after the caption: "… le 5 janvier 2024. EDGAR SU / REUTERS". */
const TRAILING_AGENCY_CREDIT =
  /[.)]\s+[\p{Lu}\p{Lt}][\p{L}\s.'’-]{1,40}\/\s*(?:REUTERS|AFP|AP|EPA|ANSA|DPA|XINHUA|ANADOLU|SANA|IRNA|TASS|SPUTNIK|SIPA|MAXPPP|ABACA|HANS LUCAS|Getty Images|IP3 PRESS|ZUMA)(?:\s+VIA\s+[\p{Lu}\s]+)?\s*$/u;
const ARABIC_CREDIT =
  /[([]\s*(?:أ\s?ف\s?ب|أ\.ف\.ب|رويترز|الأناضول|سانا|واع|إرنا|ايرنا|إيرنا|تسنيم|فارس|مهر|ا ب)\s*[)\]]\s*\.?$/u;
/** Chinese photo credits end with 摄 ("photographed by"): "新华社记者 王磊 摄", "（记者 王磊 摄）". */
const CHINESE_PHOTO_CREDIT = /[\p{Script=Han}\s]摄\s*[）)]?\s*$|^[（(]?\s*(?:图|圖|图片|圖片)\s*[:：]/u;
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
const CJK_SHARE = [
  '分享',
  '转发',
  '轉發',
  'シェア',
  '공유',
  '打印',
  '印刷',
  '微信',
  '微博',
  'QQ空间',
  '朋友圈',
];
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
  if (
    AGENCY_SLASH_CREDIT.test(trimmed) ||
    ARABIC_CREDIT.test(trimmed) ||
    TRAILING_AGENCY_CREDIT.test(trimmed)
  )
    return true;
  if (trimmed.length <= 200 && CHINESE_PHOTO_CREDIT.test(trimmed)) return true;
  return CAPTION_HEAD.test(trimmed) || (COPYRIGHT_TAIL.test(trimmed) && words(trimmed).length > 3);
}

const CJK = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u;

function isCrumb(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 80 || SENTENCE_END.test(trimmed)) return false;
  if (BREADCRUMB_SEPARATORS.test(trimmed)) return true;
  // Chinese and Japanese write without spaces: a one-"word" headline is not short.
  return words(trimmed).length <= 3 && trimmed.length <= (CJK.test(trimmed) ? 8 : 30);
}

function looksLikeHeadline(text: string): boolean {
  const trimmed = text.trim();
  const count = words(trimmed).length;
  if (trimmed.length > 300 || count < 2)
    return CJK.test(trimmed) && trimmed.length >= 6 && trimmed.length <= 80 && !SENTENCE_END.test(trimmed);
  return !SENTENCE_END.test(trimmed) || count <= 20;
}

/** Words that announce when an article was published or updated, before the date itself. */
const DATE_CUES = fold([
  'publié le',
  'publié',
  'mis à jour',
  'mis à jour le',
  'modifié le',
  'published',
  'updated',
  'last updated',
  'posted',
  'veröffentlicht',
  'aktualisiert',
  'publicado',
  'actualizado',
  'pubblicato',
  'aggiornato',
  'опубликовано',
  'обновлено',
  'дата публикации',
  'опубліковано',
  'оновлено',
  'نشر في',
  'نشر بتاريخ',
  'تاريخ النشر',
  'آخر تحديث',
  'تاریخ انتشار',
  'زمان انتشار',
  'تاریخ',
  '发布时间',
  '发布于',
  '发布日期',
  '更新时间',
  '時間',
  '时间',
  '發佈時間',
  '更新時間',
  '公開日',
  '更新日',
]);

/** Month and weekday names in the languages analysts read (folded), from the platform's own calendar data. */
const CALENDAR_WORDS: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const locales = [
    'en',
    'fr',
    'de',
    'es',
    'it',
    'pt',
    'nl',
    'tr',
    'ru',
    'uk',
    'ar',
    'ar-SY',
    'ar-EG',
    'fa',
    'ur',
    'he',
  ];
  for (const locale of locales) {
    for (const options of [
      { day: 'numeric', month: 'long' },
      { day: 'numeric', month: 'short' },
      { month: 'long' },
      { weekday: 'long' },
    ] as const) {
      const format = new Intl.DateTimeFormat(locale, options);
      for (let index = 0; index < 12; index += 1) {
        for (const part of format.formatToParts(new Date(Date.UTC(2024, index, 3 + index)))) {
          if (part.type === 'month' || part.type === 'weekday') {
            for (const word of words(foldForCues(part.value).replace(/\./gu, ''))) names.add(word);
          }
        }
      }
    }
  }
  return names;
})();

/** What else a date line is made of: times, zones, "at", "le", "ago". */
const DATE_FILLERS = new Set(
  [
    'am',
    'pm',
    'gmt',
    'utc',
    'cet',
    'cest',
    'msk',
    'est',
    'edt',
    'h',
    'à',
    'a',
    'at',
    'on',
    'le',
    'de',
    'du',
    'um',
    'el',
    'в',
    'г',
    'года',
    'року',
    'ago',
    'hour',
    'hours',
    'min',
    'minutes',
    'il',
    'y',
    'et',
    'and',
    'ساعت',
    'في',
    'م',
    'هـ',
    'الساعة',
    'ش',
    'today',
    'yesterday',
    "aujourd'hui",
    'aujourd’hui',
    'hier',
    'сегодня',
    'вчера',
    'اليوم',
    'modifié',
    'modified',
    'updated',
    'published',
    'publié',
    'mis',
    'jour',
    'обновлено',
    'изменено',
  ].map(foldForCues),
);

const DATE_SPLIT = /[\s,|/–—·•:：()（）-]+/u;

/**
 * A line that only says when the article was published or updated ("Publié le 14 mars 2024
 * à 10h32", "14 марта 2024, 11:20", "2024-03-14 10:25:36", "نشر في: 12 آذار 2024"): it
 * belongs with the byline, not the body.
 */
export function isDateLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 120 || !/\p{N}/u.test(trimmed)) return false;
  const folded = foldForCues(trimmed);
  const rest = DATE_CUES.reduce(
    (current, cue) => (startsWithCue(current, cue) ? current.slice(cue.length) : current),
    folded,
  );
  const tokens = rest.split(DATE_SPLIT).filter((token) => token !== '');
  if (tokens.length === 0) return false;
  const dateish = tokens.filter(
    (token) =>
      /^\p{N}/u.test(token) ||
      CALENDAR_WORDS.has(token) ||
      DATE_FILLERS.has(token) ||
      DATE_CUES.includes(token) ||
      /^\p{N}+(?:[年月日时分秒時]|h\p{N}*)$/u.test(token),
  ).length;
  const hasYearOrTime = /\p{N}{4}|\p{N}{1,2}\s*[:h時时]\s*\p{N}{2}/u.test(trimmed);
  return hasYearOrTime && dateish >= tokens.length * 0.7;
}

/** Who reported, wrote, edited or translated: a credit line that is not the article's text. */
const CREDIT_LINE = new RegExp(
  [
    String.raw`^(?:additional\s+)?(?:reporting|writing|written|editing|edited|compiled|translated|translation|research)\s+by\b`,
    String.raw`\bcontributed(?:\s+to)?(?:\s+this)?\s+(?:report|reporting|story)\b`,
    String.raw`^(?:temps\s+de\s+lecture|reading\s+time|lesezeit|время\s+чтения|مدة\s+القراءة|زمان\s+مطالعه|阅读时间|閱讀時間)\b`,
    String.raw`^\d+\s*(?:min|minutes?)\s+(?:read|de\s+lecture)\b`,
    String.raw`^[【\[(（]?\s*(?:责任编辑|責任編輯|编辑|編輯|校对|审核|审校|翻译)\s*[:：]`,
    String.raw`^(?:редактор|редакция|перевод|переводчик)\s*:`,
    String.raw`^(?:تحرير|إعداد|ترجمة|مترجم|ويرايش|ویرایش|ترجمه|گزارش)\s*:`,
  ].join('|'),
  'iu',
);

export function isCreditLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= 200 && CREDIT_LINE.test(trimmed);
}

/** What a block looks like on its own, before position is taken into account. */
function classifyAlone(text: string): BlockKind | null {
  if (isRelatedLink(text)) return 'related';
  if (isSourceLine(text)) return 'source';
  if (isShareLine(text)) return 'share';
  if (bylineAuthor(text) !== null || isCreditLine(text) || isDateLine(text)) return 'byline';
  if (isCaption(text)) return 'caption';
  return null;
}

/** Whether a related block is the cue alone ("Read more:", "RELATED COVERAGE", "相关阅读："), with the links below it. */
function isBareRelatedCue(text: string): boolean {
  const folded = foldForCues(text).replace(/[:：\s]+$/u, '');
  return RELATED.some((cue) => folded === cue) || (words(folded).length <= 3 && !SENTENCE_END.test(folded));
}

function isShortTitleLine(text: string): boolean {
  const trimmed = text.trim();
  if (SENTENCE_END.test(trimmed)) return false;
  return CJK.test(trimmed) ? trimmed.length <= 60 : words(trimmed).length <= 20;
}

/** The headlines listed under a bare "Read more:" are related links too. */
function extendRelatedLists(blocks: readonly { text: string }[], kinds: (BlockKind | null)[]): void {
  for (let i = 0; i < blocks.length; i += 1) {
    if (kinds[i] !== 'related' || !isBareRelatedCue(blocks[i]?.text ?? '')) continue;
    for (let j = i + 1; j < Math.min(blocks.length, i + 7); j += 1) {
      if (kinds[j] !== 'paragraph' || !isShortTitleLine(blocks[j]?.text ?? '')) break;
      kinds[j] = 'related';
    }
  }
}

/** A caption that is only a credit ("© РИА Новости / Алексей Сухоруков", "Photo: AFP") has its text on the next line. */
const CREDIT_ONLY =
  /^(?:©|\(c\)|copyright\b)|^(?:photo|photos|foto|фото|image|illustration|صورة|عکس|图|圖)\s*[:：—–-]/iu;

function extendCreditCaptions(blocks: readonly { text: string }[], kinds: (BlockKind | null)[]): void {
  for (let i = 1; i < blocks.length; i += 1) {
    const text = blocks[i]?.text.trim() ?? '';
    const previous = blocks[i - 1]?.text.trim() ?? '';
    if (kinds[i - 1] !== 'caption' || kinds[i] !== 'paragraph' || !CREDIT_ONLY.test(previous)) continue;
    if (previous.length <= 80 && words(text).length <= 25 && !SENTENCE_END.test(text)) kinds[i] = 'caption';
  }
}

/** The author's name repeated as a signature at the end ("Philippe Ricard (Bruxelles, bureau européen)") is a byline. */
function markSignatures(blocks: readonly { text: string }[], kinds: (BlockKind | null)[]): void {
  const names = blocks
    .filter((_, index) => kinds[index] === 'byline')
    .map((block) => bylineAuthor(block.text))
    .filter((name): name is string => name !== null && name.length >= 4);
  if (names.length === 0) return;
  for (let i = 0; i < blocks.length; i += 1) {
    const text = blocks[i]?.text.trim() ?? '';
    if (kinds[i] !== 'paragraph' || words(text).length > 10 || SENTENCE_END.test(text)) continue;
    if (names.some((name) => text.startsWith(name))) kinds[i] = 'byline';
  }
}

/** Network names under a share line ("Share", "Facebook", "X", "Email") are share buttons too. */
function extendShareRuns(blocks: readonly { text: string }[], kinds: (BlockKind | null)[]): void {
  for (let i = 1; i < blocks.length; i += 1) {
    const text = blocks[i]?.text.trim() ?? '';
    if (kinds[i - 1] !== 'share' || kinds[i] !== 'paragraph') continue;
    if (text.length <= 20 && words(text).length <= 2 && !/\p{N}/u.test(text) && !SENTENCE_END.test(text))
      kinds[i] = 'share';
  }
}

/**
 * Between the headline and the first paragraph stand the byline, the dateline and the
 * photo: a short line there that is no sentence ("بغداد - الميادين نت", "Moscou, Jean Dupont")
 * is the byline's.
 */
function markHeaderLines(
  blocks: readonly { text: string }[],
  kinds: (BlockKind | null)[],
  headline: number,
): void {
  for (let i = headline + 1; i < Math.min(blocks.length, headline + 6); i += 1) {
    const text = blocks[i]?.text.trim() ?? '';
    if (kinds[i] !== 'paragraph') {
      if (kinds[i] === 'byline' || kinds[i] === 'caption') continue;
      return;
    }
    const isShort = CJK.test(text) ? text.length <= 16 : words(text).length <= 6;
    if (!isShort || SENTENCE_END.test(text)) return;
    kinds[i] = 'byline';
  }
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
  const headline = kinds.indexOf('headline');
  if (options.findHeadline && headline !== -1) markHeaderLines(blocks, kinds, headline);
  extendRelatedLists(blocks, kinds);
  extendShareRuns(blocks, kinds);
  extendCreditCaptions(blocks, kinds);
  markSignatures(blocks, kinds);
  return kinds.map((kind) => kind ?? 'paragraph');
}
