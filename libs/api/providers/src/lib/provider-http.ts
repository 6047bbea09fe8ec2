import { PROVIDER_LABELS } from '@launchpad/shared-api-types';
import type { ProviderName } from '@launchpad/api-config';
import { type ProviderMetrics, providerOutcome } from '@launchpad/api-metrics';
import { USER_AGENT } from './provider-token-client';

export type ProviderErrorKind =
  /** The token is unknown, expired or revoked (a refresh may help). */
  | 'unauthorized'
  /** The token lacks a scope the call needs (Linode 401 "not authorized…", DigitalOcean 403). */
  | 'insufficient_scope'
  | 'not_found'
  /** The provider refused the input (Linode 400, DigitalOcean 422), with its reasons. */
  | 'invalid'
  | 'rate_limited'
  /** Down, unreachable, timed out, or answering something that is not its API. */
  | 'unavailable';

export interface ProviderFieldError {
  field: string | null;
  reason: string;
}

/** A provider API call that did not succeed, with what the person should be told. */
export class ProviderApiError extends Error {
  override readonly name = 'ProviderApiError';

  constructor(
    readonly provider: ProviderName,
    readonly kind: ProviderErrorKind,
    readonly status: number,
    message: string,
    readonly requestId: string | null = null,
    readonly retryAfterSeconds: number | null = null,
    readonly fields: ProviderFieldError[] = [],
  ) {
    super(message);
  }
}

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the API base, e.g. `/v4/linode/instances`. */
  path: string;
  token?: string;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ProviderHttpOptions {
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Reads are retried this many times after a 429, a 5xx or a dropped connection. */
  readRetries?: number;
  /** A Retry-After longer than this is not waited for: the read fails as rate limited. */
  maxRetryAfterMs?: number;
  /** Counts every request sent (each retry too) by outcome, with its duration. */
  metrics?: ProviderMetrics;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * HTTP to one provider's REST API: bearer auth, a real User-Agent, a timeout, JSON in and out,
 * the provider's error shapes turned into ProviderApiError, and retries for reads only — a
 * 429 after its Retry-After, a 5xx or a dropped connection with a short backoff. Writes are
 * never retried here: a create that timed out may have succeeded (linode.md §5 #7). Every
 * request sent is counted in `metrics` by outcome (ProviderMetrics), here rather than per call.
 */
export class ProviderHttp {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly readRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly metrics: ProviderMetrics | undefined;
  private readonly label: string;

  constructor(
    readonly provider: ProviderName,
    private readonly baseUrl: string,
    options: ProviderHttpOptions = {},
  ) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.readRetries = options.readRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.metrics = options.metrics;
    this.label = PROVIDER_LABELS[provider];
  }

  async request<T>(req: ProviderRequest): Promise<T> {
    const retries = req.method === 'GET' ? this.readRetries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(req);
      } catch (error) {
        if (!(error instanceof ProviderApiError) || attempt >= retries) throw error;
        if (error.kind === 'rate_limited') {
          const waitMs = (error.retryAfterSeconds ?? 1) * 1000;
          if (waitMs > this.maxRetryAfterMs) throw error;
          await this.sleep(waitMs);
        } else if (error.kind === 'unavailable') {
          await this.sleep(200 * 3 ** attempt);
        } else {
          throw error;
        }
      }
    }
  }

  private async once<T>(req: ProviderRequest): Promise<T> {
    const url = new URL(`${this.baseUrl}${req.path}`);
    for (const [key, value] of Object.entries(req.query ?? {}))
      url.searchParams.set(key, String(value));
    const started = performance.now();
    const observe = (status: number | null, isApiJson = true) =>
      this.metrics?.observe(
        this.provider,
        providerOutcome(status, isApiJson),
        (performance.now() - started) / 1000,
      );
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: req.method,
        headers: {
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
          ...(req.token ? { Authorization: `Bearer ${req.token}` } : {}),
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      observe(null);
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ProviderApiError(
        this.provider,
        'unavailable',
        0,
        timedOut
          ? `${this.label} did not answer within ${this.timeoutMs / 1000} s.`
          : `${this.label} could not be reached (${(error as Error).message}).`,
      );
    }
    const text = await res.text().catch(() => '');
    const requestId = res.headers.get('x-request-id');
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      observe(res.status, false);
      throw new ProviderApiError(
        this.provider,
        res.status === 429 ? 'rate_limited' : 'unavailable',
        res.status,
        `${this.label} answered HTTP ${res.status} with something that is not its API's JSON.`,
        requestId,
        retryAfterSeconds(res.headers),
      );
    }
    observe(res.status);
    if (res.ok) return body as T;
    throw this.toError(res, body, requestId);
  }

  private toError(res: Response, body: unknown, headerRequestId: string | null): ProviderApiError {
    const record = (body ?? {}) as Record<string, unknown>;
    // Linode: {"errors":[{"reason","field"}]}; DigitalOcean: {"id","message","request_id"}.
    const fields: ProviderFieldError[] = Array.isArray(record['errors'])
      ? (record['errors'] as Record<string, unknown>[]).map((e) => ({
          field: typeof e['field'] === 'string' ? e['field'] : null,
          reason: typeof e['reason'] === 'string' ? e['reason'] : 'unknown error',
        }))
      : [];
    const message =
      typeof record['message'] === 'string'
        ? record['message']
        : fields.map((f) => f.reason).join('; ') || `HTTP ${res.status}`;
    const requestId =
      headerRequestId ?? (typeof record['request_id'] === 'string' ? record['request_id'] : null);
    const status = res.status;
    const kind: ProviderErrorKind =
      status === 401
        ? /not authorized/i.test(message)
          ? 'insufficient_scope'
          : 'unauthorized'
        : status === 403
          ? 'insufficient_scope'
          : status === 404
            ? 'not_found'
            : status === 429
              ? 'rate_limited'
              : status >= 500
                ? 'unavailable'
                : 'invalid';
    return new ProviderApiError(
      this.provider,
      kind,
      status,
      `${this.label}: ${message}`,
      requestId,
      retryAfterSeconds(res.headers),
      fields,
    );
  }
}
