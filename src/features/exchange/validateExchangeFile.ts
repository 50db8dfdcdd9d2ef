import { translate, type Language } from '../../core/i18n/i18n.ts';
import { lineFields, lineRules, valueProblem } from './exchangeSchema.ts';
import { addMonths } from '../../core/dates.ts';
import { maxReflectionMonths } from '../../core/codes.ts';

/** One line of an exchange file, as read: its number (from 1), its type and its fields. */
export interface ExchangeLine {
  line: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked here field by field before use.
  fields: Record<string, any>;
}

/** A wrong line: its number, a stable code (translated as `exchange.errors.<code>`) and the details. */
export interface ExchangeProblem {
  line: number;
  code: string;
  params: Record<string, string | number>;
}

/** A wrong line as a person reads it, e.g. "Line 3: unknown code "robot" in gender." */
export const describeProblem = (language: Language, problem: ExchangeProblem): string =>
  translate(language, `exchange.errors.${problem.code}`, { line: problem.line, ...problem.params });

/** Lines checked between two yields to the event loop, so a server stays responsive while a large file is checked. */
const LINES_PER_TURN = 5000;

/**
 * Checks a whole exchange file before anything is written: every line on its own, then the lines
 * together (references, one decision per referral, one main exploitation per client, date order).
 * Returns the lines when there are no problems; otherwise every problem, by line number.
 */
