import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the CLI keeps of a login, per Launchpad server. */
export interface Credentials {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope: string;
}

/** `$XDG_CONFIG_HOME/launchpad`, else `~/.config/launchpad` (LAUNCHPAD_CONFIG_DIR overrides). */
export function configDir(env: Record<string, string | undefined>): string {
  if (env['LAUNCHPAD_CONFIG_DIR']) return env['LAUNCHPAD_CONFIG_DIR'];
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'launchpad');
}

/**
 * Tokens on disk, readable by their owner only (0600 in a 0700 directory), written atomically
 * so a crash mid-write never leaves half a file.
 */
export class CredentialStore {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'credentials.json');
  }

  private async all(): Promise<Record<string, Credentials>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, Credentials>;
    } catch {
      return {};
    }
  }

  async get(server: string): Promise<Credentials | undefined> {
    return (await this.all())[server];
  }

  async set(server: string, credentials: Credentials | undefined): Promise<void> {
    const all = await this.all();
    if (credentials) all[server] = credentials;
    else delete all[server];
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
  }
}
