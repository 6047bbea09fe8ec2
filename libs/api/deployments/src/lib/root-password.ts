import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.+=~^';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/**
 * A root password well past Linode's strength check (zxcvbn score 4, linode.md §2.7): 24
 * characters from a 64-symbol alphabet (about 144 bits), every class present, no look-alikes,
 * and only characters that need no quoting in a shell or in YAML.
 */
export function generateRootPassword(length = 24): string {
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
