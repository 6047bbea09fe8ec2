import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { findClient } from '../seed/demo-accounts';
import type { OAuthClient, Provider } from '../state/sandbox-state';

export interface ClientCredentials {
  clientId: string | null;
  clientSecret: string | null;
}

/** client_id/client_secret from the parameters, or HTTP Basic (RFC 6749 §2.3.1). */
export function clientCredentials(
  req: IncomingMessage,
  params: URLSearchParams,
): ClientCredentials {
  const header = req.headers.authorization ?? '';
  if (header.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
  }
  return { clientId: params.get('client_id'), clientSecret: params.get('client_secret') };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The registered client when the credentials are right, undefined otherwise. */
export function authenticateClient(
  provider: Provider,
  credentials: ClientCredentials,
): OAuthClient | undefined {
  const client = findClient(provider, credentials.clientId);
  if (!client || credentials.clientSecret === null) return undefined;
  return sameSecret(client.clientSecret, credentials.clientSecret) ? client : undefined;
}

/** Registered redirect URIs are prefixes (Linode's documented rule; see the sandbox README). */
export function redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(redirectUri);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  // A prefix, and the same host: `http://localhost` must not admit `http://localhost.evil.example`.
  return client.redirectUris.some(
    (prefix) => redirectUri.startsWith(prefix) && new URL(prefix).hostname === parsed.hostname,
  );
}
