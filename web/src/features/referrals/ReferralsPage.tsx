import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan, useSession } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { ErrorMessage, Field, PageTitle, SelectField, StatusMessage, fieldErrors, formatDateTime } from '../../ui/ui.tsx';
import {
  exploitationPlaces,
  exploitationPurposes,
  genders,
  isicSections,
  referralSources,
  residenceStatuses,
  type ExploitationPurpose,
  type ResidenceStatus,
} from '#shared/codes.ts';
import type { IntakeQueueEntry, ReferralInput, SentReferral } from '#shared/api/referrals.ts';
import { formCode, formCodeOrNull } from '../../lib/forms.ts';

type Exploitation = NonNullable<ReferralInput['exploitation']>;
type Place = NonNullable<Exploitation['place']>;
type Sector = NonNullable<Exploitation['sector']>;
type ConsentGiven = Extract<ReferralInput['consent'], { given: true }>;

type QueueEntry = Shown<IntakeQueueEntry>;
type SentEntry = Shown<SentReferral>;

/** Staff see the intake queue; a partner sees what their organisation has sent. Both can refer. */
export function ReferralsPage() {
  const { t, i18n } = useTranslation('referrals');
  const can = useCan();
  const staff = can('referrals.queue');
  const queue = useApiQuery<QueueEntry[]>(staff ? '/referrals/queue' : null);
  const sent = useApiQuery<SentEntry[]>(staff ? null : '/referrals/sent');

  return (
    <>
      <PageTitle>{staff ? t('queueTitle') : t('sentTitle')}</PageTitle>
      {staff && <p>{t('queueIntro')}</p>}
      {staff && (
        <Loaded query={queue}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t('queueTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('person')}</th>
                      <th scope="col">{t('received')}</th>
                      <th scope="col">{t('waited')}</th>
                      <th scope="col">{t('source')}</th>
                      <th scope="col">{t('flags')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((entry) => (
                      <tr key={entry.id}>
                        <td>
                          <Link to={`/referrals/${entry.id}`}>{entry.name ?? '–'}</Link>
                        </td>
                        <td>{formatDateTime(entry.receivedAt, i18n.language)}</td>
                        <td>{t('days', { count: entry.waitedDays })}</td>
                        <td>{t(`statistics:sources.${entry.source}`)}</td>
                        <td>
                          {[
                            entry.acuteThreat && t('acuteThreat'),
                            entry.safePlace === false && t('noSafePlace'),
                            entry.consent === 'child_override' && t('childOverride'),
                          ]
                            .filter(Boolean)
                            .join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      )}
      {!staff && (
        <Loaded query={sent}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul>
                {list.map((entry) => (
                  <li key={entry.id}>
                    {entry.name} – {formatDateTime(entry.receivedAt, i18n.language)} – {t(`statuses.${entry.status}`)}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      )}
      <NewReferralForm onSent={() => void (staff ? queue : sent).refetch()} />
    </>
  );
}

function NewReferralForm({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation('clients');
  const { session } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [consentGiven, setConsentGiven] = useState(true);
  const mayOverride = session.permissions?.['referrals.consentOverride'] === true;
  const errors = fieldErrors(error);
  const option = (prefix: string) => (code: string) => ({ value: code, label: t(`${prefix}.${code}`) });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const orNull = (name: string) => text(name) || null;
    setError(null);
    setDone(false);
    try {
      const referral: ReferralInput = {
        source: formCode(form, 'source'),
        referrerName: orNull('referrerName'),
        person: {
          name: text('name'),
          birthDate: text('birthDate'),
          birthDateEstimated: form.get('estimated') === 'on',
          gender: formCode(form, 'gender'),
          nationality: text('nationality').toUpperCase().replace('STATELESS', 'stateless').replace('UNKNOWN', 'unknown'),
          languages: text('languages')
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((code) => code.toLowerCase()),
          interpreterNeeded: form.get('interpreter') === 'on',
          contact: orNull('contact'),
          whereabouts: orNull('whereabouts'),
          safePlace: form.get('safePlace') === 'on',
          acuteThreat: form.get('acuteThreat') === 'on',
        },
        exploitation: text('purpose')
          ? {
              purposes: [formCode<ExploitationPurpose>(form, 'purpose')],
              place: formCodeOrNull<Place>(form, 'place'),
              sector: formCodeOrNull<Sector>(form, 'sector'),
            }
          : null,
        residenceStatus: formCodeOrNull<ResidenceStatus>(form, 'residence'),
        account: orNull('account'),
        consent: consentGiven
          ? {
              given: true,
              givenBy: formCode<ConsentGiven['givenBy']>(form, 'consentBy'),
              at: text('consentAt') ? new Date(text('consentAt')).toISOString() : '',
              method: formCode<ConsentGiven['method']>(form, 'consentHow'),
              interpreter: orNull('consentInterpreter'),
            }
          : { given: false, overrideReason: text('overrideReason') },
      };
      await api('POST', '/referrals', referral);
      formElement.reset();
      setDone(true);
      onSent();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  return (
    <section aria-labelledby="new-referral" className="panel">
      <h2 id="new-referral">{t('newTitle')}</h2>
      <p className="notice warning">{t('consentRule')}</p>
      {done && <StatusMessage>{t('form.sent')}</StatusMessage>}
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('form.source')}
          name="source"
          options={referralSources.map((code) => ({ value: code, label: t(`statistics:sources.${code}`) }))}
          error={errors.source}
        />
        <Field label={t('form.referrerName')} name="referrerName" autoComplete="off" />
        <Field label={t('form.name')} name="name" required autoComplete="off" error={errors['person.name']} />
        <Field label={t('form.birthDate')} name="birthDate" type="date" required error={errors['person.birthDate']} />
        <p className="choice">
          <input type="checkbox" id="estimated" name="estimated" /> <label htmlFor="estimated">{t('form.estimated')}</label>
        </p>
        <SelectField
          label={t('form.gender')}
          name="gender"
          options={genders.map((code) => ({ value: code, label: tc(`genders.${code}`) }))}
        />
        <Field label={t('form.nationality')} name="nationality" required autoComplete="off" error={errors['person.nationality']} />
        <Field label={t('form.languages')} name="languages" autoComplete="off" error={errors['person.languages.0']} />
        <p className="choice">
          <input type="checkbox" id="interpreter" name="interpreter" /> <label htmlFor="interpreter">{t('form.interpreter')}</label>
        </p>
        <Field label={t('form.contact')} name="contact" autoComplete="off" />
        <Field label={t('form.whereabouts')} name="whereabouts" autoComplete="off" />
        <p className="choice">
          <input type="checkbox" id="safePlace" name="safePlace" /> <label htmlFor="safePlace">{t('form.safePlace')}</label>
        </p>
        <p className="choice">
          <input type="checkbox" id="acuteThreat" name="acuteThreat" /> <label htmlFor="acuteThreat">{t('form.acuteThreat')}</label>
        </p>
        <SelectField
          label={t('form.purpose')}
          name="purpose"
          options={[
            { value: '', label: t('notChosen') },
            ...exploitationPurposes.map((code) => ({ value: code, label: t(`statistics:purposes.${code}`) })),
          ]}
        />
        <SelectField
          label={t('form.place')}
          name="place"
          error={errors['exploitation.place']}
          options={[
            { value: '', label: t('notChosen') },
            ...exploitationPlaces.map((code) => ({ value: code, label: t(`statistics:places.${code}`) })),
          ]}
        />
        <SelectField
          label={t('form.sector')}
          name="sector"
          options={[{ value: '', label: t('notChosen') }, ...isicSections.map(option('casework:isic'))]}
        />
        <SelectField
          label={t('form.residence')}
          name="residence"
          options={[
            { value: '', label: t('notChosen') },
            ...residenceStatuses.map((code) => ({ value: code, label: t(`statistics:residence.${code}`) })),
          ]}
        />
        <div className="field">
          <label htmlFor="account">{t('form.account')}</label>
          <textarea id="account" name="account" rows={4} />
        </div>
        <fieldset>
          <legend>{t('consentTitle')}</legend>
          <p className="choice">
            <input type="radio" id="consent-yes" name="consent" checked={consentGiven} onChange={() => setConsentGiven(true)} />{' '}
            <label htmlFor="consent-yes">{t('form.consentGiven')}</label>
          </p>
          {mayOverride && (
            <p className="choice">
              <input type="radio" id="consent-child" name="consent" checked={!consentGiven} onChange={() => setConsentGiven(false)} />{' '}
              <label htmlFor="consent-child">{t('form.override')}</label>
            </p>
          )}
          {consentGiven ? (
            <>
              <SelectField
                label={t('form.consentBy')}
                name="consentBy"
                options={['person', 'guardian', 'representative'].map(option('givers'))}
              />
              <Field label={t('form.consentAt')} name="consentAt" type="datetime-local" required error={errors['consent.at']} />
              <SelectField label={t('form.consentHow')} name="consentHow" options={['in_writing', 'orally'].map(option('methods'))} />
              <Field label={t('form.consentInterpreter')} name="consentInterpreter" autoComplete="off" />
            </>
          ) : (
            <Field label={t('form.overrideReason')} name="overrideReason" required error={errors['consent.overrideReason']} />
          )}
        </fieldset>
        <button type="submit">{t('form.submit')}</button>
      </form>
    </section>
  );
}
