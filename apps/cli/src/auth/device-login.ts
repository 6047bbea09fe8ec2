import { fetchLaunchpad } from '../fetch-launchpad';
import type { CliIo } from '../io';
import type { Credentials } from './credentials';

export const CLIENT_ID = 'launchpad-cli';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** An OAuth error answer from Launchpad's token endpoint. */
export class OAuthFailure extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description || error);
  }
}

export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
}

interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
}

const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A form POST to the authorization server; its network failures throw `Unreachable`. */
async function form(
  io: CliIo,
  server: string,
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: number | null }> {
  const res = await fetchLaunchpad(io, server, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const retry = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    body,
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
  };
}

const toCredentials = (body: TokenBody, now: number): Credentials => ({
  accessToken: body.access_token,
  refreshToken: body.refresh_token,
  expiresAt: now + body.expires_in * 1000,
  scope: body.scope,
});

/** RFC 8628 §3.1: asks for a device code. */
export async function startDeviceLogin(
  io: CliIo,
  server: string,
  scope?: string,
): Promise<DeviceAuthorization> {
  const { status, body } = await form(io, server, '/oauth/device_authorization', {
    client_id: CLIENT_ID,
    ...(scope ? { scope } : {}),
  });
  if (status !== 200) {
    throw new OAuthFailure(
      String(body['error'] ?? status),
      String(body['error_description'] ?? ''),
    );
  }
  return body as unknown as DeviceAuthorization;
}

/**
 * RFC 8628 §3.4–3.5: polls until the person decides. Waits `interval` (5 s when absent) between
 * polls, adds 5 s at each `slow_down` (and honours Retry-After), doubles the wait after a
 * network failure, and stops at any other answer or when the code expires.
 */
export async function pollDeviceLogin(
  io: CliIo,
  server: string,
  started: DeviceAuthorization,
  options: { sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<Credentials> {
  const sleep = options.sleep ?? sleepFor;
  const now = options.now ?? Date.now;
  let interval = (started.interval ?? 5) * 1000;
  let wait = interval;
  const deadline = now() + started.expires_in * 1000;
  while (now() < deadline) {
    await sleep(wait);
    let answer;
    try {
      answer = await form(io, server, '/oauth/token', {
        grant_type: DEVICE_CODE_GRANT,
        device_code: started.device_code,
        client_id: CLIENT_ID,
      });
    } catch {
      wait = Math.min(wait * 2, 60_000);
      continue;
    }
    if (answer.status === 200) return toCredentials(answer.body as unknown as TokenBody, now());
    const error = String(answer.body['error'] ?? `http_${answer.status}`);
    if (error === 'authorization_pending') {
      wait = interval;
    } else if (error === 'slow_down') {
      interval += 5_000;
      wait = Math.max(interval, (answer.retryAfter ?? 0) * 1000);
    } else {
      throw new OAuthFailure(error, String(answer.body['error_description'] ?? ''));
    }
  }
  throw new OAuthFailure('expired_token', 'The code expired before it was approved.');
}

export async function refreshLogin(
  io: CliIo,
  server: string,
  refreshToken: string,
): Promise<Credentials> {
  const { status, body } = await form(io, server, '/oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: CLIENT_ID,
  });
  if (status !== 200) {
    throw new OAuthFailure(
      String(body['error'] ?? status),
      String(body['error_description'] ?? ''),
    );
  }
  return toCredentials(body as unknown as TokenBody, Date.now());
}

export async function revokeLogin(io: CliIo, server: string, token: string): Promise<void> {
  await form(io, server, '/oauth/revoke', { token, client_id: CLIENT_ID });
}
