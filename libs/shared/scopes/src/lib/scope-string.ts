/**
 * RFC 6749 §3.3: a scope string is a list of space-delimited, case-sensitive tokens, each
 * `1*( %x21 / %x23-5B / %x5D-7E )`. Providers are looser (Linode also accepts commas and `+`),
 * so parsers of provider strings build on `splitScopeTokens` with their own separators.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isScopeToken(token: string): boolean {
  return SCOPE_TOKEN.test(token);
}

/** Splits on any of the given separators, dropping empty tokens and duplicates, keeping order. */
export function splitScopeTokens(value: string, separators = / +/): string[] {
  const seen = new Set<string>();
  for (const token of value.split(separators)) {
    if (token !== '') seen.add(token);
  }
  return [...seen];
}

/** Serializes tokens the RFC 6749 way: sorted for stable comparison, space-delimited. */
export function joinScopeTokens(tokens: Iterable<string>): string {
  return [...new Set(tokens)].sort().join(' ');
}
