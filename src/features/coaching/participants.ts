import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { refusalLog } from '../../core/audit/refusals.ts';
import { languageLevels } from '../../core/codes.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import { listAccess, participantAccess, type FieldGroup } from '../../core/policy/policy.ts';
import { auditWho, openClient, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { attendanceRates } from './attendance.ts';
import { followUpTasks } from './followUps.ts';
import { auditParticipantsRead, notesContext, openName, sealedName } from './participantReads.ts';
import { lastSessionDay } from './schedule.ts';
import { openGroup, openParticipant, participantsInScope } from './scope.ts';
import type {
  AssessmentInput,
  EnrolmentInput,
  LanguagesInput,
  MeetingInput,
  Participant,
  ParticipantInput,
  ParticipantSummary,
  Requirement,
} from './schema.ts';

/** Refuses, and logs the refusal, when the actor may not write the field group of a participant. */
async function needWrite(ctx: AppContext, who: Who, group: FieldGroup, action: string) {
  if (participantAccess(who.actor).write.includes(group)) return;
  await refusalLog(ctx.db, ctx.keyring.auditKey).refuse({ ...auditWho(who), action, details: { code: 'forbidden' } });
  throw new AppError(403, 'forbidden');
}

/**
 * A new participant, with the person's consent given before the record exists. A link to a client
 * record only through the record's own door: one who may not see the record cannot link it.
 */
export async function createParticipant(ctx: AppContext, who: Who, input: ParticipantInput): Promise<{ id: string }> {
  if (input.clientId) await openClient(ctx, who, input.clientId, { read: 'identity', action: 'coaching.participant.link' });
  if (input.consent.sharedWith.length > 0) {
    const known = await ctx.db.selectFrom('organisations').select('id').where('id', 'in', input.consent.sharedWith).execute();
    if (known.length !== input.consent.sharedWith.length)
      throw new AppError(400, 'validation_failed', {}, [{ field: 'consent/sharedWith', problem: 'enum' }]);
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coaching_participants')
      .values({
        id,
        name: sealedName(ctx, id, input.name.trim()),
        gender: input.gender,
        languages: JSON.stringify(input.languages),
        scripts: input.scripts,
        client_id: input.clientId ?? null,
        consent_given_on: input.consent.givenOn,
        shared_with: input.consent.sharedWith,
        assessment: input.assessment ? JSON.stringify(input.assessment) : null,
        created_by: who.actor.id,
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.participant.create',
      outcome: 'succeeded',
      clientId: input.clientId ?? null,
      fieldGroups: ['identity', 'coaching'],
      details: { participant: id, sharedWith: input.consent.sharedWith },
    });
  });
  return { id };
}

/** The broad initial assessment, written or rewritten by a coach. */
export async function saveAssessment(ctx: AppContext, who: Who, participantId: string, input: AssessmentInput) {
  await openParticipant(ctx.db, who.actor, 'coaching.participants.manage', participantId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('coaching_participants')
      .set({ assessment: JSON.stringify(input) })
      .where('id', '=', participantId)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.participant.assessment',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { participant: participantId },
    });
  });
}

/**
 * The person's languages and levels, rewritten by a coach. Each language once. The waiting list's
 * automatic move checks the entry requirements against these.
 */
export async function saveLanguages(ctx: AppContext, who: Who, participantId: string, input: LanguagesInput) {
  await openParticipant(ctx.db, who.actor, 'coaching.participants.manage', participantId);
  const seen = new Set<string>();
  const problems = input.languages.flatMap((language, index) => {
    if (seen.has(language.code)) return [{ field: `languages/${index}/code`, problem: 'uniqueItems' }];
    seen.add(language.code);
    return [];
  });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('coaching_participants')
      .set({ languages: JSON.stringify(input.languages) })
      .where('id', '=', participantId)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.participant.languages',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { participant: participantId, languages: input.languages },
    });
  });
}

/** The participants the actor reaches, by name: whom a psychologist's meeting or an enrolment is for. */
export async function listParticipants(ctx: AppContext, who: Who): Promise<Array<{ id: string; name: string }>> {
  let query = ctx.db.selectFrom('coaching_participants').select(['id', 'name']).orderBy('created_at', 'desc').limit(500);
  const scope = participantsInScope(ctx.db, who.actor, 'coaching.participants');
  if (scope) query = query.where('id', 'in', scope);
  const rows = await query.execute();
  await auditParticipantsRead(
    ctx,
    who,
    'coaching.participants.list',
    rows.map((row) => row.id),
    listAccess(who.actor, 'coaching.participants'),
  );
  return rows.map((row) => ({ id: row.id, name: openName(ctx, row.id, row.name) })).sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}

