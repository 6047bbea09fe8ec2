import { parseArgs } from 'node:util';
import { logout, servers, whoami } from './commands/account';
import { help } from './commands/help';
import { login } from './commands/login';
import { deploy, serverAction } from './commands/manage';
import { status } from './commands/status';
import { version } from './commands/version';
import { type CliIo, EXIT } from './io';
import { UsageError } from './usage-error';

const DEFAULT_URL = 'http://localhost:3000';

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) return help(io);
    if (values.version) return version(io);
    const [command = 'help', ...rest] = positionals;
    const takesArguments = command === 'reboot' || command === 'delete';
    if (rest.length > 0 && !takesArguments)
      throw new UsageError(`unexpected argument '${rest[0]}'`);
    const url = baseUrl(values.url ?? io.env['LAUNCHPAD_URL'] ?? DEFAULT_URL);
    switch (command) {
      case 'help':
        return help(io);
      case 'version':
        return version(io);
      case 'status':
        return await status(io, { url, json: values.json ?? false });
      case 'login':
        return await login(io, {
          url,
          json: values.json ?? false,
          scope: values.scope,
          noQr: values['no-qr'] ?? false,
        });
      case 'whoami':
        return await whoami(io, { url, json: values.json ?? false });
      case 'servers':
        return await servers(io, { url, json: values.json ?? false });
      case 'logout':
        return await logout(io, { url, json: values.json ?? false });
      case 'reboot':
      case 'delete':
        return await serverAction(io, command, rest, { url, json: values.json ?? false });
      case 'deploy':
        return await deploy(io, values, { url, json: values.json ?? false });
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`launchpad: ${error.message}\nRun 'launchpad help' for usage.\n`);
    return EXIT.usage;
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        json: { type: 'boolean' },
        scope: { type: 'string' },
        'no-qr': { type: 'boolean' },
        provider: { type: 'string' },
        application: { type: 'string' },
        plan: { type: 'string' },
        region: { type: 'string' },
        image: { type: 'string' },
        label: { type: 'string' },
        field: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its first sentence.
    throw new UsageError((error as Error).message.split('. ')[0] ?? 'invalid arguments');
  }
}

function baseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString().replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--url must be an http(s) URL (got '${value}')`);
  }
}
