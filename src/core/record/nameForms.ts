/**
 * The normalised forms of a person's name: latinised (Cyrillic, diacritics), split into words, and
 * each word's sound key. Matching compares them; the blind index stores keyed forms of them.
 */
const cyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Latin letters only, lower case, no diacritics: the name as a Finnish register would spell it. */
export function latinise(name: string): string {
  return [...name.toLowerCase()]
    .map((char) => cyrillic[char] ?? char)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z\s-]/g, '');
}

/**
 * A sound key: spellings that transliteration mixes up become the same letters, and vowels, which
 * transliteration varies most, collapse into one. `Mohammed` and `Muhammad` both give `mhmd`.
 */
export function soundKey(token: string): string {
  const spelled = token
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/sch|sh|ch/g, 's')
    .replace(/dzh|dj|zh/g, 'z')
    .replace(/j/g, 'i')
    .replace(/([aeiou])h$/, '$1')
    .replace(/ts|tz/g, 'z')
    .replace(/ck|q|c/g, 'k')
    .replace(/w/g, 'v')
    .replace(/x/g, 'ks')
    .replace(/y/g, 'i');
  const consonants = spelled.replace(/[aeiou]+/g, (vowels, offset) => (offset === 0 ? 'a' : ''));
  return consonants.replace(/(.)\1+/g, '$1');
}

/** A name's tokens, latinised: the words that are compared, indexed and searched. */
export function nameTokens(name: string): string[] {
  return latinise(name)
    .split(/[\s-]+/)
    .filter(Boolean);
}

/**
 * The normalised forms of a name that its blind index holds, per token: the spelling, the sound key
 * and the sound key's first two letters. Any shared form makes a person a candidate, to be scored by
 * `nameSimilarity` once the name is opened; the short form keeps a typo late in a name a candidate.
 */
export function nameForms(name: string): string[] {
  return [
    ...new Set(
      nameTokens(name).flatMap((token) => [`spelling:${token}`, `sound:${soundKey(token)}`, `start:${soundKey(token).slice(0, 2)}`]),
    ),
  ];
}
