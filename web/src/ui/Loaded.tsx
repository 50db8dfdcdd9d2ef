import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a load has come to, as a query hook (TanStack Query) reports it. */
export interface LoadState<T> {
  data: T | undefined;
  error: Error | null;
  refetch: () => unknown;
}

/** Said while something loads; announced politely. */
export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {text ?? t('loading')}
    </p>
  );
}

/** A load that failed says so, says why, and offers to try again. */
export function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('loadFailed')}</p>
      {error.message && <p>{error.message}</p>}
      <button type="button" className="secondary" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

/**
 * Shows what a query loaded, and until then that it is loading; a failure with a way to try again.
 * Data already shown stays when a later load fails, with the failure above it.
 */
export function Loaded<T>({ query, loading, children }: { query: LoadState<T>; loading?: string; children: (data: T) => ReactNode }) {
  return (
    <>
      {query.error && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      {query.data !== undefined ? children(query.data) : !query.error && <Loading text={loading} />}
    </>
  );
}
