import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@launchpad/api-config';
import type { DatabaseConfig } from '@launchpad/api-config';
import type { LaunchpadConfig } from '@launchpad/api-config';
import { loadProvidersConfig } from '@launchpad/api-config';
import { encryptionKeyId } from '@launchpad/api-config';
import { loadSessionsConfig } from '@launchpad/api-config';
import {
  loadDeploymentsConfig,
  loadDeviceConfig,
  loadMetricsConfig,
  loadRateLimitsConfig,
  loadRedisConfig,
} from '@launchpad/api-config';

/** A complete configuration for in-process tests: quiet logs, throwaway secrets. */
export function testConfig(
  database: DatabaseConfig,
  app: Partial<AppConfig> = {},
): LaunchpadConfig {
  const key = randomBytes(32);
  return {
    app: {
      production: false,
      host: '127.0.0.1',
      port: 0,
      publicUrl: 'http://localhost:3000',
      logLevel: 'silent',
      webDistDir: '/nonexistent',
      adminEmails: [],
      trustProxy: ['loopback'],
      ...app,
    },
    database,
    secrets: {
      sessionSecret: randomBytes(32).toString('base64url'),
      tokenEncryptionKey: { id: encryptionKeyId(key), key },
      previousEncryptionKeys: [],
      source: 'environment',
    },
    providers: loadProvidersConfig({}),
    sessions: loadSessionsConfig({}),
    deployments: loadDeploymentsConfig({}),
    device: loadDeviceConfig({}),
    // Tests sign in and start device flows faster than any person: request limits are tested on
    // their own (rate-limits.spec), with `rateLimits.enabled` set.
    rateLimits: loadRateLimitsConfig({ RATE_LIMITS: 'off' }),
    // /metrics open, as it is by default.
    metrics: loadMetricsConfig({}),
    redis: loadRedisConfig({}),
  };
}
