import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { formDay, formText, formTextOrNull, parseTime } from '../../lib/forms.ts';
import type { Programme, Session, SessionChange } from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { StatusMessage, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { DateField, Field, SelectField } from '../../ui/form/fields.tsx';
import { named, weekdayName } from './texts.ts';

/** A day with its weekday, as a schedule shows it: "ma 30.3.2026". */
function dayWithWeekday(day: string, language: string) {
  const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return `${weekdayName(weekday, language)} ${formatDate(day, language)}`;
}

/** The group's half-day sessions; its coaches move them, name teachers and places, and take them into their calendars. */
export function Schedule({ groupId, programmeId, mayManage }: { groupId: string; programmeId: string; mayManage: boolean }) {
  const { t, i18n } = useTranslation('coaching');
  const sessions = useApiQuery<Array<Shown<Session>>>(`/coaching/groups/${groupId}/sessions`);
  const programme = useApiQuery<Shown<Programme>>(`/coaching/programmes/${programmeId}`);
  const [changed, setChanged] = useState<number | null>(null);
  const contentName = (key: string) => named(programme.data?.contentTypes.find((item) => item.key === key)?.names, i18n.language) || key;

  async function change(form: FormData) {
    setChanged(null);
    const id = formText(form, 'session');
    await api('PATCH', `/coaching/groups/${groupId}/sessions/${id}`, {
      day: formDay(form, 'day'),
      startsAt: parseTime(formText(form, 'startsAt')) ?? formText(form, 'startsAt'),
      teacher: formTextOrNull(form, 'teacher'),
      place: formTextOrNull(form, 'place'),
    } satisfies SessionChange);
    await sessions.refetch();
    setChanged(sessions.data?.find((session) => session.id === id)?.number ?? null);
  }

  async function downloadCalendar() {
    const { blob, fileName } = await downloadFile(`/coaching/groups/${groupId}/calendar`, () => {});
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section aria-labelledby="schedule-heading" className="panel">
      <h2 id="schedule-heading">{t('schedule.title')}</h2>
      <p>{t('schedule.intro')}</p>
      {mayManage && (
        <p>
          <button type="button" onClick={() => void downloadCalendar()}>
            {t('schedule.calendar')}
          </button>{' '}
          <span className="hint">{t('schedule.calendarHint')}</span>
        </p>
      )}
      {changed !== null && <StatusMessage>{t('schedule.changed', { number: changed })}</StatusMessage>}
      <Loaded query={sessions}>
        {(list) => (
          <>
            {/* The section around is named by the same words: the box is a group, not a second landmark. */}
            <ScrollingTable caption={t('schedule.title')} captionHidden landmark={false}>
              <thead>
                <tr>
                  <th scope="col">{t('schedule.number')}</th>
                  <th scope="col">{t('schedule.day')}</th>
                  <th scope="col">{t('schedule.startsAt')}</th>
                  <th scope="col">{t('schedule.content')}</th>
                  <th scope="col">{t('schedule.teacher')}</th>
                  <th scope="col">{t('schedule.place')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((session) => (
                  <tr key={session.id}>
                    <td>{session.number}</td>
                    <td>
                      {dayWithWeekday(session.day, i18n.language)}
                      {session.day !== session.plannedDay && (
                        <span className="hint"> ({t('schedule.movedFrom', { day: formatDate(session.plannedDay, i18n.language) })})</span>
                      )}
                    </td>
                    <td>{session.startsAt}</td>
                    <td>{contentName(session.contentType)}</td>
                    <td>{session.teacher ?? '–'}</td>
                    <td>{session.place ?? t('schedule.groupPlace')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
            {mayManage && (
              <section aria-labelledby="move-heading" className="narrow">
                <h3 id="move-heading">{t('schedule.changeTitle')}</h3>
                <Form onSubmit={change} errorFields={{ not_found: 'session' }}>
                  <SelectField
                    label={t('schedule.session')}
                    name="session"
                    required
                    messages={{ required: t('schedule.sessionRequired') }}
                    options={list.map((session) => ({
                      value: session.id,
                      label: `${session.number}. ${dayWithWeekday(session.day, i18n.language)}: ${contentName(session.contentType)}`,
                    }))}
                  />
                  <DateField label={t('schedule.newDay')} name="day" required messages={{ required: t('schedule.newDayRequired') }} />
                  <Field
                    label={t('schedule.startsAt')}
                    hint={t('programme.sessionStartHint')}
                    name="startsAt"
                    required
                    messages={{ required: t('schedule.startsAtRequired'), pattern: t('programme.sessionStartFormat') }}
                  />
                  <Field label={t('schedule.teacher')} hint={t('schedule.teacherHint')} name="teacher" maxLength={200} />
                  <Field label={t('schedule.place')} hint={t('schedule.placeHint')} name="place" maxLength={300} />
                  <SubmitButton>{t('schedule.save')}</SubmitButton>
                </Form>
              </section>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
