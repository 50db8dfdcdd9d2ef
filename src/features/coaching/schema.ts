import type { FromSchema } from 'json-schema-to-ts';
import { genders, languageLevels, leaveReasons, scripts } from '../../core/codes.ts';
import {
  boolean,
  inGroup,
  name as personName,
  nullable,
  codeOf,
  date,
  integer,
  objectBody,
  optionalText,
  optionalString,
  responseList,
  responseObject,
  string,
  strings,
  text,
  uuid,
} from '../../server/schemaParts.ts';

/**
 * Work-life coaching: programme templates and groups, and their participants, whose data names its
 * field group (identity: the name; coaching: the coaching data; health: the psychologist's meetings).
 */

const names = objectBody(['fi', 'sv', 'en'], { fi: text(200, 1), sv: text(200, 1), en: text(200, 1) });
const itemKey = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const namedItems = {
  type: 'array',
  minItems: 1,
  maxItems: 30,
  items: objectBody(['key', 'names'], { key: itemKey, names }),
} as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
export const programmeIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } },
} as const;

/**
 * A programme's template. Content types, goals and the plan may be left out of a change: the
 * previous version's are kept, the plan fitted to the new length (programmes.ts).
 */
export const programmeBody = objectBody(['names', 'weeks', 'sessionsPerWeek', 'weekdays', 'sessionStart', 'sessionMinutes'], {
  names,
  weeks: { type: 'integer', minimum: 1, maximum: 52 },
  sessionsPerWeek: { type: 'integer', minimum: 1, maximum: 5 },
  weekdays: { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 5 } },
  sessionStart: time,
  sessionMinutes: { type: 'integer', minimum: 30, maximum: 480 },
  contentTypes: namedItems,
  goals: namedItems,
  plan: { type: 'array', minItems: 1, maxItems: 260, items: itemKey },
});
/** A new programme starts as a copy of another's current template, under its own names. */
export const newProgrammeBody = objectBody(['basedOn', 'names'], { basedOn: programmeIdParams.properties.id, names });

const namesResponse = responseObject({ fi: string, sv: string, en: string });
const namedItemsResponse = responseList({ key: string, names: namesResponse });
const template = {
  version: integer,
  names: namesResponse,
  weeks: integer,
  sessionsPerWeek: integer,
  weekdays: { type: 'array', items: integer },
  sessionStart: string,
  sessionMinutes: integer,
  contentTypes: namedItemsResponse,
  goals: namedItemsResponse,
  plan: strings,
  createdAt: string,
  createdBy: optionalString,
} as const;
export const programmeListResponse = responseList({ id: string, ...template });
export const programmeResponse = responseObject({
  id: string,
  ...template,
  versions: responseList({ version: integer, createdAt: string, createdBy: optionalString }),
});
export const programmeCreatedResponse = { 201: responseObject({ id: string }) } as const;
export const programmeVersionResponse = { 200: responseObject({ version: integer }) } as const;

/**
 * Entry requirements as data: each is one rule the enrolment checks against what is known of the
 * person, and explains when it is not met. `language`: one of the languages at least at the level.
 */
export const requirement = {
  oneOf: [
    objectBody(['kind', 'genders'], {
      kind: { const: 'gender' },
      genders: { type: 'array', minItems: 1, uniqueItems: true, items: codeOf(genders) },
    }),
    objectBody(['kind', 'languages', 'level'], {
      kind: { const: 'language' },
      languages: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', pattern: '^[a-z]{2,3}$' } },
      level: codeOf(languageLevels),
    }),
    objectBody(['kind', 'script'], { kind: { const: 'literacy' }, script: codeOf(scripts) }),
  ],
} as const;

export const groupBody = objectBody(
  ['programmeId', 'name', 'startsOn', 'place', 'teachingLanguages', 'capacity', 'coachIds', 'partnerIds', 'requirements'],
  {
    programmeId: programmeIdParams.properties.id,
    name: text(200, 1),
    startsOn: date,
    place: text(300, 1),
    teachingLanguages: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z]{2,3}$' },
    },
    capacity: { type: 'integer', minimum: 1, maximum: 100 },
    coachIds: { type: 'array', maxItems: 20, uniqueItems: true, items: uuid },
    partnerIds: { type: 'array', maxItems: 20, uniqueItems: true, items: text(100, 1) },
    requirements: { type: 'array', maxItems: 10, items: requirement },
  },
);

