/**
 * Is this referred person someone the register already knows? Names arrive spelt by many hands and
 * transliterated from many scripts (Олена / Olena / Elena, Muhammad / Mohammed, Nguyễn / Nguyen), so
 * names are compared as sounds, not letters, token by token in any order.
 */

const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ye', ё: 'yo', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin letters only, lower case, no diacritics: the name as a Finnish register would spell it. */
export function latinise(name: string): string {
  return [...name.toLowerCase()].map((char) => cyrillic[char] ?? char).join('')
    .normalize('NFKD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/ø/g, 'o').replace(/ß/g, 'ss').replace(/[^a-z\s-]/g, '');
}

/**
 * A sound key: spellings that transliteration mixes up become the same letters, and vowels, which
 * transliteration varies most, collapse into one. `Mohammed` and `Muhammad` both give `mhmd`.
 */
export function soundKey(token: string): string {
  const spelled = token
    .replace(/kh/g, 'h').replace(/ph/g, 'f').replace(/th/g, 't').replace(/sch|sh|ch/g, 's').replace(/dzh|dj|zh/g, 'z').replace(/j/g, 'i').replace(/([aeiou])h$/, '$1').replace(/ts|tz/g, 'z')
    .replace(/ck|q|c/g, 'k').replace(/w/g, 'v').replace(/x/g, 'ks').replace(/y/g, 'i');
  const consonants = spelled.replace(/[aeiou]+/g, (vowels, offset) => (offset === 0 ? 'a' : ''));
  return consonants.replace(/(.)\1+/g, '$1');
}

/** A name's tokens, latinised: the words that are compared, indexed and searched. */
export function nameTokens(name: string): string[] {
  return latinise(name).split(/[\s-]+/).filter(Boolean);
}

/**
 * The normalised forms of a name that its blind index holds, per token: the spelling, the sound key
 * and the sound key's first two letters. Any shared form makes a person a candidate, to be scored by
 * `nameSimilarity` once the name is opened; the short form keeps a typo late in a name a candidate.
 */
export function nameForms(name: string): string[] {
  return [...new Set(nameTokens(name).flatMap((token) => [`spelling:${token}`, `sound:${soundKey(token)}`, `start:${soundKey(token).slice(0, 2)}`]))];
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

const similarity = (a: string, b: string) => (a.length + b.length === 0 ? 1 : 1 - levenshtein(a, b) / Math.max(a.length, b.length));

function tokenSimilarity(a: string, b: string): number {
  const spelling = similarity(a, b);
  const sound = soundKey(a) === soundKey(b) ? 0.9 : similarity(soundKey(a), soundKey(b)) * 0.85;
  return Math.max(spelling, sound);
}

/** How alike two names are, 0–1: each token of the shorter name paired with its best match in the other. */
export function nameSimilarity(a: string, b: string): number {
  const tokensA = nameTokens(a);
  const tokensB = nameTokens(b);
  if (tokensA.length === 0 || tokensB.length === 0) return 0;
  const [shorter, longer] = tokensA.length <= tokensB.length ? [tokensA, tokensB] : [tokensB, tokensA];
  const scores = shorter.map((token) => Math.max(...longer.map((other) => tokenSimilarity(token, other))));
  // A single shared first name is weak evidence when the other name has more.
  const coverage = shorter.length / longer.length;
  return (scores.reduce((sum, score) => sum + score, 0) / shorter.length) * (0.8 + 0.2 * coverage);
}

export interface MatchFacts { name: string | null; birthDate: string | null; birthDateEstimated?: boolean; nationality: string }
export interface MatchScore { score: number; reasons: Array<'name' | 'birth_date' | 'birth_year' | 'nationality'> }

/** A suggestion, never a decision: a person on the staff confirms or dismisses it. */
export function matchScore(referred: MatchFacts, known: MatchFacts): MatchScore | null {
  if (!referred.name || !known.name) return null;
  const name = nameSimilarity(referred.name, known.name);
  if (name < 0.8) return null;
  const reasons: MatchScore['reasons'] = ['name'];
  let birth = 0;
  if (referred.birthDate && known.birthDate) {
    const yearGap = Math.abs(Number(referred.birthDate.slice(0, 4)) - Number(known.birthDate.slice(0, 4)));
    if (referred.birthDate === known.birthDate) { birth = 1; reasons.push('birth_date'); }
    else if (yearGap === 0 || (yearGap === 1 && (referred.birthDateEstimated || known.birthDateEstimated))) { birth = 0.6; reasons.push('birth_year'); }
  }
  let nationality = 0;
  if (referred.nationality === known.nationality && referred.nationality !== 'unknown') { nationality = 1; reasons.push('nationality'); }
  else if (referred.nationality === 'unknown' || known.nationality === 'unknown') nationality = 0.5;
  const score = 0.6 * name + 0.25 * birth + 0.15 * nationality;
  return score >= 0.7 ? { score: Math.round(score * 100) / 100, reasons } : null;
}
