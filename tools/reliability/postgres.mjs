// A private PostgreSQL cluster for one reliability run: initdb into a temporary directory, served
// on a free port of 127.0.0.1 only (no Unix socket outside that directory), trust auth. The
// machine's shared cluster (the one other tests use on 5432) is never touched: this one is
// stopped, restarted and deleted at will.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/processes.mjs';

/** Where Debian puts the server binaries; PG_BIN overrides. */
function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${base}`);
  return join(base, versions[0], 'bin');
}

/**
 * Runs a PostgreSQL binary as the `postgres` user when we are root (initdb and the server refuse
 * to run as root), as ourselves otherwise. Throws with its output when it fails.
 */
function runPg(bin, args, { allowFailure = false } = {}) {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${bin} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  }
  return result;
}

/** runPg without blocking the event loop (the workload goes on while the server restarts). */
function runPgAsync(bin, args) {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  return new Promise((resolve, reject) =>
    execFile(command, argv, { cwd: tmpdir() }, (error, stdout, stderr) =>
      error ? reject(new Error(`${bin} ${args.join(' ')}: ${stderr || stdout}`)) : resolve(),
    ),
  );
}

/**
 * @typedef {object} PrivatePostgres
 * @property {string} url         postgres:// URL of the `launchpad` database
 * @property {number} port        TCP port on 127.0.0.1
 * @property {(mode?: 'fast' | 'immediate') => Promise<void>} stop  stops the server; the data stays
 * @property {() => Promise<void>} start  starts it again on the same port and data
 * @property {() => void} destroy stops it (immediate) and deletes its directory; safe to repeat
 */

/** Creates, starts and returns a private cluster with a `launchpad` database. */
export async function startPrivatePostgres() {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'reliability-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  runPg(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${dir}`,
    // Throwaway data: no fsync, so a restart takes a second, not a checkpoint's worth of disk.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const ctl = (args, opts) => runPg(join(bin, 'pg_ctl'), ['-D', data, ...args], opts);
  const startArgs = ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start'];
  runPg(join(bin, 'pg_ctl'), startArgs);
  runPg(join(bin, 'createdb'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    'launchpad',
  ]);
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/launchpad`,
    port,
    stop: (mode = 'fast') =>
      runPgAsync(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']),
    start: () => runPgAsync(join(bin, 'pg_ctl'), startArgs),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      ctl(['-m', 'immediate', '-w', 'stop'], { allowFailure: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The numeric uid and gid of a system user. */
function userIds(name) {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
