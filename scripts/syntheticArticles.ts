/**
 * Seed-like synthetic articles for benchmarks: a crumb, a headline, photo captions with
 * credits, body paragraphs, a related link, a share line and a source line, in several
 * languages and scripts. Deterministic for a given seed, and every article is unique.
 */

type Language = {
  code: string;
  crumb: string;
  words: string[];
  credit: string;
  related: string;
  share: string;
  source: string;
  dates: string[];
};

const LANGUAGES: Language[] = [
  {
    code: 'fr',
    crumb: 'Monde',
    words:
      'la base américaine du champ pétrolier a fait objet une attaque roquette en Syrie selon des sources locales les forces de la résistance ont visé plusieurs positions dans est du pays le gouvernement a annoncé que les négociations reprendraient la semaine prochaine à Damas'.split(
        ' ',
      ),
    credit: '(Photo AFP)',
    related: 'A lire:',
    share: 'Partager Cet Article',
    source: 'SOURCE: FRENCH PRESS TV',
    dates: ['le mardi 31 octobre 2023', 'ce mercredi 1er novembre'],
  },
  {
    code: 'en',
    crumb: 'World',
    words:
      'the american base in the oil field was attacked by rockets in eastern Syria according to local sources the resistance said it targeted several positions and the government announced that talks would resume next week in Damascus officials said'.split(
        ' ',
      ),
    credit: '(Reuters photo)',
    related: 'Read more:',
    share: 'Share this article',
    source: 'SOURCE: PRESS TV',
    dates: ['on Tuesday, October 31, 2023', 'on November 1'],
  },
  {
    code: 'ar',
    crumb: 'سوريا',
    words:
      'تعرضت القاعدة الأمريكية في حقل النفط لهجوم بالصواريخ في شرق سوريا وفقا لمصادر محلية وقالت المقاومة إنها استهدفت عدة مواقع وأعلنت الحكومة أن المفاوضات ستستأنف الأسبوع المقبل في دمشق'.split(
        ' ',
      ),
    credit: '(صورة أرشيفية)',
    related: 'اقرأ أيضاً:',
    share: 'شارك هذا المقال',
    source: 'المصدر: الميادين',
    dates: ['يوم الثلاثاء', 'يوم الأربعاء'],
  },
  {
    code: 'ru',
    crumb: 'В мире',
    words:
      'американская база на нефтяном месторождении подверглась ракетному обстрелу на востоке Сирии по данным местных источников сопротивление заявило что нанесло удары по нескольким позициям правительство объявило что переговоры возобновятся на следующей неделе в Дамаске'.split(
        ' ',
      ),
    credit: '(Фото: ТАСС)',
    related: 'Читайте также:',
    share: 'Поделиться',
    source: 'Источник: ТАСС',
    dates: ['31 октября 2023 года', '1 ноября'],
  },
  {
    code: 'zh',
    crumb: '国际',
    words:
      '美国 在 叙利亚 东部 油田 的 基地 遭到 火箭弹 袭击 据 当地 消息 人士 称 抵抗 组织 表示 袭击 了 多个 阵地 政府 宣布 谈判 将于 下周 在 大马士革 恢复'.split(
        ' ',
      ),
    credit: '（新华社图片）',
    related: '相关阅读：',
    share: '分享',
    source: '来源：新华社',
    dates: ['2023年10月31日', '11月1日'],
  },
  {
    code: 'fa',
    crumb: 'جهان',
    words:
      'پایگاه آمریکایی در میدان نفتی در شرق سوریه هدف حمله موشکی قرار گرفت به گزارش منابع محلی مقاومت اعلام کرد که چند موضع را هدف قرار داده است دولت اعلام کرد که مذاکرات هفته آینده در دمشق از سر گرفته می‌شود'.split(
        ' ',
      ),
    credit: '(عکس: ایرنا)',
    related: 'بیشتر بخوانید:',
    share: 'اشتراک گذاری',
    source: 'منبع: ایرنا',
    dates: ['سه‌شنبه', 'چهارشنبه'],
  },
];

/** A small deterministic generator (mulberry32), so runs are comparable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(language: Language, next: () => number, length: number): string {
  const separator = language.code === 'zh' ? '' : ' ';
  const words = Array.from(
    { length },
    () => language.words[Math.floor(next() * language.words.length)] ?? '',
  );
  const text = words.join(separator);
  const end = language.code === 'zh' ? '。' : '.';
  return language.code === 'zh' || language.code === 'ar' || language.code === 'fa'
    ? `${text}${end}`
    : `${text.charAt(0).toUpperCase()}${text.slice(1)}${end}`;
}

/** The text of synthetic article number `index` (about 3–4 KB). */
export function syntheticArticle(index: number, seed = 1): { language: string; text: string } {
  const next = random(seed * 1_000_003 + index);
  const language = LANGUAGES[index % LANGUAGES.length] ?? LANGUAGES[0];
  if (!language) throw new Error('no languages');
  const paragraph = (count: number): string =>
    Array.from({ length: count }, () => sentence(language, next, 12 + Math.floor(next() * 10))).join(' ');
  const lines = [
    language.crumb,
    '',
    `${sentence(language, next, 9).replace(/[.。]$/u, '')} ${String(index)}`,
    '',
    `${sentence(language, next, 14)} ${language.dates[0] ?? ''} ${language.credit}`,
    '',
    ...Array.from({ length: 6 }, (_, i) => [
      `${i === 1 ? `${language.dates[1] ?? ''} ` : ''}${paragraph(3)}`,
      '\u00a0',
    ]).flat(),
    `${language.related} ${sentence(language, next, 8)}`,
    '',
    ...Array.from({ length: 3 }, () => [paragraph(3), '']).flat(),
    language.share,
    language.source,
  ];
  return { language: language.code, text: lines.join('\n') };
}
