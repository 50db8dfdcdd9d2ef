import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api.ts';
import { ErrorMessage, Field, PageTitle } from '../../ui/ui.tsx';

/**
 * Reads a part of a client's record. Someone outside the case is asked why they open it; the reason
 * goes in a header (never the URL) with every read of this page, and the server logs it.
 */
export function useRecordRead<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [needsReason, setNeedsReason] = useState(false);
  const [reason, setReason] = useState<string | undefined>();
  const open = useCallback(async (given?: string) => {
    setReason(given);
    setError(null);
    try {
      setData(await api<T>('GET', path, undefined, given ? { 'x-polku-access-reason': encodeURIComponent(given) } : {}));
      setNeedsReason(false);
    } catch (caught) {
      const apiError = caught as ApiError;
      if (apiError.problem?.code === 'reason_required') setNeedsReason(true);
      setError(apiError);
    }
  }, [path]);
  useEffect(() => { void open(); }, [open]);
  return { data, error, needsReason, open, reload: () => open(reason) };
}

/** The question asked before opening a record outside one's own cases. */
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