export async function validateExchangeFile(
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ lines: ExchangeLine[]; problems: ExchangeProblem[] }> {
  const problems: ExchangeProblem[] = [];
  const lines: ExchangeLine[] = [];
  const problem = (line: number, code: string, params: Record<string, string | number> = {}) => problems.push({ line, code, params });

  const raws = text.split('\n');
  for (let index = 0; index < raws.length; index++) {
    if (index % LINES_PER_TURN === 0 && index > 0) {
      onProgress?.(index, raws.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    checkLine(index + 1, raws[index].replace(/\r$/, ''), lines, problem);
  }
  onProgress?.(raws.length, raws.length);

  await checkAcrossLines((type) => lines.filter((entry) => entry.type === type), problem);
  problems.sort((a, b) => a.line - b.line);
  return { lines: problems.length === 0 ? lines : [], problems };
}

export type Complain = (line: number, code: string, params?: Record<string, string | number>) => void;

/** One line on its own: JSON, a known type, its fields and their values. A right line joins `lines`. */
export function checkLine(line: number, source: string, lines: ExchangeLine[], problem: Complain) {
  if (source.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return problem(line, 'not_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(line, 'not_object');
  const { type, ...fields } = value as Record<string, unknown>;
  const rule = typeof type === 'string' && Object.hasOwn(lineRules, type) ? lineRules[type] : undefined;
  if (!rule) return problem(line, 'unknown_type', { type: String(type) });
  let ok = true;
  let known = 0;
  for (const [name, fieldRule] of lineFields.get(type as string)!) {
    if (!Object.hasOwn(fields, name)) {
      if (!rule.optional?.includes(name)) {
        problem(line, 'missing_field', { field: name });
        ok = false;
      }
      continue;
    }
    known++;
    if (fields[name] === null && (rule.nullable?.includes(name) || rule.optional?.includes(name))) continue;
    const wrong = valueProblem(fieldRule, fields[name]);
    if (wrong) {
      problem(line, wrong, { field: name, value: JSON.stringify(fields[name]).slice(0, 60) });
      ok = false;
    }
  }
  // Only a line with more fields than its type knows needs its names looked at.
  if (Object.keys(fields).length > known)
    for (const name of Object.keys(fields)) {
      if (!Object.hasOwn(rule.fields, name)) {
        problem(line, 'unknown_field', { field: name });
        ok = false;
      }
    }
  if (ok) lines.push({ line, type: type as string, fields });
}

/**
 * The lines together. `byType` gives the right lines of one type in line order; they are asked for
 * one type at a time, so an import can keep them in the database rather than in memory.
 */
export async function checkAcrossLines(byType: (type: string) => ExchangeLine[] | Promise<ExchangeLine[]>, problem: Complain) {
  const indexById = async (type: string) => {
    const index = new Map<string, ExchangeLine>();
    for (const entry of await byType(type)) {
      if (index.has(entry.fields.id))
        problem(entry.line, 'duplicate_id', { type, id: entry.fields.id, first: index.get(entry.fields.id)!.line });
      else index.set(entry.fields.id, entry);
    }
    return index;
  };
  const persons = await indexById('person');
  const referrals = await indexById('referral');
  await indexById('decision');
  await indexById('child');

  const requirePerson = (entry: ExchangeLine, field = 'personId') => {
    if (!persons.has(entry.fields[field])) {
      problem(entry.line, 'unknown_person', { field, id: entry.fields[field] });
      return false;
    }
    return true;
  };
  const time = (value: string) => Date.parse(value);

  for (const referral of await byType('referral')) {
    requirePerson(referral);
    checkWithinLine(referral, problem);
  }

  const closedReferrals = new Map<string, ExchangeLine>();
  const admittedAt = new Map<string, { at: number; line: number }>();
  for (const entry of [...(await byType('decision')), ...(await byType('withdrawal'))]) {
    const referral = referrals.get(entry.fields.referralId);
    if (!referral) {
      problem(entry.line, 'unknown_referral', { id: entry.fields.referralId });
      continue;
    }
    const earlier = closedReferrals.get(entry.fields.referralId);
    if (earlier) {
      problem(entry.line, 'referral_already_closed', { id: entry.fields.referralId, first: earlier.line });
      continue;
    }
    closedReferrals.set(entry.fields.referralId, entry);
    const at = entry.type === 'decision' ? entry.fields.decidedAt : entry.fields.at;
    if (time(at) < time(referral.fields.receivedAt)) problem(entry.line, 'before_referral');
    if (entry.type === 'decision' && entry.fields.outcome === 'admitted') {
      const previous = admittedAt.get(referral.fields.personId);
      if (!previous || time(at) < previous.at) admittedAt.set(referral.fields.personId, { at: time(at), line: entry.line });
    }
  }

  const mains = new Map<string, number>();
  for (const entry of await byType('exploitation')) {
    if (!requirePerson(entry)) continue;
    const witness = entry.fields.purpose === 'witness';
    if (witness !== (entry.fields.place === null)) problem(entry.line, witness ? 'witness_has_place' : 'place_missing');
    if (entry.fields.main) {
      if (mains.has(entry.fields.personId))
        problem(entry.line, 'second_main_exploitation', { id: entry.fields.personId, first: mains.get(entry.fields.personId)! });
      else mains.set(entry.fields.personId, entry.line);
    }
  }
  for (const [personId, admission] of admittedAt) {
    if (!mains.has(personId)) problem(admission.line, 'client_without_main_exploitation', { id: personId });
  }

  for (const entry of await byType('residence')) requirePerson(entry);
  for (const entry of await byType('child')) {
    if (!persons.has(entry.fields.guardianId)) problem(entry.line, 'unknown_person', { field: 'guardianId', id: entry.fields.guardianId });
    else if (!admittedAt.has(entry.fields.guardianId)) problem(entry.line, 'guardian_not_client', { id: entry.fields.guardianId });
  }
  for (const entry of await byType('termination')) {
    if (!requirePerson(entry)) continue;
    const admission = admittedAt.get(entry.fields.personId);
    if (!admission) problem(entry.line, 'not_a_client', { id: entry.fields.personId });
    else if (time(entry.fields.at) < admission.at) problem(entry.line, 'before_admission');
  }
  for (const entry of await byType('reflection_period')) {
    requirePerson(entry);
    checkWithinLine(entry, problem);
  }
  for (const entry of await byType('identification')) {
    requirePerson(entry);
    checkWithinLine(entry, problem);
  }
}

/**
 * The rules that relate the fields of one right line to each other (dates in order, fields that
 * come together). They are checked with the lines together, after the references of the line, so a
 * file with a wrong line is refused for that alone; an import checks them as it reads.
 */
export function checkWithinLine(entry: ExchangeLine, problem: Complain) {
  const time = (value: string) => Date.parse(value);
  const { fields } = entry;
  if (entry.type === 'referral') {
    // No consent, no referral: consent comes first.
    if (time(fields.consentAt) > time(fields.receivedAt)) problem(entry.line, 'consent_after_referral');
  } else if (entry.type === 'reflection_period') {
    const { start, end } = fields;
    if (end < start) problem(entry.line, 'ends_before_start');
    else if (end > addMonths(start, maxReflectionMonths)) problem(entry.line, 'reflection_too_long', { months: maxReflectionMonths });
  } else if (entry.type === 'identification') {
    const { requestedAt, startedAt, decidedAt, outcome } = fields;
    if ((decidedAt == null) !== (outcome == null)) problem(entry.line, 'decision_and_outcome_together');
    if (startedAt != null && time(startedAt) < time(requestedAt)) problem(entry.line, 'started_before_request');
    if (decidedAt != null && time(decidedAt) < time(startedAt ?? requestedAt)) problem(entry.line, 'decided_before_start');
  }
}
