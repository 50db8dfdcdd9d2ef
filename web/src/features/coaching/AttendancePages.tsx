import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, downloadFile, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { formText } from '../../lib/forms.ts';
import type { Attendance, AttendanceInput, CoachingTask, Group, Programme } from '#shared/api/coaching.ts';
import type { FromSchema } from 'json-schema-to-ts';
import type { reportResponse } from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { RadioGroupField, SelectField } from '../../ui/form/fields.tsx';
import { named } from './texts.ts';

const marks = ['present', 'late', 'absent', 'excused'] as const;
/** A session the person is not expected at: before they joined or after they left. */
const expectedNot = (mark: string | null | undefined) => mark === 'not_enrolled' || mark === 'left';
type Grid = {
  sessions: Shown<NonNullable<Attendance['sessions']>>;
  participants: Shown<NonNullable<Attendance['participants']>>;
};

function useContentName(programmeId: string | undefined) {
  const { i18n } = useTranslation('coaching');
  const programme = useApiQuery<Shown<Programme>>(programmeId ? `/coaching/programmes/${programmeId}` : null);
  return (key: string) => named(programme.data?.contentTypes.find((item) => item.key === key)?.names, i18n.language) || key;
}

/**
 * A session's attendance entered at once by keyboard: the session chosen, then each person's mark as
 * radio buttons (Tab to the next person, arrows to choose); the group's marks so far below.
 */
