import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan, useSession } from '../../lib/session.ts';
import { Link } from '../../ui/Link.tsx';
import { LoadFailed } from '../../ui/Loaded.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, DateField, DateTimeField, Field, RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { CountryField } from '../../ui/form/CountryField.tsx';
import { LanguagesField } from '../../ui/form/LanguagesField.tsx';
import {
  consentGivers,
  exploitationPlaces,
  exploitationPurposes,
  genders,
  isicSections,
  referralSources,
  residenceStatuses,
  type ExploitationPurpose,
  type ResidenceStatus,
} from '#shared/codes.ts';
import type { ReferralInput } from '#shared/api/referrals.ts';
import { formChecked, formCode, formCodeOrNull, formDay, formInstant, formList, formText, formTextOrNull } from '../../lib/forms.ts';

type Exploitation = NonNullable<ReferralInput['exploitation']>;
type ConsentGiven = Extract<ReferralInput['consent'], { given: true }>;
type Person = ReferralInput['person'];

interface Organisation {
  id: string;
  name: string;
  kind: string;
}

/** Yes, no, or left unanswered (not known): nothing is assumed about a person's safety. */
const answer = (form: FormData, name: string): boolean | null => (form.get(name) === 'yes' ? true : form.get(name) === 'no' ? false : null);

/**
 * A new referral, on its own page. A partner's referral is referred by their own kind of organisation
 * unless they choose otherwise; nothing else starts answered. Consent is asked first-hand: who gave
 * it, when and how; only staff allowed to may record a child's referral without it, with a reason.
 */
