import { randomUUID } from 'node:crypto';
import { placeMissing } from '../../core/codes.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditChange, auditListRead, openClient, type Who } from '../../core/record/access.ts';
import { openPersonName } from '../../core/record/personNames.ts';
import { isClient, isTerminated } from './queries.ts';
import type {
  ChildInput,
  ExploitationInput,
  NoteInput,
  ResidenceInput,
  ServiceChanges,
  ReopeningInput,
  ServiceInput,
  TaskInput,
  TerminationInput,
} from './schema.ts';
import type { Database } from '../../core/db/database.ts';

/** Recording on a client's record: each change checks the field group it writes and is logged with it. */

type DateRule = [field: string, from: string | null | undefined, to: string | null | undefined, future?: 'planned'];

/** Days that happened cannot be later than today nor before what they follow; a day marked `planned` may be in the future. */
function checkDates(...rules: DateRule[]) {
  const today = helsinkiDate();
  const problems: Array<{ field: string; problem: string }> = [];
  for (const [field, from, to, future] of rules) {
    if (to && to > today && future !== 'planned') problems.push({ field, problem: 'not_in_future' });
    else if (from && to && to < from) problems.push({ field, problem: 'before_start' });
  }
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
}

/**
 * A service is requested on a day that has been, and arranged on a day that may still be ahead (a
 * planned service: an appointment booked, accommodation from next week). It ends only once it has
 * been given: an end day is not in the future, nor set while the service is still planned.
 */
function checkServiceDates(requestedOn: string, arrangedOn: string | null | undefined, endedOn: string | null | undefined) {
  const planned = arrangedOn && arrangedOn > helsinkiDate();
  if (planned && endedOn) throw new AppError(400, 'validation_failed', {}, [{ field: 'endedOn', problem: 'service_still_planned' }]);
  checkDates(
    ['requestedOn', null, requestedOn],
    ['arrangedOn', requestedOn, arrangedOn, 'planned'],
    ['endedOn', arrangedOn ?? requestedOn, endedOn],
  );
}

export async function recordService(ctx: AppContext, who: Who, clientId: string, input: ServiceInput) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'services.record' });
  checkServiceDates(input.requestedOn, input.arrangedOn, input.endedOn);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('client_services')
      .values({
        id,
        person_id: clientId,
        service: input.service,
        requested_on: input.requestedOn,
        arranged_on: input.arrangedOn ?? null,
        ended_on: input.endedOn ?? null,
        provider: input.provider ?? null,
        recorded_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'services.record', clientId, 'services', { service: input.service });
  });
  return { id };
}

export async function updateService(ctx: AppContext, who: Who, clientId: string, serviceId: string, changes: ServiceChanges) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'services.record' });
  const row = await ctx.db
    .selectFrom('client_services')
    .selectAll()
    .where('id', '=', serviceId)
    .where('person_id', '=', clientId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const next = {
    arranged_on: changes.arrangedOn !== undefined ? changes.arrangedOn : row.arranged_on,
    ended_on: changes.endedOn !== undefined ? changes.endedOn : row.ended_on,
  };
  checkServiceDates(row.requested_on, next.arranged_on, next.ended_on);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('client_services')
      .set({ ...next, provider: changes.provider !== undefined ? changes.provider : row.provider })
      .where('id', '=', serviceId)
      .execute();
    await auditChange(trx, ctx, who, 'services.update', clientId, 'services', {
      service: row.service,
      changed: Object.keys(changes).sort(),
    });
  });
}

export async function addNote(ctx: AppContext, who: Who, clientId: string, input: NoteInput) {
  await openClient(ctx, who, clientId, { write: 'notes', action: 'notes.add' });
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('client_notes')
      .values({
        id,
        person_id: clientId,
        author_id: who.actor.id,
        at: new Date(),
        sensitivity: input.sensitivity,
        body: ctx.cipher.encrypt(input.body, protectedContext('client_notes', 'body', id)),
      })
      .execute();
    await auditChange(trx, ctx, who, 'notes.add', clientId, 'notes', { sensitivity: input.sensitivity });
  });
  return { id };
}