const requirementResponse = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: string, genders: strings, languages: strings, level: string, script: string },
} as const;
const person = responseObject({ id: string, name: string });
const groupSummary = {
  id: string,
  name: string,
  programmeId: string,
  programmeVersion: integer,
  programmeNames: namesResponse,
  startsOn: string,
  place: string,
  teachingLanguages: strings,
  capacity: integer,
} as const;
export const groupListResponse = responseList(groupSummary);
export const groupResponse = responseObject({
  ...groupSummary,
  requirements: { type: 'array', items: requirementResponse },
  coaches: { type: 'array', items: person },
  partners: { type: 'array', items: person },
  /** The day of the last session. */
  endsOn: optionalString,
  /** Whether the asker may change the group: one of its coaches. */
  mayManage: boolean,
});
export const sessionListResponse = responseList({
  id: string,
  number: integer,
  contentType: string,
  day: string,
  /** The day the schedule gave it, before any move. */
  plannedDay: string,
  startsAt: string,
  minutes: integer,
  teacher: optionalString,
  place: optionalString,
});
export const sessionParams = { type: 'object', required: ['id', 'itemId'], properties: { id: uuid, itemId: uuid } } as const;
/** A session moved or completed: its day and start, its teacher or guest lecturer and its place (empty: the group's). */
export const sessionChangeBody = objectBody(['day', 'startsAt'], {
  day: date,
  startsAt: time,
  teacher: optionalText(200),
  place: optionalText(300),
});

export const coachListResponse = responseList({ id: string, name: string });

const languageCode = { type: 'string', pattern: '^[a-z]{2,3}$' } as const;
const spokenLanguages = {
  type: 'array',
  maxItems: 10,
  items: objectBody(['code', 'level'], { code: languageCode, level: codeOf(languageLevels) }),
} as const;
const organisationIds = { type: 'array', maxItems: 20, uniqueItems: true, items: text(100, 1) } as const;
export const workAbilities = ['full', 'partial', 'unknown'] as const;
export const itLevels = ['none', 'basic', 'moderate', 'good'] as const;

/** The broad initial assessment; languages and literacy are the participant's own fields (the entry check reads them). */
export const assessmentBody = objectBody(['itSkills', 'education', 'workHistory', 'workAbility', 'childcare', 'goals', 'ownGoals'], {
  itSkills: codeOf(itLevels),
  education: text(2000),
  workHistory: text(2000),
  workAbility: codeOf(workAbilities),
  childcare: text(1000),
  goals: { type: 'array', maxItems: 30, uniqueItems: true, items: itemKey },
  ownGoals: text(2000),
});

/**
 * A participant with the minimum needed and the person's consent: to take part (must be given) and
 * which organisations may see their coaching data. A client record is linked only by one who may see it.
 */
export const participantBody = objectBody(['name', 'gender', 'languages', 'scripts', 'consent'], {
  name: personName(200, 1),
  gender: codeOf(genders),
  languages: spokenLanguages,
  scripts: { type: 'array', maxItems: 4, uniqueItems: true, items: codeOf(scripts) },
  clientId: nullable(uuid),
  consent: objectBody(['takesPart', 'givenOn', 'sharedWith'], { takesPart: { const: true }, givenOn: date, sharedWith: organisationIds }),
  assessment: nullable(assessmentBody),
});
/** The languages the person speaks and at what level, changed as they learn: what the entry check reads next. */
export const languagesBody = objectBody(['languages'], { languages: spokenLanguages });
export const participantParams = {
  type: 'object',
  required: ['id', 'participantId'],
  properties: { id: uuid, participantId: uuid },
} as const;
export const enrolmentBody = objectBody(['participantId', 'enrolledOn'], { participantId: uuid, enrolledOn: date });
export const enrolmentResponse = { 200: responseObject({ status: string }) } as const;

/** The last day in the group (sessions after it are not expected), why, and an optional note. */
export const leavingBody = objectBody(['leftOn', 'reason'], { leftOn: date, reason: codeOf(leaveReasons), note: optionalText(2000) });
/**
 * The place freed goes to the first on the waiting list who meets the entry requirements, from the
 * next session; those passed over keep the requirement they do not meet (shown on the group's list).
 */
