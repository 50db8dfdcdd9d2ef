import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
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
