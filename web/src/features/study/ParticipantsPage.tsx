import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, DateField, Field, RadioGroupField, SelectField } from '../../ui/form/fields.tsx';
import { formChecked, formCode, formDay, formText, formTextOrNull } from '../../lib/forms.ts';
import type {
  ConsentInput,
  IdentityResponse,
  ParticipantInput,
  ParticipantsResponse,
  StudyResponse,
  WithdrawalInput,
} from '#shared/api/study.ts';

type Participant = Shown<ParticipantsResponse>[number];
const organisationTypes = ['ngo', 'municipality', 'employment_office', 'reception_centre', 'police', 'other'] as const;
const consentMethods = ['written', 'electronic', 'oral_recorded'] as const;
const scopes = ['recording', 'quotations', 'archiving', 'reuse'] as const;

/** A study's participants: their codes and what they agreed to; names only on request, and withdrawal. */
export function ParticipantsPage() {
  const { t } = useTranslation('study');
  const { studyId } = useParams();
  const study = useApiQuery<Shown<StudyResponse>>(`/studies/${studyId}`);
  const participants = useApiQuery<Shown<ParticipantsResponse>>(`/studies/${studyId}/participants`);
  const [status, setStatus] = useState<string | null>(null);
  const changed = (message: string) => {
    setStatus(message);
    void participants.refetch();
  };
  return (
    <Loaded query={study}>
      {(data) => (
        <>
          <PageTitle>{t('participants.title', { study: data.title })}</PageTitle>
          <p>
            <Link to={`/studies/${data.id}`}>{t('guide.back', { study: data.title })}</Link>
          </p>
          <p>{t('participants.intro')}</p>
          {status && <StatusMessage>{status}</StatusMessage>}
          <Loaded query={participants}>
            {(list) =>
              list.length === 0 ? (
                <p>{t('participants.none')}</p>
              ) : (
                <ul className="participant-list">
                  {list.map((participant) => (
                    <li key={participant.id}>
                      <ParticipantCard studyId={data.id} participant={participant} canEdit={data.canEdit} onChange={changed} />
                    </li>
                  ))}
                </ul>
              )
            }
          </Loaded>
          {data.canEdit && <NewParticipant studyId={data.id} onAdded={(code) => changed(t('participants.added', { code }))} />}
        </>
      )}
    </Loaded>
  );
}

function ParticipantCard({
  studyId,
  participant,
  canEdit,
  onChange,
}: {
  studyId: string;
  participant: Participant;
  canEdit: boolean;
  onChange: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('study');
  const [identity, setIdentity] = useState<IdentityResponse | null>(null);
  const base = `/studies/${studyId}/participants/${participant.id}`;
  const headingId = `participant-${participant.id}`;
  const yesNo = (value: boolean) => (value ? t('consent.yes') : t('consent.no'));
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{participant.code}</h2>
      <dl>
        <dt>{t('participants.organisationType')}</dt>
        <dd>{t(`organisationTypes.${participant.organisationType}`)}</dd>
        <dt>{t('participants.role')}</dt>
        <dd>{participant.role ?? t('study.notGiven')}</dd>
        <dt>{t('participants.region')}</dt>
        <dd>{participant.region ?? t('study.notGiven')}</dd>
        <dt>{t('consent.title')}</dt>
        <dd>
          {participant.consent
            ? t('consent.summary', {
                day: formatDate(participant.consent.givenOn, i18n.language),
                method: t(`consent.methods.${participant.consent.method}`),
                sheet: participant.consent.informationSheetVersion,
                form: participant.consent.formVersion,
              })
            : t('consent.none')}
        </dd>
        {participant.consent &&
          scopes.map((scope) => <ScopeLine key={scope} label={t(`consent.scopes.${scope}`)} value={yesNo(participant.consent![scope])} />)}
        {participant.withdrawal && (
          <>
            <dt>{t('withdrawal.title')}</dt>
            <dd>
              {t('withdrawal.summary', {
                day: formatDate(participant.withdrawal.withdrawnOn, i18n.language),
                by: participant.withdrawal.recordedBy,
              })}
            </dd>
          </>
        )}
      </dl>
      {canEdit && !participant.withdrawal && (
        <>
          {participant.identityKept &&
            (identity ? (
              <dl aria-label={t('participants.identity', { code: participant.code })}>
                <dt>{t('participants.name')}</dt>
                <dd>{identity.name ?? t('study.notGiven')}</dd>
                <dt>{t('participants.contact')}</dt>
                <dd>{identity.contact ?? t('study.notGiven')}</dd>
              </dl>
            ) : (
              <button
                type="button"
                className="secondary"
                onClick={() => void api<IdentityResponse>('GET', `${base}/identity`).then(setIdentity)}
              >
                {t('participants.showIdentity', { code: participant.code })}
              </button>
            ))}
          <details>
            <summary>{t('consent.record', { code: participant.code })}</summary>
            <ConsentForm url={`${base}/consents`} onDone={() => onChange(t('consent.recorded', { code: participant.code }))} />
          </details>
          <details>
            <summary>{t('withdrawal.record', { code: participant.code })}</summary>
            <WithdrawalForm
              code={participant.code}
              url={`${base}/withdrawal`}
              onDone={() => onChange(t('withdrawal.recorded', { code: participant.code }))}
            />
          </details>
        </>
      )}
    </section>
  );
}

