import { QueryClient, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';

/**
 * Loads go through TanStack Query: each page asks for what it shows and gets its loading and error
 * states. Data stays in memory only, and is dropped whenever the session changes (App).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing record will not change by asking again; a lost connection may.
      retry: (failures, error) => failures < 2 && error instanceof ApiError && error.status === 0,
      // Reads of client data are audited: they happen when a person opens a page, not when a window regains focus.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** A GET of the API under its path; `null` waits (e.g. until a button asks for it). */
export function useApiQuery<T>(path: string | null, options: { staleTime?: number } = {}) {
  return useQuery<T, ApiError>({
    queryKey: [path],
    queryFn: () => api<T>('GET', path!),
    enabled: path !== null,
    ...options,
  });
}
