import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import type { Shown } from '../../lib/api.ts';
import { api } from '../../lib/api.ts';
import { formCode, formDay, formDayOrNull, formList, formText } from '../../lib/forms.ts';
import { CheckboxesField, DateField, Field, RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import { employerEngagements, fairWorkChecks, placementKinds } from '#shared/pathwayCodes.ts';
import type { Employer, EmployerInput, PlacementInput } from '#shared/api/pathway.ts';
import { recordWrites, type SectionProps } from './pathwayRecord.ts';
import { SavingForm } from './SavingForm.tsx';

/**
 * Placements and jobs with the fair-work check recorded with the person. A point not met shows as a
 * warning on the placement (and the server has made it a task); nothing is refused for it.
 */
export function SafeWorkSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { can, post } = recordWrites(record);
  const mayManage = useCan()('pathway.directory.manage');
  const employers = useApiQuery<Shown<Employer>[]>('/pathway/employers');
  const placements = record.pathwayPlacements ?? [];
  return (
    <section className="panel" aria-labelledby="safe-work-heading">
      <h2 id="safe-work-heading">{t('safeWork.heading')}</h2>
      {placements.length === 0 && <p>{t('safeWork.none')}</p>}
      {placements.map((placement) => (
        <article key={placement.id} className="placement" aria-labelledby={`placement-${placement.id}`}>
          <h3 id={`placement-${placement.id}`}>
            {t(`placementKinds.${placement.kind}`)}: {placement.employerName}
          </h3>
          <p>
            {formatDate(placement.startsOn!, lang)} – {placement.endsOn ? formatDate(placement.endsOn, lang) : ''};{' '}
            {t('safeWork.checkedOn')} {formatDate(placement.checkedOn!, lang)}
          </p>
          {(placement.unmet ?? []).length > 0 ? (
            <div className="alert alert-error" role="status">
              <h4>{t('safeWork.warning')}</h4>
              <p>{t('safeWork.warningText', { points: placement.unmet!.map((point) => t(`fairWork.${point}`)).join('; ') })}</p>
            </div>
          ) : (
            <p>{t('safeWork.allMet')}</p>
          )}
        </article>
      ))}
      {can('services') && (
        <SavingForm
          summary={t('safeWork.add')}
          submitLabel={t('safeWork.save')}
          saved={t('safeWork.saved')}
          onSaved={reload}
          onSubmit={(data) =>
            post('/placements', {
              employerId: formText(data, 'employerId'),
              kind: formCode(data, 'kind'),
              startsOn: formDay(data, 'startsOn'),
              endsOn: formDayOrNull(data, 'endsOn'),
              checkedOn: formDay(data, 'checkedOn'),
              checks: Object.fromEntries(
                fairWorkChecks.map((check) => [check, formText(data, check) === 'met']),
              ) as PlacementInput['checks'],
            } satisfies PlacementInput)
          }
        >
          <SelectField
            name="employerId"
            label={t('safeWork.employer')}
            required
            options={(employers.data ?? []).map((employer) => ({ value: employer.id!, label: employer.name! }))}
          />
          <SelectField
            name="kind"
            label={t('safeWork.kind')}
            required
            options={placementKinds.map((code) => ({ value: code, label: t(`placementKinds.${code}`) }))}
          />
          <DateField name="startsOn" label={t('safeWork.startsOn')} required />
          <DateField name="endsOn" label={t('safeWork.endsOn')} />
          <DateField name="checkedOn" label={t('safeWork.checkedOn')} required defaultValue={helsinkiDate()} />
          <fieldset>
            <legend>{t('safeWork.check')}</legend>
            {fairWorkChecks.map((check) => (
              <RadioGroupField
                key={check}
                name={check}
                label={t(`fairWork.${check}`)}
                required
                messages={{ required: t('safeWork.checkNeeded') }}
                options={[
                  { value: 'met', label: t('safeWork.met') },
                  { value: 'not_met', label: t('safeWork.notMet') },
                ]}
              />
            ))}
          </fieldset>
        </SavingForm>
      )}
      {mayManage && (
        <SavingForm
          summary={t('safeWork.addEmployer')}
          submitLabel={t('safeWork.saveEmployer')}
          saved={t('safeWork.employerSaved')}
          onSaved={() => void employers.refetch()}
          onSubmit={(data) =>
            api('POST', '/pathway/employers', {
              name: formText(data, 'name'),
              engagement: formList(data, 'engagement') as EmployerInput['engagement'],
              contactPersons: formText(data, 'contactPersons'),
            } satisfies EmployerInput)
          }
        >
          <Field name="name" label={t('safeWork.employerName')} required />
          <CheckboxesField
            name="engagement"
            label={t('safeWork.engagement')}
            required
            options={employerEngagements.map((code) => ({ value: code, label: t(`engagements.${code}`) }))}
          />
          <TextAreaField name="contactPersons" label={t('safeWork.contactPersons')} rows={2} required />
        </SavingForm>
      )}
    </section>
  );
}
