import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * How one HTTP request to a provider's API ended: `ok` (2xx with its API's JSON), `client_error`
 * (4xx but 429: a token, a scope, a validation or a missing resource), `rate_limited` (429),
 * `server_error` (5xx, or an answer that is not its API's JSON: an error page of a proxy in
 * front), `network_error` (no answer: refused, reset, DNS, the transport's timeout).
 */
export type ProviderOutcome =
  | 'ok'
  | 'client_error'
  | 'server_error'
  | 'rate_limited'
  | 'network_error';

/**
 * The outcome of a provider's answer: its HTTP status, or null when none came; `isApiJson` false
 * when the body was not the JSON of its API (an HTML error page), which only a 4xx or 5xx keeps.
 */
export function providerOutcome(status: number | null, isApiJson = true): ProviderOutcome {
  if (status === null) return 'network_error';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return isApiJson ? 'ok' : 'server_error';
}

/**
 * `launchpad_provider_requests_total{provider,outcome}` and
 * `launchpad_provider_request_duration_seconds{provider,outcome}`: every HTTP request Launchpad
 * sends to a provider's REST API (each retry of a read counts on its own), recorded by the
 * transport (`ProviderHttp` in api-providers), with the seconds from sending it to having read
 * its body. Buckets go up to the transport's 20 s timeout.
 */
@Injectable()
export class ProviderMetrics {
  private readonly requests: Counter<'provider' | 'outcome'>;
  private readonly duration: Histogram<'provider' | 'outcome'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'launchpad_provider_requests_total',
      help: "Requests to the providers' REST APIs, by provider and outcome.",
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'launchpad_provider_request_duration_seconds',
      help: "Seconds a request to a provider's REST API took, by provider and outcome.",
      labelNames: ['provider', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers: [registry],
    });
  }

  /** Counts one request to `provider` (`linode`, `digitalocean`) that took `seconds`. */
  observe(provider: string, outcome: ProviderOutcome, seconds: number): void {
    this.requests.inc({ provider, outcome });
    this.duration.observe({ provider, outcome }, seconds);
  }
}
