import { type AppConfig, loadAppConfig } from './app.config';
import { type DeploymentsConfig, loadDeploymentsConfig } from './deployments.config';
import { type DatabaseConfig, loadDatabaseConfig } from './database.config';
import { type DeviceConfig, loadDeviceConfig } from './device.config';
import type { Env } from './env';
import { type MetricsConfig, loadMetricsConfig } from './metrics.config';
import { type ProvidersConfig, loadProvidersConfig } from './providers.config';
import { type RateLimitsConfig, loadRateLimitsConfig } from './rate-limits.config';
import { type RedisConfig, loadRedisConfig } from './redis.config';
import { type SecretsConfig, loadSecretsConfig } from './secrets.config';
import { type SessionsConfig, loadSessionsConfig } from './sessions.config';

/** Every feature's validated configuration, keyed by feature, as ConfigService serves it. */
export interface LaunchpadConfig {
  app: AppConfig;
  database: DatabaseConfig;
  secrets: SecretsConfig;
  providers: ProvidersConfig;
  sessions: SessionsConfig;
  deployments: DeploymentsConfig;
  device: DeviceConfig;
  rateLimits: RateLimitsConfig;
  metrics: MetricsConfig;
  redis: RedisConfig;
}

/** Reads and validates the whole configuration; throws ConfigError naming the first bad variable. */
export async function loadLaunchpadConfig(env: Env = process.env): Promise<LaunchpadConfig> {
  const app = loadAppConfig(env);
  const database = loadDatabaseConfig(env);
  const providers = loadProvidersConfig(env);
  const secrets = await loadSecretsConfig(env, database.dataDir, app.production);
  return {
    app,
    database,
    secrets,
    providers,
    sessions: loadSessionsConfig(env),
    deployments: loadDeploymentsConfig(env),
    device: loadDeviceConfig(env),
    rateLimits: loadRateLimitsConfig(env),
    metrics: loadMetricsConfig(env),
    redis: loadRedisConfig(env),
  };
}
