import { actorTypes, consentGivers, genders, referralSources, regions } from '../../../core/codes.ts';
import { textProblem } from '../../../core/textRules.ts';
import { lookIntoFurther, signAnswers, warningSigns, type GuideConsultationInput, type SignAnswer } from '../../consultations/index.ts';
import type { GuideReferral } from '../../referrals/index.ts';
import { html, type Html } from '../html.ts';
import { pageAddress, sitePage } from '../layout.ts';
import {
  checkbox,
  errorSummary,
  hiddenFields,
  radios,
  selectField,
  textArea,
  textField,
  wholeNumber,
  type Answers,
  type Problems,
} from '../form.ts';
import type { Words } from '../words.ts';
import { countryChoices, formWords } from './shared.ts';

/** The guide's four principles, each with its concrete advice (the seed's guide for social care). */
const principles = {
  pace: 5,
  safety: 4,
  followUp: 4,
  notAlone: 1,
} as const;

/** A referral's referrer is a professional: every source but the person themself. */
const professionalSources = referralSources.filter((source) => source !== 'self');
const consentMethods = ['in_writing', 'orally'] as const;

/** The answers to the signs as the forms carry them: `sign_<id>` = yes | maybe | no; unanswered signs are left out. */
export function readSigns(answers: Answers): Record<string, SignAnswer> {
  const signs: Record<string, SignAnswer> = {};
  for (const sign of warningSigns) {
    const answer = answers[`sign_${sign.id}`];
    if ((signAnswers as readonly string[]).includes(answer)) signs[sign.id] = answer as SignAnswer;
  }
  return signs;
}
const signFields = (signs: Record<string, SignAnswer>) =>
  Object.fromEntries(Object.entries(signs).map(([id, answer]) => [`sign_${id}`, answer]));

/** The guide: the principles, the signs to answer, and after checking, what to do next and the two ways on. */
export function guidePage(words: Words, answers: Answers = {}, checked = false): string {
  const { page, language } = words;
  const signs = readSigns(answers);
  const body = html`<h1>${page('publicSite.guide.title')}</h1>
    <p>${page('publicSite.guide.intro')}</p>
    <p class="notice">${page('publicSite.guide.nothingStored')}</p>
    ${Object.entries(principles).map(
      ([key, count]) =>
        html`<h2>${page(`publicSite.guide.principles.${key}.title`)}</h2>
          <ul>
            ${Array.from({ length: count }, (_, index) => html`<li>${page(`publicSite.guide.principles.${key}.advice${index + 1}`)}</li>`)}
          </ul>`,
    )}
    <h2 id="signs-title">${page('publicSite.guide.signsTitle')}</h2>
    <p>${page('publicSite.guide.signsIntro')}</p>
    <form method="post" action="${pageAddress(language, 'guide')}" novalidate aria-labelledby="signs-title">
      ${warningSigns.map(
        (sign, index) =>
          html`<fieldset class="sign" aria-describedby="sign-${sign.id}-about">
            <legend>${index + 1}. ${page(`recognition.signs.${sign.id}`)}</legend>
            <div class="choices-inline">
              ${signAnswers.map(
                (answer) =>
                  html`<div class="choice">
                    <input
                      type="radio"
                      id="sign-${sign.id}-${answer}"
                      name="sign_${sign.id}"
                      value="${answer}"
                      ${signs[sign.id] === answer ? html` checked` : ''}
                    /><label for="sign-${sign.id}-${answer}">${page(`recognition.answers.${answer}`)}</label>
                  </div>`,
              )}
            </div>
            <div id="sign-${sign.id}-about" class="hint">
              <p>${page('publicSite.guide.ilo')} ${sign.ilo.map((indicator) => page(`recognition.ilo.${indicator}`)).join(', ')}.</p>
              <p>${page('publicSite.guide.htcds')} ${sign.htcds.map((means) => page(`recognition.htcds.${means}`)).join(', ')}.</p>
            </div>
          </fieldset>`,
      )}
      <button type="submit">${page('publicSite.guide.check')}</button>
    </form>
    ${checked ? nextSteps(words, signs) : ''}
    <p class="muted">${page('publicSite.guide.notAVerdict')}</p>`;
  return sitePage({ words, slug: 'guide', title: page('publicSite.guide.title'), body, inPageLanguage: true });
}

