import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { formCode, formDay, formWholeNumber } from '../../lib/forms.ts';
import { actorTypes, type Region } from '#shared/codes.ts';
import type { TrainingEvent, TrainingInput } from '#shared/api/consultations.ts';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { DateField, Field, SelectField } from '../../ui/form/fields.tsx';
import { useCodeOptions } from './texts.ts';
import { CompetenceList } from './CompetenceList.tsx';

/** The training events the assistance system has given, the latest first. */
export function TrainingPage() {
  const { t, i18n } = useTranslation('consultations');
  return (
    <CompetenceList<Shown<TrainingEvent>>
      path="/training"
      title={t('training.title')}
      intro={t('training.intro')}
      none={t('training.none')}
      record={{ to: '/training/new', label: t('training.new'), permission: 'training.record' }}
      other={{ to: '/consultations', label: t('title') }}
    >
      {(events) => (
        <>
          <thead>
            <tr>
              <th scope="col">{t('field.heldOn')}</th>
              <th scope="col">{t('field.topic')}</th>
              <th scope="col">{t('field.region')}</th>
              <th scope="col" className="number">
                {t('training.participants')}
              </th>
              <th scope="col">{t('training.audience')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{formatDate(event.heldOn, i18n.language)}</td>
                <td>{t(`topics.${event.topic}`)}</td>
                <td>{t(`recognition:regions.${event.region}`)}</td>
                <td className="number">{event.participants}</td>
                <td>
                  {Object.entries(event.audience)
                    .map(([type, count]) => `${t(`recognition:actorTypes.${type}`)} ${count}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </>
      )}
    </CompetenceList>
  );
}

/** A training event: its day, topic and region, how many took part and who they were by actor type. */
export function NewTrainingPage() {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const options = useCodeOptions();

  async function record(form: FormData) {
    const audience: Record<string, number> = {};
    for (const type of actorTypes) {
      const count = formWholeNumber(form, `audience.${type}`);
      if (count) audience[type] = count;
    }
    await api<{ id: string }>('POST', '/training', {
      heldOn: formDay(form, 'heldOn'),
      topic: formCode<TrainingInput['topic']>(form, 'topic'),
      region: formCode<Region>(form, 'region'),
      participants: formWholeNumber(form, 'participants') ?? 0,
      audience,
    } satisfies TrainingInput);
    void navigate('/training');
  }

  return (
    <>
      <PageTitle>{t('training.new')}</PageTitle>
      <Form className="narrow" onSubmit={record}>
        <DateField label={t('field.heldOn')} name="heldOn" required />
        <SelectField label={t('field.topic')} name="topic" required options={options.topics} />
        <SelectField label={t('field.region')} name="region" required options={options.regions} />
        <Field label={t('training.participants')} name="participants" kind="wholeNumber" required inputMode="numeric" />
        <fieldset className="audience">
          <legend>{t('training.audience')}</legend>
          <p className="hint">{t('training.audienceHint')}</p>
          {options.actorTypes.map((type) => (
            <Field key={type.value} label={type.label} name={`audience.${type.value}`} kind="wholeNumber" inputMode="numeric" />
          ))}
        </fieldset>
        <SubmitButton>{t('save')}</SubmitButton>
      </Form>
    </>
  );
}
