import { parseArgs } from 'node:util';
import type { LaunchpadConfig } from '@launchpad/api-config';
import { openDatabase } from '@launchpad/api-database';
import { runMigrations } from '@launchpad/api-database';
import { registrationInput, registrationSchema } from './client-registration';
import { OAuthClientsService } from './oauth-clients.service';

const USAGE = `Usage: node dist/apps/api/main.js clients <command>

  list                                      the registered OAuth clients
  add --name <name> --type <public|confidential> --scopes "<scope> …"
                                            register one (a confidential client's secret is shown once)
  remove <client_id>                        remove one, with its device codes and tokens
`;

/**
 * The client registry from a shell on the server (with the API's configuration and database):
 * what an admin does in the Accounts area, for scripts and first set-up.
 */
export async function clientsCommand(
  argv: string[],
  config: LaunchpadConfig,
  out: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, type: { type: 'string' }, scopes: { type: 'string' } },
  });
  const [command, id] = positionals;
  if (command !== 'list' && command !== 'add' && command !== 'remove') {
    out(USAGE);
    return 64;
  }
  const database = await openDatabase(config.database);
  try {
    await runMigrations(database);
    const clients = new OAuthClientsService(database.db);
    if (command === 'list') {
      for (const c of await clients.list()) {
        out(`${c.clientId}\t${c.type}\t${c.name}\t${c.allowedScopes.join(' ')}\n`);
      }
      return 0;
    }
    if (command === 'remove') {
      if (!id || id === 'launchpad-cli') {
        out(id ? 'launchpad-cli is the CLI’s own client and stays.\n' : USAGE);
        return 64;
      }
      const removed = await clients.remove(id);
      out(removed ? `Removed ${id}.\n` : `No client ${id}.\n`);
      return removed ? 0 : 1;
    }
    const parsed = registrationSchema.safeParse({
      name: values.name,
      type: values.type,
      allowedScopes: (values.scopes ?? '').split(/[ ,]+/).filter(Boolean),
    });
    if (!parsed.success) {
      out(
        `${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`,
      );
      return 64;
    }
    const { clientId, clientSecret } = await clients.register(registrationInput(parsed.data));
    out(`client_id     ${clientId}\n`);
    if (clientSecret)
      out(`client_secret ${clientSecret}\n(shown only now: Launchpad keeps only its hash)\n`);
    return 0;
  } finally {
    await database.close();
  }
}
