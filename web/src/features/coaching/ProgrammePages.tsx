import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { formList, formText, formWholeNumber } from '../../lib/forms.ts';
import type { NewProgrammeInput, Programme, ProgrammeInput, ProgrammeSummary } from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDateTime } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxesField, Field, SelectField } from '../../ui/form/fields.tsx';
import { named, weekdayName } from './texts.ts';

const languages = ['fi', 'sv', 'en'] as const;

/** The three names of a programme, one field per language. */
function NameFields({ names }: { names?: { fi?: string; sv?: string; en?: string } }) {
  const { t } = useTranslation('coaching');
  return (
    <>
      {languages.map((language) => (
        <Field
          key={language}
          label={t(`programme.name.${language}`)}
          name={`names.${language}`}
          defaultValue={names?.[language] ?? ''}
          required
          maxLength={200}
          messages={{ required: t('programme.nameRequired') }}
        />
      ))}
    </>
  );
}

const readNames = (form: FormData) => ({ fi: formText(form, 'names.fi'), sv: formText(form, 'names.sv'), en: formText(form, 'names.en') });

export function ProgrammesPage() {
  const { t, i18n } = useTranslation('coaching');
  const can = useCan();
  const navigate = useNavigate();
  const programmes = useApiQuery<Array<Shown<ProgrammeSummary>>>('/coaching/programmes');

  async function create(form: FormData) {
    const created = await api<{ id: string }>('POST', '/coaching/programmes', {
      basedOn: formText(form, 'basedOn'),
      names: readNames(form),
    } satisfies NewProgrammeInput);
    void navigate(`/coaching/programmes/${created.id}`);
  }

  return (
    <>
      <PageTitle>{t('programmes.title')}</PageTitle>
      <p>{t('programmes.intro')}</p>
      <Loaded query={programmes}>
        {(list) => (
          <>
            <ul>
              {list.map((programme) => (
                <li key={programme.id}>
                  <Link to={`/coaching/programmes/${programme.id}`}>{named(programme.names, i18n.language)}</Link>:{' '}
                  {t('programme.summary', { weeks: programme.weeks, sessions: programme.sessionsPerWeek, version: programme.version })}
                </li>
              ))}
            </ul>
            {can('coaching.programmes.manage') && (
              <section aria-labelledby="new-programme-heading" className="panel narrow">
                <h2 id="new-programme-heading">{t('programmes.newTitle')}</h2>
                <p>{t('programmes.newIntro')}</p>
                <Form onSubmit={create}>
                  <SelectField
                    label={t('programmes.basedOn')}
                    name="basedOn"
                    required
                    messages={{ required: t('programmes.basedOnRequired') }}
                    options={list.map((programme) => ({ value: programme.id, label: named(programme.names, i18n.language) }))}
                  />
                  <NameFields />
                  <SubmitButton>{t('programmes.create')}</SubmitButton>
                </Form>
              </section>
            )}
          </>
        )}
      </Loaded>
      <p>
        <Link to="/coaching">{t('groups.back')}</Link>
      </p>
    </>
  );
}