/** What the rule says, and the two ways on. Never whether someone is a victim: only whether to look further. */
function nextSteps(words: Words, signs: Record<string, SignAnswer>): Html {
  const { page, language } = words;
  const further = lookIntoFurther(signs);
  return html`<section class="result" tabindex="-1" data-focus aria-labelledby="result-title">
    <h2 id="result-title">${further ? page('publicSite.guide.further') : page('publicSite.guide.notFurther')}</h2>
    ${
      further
        ? html`<ol>
            ${[1, 2, 3, 4, 5].map((step) => html`<li>${page(`publicSite.guide.step${step}`)}</li>`)}
          </ol>`
        : html`<p>${page('publicSite.guide.notFurtherAdvice')}</p>`
    }
    <h3>${page('publicSite.guide.endingsTitle')}</h3>
    <form method="post" action="${pageAddress(language, 'guide/consultation')}" class="ending">
      ${hiddenFields(signFields(signs))}
      <p>${page('publicSite.guide.consultIntro')}</p>
      <button type="submit" name="step" value="start">${page('publicSite.guide.consult')}</button>
    </form>
    <form method="post" action="${pageAddress(language, 'guide/referral')}" class="ending">
      ${hiddenFields(signFields(signs))}
      <p>${page('publicSite.guide.referIntro')}</p>
      <button type="submit" name="step" value="start" class="secondary">${page('publicSite.guide.refer')}</button>
    </form>
  </section>`;
}

/** The signs as answered, listed on the ending's page so the professional sees what is sent. */
function answeredSigns(words: Words, signs: Record<string, SignAnswer>): Html {
  const { page } = words;
  const entries = Object.entries(signs);
  return html`<h2>${page('publicSite.guide.answeredTitle')}</h2>
    ${
      entries.length === 0
        ? html`<p>${page('publicSite.guide.noneAnswered')}</p>`
        : html`<ul>
            ${entries.map(([id, answer]) => html`<li>${page(`recognition.signs.${id}`)}: <strong>${page(`recognition.answers.${answer}`)}</strong></li>`)}
          </ul>`
    }`;
}

/** A field's problem in the page's words: a required answer missing, or one that could not be taken. */
const need = (words: Words, key: string) => words.page(`publicSite.guide.errors.${key}`);

/** Ending (a): an anonymous consultation, the professional's own details only, never the person's. */
export function readConsultation(words: Words, answers: Answers): { input: GuideConsultationInput | null; problems: Problems } {
  const problems: Problems = new Map();
  const field = (name: string) => (answers[name] ?? '').trim();
  if (!(actorTypes as readonly string[]).includes(field('actorType'))) problems.set('actorType', need(words, 'actorType'));
  if (!(regions as readonly string[]).includes(field('region'))) problems.set('region', need(words, 'region'));
  if (!field('question')) problems.set('question', need(words, 'question'));
  if (!field('contact')) problems.set('contact', need(words, 'contact'));
  for (const name of ['organisation', 'question', 'contact'])
    if (textProblem(answers[name] ?? '')) problems.set(name, need(words, 'invalid'));
  if (problems.size) return { input: null, problems };
  return {
    problems,
    input: {
      actorType: field('actorType') as GuideConsultationInput['actorType'],
      organisation: field('organisation'),
      region: field('region') as GuideConsultationInput['region'],
      signs: readSigns(answers),
      question: field('question'),
      contact: field('contact'),
      language: words.language,
    },
  };
}

