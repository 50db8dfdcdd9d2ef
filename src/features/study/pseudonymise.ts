/**
 * Pseudonymisation at import: the names of people, organisations and places, and contact details,
 * found in a transcript are proposed for replacement by codes; the researcher reviews the proposals
 * before the text is saved. Found are the study's own names (its participants' names, and the names
 * replaced in its earlier transcripts, each proposed with the code it had) and what recognisable
 * patterns catch: contact details, organisations by their legal form, people by a title or a first
 * and last name, places by a preposition or a Finnish place case. A proposal is a proposal: the
 * researcher keeps, changes or drops each one and may add names the patterns missed.
 */
export const pseudonymKinds = ['person', 'organisation', 'place', 'contact'] as const;
export type PseudonymKind = (typeof pseudonymKinds)[number];

export interface KnownName {
  kind: PseudonymKind;
  term: string;
  replacement: string;
}

export interface Proposal extends KnownName {
  occurrences: number;
  known: boolean;
}

const L = '\\p{L}';
const UPPER = '\\p{Lu}';
const WORD = `${UPPER}[${L}'’-]*`;
const notAfterLetter = `(?<![${L}\\p{N}_@.])`;
const notBeforeLetter = `(?![${L}\\p{N}_])`;

const patterns: Array<{ kind: PseudonymKind; pattern: RegExp; group?: number }> = [
  { kind: 'contact', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu },
  { kind: 'contact', pattern: /(?<![\p{N}])(?:\+\d{1,3}[ -]?)?\(?0?\d{1,3}\)?(?:[ -]?\d{2,4}){2,4}(?![\p{N}])/gu },
  {
    kind: 'organisation',
    pattern: new RegExp(
      `${notAfterLetter}(?:${WORD}[ ]){1,3}(?:Oy|Oyj|Ab|Ky|Tmi|ry|r\\.y\\.|Ltd|Inc|GmbH|AB|säätiö|yhdistys)${notBeforeLetter}`,
      'gu',
    ),
  },
  {
    kind: 'person',
    pattern: new RegExp(`(?<=(?:Mr|Mrs|Ms|Dr|herra|rouva|neiti|tohtori|herr|fru)\\.?[ ])${WORD}(?:[ ]${WORD})?${notBeforeLetter}`, 'gu'),
  },
  { kind: 'person', pattern: new RegExp(`${notAfterLetter}${WORD}[ ]${WORD}${notBeforeLetter}`, 'gu') },
  {
    kind: 'place',
    pattern: new RegExp(`(?<=(?:\\bin|\\bfrom|\\bto|\\bi|\\bfrån|\\btill)[ ])${WORD}${notBeforeLetter}`, 'gu'),
  },
  {
    kind: 'place',
    pattern: new RegExp(`(?<=[${L},] )${UPPER}[${L}]+(?:ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|an|än|aan|ään|seen)${notBeforeLetter}`, 'gu'),
  },
];

