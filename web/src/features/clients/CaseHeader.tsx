import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { useCan } from '../../lib/session.ts';
import { formText } from '../../lib/forms.ts';
import { TextAreaField } from '../../ui/form/fields.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { ageOn, helsinkiDate } from '#shared/dates.ts';
import type { ReopeningInput } from '#shared/api/casework.ts';
import { codeNames } from '../../ui/form/codeNames.ts';
import { OpenForm } from './OpenForm.tsx';
import type { ClientRecord } from './recordTypes.ts';

/**
 * The case at a glance, above every section: where it stands, who works on it, the deadlines and the
 * warnings staff must not miss. Only what the policy granted is in the record; what is absent is left out.
 */
export function CaseHeader({ record, reload }: { record: ClientRecord; reload: () => void }) {
  const { t, i18n } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const { t: tw } = useTranslation('casework');
  const can = useCan();
  const lang = i18n.language;
  const today = helsinkiDate();
  const ended = record.status === 'ended';
  const termination = record.terminations?.at(-1);
  const period = record.reflectionPeriods?.find((entry) => !entry.interruptedOn && entry.start <= today && entry.end >= today);
  const identification = record.identifications?.at(-1);
  const mainExploitation = record.exploitations?.find((entry) => entry.main) ?? record.exploitations?.[0];
  const residence = record.residence?.at(-1);
  const referral = record.referrals?.at(-1);
  const identity = record.identity;

  const identificationStage = !identification
    ? t('header.identificationNone')
    : identification.decidedAt
      ? identification.outcome
        ? tw(`identificationOutcomes.${identification.outcome}`)
        : t('header.identificationClosed')
      : identification.experts.length > 0
        ? t('header.identificationHearing')
        : t('header.identificationRequested', { date: formatDate(identification.requestedAt, lang) });

  const warnings = [
    referral?.acuteThreat === true && t('header.warnings.acuteThreat'),
    referral?.safePlace === false && t('header.warnings.noSafePlace'),
    identity?.interpreterNeeded && t('header.warnings.interpreter'),
    identity?.birthDate && ageOn(identity.birthDate, today) < 18 && t('header.warnings.child'),
  ].filter((warning): warning is string => Boolean(warning));

  return (
    <section className="case-header" aria-labelledby="case-header-heading">
      <h2 id="case-header-heading" className="visually-hidden">
        {t('header.title')}
      </h2>
      <p className="case-status">
        <span className={`status-tag status-tag--${record.status}`}>{t(`status.${record.status}`)}</span>
      </p>
      {ended && (
        <div className="alert alert-ended">
          <p>
            <strong>
              {termination
                ? t('header.endedOn', { date: formatDate(termination.at, lang), reason: tw(`terminationReasons.${termination.reason}`) })
                : t('status.ended')}
            </strong>
          </p>
          <p>{t('header.readOnly')}</p>
          {can('clients.reopen') && (
            <OpenForm
              openLabel={t('reopen.open')}
              submitLabel={t('reopen.submit')}
              saved={t('reopen.saved')}
              onSaved={reload}
              onSubmit={(data) =>
                api('POST', `/clients/${record.id}/reopening`, { reason: formText(data, 'reason') } satisfies ReopeningInput)
              }
            >
              <TextAreaField
                name="reason"
                label={t('reopen.reason')}
                hint={t('reopen.reasonHint')}
                required
                rows={3}
                messages={{
                  required: t('reopen.reasonRequired'),
                  minLength: t('reopen.reasonRequired'),
                  pattern: t('reopen.reasonRequired'),
                }}
              />
            </OpenForm>
          )}
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="case-warnings" aria-label={t('header.warningsLabel')}>
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <dl className="case-facts">
        {record.officeId && (
          <div>
            <dt>{t('header.office')}</dt>
            <dd>{tc(`offices.${record.officeId}`, { defaultValue: record.officeId })}</dd>
          </div>
        )}
        {record.assignments && (
          <div>
            <dt>{t('header.workers')}</dt>
            <dd>{record.assignments.map((entry) => entry.name).join(', ') || t('header.noneYet')}</dd>
          </div>
        )}
        {record.reflectionPeriods && (
          <div>
            <dt>{t('header.reflection')}</dt>
            <dd>
              {period
                ? t('header.reflectionEnds', { date: formatDate(period.end, lang), count: period.daysLeft })
                : t('header.reflectionNone')}
            </dd>
          </div>
        )}
        {record.identifications && (
          <div>
            <dt>{t('header.identification')}</dt>
            <dd>{identificationStage}</dd>
          </div>
        )}
        {identity && (
          <div>
            <dt>{t('header.languages')}</dt>
            <dd>
              {identity.languages.length > 0 ? codeNames('language', identity.languages, lang) : t('header.notRecorded')}
              {' · '}
              {identity.interpreterNeeded ? t('header.interpreterNeeded') : t('header.noInterpreter')}
            </dd>
          </div>
        )}
        {record.exploitations && (
          <div>
            <dt>{t('header.exploitation')}</dt>
            <dd>
              {mainExploitation
                ? [
                    tc(`statistics:purposes.${mainExploitation.purpose}`),
                    mainExploitation.sector ? tw(`isic.${mainExploitation.sector}`) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : t('header.notRecorded')}
            </dd>
          </div>
        )}
        {record.residence && (
          <div>
            <dt>{t('header.residence')}</dt>
            <dd>
              {residence
                ? `${tc(`statistics:residence.${residence.status}`)} (${formatDate(residence.at, lang)})`
                : t('header.notRecorded')}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
