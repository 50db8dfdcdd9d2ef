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

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return children ? (
    <div className="hint" id={`${id}-hint`}>
      {children}
    </div>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  const t = useFormWords();
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  ) : null;
}

type TextFieldProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & { kind?: 'text' | 'wholeNumber' };

/** A line of text; `kind="wholeNumber"` for a number typed in any script's digits (read with formWholeNumber). */
export function Field({ name, label, hint, path, messages, error, required = false, kind = 'text', ...input }: TextFieldProps) {
  const field = useField({ name, label, path, messages, error }, kind, required);
  return (
    <div className={field.error ? 'field field--error' : 'field'}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.id}>{hint}</Hint>
      <FieldError id={field.id} error={field.error} />
      <input
        id={field.id}
        name={name}
        aria-invalid={field.error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(field.id, hint, field.error)}
        {...(kind === 'wholeNumber' ? { inputMode: 'numeric' as const } : {})}
        {...input}
      />
    </div>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

export function TextAreaField({ name, label, hint, path, messages, error, required = false, rows = 4, ...textarea }: TextAreaProps) {
  const field = useField({ name, label, path, messages, error }, 'text', required);
  return (
    <div className={field.error ? 'field field--error' : 'field'}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.id}>{hint}</Hint>
      <FieldError id={field.id} error={field.error} />
      <textarea
        id={field.id}
        name={name}
        rows={rows}
        aria-invalid={field.error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(field.id, hint, field.error)}
        {...textarea}
      />
    </div>
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
    <div className={field.error ? 'field field--error' : 'field'}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.id}>{hint}</Hint>
      <FieldError id={field.id} error={field.error} />
      <select
        id={field.id}
        name={name}
        aria-invalid={field.error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(field.id, hint, field.error)}
        {...select}
      >
        {placeholder !== false && <option value="">{placeholder ?? t('form.choose')}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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

type RadiosProps = Common & {
  options: Array<Option & { hint?: string }>;
  required?: boolean;
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** Shown beneath the chosen option: the questions that follow from it. */
  conditional?: Partial<Record<string, ReactNode>>;
};

/** One answer among a few, as radio buttons in a fieldset whose legend asks the question; none is chosen until the person chooses. */
export function RadioGroupField({
  name,
  label,
  hint,
  path,
  messages,
  error,
  required = false,
  options,
  defaultValue,
  value,
  onChange,
  conditional,
}: RadiosProps) {
  const field = useField({ name, label, path, messages, error }, 'choice', required);
  return (
    <fieldset
      id={field.id}
      className={field.error ? 'radios field--error' : 'radios'}
      aria-describedby={describedBy(field.id, hint, field.error)}
    >
      <legend>{label}</legend>
      <Hint id={field.id}>{hint}</Hint>
      <FieldError id={field.id} error={field.error} />
      {options.map((option) => (
        <div key={option.value}>
          <div className="choice">
            <input
              type="radio"
              id={`${field.id}-${option.value}`}
              name={name}
              value={option.value}
              {...(value !== undefined ? { checked: value === option.value } : { defaultChecked: defaultValue === option.value })}
              onChange={onChange ? () => onChange(option.value) : undefined}
              aria-describedby={option.hint ? `${field.id}-${option.value}-hint` : undefined}
            />
            <label htmlFor={`${field.id}-${option.value}`}>{option.label}</label>
          </div>
          {option.hint && (
            <p className="hint choice-hint" id={`${field.id}-${option.value}-hint`}>
              {option.hint}
            </p>
          )}
          {value === option.value && conditional?.[option.value] && <div className="conditional">{conditional[option.value]}</div>}
        </div>
      ))}
    </fieldset>
  );
}

type CheckboxesProps = Common & {
  options: Array<Option & { hint?: string }>;
  required?: boolean;
  defaultValues?: readonly string[];
};

/**
 * Several answers among a few, as checkboxes in a fieldset whose legend asks the question; read
 * with formList. `required`: at least one must be ticked.
 */
export function CheckboxesField({
  name,
  label,
  hint,
  path,
  messages,
  error,
  required = false,
  options,
  defaultValues = [],
}: CheckboxesProps) {
  const field = useField({ name, label, path, messages, error }, 'choice', required);
  return (
    <fieldset
      id={field.id}
      className={field.error ? 'radios field--error' : 'radios'}
      aria-describedby={describedBy(field.id, hint, field.error)}
    >
      <legend>{label}</legend>
      <Hint id={field.id}>{hint}</Hint>
      <FieldError id={field.id} error={field.error} />
      {options.map((option) => (
        <div key={option.value}>
          <div className="choice">
            <input
              type="checkbox"
              id={`${field.id}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={defaultValues.includes(option.value)}
              aria-describedby={option.hint ? `${field.id}-${option.value}-hint` : undefined}
            />
            <label htmlFor={`${field.id}-${option.value}`}>{option.label}</label>
          </div>
          {option.hint && (
            <p className="hint choice-hint" id={`${field.id}-${option.value}-hint`}>
              {option.hint}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}

type DayProps = Common & { required?: boolean; defaultValue?: string | null; autoComplete?: string };

/** A calendar day typed as people in Finland write it (24.12.2025), read with formDay; the hint says so. */
export function DateField({ name, label, hint, path, messages, error, required = false, defaultValue, autoComplete = 'off' }: DayProps) {
  const t = useFormWords();
  const field = useField({ name, label, path, messages, error }, 'day', required);
  const fullHint = (
    <>
      {hint && <span>{hint} </span>}
      {t('form.dayHint')}
    </>
  );
  return (
    <div className={field.error ? 'field field--error' : 'field'}>
      <label htmlFor={field.id}>{label}</label>
      <Hint id={field.id}>{fullHint}</Hint>
      <FieldError id={field.id} error={field.error} />
      <input
        id={field.id}
        name={name}
        className="input-day"
        defaultValue={showDay(defaultValue)}
        autoComplete={autoComplete}
        aria-invalid={field.error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(field.id, true, field.error)}
      />
    </div>
  );
}

type InstantProps = Common & { required?: boolean };

/** A day and a time of day in Helsinki, read with formInstant. */
export function DateTimeField({ name, label, hint, path, messages, error, required = false }: InstantProps) {
  const t = useFormWords();
  const field = useField({ name, label, path, messages, error }, 'instant', required);
  return (
    <fieldset
      id={field.id}
      className={field.error ? 'date-time field--error' : 'date-time'}
      aria-describedby={describedBy(field.id, true, field.error)}
    >
      <legend>{label}</legend>
      <Hint id={field.id}>
        {hint && <span>{hint} </span>}
        {t('form.instantHint')}
      </Hint>
      <FieldError id={field.id} error={field.error} />
      <div className="date-time-inputs">
        <div className="field">
          <label htmlFor={`${field.id}-day`}>{t('form.day')}</label>
          <input
            id={`${field.id}-day`}
            name={`${name}.day`}
            className="input-day"
            autoComplete="off"
            aria-invalid={field.error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${field.id}-time`}>{t('form.time')}</label>
          <input
            id={`${field.id}-time`}
            name={`${name}.time`}
            className="input-time"
            autoComplete="off"
            aria-invalid={field.error ? true : undefined}
          />
        </div>
      </div>
    </fieldset>
  );
}
