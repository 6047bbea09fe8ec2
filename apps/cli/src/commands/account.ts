import type { ServerList, SessionView } from '@launchpad/shared-api-types';
import { CredentialStore, configDir } from '../auth/credentials';
import { revokeLogin } from '../auth/device-login';
import { ApiSession } from '../auth/session';
import { type CommandSpec, JSON_OPTION } from '../command';
import { type CliIo, EXIT } from '../io';

interface RemoteOptions {
  url: string;
  json: boolean;
}

const remote = (input: { url(): string; json: boolean }): RemoteOptions => ({
  url: input.url(),
  json: input.json,
});

export const WHOAMI: CommandSpec = {
  name: 'whoami',
  summary: 'Show who you are signed in as, and your linked cloud accounts',
  usage: 'whoami [--json]',
  options: { json: JSON_OPTION },
  remote: true,
  examples: ['launchpad whoami', 'LAUNCHPAD_TOKEN=lpa_… launchpad whoami --json'],
  run: (io, input) => whoami(io, remote(input)),
};

export const SERVERS: CommandSpec = {
  name: 'servers',
  summary: 'List every server in your linked Linode and DigitalOcean accounts',
  usage: 'servers [--json]',
  description:
    'One table across both providers. When a provider cannot be reached, its servers are ' +
    'missing and a warning on stderr says why; the others are still listed.',
  options: { json: JSON_OPTION },
  remote: true,
  examples: ['launchpad servers', "launchpad servers --json | jq -r '.servers[].ipv4'"],
  run: (io, input) => servers(io, remote(input)),
};

export const LOGOUT: CommandSpec = {
  name: 'logout',
  summary: 'Revoke this device’s access and forget it',
  usage: 'logout [--json]',
  description:
    'Revokes the stored login at Launchpad, then deletes it from credentials.json. ' +
    'LAUNCHPAD_TOKEN is left alone.',
  options: { json: JSON_OPTION },
  remote: true,
  examples: ['launchpad logout'],
  run: (io, input) => logout(io, remote(input)),
};

/** `launchpad whoami`: the user the login speaks for, and the linked accounts. */
export async function whoami(io: CliIo, options: RemoteOptions): Promise<number> {
  const view = await new ApiSession(io, options.url).get<SessionView>('/api/session');
  if (options.json) {
    io.stdout(`${JSON.stringify({ user: view.user, accounts: view.accounts })}\n`);
    return EXIT.ok;
  }
  io.stdout(`${view.user.displayName}${view.user.email ? ` <${view.user.email}>` : ''}\n`);
  for (const account of view.accounts) {
    io.stdout(
      `  ${account.provider.padEnd(13)} ${account.username ?? account.email ?? ''} (${account.status})\n`,
    );
  }
  return EXIT.ok;
}

/** `launchpad servers`: every server of every linked account, as a table (or JSON). */
export async function servers(io: CliIo, options: RemoteOptions): Promise<number> {
  const list = await new ApiSession(io, options.url).get<ServerList>('/api/servers');
  if (options.json) {
    io.stdout(`${JSON.stringify(list)}\n`);
    return EXIT.ok;
  }
  const rows = [
    ['PROVIDER', 'ID', 'NAME', 'STATUS', 'IPV4', 'REGION', 'PLAN'],
    ...list.servers.map((s) => [
      s.provider,
      s.id,
      s.label,
      s.status,
      s.ipv4 ?? '-',
      s.region,
      s.plan,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows)
    io.stdout(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  if (list.servers.length === 0) io.stdout('No servers yet.\n');
  for (const problem of list.problems)
    io.stderr(`warning: ${problem.provider}: ${problem.message}\n`);
  return EXIT.ok;
}

/**
 * `launchpad logout`: revokes the stored login at Launchpad and forgets it; throws
 * `Unreachable` (and keeps the login) when Launchpad does not answer.
 */
export async function logout(io: CliIo, options: RemoteOptions): Promise<number> {
  const store = new CredentialStore(configDir(io.env));
  const stored = await store.get(options.url);
  if (!stored) {
    io.stdout(`Not logged in to ${options.url}.\n`);
    return EXIT.ok;
  }
  await revokeLogin(io, options.url, stored.refreshToken);
  await store.set(options.url, undefined);
  io.stdout(
    options.json ? `${JSON.stringify({ logged_out: true })}\n` : `Logged out of ${options.url}.\n`,
  );
  return EXIT.ok;
}
