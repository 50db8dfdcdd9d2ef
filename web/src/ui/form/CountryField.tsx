import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CodePicker } from './CodePicker.tsx';
import { namedCodes, type NamedCode } from './codeNames.ts';
import { describedBy, FieldFrame, useField, withHint } from './fields.tsx';
import type { Messages } from './Form.tsx';

interface CountryFieldProps {
  name: string;
  label: string;
  /** The API's path of the value when it is not the name (`person.nationality`). */
  path?: string;
  /** A code: `FI`, or `stateless` or `unknown` as the API has them. */
  defaultValue?: string | null;
  required?: boolean;
  messages?: Messages;
  hint?: ReactNode;
  /** Offer "stateless" and "unknown" beside the countries (a nationality); off for a country of birth or of exploitation. */
  nationality?: boolean;
}

/**
 * A country chosen by typing its name in the person's language (or in English, or its code), the
 * code sent under `name`: a hidden input holds it, read with formCode.
 */
export function CountryField({ name, label, path, defaultValue, required = false, messages, hint, nationality = true }: CountryFieldProps) {
  const { t, i18n } = useTranslation();
  const field = useField({ name, label, path, messages }, 'choice', required);
  const entries = useMemo<NamedCode[]>(
    () => [
      ...(nationality ? (['stateless', 'unknown'] as const).map((code) => ({ code, name: t(`form.picker.${code}`), english: code })) : []),
      ...namedCodes('country', i18n.language),
    ],
    [i18n.language, nationality, t],
  );
  const [code, setCode] = useState(defaultValue ?? '');
  const chosen = entries.find((entry) => entry.code === code);
  return (
    <FieldFrame id={field.id} label={label} hint={withHint(hint, t('form.picker.countryHint'))} error={field.error}>
      <CodePicker
        key={i18n.language}
        id={field.id}
        entries={entries}
        initialText={chosen?.name ?? ''}
        onChoose={(entry) => setCode(entry.code)}
        onTextChange={() => setCode('')}
        invalid={Boolean(field.error)}
        describedBy={describedBy(field.id, true, field.error)}
        required={required}
      />
      <input type="hidden" name={name} value={code} />
    </FieldFrame>
  );
}