/** A group's participants, enrolled and waiting, of those the actor reaches (a partner: its own). */
export async function listGroupParticipants(ctx: AppContext, who: Who, groupId: string): Promise<ParticipantSummary[]> {
  await openGroup(ctx.db, who.actor, groupId);
  let query = ctx.db
    .selectFrom('coaching_enrolments as e')
    .innerJoin('coaching_participants as p', 'p.id', 'e.participant_id')
    .leftJoin('coaching_leavings as l', (join) =>
      join.onRef('l.group_id', '=', 'e.group_id').onRef('l.participant_id', '=', 'e.participant_id'),
    )
    .select(['p.id', 'p.name', 'e.status', 'e.enrolled_on', 'e.left_on', 'l.reason', 'e.passed_over', 'e.created_at'])
    .where('e.group_id', '=', groupId)
    .orderBy('e.created_at');
  const scope = participantsInScope(ctx.db, who.actor, 'coaching.participants');
  if (scope) query = query.where('p.id', 'in', scope);
  const rows = await query.execute();
  const { read } = participantAccess(who.actor);
  const rates = await attendanceRates(ctx.db, groupId);
  await auditParticipantsRead(
    ctx,
    who,
    'coaching.participants.group',
    rows.map((row) => row.id),
    read,
  );
  return rows.map((row) => ({
    id: row.id,
    name: openName(ctx, row.id, row.name),
    status: row.status,
    enrolledOn: row.enrolled_on,
    leftOn: row.left_on,
    leaveReason: row.reason,
    passedOver: row.status === 'waiting' ? ((row.passed_over as { requirement: Requirement; on: string } | null) ?? null) : null,
    attendanceRate: rates.get(row.id) ?? null,
  }));
}

/** One participant: what the policy grants the actor of them, read through one audited door. */
export async function getParticipant(ctx: AppContext, who: Who, participantId: string): Promise<Participant> {
  const row = await openParticipant(ctx.db, who.actor, 'coaching.participants', participantId);
  const { read } = participantAccess(who.actor);
  const meetings = async (kind: 'guidance' | 'psychologist') =>
    (
      await ctx.db
        .selectFrom('coaching_meetings as m')
        .leftJoin('accounts as a', 'a.id', 'm.recorded_by')
        .select(['m.id', 'm.held_on', 'm.notes', 'a.display_name'])
        .where('m.participant_id', '=', participantId)
        .where('m.kind', '=', kind)
        .orderBy('m.held_on')
        .execute()
    ).map((meeting) => ({
      id: meeting.id,
      heldOn: meeting.held_on,
      notes: ctx.cipher.decrypt(meeting.notes, notesContext(meeting.id)),
      recordedBy: meeting.display_name,
    }));
  const participant: Participant = { id: row.id, name: openName(ctx, row.id, row.name) };
  if (read.includes('coaching')) {
    const enrolments = await ctx.db
      .selectFrom('coaching_enrolments as e')
      .innerJoin('coaching_groups as g', 'g.id', 'e.group_id')
      .leftJoin('coaching_leavings as l', (join) =>
        join.onRef('l.group_id', '=', 'e.group_id').onRef('l.participant_id', '=', 'e.participant_id'),
      )
      .select(['e.group_id', 'g.name', 'e.status', 'e.enrolled_on', 'e.left_on', 'l.reason', 'e.career_plan'])
      .where('e.participant_id', '=', participantId)
      .orderBy('g.starts_on')
      .execute();
    const goals = await ctx.db
      .selectFrom('coaching_goal_scores')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('phase', 'desc')
      .orderBy('assessor')
      .execute();
    Object.assign(participant, {
      gender: row.gender,
      languages: row.languages,
      scripts: row.scripts,
      clientId: row.client_id,
      consent: { givenOn: row.consent_given_on, sharedWith: row.shared_with },
      assessment: (row.assessment as AssessmentInput | null) ?? null,
      enrolments: enrolments.map((e) => ({
        groupId: e.group_id,
        groupName: e.name,
        status: e.status,
        enrolledOn: e.enrolled_on,
        leftOn: e.left_on,
        leaveReason: e.reason,
        careerPlan: e.career_plan,
      })),
      guidance: await meetings('guidance'),
      goals: goals.map((g) => ({ groupId: g.group_id, phase: g.phase, assessor: g.assessor, goal: g.goal, score: g.score })),
    });
  }
  // The psychologist's notes are opened only for one who may read health data, not merely filtered out.
  if (read.includes('health')) participant.psychologistMeetings = await meetings('psychologist');
  await auditParticipantsRead(ctx, who, 'coaching.participant.read', [participantId], read);
  return participant;
}

/**
 * Individual guidance (coaching data, by a coach) or a psychologist's meeting (health data, by the
 * health professional), its notes sealed.
 */