/** The week-by-week plan: one row a week, one column a session. */
function PlanTable({ programme }: { programme: Shown<Programme> }) {
  const { t, i18n } = useTranslation('coaching');
  const contentName = (key: string) => named(programme.contentTypes.find((item) => item.key === key)?.names, i18n.language) || key;
  const weeks = Array.from({ length: programme.weeks }, (_, week) =>
    programme.plan.slice(week * programme.sessionsPerWeek, (week + 1) * programme.sessionsPerWeek),
  );
  return (
    <ScrollingTable caption={t('programme.plan')}>
      <thead>
        <tr>
          <th scope="col">{t('programme.week')}</th>
          {programme.weekdays.map((day) => (
            <th scope="col" key={day}>
              {weekdayName(day, i18n.language)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((sessions, week) => (
          <tr key={week}>
            <th scope="row">{week + 1}</th>
            {sessions.map((key, slot) => (
              <td key={slot}>{contentName(key)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

export function ProgrammePage() {
  const { t, i18n } = useTranslation('coaching');
  const { programmeId } = useParams();
  const can = useCan();
  const programme = useApiQuery<Shown<Programme>>(`/coaching/programmes/${programmeId}`);
  const [saved, setSaved] = useState<number | null>(null);

  async function change(form: FormData) {
    setSaved(null);
    const result = await api<{ version: number }>('PUT', `/coaching/programmes/${programmeId}`, {
      names: readNames(form),
      weeks: formWholeNumber(form, 'weeks') ?? 0,
      sessionsPerWeek: formWholeNumber(form, 'sessionsPerWeek') ?? 0,
      weekdays: formList(form, 'weekdays').map(Number),
      sessionStart: formText(form, 'sessionStart').replace('.', ':').padStart(5, '0'),
      sessionMinutes: formWholeNumber(form, 'sessionMinutes') ?? 0,
    } satisfies ProgrammeInput);
    await programme.refetch();
    setSaved(result.version);
  }

  return (
    <Loaded query={programme}>
      {(shown) => (
        <>
          <PageTitle>{named(shown.names, i18n.language)}</PageTitle>
          <p>
            {t('programme.summary', { weeks: shown.weeks, sessions: shown.sessionsPerWeek, version: shown.version })}{' '}
            {t('programme.hours', { start: shown.sessionStart, minutes: shown.sessionMinutes })}
          </p>
          {saved !== null && <StatusMessage>{t('programme.saved', { version: saved })}</StatusMessage>}
          <section aria-labelledby="contents-heading" className="panel">
            <h2 id="contents-heading">{t('programme.contents')}</h2>
            <ul>
              {shown.contentTypes.map((item) => (
                <li key={item.key}>{named(item.names, i18n.language)}</li>
              ))}
            </ul>
            <h2>{t('programme.goals')}</h2>
            <ol>
              {shown.goals.map((item) => (
                <li key={item.key}>{named(item.names, i18n.language)}</li>
              ))}
            </ol>
          </section>
          <PlanTable programme={shown} />
          {can('coaching.programmes.manage') && (
            <section aria-labelledby="change-heading" className="panel narrow">
              <h2 id="change-heading">{t('programme.changeTitle')}</h2>
              <p>{t('programme.changeIntro')}</p>
              <Form
                key={shown.version}
                onSubmit={change}
                check={(form) =>
                  formList(form, 'weekdays').length !== formWholeNumber(form, 'sessionsPerWeek')
                    ? [{ name: 'weekdays', problem: 'weekdays_per_week' }]
                    : []
                }
              >
                <NameFields names={shown.names} />
                <Field
                  label={t('programme.weeks')}
                  name="weeks"
                  kind="wholeNumber"
                  defaultValue={String(shown.weeks)}
                  required
                  messages={{ required: t('programme.weeksRequired') }}
                />
                <Field
                  label={t('programme.sessionsPerWeek')}
                  name="sessionsPerWeek"
                  kind="wholeNumber"
                  defaultValue={String(shown.sessionsPerWeek)}
                  required
                  messages={{ required: t('programme.sessionsPerWeekRequired') }}
                />
                <CheckboxesField
                  label={t('programme.weekdays')}
                  name="weekdays"
                  required
                  messages={{ required: t('programme.weekdaysRequired') }}
                  defaultValues={shown.weekdays.map(String)}
                  options={[1, 2, 3, 4, 5].map((day) => ({ value: String(day), label: weekdayName(day, i18n.language) }))}
                />
                <Field
                  label={t('programme.sessionStart')}
                  hint={t('programme.sessionStartHint')}
                  name="sessionStart"
                  defaultValue={shown.sessionStart}
                  required
                  messages={{ required: t('programme.sessionStartRequired'), pattern: t('programme.sessionStartFormat') }}
                />
                <Field
                  label={t('programme.sessionMinutes')}
                  name="sessionMinutes"
                  kind="wholeNumber"
                  defaultValue={String(shown.sessionMinutes)}
                  required
                  messages={{ required: t('programme.sessionMinutesRequired') }}
                />
                <SubmitButton>{t('programme.save')}</SubmitButton>
              </Form>
            </section>
          )}
          <section aria-labelledby="versions-heading" className="panel">
            <h2 id="versions-heading">{t('programme.versions')}</h2>
            <ul>
              {shown.versions.map((version) => (
                <li key={version.version}>
                  {t('programme.version', { version: version.version })}:{' '}
                  {version.createdAt && formatDateTime(version.createdAt, i18n.language)}
                  {version.createdBy ? `, ${version.createdBy}` : ''}
                </li>
              ))}
            </ul>
          </section>
          <p>
            <Link to="/coaching/programmes">{t('programmes.back')}</Link>
          </p>
        </>
      )}
    </Loaded>
  );
}
