import { fetchLaunchpad } from '../fetch-launchpad';
import { ApiRefusal, NotLoggedIn } from '../failures';
import type { CliIo } from '../io';
import { type Credentials, CredentialStore, configDir } from './credentials';
import { OAuthFailure, refreshLogin } from './device-login';

/** Refresh this long before the access token expires. */
const AHEAD_MS = 60_000;

type Method = 'GET' | 'POST' | 'DELETE';

/**
 * Calls Launchpad's API as the person logged in: with `LAUNCHPAD_TOKEN` when it is set (an access
 * token for scripts, like gh's GH_TOKEN: used as is, never refreshed nor stored), else with the
 * stored login, refreshed first when it is about to expire and once more when the API answers
 * 401 — transparently, storing the rotated pair.
 *
 * Every failure is typed where it arises: `NotLoggedIn` (no login, or a 401 that a refresh does
 * not cure), `ApiRefusal` (any other 4xx/5xx, with the API's message), `Unreachable` (no answer).
 */
export class ApiSession {
  readonly store: CredentialStore;
  private readonly token: string | undefined;

  constructor(
    private readonly io: CliIo,
    readonly server: string,
  ) {
    this.store = new CredentialStore(configDir(io.env));
    this.token = io.env['LAUNCHPAD_TOKEN']?.trim() || undefined;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A JSON call: the parsed body of a 2xx answer (undefined when it has none). */
  async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.raw(method, path, body, headers);
    return (await res.json().catch(() => undefined)) as T;
  }

  /** A 2xx response itself (for streams), after the same refresh-and-retry. */
  async raw(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Response> {
    const call = (accessToken: string) =>
      fetchLaunchpad(this.io, this.server, path, {
        method,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let res: Response;
    if (this.token) {
      res = await call(this.token);
      if (res.status === 401) {
        throw new NotLoggedIn(
          `LAUNCHPAD_TOKEN is not accepted by ${this.server} (unknown, expired or revoked); ` +
            `set a fresh access token, or unset it to use the login of 'launchpad login'`,
        );
      }
    } else {
      let credentials = await this.credentials();
      res = await call(credentials.accessToken);
      if (res.status === 401) {
        credentials = await this.refresh(credentials);
        res = await call(credentials.accessToken);
      }
      if (res.status === 401) {
        throw new NotLoggedIn(
          `the login to ${this.server} is no longer accepted; run 'launchpad login'`,
        );
      }
    }
    if (!res.ok) throw await ApiRefusal.of(res, path);
    return res;
  }

  private async credentials(): Promise<Credentials> {
    const stored = await this.store.get(this.server);
    if (!stored) {
      throw new NotLoggedIn(
        `not logged in to ${this.server}; run 'launchpad login' (or set LAUNCHPAD_TOKEN)`,
      );
    }
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
        throw new NotLoggedIn(`the login to ${this.server} has expired; run 'launchpad login'`);
      }
      throw error;
    }
  }
}
