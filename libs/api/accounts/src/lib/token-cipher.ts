import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EncryptionKey, secretsConfig } from '@launchpad/api-config';

const VERSION = 'v1';
const IV_BYTES = 12;

/** The keys a TokenCipher seals with (the current one) and opens with (it and the previous). */
export interface TokenCipherKeys {
  tokenEncryptionKey: EncryptionKey;
  previousEncryptionKeys?: readonly EncryptionKey[];
}

export class TokenDecryptionError extends Error {
  override readonly name = 'TokenDecryptionError';
}

/**
 * Provider tokens at rest: AES-256-GCM with a fresh 96-bit IV per value, the key id stored beside
 * the ciphertext so that keys can rotate (new values use the current key, old ones still open with
 * a previous key), and the row's identity as associated data, so a ciphertext copied into another
 * row or column does not decrypt.
 *
 * Format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
@Injectable()
export class TokenCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  /** The `secrets` namespace's TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_PREVIOUS_KEYS. */
  constructor(@Inject(secretsConfig.KEY) secrets: TokenCipherKeys) {
    this.current = secrets.tokenEncryptionKey;
    this.keys = new Map(
      [...(secrets.previousEncryptionKeys ?? []), this.current].map((k) => [k.id, k.key]),
    );
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.current.id,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
    if (
      version !== VERSION ||
      !keyId ||
      !iv ||
      ciphertext === undefined ||
      !tag ||
      rest.length > 0
    ) {
      throw new TokenDecryptionError('not a sealed token');
    }
    const key = this.keys.get(keyId);
    if (!key)
      throw new TokenDecryptionError(
        `sealed with an unknown key (${keyId}); is TOKEN_ENCRYPTION_PREVIOUS_KEYS missing it?`,
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new TokenDecryptionError('the sealed token was altered or belongs elsewhere');
    }
  }

  /** Whether a value should be re-encrypted under the current key (rotation). */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}
