/** The sandbox's configuration; the only file that reads process.env. */
export interface SandboxConfig {
  host: string;
  port: number;
  /** `silent` turns the one-line-per-request log off (tests). */
  log: 'requests' | 'silent';
  /** Where state.json keeps tokens and resources across restarts; in memory only when unset. */
  dataDir?: string;
}

export class SandboxConfigError extends Error {}

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const rawPort = env['SANDBOX_PORT'] || '4500';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new SandboxConfigError(
      `SANDBOX_PORT must be an integer between 0 and 65535 (got "${rawPort}")`,
    );
  }
  const log = env['SANDBOX_LOG'] || 'requests';
  if (log !== 'requests' && log !== 'silent') {
    throw new SandboxConfigError(`SANDBOX_LOG must be "requests" or "silent" (got "${log}")`);
  }
  const dataDir = env['SANDBOX_DATA_DIR'] || undefined;
  return { host: env['SANDBOX_HOST'] || '127.0.0.1', port, log, ...(dataDir ? { dataDir } : {}) };
}