function ScopeLine({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function ConsentForm({ url, onDone }: { url: string; onDone: () => void }) {
  const { t } = useTranslation('study');
  async function save(form: FormData, element: HTMLFormElement) {
    await api('POST', url, {
      informationSheetVersion: formText(form, 'informationSheetVersion'),
      formVersion: formText(form, 'formVersion'),
      givenOn: formDay(form, 'givenOn'),
      method: formCode<ConsentInput['method']>(form, 'method'),
      recording: formChecked(form, 'recording'),
      quotations: formChecked(form, 'quotations'),
      archiving: formChecked(form, 'archiving'),
      reuse: formChecked(form, 'reuse'),
    } satisfies ConsentInput);
    element.reset();
    onDone();
  }
  return (
    <Form onSubmit={save}>
      <Field
        label={t('consent.informationSheetVersion')}
        name="informationSheetVersion"
        required
        messages={{ required: t('consent.informationSheetRequired') }}
      />
      <Field label={t('consent.formVersion')} name="formVersion" required messages={{ required: t('consent.formVersionRequired') }} />
      <DateField label={t('consent.givenOn')} name="givenOn" required messages={{ required: t('consent.givenOnRequired') }} />
      <RadioGroupField
        label={t('consent.method')}
        name="method"
        required
        options={consentMethods.map((method) => ({ value: method, label: t(`consent.methods.${method}`) }))}
        messages={{ required: t('consent.methodRequired') }}
      />
      <fieldset>
        <legend>{t('consent.scope')}</legend>
        {scopes.map((scope) => (
          <CheckboxField key={scope} name={scope} label={t(`consent.scopes.${scope}`)} />
        ))}
      </fieldset>
      <SubmitButton>{t('consent.save')}</SubmitButton>
    </Form>
  );
}

function WithdrawalForm({ code, url, onDone }: { code: string; url: string; onDone: () => void }) {
  const { t } = useTranslation('study');
  return (
    <Form
      onSubmit={async (form) => {
        await api('POST', url, { withdrawnOn: formDay(form, 'withdrawnOn') } satisfies WithdrawalInput);
        onDone();
      }}
      confirm={() => ({
        title: t('withdrawal.confirmTitle', { code }),
        body: <p>{t('withdrawal.confirmBody')}</p>,
        confirmLabel: t('withdrawal.confirm', { code }),
      })}
    >
      <DateField
        label={t('withdrawal.withdrawnOn')}
        name="withdrawnOn"
        required
        messages={{ required: t('withdrawal.withdrawnOnRequired') }}
      />
      <SubmitButton>{t('withdrawal.confirm', { code })}</SubmitButton>
    </Form>
  );
}

function NewParticipant({ studyId, onAdded }: { studyId: string; onAdded: (code: string) => void }) {
  const { t } = useTranslation('study');
  async function add(form: FormData, element: HTMLFormElement) {
    const created = await api<{ code: string }>('POST', `/studies/${studyId}/participants`, {
      organisationType: formCode<ParticipantInput['organisationType']>(form, 'organisationType'),
      role: formTextOrNull(form, 'role'),
      region: formTextOrNull(form, 'region'),
      name: formTextOrNull(form, 'name'),
      contact: formTextOrNull(form, 'contact'),
    } satisfies ParticipantInput);
    element.reset();
    onAdded(created.code);
  }
  return (
    <section aria-labelledby="new-participant" className="panel narrow">
      <h2 id="new-participant">{t('participants.new')}</h2>
      <Form onSubmit={add}>
        <SelectField
          label={t('participants.organisationType')}
          name="organisationType"
          required
          options={organisationTypes.map((type) => ({ value: type, label: t(`organisationTypes.${type}`) }))}
          messages={{ required: t('participants.organisationTypeRequired') }}
        />
        <Field label={t('participants.role')} name="role" autoComplete="off" />
        <Field label={t('participants.region')} name="region" autoComplete="off" />
        <Field label={t('participants.name')} hint={t('participants.identityHint')} name="name" autoComplete="off" />
        <Field label={t('participants.contact')} hint={t('participants.identityHint')} name="contact" autoComplete="off" />
        <SubmitButton>{t('participants.add')}</SubmitButton>
      </Form>
    </section>
  );
}
