/**
 * Countries (ISO 3166-1 alpha-2, and Kosovo's XK) and languages (ISO 639-1, and the ISO 639-3 codes of
 * languages the interpreter services book that have no two-letter code), as the API takes them; their
 * names come from the browser (`Intl.DisplayNames`) in the person's language, with English beside.
 */
import i18next from 'i18next';
export const countryCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

export const languageCodes = (
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cv cy da de dv dz ee el en eo es et eu ' +
  'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk ' +
  'kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ' +
  'ny oc oj om or os pa pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti ' +
  'tk tl tn to tr ts tt tw ty ug uk ur uz ve vi wo xh yi yo za zh zu ckb kmr prs rom yue'
).split(' ');

export interface NamedCode {
  code: string;
  /** In the person's language. */
  name: string;
  /** In English, also searched. */
  english: string;
}

function displayNames(language: string, type: 'region' | 'language') {
  try {
    return new Intl.DisplayNames([language, 'en'], { type, fallback: 'code' });
  } catch {
    return new Intl.DisplayNames(['en'], { type, fallback: 'code' });
  }
}

const cache = new Map<string, NamedCode[]>();

/** The codes with their names, in the order of the names in the person's language. */
export function namedCodes(kind: 'country' | 'language', language: string): NamedCode[] {
  const key = `${kind}:${language}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const type = kind === 'country' ? 'region' : 'language';
  const own = displayNames(language, type);
  const english = displayNames('en', type);
  const collator = new Intl.Collator(language);
  const named = (kind === 'country' ? countryCodes : languageCodes)
    .map((code) => ({ code, name: own.of(code) ?? code, english: english.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
  cache.set(key, named);
  return named;
}

/** Letters as compared in a search: lower case, without accents (Ukraina, ukraina and Ukrajina's "ukrajina" meet their own). */
export const searchable = (text: string) => text.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').trim();

/** The entries a typed text finds: by the start of a name (own or English) first, then anywhere in it, or by the code itself. */
export function findCodes<Entry extends NamedCode>(entries: Entry[], typed: string): Entry[] {
  const query = searchable(typed);
  if (!query) return entries;
  const starts: Entry[] = [];
  const contains: Entry[] = [];
  for (const entry of entries) {
    const names = [searchable(entry.name), searchable(entry.english)];
    if (entry.code.toLowerCase() === query || names.some((name) => name.startsWith(query))) starts.push(entry);
    else if (names.some((name) => name.includes(query))) contains.push(entry);
  }
  return [...starts, ...contains];
}

/**
 * A code's name in the person's language (UA → Ukraina, uk → ukraina; a nationality's `stateless` and
 * `unknown` as words), the code itself when the browser knows no name.
 */
export function codeName(kind: 'country' | 'language', code: string, language: string): string {
  if (kind === 'country' && (code === 'stateless' || code === 'unknown')) return i18next.t(`common:form.picker.${code}`, { lng: language });
  const listed = namedCodes(kind, language).find((entry) => entry.code === code);
  if (listed) return listed.name;
  try {
    return displayNames(language, kind === 'country' ? 'region' : 'language').of(code) ?? code;
  } catch {
    return code; // not a code Intl takes
  }
}

/** Several codes' names, in the order given, as one line. */
export const codeNames = (kind: 'country' | 'language', codes: readonly string[], language: string): string =>
  codes.map((code) => codeName(kind, code, language)).join(', ');
