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

  async get<T>(path: string): Promise<T> {
    let credentials = await this.credentials();
    let res = await this.call(path, credentials);
    if (res.status === 401) {
      credentials = await this.refresh(credentials);
      res = await this.call(path, credentials);
    }
    const body = (await res.json().catch(() => undefined)) as
      | (T & { message?: string })
      | undefined;
    if (res.status === 401) throw new NotLoggedIn(this.server, 'the login is no longer accepted');
    if (!res.ok) throw new Error(body?.message ?? `${path}: HTTP ${res.status}`);
    return body as T;
  }

  private call(path: string, credentials: Credentials): Promise<Response> {
    return this.io.fetch(`${this.server}${path}`, {
      headers: { Authorization: `Bearer ${credentials.accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
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
