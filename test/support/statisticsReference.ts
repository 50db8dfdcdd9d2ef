/**
 * An independent reference for the annual statistics, written from the meanings in
 * `../shared/exchange-format.md` and `../shared/statistics.md` straight over the NDJSON lines, in
 * plain loops, sharing no code with the production report. Tests compare the two on registers
 * neither was written for. Zero cells are dropped before comparing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the reference reads the NDJSON lines as plain JSON on purpose.
type Line = Record<string, any>;
type Cells = Record<string, number>;

const helsinkiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The Helsinki calendar date (YYYY-MM-DD) of an instant written with any offset. */
export const helsinkiDate = (iso: string) => helsinkiDay.format(new Date(iso));

function yearsBetween(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function band(age: number) {
  if (age < 18) return 'under_18';
  for (const [limit, name] of [
    [25, '18_24'],
    [35, '25_34'],
    [45, '35_44'],
    [55, '45_54'],
    [65, '55_64'],
  ] as const)
    if (age < limit) return name;
  return '65_plus';
}
/** A line the register refers to: a reference that resolves to nothing is a broken register, never a zero. */
function lookup<T>(found: T | undefined, what: string): T {
  if (found === undefined) throw new Error(`the register has no ${what}`);
  return found;
}
const bump = (cells: Cells, key: string) => {
  cells[key] = (cells[key] ?? 0) + 1;
};
const genderAge = (gender: string, minor: boolean) =>
  gender === 'female' ? (minor ? 'girls' : 'women') : gender === 'male' ? (minor ? 'boys' : 'men') : 'other_or_unknown';

export function referenceAnnualTables(ndjson: string, year: number): Record<string, Cells> {
  const lines: Line[] = ndjson
    .split('\n')
    .filter((text) => text.trim())
    .map((text) => JSON.parse(text));
  const of = (type: string) => lines.filter((line) => line.type === type);
  const persons = new Map(of('person').map((p) => [p.id, p]));
  const referrals = new Map(of('referral').map((r) => [r.id, r]));
  const decisions = of('decision');
  const withdrawals = of('withdrawal');
  const inYear = (iso: string) => helsinkiDate(iso).startsWith(`${year}-`);
  const byEnd = (iso: string) => helsinkiDate(iso) <= `${year}-12-31`;
  const yearEnd = `${year}-12-31`;
  const t: Record<string, Cells> = {};
  const table = (id: string) => (t[id] ??= {});

  // Referrals received in the year, and the distinct persons behind them.
  const referralsInYear = [...referrals.values()].filter((r) => inYear(r.receivedAt));
  for (const r of referralsInYear) bump(table('referrals_by_source'), r.source);
  table('referrals_summary').referrals = referralsInYear.length;
  table('referrals_summary').persons = new Set(referralsInYear.map((r) => r.personId)).size;

  // Decisions, terminations and the referrals still open at year end.
  const decisionsTable = table('decisions');
  for (const d of decisions) if (inYear(d.decidedAt)) bump(decisionsTable, d.outcome);
  for (const term of of('termination')) if (inYear(term.at)) bump(decisionsTable, 'terminated');
  for (const r of referrals.values()) {
    if (!byEnd(r.receivedAt)) continue;
    const decided = decisions.some((d) => d.referralId === r.id && byEnd(d.decidedAt));
    const withdrawn = withdrawals.some((w) => w.referralId === r.id && byEnd(w.at));
    if (!decided && !withdrawn) bump(decisionsTable, 'pending_at_year_end');
  }

  // Admissions per person, as Helsinki dates.
  const admissions = new Map<string, string[]>();
  for (const d of decisions) {
    if (d.outcome !== 'admitted') continue;
    const personId = lookup(referrals.get(d.referralId), `referral ${d.referralId}`).personId;
    admissions.set(personId, [...(admissions.get(personId) ?? []), d.decidedAt]);
  }
  const mainOf = (personId: string) =>
    lookup(
      of('exploitation').find((e) => e.personId === personId && e.main),
      `main exploitation of ${personId}`,
    );
  const residenceOn = (personId: string, date: string) =>
    of('residence')
      .filter((r) => r.personId === personId && r.at <= date)
      .sort((a, b) => (a.at < b.at ? 1 : -1))[0]?.status ?? 'unknown';

  // New clients: admitted in the year, each person once.
  const newClients = new Map<string, string>();
  for (const [personId, times] of admissions) {
    const first = times.filter(inYear).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    if (first) newClients.set(personId, helsinkiDate(first));
  }
  for (const [personId, admittedOn] of newClients) {
    const person = lookup(persons.get(personId), `person ${personId}`);
    const main = mainOf(personId);
    const age = yearsBetween(person.birthDate, admittedOn);
    const residence = residenceOn(personId, admittedOn);
    bump(table('new_clients_by_purpose'), main.purpose);
    bump(table('new_clients_by_gender_age'), genderAge(person.gender, age < 18));
    bump(table('new_clients_by_age_band'), band(age));
    bump(table('new_clients_by_residence'), residence);
    bump(table('new_clients_by_nationality'), person.nationality);
    bump(table('new_clients_by_purpose_place'), `${main.purpose}|${main.place ?? 'none'}`);
    bump(table('new_clients_by_purpose_gender'), `${main.purpose}|${person.gender}`);
    if (main.place === 'finland') {
      bump(table('finland_new_clients_by_purpose'), main.purpose);
      bump(table('finland_new_clients_by_gender'), person.gender);
      bump(table('finland_new_clients_by_residence'), residence);
      bump(table('finland_new_clients_by_nationality'), person.nationality);
      if (age < 18) bump(table('finland_new_clients_minors'), 'minor_at_admission');
      if (main.minorAtTime) bump(table('finland_new_clients_minors'), 'minor_at_exploitation');
    }
  }
  for (const c of of('child')) {
    if (newClients.has(c.guardianId) && c.from.startsWith(`${year}-`) && yearsBetween(c.birthDate, c.from) < 18)
      bump(table('new_children'), 'children');
  }

  // Clients on 31.12: admitted by then and not terminated after that admission by then.
  const clientsAtEnd = new Map<string, string>();
  for (const [personId, times] of admissions) {
    const last = times.filter(byEnd).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    if (!last) continue;
    const ended = of('termination').some((term) => term.personId === personId && Date.parse(term.at) >= Date.parse(last) && byEnd(term.at));
    if (!ended) clientsAtEnd.set(personId, helsinkiDate(last));
  }
  const summary = table('clients_at_year_end_summary');
  for (const [personId, admittedOn] of clientsAtEnd) {
    const person = lookup(persons.get(personId), `person ${personId}`);
    const minor = yearsBetween(person.birthDate, yearEnd) < 18;
    bump(table('clients_at_year_end_by_purpose'), mainOf(personId).purpose);
    bump(table('clients_at_year_end_by_gender_age'), genderAge(person.gender, minor));
    bump(table('clients_at_year_end_by_nationality'), person.nationality);
    bump(summary, 'clients');
    if (minor) bump(summary, 'minors');
    if (yearsBetween(person.birthDate, admittedOn) < 18) bump(summary, 'admitted_as_minor');
  }
  for (const c of of('child')) {
    if (clientsAtEnd.has(c.guardianId) && c.from <= yearEnd && yearsBetween(c.birthDate, yearEnd) < 18) bump(summary, 'children');
  }

  for (const period of of('reflection_period'))
    if (period.start.startsWith(`${year}-`)) bump(table('reflection_periods_granted'), period.grantedBy);
  const identification = table('official_identification');
  for (const i of of('identification')) {
    if (i.decidedAt && inYear(i.decidedAt)) bump(identification, i.outcome);
    const decidedByEnd = i.decidedAt && byEnd(i.decidedAt);
    if (i.startedAt && byEnd(i.startedAt) && !decidedByEnd) bump(identification, 'ongoing_at_year_end');
    if (byEnd(i.requestedAt) && !(i.startedAt && byEnd(i.startedAt)) && !decidedByEnd) bump(identification, 'waiting_at_year_end');
  }

  // New clients per year since the first admission.
  const perYear: Cells = {};
  for (const times of admissions.values()) {
    for (const y of new Set(times.map((time) => Number(helsinkiDate(time).slice(0, 4))))) if (y <= year) bump(perYear, String(y));
  }
  t.new_clients_by_year = perYear;

  for (const id of Object.keys(t)) {
    for (const [key, value] of Object.entries(t[id])) if (value === 0) delete t[id][key];
    if (Object.keys(t[id]).length === 0) delete t[id];
  }
  return t;
}

/** The production tables with zero cells dropped, for comparing with the reference. */
export function withoutZeros(tables: Record<string, { cells: Record<string, number | null> }>): Record<string, Cells> {
  const out: Record<string, Cells> = {};
  for (const [id, { cells }] of Object.entries(tables)) {
    const kept = Object.fromEntries(Object.entries(cells).filter(([, value]) => value !== 0)) as Cells;
    if (Object.keys(kept).length > 0) out[id] = kept;
  }
  return out;
}
