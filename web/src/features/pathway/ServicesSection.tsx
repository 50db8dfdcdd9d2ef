import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import type { Shown } from '../../lib/api.ts';
import { formCode, formDay, formText } from '../../lib/forms.ts';
import { DateField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import { nextServiceStatuses } from '#shared/pathwayCodes.ts';
import type { DirectoryEntry, ServiceStepInput } from '#shared/api/pathway.ts';
import { recordWrites, type ClientPathway, type SectionProps } from './pathwayRecord.ts';
import { SavingForm } from './SavingForm.tsx';

type Service = NonNullable<ClientPathway['pathwayServices']>[number];

/**
 * Pathway services from the directory of partner services: proposed, referred with the person's
 * consent to what is shared, started, completed or dropped. A provider sees only its own referrals.
 */
export function ServicesSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { can } = recordWrites(record);
  const services = record.pathwayServices ?? [];
  return (
    <section className="panel" aria-labelledby="pathway-services-heading">
      <h2 id="pathway-services-heading">{t('services.heading')}</h2>
      {services.length === 0 ? (
        <p>{t('services.none')}</p>
      ) : (
        <ul className="pathway-services">
          {services.map((service) => (
            <li key={service.id}>
              <h3>
                {t(`serviceKinds.${service.service}`)}: {service.name} ({service.organisationName})
              </h3>
              <p>
                <strong>{t(`serviceStatuses.${service.status}`)}</strong> –{' '}
                {t('services.proposedOn', { date: formatDate(service.proposedOn!, lang) })}
                {service.referredOn && `; ${t('services.referredOn', { date: formatDate(service.referredOn, lang) })}`}
                {service.startedOn && `; ${t('services.startedOn', { date: formatDate(service.startedOn, lang) })}`}
                {service.endedOn && `; ${t('services.endedOn', { date: formatDate(service.endedOn, lang) })}`}
              </p>
              {service.consentOn && (
                <p>
                  {t('services.consent', { date: formatDate(service.consentOn, lang) })}: {service.sharedWithProvider}
                </p>
              )}
              {service.dropReason && (
                <p>
                  {t('services.dropReason')}: {service.dropReason}
                </p>
              )}
              {can('services') && (nextServiceStatuses[service.status!] ?? []).length > 0 && (
                <StepForm service={service} record={record} reload={reload} />
              )}
            </li>
          ))}
        </ul>
      )}
      {can('services') && <ProposeForm record={record} reload={reload} />}
    </section>
  );
}

function ProposeForm({ record, reload }: SectionProps) {
  const { t } = useTranslation('pathway');
  const { post } = recordWrites(record);
  const directory = useApiQuery<Shown<DirectoryEntry>[]>('/pathway/directory');
  // A partner organisation proposes nothing (the server refuses it): the services it provides are referred to it.
  if (record.relationship === 'shared') return null;
  return (
    <SavingForm
      summary={t('services.propose')}
      submitLabel={t('services.saveProposal')}
      saved={t('services.proposed')}
      onSaved={reload}
      onSubmit={(data) =>
        post('/pathway-services', { directoryId: formText(data, 'directoryId'), proposedOn: formDay(data, 'proposedOn') })
      }
    >
      <SelectField
        name="directoryId"
        label={t('services.fromDirectory')}
        required
        options={(directory.data ?? []).map((entry) => ({
          value: entry.id!,
          label: `${t(`serviceKinds.${entry.service}`)}: ${entry.name} – ${entry.organisationName} (${entry.region}; ${(entry.languages ?? []).join(', ')})`,
        }))}
      />
      <DateField name="proposedOn" label={t('services.proposedOnLabel')} required defaultValue={helsinkiDate()} />
    </SavingForm>
  );
}

function StepForm({ service, record, reload }: SectionProps & { service: Service }) {
  const { t } = useTranslation('pathway');
  const { post } = recordWrites(record);
  const [status, setStatus] = useState('');
  return (
    <SavingForm
      summary={t('services.step', { name: service.name })}
      submitLabel={t('services.saveStep')}
      saved={t('services.stepSaved')}
      onSaved={reload}
      onSubmit={(data) => {
        const chosen = formCode<ServiceStepInput['status']>(data, 'status');
        return post(`/pathway-services/${service.id}/steps`, {
          status: chosen,
          on: formDay(data, 'on'),
          ...(chosen === 'referred' ? { consentOn: formDay(data, 'consentOn'), sharedWithProvider: formText(data, 'shared') } : {}),
          ...(chosen === 'dropped' ? { dropReason: formText(data, 'dropReason') } : {}),
        } satisfies ServiceStepInput);
      }}
    >
      <SelectField
        name="status"
        label={t('services.nextStep')}
        required
        value={status}
        onChange={(event) => setStatus(event.target.value)}
        options={(nextServiceStatuses[service.status!] ?? []).map((code) => ({ value: code, label: t(`serviceStatuses.${code}`) }))}
      />
      <DateField name="on" label={t('services.stepOn')} required defaultValue={helsinkiDate()} />
      {status === 'referred' && (
        <>
          <DateField name="consentOn" label={t('services.consentOn')} hint={t('services.consentHint')} required />
          <TextAreaField name="shared" label={t('services.shared')} hint={t('services.sharedHint')} rows={2} required />
        </>
      )}
      {status === 'dropped' && <TextAreaField name="dropReason" label={t('services.dropReason')} rows={2} required />}
    </SavingForm>
  );
}
