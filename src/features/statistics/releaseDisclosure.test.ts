import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext } from '../../../test/support/testContext.ts';
import { attackRelease, smallCounts } from '../../../test/support/disclosureAttack.ts';
import { attackReleases, type AttackedRelease } from '../../../test/support/releaseAttack.ts';
import { importRegister } from '../exchange/importRegister.ts';
import { demoRegisterLines } from '../exchange/demoRegister.ts';
import { releaseFigures } from './annualReport.ts';
import { publish, publishAmong, type PublicRelease, type PublishedReport, type ReleaseBasis } from './disclosure.ts';
import { emptyTables, type TableId, type Tables } from './tables.ts';

/**
 * Two years of an invented register, 100 new clients each, written so that each table adds up. The
 * first year ends with 200 clients; the second adds 100 and ends `ended` of them (forced labour,
 * women, Nigerians).
 */
function newClientTables(edit: (cells: (table: TableId) => Record<string, number>) => void = () => {}): Tables {
  const tables = emptyTables();
  const cells = (table: TableId) => tables[table].cells;
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
  Object.assign(cells('clients_at_year_end_by_purpose'), { forced_labour: 120, sexual_exploitation: 80 });
  Object.assign(cells('clients_at_year_end_by_gender_age'), { women: 120, men: 80 });
  Object.assign(cells('clients_at_year_end_by_nationality'), { NG: 100, IQ: 100 });
  Object.assign(cells('clients_at_year_end_summary'), { clients: 200 });
  Object.assign(cells('new_clients_by_year'), { 2018: 90, 2019: 100 });
  edit(cells);
  return tables;
}

function twoYears(ended: number): { first: ReleaseBasis; second: ReleaseBasis } {
  const first = newClientTables();
  const second = newClientTables((cells) => {
    cells('decisions').terminated = ended;
    Object.assign(cells('new_clients_by_year'), { 2020: 100 });
    Object.assign(cells('clients_at_year_end_by_purpose'), { forced_labour: 180 - ended, sexual_exploitation: 120 });
    Object.assign(cells('clients_at_year_end_by_gender_age'), { women: 180 - ended, men: 120 });
    Object.assign(cells('clients_at_year_end_by_nationality'), { NG: 150 - ended, IQ: 150 });
    Object.assign(cells('clients_at_year_end_summary'), { clients: 300 - ended });
  });
  return { first: { year: 2019, tables: first, previous: null }, second: { year: 2020, tables: second, previous: first } };
}

const attacked = (basis: ReleaseBasis, release: PublishedReport): AttackedRelease => ({
  release,
  truth: { tables: basis.tables, previous: basis.previous },
});
const madePublic = (basis: ReleaseBasis, release: PublishedReport): PublicRelease => ({ ...basis, published: release.tables });

/** Every count a release shows, by table and cell. */
const shownCounts = (release: PublishedReport) =>
  Object.entries(release.tables).flatMap(([table, { cells }]) =>
    Object.entries(cells).flatMap(([cell, value]) => (value === null ? [] : [[`${table}:${cell}`, value] as const])),
  );

describe('a pair of consecutive releases', () => {
  it('each protected on its own, gives away the ended clients of the second year: last year-end + new − ended = year-end', () => {
    const { first, second } = twoYears(3);
    const alone = [
      publish({ year: 2019, published: false, tables: first.tables }),
      publish({ year: 2020, published: false, tables: second.tables }),
    ];
    expect(alone[1].tables.decisions.cells.terminated).toBeNull();
    expect(alone.flatMap((release) => attackRelease(release))).toEqual([]);
    expect(attackReleases([attacked(first, alone[0]), attacked(second, alone[1])])).toContainEqual({
      release: 1,
      cell: 'decisions:terminated',
      value: 3,
    });
  });

  it('protected together with the release already public, gives nothing away, and the earlier release is left as it was', () => {
    const { first, second } = twoYears(3);
    const earlier = publishAmong(first, []);
    const later = publishAmong(second, [madePublic(first, earlier)]);
    expect(later.tables.decisions.cells.terminated).toBeNull();
    expect(smallCounts(later)).toEqual([]);
    expect(attackRelease(later)).toEqual([]);
    expect(attackReleases([attacked(first, earlier), attacked(second, later)])).toEqual([]);
  });
});