export const leavingResponse = {
  200: responseObject({
    movedIn: { anyOf: [responseObject({ participantId: string, enrolledOn: string }), { type: 'null' }] },
    passedOver: strings,
  }),
} as const;

export const meetingKinds = ['guidance', 'psychologist'] as const;
export const meetingBody = objectBody(['kind', 'heldOn', 'notes'], { kind: codeOf(meetingKinds), heldOn: date, notes: text(10000, 1) });

export const attendanceMarks = ['present', 'late', 'absent', 'excused'] as const;
export const attendanceBody = objectBody(['marks'], {
  marks: {
    type: 'array',
    minItems: 1,
    maxItems: 100,
    items: objectBody(['participantId', 'mark'], { participantId: uuid, mark: codeOf(attendanceMarks) }),
  },
});

/** The goals on a plain-words scale: 1 not yet, 2 a little, 3 quite well, 4 well. */
export const goalPhases = ['start', 'end'] as const;
export const assessors = ['person', 'coach'] as const;
export const goalsBody = objectBody(['phase', 'assessor', 'scores'], {
  phase: codeOf(goalPhases),
  assessor: codeOf(assessors),
  scores: {
    type: 'array',
    minItems: 1,
    maxItems: 30,
    items: objectBody(['goal', 'score'], { goal: itemKey, score: { type: 'integer', minimum: 1, maximum: 4 } }),
  },
});
export const careerPlanBody = objectBody(['careerPlan'], { careerPlan: text(10000) });

export const followUpOutcomes = ['work', 'studies', 'looking_for_work', 'other'] as const;
export const followUpBody = objectBody(['months', 'outcome', 'exploitationSign', 'recordedOn'], {
  months: { type: 'integer', enum: [3, 6, 12] },
  outcome: codeOf(followUpOutcomes),
  exploitationSign: boolean,
  recordedOn: date,
});
/** A sign of renewed exploitation: the coach is asked to consult the assistance system. */
export const followUpResponse = { 200: responseObject({ consultAssistanceSystem: boolean }) } as const;

const assessmentResponse = responseObject({
  itSkills: string,
  education: string,
  workHistory: string,
  workAbility: string,
  childcare: string,
  goals: strings,
  ownGoals: string,
});
const meetingResponse = responseList({ id: string, heldOn: string, notes: string, recordedBy: optionalString });
const goalScores = responseList({ groupId: string, phase: string, assessor: string, goal: string, score: integer });
export const participantListResponse = responseList({
  id: inGroup('record', string),
  name: inGroup('identity', string),
  status: inGroup('coaching', string),
  enrolledOn: inGroup('coaching', optionalString),
  /** The last day in the group of one who left, and why. */
  leftOn: inGroup('coaching', optionalString),
  leaveReason: inGroup('coaching', optionalString),
  /** One waiting who was passed over when a place freed: the requirement not met then, and the day. */
  passedOver: inGroup('coaching', { anyOf: [responseObject({ requirement: requirementResponse, on: string }), { type: 'null' }] }),
  /** Present or late among the sessions the person was expected at, in per cent; null before any. */
  attendanceRate: inGroup('coaching', { type: ['integer', 'null'] }),
});
export const participantIndexResponse = responseList({ id: inGroup('record', string), name: inGroup('identity', string) });
export const participantResponse = responseObject({
  id: inGroup('record', string),
  name: inGroup('identity', string),
  gender: inGroup('coaching', string),
  languages: inGroup('coaching', responseList({ code: string, level: string })),
  scripts: inGroup('coaching', strings),
  clientId: inGroup('coaching', optionalString),
  consent: inGroup('coaching', responseObject({ givenOn: string, sharedWith: strings })),
  assessment: inGroup('coaching', { anyOf: [assessmentResponse, { type: 'null' }] }),
  enrolments: inGroup(
    'coaching',
    responseList({
      groupId: string,
      groupName: string,
      status: string,
      enrolledOn: optionalString,
      leftOn: optionalString,
      leaveReason: optionalString,
      careerPlan: optionalString,
    }),
  ),
  guidance: inGroup('coaching', meetingResponse),
  goals: inGroup('coaching', goalScores),
  psychologistMeetings: inGroup('health', meetingResponse),
});
export const attendanceResponse = responseObject({
  sessions: inGroup('record', responseList({ id: string, number: integer, day: string, contentType: string })),
  participants: inGroup(
    'coaching',
    responseList({
      id: string,
      name: inGroup('identity', string),
      enrolledOn: string,
      leftOn: optionalString,
      /** One per session, in the sessions' order: a mark, `not_enrolled` before the person joined, `left` after they left, or null. */
      marks: { type: 'array', items: optionalString },
      attendanceRate: { type: ['integer', 'null'] },
    }),
  ),
});
/**
 * A participant's own schedule, to print and hand over: the groups they are in and, from their first
 * day, each session's day, time, place and content. Nothing about anyone else, no teachers' names.
 */
