import i18next from 'i18next';

export interface ApiProblem {
  code: string;
  message: string;
  details?: Array<{ field: string; problem: string; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ApiProblem,
  ) {
    super(problem.message);
  }
}

/** Called when the server no longer knows the session (idle timeout, ended by an administrator). */
let sessionLost: (problem: ApiProblem) => void = () => {};
export const onSessionLost = (handler: (problem: ApiProblem) => void) => {
  sessionLost = handler;
};

/** The CSRF token of the current session, kept in memory only: never in browser storage. */
let csrfToken = '';
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token ?? '';
};

/** The headers every call sends: the language for translated errors, and the CSRF token on writes. */
function requestHeaders(method: string, contentType?: string): Record<string, string> {
  return {
    accept: 'application/json',
    'accept-language': i18next.language,
    ...(contentType ? { 'content-type': contentType } : {}),
    ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
}

const networkProblem = (): ApiProblem => ({ code: 'network', message: i18next.t('common:errors.network') });

/** A non-2xx answer as an ApiError; a lost session is reported to whoever shows the login again. */
function failure(status: number, data: { error?: ApiProblem } | null): ApiError {
  const problem = data?.error ?? networkProblem();
  if (status === 401 && problem.code === 'not_logged_in') sessionLost(problem);
  return new ApiError(status, problem);
}

export async function api<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`/api/v1${url}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { ...requestHeaders(method, body !== undefined ? 'application/json' : undefined), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new ApiError(0, networkProblem());
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, data);
  return data as T;
}

/** Sends a file as the request body, reporting how much has been sent (fetch cannot report that). */
export function uploadFile<T>(url: string, file: Blob, contentType: string, onProgress: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${url}`);
    for (const [name, value] of Object.entries(requestHeaders('POST', contentType))) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      let data = null;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        /* not JSON: reported as a network problem */
      }
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(failure(request.status, data));
    };
    request.onerror = () => reject(new ApiError(0, networkProblem()));
    request.send(file);
  });
}

/** Fetches a file to save, reporting how much has arrived. The file stays in memory only, never in browser storage. */
export async function downloadFile(
  url: string,
  onProgress: (received: number, total: number) => void,
): Promise<{ blob: Blob; fileName: string; headers: Headers }> {
  const response = await fetch(`/api/v1${url}`, { credentials: 'same-origin', cache: 'no-store', headers: requestHeaders('GET') });
  if (!response.ok || !response.body) throw failure(response.status, await response.json().catch(() => null));
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'polku-download';
  return {
    blob: new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' }),
    fileName,
    headers: response.headers,
  };
}

/**
 * A response as a page reads it when it holds the permission that shows these fields: each field its
 * schema names is there. (Response schemas mark nothing required: the field-group filter may take
 * parts away, so the types derived from them (#shared/api/…) have every field optional.)
 */
export type Shown<T> = T extends ReadonlyArray<infer Item> ? Array<Shown<Item>> : { [Key in keyof T]-?: Exclude<T[Key], undefined> };
