import type { ZodMiniType } from 'zod/mini';
import { PlaygateError, type PlaygateErrorInit, type PlaygateErrorKind } from '../model/error.js';
import type { CallOptions } from '../model/ports.js';
import { noAuth, type AuthStrategy } from './auth.js';
import { backoff, Deadline, delay, parseRetryAfter } from './timing.js';
import { parseJson, parseWith } from './validate.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A failed response, as handed to a backend's error decoder. */
export interface ErrorResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  body: unknown;
  method: Method;
  path: string;
}

/**
 * Turns one vendor's error body into playgate terms. It gets the generic reading (kind by
 * status, `retryAfter`, a plain message) and returns it refined.
 */
export type ErrorDecoder = (response: ErrorResponse, generic: PlaygateErrorInit) => PlaygateErrorInit;

export interface RetryPolicy {
  /** Extra tries for idempotent GETs after a network error or 5xx. */
  attempts: number;
  /** First back-off step; doubles each try, with jitter. */
  baseDelayMs: number;
  /** The longest `Retry-After` honoured by waiting; longer ones fail with `rate_limited`. */
  maxRetryAfterSeconds: number;
}

export interface HttpClientOptions {
  /** Absolute base URL; paths are joined onto it. */
  baseUrl: string;
  /** Injected fetch: the page's, the emulator's, or a test's. Defaults to the global one. */
  fetch?: typeof fetch;
  auth?: AuthStrategy;
  decodeError?: ErrorDecoder;
  /** Per-call deadline in milliseconds, including retries. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Names the backend in error messages. */
  name?: string;
}

export interface RequestSpec<T> extends CallOptions {
  method?: Method;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Checks a 2xx body. Without one, the body is ignored. */
  schema?: ZodMiniType<T>;
  /** Sends `If-None-Match`-style freshness; a 304 then answers `notModified`. */
  etag?: string;
  /** Query parameter that carries the etag, for APIs that take it in the URL. */
  etagParam?: string;
  /** Overrides the client's auth for this call. */
  auth?: AuthStrategy;
  /** Overrides the client's error decoder for this call (an endpoint with its own meanings). */
  decodeError?: ErrorDecoder;
}

export type HttpResult<T> =
  | { notModified: true; status: 304; headers: Headers }
  | { notModified: false; status: number; headers: Headers; data: T };

const DEFAULT_RETRY: RetryPolicy = { attempts: 2, baseDelayMs: 300, maxRetryAfterSeconds: 10 };

export function kindForStatus(status: number): PlaygateErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(baseUrl: string, path: string, query?: RequestSpec<unknown>['query']): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // In Node (the server piece, the emulator) there is no page to resolve against.
  const page = (globalThis as { location?: Location }).location?.href;
  const url = new URL(path.replace(/^\/+/, ''), new URL(base, page));
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** The thin fetch layer: one instance per backend. */
export class HttpClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly name: string;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.name = options.name ?? 'backend';
  }

  async request<T>(spec: RequestSpec<T>): Promise<HttpResult<T>> {
    const method = spec.method ?? 'GET';
    const timeoutMs = spec.timeoutMs ?? this.timeoutMs;
    const deadline = new Deadline(timeoutMs, spec.signal);
    const startedAt = Date.now();
    // Only reads repeat by themselves: a repeated POST could sign or upgrade twice.
    const maxAttempts = method === 'GET' ? 1 + (spec.retries ?? this.retry.attempts) : 1;
    try {
      for (let attempt = 0; ; attempt++) {
        const lastTry = attempt + 1 >= maxAttempts;
        let response: Response;
        try {
          response = await this.send(method, spec, deadline.signal);
        } catch (cause) {
          if (deadline.signal.aborted) throw this.abortError(deadline, cause);
          if (lastTry) throw new PlaygateError({ kind: 'network', message: `Could not reach ${this.name}`, cause });
          await delay(backoff(attempt, this.retry.baseDelayMs), deadline.signal);
          continue;
        }
        if (response.ok || response.status === 304) return await this.read(response, spec, method);
        const error = await this.toError(response, method, spec);
        const wait = this.waitBeforeRetry(error, attempt, startedAt, timeoutMs);
        if (lastTry || wait === undefined) throw new PlaygateError(error);
        await delay(wait, deadline.signal);
      }
    } catch (error) {
      if (deadline.signal.aborted && !(error instanceof PlaygateError)) throw this.abortError(deadline, error);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /** Shorthand for a checked 2xx body. */
  async json<T>(spec: RequestSpec<T> & { schema: ZodMiniType<T> }): Promise<T> {
    const result = await this.request(spec);
    if (result.notModified) {
      throw new PlaygateError({ kind: 'invalid_response', message: `Unexpected 304 from ${this.name}`, status: 304 });
    }
    return result.data;
  }

  private send(method: Method, spec: RequestSpec<unknown>, signal: AbortSignal): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json' });
    const auth = spec.auth ?? this.options.auth ?? noAuth;
    auth.apply(headers);
    const query = { ...spec.query };
    if (spec.etag !== undefined) {
      headers.set('If-None-Match', spec.etag);
      if (spec.etagParam) query[spec.etagParam] = spec.etag;
    }
    const init: RequestInit = { method, headers, signal, credentials: auth.credentials ?? 'same-origin' };
    if (spec.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      init.body = JSON.stringify(spec.body);
    }
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    return fetchImpl(joinUrl(this.options.baseUrl, spec.path, query), init);
  }

  private async read<T>(response: Response, spec: RequestSpec<T>, method: Method): Promise<HttpResult<T>> {
    if (response.status === 304) return { notModified: true, status: 304, headers: response.headers };
    const where = `${this.name} ${method} ${spec.path}`;
    const text = await response.text();
    if (!spec.schema) return { notModified: false, status: response.status, headers: response.headers, data: undefined as T };
    const data = parseWith(spec.schema, parseJson(text, where), where);
    return { notModified: false, status: response.status, headers: response.headers, data };
  }

  private async toError(response: Response, method: Method, spec: RequestSpec<unknown>): Promise<PlaygateErrorInit> {
    const path = spec.path;
    let body: unknown;
    try {
      const text = await response.text();
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined; // An HTML error page from a proxy says nothing we can use.
    }
    const generic: PlaygateErrorInit = {
      kind: kindForStatus(response.status),
      status: response.status,
      message: `${this.name} answered ${response.status} to ${method} ${path}`,
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    };
    const decode = spec.decodeError ?? this.options.decodeError;
    return decode ? decode({ status: response.status, headers: response.headers, body, method, path }, generic) : generic;
  }

  /** How long to wait before the next try, or undefined when this error is final. */
  private waitBeforeRetry(error: PlaygateErrorInit, attempt: number, startedAt: number, timeoutMs: number): number | undefined {
    const status = error.status ?? 0;
    const remaining = timeoutMs - (Date.now() - startedAt);
    if ((status === 429 || status === 503) && error.retryAfter !== undefined) {
      if (error.retryAfter > this.retry.maxRetryAfterSeconds) return undefined;
      const wait = error.retryAfter * 1000;
      return wait < remaining ? wait : undefined;
    }
    if (status >= 500) {
      const wait = backoff(attempt, this.retry.baseDelayMs);
      return wait < remaining ? wait : undefined;
    }
    return undefined;
  }

  private abortError(deadline: Deadline, cause: unknown): PlaygateError {
    return deadline.timedOut
      ? new PlaygateError({ kind: 'timeout', message: `${this.name} did not answer in time`, cause })
      : new PlaygateError({ kind: 'aborted', message: 'The request was cancelled', cause });
  }
}
