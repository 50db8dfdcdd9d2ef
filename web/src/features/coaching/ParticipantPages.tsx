import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { formChecked, formCode, formDay, formList, formText, formTextOrNull } from '../../lib/forms.ts';
import { genders, languageLevels, leaveReasons, scripts, teachingLanguages } from '#shared/codes.ts';
import type {
  AssessmentInput,
  EnrolmentInput,
  FollowUpInput,
  GoalsInput,
  Group,
  LanguagesInput,
  LeavingInput,
  MeetingInput,
  Participant,
  ParticipantInput,
  ParticipantSummary,
  Programme,
} from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, CheckboxesField, DateField, Field, RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { codeName } from '../../ui/form/codeNames.ts';
import { named, useRequirementText } from './texts.ts';

type Organisation = { id: string; name: string };

/** The group's participants, enrolled and waiting, with their attendance; its coaches enrol more. */
export function GroupParticipants({ groupId, mayManage }: { groupId: string; mayManage: boolean }) {
  const { t, i18n } = useTranslation('coaching');
  const participants = useApiQuery<Array<Shown<ParticipantSummary>>>(`/coaching/groups/${groupId}/participants`);
  const known = useApiQuery<Array<{ id: string; name: string }>>(mayManage ? '/coaching/participants' : null);
  const requirementText = useRequirementText();
  const [result, setResult] = useState<string | null>(null);
  // One already recorded (or waiting) is enrolled here; the entry requirements are checked as for a new one.
  async function enrolKnown(form: FormData) {
    setResult(null);
    const participantId = formText(form, 'participantId');
    const answer = await api<{ status: string }>('POST', `/coaching/groups/${groupId}/enrolments`, {
      participantId,
      enrolledOn: formDay(form, 'enrolledOn'),
    } satisfies EnrolmentInput);
    const name = known.data?.find((person) => person.id === participantId)?.name ?? '';
    await participants.refetch();
    setResult(t(answer.status === 'enrolled' ? 'participants.enrolledResult' : 'participants.waitingResult', { name }));
  }
  return (
    <section aria-labelledby="participants-heading" className="panel">
      <h2 id="participants-heading">{t('participants.title')}</h2>
      <ul className="actions">
        {mayManage && (
          <li>
            <Link to={`/coaching/groups/${groupId}/participants/new`}>{t('participants.new')}</Link>
          </li>
        )}
        <li>
          <Link to={`/coaching/groups/${groupId}/attendance`}>{t('attendance.title')}</Link>
        </li>
        <li>
          <Link to={`/coaching/groups/${groupId}/report`}>{t('report.title')}</Link>
        </li>
      </ul>
      <Loaded query={participants}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('participants.none')}</p>
          ) : (
            // The heading above names the section already: the box is a group, not a second landmark.
            <ScrollingTable caption={t('participants.title')} captionHidden landmark={false}>
              <thead>
                <tr>
                  <th scope="col">{t('participants.name')}</th>
                  <th scope="col">{t('participants.status')}</th>
                  <th scope="col">{t('participants.enrolledOn')}</th>
                  <th scope="col">{t('participants.attendanceRate')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <Link to={`/coaching/participants/${person.id}`}>{person.name}</Link>
                    </td>
                    <td>
                      {t(`participants.statuses.${person.status}`)}
                      {person.leftOn && ` ${formatDate(person.leftOn, i18n.language)} (${t(`leaving.reasons.${person.leaveReason}`)})`}
                      {person.passedOver?.requirement && (
                        <span className="hint">
                          {' '}
                          {t('leaving.passedOverOn', {
                            day: formatDate(person.passedOver.on ?? '', i18n.language),
                            requirement: requirementText(person.passedOver.requirement),
                          })}
                        </span>
                      )}
                    </td>
                    <td>{person.enrolledOn ? formatDate(person.enrolledOn, i18n.language) : '–'}</td>
                    <td>{person.attendanceRate === null ? '–' : `${person.attendanceRate} %`}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )
        }
      </Loaded>
      {mayManage && known.data && known.data.length > 0 && (
        <>
          <h3 id="enrol-heading">{t('participants.enrol')}</h3>
          {result && <StatusMessage>{result}</StatusMessage>}
          <Form onSubmit={enrolKnown} aria-labelledby="enrol-heading">
            <SelectField
              label={t('participants.participant')}
              name="participantId"
              required
              messages={{ required: t('participants.participantRequired') }}
              options={known.data.map((person) => ({ value: person.id, label: person.name }))}
            />
            <DateField
              label={t('participants.enrolledOn')}
              name="enrolledOn"
              required
              messages={{ required: t('participants.enrolledOnRequired') }}
            />
            <SubmitButton>{t('participants.enrol')}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

/**
 * A new participant with the person's consent, enrolled in the group at once: the entry requirements
 * are checked and a refusal names the one not met. Sent again after a refusal, the same record is used.
 */
export function NewParticipantPage() {
  const { t, i18n } = useTranslation('coaching');
  const { groupId } = useParams();
  const navigate = useNavigate();
  const organisations = useApiQuery<Organisation[]>('/organisations');
  const [recorded, setRecorded] = useState<string | null>(null);
  const languageOptions = teachingLanguages.map((code) => ({ value: code, label: codeName('language', code, i18n.language) }));
  const levelOptions = languageLevels.map((level) => ({ value: level, label: t(`levels.${level}`) }));

  // A language without its level (or a level without its language) would be dropped without a word.
  function checkLanguages(form: FormData) {
    return ['1', '2'].flatMap((n) => {
      const [code, level] = [formText(form, `language${n}`), formText(form, `level${n}`)];
      if (level && !code) return [{ name: `language${n}`, problem: 'required' }];
      if (code && !level) return [{ name: `level${n}`, problem: 'required' }];
      if (n === '2' && code && code === formText(form, 'language1')) return [{ name: 'language2', problem: 'uniqueItems' }];
      return [];
    });
  }

  async function save(form: FormData) {
    const languages = ['1', '2']
      .filter((n) => formText(form, `language${n}`) && formText(form, `level${n}`))
      .map((n) => ({ code: formText(form, `language${n}`), level: formCode<(typeof languageLevels)[number]>(form, `level${n}`) }));
    let id = recorded;
    if (!id) {
      id = (
        await api<{ id: string }>('POST', '/coaching/participants', {
          name: formText(form, 'name'),
          gender: formCode<(typeof genders)[number]>(form, 'gender'),
          languages,
          scripts: formList(form, 'scripts') as ParticipantInput['scripts'],
          consent: {
            takesPart: formChecked(form, 'takesPart') as true,
            givenOn: formDay(form, 'consentGivenOn'),
            sharedWith: formList(form, 'sharedWith'),
          },
        } satisfies ParticipantInput)
      ).id;
      setRecorded(id);
    }
    await api('POST', `/coaching/groups/${groupId}/enrolments`, {
      participantId: id,
      enrolledOn: formDay(form, 'enrolledOn'),
    } satisfies EnrolmentInput);
    void navigate(`/coaching/groups/${groupId}`);
  }

  return (
    <>
      <PageTitle>{t('participants.new')}</PageTitle>
      <p>{t('participants.enrolIntro')}</p>
      <Loaded query={organisations}>
        {(organisationList) => (
          <Form className="narrow" onSubmit={save} check={checkLanguages}>
            <Field
              label={t('participants.name')}
              name="name"
              required
              maxLength={200}
              messages={{ required: t('participants.nameRequired') }}
            />
            <SelectField
              label={t('participants.gender')}
              name="gender"
              required
              messages={{ required: t('participants.genderRequired') }}
              options={genders.map((gender) => ({ value: gender, label: t(`participants.genders.${gender}`) }))}
            />
            <SelectField
              label={t('participants.language1')}
              name="language1"
              messages={{ required: t('languages.codeRequired') }}
              options={languageOptions}
            />
            <SelectField
              label={t('participants.level')}
              name="level1"
              messages={{ required: t('languages.levelRequired') }}
              options={levelOptions}
            />
            <SelectField
              label={t('participants.language2')}
              name="language2"
              messages={{ required: t('languages.codeRequired'), uniqueItems: t('languages.twice') }}
              options={languageOptions}
            />
            <SelectField
              label={t('participants.level')}
              name="level2"
              messages={{ required: t('languages.levelRequired') }}
              options={levelOptions}
            />
            <CheckboxesField
              label={t('participants.scripts')}
              name="scripts"
              options={scripts.map((script) => ({ value: script, label: t(`scripts.${script}`) }))}
            />
            <h2>{t('participants.consent')}</h2>
            <CheckboxField
              label={t('participants.consentTakesPart')}
              name="takesPart"
              required
              messages={{ required: t('participants.consentRequired') }}
            />
            <DateField
              label={t('participants.consentGivenOn')}
              name="consentGivenOn"
              required
              messages={{ required: t('participants.consentGivenOnRequired') }}
            />
            <CheckboxesField
              label={t('participants.sharedWith')}
              hint={t('participants.sharedWithHint')}
              name="sharedWith"
              options={organisationList.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
            />
            <DateField
              label={t('participants.enrolledOn')}
              name="enrolledOn"
              required
              messages={{ required: t('participants.enrolledOnRequired') }}
            />
            <SubmitButton>{t('participants.create')}</SubmitButton>
          </Form>
        )}
      </Loaded>
      <p>
        <Link to={`/coaching/groups/${groupId}`}>{t('participants.back')}</Link>
      </p>
    </>
  );
}

/** The participants the reader reaches: where the health professional finds whom a meeting is for. */
export function ParticipantsPage() {
  const { t } = useTranslation('coaching');
  const participants = useApiQuery<Array<{ id: string; name: string }>>('/coaching/participants');
  return (
    <>
      <PageTitle>{t('participants.title')}</PageTitle>
      <Loaded query={participants}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('participants.none')}</p>
          ) : (
            <ul>
              {list.map((person) => (
                <li key={person.id}>
                  <Link to={`/coaching/participants/${person.id}`}>{person.name}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

type Meeting = { id: string; heldOn: string; notes: string; recordedBy: string | null };
/** A participant as read: what the reader may not see is absent (the field-group filter took it away). */
type ParticipantShown = Omit<Shown<Participant>, 'enrolments' | 'guidance' | 'psychologistMeetings' | 'languages'> & {
  enrolments?: Shown<NonNullable<Participant['enrolments']>>;
  guidance?: Meeting[];
  psychologistMeetings?: Meeting[];
  languages: Shown<NonNullable<Participant['languages']>>;
};

function Meetings({
  participantId,
  kind,
  meetings,
  mayAdd,
  onAdded,
}: {
  participantId: string;
  kind: MeetingInput['kind'];
  meetings: Meeting[];
  mayAdd: boolean;
  onAdded: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('coaching');
  async function add(form: FormData) {
    await api('POST', `/coaching/participants/${participantId}/meetings`, {
      kind,
      heldOn: formDay(form, 'heldOn'),
      notes: formText(form, 'notes'),
    } satisfies MeetingInput);
    await onAdded();
  }
  return (
    <section aria-labelledby={`${kind}-heading`} className="panel">
      <h2 id={`${kind}-heading`}>{t(`participant.${kind}`)}</h2>
      {kind === 'psychologist' && <p className="hint">{t('participant.psychologistHint')}</p>}
      {meetings.length === 0 ? (
        <p>{t('participant.noMeetings')}</p>
      ) : (
        <ul>
          {meetings.map((meeting) => (
            <li key={meeting.id}>
              <strong>{formatDate(meeting.heldOn, i18n.language)}</strong> {meeting.recordedBy ? `(${meeting.recordedBy})` : ''}
              <p className="preserve">{meeting.notes}</p>
            </li>
          ))}
        </ul>
      )}
      {mayAdd && (
        <Form onSubmit={add} aria-labelledby={`${kind}-heading`}>
          <DateField label={t('participant.heldOn')} name="heldOn" required messages={{ required: t('participant.heldOnRequired') }} />
          <TextAreaField
            label={t('participant.notes')}
            name="notes"
            required
            maxLength={10000}
            messages={{ required: t('participant.notesRequired') }}
          />
          <SubmitButton>{t('participant.addMeeting')}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

function AssessmentForm({
  participant,
  goals,
  onSaved,
}: {
  participant: ParticipantShown;
  goals: Programme['goals'];
  onSaved: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('coaching');
  const [saved, setSaved] = useState(false);
  const current = participant.assessment;
  async function save(form: FormData) {
    setSaved(false);
    await api('PUT', `/coaching/participants/${participant.id}/assessment`, {
      itSkills: formCode(form, 'itSkills'),
      education: formText(form, 'education'),
      workHistory: formText(form, 'workHistory'),
      workAbility: formCode(form, 'workAbility'),
      childcare: formText(form, 'childcare'),
      goals: formList(form, 'goals'),
      ownGoals: formText(form, 'ownGoals'),
    } satisfies AssessmentInput);
    await onSaved();
    setSaved(true);
  }
  return (
    <section aria-labelledby="assessment-heading" className="panel">
      <h2 id="assessment-heading">{t('participant.assessment')}</h2>
      {saved && <StatusMessage>{t('participant.saved')}</StatusMessage>}
      <Form onSubmit={save} aria-labelledby="assessment-heading">
        <RadioGroupField
          label={t('participant.itSkills')}
          name="itSkills"
          required
          defaultValue={current?.itSkills}
          options={(['none', 'basic', 'moderate', 'good'] as const).map((level) => ({
            value: level,
            label: t(`participant.itLevels.${level}`),
          }))}
        />
        <TextAreaField label={t('participant.education')} name="education" maxLength={2000} defaultValue={current?.education} />
        <TextAreaField label={t('participant.workHistory')} name="workHistory" maxLength={2000} defaultValue={current?.workHistory} />
        <RadioGroupField
          label={t('participant.workAbility')}
          name="workAbility"
          required
          defaultValue={current?.workAbility}
          options={(['full', 'partial', 'unknown'] as const).map((ability) => ({
            value: ability,
            label: t(`participant.workAbilities.${ability}`),
          }))}
        />
        <TextAreaField label={t('participant.childcare')} name="childcare" maxLength={1000} defaultValue={current?.childcare} />
        <CheckboxesField
          label={t('participant.goals')}
          name="goals"
          defaultValues={current?.goals ?? []}
          options={(goals ?? []).map((goal) => ({ value: goal.key ?? '', label: named(goal.names, i18n.language) }))}
        />
        <TextAreaField label={t('participant.ownGoals')} name="ownGoals" maxLength={2000} defaultValue={current?.ownGoals} />
        <SubmitButton>{t('participant.saveAssessment')}</SubmitButton>
      </Form>
    </section>
  );
}

/** The goals at start or end on a scale of plain words, the career plan and the follow-ups, for one group. */
function GroupWork({
  participantId,
  groupId,
  careerPlan,
  onSaved,
}: {
  participantId: string;
  groupId: string;
  careerPlan: string | null;
  onSaved: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('coaching');
  const group = useApiQuery<Shown<Group>>(`/coaching/groups/${groupId}`);
  const programme = useApiQuery<Shown<Programme>>(group.data ? `/coaching/programmes/${group.data.programmeId}` : null);
  const [saved, setSaved] = useState<string | null>(null);
  const [consult, setConsult] = useState(false);
  const base = `/coaching/groups/${groupId}/participants/${participantId}`;
  async function saveGoals(form: FormData) {
    setSaved(null);
    const goals = programme.data?.goals ?? [];
    await api('PUT', `${base}/goals`, {
      phase: formCode(form, 'phase'),
      assessor: formCode(form, 'assessor'),
      scores: goals
        .filter((goal) => goal.key && formText(form, `goal-${goal.key}`))
        .map((goal) => ({ goal: goal.key ?? '', score: Number(formText(form, `goal-${goal.key}`)) })),
    } satisfies GoalsInput);
    await onSaved();
    setSaved('goals');
  }
  async function savePlan(form: FormData) {
    setSaved(null);
    await api('PUT', `${base}/plan`, { careerPlan: formText(form, 'careerPlan') });
    await onSaved();
    setSaved('plan');
  }
  async function followUp(form: FormData) {
    setSaved(null);
    const answer = await api<{ consultAssistanceSystem: boolean }>('POST', `${base}/follow-ups`, {
      months: Number(formText(form, 'months')) as FollowUpInput['months'],
      outcome: formCode(form, 'outcome'),
      exploitationSign: formChecked(form, 'exploitationSign'),
      recordedOn: formDay(form, 'recordedOn'),
    } satisfies FollowUpInput);
    setConsult(answer.consultAssistanceSystem);
    await onSaved();
    setSaved('followUp');
  }
  const scale = ['1', '2', '3', '4'].map((score) => ({ value: score, label: `${score} – ${t(`participant.scale.${score}`)}` }));
  return (
    <Loaded query={programme}>
      {(shown) => (
        <section aria-labelledby={`work-${groupId}`} className="panel">
          <h2 id={`work-${groupId}`}>
            {t('participant.goalAssessment')}: {group.data?.name}
          </h2>
          {saved === 'goals' && <StatusMessage>{t('participant.saved')}</StatusMessage>}
          <Form onSubmit={saveGoals} aria-labelledby={`work-${groupId}`}>
            <RadioGroupField
              label={t('participant.phase')}
              name="phase"
              required
              options={(['start', 'end'] as const).map((phase) => ({ value: phase, label: t(`participant.phases.${phase}`) }))}
            />
            <RadioGroupField
              label={t('participant.assessor')}
              name="assessor"
              required
              options={(['person', 'coach'] as const).map((who) => ({ value: who, label: t(`participant.assessors.${who}`) }))}
            />
            {shown.goals.map((goal) => (
              <RadioGroupField
                key={goal.key}
                label={named(goal.names, i18n.language)}
                name={`goal-${goal.key}`}
                required
                messages={{ required: t('participant.scoreRequired') }}
                options={scale}
              />
            ))}
            <SubmitButton>{t('participant.saveGoals')}</SubmitButton>
          </Form>
          <h3>{t('participant.careerPlan')}</h3>
          {saved === 'plan' && <StatusMessage>{t('participant.saved')}</StatusMessage>}
          <Form onSubmit={savePlan}>
            <TextAreaField label={t('participant.careerPlan')} name="careerPlan" maxLength={10000} defaultValue={careerPlan ?? ''} />
            <SubmitButton>{t('participant.savePlan')}</SubmitButton>
          </Form>
          <h3>{t('participant.followUp')}</h3>
          {saved === 'followUp' && <StatusMessage>{consult ? t('participant.consult') : t('participant.saved')}</StatusMessage>}
          <Form onSubmit={followUp}>
            <RadioGroupField
              label={t('participant.months')}
              name="months"
              required
              options={['3', '6', '12'].map((months) => ({ value: months, label: t('participant.monthsValue', { months }) }))}
            />
            <RadioGroupField
              label={t('participant.outcome')}
              name="outcome"
              required
              options={(['work', 'studies', 'looking_for_work', 'other'] as const).map((outcome) => ({
                value: outcome,
                label: t(`report.outcomes.${outcome}`),
              }))}
            />
            <CheckboxField label={t('participant.exploitationSign')} name="exploitationSign" />
            <DateField label={t('participant.recordedOn')} name="recordedOn" required />
            <SubmitButton>{t('participant.recordFollowUp')}</SubmitButton>
          </Form>
        </section>
      )}
    </Loaded>
  );
}

const LANGUAGE_ROWS = [0, 1, 2];

/**
 * The person's languages and levels as they change: what the entry requirements are checked against
 * when a place frees. A language without its level, or the same language twice, is caught before sending.
 */
function LanguagesForm({ participant, onSaved }: { participant: ParticipantShown; onSaved: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation('coaching');
  const [saved, setSaved] = useState(false);
  const languageOptions = teachingLanguages.map((code) => ({ value: code, label: codeName('language', code, i18n.language) }));
  const levelOptions = languageLevels.map((level) => ({ value: level, label: t(`levels.${level}`) }));
  const rows = (form: FormData) =>
    LANGUAGE_ROWS.map((row) => ({ row, code: formText(form, `code${row}`), level: formText(form, `level${row}`) })).filter(
      (entry) => entry.code || entry.level,
    );
  function check(form: FormData) {
    const seen = new Set<string>();
    return rows(form).flatMap(({ row, code, level }) => {
      if (!code) return [{ name: `code${row}`, problem: 'required' }];
      if (!level) return [{ name: `level${row}`, problem: 'required' }];
      if (seen.has(code)) return [{ name: `code${row}`, problem: 'uniqueItems' }];
      seen.add(code);
      return [];
    });
  }
  async function save(form: FormData) {
    setSaved(false);
    await api('PUT', `/coaching/participants/${participant.id}/languages`, {
      languages: rows(form).map(({ code, level }) => ({ code, level: level as (typeof languageLevels)[number] })),
    } satisfies LanguagesInput);
    await onSaved();
    setSaved(true);
  }
  return (
    <section aria-labelledby="languages-heading" className="panel">
      <h2 id="languages-heading">{t('languages.title')}</h2>
      <p className="hint">{t('languages.intro')}</p>
      {saved && <StatusMessage>{t('participant.saved')}</StatusMessage>}
      <Form onSubmit={save} check={check} aria-labelledby="languages-heading" className="narrow">
        {LANGUAGE_ROWS.map((row) => (
          <fieldset key={row}>
            <legend>{t('languages.row', { number: row + 1 })}</legend>
            <SelectField
              label={t('participants.language1')}
              name={`code${row}`}
              path={`languages/${row}/code`}
              defaultValue={participant.languages[row]?.code ?? ''}
              messages={{ required: t('languages.codeRequired'), uniqueItems: t('languages.twice') }}
              options={languageOptions}
            />
            <SelectField
              label={t('participants.level')}
              name={`level${row}`}
              path={`languages/${row}/level`}
              defaultValue={participant.languages[row]?.level ?? ''}
              messages={{ required: t('languages.levelRequired') }}
              options={levelOptions}
            />
          </fieldset>
        ))}
        <SubmitButton>{t('languages.save')}</SubmitButton>
      </Form>
    </section>
  );
}

type LeavingResult = { movedIn: { participantId: string; enrolledOn: string } | null; passedOver: string[] };

/**
 * The participant leaves the group: the last day in it, why, and a note when it helps. The place goes
 * to the waiting list at once, so the form asks to confirm first.
 */
function LeaveForm({
  participantId,
  groupId,
  groupName,
  onLeft,
}: {
  participantId: string;
  groupId: string;
  groupName: string;
  onLeft: (message: string) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('coaching');
  async function leave(form: FormData) {
    const answer = await api<LeavingResult>('POST', `/coaching/groups/${groupId}/participants/${participantId}/leaving`, {
      leftOn: formDay(form, 'leftOn'),
      reason: formCode(form, 'reason'),
      note: formTextOrNull(form, 'note'),
    } satisfies LeavingInput);
    const parts = [t('leaving.left', { group: groupName })];
    parts.push(
      answer.movedIn ? t('leaving.movedIn', { day: formatDate(answer.movedIn.enrolledOn, i18n.language) }) : t('leaving.nobodyMovedIn'),
    );
    if (answer.passedOver.length > 0) parts.push(t('leaving.passedOver', { count: answer.passedOver.length }));
    await onLeft(parts.join(' '));
  }
  return (
    <section aria-labelledby={`leave-${groupId}`} className="panel">
      <h2 id={`leave-${groupId}`}>
        {t('leaving.title')}: {groupName}
      </h2>
      <p className="hint">{t('leaving.intro')}</p>
      <Form
        onSubmit={leave}
        aria-labelledby={`leave-${groupId}`}
        confirm={() => ({
          title: t('leaving.confirmTitle', { group: groupName }),
          body: t('leaving.confirmBody'),
          confirmLabel: t('leaving.save'),
        })}
      >
        <DateField
          label={t('leaving.leftOn')}
          hint={t('leaving.leftOnHint')}
          name="leftOn"
          required
          messages={{ required: t('leaving.leftOnRequired') }}
        />
        <RadioGroupField
          label={t('leaving.reason')}
          name="reason"
          required
          messages={{ required: t('leaving.reasonRequired') }}
          options={leaveReasons.map((reason) => ({ value: reason, label: t(`leaving.reasons.${reason}`) }))}
        />
        <TextAreaField label={t('leaving.note')} hint={t('leaving.noteHint')} name="note" maxLength={2000} />
        <SubmitButton>{t('leaving.save')}</SubmitButton>
      </Form>
    </section>
  );
}

export function ParticipantPage() {
  const { t, i18n } = useTranslation('coaching');
  const { participantId } = useParams();
  const can = useCan();
  const participant = useApiQuery<ParticipantShown>(`/coaching/participants/${participantId}`);
  const enrolled = participant.data?.enrolments?.find((e) => e.status === 'enrolled');
  const group = useApiQuery<Shown<Group>>(enrolled ? `/coaching/groups/${enrolled.groupId}` : null);
  const programme = useApiQuery<Shown<Programme>>(group.data ? `/coaching/programmes/${group.data.programmeId}` : null);
  const mayCoach = can('coaching.participants.manage');
  const [left, setLeft] = useState<string | null>(null);
  return (
    <Loaded query={participant}>
      {(shown) => (
        <>
          <PageTitle>{shown.name}</PageTitle>
          {left && <StatusMessage>{left}</StatusMessage>}
          {shown.enrolments && (
            <dl className="group-facts">
              <dt>{t('participant.group')}</dt>
              <dd>
                {shown.enrolments.map((e) => (
                  <span key={e.groupId}>
                    <Link to={`/coaching/groups/${e.groupId}`}>{e.groupName}</Link> ({t(`participants.statuses.${e.status}`)}
                    {e.enrolledOn ? `, ${formatDate(e.enrolledOn, i18n.language)}` : ''}
                    {e.leftOn ? `–${formatDate(e.leftOn, i18n.language)}, ${t(`leaving.reasons.${e.leaveReason}`)}` : ''}){' '}
                  </span>
                ))}
              </dd>
              <dt>{t('participants.gender')}</dt>
              <dd>{t(`participants.genders.${shown.gender}`)}</dd>
              <dt>{t('participants.language1')}</dt>
              <dd>
                {shown.languages.map((l) => `${codeName('language', l.code, i18n.language)} (${t(`levels.${l.level}`)})`).join(', ') || '–'}
              </dd>
              <dt>{t('participants.scripts')}</dt>
              <dd>{shown.scripts.map((s) => t(`scripts.${s}`)).join(', ') || '–'}</dd>
              <dt>{t('participants.consentGivenOn')}</dt>
              <dd>{shown.consent.givenOn ? formatDate(shown.consent.givenOn, i18n.language) : '–'}</dd>
            </dl>
          )}
          {mayCoach && shown.enrolments?.some((e) => e.status === 'enrolled') && (
            <p>
              <Link to={`/coaching/participants/${shown.id}/schedule`}>{t('ownSchedule.open')}</Link>
            </p>
          )}
          {shown.enrolments && mayCoach && <LanguagesForm participant={shown} onSaved={participant.refetch} />}
          {shown.enrolments && mayCoach && (
            <AssessmentForm participant={shown} goals={programme.data?.goals ?? []} onSaved={participant.refetch} />
          )}
          {shown.guidance && (
            <Meetings participantId={shown.id} kind="guidance" meetings={shown.guidance} mayAdd={mayCoach} onAdded={participant.refetch} />
          )}
          {shown.psychologistMeetings && (
            <Meetings
              participantId={shown.id}
              kind="psychologist"
              meetings={shown.psychologistMeetings}
              mayAdd={can('coaching.psychology')}
              onAdded={participant.refetch}
            />
          )}
          {mayCoach &&
            shown.enrolments
              ?.filter((e) => e.status === 'enrolled')
              .map((e) => (
                <GroupWork
                  key={e.groupId}
                  participantId={shown.id}
                  groupId={e.groupId}
                  careerPlan={e.careerPlan}
                  onSaved={participant.refetch}
                />
              ))}
          {mayCoach &&
            shown.enrolments
              ?.filter((e) => e.status === 'enrolled')
              .map((e) => (
                <LeaveForm
                  key={e.groupId}
                  participantId={shown.id}
                  groupId={e.groupId}
                  groupName={e.groupName}
                  onLeft={async (message) => {
                    setLeft(message);
                    await participant.refetch();
                  }}
                />
              ))}
        </>
      )}
    </Loaded>
  );
}
