/**
 * Is this referred person someone the register already knows? Names arrive spelt by many hands and
 * transliterated from many scripts (Олена / Olena / Elena, Muhammad / Mohammed, Nguyễn / Nguyen), so
 * names are compared as sounds, not letters, token by token in any order.
 */

import { nameTokens, soundKey } from '../../core/record/nameForms.ts';

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

export interface MatchFacts {
  name: string | null;
  birthDate: string | null;
  birthDateEstimated?: boolean;
  nationality: string;
}
export interface MatchScore {
  score: number;
  reasons: Array<'name' | 'birth_date' | 'birth_year' | 'nationality'>;
}

/** A suggestion, never a decision: a person on the staff confirms or dismisses it. */
export function matchScore(referred: MatchFacts, known: MatchFacts): MatchScore | null {
  if (!referred.name || !known.name) return null;
  const name = nameSimilarity(referred.name, known.name);
  if (name < 0.8) return null;
  const reasons: MatchScore['reasons'] = ['name'];
  let birth = 0;
  if (referred.birthDate && known.birthDate) {
    const yearGap = Math.abs(Number(referred.birthDate.slice(0, 4)) - Number(known.birthDate.slice(0, 4)));
    if (referred.birthDate === known.birthDate) {
      birth = 1;
      reasons.push('birth_date');
    } else if (yearGap === 0 || (yearGap === 1 && (referred.birthDateEstimated || known.birthDateEstimated))) {
      birth = 0.6;
      reasons.push('birth_year');
    }
  }
  let nationality = 0;
  if (referred.nationality === known.nationality && referred.nationality !== 'unknown') {
    nationality = 1;
    reasons.push('nationality');
  } else if (referred.nationality === 'unknown' || known.nationality === 'unknown') nationality = 0.5;
  const score = 0.6 * name + 0.25 * birth + 0.15 * nationality;
  return score >= 0.7 ? { score: Math.round(score * 100) / 100, reasons } : null;
}
