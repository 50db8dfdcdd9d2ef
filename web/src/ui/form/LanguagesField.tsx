import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CodePicker } from './CodePicker.tsx';
import { namedCodes } from './codeNames.ts';
import { describedBy, FieldFrame, useField, withHint } from './fields.tsx';
import type { Messages } from './Form.tsx';

interface LanguagesFieldProps {
  name: string;
  label: string;
  /** The API's path of the list (`person.languages`). */
  path?: string;
  /** Codes: `uk`, `ru`, `prs`. */
  defaultValue?: readonly string[];
  required?: boolean;
  messages?: Messages;
  hint?: ReactNode;
}

/**
 * Languages chosen one at a time by typing their names (in the person's language, in English, or the
 * code); the chosen ones are listed, each with a button to remove it, and sent under `name` as
 * several values (read with formList).
 */
export function LanguagesField({ name, label, path, defaultValue = [], required = false, messages, hint }: LanguagesFieldProps) {
  const { t, i18n } = useTranslation();
  const field = useField({ name, label, path, messages }, 'choice', required);
  const entries = useMemo(() => namedCodes('language', i18n.language), [i18n.language]);
  const [codes, setCodes] = useState<string[]>([...defaultValue]);
  const nameOf = (code: string) => entries.find((entry) => entry.code === code)?.name ?? code;
  return (
    <FieldFrame id={field.id} label={label} hint={withHint(hint, t('form.picker.languagesHint'))} error={field.error}>
      {codes.length > 0 && (
        <ul className="chosen-codes" aria-label={t('form.picker.chosen', { label })}>
          {codes.map((code) => (
            <li key={code}>
              {nameOf(code)}{' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  setCodes((current) => current.filter((each) => each !== code));
                  document.getElementById(field.id)?.focus();
                }}
              >
                {t('form.picker.remove')}
                <span className="visually-hidden"> {nameOf(code)}</span>
              </button>
              <input type="hidden" name={name} value={code} />
            </li>
          ))}
        </ul>
      )}
      <CodePicker
        key={i18n.language}
        id={field.id}
        entries={entries.filter((entry) => !codes.includes(entry.code))}
        clearOnChoose
        onChoose={(entry) => setCodes((current) => (current.includes(entry.code) ? current : [...current, entry.code]))}
        invalid={Boolean(field.error)}
        describedBy={describedBy(field.id, true, field.error)}
        required={required && codes.length === 0}
      />
    </FieldFrame>
  );
}