export function NewReferralPage() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation('clients');
  const { session } = useSession();
  const can = useCan();
  const navigate = useNavigate();
  const staff = can('referrals.queue');
  const mayOverride = can('referrals.consentOverride');
  const organisationId = session.account?.organisationId ?? null;
  const organisations = useApiQuery<Organisation[]>(organisationId ? '/organisations' : null, { staleTime: 5 * 60_000 });
  const ownKind = organisations.data?.find((organisation) => organisation.id === organisationId)?.kind;
  const ownSource = referralSources.find((source) => source === ownKind);
  const [consent, setConsent] = useState<string>(mayOverride ? '' : 'given');

  async function send(form: FormData) {
    const purpose = formCodeOrNull<ExploitationPurpose>(form, 'purpose');
    const given = !mayOverride || formText(form, 'consent') === 'given';
    const referral: ReferralInput = {
      source: formCode(form, 'source'),
      referrerName: formTextOrNull(form, 'referrerName'),
      person: {
        name: formText(form, 'name'),
        birthDate: formDay(form, 'birthDate'),
        birthDateEstimated: formChecked(form, 'estimated'),
        gender: formCode<Person['gender']>(form, 'gender'),
        nationality: formText(form, 'nationality'),
        languages: formList(form, 'languages'),
        interpreterNeeded: formChecked(form, 'interpreter'),
        contact: formTextOrNull(form, 'contact'),
        whereabouts: formTextOrNull(form, 'whereabouts'),
        safePlace: answer(form, 'safePlace'),
        acuteThreat: answer(form, 'acuteThreat'),
      },
      exploitation: purpose
        ? {
            purposes: [purpose],
            place: formCodeOrNull<NonNullable<Exploitation['place']>>(form, 'place'),
            sector: formCodeOrNull<NonNullable<Exploitation['sector']>>(form, 'sector'),
          }
        : null,
      residenceStatus: formCodeOrNull<ResidenceStatus>(form, 'residence'),
      account: formTextOrNull(form, 'account'),
      // Only the fields of the answer given: the other branch's fields are never sent.
      consent: given
        ? {
            given: true,
            givenBy: formCode<ConsentGiven['givenBy']>(form, 'consentBy'),
            at: formInstant(form, 'consentAt'),
            method: formCode<ConsentGiven['method']>(form, 'consentHow'),
            interpreter: formTextOrNull(form, 'consentInterpreter'),
          }
        : { given: false, overrideReason: formText(form, 'overrideReason') },
    };
    const created = await api<{ id: string }>('POST', '/referrals', referral);
    if (staff) navigate(`/referrals/${created.id}`, { state: { notice: t('form.sent') } });
    else navigate('/referrals', { state: { notice: t('form.sent') } });
  }

  const yesNo = [
    { value: 'yes', label: t('form.yes') },
    { value: 'no', label: t('form.no') },
  ];
  const consentFields = (
    <>
      <SelectField
        label={t('form.consentBy')}
        name="consentBy"
        path="consent.givenBy"
        required
        messages={{ required: t('form.consentByRequired') }}
        options={consentGivers.map((code) => ({ value: code, label: t(`givers.${code}`) }))}
      />
      <DateTimeField
        label={t('form.consentAt')}
        name="consentAt"
        path="consent.at"
        required
        messages={{ required: t('form.consentAtRequired'), not_in_future: t('form.consentAtFuture') }}
      />
      <SelectField
        label={t('form.consentHow')}
        name="consentHow"
        path="consent.method"
        required
        messages={{ required: t('form.consentHowRequired') }}
        options={(['in_writing', 'orally'] as const).map((code) => ({ value: code, label: t(`methods.${code}`) }))}
      />
      <Field label={t('form.consentInterpreter')} name="consentInterpreter" path="consent.interpreter" autoComplete="off" />
    </>
  );

  return (
    <>
      <PageTitle>{t('newTitle')}</PageTitle>
      <p>
        <Link to="/referrals">{staff ? t('backToQueue') : t('backToSent')}</Link>
      </p>
      <p className="notice warning">{t('consentRule')}</p>
      {organisations.error && <LoadFailed error={organisations.error} onRetry={() => void organisations.refetch()} />}
      <div className="panel">
        <Form onSubmit={send} errorFields={{ consent_required: 'consent', unknown_office: 'source' }}>
          <h2>{t('form.aboutReferrer')}</h2>
          <SelectField
            // Remounted once the organisation's kind is known, so the partner's own kind is chosen.
            key={ownSource ?? 'none'}
            label={t('form.source')}
            name="source"
            required
            defaultValue={ownSource ?? ''}
            hint={ownSource ? t('form.sourceOwnHint') : undefined}
            messages={{ required: t('form.sourceRequired') }}
            options={referralSources.map((code) => ({ value: code, label: t(`statistics:sources.${code}`) }))}
          />
          <Field label={t('form.referrerName')} name="referrerName" autoComplete="off" />
          <h2>{t('person')}</h2>
          <Field
            label={t('form.name')}
            name="name"
            path="person.name"
            required
            autoComplete="off"
            messages={{ required: t('form.nameRequired'), minLength: t('form.nameRequired') }}
          />
          <DateField
            label={t('form.birthDate')}
            name="birthDate"
            path="person.birthDate"
            required
            messages={{ required: t('form.birthDateRequired'), not_in_future: t('form.birthDateFuture') }}
          />
          <CheckboxField label={t('form.estimated')} name="estimated" path="person.birthDateEstimated" />
          <SelectField
            label={t('form.gender')}
            name="gender"
            path="person.gender"
            required
            hint={t('form.genderHint')}
            messages={{ required: t('form.genderRequired') }}
            options={genders.map((code) => ({ value: code, label: tc(`genders.${code}`) }))}
          />
          <CountryField
            label={t('form.nationality')}
            name="nationality"
            path="person.nationality"
            required
            messages={{ required: t('form.nationalityRequired') }}
          />
          <LanguagesField label={t('form.languages')} name="languages" path="person.languages" />
          <CheckboxField label={t('form.interpreter')} name="interpreter" path="person.interpreterNeeded" />
          <Field label={t('form.contact')} name="contact" path="person.contact" autoComplete="off" />
          <Field label={t('form.whereabouts')} name="whereabouts" path="person.whereabouts" autoComplete="off" />
          <RadioGroupField
            label={t('form.safePlace')}
            name="safePlace"
            path="person.safePlace"
            hint={t('form.leaveIfUnknown')}
            options={yesNo}
          />
          <RadioGroupField
            label={t('form.acuteThreat')}
            name="acuteThreat"
            path="person.acuteThreat"
            hint={t('form.leaveIfUnknown')}
            options={yesNo}
          />
          <h2>{t('form.aboutExploitation')}</h2>
          <SelectField
            label={t('form.purpose')}
            name="purpose"
            path="exploitation.purposes"
            placeholder={t('form.notKnown')}
            options={exploitationPurposes.map((code) => ({ value: code, label: t(`statistics:purposes.${code}`) }))}
          />
          <SelectField
            label={t('form.place')}
            name="place"
            path="exploitation.place"
            placeholder={t('form.notKnown')}
            messages={{ place_required: t('form.placeRequired') }}
            options={exploitationPlaces.map((code) => ({ value: code, label: t(`statistics:places.${code}`) }))}
          />
          <SelectField
            label={t('form.sector')}
            name="sector"
            path="exploitation.sector"
            placeholder={t('form.notKnown')}
            options={isicSections.map((code) => ({ value: code, label: t(`casework:isic.${code}`) }))}
          />
          <SelectField
            label={t('form.residence')}
            name="residence"
            path="residenceStatus"
            placeholder={t('form.notKnown')}
            options={residenceStatuses.map((code) => ({ value: code, label: t(`statistics:residence.${code}`) }))}
          />
          <TextAreaField label={t('form.account')} name="account" path="account" />
          <h2>{t('consentTitle')}</h2>
          {mayOverride ? (
            <RadioGroupField
              label={t('form.consentQuestion')}
              name="consent"
              path="consent.given"
              required
              messages={{ required: t('form.consentRequired'), consent_required: t('form.consentRequiredAdult') }}
              value={consent}
              onChange={setConsent}
              options={[
                { value: 'given', label: t('form.consentGiven') },
                { value: 'override', label: t('form.override') },
              ]}
              conditional={{
                given: consentFields,
                override: (
                  <TextAreaField
                    label={t('form.overrideReason')}
                    name="overrideReason"
                    path="consent.overrideReason"
                    required
                    messages={{ required: t('form.overrideReasonRequired'), minLength: t('form.overrideReasonShort') }}
                  />
                ),
              }}
            />
          ) : (
            <>
              <p>{t('form.consentGivenPartner')}</p>
              {consentFields}
            </>
          )}
          <SubmitButton>{t('form.submit')}</SubmitButton>
        </Form>
      </div>
    </>
  );
}
