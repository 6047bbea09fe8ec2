import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '@launchpad/api-config';

/**
 * PGlite is an embedded, single-process database: two processes opening one data directory
 * corrupt it. A pid file refuses the second one with a clear message; several API instances
 * need PostgreSQL (DATABASE_URL). A lock left by a crashed process is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'pglite.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new StartupError(
        `DATA_DIR: ${dir} is in use by another Launchpad process (pid ${holder}); ` +
          'stop it, or set DATABASE_URL to run several instances on PostgreSQL',
      );
    }
    await rm(file, { force: true });
  }
  throw new StartupError(`DATA_DIR: could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
