import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  LAUNCHPAD_VERSION,
  type ProviderName,
  type ProvidersConfig,
  providersConfig,
} from '@launchpad/api-config';

/** What Launchpad keeps of a token response (both providers' shapes, normalized). */
export interface ProviderTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Absolute, from `expires_in` at receipt. */
  expiresAt: Date;
  /** Granted scopes, space-separated: Linode's `scopes ?? scope`, DigitalOcean's `scope`. */
  scopes: string;
}

/** A refused token request: `error` is the RFC 6749 code when the provider sent one. */
export class ProviderTokenError extends Error {
  override readonly name = 'ProviderTokenError';

  constructor(
    readonly provider: ProviderName,
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(`${provider} token request failed: ${error}${description ? ` (${description})` : ''}`);
  }

  /** invalid_grant: the refresh token is spent or revoked; the person must sign in again. */
  get needsRelink(): boolean {
    return this.error === 'invalid_grant';
  }
}

export const USER_AGENT = `Launchpad/${LAUNCHPAD_VERSION} (+https://github.com/launchpad)`;

const TOKEN_PATH: Record<ProviderName, string> = { linode: '/oauth/token', digitalocean: '/token' };
const REVOKE_PATH: Record<ProviderName, string> = {
  linode: '/oauth/revoke',
  digitalocean: '/revoke',
};

/**
 * Refresh and revocation at the providers' OAuth servers (the code exchange itself is done by
 * the sign-in strategies). Client credentials go in the form body, as both providers' own
 * clients send them (reference linode.md §1.5, digitalocean.md §1.5).
 */
@Injectable()
export class ProviderTokenClient {
  constructor(
    @Inject(providersConfig.KEY) private readonly endpoints: ProvidersConfig,
    @Optional() private readonly fetchImpl: typeof fetch = fetch,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** Single-use refresh tokens rotate: the caller must store both new tokens atomically. */
  async refresh(provider: ProviderName, refreshToken: string): Promise<ProviderTokens> {
    const { clientId, clientSecret, oauthUrl } = this.endpoints[provider];
    const body = await this.post(provider, `${oauthUrl}${TOKEN_PATH[provider]}`, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
    });
    return this.toTokens(provider, body);
  }

  /** Kills the grant at the provider (access and refresh token alike); throws when refused. */
  async revoke(provider: ProviderName, token: string): Promise<void> {
    const { clientId, clientSecret, oauthUrl } = this.endpoints[provider];
    await this.post(
      provider,
      `${oauthUrl}${REVOKE_PATH[provider]}`,
      { token, token_type_hint: 'access_token', client_id: clientId, client_secret: clientSecret },
      // DigitalOcean's own clients also send the token as a bearer (digitalocean.md §1.6).
      provider === 'digitalocean' ? { Authorization: `Bearer ${token}` } : {},
    );
  }

  toTokens(provider: ProviderName, body: Record<string, unknown>): ProviderTokens {
    const accessToken = body['access_token'];
    const expiresIn = Number(body['expires_in']);
    if (typeof accessToken !== 'string' || !Number.isFinite(expiresIn)) {
      throw new ProviderTokenError(
        provider,
        200,
        'invalid_response',
        'the token response has no access_token or expires_in',
      );
    }
    const scopes = body['scopes'] ?? body['scope'];
    return {
      accessToken,
      refreshToken: typeof body['refresh_token'] === 'string' ? body['refresh_token'] : null,
      expiresAt: new Date(this.now().getTime() + expiresIn * 1000),
      // Linode lists scopes with spaces in responses, commas in requests: normalize to spaces.
      scopes: typeof scopes === 'string' ? scopes.split(/[ ,]+/).filter(Boolean).join(' ') : '',
    };
  }

  private async post(
    provider: ProviderName,
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
          ...headers,
        },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new ProviderTokenError(provider, 0, 'unreachable', (error as Error).message);
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (res.ok)
        throw new ProviderTokenError(
          provider,
          res.status,
          'invalid_response',
          'the answer is not JSON',
        );
    }
    if (!res.ok) {
      const error = typeof body['error'] === 'string' ? body['error'] : `http_${res.status}`;
      const description =
        typeof body['error_description'] === 'string' ? body['error_description'] : '';
      throw new ProviderTokenError(provider, res.status, error, description);
    }
    return body;
  }
}
