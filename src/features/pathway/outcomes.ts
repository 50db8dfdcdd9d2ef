import { sql } from 'kysely';
import { appendAudit } from '../../core/audit/audit.ts';
import type { AppContext } from '../../core/context.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { daysBetween } from '../../core/dates.ts';
import { AppError, forbidden } from '../../core/errors.ts';
import { can } from '../../core/policy/policy.ts';
import type { Who } from '../../core/record/access.ts';
import { lastReportYear, protectCounts, SMALLEST_SHOWN, type CountSum } from '../statistics/index.ts';
import {
  cefrLevels,
  fairWorkChecks,
  goalSources,
  goalStatuses,
  literacyLevels,
  mentalStates,
  pathwayServiceKinds,
  placementKinds,
  studyServiceKinds,
} from './codes.ts';
import type { OutcomeReport } from './schema.ts';

export type OutcomeForm = 'internal' | 'published';
/** The assistance system's time series begins in 2006; no path to work was recorded before it. */
export const firstOutcomeYear = 2006;

interface Table {
  table: string;
  columns: readonly string[];
  rows: readonly string[];
}
/** The report's tables, in the order shown. Each count is named `table.row.column`. */
const tables: Table[] = [
  { table: 'persons', columns: ['persons'], rows: ['on_path', 'with_plan', 'with_client_plan', 'with_integration_plan'] },
  { table: 'goals', columns: [...goalStatuses, 'total'], rows: [...goalSources, 'total'] },
  { table: 'mental_state', columns: ['persons'], rows: [...mentalStates, 'not_assessed'] },
  { table: 'literacy', columns: ['persons'], rows: [...literacyLevels, 'not_assessed'] },
  { table: 'language', columns: ['persons'], rows: [...cefrLevels, 'not_assessed'] },
  { table: 'services', columns: ['used', 'completed', 'dropped', 'continuing'], rows: [...pathwayServiceKinds, 'total'] },
  { table: 'placements', columns: ['placements', 'warnings'], rows: [...placementKinds, 'total'] },
  { table: 'fair_work_unmet', columns: ['placements'], rows: [...fairWorkChecks] },
  { table: 'first_work_or_studies', columns: ['persons'], rows: ['work', 'studies', 'total'] },
];
const name = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

/**
 * Every additive relation between the report's counts, so that the published form's control sees
 * each way a hidden count could be worked out: a cross-table's rows and columns, each checkpoint's
 * persons adding up to the persons on the path, each service's use adding up to how it went.
 */
function reportSums(): CountSum[] {
  const sums: CountSum[] = [];
  const onPath = name('persons', 'on_path', 'persons');
  for (const table of ['mental_state', 'literacy', 'language'])
    sums.push({ total: onPath, parts: tables.find((t) => t.table === table)!.rows.map((row) => name(table, row, 'persons')) });
  for (const row of [...goalSources, 'total'])
    sums.push({ total: name('goals', row, 'total'), parts: goalStatuses.map((status) => name('goals', row, status)) });
  for (const column of [...goalStatuses, 'total'])
    sums.push({ total: name('goals', 'total', column), parts: goalSources.map((source) => name('goals', source, column)) });
  for (const row of [...pathwayServiceKinds, 'total'])
    sums.push({ total: name('services', row, 'used'), parts: ['completed', 'dropped', 'continuing'].map((c) => name('services', row, c)) });
  for (const column of ['used', 'completed', 'dropped', 'continuing'])
    sums.push({ total: name('services', 'total', column), parts: pathwayServiceKinds.map((kind) => name('services', kind, column)) });
  for (const column of ['placements', 'warnings'])
    sums.push({ total: name('placements', 'total', column), parts: placementKinds.map((kind) => name('placements', kind, column)) });
  sums.push({
    total: name('first_work_or_studies', 'total', 'persons'),
    parts: ['work', 'studies'].map((row) => name('first_work_or_studies', row, 'persons')),
  });
  return sums;
}

/** A quantile of sorted values, interpolated between the nearest ranks (as spreadsheets' QUARTILE.INC), in whole days. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)];
  const above = sorted[Math.ceil(at)];
  return Math.round(below + (above - below) * (at - Math.floor(at)));
}

const helsinkiDay = (column: string) => sql<string>`to_char((${sql.ref(column)} at time zone 'Europe/Helsinki')::date, 'YYYY-MM-DD')`;

/**
 * Counts the year from the register: everyone on the path to work in the year (a plan drawn or
 * revised, a checkpoint, a service or placement under way, a progress reading), with the plans,
 * goals and checkpoints as they stood at the year's end. Never anything of a person but counts.
 */
