import { useEffect, useId, useMemo, useRef, useState } from 'react';
import i18n, { addTranslations } from '../../lib/i18n.ts';
import { api, ApiError } from '../../lib/api.ts';
import type { PublicReferral } from '#shared/api/referrals.ts';
import { formChecked, formCode, formText, formWholeNumber } from '../../lib/forms.ts';
import { Form, SubmitButton, type FormWords } from '../../ui/form/Form.tsx';
import { CheckboxField, Field, RadioGroupField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';

// Only the help page's own words, in every language it is offered in.
addTranslations(import.meta.glob<{ default: Record<string, unknown> }>('#locales/*/public.json', { eager: true }));

/** The languages of the page, each named in itself; Arabic and Dari are written right to left. */
const pageLanguages = [
  { code: 'fi', name: 'Suomi' },
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
  { code: 'ar', name: 'العربية', rtl: true },
  { code: 'so', name: 'Soomaali' },
  { code: 'prs', name: 'دری', rtl: true },
  { code: 'ru', name: 'Русский' },
  { code: 'uk', name: 'Українська' },
  { code: 'th', name: 'ไทย' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'ne', name: 'नेपाली' },
];
const countries =
  'AF AL DZ AO AR AM AU AT AZ BD BY BE BJ BO BA BR BG BF BI KH CM CA CF TD CL CN CO CD CG CR CI HR CU CZ DK DO EC EG SV ER EE ET FI FR GA GM GE DE GH GR GT GN GW HT HN HU IN ID IR IQ IE IL IT JM JP JO KZ KE XK KW KG LA LV LB LR LY LT MG MW MY ML MR MX MD MN ME MA MZ MM NA NP NL NZ NI NE NG KP MK NO PK PS PA PY PE PH PL PT RO RU RW SA SN RS SL SK SI SO ZA KR SS ES LK SD SE CH SY TW TJ TZ TH TG TN TR TM UG UA AE GB US UY UZ VE VN YE ZM ZW'.split(
    ' ',
  );
const channels = ['phone', 'sms', 'email', 'whatsapp', 'signal', 'through_someone', 'no_contact'] as const;
const genders = ['female', 'male', 'other', 'unknown'] as const;
/** A year of birth the form takes: the server's lowest, up to this year. */
const firstBirthYear = 1900;
/** The server's limit of children mentioned on the public form. */
const mostChildren = 15;
/** A neutral page to land on: leaving must not look like leaving a help page. */
const EXIT_TO = 'https://www.ilmatieteenlaitos.fi/';

function displayNames(language: string) {
  try {
    return new Intl.DisplayNames([language === 'prs' ? 'fa-AF' : language, 'en'], { type: 'region' });
  } catch {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  }
}

/**
 * A person refers themself: no login, no cookie, nothing in browser storage or the address bar, no
 * request to anyone but Polku. The quick exit (button or Esc) empties the page and replaces it in
 * the history, so Back does not return here; the button stays at the top of the screen while the
 * page scrolls, as a phone has no Esc key. Only the help page's own words are loaded (public.json,
 * eleven languages), so the form is given its words (the error summary's title…) from there.
 */
export function PublicReferralPage() {
  const first = pageLanguages.find((language) => navigator.languages?.some((tag) => tag.startsWith(language.code)))?.code ?? 'fi';
  const [language, setLanguage] = useState(first);
  const [sent, setSent] = useState<PublicReferral['replyChannel'] | null>(null);
  const [channel, setChannel] = useState('');
  const sentRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const t = useMemo(() => i18n.getFixedT(language, 'public'), [language]);
  const words = useMemo<FormWords>(() => ({ t: (key, options) => t(key, options), exists: () => false }), [t]);
  const rtl = pageLanguages.find((entry) => entry.code === language)?.rtl === true;

  function leave() {
    document.body.innerHTML = '';
    window.location.replace(EXIT_TO);
  }
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') leave();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = rtl ? 'rtl' : 'ltr';
    document.title = t('title');
  }, [language, rtl, t]);
  // After sending, the person is told at once what happens next, wherever the page was scrolled.
  useEffect(() => {
    if (sent) {
      sentRef.current?.focus();
      sentRef.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [sent]);

  const birthYearProblem = (form: FormData) => {
    if (!formText(form, 'birthYear')) return [];
    const year = formWholeNumber(form, 'birthYear');
    return year === null || year < firstBirthYear || year > new Date().getFullYear() ? [{ name: 'birthYear', problem: 'range' }] : [];
  };
  const childrenProblem = (form: FormData) => {
    const children = formWholeNumber(form, 'childrenWithMe');
    return children !== null && children > mostChildren ? [{ name: 'childrenWithMe', problem: 'range' }] : [];
  };

  async function send(form: FormData, element: HTMLFormElement) {
    const birthYear = formWholeNumber(form, 'birthYear');
    const children = formWholeNumber(form, 'childrenWithMe');
    const replyChannel = formCode<PublicReferral['replyChannel']>(form, 'replyChannel');
    const referral: PublicReferral = {
      language: language as PublicReferral['language'],
      name: formText(form, 'name'),
      // Not answering is the same as "I do not want to say": nothing is chosen for the person.
      gender: formCode<PublicReferral['gender']>(form, 'gender') || 'unknown',
      nationality: formText(form, 'nationality') || 'unknown',
      ...(birthYear !== null ? { birthYear } : {}),
      interpreterNeeded: formChecked(form, 'interpreter'),
      replyChannel,
      replyAddress: replyChannel === 'no_contact' ? '' : formText(form, 'replyAddress'),
      safeTimes: replyChannel === 'no_contact' ? '' : formText(form, 'safeTimes'),
      // A box left unticked is not a "no": the record says it is not known.
      safePlace: formChecked(form, 'safePlace') || null,
      acuteThreat: formChecked(form, 'acuteThreat') || null,
      whatHappened: formText(form, 'whatHappened'),
      ...(children !== null ? { childrenWithMe: children } : {}),
      consent: true,
    };
    try {
      await api('POST', '/public/referrals', referral);
    } catch (caught) {
      // A refusal about a field is shown at the field; anything else in the page's language.
      if (caught instanceof ApiError && (caught.problem.details?.length || caught.problem.code === 'consent_required')) throw caught;
      throw new Error(t('failed'), { cause: caught });
    }
    element.reset();
    setChannel('');
    setSent(replyChannel);
  }

  const regions = displayNames(language);
  const countryOptions = countries
    .map((code) => ({ value: code, label: regions.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  const invalid = (label: string) => ({ invalid: t('errors.invalid', { label }) });

  return (
    <div className="public-page" lang={language} dir={rtl ? 'rtl' : 'ltr'}>
      <div className="quick-exit-bar">
        <button type="button" className="quick-exit" onClick={leave} aria-describedby={`${id}-exit-hint`}>
          {t('quickExit')}
        </button>
      </div>
      <header className="public-header">
        <p id={`${id}-exit-hint`} className="hint">
          {t('quickExitHint')}
        </p>
        <nav aria-label={t('language')}>
          <ul className="public-languages">
            {pageLanguages.map((entry) => (
              <li key={entry.code}>
                <button type="button" lang={entry.code} aria-pressed={entry.code === language} onClick={() => setLanguage(entry.code)}>
                  {entry.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="narrow">
        <h1>{t('title')}</h1>
        <p className="notice warning">{t('emergency')}</p>
        {sent ? (
          <div className="alert alert-success sent" role="status" ref={sentRef} tabIndex={-1} aria-labelledby={`${id}-sent`}>
            <h2 id={`${id}-sent`}>{t('sent')}</h2>
            <p>{sent === 'no_contact' ? t('sentNoContact') : t('sentContact')}</p>
            <p>{t('sentEmergency')}</p>
            <p>{t('sentClose')}</p>
          </div>
        ) : (
          <>
            <p>{t('intro')}</p>
            <p className="muted">{t('safety')}</p>
            <Form
              onSubmit={send}
              words={words}
              check={(form) => [...birthYearProblem(form), ...childrenProblem(form)]}
              errorFields={{ consent_required: 'consent' }}
            >
              <Field
                name="name"
                label={t('name')}
                hint={t('nameHint')}
                required
                maxLength={200}
                autoComplete="off"
                messages={{ required: t('errors.name'), minLength: t('errors.name'), ...invalid(t('name')) }}
              />
              <Field
                name="birthYear"
                kind="wholeNumber"
                label={t('birthYear')}
                hint={t('birthYearHint')}
                maxLength={4}
                autoComplete="off"
                className="input-year"
                messages={{ wholeNumber: t('errors.birthYear'), range: t('errors.birthYear'), invalid: t('errors.birthYear') }}
              />
              <RadioGroupField
                name="gender"
                label={t('gender')}
                options={genders.map((gender) => ({ value: gender, label: t(gender) }))}
                messages={invalid(t('gender'))}
              />
              <SelectField name="nationality" label={t('nationality')} options={countryOptions} messages={invalid(t('nationality'))} />
              <CheckboxField name="interpreter" path="interpreterNeeded" label={t('interpreter')} messages={invalid(t('interpreter'))} />
              <RadioGroupField
                name="replyChannel"
                label={t('replyChannel')}
                required
                value={channel}
                onChange={setChannel}
                options={channels.map((entry) => ({ value: entry, label: t(entry) }))}
                messages={{ required: t('errors.replyChannel'), ...invalid(t('replyChannel')) }}
              />
              {channel && channel !== 'no_contact' && (
                <div className="conditional">
                  <Field
                    name="replyAddress"
                    label={t('replyAddress')}
                    required
                    maxLength={300}
                    autoComplete="off"
                    messages={{ required: t('errors.replyAddress'), ...invalid(t('replyAddress')) }}
                  />
                  <Field
                    name="safeTimes"
                    label={t('safeTimes')}
                    hint={t('safeTimesHint')}
                    maxLength={300}
                    autoComplete="off"
                    messages={invalid(t('safeTimes'))}
                  />
                </div>
              )}
              <CheckboxField name="safePlace" label={t('safePlace')} messages={invalid(t('safePlace'))} />
              <CheckboxField name="acuteThreat" label={t('acuteThreat')} messages={invalid(t('acuteThreat'))} />
              <TextAreaField
                name="whatHappened"
                label={t('whatHappened')}
                hint={t('whatHappenedHint')}
                rows={6}
                maxLength={8000}
                messages={invalid(t('whatHappened'))}
              />
              <Field
                name="childrenWithMe"
                kind="wholeNumber"
                label={t('childrenWithMe')}
                maxLength={2}
                autoComplete="off"
                className="input-year"
                messages={{
                  wholeNumber: t('errors.childrenWithMe'),
                  range: t('errors.childrenWithMe'),
                  invalid: t('errors.childrenWithMe'),
                }}
              />
              <CheckboxField
                name="consent"
                label={t('consent')}
                required
                className="consent"
                messages={{ required: t('errors.consent'), consent_required: t('errors.consent'), invalid: t('errors.consent') }}
              />
              <SubmitButton>{t('send')}</SubmitButton>
            </Form>
          </>
        )}
      </main>
    </div>
  );
}
