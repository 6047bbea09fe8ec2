const COMMON = ['password', 'linode', 'akamai', 'qwerty', 'letmein', 'welcome', 'admin', 'root'];
const CLASSES: [RegExp, number][] = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[^A-Za-z0-9]/, 33],
];
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl'];

/**
 * Linode rejects weak root passwords with "Password does not meet strength requirement."
 * (reference linode.md §2.7: `abc123` and `Akamai123` fail, a random 16-character string
 * passes). The sandbox estimates entropy from length and character classes, minus common words
 * and keyboard or alphabet runs, and asks for 60 bits.
 */
export function isStrongPassword(password: string): boolean {
  if (password.length < 7 || password.length > 128) return false;
  const lower = password.toLowerCase();
  let effectiveLength = password.length;
  for (const word of COMMON) if (lower.includes(word)) effectiveLength -= word.length - 1;
  for (const run of SEQUENCES) {
    for (let i = 0; i + 3 <= run.length; i++)
      if (lower.includes(run.slice(i, i + 3))) effectiveLength -= 2;
  }
  const present = CLASSES.filter(([pattern]) => pattern.test(password));
  const alphabet = present.reduce((sum, [, size]) => sum + size, 0);
  return present.length >= 2 && Math.max(0, effectiveLength) * Math.log2(alphabet) >= 60;
}