export async function recordMeeting(ctx: AppContext, who: Who, participantId: string, input: MeetingInput): Promise<{ id: string }> {
  const group: FieldGroup = input.kind === 'guidance' ? 'coaching' : 'health';
  await needWrite(ctx, who, group, `coaching.meeting.${input.kind}`);
  await openParticipant(
    ctx.db,
    who.actor,
    input.kind === 'guidance' ? 'coaching.participants.manage' : 'coaching.psychology',
    participantId,
  );
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coaching_meetings')
      .values({
        id,
        participant_id: participantId,
        kind: input.kind,
        held_on: input.heldOn,
        notes: ctx.cipher.encrypt(input.notes, notesContext(id)),
        recorded_by: who.actor.id,
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: `coaching.meeting.${input.kind}`,
      outcome: 'succeeded',
      fieldGroups: [group],
      details: { participant: participantId, meeting: id },
    });
  });
  return { id };
}

type ParticipantRow = Awaited<ReturnType<typeof openParticipant>>;

/** The first entry requirement the person does not meet, by what is recorded of them; none when all are met. */
export function unmetRequirement(requirements: readonly Requirement[], person: Pick<ParticipantRow, 'gender' | 'languages' | 'scripts'>) {
  const rank = (level: string) => languageLevels.indexOf(level as (typeof languageLevels)[number]);
  return requirements.find((requirement) => {
    if (requirement.kind === 'gender') return !requirement.genders.includes(person.gender as never);
    if (requirement.kind === 'language')
      return !person.languages.some(
        (spoken) => requirement.languages.includes(spoken.code) && rank(spoken.level) >= rank(requirement.level),
      );
    return !person.scripts.includes(requirement.script);
  });
}

/** A requirement in the reader's words, as the group's page shows it. */
function describe(requirement: Requirement, language: Language): string {
  const t = (key: string, params?: Record<string, unknown>) => translate(language, `coaching.${key}`, params);
  if (requirement.kind === 'gender')
    return t('requirement.gender', { genders: requirement.genders.map((g) => t(`genders.${g}`)).join(', ') });
  if (requirement.kind === 'literacy') return t('requirement.literacy', { script: t(`scripts.${requirement.script}`) });
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return t('requirement.language', {
    languages: requirement.languages.map((code) => names.of(code) ?? code).join(', '),
    level: t(`levels.${requirement.level}`),
  });
}

/**
 * A group's capacity and entry requirements, its row locked until the transaction ends: one change
 * of its places at a time (an enrolment, a leaving and the move from the waiting list), so two cannot
 * take the last place, nor a freed place be given twice.
 */
export function lockGroupPlaces(trx: Database, groupId: string) {
  return trx
    .selectFrom('coaching_groups')
    .select(['capacity', 'requirements'])
    .where('id', '=', groupId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Enrols a participant in a group from a day, after checking the group's entry requirements: a
 * requirement not met refuses the enrolment and names it. Beyond the group's capacity the person goes
 * on the waiting list; enrolling one who waits takes them in when a place is free.
 */
export async function enrol(ctx: AppContext, who: Who, groupId: string, input: EnrolmentInput, language: Language) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  const person = await openParticipant(ctx.db, who.actor, 'coaching.participants.manage', input.participantId);
  return ctx.db.transaction().execute(async (trx) => {
    const group = await lockGroupPlaces(trx, groupId);
    const existing = await trx
      .selectFrom('coaching_enrolments')
      .select('status')
      .where('group_id', '=', groupId)
      .where('participant_id', '=', person.id)
      .executeTakeFirst();
    if (existing?.status === 'enrolled') throw new AppError(409, 'coaching_already_enrolled');
    if (existing?.status === 'left') throw new AppError(409, 'coaching_left');
    const unmet = unmetRequirement(group.requirements as Requirement[], person);
    if (unmet) throw new AppError(422, 'coaching_requirement_unmet', { requirement: describe(unmet, language) });
    const taken = await trx
      .selectFrom('coaching_enrolments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('group_id', '=', groupId)
      .where('status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    const status = Number(taken.n) < group.capacity ? 'enrolled' : 'waiting';
    const values = { status, enrolled_on: status === 'enrolled' ? input.enrolledOn : null } as const;
    if (existing)
      await trx
        .updateTable('coaching_enrolments')
        .set(values)
        .where('group_id', '=', groupId)
        .where('participant_id', '=', person.id)
        .execute();
    else
      await trx
        .insertInto('coaching_enrolments')
        .values({ group_id: groupId, participant_id: person.id, ...values })
        .execute();
    if (status === 'enrolled') await followUpTasks(trx, groupId, person.id, await lastSessionDay(trx, groupId));
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.enrolment',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { group: groupId, participant: person.id, status, enrolledOn: values.enrolled_on },
    });
    return { status };
  });
}

/**
 * The participant's enrolment in the group, or a 404: what attendance, goals and follow-up hang on.
 * One who left is refused with a 409: their part in the group is closed as it was when they left.
 */
export async function enrolmentOf(db: Database, groupId: string, participantId: string) {
  const enrolment = await db
    .selectFrom('coaching_enrolments')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('participant_id', '=', participantId)
    .where('status', 'in', ['enrolled', 'left'])
    .executeTakeFirst();
  if (!enrolment) throw notFound();
  if (enrolment.status === 'left') throw new AppError(409, 'coaching_left');
  return enrolment;
}
