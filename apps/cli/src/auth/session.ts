import type { CliIo } from '../io';
import { type Credentials, CredentialStore, configDir } from './credentials';
import { OAuthFailure, refreshLogin } from './device-login';

/** Not logged in (or the login is no longer accepted): `launchpad login` is the remedy. */
export class NotLoggedIn extends Error {
  constructor(server: string, why = 'not logged in') {
    super(`${why} to ${server}; run 'launchpad login'`);
  }
}

/** Refresh this long before the access token expires. */
const AHEAD_MS = 60_000;

/**
 * Calls Launchpad's API with the stored token, refreshing it first when it is about to expire
 * and once more when the API answers 401 — transparently, storing the rotated pair.
 */
export class ApiSession {
  readonly store: CredentialStore;

  constructor(
    private readonly io: CliIo,
    readonly server: string,
  ) {
    this.store = new CredentialStore(configDir(io.env));
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A JSON call; a 401 gets one refresh and one retry. */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.raw(method, path, body, headers);
    const answer = (await res.json().catch(() => undefined)) as
      | (T & { message?: string })
      | undefined;
    if (res.status === 401) throw new NotLoggedIn(this.server, 'the login is no longer accepted');
    if (!res.ok) throw new Error(answer?.message ?? `${path}: HTTP ${res.status}`);
    return answer as T;
  }

  /** The response itself (for streams), after the same refresh-and-retry. */
  async raw(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Response> {
    const call = (credentials: Credentials) =>
      this.io.fetch(`${this.server}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${credentials.accessToken}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let credentials = await this.credentials();
    let res = await call(credentials);
    if (res.status === 401) {
      credentials = await this.refresh(credentials);
      res = await call(credentials);
    }
    return res;
  }

  private async credentials(): Promise<Credentials> {
    const stored = await this.store.get(this.server);
    if (!stored) throw new NotLoggedIn(this.server);
    return stored.expiresAt - Date.now() < AHEAD_MS ? this.refresh(stored) : stored;
  }

  private async refresh(stored: Credentials): Promise<Credentials> {
    try {
      const fresh = await refreshLogin(this.io, this.server, stored.refreshToken);
      await this.store.set(this.server, fresh);
      return fresh;
    } catch (error) {
      if (error instanceof OAuthFailure) {
        await this.store.set(this.server, undefined);
        throw new NotLoggedIn(this.server, 'the login has expired');
      }
      throw error;
    }
  }
}
