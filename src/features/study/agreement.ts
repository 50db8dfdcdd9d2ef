/**
 * Agreement between two coders on one transcript, per code, computed on characters (code points) the
 * way NVivo's coding comparison query computes it: every character is a unit that each coder either
 * coded at the code or did not.
 *
 * - percentage agreement = (characters both coded + characters neither coded) / all characters;
 * - Cohen's kappa = (TA − ΣEF) / (TU − ΣEF), where TA is the characters agreed on, TU all characters,
 *   and ΣEF the agreement expected by chance: (coded by A × coded by B + not coded by A × not coded
 *   by B) / TU. When chance alone gives full agreement (TU = ΣEF, e.g. neither coded anything), the
 *   coders agree completely and kappa is 1, as NVivo reports it.
 */
export type Span = { start: number; end: number };

export interface CodeAgreement {
  characters: number;
  codedByA: number;
  codedByB: number;
  both: number;
  neither: number;
  percentage: number;
  kappa: number;
}

/** The characters covered by spans, overlapping spans counted once. */
export function coverage(spans: Span[], length: number): Uint8Array {
  const covered = new Uint8Array(length);
  for (const span of spans) covered.fill(1, Math.max(0, span.start), Math.min(length, span.end));
  return covered;
}

export function agreementOn(length: number, a: Span[], b: Span[]): CodeAgreement {
  const byA = coverage(a, length);
  const byB = coverage(b, length);
  let codedByA = 0;
  let codedByB = 0;
  let both = 0;
  for (let i = 0; i < length; i++) {
    codedByA += byA[i];
    codedByB += byB[i];
    both += byA[i] & byB[i];
  }
  const neither = length - codedByA - codedByB + both;
  const agreed = both + neither;
  const expected = length === 0 ? 0 : (codedByA * codedByB + (length - codedByA) * (length - codedByB)) / length;
  const kappa = length === expected ? 1 : (agreed - expected) / (length - expected);
  return { characters: length, codedByA, codedByB, both, neither, percentage: length === 0 ? 100 : (100 * agreed) / length, kappa };
}

/** The spans where exactly one of the coders coded the code: what to look at side by side. */
export function disagreements(length: number, a: Span[], b: Span[]): Array<Span & { codedBy: 'a' | 'b' }> {
  const byA = coverage(a, length);
  const byB = coverage(b, length);
  const spans: Array<Span & { codedBy: 'a' | 'b' }> = [];
  let current: (Span & { codedBy: 'a' | 'b' }) | null = null;
  for (let i = 0; i <= length; i++) {
    const who = i < length && byA[i] !== byB[i] ? (byA[i] ? 'a' : 'b') : null;
    if (current && (who !== current.codedBy || i === length)) {
      current.end = i;
      spans.push(current);
      current = null;
    }
    if (who && !current) current = { start: i, end: i + 1, codedBy: who };
  }
  return spans;
}