export const participantScheduleResponse = responseObject({
  groups: inGroup(
    'coaching',
    responseList({
      groupId: string,
      groupName: string,
      sessions: responseList({
        day: string,
        startsAt: string,
        minutes: integer,
        contentType: string,
        contentNames: namesResponse,
        place: string,
      }),
    }),
  ),
});
export const taskListResponse = responseList({
  id: inGroup('record', string),
  kind: inGroup('coaching', string),
  months: inGroup('coaching', { type: ['integer', 'null'] }),
  dueOn: inGroup('coaching', string),
  groupId: inGroup('coaching', string),
  groupName: inGroup('coaching', string),
  participantId: inGroup('record', string),
  participantName: inGroup('identity', string),
});

export const reportQuery = objectBody([], { form: { type: 'string', enum: ['internal', 'published'], default: 'published' } });
export const reportFileQuery = objectBody(['format'], {
  form: { type: 'string', enum: ['internal', 'published'], default: 'published' },
  format: { type: 'string', enum: ['csv', 'csv-semicolon', 'xlsx'] },
});
const figure = { type: ['integer', 'null'] } as const;
const mean = { type: ['number', 'null'] } as const;
/**
 * Counts and means: in the published form, a count hidden by the disclosure control (1–4, and those
 * that would give one away) and a figure fewer than five people make are null.
 */
export const reportResponse = responseObject({
  form: string,
  name: string,
  groups: integer,
  /** Ever taken in = completed + left + ongoing (in the group, not yet assessed at the end). */
  enrolled: figure,
  completed: figure,
  left: figure,
  ongoing: figure,
  waiting: figure,
  attendanceRate: figure,
  goals: responseList({ goal: string, names: namesResponse, personStart: mean, personEnd: mean, coachStart: mean, coachEnd: mean }),
  /** How many were followed up at each point; the outcomes at that point add up to it. */
  followedUp: responseList({ months: integer, count: figure }),
  followUps: responseList({ months: integer, outcome: string, count: figure }),
  exploitationSigns: figure,
});
export type CoachingReport = Omit<FromSchema<typeof reportResponse>, 'form'>;

export type ParticipantInput = FromSchema<typeof participantBody>;
export type AssessmentInput = FromSchema<typeof assessmentBody>;
export type LanguagesInput = FromSchema<typeof languagesBody>;
export type EnrolmentInput = FromSchema<typeof enrolmentBody>;
export type MeetingInput = FromSchema<typeof meetingBody>;
export type AttendanceInput = FromSchema<typeof attendanceBody>;
export type GoalsInput = FromSchema<typeof goalsBody>;
export type FollowUpInput = FromSchema<typeof followUpBody>;
export type LeavingInput = FromSchema<typeof leavingBody>;
export type Participant = FromSchema<typeof participantResponse>;
export type ParticipantSummary = FromSchema<typeof participantListResponse>[number];
export type Attendance = FromSchema<typeof attendanceResponse>;
export type CoachingTask = FromSchema<typeof taskListResponse>[number];
export type ParticipantSchedule = FromSchema<typeof participantScheduleResponse>;

export type ProgrammeInput = FromSchema<typeof programmeBody>;
export type NewProgrammeInput = FromSchema<typeof newProgrammeBody>;
export type Programme = FromSchema<typeof programmeResponse>;
export type ProgrammeSummary = FromSchema<typeof programmeListResponse>[number];
export type Requirement = FromSchema<typeof requirement>;
export type GroupInput = FromSchema<typeof groupBody>;
export type Group = FromSchema<typeof groupResponse>;
export type GroupSummary = FromSchema<typeof groupListResponse>[number];
export type Session = FromSchema<typeof sessionListResponse>[number];
export type SessionChange = FromSchema<typeof sessionChangeBody>;
export type Coach = FromSchema<typeof coachListResponse>[number];
