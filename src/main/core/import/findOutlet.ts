import { foldForCues } from './classifyBlocks.ts';

/**
 * Outlets analysts of foreign-language media meet most, with the ways pages name them
 * in source lines and the domains they publish on. A name not listed here is kept as
 * the page wrote it.
 */
const KNOWN_OUTLETS: readonly { name: string; aliases: readonly string[]; domains: readonly string[] }[] = [
  {
    name: 'Press TV',
    aliases: ['press tv', 'presstv'],
    domains: ['presstv.ir', 'presstv.com', 'presstv.co.uk'],
  },
  { name: 'HispanTV', aliases: ['hispantv', 'hispan tv'], domains: ['hispantv.com', 'hispantv.ir'] },
  { name: 'Al Mayadeen', aliases: ['al mayadeen', 'almayadeen', 'الميادين'], domains: ['almayadeen.net'] },
  {
    name: 'Al Jazeera',
    aliases: ['al jazeera', 'aljazeera', 'الجزيرة'],
    domains: ['aljazeera.com', 'aljazeera.net'],
  },
  { name: 'Al Arabiya', aliases: ['al arabiya', 'alarabiya', 'العربية'], domains: ['alarabiya.net'] },
  { name: 'Al Manar', aliases: ['al manar', 'almanar', 'المنار'], domains: ['almanar.com.lb'] },
  { name: 'Asharq Al-Awsat', aliases: ['asharq al-awsat', 'الشرق الأوسط'], domains: ['aawsat.com'] },
  {
    name: 'RT',
    aliases: ['rt', 'russia today', 'rt france', 'rt arabic', 'rt en français'],
    domains: ['rt.com', 'francais.rt.com', 'arabic.rt.com'],
  },
  {
    name: 'Sputnik',
    aliases: ['sputnik', 'sputnik news', 'sputnik afrique', 'спутник'],
    domains: ['sputniknews.com', 'sputnikglobe.com', 'fr.sputniknews.africa'],
  },
  { name: 'TASS', aliases: ['tass', 'тасс', 'итар-тасс'], domains: ['tass.ru', 'tass.com'] },
  { name: 'RIA Novosti', aliases: ['ria novosti', 'риа новости', 'ria'], domains: ['ria.ru'] },
  { name: 'Interfax', aliases: ['interfax', 'интерфакс'], domains: ['interfax.ru'] },
  {
    name: 'Xinhua',
    aliases: ['xinhua', 'xinhua news agency', '新华社', '新华网'],
    domains: ['xinhuanet.com', 'news.cn'],
  },
  { name: 'CGTN', aliases: ['cgtn'], domains: ['cgtn.com'] },
  { name: 'Global Times', aliases: ['global times', '环球时报'], domains: ['globaltimes.cn'] },
  {
    name: "People's Daily",
    aliases: ["people's daily", 'peoples daily', '人民日报', '人民网'],
    domains: ['people.com.cn'],
  },
  { name: 'IRNA', aliases: ['irna', 'ایرنا'], domains: ['irna.ir'] },
  { name: 'Tasnim', aliases: ['tasnim', 'tasnim news', 'تسنیم'], domains: ['tasnimnews.com'] },
  { name: 'Fars News', aliases: ['fars', 'fars news', 'فارس'], domains: ['farsnews.ir'] },
  { name: 'Mehr News', aliases: ['mehr', 'mehr news', 'مهر'], domains: ['mehrnews.com'] },
  { name: 'SANA', aliases: ['sana', 'سانا'], domains: ['sana.sy'] },
  { name: 'Anadolu Agency', aliases: ['anadolu', 'anadolu agency', 'aa'], domains: ['aa.com.tr'] },
  { name: 'TRT', aliases: ['trt', 'trt world'], domains: ['trt.net.tr', 'trtworld.com'] },
  { name: 'AFP', aliases: ['afp', 'agence france-presse', 'agence france presse'], domains: ['afp.com'] },
  { name: 'Reuters', aliases: ['reuters'], domains: ['reuters.com'] },
  { name: 'Associated Press', aliases: ['ap', 'associated press'], domains: ['apnews.com'] },
  { name: 'BBC', aliases: ['bbc', 'bbc news'], domains: ['bbc.com', 'bbc.co.uk'] },
  { name: 'France 24', aliases: ['france 24', 'france24'], domains: ['france24.com'] },
  { name: 'Le Monde', aliases: ['le monde'], domains: ['lemonde.fr'] },
  { name: 'Deutsche Welle', aliases: ['deutsche welle', 'dw'], domains: ['dw.com'] },
  { name: 'KCNA', aliases: ['kcna', 'korean central news agency'], domains: ['kcna.kp', 'kcnawatch.org'] },
  { name: 'NHK', aliases: ['nhk'], domains: ['nhk.or.jp'] },
  { name: 'Yonhap', aliases: ['yonhap', '연합뉴스'], domains: ['yna.co.kr'] },
];

/** Words that say which language edition a source line names, not which outlet. */
const EDITION_WORDS = new Set(
  [
    'french',
    'english',
    'arabic',
    'spanish',
    'russian',
    'persian',
    'farsi',
    'chinese',
    'german',
    'turkish',
    'français',
    'francais',
    'anglais',
    'arabe',
    'espagnol',
    'en français',
    'edition',
    'édition',
    'version',
    'عربي',
    'بالعربية',
    'فارسی',
    'по-русски',
    'english edition',
  ].map(foldForCues),
);

function withoutEditionWords(folded: string): string {
  return folded
    .split(' ')
    .filter((word) => !EDITION_WORDS.has(word))
    .join(' ')
    .trim();
}

/** The canonical outlet named by a source line or a site name ("FRENCH PRESS TV" → "Press TV"). */
export function canonicalOutlet(name: string): string {
  const cleaned = name.replace(/^[\s"'«“]+|[\s"'»”.]+$/gu, '');
  // "Le Monde.fr", "presstv.ir": a site name often carries its domain's ending.
  const folded = foldForCues(cleaned)
    .replace(/\.(?:fr|com|net|org|ru|ir|cn|co\.uk|uk|de|es|it|info|news)$/u, '')
    .replace(/[.,;]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const core = withoutEditionWords(folded);
  for (const outlet of KNOWN_OUTLETS) {
    if (
      outlet.aliases.some((alias) => {
        const foldedAlias = foldForCues(alias);
        return foldedAlias === folded || foldedAlias === core;
      })
    ) {
      return outlet.name;
    }
  }
  return cleaned;
}

/** The outlet that publishes on a URL's host, if it is a known one. */
export function outletFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const outlet of KNOWN_OUTLETS) {
    if (outlet.domains.some((domain) => host === domain || host.endsWith(`.${domain}`))) return outlet.name;
  }
  return null;
}
