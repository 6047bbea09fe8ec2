import { randomInt } from 'node:crypto';

/** RFC 8628 §6.1: consonants only (no words, no 0/O or 1/I confusion), base 20. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const LENGTH = 8;

/** 8 characters of the alphabet (20^8 ≈ 2^34.6), stored without the dash. */
export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** `WDJBMJHT` → `WDJB-MJHT`, as people read and type it. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as stored: upper-cased, dashes and spaces dropped; undefined when anything
 * else remains or the length is wrong (rejected before any lookup).
 */
export function normalizeUserCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 32) return undefined;
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== LENGTH) return undefined;
  for (const char of code) if (!USER_CODE_ALPHABET.includes(char)) return undefined;
  return code;
}