/** A task for someone on the case, with a due date: open tasks remind their assignee on the home page. */
export async function addTask(ctx: AppContext, who: Who, clientId: string, input: TaskInput) {
  const { client } = await openClient(ctx, who, clientId, { write: 'notes', action: 'tasks.add' });
  const assigneeId = input.assigneeId ?? who.actor.id;
  const onCase = await ctx.db
    .selectFrom('client_assignments')
    .select('account_id')
    .where('client_id', '=', client.id)
    .where('account_id', '=', assigneeId)
    .executeTakeFirst();
  if (!onCase && assigneeId !== who.actor.id) throw new AppError(400, 'not_a_task_assignee');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('client_tasks')
      .values({
        id,
        person_id: clientId,
        title: ctx.cipher.encrypt(input.title, protectedContext('client_tasks', 'title', id)),
        due_on: input.dueOn,
        assignee_id: assigneeId,
        created_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'tasks.add', clientId, 'notes', { task: id, assignee: assigneeId });
  });
  return { id };
}

export async function completeTask(ctx: AppContext, who: Who, clientId: string, taskId: string, done: boolean) {
  await openClient(ctx, who, clientId, { write: 'notes', action: 'tasks.complete' });
  const result = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('client_tasks')
      .set({ done_at: done ? new Date() : null })
      .where('id', '=', taskId)
      .where('person_id', '=', clientId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await auditChange(trx, ctx, who, 'tasks.complete', clientId, 'notes', { task: taskId, done });
    return true;
  });
  if (!result) throw notFound();
}

/** The actor's own open tasks, soonest first: the reminders on their home page. */
export async function myTasks(ctx: AppContext, who: Who) {
  const rows = await ctx.db
    .selectFrom('client_tasks')
    .innerJoin('persons', 'persons.id', 'client_tasks.person_id')
    .select(['client_tasks.id', 'client_tasks.person_id', 'client_tasks.title', 'client_tasks.due_on', 'persons.name'])
    .where('assignee_id', '=', who.actor.id)
    .where('done_at', 'is', null)
    .orderBy('due_on')
    .limit(200)
    .execute();
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'tasks.mine',
    rows.map((row) => row.person_id),
  );
  return rows.map((row) => ({
    id: row.id,
    clientId: row.person_id,
    clientName: openPersonName(ctx.cipher, row.person_id, row.name),
    title: ctx.cipher.decrypt(row.title, protectedContext('client_tasks', 'title', row.id)),
    dueOn: row.due_on,
  }));
}

export async function recordResidence(ctx: AppContext, who: Who, clientId: string, input: ResidenceInput) {
  await openClient(ctx, who, clientId, { write: 'immigration', action: 'residence.record' });
  checkDates(['at', null, input.at]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('residence_statuses')
      .values({ person_id: clientId, status: input.status, at: input.at })
      .onConflict((oc) => oc.columns(['person_id', 'at']).doUpdateSet({ status: input.status }))
      .execute();
    await auditChange(trx, ctx, who, 'residence.record', clientId, 'immigration', { status: input.status });
  });
}

export async function addChild(ctx: AppContext, who: Who, clientId: string, input: ChildInput) {
  await openClient(ctx, who, clientId, { write: 'identity', action: 'children.add' });
  checkDates(['birthDate', null, input.birthDate], ['from', input.birthDate, input.from]);
  if (!(await isClient(ctx.db, clientId))) throw new AppError(409, 'not_a_client');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('children')
      .values({ id, register_id: id, guardian_id: clientId, birth_date: input.birthDate, from_date: input.from })
      .execute();
    await auditChange(trx, ctx, who, 'children.add', clientId, 'identity');
  });
  return { id };
}

/** The exploitation as now understood replaces what was recorded: one main purpose, others beside it. */
export async function setExploitation(ctx: AppContext, who: Who, clientId: string, entries: ExploitationInput[]) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'exploitation.record' });
  const mains = entries.filter((entry) => entry.main).length;
  const keys = new Set(entries.map((entry) => `${entry.purpose}|${entry.purpose === 'witness' ? null : entry.place}`));
  if (mains !== 1) throw new AppError(400, 'validation_failed', {}, [{ field: 'main', problem: 'exactly_one_main' }]);
  const withoutPlace = entries.findIndex(placeMissing);
  if (withoutPlace >= 0) throw new AppError(400, 'validation_failed', {}, [{ field: `${withoutPlace}.place`, problem: 'place_required' }]);
  if (keys.size !== entries.length) throw new AppError(400, 'validation_failed', {}, [{ field: 'purpose', problem: 'uniqueItems' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('exploitations').where('person_id', '=', clientId).execute();
    for (const entry of entries) {
      await trx
        .insertInto('exploitations')
        .values({
          person_id: clientId,
          purpose: entry.purpose,
          place: entry.purpose === 'witness' ? null : entry.place,
          main: entry.main,
          minor_at_time: entry.minorAtTime,
          sector: entry.sector ?? null,
          means_of_control: entry.meansOfControl ?? [],
          recruitment: entry.recruitment ?? null,
        })
        .execute();
    }
    await auditChange(trx, ctx, who, 'exploitation.record', clientId, 'case', { purposes: entries.map((entry) => entry.purpose) });
  });
}

