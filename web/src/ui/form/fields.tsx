import { useEffect, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { showDay } from '../../lib/forms.ts';
import { useFormState, useFormWords, type FieldKind, type Messages } from './Form.tsx';

/**
 * The fields of a form (ui/form/Form.tsx): a label, an optional hint, the field's problem in plain
 * words between them and the input (as GOV.UK places it), the input described by both. Inside a
 * Form a field registers what it is, so the form can check it and link the summary to it; alone it
 * takes its error as a prop.
 */
export interface Common {
  name: string;
  label: string;
  hint?: ReactNode;
  /** The API's path of the value when it is not the name (`person.name`). */
  path?: string;
  messages?: Messages;
  /** Outside a Form: the problem to show. */
  error?: string;
}

export function useField({ name, label, path, messages, error }: Common, kind: FieldKind, required: boolean) {
  const form = useFormState();
  const ownId = useId();
  const id = form ? form.idFor(name) : ownId;
  const messageKey = JSON.stringify(messages ?? {});
  // Registered again when what the form checks changes; `messages` by its content, as a literal
  // object is new on every render. The form keeps its fields in a ref, so its identity does not matter.
  useEffect(
    () => form?.register({ name, path: path ?? name, label, kind, required, messages }),
    [name, path, label, kind, required, messageKey],
  );
  return { id, error: error ?? form?.errorFor(name) };
}

export function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return children ? (
    <div className="hint" id={`${id}-hint`}>
      {children}
    </div>
  ) : null;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  const t = useFormWords();
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  ) : null;
}

/** The frame of a field with one input: label, hint, the problem, then the input (`children`). */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id}>{hint}</Hint>
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

