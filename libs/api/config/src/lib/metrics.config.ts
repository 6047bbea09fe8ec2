import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/** Who may read the Prometheus metrics at `/metrics`. */
export interface MetricsConfig {
  /**
   * METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`; unset, `/metrics`
   * is open, as is usual for Prometheus, and kept off the public internet at the proxy.
   */
  token: string | null;
}

/** RFC 6750 §2.1's b64token, so that Prometheus can send it as it is; long enough to be unguessable. */
const bearerToken = z
  .string()
  .regex(/^[A-Za-z0-9\-._~+/]+=*$/, {
    message: 'must be a bearer token: letters, digits and -._~+/ (e.g. `openssl rand -base64 32`)',
  })
  .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)');

export function loadMetricsConfig(env: Env): MetricsConfig {
  const vars = parseEnv({ METRICS_TOKEN: bearerToken.optional() }, env);
  return { token: vars.METRICS_TOKEN ?? null };
}

/** The `metrics` namespace (METRICS_TOKEN). */
export const metricsConfig = registerAs(
  'metrics',
  (): MetricsConfig => loadMetricsConfig(process.env),
);