export function AttendancePage() {
  const { t, i18n } = useTranslation('coaching');
  const { groupId } = useParams();
  const can = useCan();
  const group = useApiQuery<Shown<Group>>(`/coaching/groups/${groupId}`);
  const attendance = useApiQuery<Grid>(`/coaching/groups/${groupId}/attendance`);
  const contentName = useContentName(group.data?.programmeId);
  const [sessionId, setSessionId] = useState('');
  const [saved, setSaved] = useState(false);
  const mayManage = group.data?.mayManage === true && can('coaching.participants.manage');

  async function save(form: FormData) {
    setSaved(false);
    const grid = attendance.data!;
    const index = grid.sessions.findIndex((s) => s.id === sessionId);
    const entries = grid.participants
      .filter((person) => !expectedNot(person.marks[index]) && formText(form, `mark-${person.id}`))
      .map((person) => ({ participantId: person.id, mark: formText(form, `mark-${person.id}`) as (typeof marks)[number] }));
    await api('PUT', `/coaching/groups/${groupId}/sessions/${sessionId}/attendance`, { marks: entries } satisfies AttendanceInput);
    await attendance.refetch();
    setSaved(true);
  }

  return (
    <>
      <PageTitle>
        {t('attendance.title')}: {group.data?.name}
      </PageTitle>
      <Loaded query={attendance}>
        {(grid) => {
          const index = grid.sessions.findIndex((s) => s.id === sessionId);
          const label = (s: (typeof grid.sessions)[number]) =>
            `${s.number}. ${formatDate(s.day, i18n.language)} ${contentName(s.contentType)}`;
          return (
            <>
              {mayManage && (
                <section aria-labelledby="entry-heading" className="panel">
                  <h2 id="entry-heading">{t('attendance.session')}</h2>
                  <SelectField
                    label={t('attendance.session')}
                    name="session"
                    value={sessionId}
                    onChange={(event) => {
                      setSaved(false);
                      setSessionId(event.target.value);
                    }}
                    options={grid.sessions.map((s) => ({ value: s.id, label: label(s) }))}
                  />
                  {sessionId && (
                    <p>
                      <Link to={`/coaching/groups/${groupId}/sessions/${sessionId}/sign-in`}>{t('attendance.signIn')}</Link>
                    </p>
                  )}
                  {saved && <StatusMessage>{t('attendance.saved')}</StatusMessage>}
                  {index >= 0 && (
                    <Form key={sessionId} onSubmit={save} aria-labelledby="entry-heading">
                      <p className="hint">{t('attendance.hint')}</p>
                      {grid.participants.map((person) =>
                        expectedNot(person.marks[index]) ? (
                          <p key={person.id}>
                            {person.name}: {t(`attendance.marks.${person.marks[index]}`)}
                          </p>
                        ) : (
                          <RadioGroupField
                            key={person.id}
                            label={person.name}
                            name={`mark-${person.id}`}
                            defaultValue={person.marks[index] ?? undefined}
                            options={marks.map((mark) => ({ value: mark, label: t(`attendance.marks.${mark}`) }))}
                          />
                        ),
                      )}
                      <SubmitButton>{t('attendance.save')}</SubmitButton>
                    </Form>
                  )}
                </section>
              )}
              <ScrollingTable caption={t('attendance.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('participants.name')}</th>
                    <th scope="col">{t('attendance.rate')}</th>
                    {grid.sessions.map((s) => (
                      <th scope="col" key={s.id}>
                        {s.number}. {formatDate(s.day, i18n.language)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {grid.participants.map((person) => (
                    <tr key={person.id}>
                      <th scope="row">{person.name}</th>
                      <td>{person.attendanceRate === null ? '–' : `${person.attendanceRate} %`}</td>
                      {person.marks.map((mark, i) => (
                        <td key={grid.sessions[i].id}>{mark ? t(`attendance.marks.${mark}`) : ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            </>
          );
        }}
      </Loaded>
      <p>
        <Link to={`/coaching/groups/${groupId}`}>{t('participants.back')}</Link>
      </p>
    </>
  );
}

/** A printable sign-in sheet for one session: the names of those enrolled by then and room to sign. */
export function SignInSheetPage() {
  const { t, i18n } = useTranslation('coaching');
  const { groupId, sessionId } = useParams();
  const group = useApiQuery<Shown<Group>>(`/coaching/groups/${groupId}`);
  const attendance = useApiQuery<Grid>(`/coaching/groups/${groupId}/attendance`);
  const contentName = useContentName(group.data?.programmeId);
  return (
    <Loaded query={attendance}>
      {(grid) => {
        const index = grid.sessions.findIndex((s) => s.id === sessionId);
        const session = grid.sessions[index];
        return (
          <div className="sign-in-sheet">
            <PageTitle>
              {t('attendance.signIn')}: {group.data?.name}
            </PageTitle>
            {session && (
              <p>
                {session.number}. {formatDate(session.day, i18n.language)} – {contentName(session.contentType)} – {group.data?.place}
              </p>
            )}
            <p className="no-print">
              <button type="button" onClick={() => window.print()}>
                {t('attendance.print')}
              </button>
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('participants.name')}</th>
                  <th scope="col">{t('attendance.signature')}</th>
                </tr>
              </thead>
              <tbody>
                {grid.participants
                  .filter((person) => index >= 0 && !expectedNot(person.marks[index]))
                  .map((person) => (
                    <tr key={person.id}>
                      <td>{person.name}</td>
                      <td />
                    </tr>
                  ))}
              </tbody>
            </table>
            <p className="no-print">
              <Link to={`/coaching/groups/${groupId}/attendance`}>{t('attendance.title')}</Link>
            </p>
          </div>
        );
      }}
    </Loaded>
  );
}

/** The coach's open reminders: absences to check on and follow-ups to make. */
export function TasksPage() {
  const { t, i18n } = useTranslation('coaching');
  const tasks = useApiQuery<Array<Shown<CoachingTask>>>('/coaching/tasks');
  const [done, setDone] = useState<string | null>(null);
  async function complete(task: Shown<CoachingTask>) {
    setDone(null);
    await api('POST', `/coaching/tasks/${task.id}/done`);
    await tasks.refetch();
    setDone(t('tasks.marked', { name: task.participantName }));
  }
  return (
    <>
      <PageTitle>{t('tasks.title')}</PageTitle>
      {done && <StatusMessage>{done}</StatusMessage>}
      <Loaded query={tasks}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('tasks.none')}</p>
          ) : (
            <ul>
              {list.map((task) => (
                <li key={task.id}>
                  <Link to={`/coaching/participants/${task.participantId}`}>{task.participantName}</Link> ({task.groupName}):{' '}
                  {t(`tasks.kinds.${task.kind}`, { months: task.months })}. {t('tasks.due')} {formatDate(task.dueOn, i18n.language)}
                  {task.kind !== 'follow_up' && (
                    <>
                      {' '}
                      <button type="button" className="secondary" onClick={() => void complete(task)}>
                        {t('tasks.done')}
                        <span className="visually-hidden">: {task.participantName}</span>
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

type ReportShape = FromSchema<typeof reportResponse>;
type Report = Shown<ReportShape> & {
  goals: Shown<NonNullable<ReportShape['goals']>>;
  followUps: Shown<NonNullable<ReportShape['followUps']>>;
  followedUp: Shown<NonNullable<ReportShape['followedUp']>>;
};

/** A group's report, internal or published, and its programme's report to download. */
export function ReportPage() {
  const { t, i18n } = useTranslation('coaching');
  const { groupId } = useParams();
  const can = useCan();
  const [form, setForm] = useState<'internal' | 'published'>(can('coaching.reports') ? 'internal' : 'published');
  const group = useApiQuery<Shown<Group>>(`/coaching/groups/${groupId}`);
  const report = useApiQuery<Report>(`/coaching/groups/${groupId}/report?form=${form}`);
  const figure = (n: number | null | undefined) => (n === null || n === undefined ? t('report.hidden') : String(n));
  async function download(format: 'csv' | 'csv-semicolon' | 'xlsx') {
    const { blob, fileName } = await downloadFile(
      `/coaching/programmes/${group.data!.programmeId}/report/file?format=${format}&form=${form}`,
      () => {},
    );
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <>
      <PageTitle>
        {t('report.title')}: {group.data?.name}
      </PageTitle>
      <p>{t('report.formIntro')}</p>
      {can('coaching.reports') && (
        <p className="no-print">
          <button type="button" aria-pressed={form === 'internal'} onClick={() => setForm('internal')}>
            {t('report.internal')}
          </button>{' '}
          <button type="button" aria-pressed={form === 'published'} onClick={() => setForm('published')}>
            {t('report.published')}
          </button>
        </p>
      )}
      <Loaded query={report}>
        {(shown) => (
          <>
            <h2>{t(`report.${shown.form}`)}</h2>
            <dl className="group-facts">
              <dt>{t('report.enrolled')}</dt>
              <dd>{figure(shown.enrolled)}</dd>
              <dt>{t('report.completed')}</dt>
              <dd>{figure(shown.completed)}</dd>
              <dt>{t('report.left')}</dt>
              <dd>{figure(shown.left)}</dd>
              <dt>{t('report.ongoing')}</dt>
              <dd>{figure(shown.ongoing)}</dd>
              <dt>{t('report.waiting')}</dt>
              <dd>{figure(shown.waiting)}</dd>
              <dt>{t('report.attendanceRate')}</dt>
              <dd>{figure(shown.attendanceRate)}</dd>
            </dl>
            <ScrollingTable caption={`${t('report.sections.goals')} (${t('report.scale')})`}>
              <thead>
                <tr>
                  <th scope="col">{t('report.goal')}</th>
                  <th scope="col">{t('report.personStart')}</th>
                  <th scope="col">{t('report.personEnd')}</th>
                  <th scope="col">{t('report.coachStart')}</th>
                  <th scope="col">{t('report.coachEnd')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.goals.map((goal) => (
                  <tr key={goal.goal}>
                    <th scope="row">{named(goal.names, i18n.language)}</th>
                    {[goal.personStart, goal.personEnd, goal.coachStart, goal.coachEnd].map((value, i) => (
                      <td key={i} className="number">
                        {value === null || value === undefined ? '–' : value.toLocaleString(i18n.language)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
            <h2>{t('report.sections.followUps')}</h2>
            <ul>
              {shown.followedUp
                .filter((f) => f.count !== 0)
                .map((f) => (
                  <li key={`${f.months}-all`}>
                    {t('report.followedUp', { months: f.months })}: {figure(f.count)}
                  </li>
                ))}
              {shown.followUps
                .filter((f) => f.count !== 0)
                .map((f) => (
                  <li key={`${f.months}-${f.outcome}`}>
                    {t('report.followUp', { months: f.months, outcome: t(`report.outcomes.${f.outcome}`) })}: {figure(f.count)}
                  </li>
                ))}
              <li>
                {t('report.exploitationSigns')}: {figure(shown.exploitationSigns)}
              </li>
            </ul>
            <h2>{t('report.download')}</h2>
            <p className="no-print">
              <button type="button" onClick={() => void download('csv')}>
                {t('report.csv')}
              </button>{' '}
              <button type="button" onClick={() => void download('csv-semicolon')}>
                {t('report.csvSemicolon')}
              </button>{' '}
              <button type="button" onClick={() => void download('xlsx')}>
                {t('report.xlsx')}
              </button>
            </p>
          </>
        )}
      </Loaded>
      <p>
        <Link to={`/coaching/groups/${groupId}`}>{t('participants.back')}</Link>
      </p>
    </>
  );
}
