import { registerAs } from '@nestjs/config';
import { loadAppConfig } from './app.config';
import { loadDatabaseConfig } from './database.config';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { type Env, parseEnv } from './env';

export interface EncryptionKey {
  /** Stored beside every ciphertext, so that keys can rotate (issue: token vault). */
  id: string;
  key: Buffer;
}

export interface SecretsConfig {
  sessionSecret: string;
  tokenEncryptionKey: EncryptionKey;
  /** Earlier keys, still able to open tokens sealed before a rotation (never used to seal). */
  previousEncryptionKeys: EncryptionKey[];
  /** Where the secrets came from, for the boot log line (never the values). */
  source: 'environment' | 'data-dir';
}

const SECRETS_FILE = 'secrets.json';

const sessionSecret = z.string().min(32, 'must be at least 32 characters');

/** 32 bytes, as 64 hex characters or as base64/base64url (43 or 44 characters). */
const encryptionKey = z.string().transform((value, ctx) => {
  const key = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64')
      : undefined;
  if (key?.length !== 32) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a 256-bit key: 64 hex characters or 44 base64 characters (e.g. `openssl rand -base64 32`)',
    });
    return z.NEVER;
  }
  return key;
});

export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * In production both secrets come from the environment. In the embedded default they are
 * generated on first start and kept in DATA_DIR/secrets.json (mode 0600), so that sessions and
 * encrypted tokens survive restarts without any setup. A variable that is set always wins.
 */
export async function loadSecretsConfig(
  env: Env,
  dataDir: string,
  production: boolean,
): Promise<SecretsConfig> {
  const vars = parseEnv(
    {
      SESSION_SECRET: sessionSecret.optional(),
      TOKEN_ENCRYPTION_KEY: encryptionKey.optional(),
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
        .string()
        .transform((value, ctx) =>
          value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
            .map((part) => {
              const parsed = encryptionKey.safeParse(part);
              if (!parsed.success) {
                ctx.addIssue({
                  code: 'custom',
                  message:
                    'must be a comma-separated list of 256-bit keys (64 hex or 44 base64 characters each)',
                });
                return Buffer.alloc(0);
              }
              return parsed.data;
            }),
        )
        .optional(),
    },
    env,
  );
  const previous = (vars.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? []).map((key) => ({
    id: encryptionKeyId(key),
    key,
  }));
  if (vars.SESSION_SECRET && vars.TOKEN_ENCRYPTION_KEY) {
    return secrets(vars.SESSION_SECRET, vars.TOKEN_ENCRYPTION_KEY, previous, 'environment');
  }
  if (production) {
    const missing = vars.SESSION_SECRET ? 'TOKEN_ENCRYPTION_KEY' : 'SESSION_SECRET';
    throw new ConfigError(
      `${missing}: required when NODE_ENV=production (generate one with \`openssl rand -base64 32\`)`,
    );
  }
  const stored = await readOrCreateStoredSecrets(dataDir);
  return secrets(
    vars.SESSION_SECRET ?? stored.sessionSecret,
    vars.TOKEN_ENCRYPTION_KEY ?? stored.tokenEncryptionKey,
    previous,
    'data-dir',
  );
}

function secrets(
  session: string,
  key: Buffer,
  previousEncryptionKeys: EncryptionKey[],
  source: SecretsConfig['source'],
): SecretsConfig {
  return {
    sessionSecret: session,
    tokenEncryptionKey: { id: encryptionKeyId(key), key },
    previousEncryptionKeys,
    source,
  };
}

interface StoredSecrets {
  sessionSecret: string;
  tokenEncryptionKey: Buffer;
}

const storedSecretsFile = z.object({
  sessionSecret,
  tokenEncryptionKey: encryptionKey,
});

async function readOrCreateStoredSecrets(dataDir: string): Promise<StoredSecrets> {
  const file = join(dataDir, SECRETS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`DATA_DIR: cannot read ${file} (${(error as Error).message})`);
    }
  }
  if (text !== undefined) {
    // Tighten a file that was copied around with a looser mode.
    await chmod(file, 0o600);
    return parseStoredSecrets(text, file);
  }
  const created = {
    sessionSecret: randomBytes(48).toString('base64url'),
    tokenEncryptionKey: randomBytes(32).toString('base64'),
  };
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // 'wx': if another process created the file meanwhile, fail and read theirs instead.
    await writeFile(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return parseStoredSecrets(await readFile(file, 'utf8'), file);
    }
    throw new ConfigError(`DATA_DIR: cannot write ${file} (${(error as Error).message})`);
  }
  return parseStoredSecrets(JSON.stringify(created), file);
}

function parseStoredSecrets(text: string, file: string): StoredSecrets {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`DATA_DIR: ${file} is not valid JSON; restore it from a backup`);
  }
  const result = storedSecretsFile.safeParse(json);
  if (!result.success) {
    const field = String(result.error.issues[0]?.path[0] ?? 'content');
    throw new ConfigError(`DATA_DIR: ${file} has an invalid ${field}; restore it from a backup`);
  }
  return result.data;
}

/** The `secrets` namespace: the session secret and the token vault's keys (read or generated). */
export const secretsConfig = registerAs(
  'secrets',
  (): Promise<SecretsConfig> =>
    loadSecretsConfig(
      process.env,
      loadDatabaseConfig(process.env).dataDir,
      loadAppConfig(process.env).production,
    ),
);
