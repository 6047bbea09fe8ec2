import type { Exchange } from '../http/exchange';
import { readForm } from '../http/form';
import { demoUsersOf, findClient, findUser } from '../seed/demo-accounts';
import type { OAuthClient, Provider } from '../state/sandbox-state';
import { redirectAllowed } from './client-auth';
import { renderConsentPage, renderErrorPage } from './consent-page';
import type { TokenService } from './tokens';

export interface AuthorizeRules {
  provider: Provider;
  providerName: string;
  /** The path the consent form posts back to, below the sandbox origin. */
  action: string;
  /** Parses the requested scopes; `invalid` is shown as an error page instead of consent. */
  parseScopes(params: URLSearchParams): { scopes: string[]; invalid?: string[] };
  /** error_description sent with `access_denied` (DigitalOcean sends one, Linode does not). */
  deniedDescription?: string;
}

function html(exchange: Exchange, status: number, body: string): void {
  exchange.res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // A consent page must never be framed (clickjacking).
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "frame-ancestors 'none'",
  });
  exchange.res.end(body);
}

function redirect(exchange: Exchange, target: URL): void {
  exchange.res.writeHead(302, { Location: target.toString(), 'Cache-Control': 'no-store' });
  exchange.res.end();
}

interface ValidRequest {
  client: OAuthClient;
  redirectUri: string;
}

/** Errors about the client or the redirect URI are shown, never redirected (RFC 6749 §4.1.2.1). */
function validate(
  exchange: Exchange,
  rules: AuthorizeRules,
  params: URLSearchParams,
): ValidRequest | undefined {
  const client = findClient(rules.provider, params.get('client_id'));
  if (!client) {
    html(
      exchange,
      401,
      renderErrorPage(
        rules.providerName,
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      ),
    );
    return undefined;
  }
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri || !redirectAllowed(client, redirectUri)) {
    html(
      exchange,
      400,
      renderErrorPage(rules.providerName, 'The redirect uri included is not valid.'),
    );
    return undefined;
  }
  return { client, redirectUri };
}

/** GET …/authorize: validate, then show the login + consent page. */
export function showConsent(exchange: Exchange, rules: AuthorizeRules): void {
  const params = exchange.url.searchParams;
  const valid = validate(exchange, rules, params);
  if (!valid) return;
  const back = new URL(valid.redirectUri);
  const state = params.get('state');
  const fail = (error: string, description: string) => {
    back.searchParams.set('error', error);
    back.searchParams.set('error_description', description);
    if (state !== null) back.searchParams.set('state', state);
    redirect(exchange, back);
  };
  if (params.get('response_type') !== 'code') {
    return fail(
      'unsupported_response_type',
      'The authorization server does not support this response type.',
    );
  }
  const method = params.get('code_challenge_method');
  if (params.get('code_challenge') && method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256.');
  }
  const { scopes, invalid } = rules.parseScopes(params);
  if ((invalid && invalid.length > 0) || scopes.length === 0) {
    return html(
      exchange,
      400,
      renderErrorPage(rules.providerName, 'The requested scope is invalid, unknown, or malformed.'),
    );
  }
  html(
    exchange,
    200,
    renderConsentPage({
      providerName: rules.providerName,
      clientLabel: valid.client.label,
      action: rules.action,
      users: demoUsersOf(rules.provider),
      scopes,
      hidden: {
        client_id: valid.client.clientId,
        redirect_uri: valid.redirectUri,
        ...(state !== null ? { state } : {}),
        ...(params.get('code_challenge')
          ? { code_challenge: params.get('code_challenge') ?? '' }
          : {}),
      },
    }),
  );
}

/** POST …/authorize: the person's decision; redirect back with a code or `access_denied`. */
export async function decide(
  exchange: Exchange,
  rules: AuthorizeRules,
  tokens: TokenService,
): Promise<void> {
  const form = await readForm(exchange);
  const valid = validate(exchange, rules, form);
  if (!valid) return;
  const back = new URL(valid.redirectUri);
  const state = form.get('state');
  if (form.get('decision') !== 'approve') {
    back.searchParams.set('error', 'access_denied');
    if (rules.deniedDescription)
      back.searchParams.set('error_description', rules.deniedDescription);
  } else {
    const user = findUser(form.get('user') ?? '');
    if (!user || user.provider !== rules.provider) {
      return html(
        exchange,
        400,
        renderErrorPage(rules.providerName, 'Pick one of the demo users.'),
      );
    }
    const code = tokens.issueCode({
      provider: rules.provider,
      clientId: valid.client.clientId,
      userId: user.id,
      // What the person left ticked; may be less than was asked.
      scopes: form.getAll('scope'),
      redirectUri: valid.redirectUri,
      codeChallenge: form.get('code_challenge'),
    });
    back.searchParams.set('code', code);
  }
  if (state !== null) back.searchParams.set('state', state);
  redirect(exchange, back);
}