/** Words that look like names to a pattern but are not: the start of a sentence, days, months, the study's own words. */
const notNames = new Set(
  [
    'Minä',
    'Me',
    'Hän',
    'He',
    'Se',
    'Ne',
    'Kyllä',
    'Ei',
    'Niin',
    'Joo',
    'Mutta',
    'Ja',
    'Että',
    'Kun',
    'Jos',
    'Eli',
    'Jag',
    'Vi',
    'Han',
    'Hon',
    'De',
    'Det',
    'Men',
    'Och',
    'Ja',
    'Nej',
    'I',
    'We',
    'He',
    'She',
    'They',
    'It',
    'The',
    'And',
    'But',
    'Yes',
    'No',
    'So',
    'Well',
    'Suomi',
    'Suomessa',
    'Suomeen',
    'Suomesta',
    'Finland',
    'Finlands',
    'EU',
    'TE',
    'KELA',
    'Kela',
    'Haastattelija',
    'Haastateltava',
    'Intervjuare',
    'Intervjuperson',
    'Interviewer',
    'Interviewee',
  ].map((word) => word.toLowerCase()),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name found in a word's place, also followed by a Finnish case ending (Päivi → Päivin, Päiviltä). */
function termPattern(term: string) {
  return new RegExp(`${notAfterLetter}${escape(term)}(?::?(\\p{Ll}{1,4}))?${notBeforeLetter}`, 'gu');
}

const isSentenceStart = (text: string, index: number) => /(^|[.!?:]\s+|\n\s*)$/u.test(text.slice(Math.max(0, index - 4), index));

export function proposeReplacements(text: string, known: KnownName[], newCode: (kind: PseudonymKind, n: number) => string): Proposal[] {
  const found: Array<{ kind: PseudonymKind; term: string; start: number; end: number; known?: KnownName }> = [];
  const overlaps = (start: number, end: number) => found.some((item) => start < item.end && end > item.start);
  for (const name of known)
    for (const match of text.matchAll(termPattern(name.term)))
      if (!overlaps(match.index!, match.index! + match[0].length))
        found.push({ kind: name.kind, term: name.term, start: match.index!, end: match.index! + match[0].length, known: name });
  for (const { kind, pattern } of patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      let term = match[0];
      let start = match.index;
      // A capitalised word that only starts a sentence is no name: look again from the next word.
      if (
        kind === 'person' &&
        term.includes(' ') &&
        isSentenceStart(text, start) &&
        !/^(Mr|Mrs|Ms|Dr)\b/.test(text.slice(start - 4, start))
      ) {
        pattern.lastIndex = start + term.indexOf(' ') + 1;
        continue;
      }
      const end = start + term.length;
      const words = term.split(/\s+/);
      if (kind === 'person' && words.some((word) => notNames.has(word.toLowerCase()))) continue;
      if (kind === 'place' && (notNames.has(term.toLowerCase()) || isSentenceStart(text, start))) continue;
      if (kind === 'contact' && term.replace(/\D/g, '').length < 6 && !term.includes('@')) continue;
      // A name that holds one the study knows (Päivi Testiselle) is that person, under the same code.
      const holds = found.find((item) => item.known && item.start >= start && item.end <= end);
      if (holds) {
        found.splice(found.indexOf(holds), 1);
        found.push({ ...holds, term, start, end, known: { ...holds.known!, term } });
        continue;
      }
      if (overlaps(start, end)) continue;
      term = term.trim();
      start = start + match[0].indexOf(term);
      found.push({ kind, term, start, end: start + term.length });
    }
  }
  const counters = new Map<PseudonymKind, number>();
  for (const name of known) {
    const n = Number(/(\d+)\D*$/.exec(name.replacement)?.[1] ?? 0);
    if (name.kind !== 'person' || !/^\[P\d+\]$/.test(name.replacement)) counters.set(name.kind, Math.max(counters.get(name.kind) ?? 0, n));
  }
  const proposals = new Map<string, Proposal>();
  for (const item of found.sort((a, b) => a.start - b.start)) {
    if (proposals.has(item.term)) continue;
    const occurrences = [...text.matchAll(termPattern(item.term))].length;
    if (item.known) {
      proposals.set(item.term, { ...item.known, occurrences, known: true });
      continue;
    }
    const n = (counters.get(item.kind) ?? 0) + 1;
    counters.set(item.kind, n);
    proposals.set(item.term, { kind: item.kind, term: item.term, replacement: newCode(item.kind, n), occurrences, known: false });
  }
  return [...proposals.values()];
}

/** The text with every accepted name replaced by its code; a Finnish case ending stays after a colon (Päivin → [P01]:n). */
export function applyReplacements(
  text: string,
  replacements: Array<{ term: string; replacement: string }>,
): { text: string; count: number } {
  let count = 0;
  // Longer names first, so that "Päivi Testinen" is replaced before "Päivi".
  const ordered = [...replacements].sort((a, b) => b.term.length - a.term.length);
  for (const { term, replacement } of ordered) {
    text = text.replace(termPattern(term), (_whole, ending: string | undefined) => {
      count++;
      return ending ? `${replacement}:${ending}` : replacement;
    });
  }
  return { text, count };
}