/** What ending assistance closes with it: the person is told this before confirming, and it is done in the same transaction. */
export async function whatEndingCloses(db: Database, clientId: string, today = helsinkiDate()) {
  const [reflection, identification, tasks] = await Promise.all([
    db
      .selectFrom('reflection_periods')
      .select(['start_date', 'end_date'])
      .where('person_id', '=', clientId)
      .where('interrupted_on', 'is', null)
      .where('end_date', '>=', today)
      .execute(),
    db.selectFrom('identifications').select('requested_at').where('person_id', '=', clientId).where('decided_at', 'is', null).execute(),
    db.selectFrom('client_tasks').select('id').where('person_id', '=', clientId).where('done_at', 'is', null).execute(),
  ]);
  return { reflection, identification, tasks };
}

/**
 * Assistance ends with a reason; the client stays in the register and in the statistics. With it, in
 * the same transaction: a reflection period still running is interrupted on the day (one not yet
 * begun, on its first day), an open official identification is closed without a decision, and open
 * tasks are marked done. The audit entry names each.
 */
export async function terminateAssistance(ctx: AppContext, who: Who, clientId: string, input: TerminationInput) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'clients.terminate' });
  if (!(await isClient(ctx.db, clientId))) throw new AppError(409, 'not_a_client');
  if (await isTerminated(ctx.db, clientId)) throw new AppError(409, 'already_terminated');
  const at = input.at ? new Date(input.at) : new Date();
  if (at.getTime() > Date.now() + 60_000) throw new AppError(400, 'validation_failed', {}, [{ field: 'at', problem: 'not_in_future' }]);
  await ctx.db.transaction().execute(async (trx) => {
    const closed = await endAssistance(trx, clientId, at, input.reason, who.actor.id);
    await auditChange(trx, ctx, who, 'clients.terminate', clientId, 'case', { reason: input.reason, ...closed });
  });
}

/**
 * Records the end of assistance and closes what it ends, inside the caller's transaction (ending it by
 * hand, or an identification decided "not identified"); returns what it closed, for the audit entry.
 */
export async function endAssistance(trx: Database, clientId: string, at: Date, reason: string, actorId: string) {
  const today = helsinkiDate(at);
  const closes = await whatEndingCloses(trx, clientId, today);
  await trx.insertInto('terminations').values({ person_id: clientId, at, reason, recorded_by: actorId }).execute();
  for (const period of closes.reflection)
    await trx
      .updateTable('reflection_periods')
      .set({ interrupted_on: period.start_date > today ? period.start_date : today })
      .where('person_id', '=', clientId)
      .where('start_date', '=', period.start_date)
      .execute();
  if (closes.identification.length > 0)
    await trx
      .updateTable('identifications')
      .set({ decided_at: at, decided_by: actorId })
      .where('person_id', '=', clientId)
      .where('decided_at', 'is', null)
      .execute();
  if (closes.tasks.length > 0)
    await trx.updateTable('client_tasks').set({ done_at: at }).where('person_id', '=', clientId).where('done_at', 'is', null).execute();
  return {
    reflectionInterrupted: closes.reflection.map((period) => period.start_date),
    identificationClosed: closes.identification.length > 0,
    tasksClosed: closes.tasks.map((task) => task.id),
  };
}

/** A director reopens ended assistance, saying why: the case is writable again, and the reopening is on its timeline. */
export async function reopenAssistance(ctx: AppContext, who: Who, clientId: string, input: ReopeningInput) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'clients.reopen', onEnded: 'only' });
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reopenings')
      .values({
        id,
        person_id: clientId,
        at: new Date(),
        reason: ctx.cipher.encrypt(input.reason, protectedContext('reopenings', 'reason', id)),
        reopened_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'clients.reopen', clientId, 'case', { reopening: id });
  });
}
