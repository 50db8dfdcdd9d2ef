import { appendAudit } from '../../core/audit/audit.ts';
import type { NamedItem } from '../../core/db/types.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { listAccess } from '../../core/policy/policy.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { enrolmentOf } from './participants.ts';
import { auditParticipantsRead, openName } from './participantReads.ts';
import { openGroup, participantsInScope } from './scope.ts';
import type { CoachingTask, FollowUpInput, GoalsInput } from './schema.ts';

/** The goals of the programme version a group was made from. */
async function groupGoals(ctx: AppContext, groupId: string): Promise<string[]> {
  const row = await ctx.db
    .selectFrom('coaching_groups as g')
    .innerJoin('coaching_programme_versions as v', (join) =>
      join.onRef('v.programme_id', '=', 'g.programme_id').onRef('v.version', '=', 'g.programme_version'),
    )
    .select('v.goals')
    .where('g.id', '=', groupId)
    .executeTakeFirstOrThrow();
  return (row.goals as NamedItem[]).map((goal) => goal.key);
}

/** The person's or the coach's assessment of the group's goals at its start or end; a new one replaces the goals it names. */
export async function saveGoals(ctx: AppContext, who: Who, groupId: string, participantId: string, input: GoalsInput) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  await enrolmentOf(ctx.db, groupId, participantId);
  const goals = await groupGoals(ctx, groupId);
  const problems = input.scores.flatMap((score, index) =>
    goals.includes(score.goal) ? [] : [{ field: `scores/${index}/goal`, problem: 'enum' }],
  );
  if (new Set(input.scores.map((score) => score.goal)).size !== input.scores.length)
    problems.push({ field: 'scores', problem: 'uniqueItems' });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  await ctx.db.transaction().execute(async (trx) => {
    for (const score of input.scores)
      await trx
        .insertInto('coaching_goal_scores')
        .values({
          group_id: groupId,
          participant_id: participantId,
          phase: input.phase,
          assessor: input.assessor,
          goal: score.goal,
          score: score.score,
          recorded_by: who.actor.id,
        })
        .onConflict((oc) =>
          oc
            .columns(['group_id', 'participant_id', 'phase', 'assessor', 'goal'])
            .doUpdateSet({ score: score.score, recorded_by: who.actor.id }),
        )
        .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.goals',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { group: groupId, participant: participantId, phase: input.phase, assessor: input.assessor },
    });
  });
}

/** The career and study plan written with the person. */
export async function saveCareerPlan(ctx: AppContext, who: Who, groupId: string, participantId: string, careerPlan: string) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  await enrolmentOf(ctx.db, groupId, participantId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('coaching_enrolments')
      .set({ career_plan: careerPlan.trim() || null })
      .where('group_id', '=', groupId)
      .where('participant_id', '=', participantId)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.career_plan',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { group: groupId, participant: participantId },
    });
  });
}

/**
 * A follow-up's outcome, which closes its task. A sign of renewed exploitation is recorded and the
 * coach is told to consult the assistance system.
 */
export async function recordFollowUp(ctx: AppContext, who: Who, groupId: string, participantId: string, input: FollowUpInput) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  await enrolmentOf(ctx.db, groupId, participantId);
  const recorded = await ctx.db
    .selectFrom('coaching_follow_ups')
    .select('months')
    .where('group_id', '=', groupId)
    .where('participant_id', '=', participantId)
    .where('months', '=', input.months)
    .executeTakeFirst();
  if (recorded) throw new AppError(409, 'coaching_follow_up_recorded');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coaching_follow_ups')
      .values({
        group_id: groupId,
        participant_id: participantId,
        months: input.months,
        outcome: input.outcome,
        exploitation_sign: input.exploitationSign,
        recorded_on: input.recordedOn,
        recorded_by: who.actor.id,
      })
      .execute();
    await trx
      .updateTable('coaching_tasks')
      .set({ done_at: new Date() })
      .where('group_id', '=', groupId)
      .where('participant_id', '=', participantId)
      .where('kind', '=', 'follow_up')
      .where('months', '=', input.months)
      .where('done_at', 'is', null)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.follow_up',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: {
        group: groupId,
        participant: participantId,
        months: input.months,
        outcome: input.outcome,
        exploitationSign: input.exploitationSign,
      },
    });
  });
  return { consultAssistanceSystem: input.exploitationSign };
}

/**
 * One of the actor's own reminders marked done: a check on absences made, a person taken in from the
 * waiting list told. A follow-up is done only by recording its outcome.
 */
export async function completeTask(ctx: AppContext, who: Who, taskId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('coaching_tasks')
      .set({ done_at: new Date() })
      .where('id', '=', taskId)
      .where('assignee_id', '=', who.actor.id)
      .where('kind', 'in', ['absences', 'waiting_list'])
      .where('done_at', 'is', null)
      .returning(['group_id', 'participant_id', 'kind'])
      .executeTakeFirst();
    if (!done) throw notFound();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.task.done',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { task: taskId, group: done.group_id, participant: done.participant_id, kind: done.kind },
    });
  });
}

/** The actor's open coaching tasks, the soonest first: absences to check on, follow-ups to make. */
export async function myTasks(ctx: AppContext, who: Who): Promise<CoachingTask[]> {
  let query = ctx.db
    .selectFrom('coaching_tasks as t')
    .innerJoin('coaching_groups as g', 'g.id', 't.group_id')
    .innerJoin('coaching_participants as p', 'p.id', 't.participant_id')
    .select(['t.id', 't.kind', 't.months', 't.due_on', 't.group_id', 'g.name as group_name', 'p.id as participant_id', 'p.name'])
    .where('t.assignee_id', '=', who.actor.id)
    .where('t.done_at', 'is', null)
    .orderBy('t.due_on')
    .limit(500);
  const scope = participantsInScope(ctx.db, who.actor, 'coaching.participants');
  if (scope) query = query.where('p.id', 'in', scope);
  const rows = await query.execute();
  await auditParticipantsRead(
    ctx,
    who,
    'coaching.tasks.mine',
    [...new Set(rows.map((row) => row.participant_id))],
    listAccess(who.actor, 'coaching.tasks'),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    months: row.months,
    dueOn: row.due_on,
    groupId: row.group_id,
    groupName: row.group_name,
    participantId: row.participant_id,
    participantName: openName(ctx, row.participant_id, row.name),
  }));
}
