import { randomBytes } from 'node:crypto';
import { encryptionKeyId } from '@launchpad/api-config';
import { TokenCipher, TokenDecryptionError } from './token-cipher';

const key = () => {
  const bytes = randomBytes(32);
  return { id: encryptionKeyId(bytes), key: bytes };
};

describe('TokenCipher', () => {
  const current = key();
  const cipher = new TokenCipher({ tokenEncryptionKey: current });
  const token = 'doo_v1_' + 'ab'.repeat(32);

  it('round-trips, never showing the token, with a fresh IV each time', () => {
    const sealed = cipher.encrypt(token, 'account:1:access');
    expect(sealed).toMatch(new RegExp(`^v1\\.${current.id}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(sealed).not.toContain('ab'.repeat(8));
    expect(cipher.decrypt(sealed, 'account:1:access')).toBe(token);
    expect(cipher.encrypt(token, 'account:1:access')).not.toBe(sealed);
  });

  it('refuses a ciphertext moved to another row or column (associated data)', () => {
    const sealed = cipher.encrypt(token, 'account:1:access');
    expect(() => cipher.decrypt(sealed, 'account:2:access')).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(sealed, 'account:1:refresh')).toThrow(TokenDecryptionError);
  });

  it('refuses a tampered ciphertext or tag', () => {
    const parts = cipher.encrypt(token, 'c').split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flip(p) : p)).join('.');
      expect(() => cipher.decrypt(tampered, 'c')).toThrow(TokenDecryptionError);
    }
    expect(() => cipher.decrypt('plain-token', 'c')).toThrow(TokenDecryptionError);
  });

  it('rotates: values sealed with a previous key still open and are reported stale', () => {
    const old = key();
    const sealedWithOld = new TokenCipher({ tokenEncryptionKey: old }).encrypt(token, 'c');
    const rotated = new TokenCipher({ tokenEncryptionKey: current, previousEncryptionKeys: [old] });
    expect(rotated.decrypt(sealedWithOld, 'c')).toBe(token);
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.encrypt(token, 'c'))).toBe(false);
    expect(() => cipher.decrypt(sealedWithOld, 'c')).toThrow(/unknown key/);
  });
});
