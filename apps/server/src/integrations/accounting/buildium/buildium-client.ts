import { setTimeout as sleep } from 'node:timers/promises';
import { SourceError } from '../accounting-provider.ts';

/** Buildium's Open API v1: key headers, JSON bodies, offset/limit paging. */
export type BuildiumClientSettings = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Items per page, at most Buildium's 1000. */
  pageSize?: number;
  /** Cap on how long a Retry-After may hold a sync, default 10 s. */
  maxRetryWaitMs?: number;
};

export type PageProgress = { path: string; received: number; total: number | null };

export type BuildiumClient = {
  get(path: string, options?: { query?: Query; signal?: AbortSignal }): Promise<unknown>;
  getAll<T>(path: string, options?: { query?: Query; signal?: AbortSignal; onPage?: (progress: PageProgress) => void }): Promise<T[]>;
  post(path: string, body: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
};

type Query = Record<string, string | number>;

/** A failed call, with the HTTP status when there was one, so callers can tell bad credentials from a bad item. */
export class BuildiumRequestError extends SourceError {
  constructor(
    message: string,
    retryable: boolean,
    readonly status: number | null,
  ) {
    super(message, retryable);
  }
}

export const BUILDIUM_MAX_PAGE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
const DEFAULT_RETRY_WAIT_MS = 1_000;
/** A server that ignores offset would otherwise page forever. */
const MAX_PAGES = 1_000;

const seconds = (ms: number): string => String(Number((ms / 1000).toPrecision(2)));

/** Retry-After is either delta-seconds or an HTTP date; either way the wait is capped. */
export function retryWaitMs(header: string | null, maxMs: number, now = Date.now()): number {
  if (!header) return Math.min(DEFAULT_RETRY_WAIT_MS, maxMs);
  const delta = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isFinite(delta) ? Math.min(Math.max(delta, 0), maxMs) : Math.min(DEFAULT_RETRY_WAIT_MS, maxMs);
}

/** Buildium errors carry UserMessage and Errors [{ Key, Value }]; other gateways may send Message. */
export function errorMessageOf(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 200) || null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const record = parsed as { UserMessage?: unknown; Message?: unknown; Errors?: unknown };
  const details = Array.isArray(record.Errors) ? record.Errors.map(errorDetail).filter(Boolean) : [];
  const headline = typeof record.UserMessage === 'string' ? record.UserMessage : typeof record.Message === 'string' ? record.Message : null;
  const detail = details.join('; ');
  if (headline && detail) return `${headline} (${detail})`;
  return headline || detail || null;
}

function errorDetail(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const { Key, Value, Message } = (entry ?? {}) as { Key?: unknown; Value?: unknown; Message?: unknown };
  const message = typeof Message === 'string' ? Message : typeof Value === 'string' ? Value : '';
  return message && typeof Key === 'string' && Key ? `${Key}: ${message}` : message;
}

function httpError(status: number, body: string): BuildiumRequestError {
  const message = errorMessageOf(body);
  if (status === 401 || status === 403) return new BuildiumRequestError('Buildium refused the client ID or secret', false, status);
  if (status < 500) return new BuildiumRequestError(message ?? `Buildium rejected the request (HTTP ${status})`, false, status);
  return new BuildiumRequestError(`Buildium answered HTTP ${status}${message ? `: ${message}` : ''}`, true, status);
}

/** fetch reports every network failure as "fetch failed"; the cause says which (ECONNREFUSED, ENOTFOUND). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `${(error as Error).message} (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(body: string): unknown {
  if (!body.trim()) return null;
  try {
    return JSON.parse(body);
  } catch {
    throw new BuildiumRequestError('Buildium answered with something that is not JSON', false, null);
  }
}

function totalCount(headers: Headers): number | null {
  const header = headers.get('x-total-count')?.trim();
  return header && /^\d+$/.test(header) ? Number(header) : null;
}

type Attempt = { method: 'GET' | 'POST'; url: string; body?: unknown; signal?: AbortSignal | undefined };
type Answer = { status: number; headers: Headers; body: string };

export function createBuildiumClient(settings: BuildiumClientSettings, fetchImpl: typeof fetch = fetch): BuildiumClient {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pageSize = Math.min(Math.max(1, settings.pageSize ?? BUILDIUM_MAX_PAGE_SIZE), BUILDIUM_MAX_PAGE_SIZE);
  const maxRetryWaitMs = settings.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers = {
    accept: 'application/json',
    'content-type': 'application/json',
    'x-buildium-client-id': settings.clientId,
    'x-buildium-client-secret': settings.clientSecret,
  };

  const urlOf = (path: string, query: Query = {}): string => {
    const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
    return `${base}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
  };

  /** One exchange, body included, under its own timeout so a stalled body cannot hang a sync. */
  async function exchange({ method, url, body, signal }: Attempt): Promise<Answer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const init: RequestInit = { method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await fetchImpl(url, init);
      return { status: response.status, headers: response.headers, body: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw new BuildiumRequestError(`Buildium did not answer within ${seconds(timeoutMs)} s`, true, null);
      throw new BuildiumRequestError(`Could not reach Buildium: ${networkReason(error)}`, true, null);
    }
  }

  /**
   * One retry on 429 and, for reads, 503. A POST answered 503 may still have
   * been recorded by a server behind the gateway, so only 429 (refused before
   * any work) is safe to repeat for a payment.
   */
  async function request(attempt: Attempt): Promise<Answer> {
    let answer = await exchange(attempt);
    const retryable = answer.status === 429 || (answer.status === 503 && attempt.method === 'GET');
    if (retryable) {
      await sleep(retryWaitMs(answer.headers.get('retry-after'), maxRetryWaitMs), undefined, { signal: attempt.signal });
      answer = await exchange(attempt);
    }
    if (answer.status < 200 || answer.status >= 300) throw httpError(answer.status, answer.body);
    return answer;
  }

  async function getAll<T>(path: string, options: Parameters<BuildiumClient['getAll']>[1] = {}): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const url = urlOf(path, { ...options.query, offset: items.length, limit: pageSize });
      const answer = await request({ method: 'GET', url, signal: options.signal });
      const list = parseJson(answer.body);
      if (!Array.isArray(list)) throw new BuildiumRequestError(`Buildium answered ${path} without a list`, false, answer.status);
      items.push(...(list as T[]));
      options.onPage?.({ path, received: items.length, total: totalCount(answer.headers) });
      if (list.length < pageSize) return items;
    }
    throw new BuildiumRequestError(`Buildium kept sending full pages of ${path} past ${MAX_PAGES * pageSize} items`, false, null);
  }

  return {
    get: async (path, options = {}) => parseJson((await request({ method: 'GET', url: urlOf(path, options.query), signal: options.signal })).body),
    getAll,
    post: async (path, body, options = {}) => parseJson((await request({ method: 'POST', url: urlOf(path), body, signal: options.signal })).body),
  };
}
