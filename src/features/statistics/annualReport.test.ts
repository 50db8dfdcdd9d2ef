import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { referenceAnnualTables, withoutZeros } from '../../../test/support/statisticsReference.ts';
import { importRegister } from '../exchange/importRegister.ts';
import { demoRegisterLines } from '../exchange/demoRegister.ts';
import { annualReport } from './annualReport.ts';

const system = { actorId: null, actorRole: 'command_line', ip: null };
const ndjson = (lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');

const person = (id: string, gender: string, birthDate: string, nationality = 'NG') => ({
  type: 'person',
  id,
  gender,
  birthDate,
  nationality,
});
const referral = (id: string, personId: string, receivedAt: string, source = 'police') => ({
  type: 'referral',
  id,
  personId,
  receivedAt,
  source,
  consentAt: receivedAt,
});
const decision = (referralId: string, decidedAt: string, outcome = 'admitted') => ({
  type: 'decision',
  id: `d-${referralId}`,
  referralId,
  decidedAt,
  outcome,
});
const main = (personId: string, purpose = 'forced_labour', place: string | null = 'finland', minorAtTime = false) => ({
  type: 'exploitation',
  personId,
  purpose,
  place,
  main: true,
  minorAtTime,
});

/** A register built to sit on every edge the meanings name. */
const edges = ndjson([
  // Referred 23:30 on New Year's Eve, admitted 00:15 Helsinki time: a 2021 client (22:15 UTC on 31.12).
  person('newyear', 'female', '2002-12-31'),
  referral('r-newyear', 'newyear', '2020-12-31T23:30:00+02:00'),
  decision('r-newyear', '2020-12-31T22:15:00Z'),
  main('newyear'),
  // Admitted at 17, 18th birthday on 31 December: a boy when admitted, a man on 31.12.
  person('birthday', 'male', '2002-12-31', 'VN'),
  referral('r-birthday', 'birthday', '2020-05-20T10:00:00+03:00', 'self'),
  decision('r-birthday', '2020-06-01T10:00:00+03:00'),
  main('birthday', 'sexual_exploitation', 'abroad', true),
  { type: 'residence', personId: 'birthday', status: 'unlawful_stay', at: '2020-05-01' },
  // Referred twice in one year: two referrals, one person.
  person('twice', 'female', '1990-04-04', 'IQ'),
  referral('r-twice-1', 'twice', '2020-02-01T09:00:00+02:00'),
  decision('r-twice-1', '2020-02-10T09:00:00+02:00', 'rejected'),
  referral('r-twice-2', 'twice', '2020-05-01T09:00:00+03:00', 'ngo'),
  decision('r-twice-2', '2020-05-20T09:00:00+03:00'),
  main('twice', 'forced_marriage', 'abroad'),
  // A withdrawn referral: received, not pending at year end, never decided.
  person('withdrawn', 'male', '1985-01-01'),
  referral('r-withdrawn', 'withdrawn', '2020-03-01T09:00:00+02:00'),
  { type: 'withdrawal', referralId: 'r-withdrawn', at: '2020-03-05T09:00:00+02:00' },
  // A client since 2019 whose child turns 18 in 2020, and whose residence status changed after admission.
  person('parent', 'female', '1980-02-02', 'SO'),
  referral('r-parent', 'parent', '2019-02-20T09:00:00+02:00', 'reception_centre'),
  decision('r-parent', '2019-03-01T09:00:00+02:00'),
  main('parent', 'forced_labour', 'finland'),
  { type: 'residence', personId: 'parent', status: 'asylum_seeker', at: '2018-01-01' },
  { type: 'residence', personId: 'parent', status: 'residence_permit', at: '2019-06-01' },
  { type: 'child', id: 'teen', guardianId: 'parent', birthDate: '2002-06-15', from: '2019-03-01' },
  // Admitted in the last minute of 2020, terminated at the first instant of 2021.
  person('lastminute', 'other', '1970-07-07', 'stateless'),
  referral('r-lastminute', 'lastminute', '2020-12-01T09:00:00+02:00'),
  decision('r-lastminute', '2020-12-31T23:59:00+02:00'),
  main('lastminute', 'witness', null),
  { type: 'termination', personId: 'lastminute', at: '2021-01-01T00:00:00+02:00', reason: 'no_longer_needed' },
  // Admitted at the first instant of 2020 Helsinki time (still 2019 in UTC).
  person('firstinstant', 'male', '2001-06-01', 'AF'),
  referral('r-firstinstant', 'firstinstant', '2019-12-20T09:00:00+02:00'),
  decision('r-firstinstant', '2019-12-31T22:00:00Z'),
  main('firstinstant', 'forced_criminality', 'finland', true),
  { type: 'reflection_period', personId: 'firstinstant', grantedBy: 'police', start: '2020-01-01', end: '2020-06-30' },
  { type: 'identification', personId: 'firstinstant', requestedAt: '2020-02-01T09:00:00+02:00', startedAt: '2020-11-01T09:00:00+02:00' },
]);

let edgeCtx: TestContext;
let demoCtx: TestContext;
const demo = [...demoRegisterLines({ clients: 500, fromYear: 2015, toYear: 2022, seed: 20201231 })].join('\n');

beforeAll(async () => {
  [edgeCtx, demoCtx] = await Promise.all([createTestContext(), createTestContext()]);
  await importRegister(edgeCtx, system, edges);
  await importRegister(demoCtx, system, demo);
}, 120_000);
afterAll(async () => {
  await Promise.all([edgeCtx.close(), demoCtx.close()]);
});

describe('the annual report on the edges of its meanings', () => {
  it('puts midnight on the Helsinki side of the year boundary', async () => {
    const { tables: t2020 } = await annualReport(edgeCtx.db, 2020);
    const { tables: t2021 } = await annualReport(edgeCtx.db, 2021);
    // 'firstinstant' and 'lastminute' are 2020 clients; 'newyear' is a 2021 client and pending at the end of 2020.
    expect(t2020.new_clients_by_year.cells).toMatchObject({ 2019: 1, 2020: 4 });
    expect(t2021.new_clients_by_year.cells).toMatchObject({ 2019: 1, 2020: 4, 2021: 1 });
    expect(t2020.decisions.cells).toMatchObject({ admitted: 4, rejected: 1, terminated: 0, pending_at_year_end: 1 });
    expect(t2021.decisions.cells).toMatchObject({ admitted: 1, terminated: 1, pending_at_year_end: 0 });
    expect(t2020.clients_at_year_end_summary.cells.clients).toBe(5);
    expect(t2020.reflection_periods_granted.cells).toEqual({ assistance_system: 0, police: 1 });
    expect(t2020.official_identification.cells).toEqual({
      identified: 0,
      not_identified: 0,
      ongoing_at_year_end: 1,
      waiting_at_year_end: 0,
    });
  });

  it('counts an 18th birthday on 31 December as adult on 31.12 and a minor at admission', async () => {
    const { tables } = await annualReport(edgeCtx.db, 2020);
    expect(tables.new_clients_by_gender_age.cells.boys).toBe(1);
    expect(tables.new_clients_by_age_band.cells.under_18).toBe(1);
    expect(tables.clients_at_year_end_by_gender_age.cells).toMatchObject({ boys: 0, men: 2 });
    expect(tables.clients_at_year_end_summary.cells).toMatchObject({ minors: 0, admitted_as_minor: 1 });
    // Exploited in Finland as a minor, adult when admitted.
    expect(tables.finland_new_clients_minors.cells).toEqual({ minor_at_admission: 0, minor_at_exploitation: 1 });
  });

  it('counts referrals and persons apart, and a withdrawn referral as received but not pending', async () => {
    const { tables } = await annualReport(edgeCtx.db, 2020);
    expect(tables.referrals_summary.cells).toEqual({ referrals: 6, persons: 5 });
    expect(tables.referrals_by_source.cells).toMatchObject({ police: 4, self: 1, ngo: 1 });
  });

  it('stops counting a child who turns 18, and keeps the residence status in force at admission', async () => {
    const { tables: t2019 } = await annualReport(edgeCtx.db, 2019);
    const { tables: t2020 } = await annualReport(edgeCtx.db, 2020);
    expect(t2019.new_children.cells.children).toBe(1);
    expect(t2019.clients_at_year_end_summary.cells.children).toBe(1);
    expect(t2020.clients_at_year_end_summary.cells.children).toBe(0);
    expect(t2019.new_clients_by_residence.cells).toMatchObject({ asylum_seeker: 1, residence_permit: 0 });
    expect(t2020.new_clients_by_residence.cells).toMatchObject({ unlawful_stay: 1, unknown: 3 });
  });

  it('agrees with the independent reference on every edge year', async () => {
    for (const year of [2019, 2020, 2021]) {
      expect(withoutZeros((await annualReport(edgeCtx.db, year)).tables), String(year)).toEqual(referenceAnnualTables(edges, year));
    }
  });
});

describe('the annual report on an invented register it was not written for', () => {
  it('agrees with the independent reference for every year, and the tables of one population add up', async () => {
    for (const year of [2015, 2017, 2020, 2022, 2023]) {
      const { tables } = await annualReport(demoCtx.db, year);
      expect(withoutZeros(tables), String(year)).toEqual(referenceAnnualTables(demo, year));
      const sum = (cells: Record<string, number>) => Object.values(cells).reduce((a, b) => a + b, 0);
      const newClients = tables.new_clients_by_year.cells[String(year)] ?? 0;
      for (const id of [
        'new_clients_by_purpose',
        'new_clients_by_gender_age',
        'new_clients_by_age_band',
        'new_clients_by_residence',
        'new_clients_by_nationality',
      ] as const) {
        expect(sum(tables[id].cells), `${year} ${id}`).toBe(newClients);
      }
    }
  });
});
