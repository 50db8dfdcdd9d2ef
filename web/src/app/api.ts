import i18next from 'i18next';

export interface ApiProblem { code: string; message: string; details?: Array<{ field: string; problem: string; message: string }> }

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: ApiProblem) {
    super(problem.message);
  }
}

/** Called when the server no longer knows the session (idle timeout, ended by an administrator). */
let sessionLost: (problem: ApiProblem) => void = () => {};
export const onSessionLost = (handler: (problem: ApiProblem) => void) => { sessionLost = handler; };

/** The CSRF token of the current session, kept in memory only: never in browser storage. */
let csrfToken = '';
export const setCsrfToken = (token: string | undefined) => { csrfToken = token ?? ''; };

export async function api<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`/api/v1${url}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      accept: 'application/json',
      'accept-language': i18next.language,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({ error: { code: 'internal', message: i18next.t('common:errors.network') } }));
  if (response.status === 401 && data.error?.code === 'not_logged_in') sessionLost(data.error);
  if (!response.ok) throw new ApiError(response.status, data.error);
  return data as T;
}