/** The frame of a question answered in several inputs: a fieldset whose legend asks it, its hint and problem. */
function FieldsetFrame(props: { id: string; className: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  const { id, className, label, hint, error, children } = props;
  return (
    <fieldset id={id} className={error ? `${className} field--error` : className} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <Hint id={id}>{hint}</Hint>
      <FieldError id={id} error={error} />
      {children}
    </fieldset>
  );
}

/** The attributes that tie an input to its frame: invalid, required, described by its hint and problem. */
function inputState(field: { id: string; error?: string }, hint: unknown, required: boolean) {
  return {
    id: field.id,
    'aria-invalid': field.error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(field.id, hint, field.error),
  };
}

/** A field's own hint followed by what the field always says (the format of a date, how to pick a country). */
export function withHint(hint: ReactNode, always: string): ReactNode {
  return (
    <>
      {hint && <span>{hint} </span>}
      {always}
    </>
  );
}

type TextFieldProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & { kind?: 'text' | 'wholeNumber' };

/** A line of text; `kind="wholeNumber"` for a number typed in any script's digits (read with formWholeNumber). */
export function Field({ name, label, hint, path, messages, error, required = false, kind = 'text', ...input }: TextFieldProps) {
  const field = useField({ name, label, path, messages, error }, kind, required);
  return (
    <FieldFrame id={field.id} label={label} hint={hint} error={field.error}>
      <input
        name={name}
        {...inputState(field, hint, required)}
        {...(kind === 'wholeNumber' ? { inputMode: 'numeric' as const } : {})}
        {...input}
      />
    </FieldFrame>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

export function TextAreaField({ name, label, hint, path, messages, error, required = false, rows = 4, ...textarea }: TextAreaProps) {
  const field = useField({ name, label, path, messages, error }, 'text', required);
  return (
    <FieldFrame id={field.id} label={label} hint={hint} error={field.error}>
      <textarea name={name} rows={rows} {...inputState(field, hint, required)} {...textarea} />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
    options: Option[];
    /**
     * The first, empty option's words ("Choose…"): a choice that changes a record or a statistic
     * starts unanswered, never on one of the answers. Give `placeholder={false}` only where an
     * answer is already known (a value the record holds).
     */
    placeholder?: string | false;
  };

export function SelectField({ name, label, hint, path, messages, error, required = false, options, placeholder, ...select }: SelectProps) {
  const t = useFormWords();
  const field = useField({ name, label, path, messages, error }, 'choice', required);
  return (
    <FieldFrame id={field.id} label={label} hint={hint} error={field.error}>
      <select name={name} {...inputState(field, hint, required)} {...select}>
        {placeholder !== false && <option value="">{placeholder ?? t('form.choose')}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type CheckboxProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>;

/** One box to tick; `required` for a box that must be ticked (a consent). */
export function CheckboxField({ name, label, hint, path, messages, error, required = false, className, ...input }: CheckboxProps) {
  const field = useField({ name, label, path, messages, error }, 'checkbox', required);
  return (
    <div className={['choice-field', field.error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <FieldError id={field.id} error={field.error} />
      <div className="choice">
        <input
          type="checkbox"
          id={field.id}
          name={name}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy(field.id, hint, field.error)}
          {...input}
        />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <Hint id={field.id}>{hint}</Hint>
    </div>
  );
}

type ChoiceOption = Option & { hint?: string };

/** The options of a fieldset of radios or checkboxes, each with its own hint; `after` shows what follows an option. */
function ChoiceOptions(props: {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  options: ChoiceOption[];
  checked: (value: string) => { checked: boolean } | { defaultChecked: boolean };
  onChange?: (value: string) => void;
  after?: (value: string) => ReactNode;
}) {
  const { type, id, name, options, checked, onChange, after } = props;
  return options.map((option) => (
    <div key={option.value}>
      <div className="choice">
        <input
          type={type}
          id={`${id}-${option.value}`}
          name={name}
          value={option.value}
          {...checked(option.value)}
          onChange={onChange ? () => onChange(option.value) : undefined}
          aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
        />
        <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
      </div>
      {option.hint && (
        <p className="hint choice-hint" id={`${id}-${option.value}-hint`}>
          {option.hint}
        </p>
      )}
      {after?.(option.value)}
    </div>
  ));
}

type RadiosProps = Common & {
  options: ChoiceOption[];
  required?: boolean;
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** Shown beneath the chosen option: the questions that follow from it. */
  conditional?: Partial<Record<string, ReactNode>>;
};

/** One answer among a few, as radio buttons in a fieldset whose legend asks the question; none is chosen until the person chooses. */
export function RadioGroupField(props: RadiosProps) {
  const { name, label, hint, path, messages, error, required = false, options, defaultValue, value, onChange, conditional } = props;
  const field = useField({ name, label, path, messages, error }, 'choice', required);
  return (
    <FieldsetFrame id={field.id} className="radios" label={label} hint={hint} error={field.error}>
      <ChoiceOptions
        type="radio"
        id={field.id}
        name={name}
        options={options}
        checked={(option) => (value !== undefined ? { checked: value === option } : { defaultChecked: defaultValue === option })}
        onChange={onChange}
        after={(option) => value === option && conditional?.[option] && <div className="conditional">{conditional[option]}</div>}
      />
    </FieldsetFrame>
  );
}

type CheckboxesProps = Common & {
  options: ChoiceOption[];
  required?: boolean;
  defaultValues?: readonly string[];
};

/**
 * Several answers among a few, as checkboxes in a fieldset whose legend asks the question; read
 * with formList. `required`: at least one must be ticked.
 */
export function CheckboxesField(props: CheckboxesProps) {
  const { name, label, hint, path, messages, error, required = false, options, defaultValues = [] } = props;
  const field = useField({ name, label, path, messages, error }, 'choice', required);
  return (
    <FieldsetFrame id={field.id} className="radios" label={label} hint={hint} error={field.error}>
      <ChoiceOptions
        type="checkbox"
        id={field.id}
        name={name}
        options={options}
        checked={(option) => ({ defaultChecked: defaultValues.includes(option) })}
      />
    </FieldsetFrame>
  );
}

type DayProps = Common & { required?: boolean; defaultValue?: string | null; autoComplete?: string };

/** A calendar day typed as people in Finland write it (24.12.2025), read with formDay; the hint says so. */
export function DateField({ name, label, hint, path, messages, error, required = false, defaultValue, autoComplete = 'off' }: DayProps) {
  const t = useFormWords();
  const field = useField({ name, label, path, messages, error }, 'day', required);
  return (
    <FieldFrame id={field.id} label={label} hint={withHint(hint, t('form.dayHint'))} error={field.error}>
      <input
        name={name}
        className="input-day"
        defaultValue={showDay(defaultValue)}
        autoComplete={autoComplete}
        {...inputState(field, true, required)}
      />
    </FieldFrame>
  );
}

type InstantProps = Common & { required?: boolean };

/** A day and a time of day in Helsinki, read with formInstant. */
export function DateTimeField({ name, label, hint, path, messages, error, required = false }: InstantProps) {
  const t = useFormWords();
  const field = useField({ name, label, path, messages, error }, 'instant', required);
  const part = (suffix: 'day' | 'time') => (
    <div className="field">
      <label htmlFor={`${field.id}-${suffix}`}>{t(`form.${suffix}`)}</label>
      <input
        id={`${field.id}-${suffix}`}
        name={`${name}.${suffix}`}
        className={`input-${suffix}`}
        autoComplete="off"
        aria-invalid={field.error ? true : undefined}
      />
    </div>
  );
  return (
    <FieldsetFrame id={field.id} className="date-time" label={label} hint={withHint(hint, t('form.instantHint'))} error={field.error}>
      <div className="date-time-inputs">
        {part('day')}
        {part('time')}
      </div>
    </FieldsetFrame>
  );
}
