// What the benchmarks share: free ports, Node processes started and stopped, JSON requests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  server.close();
  return port;
}

/**
 * Starts `node args…` in the repository with only `env` (plus PATH and HOME) and waits until
 * `ready()` answers true. Its standard error comes through, without Node's runtime warnings.
 */
export function startNode(args, env, ready) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stderr.on('data', (data) => {
    const text = String(data);
    if (!/Unsupported runtime|shouldChange|WARNING/.test(text)) process.stderr.write(text);
  });
  return (async () => {
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode}`);
      if (await ready()) return { child, exited };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill();
    throw new Error(`${args[0]} did not come up`);
  })();
}

/** True once `url` answers 2xx. */
export const answers = (url) => async () => (await fetch(url).catch(() => undefined))?.ok === true;

/** Interrupts the processes (last started first) and waits for each to exit. */
export async function stopAll(processes) {
  for (const p of [...processes].reverse()) {
    if (p.child.exitCode === null) p.child.kill('SIGINT');
    await p.exited;
  }
}

/** A request whose answer must be 2xx; its JSON body (undefined for 204). */
export async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}
