import type { FormWords } from '../form.ts';
import type { SiteLanguage } from '../languages.ts';
import type { Words } from '../words.ts';

/** Nationalities offered on the public forms, named in the visitor's language by Node's own Intl data. */
const countries =
  'AF AL DZ AO AR AM AU AT AZ BD BY BE BJ BO BA BR BG BF BI KH CM CA CF TD CL CN CO CD CG CR CI HR CU CZ DK DO EC EG SV ER EE ET FI FR GA GM GE DE GH GR GT GN GW HT HN HU IN ID IR IQ IE IL IT JM JP JO KZ KE XK KW KG LA LV LB LR LY LT MG MW MY ML MR MX MD MN ME MA MZ MM NA NP NL NZ NI NE NG KP MK NO PK PS PA PY PE PH PL PT RO RU RW SA SN RS SL SK SI SO ZA KR SS ES LK SD SE CH SY TW TJ TZ TH TG TN TR TM UG UA AE GB US UY UZ VE VN YE ZM ZW'.split(
    ' ',
  );

const cache = new Map<SiteLanguage, Array<{ value: string; label: string }>>();

export function countryChoices(language: SiteLanguage) {
  let choices = cache.get(language);
  if (!choices) {
    const names = new Intl.DisplayNames([language === 'prs' ? 'fa-AF' : language, 'en'], { type: 'region', fallback: 'code' });
    choices = countries
      .map((code) => ({ value: code, label: names.of(code) ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
    cache.set(language, choices);
  }
  return choices;
}

export const formWords = (words: Words): FormWords => ({
  thereIsAProblem: words.t('form.thereIsAProblem'),
  errorPrefix: words.t('form.errorPrefix'),
  choose: words.t('form.choose'),
});
