import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';

/**
 * Reads a part of a client's record. Someone outside the case is asked why they open it (`needsReason`:
 * show ReasonForm); the reason goes in a header (never the URL) with every read of this page, and the
 * server logs it. A record is not kept once its page is left.
 */
export function useRecordRead<T>(path: string) {
  const [reason, setReason] = useState<string | undefined>();
  const headers: Record<string, string> = reason ? { 'x-polku-access-reason': encodeURIComponent(reason) } : {};
  const query = useQuery<T, ApiError>({
    queryKey: [path, { reason }],
    queryFn: () => api<T>('GET', path, undefined, headers),
    gcTime: 0,
  });
  const error = query.error;
  // Once asked, the question stays until the record opens: a refused reason is shown beside the form.
  const needsReason = query.data === undefined && (error?.problem?.code === 'reason_required' || (reason !== undefined && error !== null));
  return {
    data: query.data ?? null,
    error,
    needsReason,
    isPending: query.isPending,
    open: (given: string) => (given === reason ? void query.refetch() : setReason(given)),
    reload: () => query.refetch(),
    /** Reads more of the record under this path (a next page), with the reason it was opened for. */
    readMore: <P>(more: string) => api<P>('GET', `${path}${more}`, undefined, headers),
  };
}