async function countYear(ctx: AppContext, year: number) {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const db = ctx.db;
  const versions = await db
    .selectFrom('pathway_plan_versions as v')
    .innerJoin('pathway_plans as p', 'p.id', 'v.plan_id')
    .select(['v.id', 'v.plan_id', 'v.drawn_on', 'v.content', 'p.person_id', 'p.kind'])
    .where('v.drawn_on', '<=', last)
    .orderBy('v.plan_id')
    .orderBy('v.version')
    .execute();
  const checkpoints = await db
    .selectFrom('pathway_checkpoints')
    .select(['person_id', 'kind', 'level', 'language', 'skills', 'assessed_on'])
    .where('assessed_on', '<=', last)
    .orderBy('assessed_on')
    .orderBy('recorded_at')
    .execute();
  const services = await db
    .selectFrom('pathway_services as s')
    .innerJoin('pathway_directory as d', 'd.id', 's.directory_id')
    .select(['s.person_id', 'd.service', 's.status', 's.proposed_on', 's.started_on', 's.ended_on'])
    .where('s.proposed_on', '<=', last)
    .execute();
  const placements = await db
    .selectFrom('pathway_placements')
    .select(['person_id', 'kind', 'starts_on', 'ends_on', 'checks'])
    .where('starts_on', '<=', last)
    .execute();
  const readings = await db
    .selectFrom('pathway_progress')
    .select('person_id')
    .where('read_on', '>=', first)
    .where('read_on', '<=', last)
    .execute();
  const admissions = await db
    .selectFrom('decisions as d')
    .innerJoin('referrals as r', 'r.id', 'd.referral_id')
    .select(['r.person_id', sql<string>`min(${helsinkiDay('d.decided_at')})`.as('admitted_on')])
    .where('d.outcome', '=', 'admitted')
    .groupBy('r.person_id')
    .execute();

  const inYear = (day: string | null) => day !== null && day >= first && day <= last;
  const overlaps = (from: string, to: string | null) => from <= last && (to === null || to >= first);
  const onPath = new Set<string>([
    ...versions.filter((v) => inYear(v.drawn_on)).map((v) => v.person_id),
    ...checkpoints.filter((c) => inYear(c.assessed_on)).map((c) => c.person_id),
    ...services.filter((s) => overlaps(s.proposed_on, s.ended_on)).map((s) => s.person_id),
    ...placements.filter((p) => overlaps(p.starts_on, p.ends_on)).map((p) => p.person_id),
    ...readings.map((r) => r.person_id),
  ]);

  const counts: Record<string, number> = {};
  for (const t of tables) for (const row of t.rows) for (const column of t.columns) counts[name(t.table, row, column)] = 0;
  const add = (table: string, row: string, column: string) => counts[name(table, row, column)]++;

  counts[name('persons', 'on_path', 'persons')] = onPath.size;
  // Each plan as it stood at the year's end: its latest version drawn by then (versions come oldest first).
  const latest = new Map<string, (typeof versions)[number]>();
  for (const version of versions) if (onPath.has(version.person_id)) latest.set(version.plan_id, version);
  const planned = { any: new Set<string>(), client: new Set<string>(), integration: new Set<string>() };
  for (const version of latest.values()) {
    planned.any.add(version.person_id);
    planned[version.kind as 'client' | 'integration']?.add(version.person_id);
    const content = JSON.parse(ctx.cipher.decrypt(version.content, protectedContext('pathway_plan_versions', 'content', version.id))) as {
      goals: Array<{ source: string; status: string }>;
    };
    for (const goal of content.goals)
      for (const row of [goal.source, 'total']) for (const column of [goal.status, 'total']) add('goals', row, column);
  }
  counts[name('persons', 'with_plan', 'persons')] = planned.any.size;
  counts[name('persons', 'with_client_plan', 'persons')] = planned.client.size;
  counts[name('persons', 'with_integration_plan', 'persons')] = planned.integration.size;

  // Checkpoints as they stood at the year's end: only ready / not yet of mental state, never its clinical content.
  const standing = new Map<string, { mental_state?: string; literacy?: string; language?: string }>();
  for (const checkpoint of checkpoints) {
    if (!onPath.has(checkpoint.person_id)) continue;
    const person = standing.get(checkpoint.person_id) ?? standing.set(checkpoint.person_id, {}).get(checkpoint.person_id)!;
    if (checkpoint.kind === 'language') {
      // The national languages only; the level reached in every skill assessed.
      if (checkpoint.language !== 'fi' && checkpoint.language !== 'sv') continue;
      const levels = Object.values(checkpoint.skills ?? {}).map((level) => cefrLevels.indexOf(level as (typeof cefrLevels)[number]));
      if (levels.length > 0 && levels.every((index) => index >= 0)) person.language = cefrLevels[Math.min(...levels)];
    } else person[checkpoint.kind as 'mental_state' | 'literacy'] = checkpoint.level;
  }
  const levelsOf = { mental_state: mentalStates, literacy: literacyLevels, language: cefrLevels } as const;
  for (const person of onPath)
    for (const kind of ['mental_state', 'literacy', 'language'] as const) {
      const level = standing.get(person)?.[kind];
      add(kind, level !== undefined && (levelsOf[kind] as readonly string[]).includes(level) ? level : 'not_assessed', 'persons');
    }

  // Services used in the year (started, and not ended before it), and how each stood at the year's end.
  for (const service of services) {
    if (service.started_on === null || !overlaps(service.started_on, service.ended_on)) continue;
    if (!(pathwayServiceKinds as readonly string[]).includes(service.service)) continue;
    const ended = service.ended_on !== null && service.ended_on <= last;
    const outcome = ended && (service.status === 'completed' || service.status === 'dropped') ? service.status : 'continuing';
    for (const row of [service.service, 'total']) for (const column of ['used', outcome]) add('services', row, column);
  }

  // Placements begun in the year, and those whose fair-work check was not met.
  for (const placement of placements) {
    if (!inYear(placement.starts_on)) continue;
    const unmet = fairWorkChecks.filter((check) => placement.checks[check] !== true);
    for (const row of [placement.kind, 'total']) {
      add('placements', row, 'placements');
      if (unmet.length > 0) add('placements', row, 'warnings');
    }
    for (const check of unmet) add('fair_work_unmet', check, 'placements');
  }

  // Time from admission to the first work or studies begun after it, for those whose first began in the year.
  const admittedOn = new Map(admissions.map((row) => [row.person_id, row.admitted_on]));
  const firstStart = new Map<string, { on: string; what: 'work' | 'studies' }>();
  const consider = (person: string, on: string | null, what: 'work' | 'studies') => {
    const admitted = admittedOn.get(person);
    if (on === null || admitted === undefined || on < admitted) return;
    const earlier = firstStart.get(person);
    if (!earlier || on < earlier.on || (on === earlier.on && what === 'work')) firstStart.set(person, { on, what });
  };
  for (const placement of placements) consider(placement.person_id, placement.starts_on, 'work');
  for (const service of services)
    if ((studyServiceKinds as readonly string[]).includes(service.service)) consider(service.person_id, service.started_on, 'studies');
  const days: number[] = [];
  for (const [person, start] of firstStart) {
    if (!inYear(start.on)) continue;
    for (const row of [start.what, 'total']) add('first_work_or_studies', row, 'persons');
    days.push(daysBetween(admittedOn.get(person)!, start.on));
  }
  days.sort((a, b) => a - b);
  return { counts, days };
}

