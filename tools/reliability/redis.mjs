// A private Redis for one reliability run: no persistence, 127.0.0.1 and a free port only.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../bench/processes.mjs';

/** The answer line of one inline command (`PING`, `DBSIZE`), or undefined. */
function command(port, text) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('data', (data) => done(String(data).trim()));
    socket.once('connect', () => socket.write(`${text}\r\n`));
  });
}

/** True when a Redis at `port` answers PING with +PONG. */
async function pong(port) {
  return (await command(port, 'PING')) === '+PONG';
}

/**
 * @typedef {object} PrivateRedis
 * @property {string} url                 redis:// URL
 * @property {() => Promise<number>} keys  how many keys it holds (DBSIZE)
 * @property {() => Promise<void>} stop   ends the server (SIGTERM) and waits for it
 */

/** Starts `redis-server` on a free port of 127.0.0.1 and waits until it answers. */
export async function startPrivateRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await pong(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        keys: async () => Number(/^:(\d+)/.exec((await command(port, 'DBSIZE')) ?? '')?.[1] ?? NaN),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer PING within 10 s');
}