export function consultationPage(words: Words, answers: Answers, problems: Problems = new Map(), sent = false): string {
  const { page, language } = words;
  const signs = readSigns(answers);
  const form = formWords(words);
  const common = { answers, problems, words: form };
  const body = sent
    ? html`<h1>${page('publicSite.guide.consultTitle')}</h1>
        <div class="sent" role="status" tabindex="-1" data-focus>
          <h2>${page('publicSite.guide.consultSent')}</h2>
          <p>${page('publicSite.guide.consultSentNext')}</p>
        </div>
        <p><a href="${pageAddress(language, 'guide')}">${page('publicSite.guide.backToGuide')}</a></p>`
    : html`<h1>${page('publicSite.guide.consultTitle')}</h1>
        <p>${page('publicSite.guide.consultAbout')}</p>
        <p class="warning">${page('publicSite.guide.noIdentity')}</p>
        ${errorSummary(problems, form)} ${answeredSigns(words, signs)}
        <form method="post" action="${pageAddress(language, 'guide/consultation')}" novalidate>
          ${hiddenFields({ ...signFields(signs), step: 'send' })}
          ${selectField({ ...common, name: 'actorType', label: page('publicSite.guide.actorType'), required: true, choices: actorTypes.map((code) => ({ value: code, label: page(`recognition.actorTypes.${code}`) })) })}
          ${textField({ ...common, name: 'organisation', label: page('publicSite.guide.organisation'), maxLength: 200 })}
          ${selectField({ ...common, name: 'region', label: page('publicSite.guide.region'), required: true, choices: regions.map((code) => ({ value: code, label: page(`recognition.regions.${code}`) })) })}
          ${textArea({ ...common, name: 'question', label: page('publicSite.guide.question'), hint: page('publicSite.guide.questionHint'), required: true, maxLength: 4000, rows: 6 })}
          ${textField({ ...common, name: 'contact', label: page('publicSite.guide.contact'), hint: page('publicSite.guide.contactHint'), required: true, maxLength: 300 })}
          <button type="submit">${page('publicSite.guide.consultSend')}</button>
        </form>`;
  return sitePage({ words, slug: 'guide', title: page('publicSite.guide.consultTitle'), body, inPageLanguage: true });
}

/** Ending (b): a referral with the person's consent; only here is the person's identity asked. */
export function readGuideReferral(words: Words, answers: Answers): { input: GuideReferral | null; problems: Problems } {
  const problems: Problems = new Map();
  const field = (name: string) => (answers[name] ?? '').trim();
  if (answers.consent !== 'yes') problems.set('consent', need(words, 'consent'));
  if (!(consentGivers as readonly string[]).includes(field('givenBy'))) problems.set('givenBy', need(words, 'givenBy'));
  if (!(consentMethods as readonly string[]).includes(field('method'))) problems.set('method', need(words, 'method'));
  if (!field('name')) problems.set('name', need(words, 'name'));
  const birthYear = wholeNumber(answers, 'birthYear');
  if (birthYear !== null && !(birthYear >= 1900 && birthYear <= new Date().getFullYear()))
    problems.set('birthYear', need(words, 'birthYear'));
  if (field('gender') && !(genders as readonly string[]).includes(field('gender'))) problems.set('gender', need(words, 'invalid'));
  if (!(professionalSources as readonly string[]).includes(field('source'))) problems.set('source', need(words, 'source'));
  if (!field('referrerName')) problems.set('referrerName', need(words, 'referrerName'));
  if (field('referrerContact').length < 3) problems.set('referrerContact', need(words, 'contact'));
  for (const name of ['name', 'personContact', 'referrerName', 'organisation', 'referrerContact', 'question'])
    if (textProblem(answers[name] ?? '')) problems.set(name, need(words, 'invalid'));
  if (problems.size) return { input: null, problems };
  return {
    problems,
    input: {
      language: words.pageLanguage,
      referrer: {
        source: field('source') as GuideReferral['referrer']['source'],
        name: field('referrerName'),
        organisation: field('organisation'),
        contact: field('referrerContact'),
      },
      person: {
        name: field('name'),
        ...(birthYear !== null ? { birthYear } : {}),
        // Not answered is not known: nothing is chosen for the person.
        gender: (field('gender') || 'unknown') as GuideReferral['person']['gender'],
        nationality: field('nationality') || 'unknown',
        interpreterNeeded: answers.interpreter === 'yes',
        contact: field('personContact'),
        safePlace: answers.safePlace === 'yes' || null,
        acuteThreat: answers.acuteThreat === 'yes' || null,
      },
      consent: {
        given: true,
        givenBy: field('givenBy') as GuideReferral['consent']['givenBy'],
        method: field('method') as GuideReferral['consent']['method'],
      },
      warningSigns: readSigns(answers),
      question: field('question'),
    },
  };
}

