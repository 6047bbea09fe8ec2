// The system under test, all on 127.0.0.1: the provider sandbox, N API instances on one private
// PostgreSQL and Redis with the same secrets and PUBLIC_URL (the proxy's URL), each logging its
// JSON lines to a file the suite reads afterwards.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answers, freePort, root } from '../bench/processes.mjs';

export const API_MAIN = join(root, 'dist/apps/api/main.js');
export const SANDBOX_MAIN = join(root, 'dist/apps/provider-sandbox/main.js');
export const WEB_DIST = join(root, 'dist/apps/web/browser');
/** Whether the API serves the built SPA in this run. */
export const SERVES_SPA = existsSync(join(WEB_DIST, 'index.html'));

/**
 * @typedef {object} Started
 * @property {string} name
 * @property {import('node:child_process').ChildProcess} child
 * @property {Promise<number | string>} exited   the exit code, or the signal's name
 * @property {string} logPath                    its standard output and error
 * @property {number} port
 * @property {string} url
 */

/**
 * Starts `node main` with only `env` (plus PATH and HOME), its output into `logPath`, and waits
 * until `readyUrl` answers 2xx (30 s at most). @returns {Promise<Started>}
 */
async function startLogged(name, main, env, port, readyPath, logPath) {
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = answers(`${url}${readyPath}`);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode}: ${tail(logPath)}`);
    }
    if (await ready()) return { name, child, exited, logPath, port, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not come up within 30 s: ${tail(logPath)}`);
}

function tail(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-2_000) : '(no log)';
}

/** Starts the provider sandbox (in memory, request log off). */
export async function startSandbox(dir) {
  const port = await freePort();
  return startLogged(
    'sandbox',
    SANDBOX_MAIN,
    { SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1', SANDBOX_LOG: 'silent' },
    port,
    '/_sandbox/health',
    join(dir, 'sandbox.log'),
  );
}

/**
 * What every API instance shares: the database, Redis, secrets, the public URL, the sandbox.
 * @param {{ databaseUrl: string, redisUrl: string, publicUrl: string, sandboxUrl: string,
 *   dir: string, logLevel: string }} shared
 */
export function apiEnvironment(shared) {
  return {
    HOST: '127.0.0.1',
    PUBLIC_URL: shared.publicUrl,
    DATABASE_URL: shared.databaseUrl,
    REDIS_URL: shared.redisUrl,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SANDBOX_URL: shared.sandboxUrl,
    // The proxy in front is on loopback: its X-Forwarded-For is believed (the default, stated).
    TRUST_PROXY: 'loopback',
    RATE_LIMITS: 'on',
    ADMIN_EMAILS: 'ada@example.com',
    LOG_LEVEL: shared.logLevel,
    // The built SPA when there is one (npm run reliability builds it), as production serves it.
    WEB_DIST_DIR: WEB_DIST,
  };
}

/**
 * Starts one API instance named `name` (its data directory and log under `dir`), on `port` or a
 * free one, and waits until /api/health/ready answers 200.
 */
export async function startApi(name, env, dir, port) {
  const home = join(dir, name);
  mkdirSync(home, { recursive: true });
  const chosen = port ?? (await freePort());
  return startLogged(
    name,
    API_MAIN,
    { ...env, PORT: String(chosen), DATA_DIR: home },
    chosen,
    '/api/health/ready',
    join(dir, `${name}.log`),
  );
}

/**
 * Interrupts a started process (SIGINT, as Ctrl-C does: the API finishes what is in flight) and
 * waits for it; SIGKILL after `graceMs`.
 */
export async function stop(started, graceMs = 10_000) {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGINT');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
}

/**
 * @typedef {object} LogFindings
 * @property {number} lines
 * @property {number} warnings               pino level 40
 * @property {{ instance: string, line: string, time?: number }[]} errors   level >= 50, or a line
 *   that is not JSON and looks like a crash (a stack trace outside the JSON log); `time` in ms
 * @property {Record<string, number>} warningMessages       warning message → count
 */

/** Reads the instances' logs: every line at level error or fatal is a finding. */
export function scanLogs(instances) {
  /** @type {LogFindings} */
  const findings = { lines: 0, warnings: 0, errors: [], warningMessages: {} };
  for (const { name, logPath } of instances) {
    if (!existsSync(logPath)) continue;
    for (const line of readFileSync(logPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      findings.lines++;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        if (/Error|at .+:\d+:\d+|crash/i.test(line)) findings.errors.push({ instance: name, line });
        continue;
      }
      if (entry.level >= 50) {
        findings.errors.push({ instance: name, line: line.slice(0, 4_000), time: entry.time });
      } else if (entry.level === 40) {
        findings.warnings++;
        const message = String(entry.msg ?? '')
          .replace(/[0-9a-f-]{36}/g, '<id>')
          .slice(0, 160);
        findings.warningMessages[message] = (findings.warningMessages[message] ?? 0) + 1;
      }
    }
  }
  return findings;
}
