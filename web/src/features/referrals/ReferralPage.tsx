import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useRecordRead } from '../../lib/recordRead.ts';
import { useSession } from '../../lib/session.ts';
import { exploitationPlaces, exploitationPurposes } from '#shared/codes.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { ErrorMessage, PageTitle, SelectField, StatusMessage, fieldErrors, formatDate, formatDateTime } from '../../ui/ui.tsx';
import type { DecisionInput, MatchReview, ReferralResponse } from '#shared/api/referrals.ts';
import { formCode, formCodeOrNull, formText } from '../../lib/forms.ts';

type Place = NonNullable<NonNullable<DecisionInput['exploitation']>['place']>;

type Shape = Shown<ReferralResponse>;
type Match = Shown<Shape['matches'][number]>;
/**
 * The referral as its page reads it. The person's contact is there only when the contact group is
 * granted, and the consent's details only as the consent was given or overridden.
 */
type Referral = Omit<Shape, 'person' | 'exploitations' | 'matches' | 'replyChannel' | 'decision'> & {
  person: Shown<Omit<Shape['person'], 'contact' | 'whereabouts'>> & Pick<Shape['person'], 'contact' | 'whereabouts'>;
  exploitations: Array<Shown<Shape['exploitations'][number]>>;
  matches: Match[];
  replyChannel: Shown<NonNullable<Shape['replyChannel']>> | null;
  decision: Shown<NonNullable<Shape['decision']>> | null;
};
interface Staff {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

export function ReferralPage() {
  const id = useParams().referralId!;
  const { t, i18n } = useTranslation('referrals');
  const { t: tc } = useTranslation('clients');
  const { session } = useSession();
  const { data: referral, error: loadError, needsReason, open, reload } = useRecordRead<Referral>(`/referrals/${id}`);
  const [actionError, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = actionError ?? loadError;

  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await work();
      setNotice(message);
      await reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  if (needsReason) return <ReasonForm error={loadError} onReason={(reason) => void open(reason)} />;
  if (!referral)
    return loadError ? (
      <>
        <PageTitle>{t('referralTitle')}</PageTitle>
        <LoadFailed error={loadError} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  const person = referral.person;
  const consent = referral.consent;

  return (
    <>
      <PageTitle>
        {t('referralTitle')}: {person.name}
      </PageTitle>
      <p>
        <strong>{t(`statuses.${referral.status}`)}</strong> · {t('received')} {formatDateTime(referral.receivedAt, i18n.language)} ·{' '}
        {t('waited')} {t('days', { count: referral.waitedDays })}
      </p>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <ErrorMessage error={error} />
      <section className="panel" aria-labelledby="person-heading">
        <h2 id="person-heading">{t('person')}</h2>
        <dl>
          <dt>{tc('birthDate')}</dt>
          <dd>{person.birthDate ? formatDate(person.birthDate, i18n.language) : '–'}</dd>
          <dt>{tc('gender')}</dt>
          <dd>{tc(`genders.${person.gender}`)}</dd>
          <dt>{tc('nationality')}</dt>
          <dd>{person.nationality}</dd>
          <dt>{t('source')}</dt>
          <dd>
            {t(`statistics:sources.${referral.source}`)}
            {referral.referrerOrganisation ? ` (${referral.referrerOrganisation})` : ''}
            {referral.referrerName ? ` – ${referral.referrerName}` : ''}
          </dd>
          <dt>{t('flags')}</dt>
          <dd>
            {[person.acuteThreat && t('acuteThreat'), person.safePlace === false && t('noSafePlace')].filter(Boolean).join(', ') || '–'}
          </dd>
          {(referral.exploitations ?? []).map((entry) => (
            <div key={entry.purpose}>
              <dt>{t('form.purpose')}</dt>
              <dd>
                {t(`statistics:purposes.${entry.purpose}`)}
                {entry.place ? `, ${t(`statistics:places.${entry.place}`)}` : ''}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {person.contact !== undefined && (
        <section className="panel protected" aria-labelledby="contact-heading">
          <h2 id="contact-heading">{tc('groups.contact')}</h2>
          <p className="muted">{tc('protectedNotice')}</p>
          <dl>
            <dt>{tc('contact')}</dt>
            <dd>{person.contact ?? '–'}</dd>
            {referral.replyChannel && (
              <>
                <dt>{t('replyChannel')}</dt>
                <dd>
                  {[t(`public:${referral.replyChannel.kind}`), referral.replyChannel.address, referral.replyChannel.safeTimes]
                    .filter(Boolean)
                    .join(' · ')}
                  {referral.replyLanguage ? ` (${referral.replyLanguage})` : ''}
                </dd>
              </>
            )}
            {referral.childrenWithMe ? (
              <>
                <dt>{t('public:childrenWithMe')}</dt>
                <dd>{referral.childrenWithMe}</dd>
              </>
            ) : null}
            <dt>{tc('whereabouts')}</dt>
            <dd>{person.whereabouts ?? '–'}</dd>
          </dl>
        </section>
      )}
      <section className="panel" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('consentTitle')}</h2>
        {consent.given ? (
          <p>
            {t('consentGiven', {
              who: t(`givers.${consent.givenBy}`),
              how: t(`methods.${consent.method}`),
              when: formatDateTime(consent.at!, i18n.language),
            })}
            {consent.interpreter ? ` ${t('consentInterpreter', { name: consent.interpreter })}` : ''}
          </p>
        ) : (
          <p>{t('overrideReason', { reason: consent.overrideReason })}</p>
        )}
        {referral.account && (
          <>
            <h3>{t('account')}</h3>
            <p className="preserve">{referral.account}</p>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="matches-heading">
        <h2 id="matches-heading">{t('matchesTitle')}</h2>
        {(referral.matches ?? []).length === 0 ? (
          <p>{t('noMatches')}</p>
        ) : (
          <ul>
            {referral.matches.map((match) => (
              <li key={match.personId}>
                {match.name}, {match.birthDate ? formatDate(match.birthDate, i18n.language) : '–'}, {match.nationality}
                {match.isClient ? ` (${t('isClient')})` : ''} – {match.reasons.map((reason) => t(`matchReasons.${reason}`)).join(', ')}
                {match.review ? ` – ${t(`reviewed.${match.review}`)}` : ''}
                {referral.status === 'open' && match.review !== 'confirmed' && (
                  <span className="statistics-actions">
                    <button
                      type="button"
                      onClick={() =>
                        void act(
                          () => api('PUT', `/referrals/${id}/matches/${match.personId}`, { outcome: 'confirmed' } satisfies MatchReview),
                          t('reviewed.confirmed'),
                        )
                      }
                    >
                      {t('samePerson')}
                    </button>
                    {match.review !== 'dismissed' && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() =>
                          void act(
                            () => api('PUT', `/referrals/${id}/matches/${match.personId}`, { outcome: 'dismissed' } satisfies MatchReview),
                            t('reviewed.dismissed'),
                          )
                        }
                      >
                        {t('notSamePerson')}
                      </button>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {referral.decision && (
        <section className="panel" aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t('decisionTitle')}</h2>
          <p>
            {t(`statuses.${referral.decision.outcome}`)} ·{' '}
            {referral.decision.decidedAt && formatDateTime(referral.decision.decidedAt, i18n.language)} · {referral.decision.deciderName}
          </p>
          <p className="preserve">{referral.decision.reasons}</p>
          <p>
            <Link to={`/referrals/${id}/letter`}>{t('showLetter')}</Link>
            {referral.decision.outcome === 'admitted' && (
              <>
                {' '}
                · <Link to={`/clients/${referral.personId}`}>{tc('recordTitle')}</Link>
              </>
            )}
          </p>
        </section>
      )}
      {referral.status === 'open' && session.permissions?.['referrals.decide'] && (
        <DecisionForm
          id={id}
          main={(referral.exploitations ?? []).find((entry) => entry.main)}
          onDecided={() => act(async () => {}, t('decided'))}
        />
      )}
      {referral.status === 'open' && session.permissions?.['referrals.withdraw'] && (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => void act(() => api('POST', `/referrals/${id}/withdrawal`), t('withdrawn'))}
          >
            {t('withdraw')}
          </button>
        </p>
      )}
    </>
  );
}

function DecisionForm({ id, main, onDecided }: { id: string; main?: { purpose: string; place: string | null }; onDecided: () => void }) {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const { session } = useSession();
  const staffQuery = useApiQuery<Staff[]>('/staff');
  const staff = (staffQuery.data ?? []).map((account) => ({
    value: account.id,
    label: `${account.displayName} (${tc(`roles.${account.role}`)})`,
  }));
  const places = useOfficesAndOrganisations();
  const offices = places.offices;
  const [error, setError] = useState<ApiError | null>(null);

  const problems = fieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = formCode<DecisionInput['outcome']>(form, 'outcome');
    setError(null);
    try {
      const decision: DecisionInput = {
        outcome,
        reasons: formText(form, 'reasons'),
        letterLanguage: formCode(form, 'letterLanguage'),
        ...(outcome === 'admitted'
          ? {
              officeId: formText(form, 'officeId'),
              caseworkerIds: [formText(form, 'caseworker')].filter(Boolean),
              ...(form.get('purpose')
                ? { exploitation: { purpose: formCode(form, 'purpose'), place: formCodeOrNull<Place>(form, 'place') } }
                : {}),
            }
          : {}),
      };
      await api('POST', `/referrals/${id}/decision`, decision);
      onDecided();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <section className="panel" aria-labelledby="decide-heading">
      <h2 id="decide-heading">{t('decisionTitle')}</h2>
      {staffQuery.error && <LoadFailed error={staffQuery.error} onRetry={() => void staffQuery.refetch()} />}
      {places.error && <LoadFailed error={places.error} onRetry={places.retry} />}
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('outcome')}
          name="outcome"
          options={[
            { value: 'admitted', label: t('admit') },
            { value: 'rejected', label: t('reject') },
          ]}
        />
        <div className="field">
          <label htmlFor="reasons">{t('reasons')}</label>
          <textarea id="reasons" name="reasons" rows={4} required />
        </div>
        <SelectField
          label={t('letterLanguage')}
          name="letterLanguage"
          options={['fi', 'sv', 'en'].map((language) => ({ value: language, label: tc(`language.${language}`) }))}
        />
        <SelectField
          label={t('office')}
          name="officeId"
          key={offices.length}
          defaultValue={session.account?.officeId ?? undefined}
          options={offices.map((office) => ({ value: office.id, label: tc(`offices.${office.id}`, { defaultValue: office.name }) }))}
        />
        <SelectField label={t('caseworker')} name="caseworker" options={staff} />
        <SelectField
          label={t('form.purpose')}
          name="purpose"
          defaultValue={main?.purpose ?? ''}
          error={problems['exploitation.purpose']}
          options={[
            { value: '', label: t('notChosen') },
            ...exploitationPurposes.map((code) => ({ value: code, label: t(`statistics:purposes.${code}`) })),
          ]}
        />
        <SelectField
          label={t('form.place')}
          name="place"
          defaultValue={main?.place ?? ''}
          error={problems['exploitation.place']}
          options={[
            { value: '', label: t('notChosen') },
            ...exploitationPlaces.map((code) => ({ value: code, label: t(`statistics:places.${code}`) })),
          ]}
        />
        <button type="submit">{t('decide')}</button>
      </form>
    </section>
  );
}
