import { helsinkiDate } from '../../core/dates.ts';
import type { Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { saveAttendance } from './attendance.ts';
import { recordFollowUp, saveCareerPlan, saveGoals } from './outcomes.ts';
import { recordLeaving } from './leaving.ts';
import { createParticipant, enrol, recordMeeting } from './participants.ts';

const goals = ['rights_at_work', 'finnish', 'it_skills', 'job_search', 'self_confidence', 'psychosocial_support', 'career_study_plans'];
const marks = ['present', 'present', 'present', 'late', 'present', 'excused', 'present', 'absent'] as const;

/**
 * Invented participants for a demo group: enrolled on its first day, attendance for every session
 * held so far, a guidance meeting and the goals at the start; a finished group also one who left
 * half-way, the others' goals at the end, career plans and, where the time has come, a three-month follow-up.
 */
export async function installDemoParticipants(ctx: AppContext, coach: Who, groupId: string, names: string[], finished: boolean) {
  const sessions = await ctx.db
    .selectFrom('coaching_sessions')
    .select(['id', 'on_day'])
    .where('group_id', '=', groupId)
    .orderBy('on_day')
    .execute();
  const startsOn = sessions[0].on_day;
  const today = helsinkiDate();
  const ids: string[] = [];
  for (const [index, name] of names.entries()) {
    const { id } = await createParticipant(ctx, coach, {
      name,
      gender: 'female',
      languages: [
        { code: 'en', level: index % 2 === 0 ? 'good' : 'moderate' },
        { code: 'fi', level: 'basic' },
      ],
      scripts: ['latin'],
      consent: { takesPart: true, givenOn: startsOn, sharedWith: index % 2 === 0 ? ['monika'] : [] },
      assessment: {
        itSkills: index % 3 === 0 ? 'basic' : 'moderate',
        education: 'Upper secondary school in the home country.',
        workHistory: 'Cleaning and restaurant work.',
        workAbility: index === 1 ? 'partial' : 'full',
        childcare: index % 2 === 0 ? 'One child in day care.' : '',
        goals: goals.slice(index % 3, (index % 3) + 3),
        ownGoals: 'To find work where I am paid properly.',
      },
    });
    await enrol(ctx, coach, groupId, { participantId: id, enrolledOn: startsOn }, 'fi');
    await recordMeeting(ctx, coach, id, {
      kind: 'guidance',
      heldOn: startsOn,
      notes: 'First individual guidance: goals and the week’s rhythm.',
    });
    await saveGoals(ctx, coach, groupId, id, {
      phase: 'start',
      assessor: 'person',
      scores: goals.map((goal, g) => ({ goal, score: 1 + ((g + index) % 2) })),
    });
    await saveGoals(ctx, coach, groupId, id, { phase: 'start', assessor: 'coach', scores: goals.map((goal) => ({ goal, score: 1 })) });
    ids.push(id);
  }
  // In a finished group the last one found work half-way and left; her place had nobody waiting.
  const leaver = finished && ids.length > 2 ? ids.at(-1) : undefined;
  const leftOn = sessions[Math.floor(sessions.length / 2)].on_day;
  for (const [s, session] of sessions.entries()) {
    if (session.on_day > today) break;
    await saveAttendance(ctx, coach, groupId, session.id, {
      marks: ids.flatMap((participantId, p) =>
        participantId === leaver && session.on_day > leftOn ? [] : [{ participantId, mark: marks[(s + 3 * p) % marks.length] }],
      ),
    });
  }
  if (!finished) return;
  if (leaver) await recordLeaving(ctx, coach, groupId, leaver, { leftOn, reason: 'work', note: null });
  const endsOn = sessions.at(-1)!.on_day;
  for (const [index, id] of ids.entries()) {
    if (id === leaver) continue;
    await saveGoals(ctx, coach, groupId, id, {
      phase: 'end',
      assessor: 'person',
      scores: goals.map((goal, g) => ({ goal, score: 3 + ((g + index) % 2) })),
    });
    await saveGoals(ctx, coach, groupId, id, { phase: 'end', assessor: 'coach', scores: goals.map((goal) => ({ goal, score: 3 })) });
    await saveCareerPlan(ctx, coach, groupId, id, 'Finnish course in the autumn, then practical nurse studies.');
    const threeMonths = new Date(`${endsOn}T00:00:00Z`);
    threeMonths.setUTCMonth(threeMonths.getUTCMonth() + 3);
    if (threeMonths.toISOString().slice(0, 10) <= today)
      await recordFollowUp(ctx, coach, groupId, id, {
        months: 3,
        outcome: index % 2 === 0 ? 'studies' : 'looking_for_work',
        exploitationSign: false,
        recordedOn: today,
      });
  }
}
