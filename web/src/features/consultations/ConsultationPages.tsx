import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { formCode, formCodeOrNull, formDay, formText, formWholeNumber } from '../../lib/forms.ts';
import { consultationOutcomes, type ActorType, type Region } from '#shared/codes.ts';
import type { AnswerInput, Consultation, ConsultationInput, ConsultationSummary } from '#shared/api/consultations.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { DateField, Field, RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { useCodeOptions } from './texts.ts';
import { CompetenceList } from './CompetenceList.tsx';

type Topic = ConsultationInput['topic'];
type Outcome = ConsultationInput['outcome'];
const staffChannels = ['info_line', 'email', 'chat', 'meeting'] as const;

/** The consultations: those from the guide waiting for an answer first, then the latest. */
export function ConsultationsPage() {
  const { t, i18n } = useTranslation('consultations');
  return (
    <CompetenceList<Shown<ConsultationSummary>>
      path="/consultations"
      title={t('title')}
      intro={t('intro')}
      none={t('none')}
      record={{ to: '/consultations/new', label: t('new'), permission: 'consultations.record' }}
      other={{ to: '/training', label: t('training.title') }}
    >
      {(consultations) => (
        <>
          <thead>
            <tr>
              <th scope="col">{t('field.heldOn')}</th>
              <th scope="col">{t('field.channel')}</th>
              <th scope="col">{t('field.actorType')}</th>
              <th scope="col">{t('field.topic')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {consultations.map((consultation) => (
              <tr key={consultation.id}>
                <td>
                  <Link to={`/consultations/${consultation.id}`}>{formatDate(consultation.heldOn, i18n.language)}</Link>
                </td>
                <td>{t(`channels.${consultation.channel}`)}</td>
                <td>
                  {t(`recognition:actorTypes.${consultation.actorType}`)}
                  {consultation.organisation && <span className="hint"> {consultation.organisation}</span>}
                </td>
                <td>{consultation.topic ? t(`topics.${consultation.topic}`) : '–'}</td>
                <td>
                  {consultation.status === 'waiting' ? <strong>{t('status.waiting')}</strong> : t('status.answered')}
                  {Object.keys(consultation.signs).length > 0 && (
                    <span className="hint">
                      {' '}
                      {t('signsSummary', {
                        yes: Object.values(consultation.signs).filter((answer) => answer === 'yes').length,
                        maybe: Object.values(consultation.signs).filter((answer) => answer === 'maybe').length,
                      })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </>
      )}
    </CompetenceList>
  );
}

/** A consultation taken by phone, e-mail, chat or in a meeting: who asked and what followed, never whom it was about. */
export function NewConsultationPage() {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const options = useCodeOptions();

  async function record(form: FormData) {
    await api<{ id: string }>('POST', '/consultations', {
      heldOn: formDay(form, 'heldOn'),
      channel: formCode<ConsultationInput['channel']>(form, 'channel'),
      actorType: formCode<ActorType>(form, 'actorType'),
      ...(formText(form, 'organisation') ? { organisation: formText(form, 'organisation') } : {}),
      ...(formCodeOrNull<Region>(form, 'region') ? { region: formCode<Region>(form, 'region') } : {}),
      topic: formCode<Topic>(form, 'topic'),
      outcome: formCode<Outcome>(form, 'outcome'),
      durationMinutes: formWholeNumber(form, 'durationMinutes') ?? 0,
    } satisfies ConsultationInput);
    void navigate('/consultations');
  }

  return (
    <>
      <PageTitle>{t('new')}</PageTitle>
      <p className="notice">{t('noIdentity')}</p>
      <Form className="narrow" onSubmit={record}>
        <DateField label={t('field.heldOn')} name="heldOn" required />
        <RadioGroupField
          label={t('field.channel')}
          name="channel"
          required
          options={staffChannels.map((value) => ({ value, label: t(`channels.${value}`) }))}
        />
        <SelectField label={t('field.actorType')} hint={t('field.actorTypeHint')} name="actorType" required options={options.actorTypes} />
        <Field label={t('field.organisation')} hint={t('field.organisationHint')} name="organisation" maxLength={200} />
        <SelectField label={t('field.region')} name="region" options={options.regions} />
        <SelectField label={t('field.topic')} name="topic" required options={options.topics} />
        <RadioGroupField
          label={t('field.outcome')}
          name="outcome"
          required
          options={consultationOutcomes.map((value) => ({ value, label: t(`outcomes.${value}`) }))}
        />
        <Field label={t('field.durationMinutes')} name="durationMinutes" kind="wholeNumber" required inputMode="numeric" />
        <SubmitButton>{t('save')}</SubmitButton>
      </Form>
    </>
  );
}

/** One consultation; one from the guide that waits is answered here. Opening it is logged (the contact is protected). */
export function ConsultationPage() {
  const { t, i18n } = useTranslation('consultations');
  const { consultationId } = useParams();
  const can = useCan();
  const consultation = useApiQuery<Shown<Consultation>>(`/consultations/${consultationId}`);
  return (
    <>
      <PageTitle>{t('one')}</PageTitle>
      <p>
        <Link to="/consultations">{t('backToList')}</Link>
      </p>
      <Loaded query={consultation}>
        {(shown) => (
          <>
            <dl className="facts">
              <dt>{t('field.status')}</dt>
              <dd>{t(`status.${shown.status}`)}</dd>
              <dt>{t('field.heldOn')}</dt>
              <dd>{formatDate(shown.heldOn, i18n.language)}</dd>
              <dt>{t('field.channel')}</dt>
              <dd>{t(`channels.${shown.channel}`)}</dd>
              <dt>{t('field.actorType')}</dt>
              <dd>{t(`recognition:actorTypes.${shown.actorType}`)}</dd>
              {shown.organisation && (
                <>
                  <dt>{t('field.organisation')}</dt>
                  <dd>{shown.organisation}</dd>
                </>
              )}
              {shown.region && (
                <>
                  <dt>{t('field.region')}</dt>
                  <dd>{t(`recognition:regions.${shown.region}`)}</dd>
                </>
              )}
              {shown.topic && (
                <>
                  <dt>{t('field.topic')}</dt>
                  <dd>{t(`topics.${shown.topic}`)}</dd>
                </>
              )}
              {shown.outcome && (
                <>
                  <dt>{t('field.outcome')}</dt>
                  <dd>{t(`outcomes.${shown.outcome}`)}</dd>
                </>
              )}
              {shown.durationMinutes != null && (
                <>
                  <dt>{t('field.durationMinutes')}</dt>
                  <dd>{shown.durationMinutes}</dd>
                </>
              )}
              {shown.contact && (
                <>
                  <dt>{t('field.contact')}</dt>
                  <dd>{shown.contact}</dd>
                </>
              )}
              {shown.answeredAt && (
                <>
                  <dt>{t('field.answeredAt')}</dt>
                  <dd>
                    {formatDateTime(shown.answeredAt, i18n.language)}
                    {shown.answeredBy && ` · ${shown.answeredBy}`}
                  </dd>
                </>
              )}
            </dl>
            {shown.signDetails.length > 0 && <Signs signs={shown.signDetails} lookFurther={shown.lookIntoFurther} />}
            {shown.question && (
              <section aria-labelledby="question-heading">
                <h2 id="question-heading">{t('field.question')}</h2>
                <p className="preserve">{shown.question}</p>
              </section>
            )}
            {shown.answer && (
              <section aria-labelledby="answer-heading">
                <h2 id="answer-heading">{t('field.answer')}</h2>
                <p className="preserve">{shown.answer}</p>
              </section>
            )}
            {shown.status === 'waiting' && can('consultations.record') && (
              <AnswerForm id={shown.id} onAnswered={() => void consultation.refetch()} />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

/** The warning signs as the professional answered them in the guide, each with what it can point to. */
function Signs({ signs, lookFurther }: { signs: Shown<Consultation>['signDetails']; lookFurther: boolean }) {
  const { t } = useTranslation('consultations');
  return (
    <section aria-labelledby="signs-heading">
      <h2 id="signs-heading">{t('signs')}</h2>
      {lookFurther && <p className="notice">{t('lookIntoFurther')}</p>}
      <ul>
        {signs.map((sign) => (
          <li key={sign.id}>
            {t(`recognition:signs.${sign.id}`)}: <strong>{t(`recognition:answers.${sign.answer}`)}</strong>
            <span className="hint">
              {' '}
              {t('pointsTo', {
                ilo: (sign.ilo ?? []).map((id) => t(`recognition:ilo.${id}`)).join(', '),
                htcds: (sign.htcds ?? []).map((id) => t(`recognition:htcds.${id}`)).join(', '),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerForm({ id, onAnswered }: { id: string; onAnswered: () => void }) {
  const { t } = useTranslation('consultations');
  const options = useCodeOptions();
  async function answer(form: FormData) {
    const minutes = formWholeNumber(form, 'durationMinutes');
    await api('POST', `/consultations/${id}/answer`, {
      topic: formCode<Topic>(form, 'topic'),
      outcome: formCode<Outcome>(form, 'outcome'),
      answer: formText(form, 'answer'),
      ...(minutes !== null ? { durationMinutes: minutes } : {}),
    } satisfies AnswerInput);
    onAnswered();
  }
  return (
    <section aria-labelledby="answer-form-heading">
      <h2 id="answer-form-heading">{t('answerTitle')}</h2>
      <Form className="narrow" onSubmit={answer}>
        <TextAreaField label={t('field.answer')} hint={t('field.answerHint')} name="answer" required maxLength={4000} />
        <SelectField label={t('field.topic')} name="topic" required options={options.topics} />
        <RadioGroupField
          label={t('field.outcome')}
          name="outcome"
          required
          options={consultationOutcomes.map((value) => ({ value, label: t(`outcomes.${value}`) }))}
        />
        <Field label={t('field.durationMinutes')} name="durationMinutes" kind="wholeNumber" inputMode="numeric" />
        <SubmitButton>{t('markAnswered')}</SubmitButton>
      </Form>
    </section>
  );
}
