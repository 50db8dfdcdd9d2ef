import { asciiDigits } from '../../core/digits.ts';
import { html, type Html } from './html.ts';

/** A form as posted: its fields by name (the last value of a repeated name wins), and its problems by field. */
export type Answers = Record<string, string>;
export type Problems = Map<string, string>;

export interface FormWords {
  thereIsAProblem: string;
  errorPrefix: string;
  choose: string;
}

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** GOV.UK's error summary: what is wrong, each a link to its field; site.js moves the focus here. */
export function errorSummary(problems: Problems, words: FormWords): Html {
  if (problems.size === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${words.thereIsAProblem}</h2>
    <ul>
      ${[...problems].map(([name, message]) => html`<li><a href="#${fieldId(name)}">${message}</a></li>`)}
    </ul>
  </div>`;
}

interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  answers: Answers;
  problems: Problems;
  words: FormWords;
  required?: boolean;
}

function parts({ name, hint, problems, words }: FieldOptions) {
  const id = fieldId(name);
  const problem = problems.get(name);
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    className: problem ? 'field field--error' : 'field',
    describedBy: describedBy ? html` aria-describedby="${describedBy}"` : '',
    invalid: problem ? html` aria-invalid="true"` : '',
    hint: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '',
    error: problem
      ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${words.errorPrefix}</span> ${problem}</p>`
      : '',
  };
}

export function textField(options: FieldOptions & { maxLength: number; className?: string; inputMode?: 'numeric' }): Html {
  const p = parts(options);
  return html`<div class="${p.className}">
    <label class="label" for="${p.id}">${options.label}</label>${p.hint}${p.error}
    <input
      type="text"
      id="${p.id}"
      name="${options.name}"
      value="${options.answers[options.name] ?? ''}"
      maxlength="${options.maxLength}"
      autocomplete="off"
      ${options.className ? html` class="${options.className}"` : ''}${options.inputMode ? html` inputmode="${options.inputMode}"` : ''}${options.required ? html` required aria-required="true"` : ''}${p.describedBy}${p.invalid}
    />
  </div>`;
}

export function textArea(options: FieldOptions & { maxLength: number; rows?: number }): Html {
  const p = parts(options);
  return html`<div class="${p.className}">
    <label class="label" for="${p.id}">${options.label}</label>${p.hint}${p.error}
    <textarea
      id="${p.id}"
      name="${options.name}"
      rows="${options.rows ?? 5}"
      maxlength="${options.maxLength}"
      ${options.required ? html` required aria-required="true"` : ''}${p.describedBy}${p.invalid}
    >
${options.answers[options.name] ?? ''}</textarea>
  </div>`;
}

export function selectField(options: FieldOptions & { choices: Array<{ value: string; label: string }> }): Html {
  const p = parts(options);
  const chosen = options.answers[options.name] ?? '';
  return html`<div class="${p.className}">
    <label class="label" for="${p.id}">${options.label}</label>${p.hint}${p.error}
    <select id="${p.id}" name="${options.name}" ${options.required ? html` required aria-required="true"` : ''}${p.describedBy}${p.invalid}>
      <option value="">${options.words.choose}</option>
      ${options.choices.map(
        (choice) => html`<option value="${choice.value}" ${choice.value === chosen ? html` selected` : ''}>${choice.label}</option>`,
      )}
    </select>
  </div>`;
}

/** Radio buttons: none is chosen for the person unless they chose it. The first radio carries the field's id for the summary's link. */
export function radios(options: FieldOptions & { choices: Array<{ value: string; label: string }>; inline?: boolean }): Html {
  const p = parts(options);
  const chosen = options.answers[options.name] ?? '';
  return html`<div class="${p.className}"><fieldset${p.describedBy}><legend>${options.label}</legend>${p.hint}${p.error}
<div class="${options.inline ? 'choices-inline' : 'choices'}">${options.choices.map(
    (choice, index) =>
      html`<div class="choice">
        <input
          type="radio"
          id="${index === 0 ? p.id : `${p.id}-${choice.value}`}"
          name="${options.name}"
          value="${choice.value}"
          ${choice.value === chosen ? html` checked` : ''}${options.required ? html` required` : ''}
        /><label for="${index === 0 ? p.id : `${p.id}-${choice.value}`}">${choice.label}</label>
      </div>`,
  )}</div></fieldset></div>`;
}

export function checkbox(options: FieldOptions): Html {
  const p = parts(options);
  return html`<div class="${p.className}">
    ${p.error}
    <div class="choice">
      <input
        type="checkbox"
        id="${p.id}"
        name="${options.name}"
        value="yes"
        ${options.answers[options.name] === 'yes' ? html` checked` : ''}${options.required ? html` required aria-required="true"` : ''}${p.describedBy}${p.invalid}
      /><label for="${p.id}">${options.label}</label>
    </div>
    ${p.hint}
  </div>`;
}

export function hiddenFields(fields: Answers): Html {
  return html`${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}`;
}

/** A whole number as typed, null when the field is empty; NaN when it is not a whole number. */
export function wholeNumber(answers: Answers, name: string): number | null {
  const text = asciiDigits((answers[name] ?? '').trim());
  if (!text) return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
