import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import i18n, { addTranslations } from '../../lib/i18n.ts';
import { api, ApiError } from '../../lib/api.ts';
import type { PublicReferral } from '#shared/api/referrals.ts';
import { formCode } from '../../lib/forms.ts';

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
 * the history, so Back does not return here.
 */
export function PublicReferralPage() {
  const first = pageLanguages.find((language) => navigator.languages?.some((tag) => tag.startsWith(language.code)))?.code ?? 'fi';
  const [language, setLanguage] = useState(first);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const t = i18n.getFixedT(language, 'public');
  const rtl = pageLanguages.find((entry) => entry.code === language)?.rtl === true;

  function leave() {
    formRef.current?.reset();
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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const year = text('birthYear');
    const children = text('childrenWithMe');
    const missing = new Set(['name', 'consent'].filter((name) => !text(name)));
    if (year && !/^(19|20)\d\d$/.test(year)) missing.add('birthYear');
    setInvalid(missing);
    if (missing.size > 0) {
      setProblem(missing.has('consent') && missing.size === 1 ? t('consentRequired') : t('checkFields'));
      return;
    }
    setProblem(null);
    try {
      const referral: PublicReferral = {
        language: language as PublicReferral['language'],
        name: text('name'),
        gender: formCode<PublicReferral['gender']>(form, 'gender') || 'unknown',
        nationality: text('nationality') || 'unknown',
        ...(year ? { birthYear: Number(year) } : {}),
        interpreterNeeded: form.get('interpreter') === 'on',
        replyChannel: formCode<PublicReferral['replyChannel']>(form, 'replyChannel') || 'no_contact',
        replyAddress: text('replyAddress'),
        safeTimes: text('safeTimes'),
        safePlace: form.get('safePlace') === 'on',
        acuteThreat: form.get('acuteThreat') === 'on',
        whatHappened: text('whatHappened'),
        ...(children ? { childrenWithMe: Math.min(15, Math.max(0, Number(children) || 0)) } : {}),
        consent: true,
      };
      await api('POST', '/public/referrals', referral);
      formRef.current?.reset();
      setSent(true);
    } catch (caught) {
      const fields = (caught as ApiError).problem?.details?.map((detail) => detail.field.split('.')[0]) ?? [];
      setInvalid(new Set(fields));
      setProblem(fields.length > 0 ? t('checkFields') : t('failed'));
    }
  }

  const regions = displayNames(language);
  const countryOptions = countries
    .map((code) => ({ code, name: regions.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
  const field = (name: string) => ({ id: `${id}-${name}`, name, 'aria-invalid': invalid.has(name) ? true : undefined });

  return (
    <div className="public-page" lang={language} dir={rtl ? 'rtl' : 'ltr'}>
      <header className="public-header">
        <button type="button" className="quick-exit" onClick={leave} aria-describedby={`${id}-exit-hint`}>
          {t('quickExit')}
        </button>
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
          <div className="alert alert-success" role="status">
            <p>{t('sent')}</p>
          </div>
        ) : (
          <>
            <p>{t('intro')}</p>
            <p className="muted">{t('safety')}</p>
            {problem && (
              <div className="alert alert-error" role="alert">
                <p>{problem}</p>
              </div>
            )}
            <form ref={formRef} onSubmit={submit} noValidate autoComplete="off">
              <div className="field">
                <label htmlFor={`${id}-name`}>{t('name')}</label>
                <p className="hint" id={`${id}-name-hint`}>
                  {t('nameHint')}
                </p>
                <input {...field('name')} required aria-describedby={`${id}-name-hint`} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-birthYear`}>{t('birthYear')}</label>
                <p className="hint" id={`${id}-by-hint`}>
                  {t('birthYearHint')}
                </p>
                <input {...field('birthYear')} inputMode="numeric" maxLength={4} aria-describedby={`${id}-by-hint`} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-gender`}>{t('gender')}</label>
                <select {...field('gender')} defaultValue="unknown">
                  {['female', 'male', 'other', 'unknown'].map((gender) => (
                    <option key={gender} value={gender}>
                      {t(gender)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-nationality`}>{t('nationality')}</label>
                <select {...field('nationality')} defaultValue="unknown">
                  <option value="unknown">–</option>
                  {countryOptions.map((country) => (
                    <option key={country.code} value={country.code}>
                      {country.name}
                    </option>
                  ))}
                </select>
              </div>
              <p className="choice">
                <input type="checkbox" id={`${id}-interpreter`} name="interpreter" />{' '}
                <label htmlFor={`${id}-interpreter`}>{t('interpreter')}</label>
              </p>
              <div className="field">
                <label htmlFor={`${id}-replyChannel`}>{t('replyChannel')}</label>
                <select {...field('replyChannel')} defaultValue="phone">
                  {channels.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(channel)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-replyAddress`}>{t('replyAddress')}</label>
                <input {...field('replyAddress')} maxLength={300} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-safeTimes`}>{t('safeTimes')}</label>
                <p className="hint" id={`${id}-times-hint`}>
                  {t('safeTimesHint')}
                </p>
                <input {...field('safeTimes')} maxLength={300} aria-describedby={`${id}-times-hint`} />
              </div>
              <p className="choice">
                <input type="checkbox" id={`${id}-safePlace`} name="safePlace" />{' '}
                <label htmlFor={`${id}-safePlace`}>{t('safePlace')}</label>
              </p>
              <p className="choice">
                <input type="checkbox" id={`${id}-acuteThreat`} name="acuteThreat" />{' '}
                <label htmlFor={`${id}-acuteThreat`}>{t('acuteThreat')}</label>
              </p>
              <div className="field">
                <label htmlFor={`${id}-whatHappened`}>{t('whatHappened')}</label>
                <p className="hint" id={`${id}-what-hint`}>
                  {t('whatHappenedHint')}
                </p>
                <textarea {...field('whatHappened')} rows={6} maxLength={8000} aria-describedby={`${id}-what-hint`} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-childrenWithMe`}>{t('childrenWithMe')}</label>
                <input {...field('childrenWithMe')} inputMode="numeric" maxLength={2} />
              </div>
              <p className="choice consent">
                <input type="checkbox" {...field('consent')} /> <label htmlFor={`${id}-consent`}>{t('consent')}</label>
              </p>
              <button type="submit">{t('send')}</button>
            </form>
          </>
        )}
      </main>
    </div>
  );
}
