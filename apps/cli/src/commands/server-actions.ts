import type { ServerActionResult, ServerView } from '@launchpad/shared-api-types';
import { ApiSession } from '../auth/session';
import {
  type CommandInput,
  type CommandSpec,
  JSON_OPTION,
  PROVIDER_ARGUMENT,
  SERVER_ID_ARGUMENT,
} from '../command';
import { type CliIo, EXIT } from '../io';
import { UsageError } from '../usage-error';

interface ServerActionOptions {
  url: string;
  json: boolean;
  /** delete: do not ask (required when nobody can be asked). */
  yes?: boolean;
}

const optionsOf = (input: CommandInput): ServerActionOptions => ({
  url: input.url(),
  json: input.json,
  yes: input.options['yes'] === true,
});

export const REBOOT: CommandSpec = {
  name: 'reboot',
  summary: 'Reboot a server',
  usage: 'reboot <provider> <id> [--json]',
  description: 'Asks the provider to reboot the server; it happens right after.',
  args: [PROVIDER_ARGUMENT, SERVER_ID_ARGUMENT],
  options: { json: JSON_OPTION },
  remote: true,
  examples: ['launchpad reboot linode 12345'],
  run: (io, input) => serverAction(io, 'reboot', input.args, optionsOf(input)),
};

export const DELETE: CommandSpec = {
  name: 'delete',
  summary: 'Delete a server, with its disks',
  usage: 'delete <provider> <id> [--yes] [--json]',
  description:
    'Deletes the server at its provider, with its disks: there is no undo. At a terminal it ' +
    'shows the server and asks you to type its name, as gh does before deleting a repository; ' +
    'where nobody can answer (a script, CI, input from a pipe) it needs --yes and refuses ' +
    'with exit code 64 without it.',
  args: [PROVIDER_ARGUMENT, SERVER_ID_ARGUMENT],
  options: {
    yes: {
      type: 'boolean',
      short: 'y',
      description: 'Delete without asking (needed when not at a terminal)',
    },
    json: JSON_OPTION,
  },
  remote: true,
  examples: ['launchpad delete linode 12345', 'launchpad delete digitalocean 67890 --yes --json'],
  run: (io, input) => serverAction(io, 'delete', input.args, optionsOf(input)),
};

/**
 * `launchpad reboot <provider> <id>` and `launchpad delete <provider> <id> [--yes]`. Delete
 * without --yes reads the server and asks for its name at the terminal (exit 1, nothing deleted,
 * when the answer differs), and is a UsageError where nobody can be asked — before any request.
 */
export async function serverAction(
  io: CliIo,
  action: 'reboot' | 'delete',
  [provider = '', id = '']: string[],
  options: ServerActionOptions,
): Promise<number> {
  const confirm = action === 'delete' && !options.yes;
  if (confirm && !io.ask) {
    throw new UsageError(
      'delete cannot ask for confirmation here (standard input is not a terminal); ' +
        'add --yes to delete without asking',
    );
  }
  const session = new ApiSession(io, options.url);
  const path = `/api/servers/${encodeURIComponent(provider)}/${encodeURIComponent(id)}`;
  if (confirm && io.ask && !(await confirmed(io, io.ask, session, path))) {
    io.stderr('Not deleted: the name did not match.\n');
    return EXIT.failure;
  }
  const result =
    action === 'reboot'
      ? await session.request<ServerActionResult>('POST', `${path}/reboot`)
      : await session.request<ServerActionResult>('DELETE', path);
  io.stdout(options.json ? `${JSON.stringify(result)}\n` : `${result.message}\n`);
  return EXIT.ok;
}

/**
 * Shows the server and asks for its name. Typing the name (not y/N) is gh's confirmation for
 * what cannot be undone: it cannot be given by reflex, and it proves the right server was meant.
 */
async function confirmed(
  io: CliIo,
  ask: (question: string) => Promise<string>,
  session: ApiSession,
  path: string,
): Promise<boolean> {
  const server = await session.get<ServerView>(path);
  io.stderr(
    `This deletes ${server.label} (${server.provider} ${server.id}, ${server.ipv4 ?? 'no IPv4'}, ` +
      `${server.region}, ${server.plan}) and its disks, for good.\n`,
  );
  return (await ask(`Type the server's name, ${server.label}, to delete it: `)) === server.label;
}
