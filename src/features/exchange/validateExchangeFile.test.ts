import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, validateExchangeFile } from './validateExchangeFile.ts';
import { addMonths } from '../../core/dates.ts';

const sample = fs.readFileSync(path.resolve('test/fixtures/register-sample.ndjson'), 'utf8');
const file = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');
const person = (id: string) => ({ type: 'person', id, gender: 'female', birthDate: '1990-02-03', nationality: 'NG' });
const referral = (id: string, personId: string, at = '2024-02-05T10:00:00+02:00') => ({
  type: 'referral',
  id,
  personId,
  receivedAt: at,
  source: 'self',
  consentAt: at,
});
const admitted = (id: string, referralId: string, at = '2024-02-20T10:00:00+02:00') => ({
  type: 'decision',
  id,
  referralId,
  decidedAt: at,
  outcome: 'admitted',
});
const main = (personId: string) => ({
  type: 'exploitation',
  personId,
  purpose: 'forced_labour',
  place: 'finland',
  main: true,
  minorAtTime: false,
});
const codes = async (text: string) => (await validateExchangeFile(text)).problems.map((problem) => `${problem.line}:${problem.code}`);

describe('validating an exchange file', () => {
  it('accepts the shared sample register', async () => {
    const { lines, problems } = await validateExchangeFile(sample);
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(22);
  });

  it('reports every wrong line by its number, and returns no lines to import', async () => {
    const text = [
      JSON.stringify(person('p1')),
      '{"type":"person","id":"p2"',
      JSON.stringify({ ...person('p3'), birthDate: '1990-02-30', nationality: 'Finland', shoeSize: 42 }),
      '',
      JSON.stringify({ type: 'spaceship', id: 'x' }),
      JSON.stringify({ ...referral('r1', 'p1'), source: 'neighbour', receivedAt: '2024-02-05 10:00' }),
    ].join('\n');
    const { lines, problems } = await validateExchangeFile(text);
    expect(lines).toEqual([]);
    expect(problems.map((problem) => `${problem.line}:${problem.code}:${problem.params.field ?? ''}`)).toEqual([
      '2:not_json:',
      '3:bad_date:birthDate',
      '3:bad_nationality:nationality',
      '3:unknown_field:shoeSize',
      '5:unknown_type:',
      '6:bad_timestamp:receivedAt',
      '6:bad_code:source',
    ]);
  });

  it('knows only the names of the format, not those every object inherits', async () => {
    const text = [
      JSON.stringify({ type: 'constructor', id: 'x' }),
      JSON.stringify({ type: 'toString' }),
      JSON.stringify({ ...person('p1'), constructor: 'x', hasOwnProperty: 1 }),
      JSON.stringify({ type: 'person', id: 'p2', gender: 'female', nationality: 'NG', toString: '1990-02-03' }),
    ].join('\n');
    expect(
      (await validateExchangeFile(text)).problems.map((problem) => `${problem.line}:${problem.code}:${problem.params.field ?? ''}`),
    ).toEqual([
      '1:unknown_type:',
      '2:unknown_type:',
      '3:unknown_field:constructor',
      '3:unknown_field:hasOwnProperty',
      '4:missing_field:birthDate',
      '4:unknown_field:toString',
    ]);
  });

  it('checks references and that each referral is closed at most once', async () => {
    expect(
      await codes(
        file(
          person('p1'),
          referral('r1', 'p1'),
          referral('r2', 'ghost'),
          admitted('d1', 'r1'),
          main('p1'),
          { type: 'withdrawal', referralId: 'r1', at: '2024-03-01T10:00:00+02:00' },
          { type: 'decision', id: 'd2', referralId: 'nope', decidedAt: '2024-03-01T10:00:00+02:00', outcome: 'rejected' },
          person('p1'),
        ),
      ),
    ).toEqual(['3:unknown_person', '6:referral_already_closed', '7:unknown_referral', '8:duplicate_id']);
  });

  it('needs consent before the referral and a decision after it', async () => {
    expect(
      await codes(
        file(
          person('p1'),
          { ...referral('r1', 'p1', '2024-02-05T10:00:00+02:00'), consentAt: '2024-02-05T10:30:00+02:00' },
          { type: 'decision', id: 'd1', referralId: 'r1', decidedAt: '2024-02-01T10:00:00+02:00', outcome: 'rejected' },
        ),
      ),
    ).toEqual(['2:consent_after_referral', '3:before_referral']);
  });

  it('needs exactly one main exploitation per client, and a place except for witnesses', async () => {
    expect(
      await codes(
        file(
          person('p1'),
          referral('r1', 'p1'),
          admitted('d1', 'r1'),
          person('p2'),
          referral('r2', 'p2'),
          admitted('d2', 'r2'),
          main('p2'),
          main('p2'),
          { type: 'exploitation', personId: 'p2', purpose: 'witness', place: 'abroad', main: false, minorAtTime: false },
          { type: 'exploitation', personId: 'p2', purpose: 'sexual_exploitation', place: null, main: false, minorAtTime: false },
        ),
      ),
    ).toEqual(['3:client_without_main_exploitation', '8:second_main_exploitation', '9:witness_has_place', '10:place_missing']);
  });

  it('refuses a reflection period over six months, children of non-clients and terminations before admission', async () => {
    expect(
      await codes(
        file(
          person('p1'),
          referral('r1', 'p1'),
          admitted('d1', 'r1'),
          main('p1'),
          person('p2'),
          { type: 'reflection_period', personId: 'p1', grantedBy: 'police', start: '2024-08-31', end: '2025-02-28' },
          { type: 'reflection_period', personId: 'p1', grantedBy: 'police', start: '2024-08-31', end: '2025-03-01' },
          { type: 'reflection_period', personId: 'p1', grantedBy: 'police', start: '2024-08-31', end: '2024-08-30' },
          { type: 'child', id: 'c1', guardianId: 'p2', birthDate: '2020-01-01', from: '2024-01-01' },
          { type: 'termination', personId: 'p1', at: '2024-02-19T10:00:00+02:00', reason: 'other' },
          { type: 'termination', personId: 'p2', at: '2024-02-19T10:00:00+02:00', reason: 'other' },
          { type: 'identification', personId: 'p1', requestedAt: '2024-03-01T09:00:00+02:00', decidedAt: '2024-04-01T09:00:00+03:00' },
        ),
      ),
    ).toEqual([
      '7:reflection_too_long',
      '8:ends_before_start',
      '9:guardian_not_client',
      '10:before_admission',
      '11:not_a_client',
      '12:decision_and_outcome_together',
    ]);
  });

  it('explains each problem in Finnish, Swedish and English', async () => {
    const [problem] = (await validateExchangeFile(file({ ...person('p1'), gender: 'robot' }))).problems;
    expect(describeProblem('fi', problem)).toBe('Rivi 1: kentässä gender tuntematon koodi "robot".');
    expect(describeProblem('sv', problem)).toBe('Rad 1: okänd kod "robot" i fältet gender.');
    expect(describeProblem('en', problem)).toBe('Line 1: unknown code "robot" in gender.');
  });
});

describe('six months later', () => {
  it('is the same day, or the last day of a shorter month', () => {
    expect(addMonths('2024-06-18', 6)).toBe('2024-12-18');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-12-31', 6)).toBe('2025-06-30');
  });
});
