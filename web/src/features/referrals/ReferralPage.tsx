import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useRecordRead } from '../../lib/recordRead.ts';
import { useSession } from '../../lib/session.ts';
import { exploitationPlaces, exploitationPurposes } from '#shared/codes.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { codeName, codeNames } from '../../ui/form/codeNames.ts';
import type { DecisionInput, MatchReview, ReferralResponse } from '#shared/api/referrals.ts';
import { formCode, formCodeOrNull, formText } from '../../lib/forms.ts';

type Place = NonNullable<NonNullable<DecisionInput['exploitation']>['place']>;

type Shape = Shown<ReferralResponse>;
type Match = Shown<Shape['matches'][number]>;
/**
 * The referral as its page reads it. The person's contact is there only when the contact group is
 * granted, and the consent's details only as the consent was given or overridden.
 */
type Referral = Omit<Shape, 'person' | 'exploitations' | 'matches' | 'replyChannel' | 'decision' | 'merged'> & {
  merged: Shown<NonNullable<Shape['merged']>> | null;
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
  const arrived = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const { data: referral, error: loadError, needsReason, open, reload } = useRecordRead<Referral>(`/referrals/${id}`);
  const [notice, setNotice] = useState<string | null>(arrived);

  /** An action on the referral: its refusal is the form's problem; done, the page reads the referral again. */
  const act = async (work: () => Promise<unknown>, message: string) => {
    setNotice(null);
    await work();
    setNotice(message);
    await reload();
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
  const named = person.name ?? t('noName');

  return (
    <>
      <PageTitle>
        {t('referralTitle')}: {named}
      </PageTitle>
      <p>
        <Link to="/referrals">{t('backToQueue')}</Link>
      </p>
      <p>
        <strong>{t(`statuses.${referral.status}`)}</strong> · {t('received')} {formatDateTime(referral.receivedAt, i18n.language)} ·{' '}
        {t('waited')} {t('days', { count: referral.waitedDays })}
      </p>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      {loadError && <LoadFailed error={loadError} onRetry={() => void reload()} />}
      <section className="panel" aria-labelledby="person-heading">
        <h2 id="person-heading">{t('person')}</h2>
        <dl className="facts">
          <dt>{tc('birthDate')}</dt>
          <dd>
            {person.birthDate ? formatDate(person.birthDate, i18n.language) : t('notKnown')}
            {person.birthDateEstimated ? ` (${t('estimate')})` : ''}
          </dd>
          <dt>{tc('gender')}</dt>
          <dd>{tc(`genders.${person.gender}`)}</dd>
          <dt>{tc('nationality')}</dt>
          <dd>{codeName('country', person.nationality, i18n.language)}</dd>
          <dt>{t('languagesShown')}</dt>
          <dd>
            {person.languages.length > 0 ? codeNames('language', person.languages, i18n.language) : t('notKnown')}
            {person.interpreterNeeded ? ` · ${t('form.interpreter')}` : ''}
          </dd>
          <dt>{t('source')}</dt>
          <dd>
            {t(`statistics:sources.${referral.source}`)}
            {referral.referrerOrganisation ? ` (${referral.referrerOrganisation})` : ''}
            {referral.referrerName ? ` – ${referral.referrerName}` : ''}
          </dd>
          <dt>{t('flags')}</dt>
          <dd>
            {[person.acuteThreat && t('acuteThreat'), person.safePlace === false && t('noSafePlace')].filter(Boolean).join(', ') ||
              t('noFlags')}
          </dd>
          {referral.warningSigns && referral.warningSigns.length > 0 && (
            <>
              <dt>{t('warningSigns')}</dt>
              <dd>
                <ul>
                  {referral.warningSigns.map((entry) => (
                    <li key={entry.sign}>
                      {t(`recognition:signs.${entry.sign}`)}: {t(`recognition:answers.${entry.answer}`)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {referral.referrerContact && (
            <>
              <dt>{t('referrerContact')}</dt>
              <dd>{referral.referrerContact}</dd>
            </>
          )}
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
          <dl className="facts">
            <dt>{tc('contact')}</dt>
            <dd>{person.contact ?? t('notKnown')}</dd>
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
            <dd>{person.whereabouts ?? t('notKnown')}</dd>
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
      <Matches referral={referral} onReview={(work, message) => act(work, message)} />
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
        <section className="panel" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t('withdrawTitle')}</h2>
          <Form
            aria-labelledby="withdraw-heading"
            onSubmit={() => act(() => api('POST', `/referrals/${id}/withdrawal`), t('withdrawn'))}
            confirm={() => ({
              title: t('withdrawConfirm.title', { name: named }),
              body: t('withdrawConfirm.body'),
              confirmLabel: t('withdraw'),
            })}
          >
            <p>{t('withdrawHint')}</p>
            <SubmitButton className="secondary">{t('withdraw')}</SubmitButton>
          </Form>
        </section>
      )}
    </>
  );
}

/**
 * Who in the register this person may already be. Before "same person" is confirmed, the referral's
 * person and the one in the register are shown side by side; once confirmed, the page says who they
 * were merged with and what moved, with a link to the record when the reader may open it.
 */
function Matches({
  referral,
  onReview,
}: {
  referral: Referral;
  onReview: (work: () => Promise<unknown>, message: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation('referrals');
  const { t: tc } = useTranslation('clients');
  const person = referral.person;
  const merged = referral.merged;
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : t('notKnown'));
  const open = referral.matches.filter((match) => match.review !== 'confirmed');
  return (
    <section className="panel" aria-labelledby="matches-heading">
      <h2 id="matches-heading">{t('matchesTitle')}</h2>
      {merged && (
        <div className="notice">
          <p>
            {t('merged.said', {
              name: person.name ?? t('noName'),
              when: formatDateTime(merged.confirmedAt, i18n.language),
            })}{' '}
            {merged.mayOpen && (
              <Link to={`/clients/${merged.personId}`}>{t('merged.openRecord', { name: person.name ?? t('noName') })}</Link>
            )}
          </p>
          <p>{t('merged.what')}</p>
        </div>
      )}
      {open.length === 0
        ? !merged && <p>{t('noMatches')}</p>
        : open.map((match, index) => {
            const heading = `match-${index}`;
            const rows: Array<[string, string, string]> = [
              [t('form.name'), person.name ?? t('noName'), match.name ?? t('noName')],
              [tc('birthDate'), day(person.birthDate), day(match.birthDate)],
              [
                tc('nationality'),
                codeName('country', person.nationality, i18n.language),
                codeName('country', match.nationality, i18n.language),
              ],
              [
                t('languagesShown'),
                person.languages.length ? codeNames('language', person.languages, i18n.language) : t('notKnown'),
                match.languages.length ? codeNames('language', match.languages, i18n.language) : t('notKnown'),
              ],
              [tc('gender'), tc(`genders.${person.gender}`), tc(`genders.${match.gender}`)],
            ];
            const review = (outcome: MatchReview['outcome']) => () =>
              onReview(
                () => api('PUT', `/referrals/${referral.id}/matches/${match.personId}`, { outcome } satisfies MatchReview),
                t(`reviewed.${outcome}`),
              );
            return (
              <article key={match.personId} aria-labelledby={heading} className="match">
                <h3 id={heading}>
                  {t('matchHeading', { name: match.name ?? t('noName') })}
                  {match.isClient ? ` (${t('isClient')})` : ''}
                </h3>
                <p>
                  {t('matchAlike', { reasons: match.reasons.map((reason) => t(`matchReasons.${reason}`)).join(', ') })}
                  {match.review ? ` ${t(`reviewed.${match.review}`)}.` : ''}
                </p>
                <ScrollingTable caption={t('matchCompare', { name: match.name ?? t('noName') })} captionHidden className="side-by-side">
                  <thead>
                    <tr>
                      <td />
                      <th scope="col">{t('thisReferral')}</th>
                      <th scope="col">{t('inRegister')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(([label, here, there]) => (
                      <tr key={label}>
                        <th scope="row">{label}</th>
                        <td>{here}</td>
                        <td>{there}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
                {match.mayOpen && (
                  <p>
                    <Link to={`/clients/${match.personId}`}>{t('openMatchRecord', { name: match.name ?? t('noName') })}</Link>
                  </p>
                )}
                {referral.status === 'open' && (
                  <div className="statistics-actions">
                    <Form
                      aria-labelledby={heading}
                      onSubmit={review('confirmed')}
                      confirm={() => ({
                        title: t('mergeConfirm.title', { name: match.name ?? t('noName') }),
                        body: t('mergeConfirm.body'),
                        confirmLabel: t('samePerson'),
                      })}
                    >
                      <SubmitButton>{t('samePerson')}</SubmitButton>
                    </Form>
                    {match.review !== 'dismissed' && (
                      <Form aria-labelledby={heading} onSubmit={review('dismissed')}>
                        <SubmitButton className="secondary">{t('notSamePerson')}</SubmitButton>
                      </Form>
                    )}
                  </div>
                )}
              </article>
            );
          })}
    </section>
  );
}

interface DecisionFormProps {
  id: string;
  main?: { purpose: string; place: string | null };
  onDecided: () => Promise<void>;
}

/** The decision: nothing starts answered but what the referral already says (its main exploitation). */
function DecisionForm({ id, main, onDecided }: DecisionFormProps) {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const staffQuery = useApiQuery<Staff[]>('/staff');
  const staff = (staffQuery.data ?? [])
    .filter((account) => !account.disabled)
    .map((account) => ({ value: account.id, label: `${account.displayName} (${tc(`roles.${account.role}`)})` }));
  const places = useOfficesAndOrganisations();
  const [outcome, setOutcome] = useState('');

  async function decide(form: FormData) {
    const chosen = formCode<DecisionInput['outcome']>(form, 'outcome');
    const decision: DecisionInput = {
      outcome: chosen,
      reasons: formText(form, 'reasons'),
      letterLanguage: formCode(form, 'letterLanguage'),
      ...(chosen === 'admitted'
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
    await onDecided();
  }
  const admission = (
    <>
      <SelectField
        label={t('office')}
        name="officeId"
        required
        messages={{ required: t('decision.officeRequired') }}
        options={places.offices.map((office) => ({ value: office.id, label: tc(`offices.${office.id}`, { defaultValue: office.name }) }))}
      />
      <SelectField
        label={t('caseworker')}
        name="caseworker"
        path="caseworkerIds"
        required
        messages={{ required: t('decision.caseworkerRequired') }}
        options={staff}
      />
      <SelectField
        label={t('form.purpose')}
        name="purpose"
        path="exploitation.purpose"
        defaultValue={main?.purpose ?? ''}
        messages={{ main_purpose_required: t('decision.purposeRequired') }}
        options={exploitationPurposes.map((code) => ({ value: code, label: t(`statistics:purposes.${code}`) }))}
      />
      <SelectField
        label={t('form.place')}
        name="place"
        path="exploitation.place"
        defaultValue={main?.place ?? ''}
        messages={{ place_required: t('form.placeRequired') }}
        options={exploitationPlaces.map((code) => ({ value: code, label: t(`statistics:places.${code}`) }))}
      />
    </>
  );
  return (
    <section className="panel" aria-labelledby="decide-heading">
      <h2 id="decide-heading">{t('decisionTitle')}</h2>
      {staffQuery.error && <LoadFailed error={staffQuery.error} onRetry={() => void staffQuery.refetch()} />}
      {places.error && <LoadFailed error={places.error} onRetry={places.retry} />}
      <Form
        aria-labelledby="decide-heading"
        onSubmit={decide}
        errorFields={{ unknown_office: 'officeId', not_assistance_staff: 'caseworker' }}
      >
        <RadioGroupField
          label={t('outcome')}
          name="outcome"
          required
          messages={{ required: t('decision.outcomeRequired') }}
          value={outcome}
          onChange={setOutcome}
          options={[
            { value: 'admitted', label: t('admit') },
            { value: 'rejected', label: t('reject') },
          ]}
          conditional={{ admitted: admission }}
        />
        <TextAreaField
          label={t('reasons')}
          name="reasons"
          required
          messages={{ required: t('decision.reasonsRequired'), minLength: t('decision.reasonsShort') }}
        />
        <SelectField
          label={t('letterLanguage')}
          name="letterLanguage"
          required
          messages={{ required: t('decision.letterLanguageRequired') }}
          options={['fi', 'sv', 'en'].map((language) => ({ value: language, label: tc(`language.${language}`) }))}
        />
        <SubmitButton>{t('decide')}</SubmitButton>
      </Form>
    </section>
  );
}
