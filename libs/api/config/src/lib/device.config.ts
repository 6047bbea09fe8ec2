import { registerAs } from '@nestjs/config';
import { z } from 'zod';
import { type Env, parseEnv } from './env';

/** Launchpad's device authorization server (RFC 8628). */
export interface DeviceConfig {
  /** `expires_in` of a device_code and its user_code, in seconds (RFC 8628 §3.2). */
  codeTtlSeconds: number;
  /** `interval`: the seconds a device waits between polls of the token endpoint (RFC 8628 §3.2). */
  pollIntervalSeconds: number;
}

export function loadDeviceConfig(env: Env): DeviceConfig {
  const vars = parseEnv(
    {
      DEVICE_CODE_TTL_SECONDS: z.coerce
        .number({ message: 'must be a number of seconds' })
        .int('must be whole seconds')
        .min(60, 'must be at least 60')
        .max(3600, 'must be at most 3600 (an hour)')
        .default(600),
      DEVICE_POLL_INTERVAL_SECONDS: z.coerce
        .number({ message: 'must be a number of seconds' })
        .int('must be whole seconds')
        .min(1, 'must be at least 1')
        .max(60, 'must be at most 60')
        .default(5),
    },
    env,
  );
  return {
    codeTtlSeconds: vars.DEVICE_CODE_TTL_SECONDS,
    pollIntervalSeconds: vars.DEVICE_POLL_INTERVAL_SECONDS,
  };
}

/** The `device` namespace (DEVICE_CODE_TTL_SECONDS, DEVICE_POLL_INTERVAL_SECONDS). */
export const deviceConfig = registerAs('device', (): DeviceConfig => loadDeviceConfig(process.env));
