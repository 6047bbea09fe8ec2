import { createHash } from 'node:crypto';

/** RFC 7636 §4.6 with S256, the only method the sandbox accepts (plain is discouraged by RFC 9700). */
export function verifierMatches(verifier: string | null, challenge: string): boolean {
  if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
