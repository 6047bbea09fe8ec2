import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/** A port that nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

export interface RunningProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Sends SIGINT, as Ctrl-C does, and waits for the exit. */
  stop(): Promise<number | string>;
}

/** Runs a built app of dist/ as its own process with the given environment. */
export function runBuilt(
  main: string,
  env: Record<string, string>,
  args: string[] = [],
): RunningProcess {
  const child = spawn(process.execPath, [join(workspaceRoot, main), ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

export interface RunningApi extends RunningProcess {
  url: string;
}

/** Starts the built API (dist/apps/api/main.js) and waits until /api/health answers 200. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = env['PORT'] ?? String(await freePort());
  const api = runBuilt('dist/apps/api/main.js', { LOG_LEVEL: 'warn', ...env, PORT: port });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ended = await Promise.race([
      api.exited,
      new Promise((r) => setTimeout(() => r(undefined), 200)),
    ]);
    if (ended !== undefined) {
      throw new Error(`the API exited (${String(ended)}) before it was healthy:\n${api.stderr()}`);
    }
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.status === 200) return { ...api, url };
  }
  await api.stop();
  throw new Error(`the API was not healthy within 30 s:\n${api.stderr()}`);
}
