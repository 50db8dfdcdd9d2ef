import { genders, replyChannels } from '../../../core/codes.ts';
import { textProblem } from '../../../core/textRules.ts';
import type { PublicReferral } from '../../referrals/index.ts';
import { html } from '../html.ts';
import { sitePage } from '../layout.ts';
import { checkbox, errorSummary, radios, selectField, textArea, textField, wholeNumber, type Answers, type Problems } from '../form.ts';
import type { Words } from '../words.ts';
import { countryChoices, formWords } from './shared.ts';

/** A year of birth the form takes: the server's lowest, up to this year. */
const firstBirthYear = 1900;
/** The server's limit of children mentioned on the public form. */
const mostChildren = 15;

/** The fields a visitor may send, and nothing else: an unknown field is not read. */
const fields = [
  'name',
  'birthYear',
  'gender',
  'nationality',
  'interpreter',
  'replyChannel',
  'replyAddress',
  'safeTimes',
  'safePlace',
  'acuteThreat',
  'whatHappened',
  'childrenWithMe',
  'consent',
] as const;

/**
 * The self-referral form read as the API's request: the same shape the JSON route takes, checked by
 * the same schema after this; problems a person can fix are said at their field, in their language.
 */
export function readSelfReferral(words: Words, answers: Answers): { referral: PublicReferral | null; problems: Problems } {
  const { t } = words;
  const problems: Problems = new Map();
  for (const field of fields) {
    const value = answers[field] ?? '';
    if (textProblem(value)) problems.set(field, t('errors.invalid', { label: t(field === 'interpreter' ? 'interpreter' : field) }));
  }
  const name = (answers.name ?? '').trim();
  if (!name && !problems.has('name')) problems.set('name', t('errors.name'));
  const birthYear = wholeNumber(answers, 'birthYear');
  if (birthYear !== null && !(birthYear >= firstBirthYear && birthYear <= new Date().getFullYear()))
    problems.set('birthYear', t('errors.birthYear'));
  const gender = answers.gender ?? '';
  if (gender && !(genders as readonly string[]).includes(gender)) problems.set('gender', t('errors.invalid', { label: t('gender') }));
  const channel = answers.replyChannel ?? '';
  if (!channel) problems.set('replyChannel', t('errors.replyChannel'));
  else if (!(replyChannels as readonly string[]).includes(channel))
    problems.set('replyChannel', t('errors.invalid', { label: t('replyChannel') }));
  const replyAddress = channel === 'no_contact' ? '' : (answers.replyAddress ?? '').trim();
  if (channel && channel !== 'no_contact' && !replyAddress) problems.set('replyAddress', t('errors.replyAddress'));
  const children = wholeNumber(answers, 'childrenWithMe');
  if (children !== null && !(children >= 0 && children <= mostChildren)) problems.set('childrenWithMe', t('errors.childrenWithMe'));
  if (answers.consent !== 'yes') problems.set('consent', t('errors.consent'));
  if (problems.size > 0) return { referral: null, problems };
  return {
    problems,
    referral: {
      language: words.language,
      name,
      // Not answering is the same as "I do not want to say": nothing is chosen for the person.
      gender: (gender || 'unknown') as PublicReferral['gender'],
      nationality: answers.nationality || 'unknown',
      ...(birthYear !== null ? { birthYear } : {}),
      interpreterNeeded: answers.interpreter === 'yes',
      replyChannel: channel as PublicReferral['replyChannel'],
      replyAddress,
      safeTimes: channel === 'no_contact' ? '' : (answers.safeTimes ?? '').trim(),
      // A box left unticked is not a "no": the record says it is not known.
      safePlace: answers.safePlace === 'yes' || null,
      acuteThreat: answers.acuteThreat === 'yes' || null,
      whatHappened: (answers.whatHappened ?? '').trim(),
      ...(children !== null ? { childrenWithMe: children } : {}),
      consent: true,
    },
  };
}

/** The self-referral page: the form (again with its problems), or what happens next once it was sent. */
export function askPage(words: Words, state: { answers?: Answers; problems?: Problems; sent?: string }): string {
  const { t, language } = words;
  const answers = state.answers ?? {};
  const problems = state.problems ?? new Map();
  const form = formWords(words);
  const common = { answers, problems, words: form };
  const body = state.sent
    ? html`<h1>${t('title')}</h1>
        <p class="warning">${t('emergency')}</p>
        <div class="sent" role="status" tabindex="-1" data-focus aria-labelledby="sent-title">
          <h2 id="sent-title">${t('sent')}</h2>
          <p>${state.sent === 'no_contact' ? t('sentNoContact') : t('sentContact')}</p>
          <p>${t('sentEmergency')}</p>
          <p>${t('sentClose')}</p>
        </div>`
    : html`<h1>${t('title')}</h1>
        <p class="warning">${t('emergency')}</p>
        <p>${t('intro')}</p>
        <p class="muted">${t('safety')}</p>
        ${errorSummary(problems, form)}
        <form method="post" action="/help/${language}/ask" novalidate>
          ${textField({ ...common, name: 'name', label: t('name'), hint: t('nameHint'), required: true, maxLength: 200 })}
          ${textField({ ...common, name: 'birthYear', label: t('birthYear'), hint: t('birthYearHint'), maxLength: 4, className: 'input-year', inputMode: 'numeric' })}
          ${radios({ ...common, name: 'gender', label: t('gender'), choices: genders.map((gender) => ({ value: gender, label: t(gender) })) })}
          ${selectField({ ...common, name: 'nationality', label: t('nationality'), choices: countryChoices(language) })}
          ${checkbox({ ...common, name: 'interpreter', label: t('interpreter') })}
          ${radios({ ...common, name: 'replyChannel', label: t('replyChannel'), required: true, choices: replyChannels.map((channel) => ({ value: channel, label: t(channel) })) })}
          ${textField({ ...common, name: 'replyAddress', label: t('replyAddress'), hint: t('site.replyAddressHint'), maxLength: 300 })}
          ${textField({ ...common, name: 'safeTimes', label: t('safeTimes'), hint: t('safeTimesHint'), maxLength: 300 })}
          ${checkbox({ ...common, name: 'safePlace', label: t('safePlace') })}
          ${checkbox({ ...common, name: 'acuteThreat', label: t('acuteThreat') })}
          ${textArea({ ...common, name: 'whatHappened', label: t('whatHappened'), hint: t('whatHappenedHint'), rows: 6, maxLength: 8000 })}
          ${textField({ ...common, name: 'childrenWithMe', label: t('childrenWithMe'), maxLength: 2, className: 'input-year', inputMode: 'numeric' })}
          ${checkbox({ ...common, name: 'consent', label: t('consent'), required: true })}
          <button type="submit">${t('send')}</button>
        </form>`;
  return sitePage({ words, slug: 'ask', title: problems.size ? `${t('form.errorPrefix')} ${t('title')}` : t('title'), body });
}
