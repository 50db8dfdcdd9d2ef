import { useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api.ts';
import { helsinkiDate } from '#shared/dates.ts';

/** Focus stays at the top of the document on first load, so the skip link is the first Tab stop. */
let firstPageShown = false;

/** After a page or step changes, its heading takes focus, so screen readers announce where the user is. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPageShown) ref.current?.focus();
    firstPageShown = true;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

type FieldProps = { label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>;

export function Field({ label, error, hint, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type SelectProps = {
  label: string;
  error?: string;
  options: Array<{ value: string; label: string }>;
} & SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField({ label, error, options, ...select }: SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What went wrong, announced at once, with each field's problem listed. */
export function ErrorMessage({ error }: { error: ApiError | Error | null }) {
  if (!error) return null;
  const details = 'problem' in error ? error.problem.details : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <p>{error.message}</p>
      {details && (
        <ul>
          {details.map((detail) => (
            <li key={detail.field + detail.problem}>{detail.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

/** Field errors from an API error, keyed by field name, for Field's error prop. */
export function fieldErrors(error: ApiError | Error | null): Record<string, string> {
  if (!error || !('problem' in error) || !error.problem.details) return {};
  return Object.fromEntries(error.problem.details.map((detail) => [detail.field, detail.message]));
}

export function LanguageSwitch({ onChange }: { onChange: (language: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <nav aria-label={t('language.label')} className="language-switch">
      <ul>
        {(['fi', 'sv', 'en'] as const).map((language) => (
          <li key={language}>
            <button type="button" lang={language} aria-pressed={i18n.language === language} onClick={() => onChange(language)}>
              {t(`language.${language}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(`${language}-FI`, { timeZone: 'Europe/Helsinki', dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** A calendar day (`YYYY-MM-DD`), or the Helsinki day of an instant, in the reader's language. */
export function formatDate(dayOrInstant: string, language: string): string {
  const day = dayOrInstant.includes('T') ? helsinkiDate(dayOrInstant) : dayOrInstant;
  return new Intl.DateTimeFormat(`${language}-FI`, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${day}T00:00:00Z`));
}
