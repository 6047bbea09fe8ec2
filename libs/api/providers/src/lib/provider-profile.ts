import type { ProviderEndpoints, ProviderName } from '@launchpad/api-config';
import { USER_AGENT } from './provider-token-client';

/** Who signed in, as the provider's profile (Linode) or account (DigitalOcean) endpoint says. */
export interface ProviderProfile {
  provider: ProviderName;
  /** Linode profile uid / DigitalOcean account uuid: what identifies the person at the provider. */
  id: string;
  username: string | null;
  email: string | null;
}

/** The provider did not tell us who signed in. */
export class ProviderProfileError extends Error {
  override readonly name = 'ProviderProfileError';
}

const PROFILE_PATH: Record<ProviderName, string> = {
  linode: '/v4/profile',
  digitalocean: '/v2/account',
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Who the token belongs to: Linode `GET /v4/profile` (uid, username, email), DigitalOcean
 * `GET /v2/account` (uuid, name, email). Read after the scope check, so a short grant is refused
 * for its scopes rather than for a profile call it could not make.
 */
export async function fetchProviderProfile(
  provider: ProviderName,
  endpoints: ProviderEndpoints,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ProviderProfile> {
  let res: Response;
  try {
    res = await fetchImpl(`${endpoints.apiUrl}${PROFILE_PATH[provider]}`, {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
      },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ProviderProfileError(`${provider} is unreachable: ${(error as Error).message}`);
  }
  if (!res.ok) throw new ProviderProfileError(`${provider} answered ${res.status} to the profile`);
  let body: Record<string, unknown>;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    throw new ProviderProfileError(`${provider} sent a profile that is not JSON`);
  }
  if (provider === 'linode') {
    const uid = body['uid'];
    if (typeof uid !== 'number' && typeof uid !== 'string') {
      throw new ProviderProfileError('the Linode profile has no uid');
    }
    return {
      provider,
      id: String(uid),
      username: text(body['username']),
      email: text(body['email']),
    };
  }
  const account = (body['account'] ?? {}) as Record<string, unknown>;
  const uuid = text(account['uuid']);
  if (!uuid) throw new ProviderProfileError('the DigitalOcean account has no uuid');
  return { provider, id: uuid, username: text(account['name']), email: text(account['email']) };
}