describe('a release and its correction', () => {
  const original = newClientTables((cells) => {
    Object.assign(cells('new_clients_by_residence'), { asylum_seeker: 67, residence_permit: 30, eu_citizen: 3 });
  });
  // Forty asylum seekers turn out to have been staying unlawfully; the rest of the register is as it was.
  const corrected = newClientTables((cells) => {
    Object.assign(cells('new_clients_by_residence'), { asylum_seeker: 27, residence_permit: 30, eu_citizen: 3, unlawful_stay: 40 });
    Object.assign(cells('finland_new_clients_by_residence'), { asylum_seeker: 10, residence_permit: 20, unlawful_stay: 20 });
  });
  const first: ReleaseBasis = { year: 2019, tables: original, previous: null };
  const second: ReleaseBasis = { year: 2019, tables: corrected, previous: null };

  it('each protected on its own, give the small count away when compared', () => {
    const alone = [
      publish({ year: 2019, published: false, tables: original }),
      publish({ year: 2019, published: false, tables: corrected }),
    ];
    expect(alone.flatMap((release) => attackRelease(release))).toEqual([]);
    expect(attackReleases([attacked(first, alone[0]), attacked(second, alone[1])])).toContainEqual({
      release: 0,
      cell: 'new_clients_by_residence:eu_citizen',
      value: 3,
    });
  });

  it('the correction protected together with the release it corrects gives nothing away, and shows again what was public', () => {
    const earlier = publishAmong(first, []);
    const correction = publishAmong(second, [madePublic(first, earlier)]);
    expect(attackReleases([attacked(first, earlier), attacked(second, correction)])).toEqual([]);
    expect(attackRelease(correction)).toEqual([]);
    expect(smallCounts(correction)).toEqual([]);
    // What is public stays public: every count the correction did not change is shown again, the same.
    const correctedCells = new Map(shownCounts(correction));
    for (const [cell, value] of shownCounts(earlier)) {
      const [table, key] = [cell.slice(0, cell.indexOf(':')), cell.slice(cell.indexOf(':') + 1)];
      if (corrected[table as TableId].cells[key] === value) expect(correctedCells.get(cell), cell).toBe(value);
    }
  });
});

describe('a sequence of releases from an invented register', () => {
  it('published year after year, then a year corrected, gives away no hidden count', async () => {
    const ctx = await createTestContext();
    try {
      await importRegister(
        ctx,
        { actorId: null, actorRole: 'command_line', ip: null },
        [...demoRegisterLines({ clients: 160, fromYear: 2015, toYear: 2020, seed: 31 })].join('\n'),
      );
      const releases: Array<PublicRelease & { release: PublishedReport }> = [];
      const alone: AttackedRelease[] = [];
      const publishYear = async (year: number) => {
        const figures = await releaseFigures(ctx.db, year);
        const basis = { year, tables: figures.tables, previous: figures.previous };
        alone.push(attacked(basis, publish({ year, published: false, tables: figures.tables })));
        const release = publishAmong(basis, releases);
        releases.push({ ...basis, published: release.tables, release });
        return release;
      };
      for (const year of [2016, 2017, 2018, 2019, 2020]) {
        const release = await publishYear(year);
        expect(smallCounts(release), String(year)).toEqual([]);
        expect(attackRelease(release), String(year)).toEqual([]);
      }
      const attack = () => attackReleases(releases.map((r) => attacked(r, r.release)));
      expect(attack()).toEqual([]);
      // The same years each protected on its own: the time series of a later release gives a hidden count away.
      expect(attackReleases(alone)).not.toEqual([]);
      expect(releases.some((r) => Object.values(r.release.tables).some(({ cells }) => Object.values(cells).includes(null)))).toBe(true);

      // One more client of 2018 is found to have ended then: 2018 is corrected, every later year counts it too.
      const { rows } = await sql<{ person_id: string }>`
        select r.person_id from decisions d join referrals r on r.id = d.referral_id
        where d.outcome = 'admitted' and d.decided_at < '2018-06-01'
          and not exists (select 1 from terminations t where t.person_id = r.person_id) limit 1`.execute(ctx.db);
      await ctx.db
        .insertInto('terminations')
        .values({
          person_id: rows[0].person_id,
          at: new Date('2018-09-01T09:00:00+03:00'),
          reason: 'no_longer_needed',
        })
        .execute();
      const correction = await publishYear(2018);
      expect(smallCounts(correction)).toEqual([]);
      expect(attack()).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
