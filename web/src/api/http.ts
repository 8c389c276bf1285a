import type { Problem } from './types';

/** An answer other than 2xx, with the problem's stable code when the server sent problem+json. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, detail: string, readonly retryAfterSeconds?: number) {
    super(detail);
    this.name = 'ApiError';
  }

  /** Worth trying again later as is (the server or the network failed, not the request). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** The network failed before any answer (server down, connection dropped). */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
}

/** One JSON request to the API on this page's origin. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (options.signal?.aborted) {
      throw e;
    }
    throw networkError(e);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  if (!response.ok) {
    throw problemOf(response, text);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

function problemOf(response: Response, text: string): ApiError {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  try {
    const problem = JSON.parse(text) as Partial<Problem>;
    if (problem && typeof problem.code === 'string') {
      return new ApiError(response.status, problem.code, problem.detail ?? problem.title ?? response.statusText, retryAfter);
    }
  } catch {
    // not problem+json (a proxy's error page): fall through
  }
  return new ApiError(response.status, response.status === 404 ? 'not_found' : 'http_' + response.status,
    response.statusText || `HTTP ${response.status}`, retryAfter);
}