export function guideReferralPage(words: Words, answers: Answers, problems: Problems = new Map(), sent = false): string {
  const { page, language } = words;
  const signs = readSigns(answers);
  const form = formWords(words);
  const common = { answers, problems, words: form };
  const body = sent
    ? html`<h1>${page('publicSite.guide.referTitle')}</h1>
        <div class="sent" role="status" tabindex="-1" data-focus>
          <h2>${page('publicSite.guide.referSent')}</h2>
          <p>${page('publicSite.guide.referSentNext')}</p>
        </div>
        <p><a href="${pageAddress(language, 'guide')}">${page('publicSite.guide.backToGuide')}</a></p>`
    : html`<h1>${page('publicSite.guide.referTitle')}</h1>
        <p>${page('publicSite.guide.referAbout')}</p>
        ${errorSummary(problems, form)} ${answeredSigns(words, signs)}
        <form method="post" action="${pageAddress(language, 'guide/referral')}" novalidate>
          ${hiddenFields({ ...signFields(signs), step: 'send' })}
          <h2>${page('publicSite.guide.consentTitle')}</h2>
          ${radios({ ...common, name: 'givenBy', label: page('publicSite.guide.givenBy'), required: true, choices: consentGivers.map((code) => ({ value: code, label: page(`referrals.givers.${code}`) })) })}
          ${radios({ ...common, name: 'method', label: page('publicSite.guide.method'), required: true, choices: consentMethods.map((code) => ({ value: code, label: page(`referrals.methods.${code}`) })) })}
          ${checkbox({ ...common, name: 'consent', label: page('publicSite.guide.consent'), required: true })}
          <h2>${page('publicSite.guide.personTitle')}</h2>
          ${textField({ ...common, name: 'name', label: page('referrals.form.name'), required: true, maxLength: 200 })}
          ${textField({ ...common, name: 'birthYear', label: page('publicSite.guide.birthYear'), hint: page('publicSite.guide.birthYearHint'), maxLength: 4, className: 'input-year', inputMode: 'numeric' })}
          ${radios({ ...common, name: 'gender', label: page('referrals.form.gender'), choices: genders.map((code) => ({ value: code, label: page(`publicSite.guide.genders.${code}`) })) })}
          ${selectField({ ...common, name: 'nationality', label: page('referrals.form.nationality'), choices: countryChoices(words.pageLanguage) })}
          ${checkbox({ ...common, name: 'interpreter', label: page('referrals.form.interpreter') })}
          ${textField({ ...common, name: 'personContact', label: page('publicSite.guide.personContact'), hint: page('publicSite.guide.personContactHint'), maxLength: 2000 })}
          ${checkbox({ ...common, name: 'safePlace', label: page('publicSite.guide.safePlace') })}
          ${checkbox({ ...common, name: 'acuteThreat', label: page('publicSite.guide.acuteThreat') })}
          <h2>${page('publicSite.guide.referrerTitle')}</h2>
          ${selectField({ ...common, name: 'source', label: page('publicSite.guide.source'), required: true, choices: professionalSources.map((code) => ({ value: code, label: page(`statistics.sources.${code}`) })) })}
          ${textField({ ...common, name: 'referrerName', label: page('publicSite.guide.referrerName'), required: true, maxLength: 200 })}
          ${textField({ ...common, name: 'organisation', label: page('publicSite.guide.organisation'), maxLength: 200 })}
          ${textField({ ...common, name: 'referrerContact', label: page('publicSite.guide.contact'), hint: page('publicSite.guide.contactHint'), required: true, maxLength: 300 })}
          ${textArea({ ...common, name: 'question', label: page('publicSite.guide.referNote'), maxLength: 4000, rows: 4 })}
          <button type="submit">${page('publicSite.guide.referSend')}</button>
        </form>`;
  return sitePage({ words, slug: 'guide', title: page('publicSite.guide.referTitle'), body, inPageLanguage: true });
}
