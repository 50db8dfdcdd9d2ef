import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api.ts';
import { ErrorMessage, Field, PageTitle } from './ui.tsx';

/** The question asked before opening a record outside one's own cases (see useRecordRead). */
export function ReasonForm({ error, onReason }: { error: ApiError | null; onReason: (reason: string) => void }) {
  const { t } = useTranslation('clients');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onReason(String(new FormData(event.currentTarget).get('reason') ?? '').trim());
  }
  return (
    <>
      <PageTitle>{t('reasonTitle')}</PageTitle>
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate className="narrow">
        <Field label={t('reason')} name="reason" required autoComplete="off" />
        <button type="submit">{t('openRecord')}</button>
      </form>
    </>
  );
}
