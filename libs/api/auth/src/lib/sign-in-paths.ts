import type { ProviderName } from '@launchpad/api-config';

/**
 * The path a provider sends the browser back to: one per provider, so that a response arriving
 * on the other provider's path is refused (mix-up defence, RFC 9700 §4.4.2.2).
 */
export const callbackPath = (provider: ProviderName) => `/api/auth/${provider}/callback`;

/** The browser-binding cookie of a sign-in in progress (RFC 9700 §2.1: state bound to the user agent). */
export const stateCookieName = (provider: ProviderName) => `launchpad_oauth_${provider}`;
