import { type Exchange, sendJson } from '../http/exchange';
import { mergeParams, readForm } from '../http/form';
import { findUser } from '../seed/demo-accounts';
import type { AccessGrant, DemoUser, Provider } from '../state/sandbox-state';
import { authenticateClient, clientCredentials } from './client-auth';
import { verifierMatches } from './pkce';
import type { TokenService } from './tokens';

export interface TokenEndpointRules {
  provider: Provider;
  /** DigitalOcean reads parameters from the query string too (its docs' curl example). */
  acceptQueryParams: boolean;
  /** DigitalOcean documents refresh without client credentials; Linode's private clients send them. */
  refreshNeedsClient: boolean;
  /** DigitalOcean binds the code to redirect_uri and requires it at the exchange. */
  redirectUriRequired: boolean;
  body(grant: AccessGrant, user: DemoUser | undefined, expiresIn: number): Record<string, unknown>;
}

const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_CLIENT =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

/** RFC 6749 §5.2 errors; responses carrying tokens or errors are never cached (§5.1). */
function oauthError(exchange: Exchange, status: number, error: string, description: string): void {
  sendJson(
    exchange.res,
    status,
    { error, error_description: description },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

export async function tokenEndpoint(
  exchange: Exchange,
  rules: TokenEndpointRules,
  tokens: TokenService,
): Promise<void> {
  const body = await readForm(exchange);
  const params = rules.acceptQueryParams ? mergeParams(exchange.url.searchParams, body) : body;
  const credentials = clientCredentials(exchange.req, params);
  // Linode: "grant_type may also be omitted, as this value is the default" (linode.md §1.4).
  const grantType =
    params.get('grant_type') ?? (rules.provider === 'linode' ? 'authorization_code' : null);

  const fail = (status: number, error: string, description: string) => {
    tokens.countRequest(rules.provider, grantType ?? '-', error);
    oauthError(exchange, status, error, description);
  };
  let grant: AccessGrant | undefined;
  if (grantType === 'authorization_code') {
    const client = authenticateClient(rules.provider, credentials);
    if (!client) return fail(401, 'invalid_client', INVALID_CLIENT);
    const codeValue = params.get('code');
    if (!codeValue) return fail(400, 'invalid_request', 'Missing required parameter: code.');
    const code = tokens.consumeCode(codeValue);
    const redirectUri = params.get('redirect_uri');
    const redirectOk =
      redirectUri === null ? !rules.redirectUriRequired : redirectUri === code?.redirectUri;
    const pkceOk =
      !code?.codeChallenge || verifierMatches(params.get('code_verifier'), code.codeChallenge);
    if (!code || code.clientId !== client.clientId || !redirectOk || !pkceOk) {
      return fail(400, 'invalid_grant', INVALID_GRANT);
    }
    grant = tokens.issue(
      {
        provider: rules.provider,
        clientId: client.clientId,
        userId: code.userId,
        scopes: code.scopes,
      },
      true,
      'authorization_code',
    );
  } else if (grantType === 'refresh_token') {
    const hasCredentials = credentials.clientId !== null || credentials.clientSecret !== null;
    const client = hasCredentials ? authenticateClient(rules.provider, credentials) : undefined;
    if ((rules.refreshNeedsClient || hasCredentials) && !client) {
      return fail(401, 'invalid_client', INVALID_CLIENT);
    }
    const refreshToken = params.get('refresh_token');
    if (!refreshToken)
      return fail(400, 'invalid_request', 'Missing required parameter: refresh_token.');
    const result = tokens.refresh(rules.provider, refreshToken, client?.clientId ?? null);
    if (typeof result === 'string') return fail(400, 'invalid_grant', INVALID_GRANT);
    grant = result;
  } else {
    return fail(
      400,
      grantType ? 'unsupported_grant_type' : 'invalid_request',
      grantType
        ? 'The authorization grant type is not supported by the authorization server.'
        : 'Missing required parameter: grant_type.',
    );
  }
  tokens.countRequest(rules.provider, grantType, 'ok');
  sendJson(
    exchange.res,
    200,
    rules.body(grant, findUser(grant.userId), tokens.expiresInSeconds(grant)),
    {
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    },
  );
}

/** Revocation: the token from the body (or query), killing its whole grant; always `200 {}`. */
export async function revokeEndpoint(
  exchange: Exchange,
  tokens: TokenService,
  acceptQueryParams: boolean,
): Promise<void> {
  const body = await readForm(exchange);
  const params = acceptQueryParams ? mergeParams(exchange.url.searchParams, body) : body;
  const token = params.get('token');
  if (!token)
    return oauthError(exchange, 400, 'invalid_request', 'Missing required parameter: token.');
  // RFC 7009 §2.2: an unknown or already revoked token is not an error.
  tokens.revoke(token);
  sendJson(exchange.res, 200, {}, { 'Cache-Control': 'no-store' });
}