/** Which form the asker gets: the internal one only with its own grant; the published one needs its grant too. */
function formFor(who: Who, asked: OutcomeForm): OutcomeForm {
  if (asked === 'internal' ? can(who.actor, 'pathway.outcomes') : can(who.actor, 'pathway.outcomes.published')) return asked;
  throw forbidden();
}

/**
 * The outcome report of the path to work for a year, for the assistance system and its funders.
 * The internal form counts everything; the published form hides, as the annual statistics do, every
 * count from 1 to 4 and every count the shown ones and the report's sums would give away, and the
 * median and quartiles of fewer than five persons. Every read, and every refusal, is in the audit
 * log as a read of aggregates, with the year and form and no person.
 */
export async function outcomeReport(ctx: AppContext, who: Who, year: number, asked: OutcomeForm): Promise<OutcomeReport> {
  const lastYear = lastReportYear();
  const entry = { actorId: who.actor.id, actorRole: who.actor.role, ip: who.ip, action: 'pathway.outcomes.read' };
  if (!Number.isInteger(year) || year < firstOutcomeYear || year > lastYear)
    throw new AppError(400, 'pathway_outcome_year', { first: firstOutcomeYear, last: lastYear });
  let form: OutcomeForm;
  try {
    form = formFor(who, asked);
  } catch (error) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, { ...entry, outcome: 'denied', details: { year, form: asked } });
    throw error;
  }
  const { counts, days } = await countYear(ctx, year);
  const shown: Record<string, number | null> = form === 'published' ? protectCounts(counts, reportSums()) : counts;
  const persons = shown[name('first_work_or_studies', 'total', 'persons')];
  const timed = persons !== null && (form === 'internal' || persons >= SMALLEST_SHOWN);
  await appendAudit(ctx.db, ctx.keyring.auditKey, { ...entry, outcome: 'succeeded', details: { year, form } });
  return {
    year,
    form,
    firstYear: firstOutcomeYear,
    lastYear,
    tables: tables.map((t) => ({
      table: t.table,
      columns: [...t.columns],
      rows: t.rows.map((row) => ({ row, counts: t.columns.map((column) => shown[name(t.table, row, column)]) })),
    })),
    timeToWorkOrStudies: {
      persons,
      median: timed ? quantile(days, 0.5) : null,
      lowerQuartile: timed ? quantile(days, 0.25) : null,
      upperQuartile: timed ? quantile(days, 0.75) : null,
    },
  };
}
