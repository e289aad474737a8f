import { loadSession, saveSession } from './session';
import { errorMessage, type ApiErrorBody } from '../lib/form-errors';

/** An API answer other than 2xx, with the service's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(errorMessage(body));
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Fired when a request answers 401: the app goes back to the sign-in page. */
export const UNAUTHORISED_EVENT = 'pipeline:unauthorised';

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One call to the public API on this origin, with the session's token. */
export async function api<T>(method: string, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  const json = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
  if (!res.ok) {
    if (res.status === 401 && session) {
      saveSession(null);
      window.dispatchEvent(new Event(UNAUTHORISED_EVENT));
    }
    const body = json && typeof json === 'object' ? (json as ApiErrorBody) : { statusCode: res.status, message: typeof json === 'string' && json.length < 200 ? json : undefined };
    throw new ApiError(res.status, body);
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, { body: body ?? {}, headers });
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, { body });
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, { body });

/** A CSV export, downloaded through the browser with the token (a plain link could not send it). */
export async function downloadCsv(path: string, query: Query, filename: string): Promise<void> {
  const session = loadSession();
  const res = await fetch(withQuery(path, { ...query, format: 'csv' }), { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as ApiErrorBody | null);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
