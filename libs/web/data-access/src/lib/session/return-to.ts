/** Where the signed-in guard keeps the page that asked for sign-in (this tab only). */
const RETURN_TO_KEY = 'launchpad.returnTo';

/** Remembers the page to come back to after signing in. */
export function keepReturnTo(url: string): void {
  sessionStorage.setItem(RETURN_TO_KEY, url);
}

/** Where to go after signing in, once; only paths of this app, so never an open redirect. */
export function takeReturnTo(): string | undefined {
  const value = sessionStorage.getItem(RETURN_TO_KEY);
  sessionStorage.removeItem(RETURN_TO_KEY);
  return value && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}
