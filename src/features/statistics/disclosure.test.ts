import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/testContext.ts';
import { attackRelease, smallCounts } from '../../../test/support/disclosureAttack.ts';
import { importRegister } from '../exchange/importRegister.ts';
import { demoRegisterLines } from '../exchange/demoRegister.ts';
import { annualReport, type AnnualReport } from './annualReport.ts';
import { publish } from './disclosure.ts';
import { emptyTables, type TableId } from './tables.ts';

/** An internal report of 100 new clients in 2020, to which each test adds what tries to defeat the rules. */
function report(edit: (cells: (table: TableId) => Record<string, number>) => void): AnnualReport {
  const tables = emptyTables();
  const cells = (table: TableId) => tables[table].cells;
  Object.assign(cells('new_clients_by_year'), { 2019: 80, 2020: 100 });
  Object.assign(cells('decisions'), { admitted: 100, rejected: 40, terminated: 30, pending_at_year_end: 12 });
  Object.assign(cells('new_clients_by_purpose'), { forced_labour: 60, sexual_exploitation: 40 });
  Object.assign(cells('new_clients_by_purpose_place'), {
    'forced_labour|finland': 30,
    'forced_labour|abroad': 30,
    'sexual_exploitation|finland': 20,
    'sexual_exploitation|abroad': 20,
  });
  Object.assign(cells('new_clients_by_purpose_gender'), {
    'forced_labour|female': 30,
    'forced_labour|male': 30,
    'sexual_exploitation|female': 30,
    'sexual_exploitation|male': 10,
  });
  Object.assign(cells('new_clients_by_gender_age'), { women: 60, men: 40 });
  Object.assign(cells('new_clients_by_age_band'), { '18_24': 50, '25_34': 50 });
  Object.assign(cells('new_clients_by_residence'), { asylum_seeker: 70, residence_permit: 30 });
  Object.assign(cells('new_clients_by_nationality'), { NG: 50, IQ: 50 });
  Object.assign(cells('finland_new_clients_by_purpose'), { forced_labour: 30, sexual_exploitation: 20 });
  Object.assign(cells('finland_new_clients_by_gender'), { female: 25, male: 25 });
  Object.assign(cells('finland_new_clients_by_residence'), { asylum_seeker: 30, residence_permit: 20 });
  Object.assign(cells('finland_new_clients_by_nationality'), { NG: 25, IQ: 25 });
  Object.assign(cells('referrals_by_source'), { police: 50, self: 50, reception_centre: 50 });
  Object.assign(cells('referrals_summary'), { referrals: 150, persons: 150 });
  edit(cells);
  return { year: 2020, published: false, tables };
}

const hiddenIn = (release: ReturnType<typeof publish>, table: TableId) =>
  Object.entries(release.tables[table].cells)
    .filter(([, value]) => value === null)
    .map(([cell]) => cell);

describe('disclosure control of the published form', () => {
  it('shows every count when none is small', () => {
    const release = publish(report(() => {}));
    expect(release.published).toBe(true);
    expect(release.tables.decisions.cells).toEqual({ admitted: 100, rejected: 40, terminated: 30, pending_at_year_end: 12 });
    expect(attackRelease(release)).toEqual([]);
  });

  it('hides a lone small category and a second cell, so the total does not give it away', () => {
    const release = publish(
      report((cells) => {
        Object.assign(cells('new_clients_by_residence'), { asylum_seeker: 67, residence_permit: 30, eu_citizen: 3 });
      }),
    );
    const hidden = hiddenIn(release, 'new_clients_by_residence');
    expect(hidden).toContain('eu_citizen');
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(release.tables.new_clients_by_year.cells['2020']).toBe(100);
    expect(attackRelease(release)).toEqual([]);
    expect(smallCounts(release)).toEqual([]);
  });

  it('hides the same people in another table of the release: Finland by purpose and purpose by place', () => {
    const release = publish(
      report((cells) => {
        Object.assign(cells('new_clients_by_purpose'), { forced_labour: 58, sexual_exploitation: 40, forced_begging: 2 });
        Object.assign(cells('new_clients_by_purpose_place'), { 'forced_labour|finland': 28, 'forced_begging|finland': 2 });
        Object.assign(cells('new_clients_by_purpose_gender'), { 'forced_labour|female': 28, 'forced_begging|female': 2 });
        Object.assign(cells('finland_new_clients_by_purpose'), { forced_labour: 28, forced_begging: 2 });
      }),
    );
    expect(release.tables.finland_new_clients_by_purpose.cells.forced_begging).toBeNull();
    expect(release.tables.new_clients_by_purpose_place.cells['forced_begging|finland']).toBeNull();
    expect(hiddenIn(release, 'finland_new_clients_by_purpose').length).toBeGreaterThanOrEqual(2);
    expect(attackRelease(release)).toEqual([]);
  });

  it('does not let a published total expose the last hidden cell', () => {
    // Two small sources: hiding just them would leave their sum, 2, which can only be 1 + 1.
    const release = publish(
      report((cells) => {
        Object.assign(cells('referrals_by_source'), { police: 49, self: 49, reception_centre: 50, parish: 1, prison: 1 });
        Object.assign(cells('referrals_summary'), { referrals: 150, persons: 150 });
      }),
    );
    const hidden = hiddenIn(release, 'referrals_by_source');
    expect(hidden).toEqual(expect.arrayContaining(['parish', 'prison']));
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    expect(attackRelease(release)).toEqual([]);
  });

  it('groups nationalities under five into other, and hides other too when it is small', () => {
    const grouped = publish(
      report((cells) => {
        cells('new_clients_by_nationality').NG = 40;
        Object.assign(cells('new_clients_by_nationality'), { VN: 4, SO: 3, RU: 3 });
      }),
    );
    expect(grouped.tables.new_clients_by_nationality.cells).toEqual({ NG: 40, IQ: 50, other: 10 });

    const small = publish(
      report((cells) => {
        cells('new_clients_by_nationality').NG = 47;
        Object.assign(cells('new_clients_by_nationality'), { VN: 3 });
      }),
    );
    expect(small.tables.new_clients_by_nationality.cells).toEqual({ NG: null, IQ: 50, other: null });
    expect(attackRelease(small)).toEqual([]);
  });

  it('keeps the internal form whole', () => {
    const internal = report((cells) => {
      cells('new_clients_by_residence').eu_citizen = 3;
    });
    publish(internal);
    expect(internal.tables.new_clients_by_residence.cells.eu_citizen).toBe(3);
  });
});

describe('disclosure control on small invented registers', () => {
  it('shows no small count and leaves no hidden count to be worked out', async () => {
    for (const seed of [11, 12, 13]) {
      const ctx = await createTestContext();
      try {
        await importRegister(
          ctx,
          { actorId: null, actorRole: 'command_line', ip: null },
          [...demoRegisterLines({ clients: 120, fromYear: 2018, toYear: 2020, seed })].join('\n'),
        );
        for (const year of [2019, 2020]) {
          const release = publish(await annualReport(ctx.db, year));
          expect(smallCounts(release), `seed ${seed}, ${year}`).toEqual([]);
          expect(attackRelease(release), `seed ${seed}, ${year}`).toEqual([]);
          expect(
            Object.values(release.tables).some(({ cells }) => Object.values(cells).includes(null)),
            'something was small enough to hide',
          ).toBe(true);
        }
      } finally {
        await ctx.close();
      }
    }
  }, 120_000);
});
