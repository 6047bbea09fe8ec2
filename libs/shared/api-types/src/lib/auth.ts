/** The cloud providers people sign in with and deploy to. */
export type ProviderName = 'linode' | 'digitalocean';

export const PROVIDER_NAMES: readonly ProviderName[] = ['linode', 'digitalocean'];

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  linode: 'Linode',
  digitalocean: 'DigitalOcean',
};

export function isProviderName(value: unknown): value is ProviderName {
  return value === 'linode' || value === 'digitalocean';
}

/** A provider account linked to the signed-in Launchpad user, as `GET /api/accounts` shows it. */
export interface LinkedAccountView {
  id: string;
  provider: ProviderName;
  username: string | null;
  email: string | null;
  /** Granted scopes, as the provider named them; none while the account needs re-linking. */
  scopes: string[];
  /** When the current access token expires (ISO 8601); null when Launchpad holds no token. */
  accessTokenExpiresAt: string | null;
  /** `needs_relink`: sign in with this provider again (a refresh failed, or after logout). */
  status: 'active' | 'needs_relink';
  /** Why it needs re-linking, in words. */
  statusReason: string | null;
}

/** `GET /api/session`: who is signed in, and the token to send as `X-CSRF-Token` on writes. */
export interface SessionView {
  user: { id: string; displayName: string; email: string | null; admin: boolean };
  csrfToken: string;
  accounts: LinkedAccountView[];
}

/** The header that carries SessionView.csrfToken on every state-changing `/api` request. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** What happened to the provider tokens at logout or disconnect. */
export interface RevocationReport {
  provider: ProviderName;
  /** `pending`: the provider could not be reached; Launchpad keeps retrying in the background. */
  status: 'revoked' | 'pending';
  message: string;
}

export interface LogoutResult {
  revocations: RevocationReport[];
}

/**
 * Why a sign-in did not finish; the callback sends the SPA to
 * `/sign-in/failed?provider=…&reason=…`.
 */
export type SignInFailureReason =
  | 'denied'
  | 'invalid_state'
  | 'exchange_failed'
  | 'provider_error'
  | 'profile_failed'
  | 'account_conflict';

export const SIGN_IN_FAILURE_MESSAGES: Record<SignInFailureReason, string> = {
  denied: 'You declined the request, so Launchpad was not given access. Nothing was stored.',
  invalid_state:
    'This sign-in link was already used, has expired, or did not start in this browser. Nothing was stored; start again.',
  exchange_failed:
    'The provider refused to complete the sign-in (the code was invalid or already used). Nothing was stored; start again.',
  provider_error: 'The provider reported an error and could not complete the sign-in.',
  profile_failed: 'Launchpad could not read your profile from the provider. Please try again.',
  account_conflict:
    'That provider account is already linked to another Launchpad user. Sign in with it to use it there, or disconnect it from that user first.',
};

export function isSignInFailureReason(value: unknown): value is SignInFailureReason {
  return typeof value === 'string' && Object.hasOwn(SIGN_IN_FAILURE_MESSAGES, value);
}

/** An OAuth client of Launchpad's authorization server, as admins see it (never its secret). */
export interface OAuthClientView {
  clientId: string;
  name: string;
  type: 'public' | 'confidential';
  grantTypes: string[];
  allowedScopes: string[];
  defaultScopes: string[];
  redirectUris: string[];
  createdAt: string;
}

/** `POST /api/admin/clients`. */
export interface OAuthClientRegistration {
  name: string;
  type: 'public' | 'confidential';
  allowedScopes: string[];
  defaultScopes?: string[];
  redirectUris?: string[];
}

/** The answer to a registration: the secret of a confidential client, shown this once. */
export interface OAuthClientRegistered {
  client: OAuthClientView;
  clientSecret: string | null;
}
