import type { ServerList, SessionView } from '@launchpad/shared-api-types';
import { CredentialStore, configDir } from '../auth/credentials';
import { revokeLogin } from '../auth/device-login';
import { ApiSession, NotLoggedIn } from '../auth/session';
import { type CliIo, EXIT } from '../io';

async function guarded(io: CliIo, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return EXIT.ok;
  } catch (error) {
    io.stderr(`launchpad: ${(error as Error).message}\n`);
    return error instanceof NotLoggedIn ? EXIT.failure : EXIT.unreachable;
  }
}

/** `launchpad whoami`: the user the stored login speaks for, and the linked accounts. */
export function whoami(io: CliIo, options: { url: string; json: boolean }): Promise<number> {
  return guarded(io, async () => {
    const view = await new ApiSession(io, options.url).get<SessionView>('/api/session');
    if (options.json) {
      io.stdout(`${JSON.stringify({ user: view.user, accounts: view.accounts })}\n`);
      return;
    }
    io.stdout(`${view.user.displayName}${view.user.email ? ` <${view.user.email}>` : ''}\n`);
    for (const account of view.accounts) {
      io.stdout(
        `  ${account.provider.padEnd(13)} ${account.username ?? account.email ?? ''} (${account.status})\n`,
      );
    }
  });
}

/** `launchpad servers`: every server of every linked account, as a table (or JSON). */
export function servers(io: CliIo, options: { url: string; json: boolean }): Promise<number> {
  return guarded(io, async () => {
    const list = await new ApiSession(io, options.url).get<ServerList>('/api/servers');
    if (options.json) {
      io.stdout(`${JSON.stringify(list)}\n`);
      return;
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
  });
}

/** `launchpad logout`: revokes the login at Launchpad and forgets it. */
export async function logout(io: CliIo, options: { url: string; json: boolean }): Promise<number> {
  const store = new CredentialStore(configDir(io.env));
  const stored = await store.get(options.url);
  if (!stored) {
    io.stdout(`Not logged in to ${options.url}.\n`);
    return EXIT.ok;
  }
  try {
    await revokeLogin(io, options.url, stored.refreshToken);
  } catch (error) {
    io.stderr(
      `launchpad: could not reach ${options.url} to revoke the login: ${(error as Error).message}\n`,
    );
    return EXIT.unreachable;
  }
  await store.set(options.url, undefined);
  io.stdout(
    options.json ? `${JSON.stringify({ logged_out: true })}\n` : `Logged out of ${options.url}.\n`,
  );
  return EXIT.ok;
}
