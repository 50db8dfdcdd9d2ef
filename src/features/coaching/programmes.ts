import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import type { NamedItem, Names } from '../../core/db/types.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import { isoInstant } from '../../core/dates.ts';
import type { AppContext } from '../../server/context.ts';
import type { NewProgrammeInput, Programme, ProgrammeInput, ProgrammeSummary } from './schema.ts';

type Problem = { field: string; problem: string };

const currentVersions = (db: Database) =>
  db
    .selectFrom('coaching_programme_versions as v')
    .leftJoin('accounts', 'accounts.id', 'v.created_by')
    .selectAll('v')
    .select('accounts.display_name as created_by_name')
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('coaching_programme_versions as newer')
          .select((newer) => newer.fn.max('newer.version').as('version'))
          .whereRef('newer.programme_id', '=', 'v.programme_id'),
      ),
    );

type VersionRow = Awaited<ReturnType<ReturnType<typeof currentVersions>['executeTakeFirstOrThrow']>>;

function asTemplate(row: VersionRow) {
  return {
    id: row.programme_id,
    version: row.version,
    names: row.names,
    weeks: row.weeks,
    sessionsPerWeek: row.sessions_per_week,
    weekdays: row.weekdays,
    sessionStart: row.session_start,
    sessionMinutes: row.session_minutes,
    contentTypes: row.content_types,
    goals: row.goals,
    plan: row.plan,
    createdAt: isoInstant(row.created_at),
    createdBy: row.created_by_name,
  };
}

export async function listProgrammes(db: Database): Promise<ProgrammeSummary[]> {
  const rows = await currentVersions(db).orderBy('v.programme_id').execute();
  return rows.map(asTemplate);
}

/** A programme's current template, with the list of its versions. */
export async function getProgramme(db: Database, id: string): Promise<Programme> {
  const row = await currentVersions(db).where('v.programme_id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const versions = await db
    .selectFrom('coaching_programme_versions as v')
    .leftJoin('accounts', 'accounts.id', 'v.created_by')
    .select(['v.version', 'v.created_at', 'accounts.display_name'])
    .where('v.programme_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  return {
    ...asTemplate(row),
    versions: versions.map((version) => ({
      version: version.version,
      createdAt: isoInstant(version.created_at),
      createdBy: version.display_name,
    })),
  };
}

/**
 * The previous plan fitted to a new length: the weeks that remain keep their sessions, new weeks
 * repeat the last full week before the final one (the final week, the plans, stays last).
 */
export function fitPlan(plan: readonly string[], oldPerWeek: number, weeks: number, perWeek: number): string[] {
  const oldWeeks = Array.from({ length: Math.ceil(plan.length / oldPerWeek) }, (_, week) =>
    plan.slice(week * oldPerWeek, (week + 1) * oldPerWeek),
  );
  const fitWeek = (week: string[]) => Array.from({ length: perWeek }, (_, slot) => week[slot] ?? week[slot % week.length]);
  const last = oldWeeks[oldWeeks.length - 1];
  const middle = oldWeeks.length > 1 ? oldWeeks[oldWeeks.length - 2] : last;
  const result: string[][] = [];
  for (let week = 0; week < weeks; week++) {
    if (week === weeks - 1) result.push(fitWeek(last));
    else result.push(fitWeek(week < oldWeeks.length - 1 ? oldWeeks[week] : middle));
  }
  return result.flat();
}

function checkTemplate(template: {
  weeks: number;
  sessionsPerWeek: number;
  weekdays: readonly number[];
  contentTypes: readonly NamedItem[];
  goals: readonly NamedItem[];
  plan: readonly string[];
}) {
  const problems: Problem[] = [];
  if (template.weekdays.length !== template.sessionsPerWeek) problems.push({ field: 'weekdays', problem: 'weekdays_per_week' });
  for (const list of ['contentTypes', 'goals'] as const) {
    const keys = template[list].map((item) => item.key);
    if (new Set(keys).size !== keys.length) problems.push({ field: list, problem: 'uniqueItems' });
  }
  const known = new Set(template.contentTypes.map((item) => item.key));
  if (template.plan.length !== template.weeks * template.sessionsPerWeek) problems.push({ field: 'plan', problem: 'plan_length' });
  else if (template.plan.some((key) => !known.has(key))) problems.push({ field: 'plan', problem: 'plan_unknown_content' });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
}

async function insertVersion(
  db: Database,
  ctx: AppContext,
  who: Who,
  programmeId: string,
  version: number,
  template: Omit<ProgrammeInput, 'contentTypes' | 'goals' | 'plan'> & { contentTypes: NamedItem[]; goals: NamedItem[]; plan: string[] },
) {
  await db
    .insertInto('coaching_programme_versions')
    .values({
      programme_id: programmeId,
      version,
      names: JSON.stringify(template.names),
      weeks: template.weeks,
      sessions_per_week: template.sessionsPerWeek,
      weekdays: [...template.weekdays].sort(),
      session_start: template.sessionStart,
      session_minutes: template.sessionMinutes,
      content_types: JSON.stringify(template.contentTypes),
      goals: JSON.stringify(template.goals),
      plan: template.plan,
      created_by: who.actor.id,
    })
    .execute();
  await appendAudit(db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: version === 1 ? 'coaching.programme.create' : 'coaching.programme.change',
    outcome: 'succeeded',
    details: { programme: programmeId, version },
  });
}

/** A change to a template is a new version; groups keep the version they were made from. */
export async function changeProgramme(ctx: AppContext, who: Who, id: string, input: ProgrammeInput): Promise<{ version: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    // One change at a time: two coaches saving at once get versions one after the other.
    await sql`select id from coaching_programmes where id = ${id} for update`.execute(trx);
    const current = await currentVersions(trx).where('v.programme_id', '=', id).executeTakeFirst();
    if (!current) throw notFound();
    const contentTypes = input.contentTypes ?? current.content_types;
    const template = {
      ...input,
      contentTypes,
      goals: input.goals ?? current.goals,
      plan: input.plan ?? fitPlan(current.plan, current.sessions_per_week, input.weeks, input.sessionsPerWeek),
    };
    checkTemplate(template);
    const version = current.version + 1;
    await insertVersion(trx, ctx, who, id, version, template);
    return { version };
  });
}

/** An installation's own programme, begun as a copy of another's current template. */
export async function createProgramme(ctx: AppContext, who: Who, input: NewProgrammeInput): Promise<{ id: string }> {
  const basis = await currentVersions(ctx.db).where('v.programme_id', '=', input.basedOn).executeTakeFirst();
  if (!basis) throw new AppError(400, 'validation_failed', {}, [{ field: 'basedOn', problem: 'enum' }]);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('coaching_programmes').values({ id }).execute();
    await insertVersion(trx, ctx, who, id, 1, {
      names: input.names as Names,
      weeks: basis.weeks,
      sessionsPerWeek: basis.sessions_per_week,
      weekdays: basis.weekdays,
      sessionStart: basis.session_start,
      sessionMinutes: basis.session_minutes,
      contentTypes: basis.content_types,
      goals: basis.goals,
      plan: basis.plan,
    });
  });
  return { id };
}

/** The version a new group is made from. */
export async function currentProgrammeVersion(db: Database, id: string) {
  return currentVersions(db).where('v.programme_id', '=', id).executeTakeFirst();
}
