import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CommandInput, type CommandSpec, optionsOf } from './command';
import { commandHelp, globalHelp } from './commands/help';
import { COMMANDS } from './commands/registry';
import { version } from './commands/version';
import { ApiRefusal, Cancelled, NotLoggedIn, Unreachable } from './failures';
import { type CliIo, EXIT } from './io';
import { UsageError } from './usage-error';

// Node's util.parseArgs parses each command's options: the commands are flat and their options
// few, so a parser library (commander, yargs) would add a dependency to the bundle and a help
// format of its own, while help and completion here come from the same CommandSpecs.

const DEFAULT_URL = 'http://localhost:3000';

/**
 * Runs one command line (without `node` and the script) and returns the exit code. This is the
 * one place where failures become exit codes and messages (see EXIT): a UsageError 64,
 * NotLoggedIn 4, ApiRefusal 1, Unreachable 2, Cancelled 130; anything else is a bug and throws.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let command: CommandSpec | undefined;
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined) return topLevel(io, rest);
    command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command '${name}'`);
    const input = parse(command, rest, io);
    if (input.options['help']) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    checkArguments(command, input.args);
    return await command.run(io, input);
  } catch (error) {
    if (error instanceof UsageError) {
      const help =
        command && command.name !== 'help' ? `launchpad ${command.name} --help` : 'launchpad help';
      io.stderr(`launchpad: ${error.message}\nRun '${help}' for usage.\n`);
      return EXIT.usage;
    }
    const code = exitCodeOf(error);
    if (code === undefined) throw error;
    const message = error instanceof ApiRefusal ? error.describe() : (error as Error).message;
    io.stderr(`launchpad: ${message}\n`);
    return code;
  }
}

function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof NotLoggedIn) return EXIT.notLoggedIn;
  if (error instanceof ApiRefusal) return EXIT.failure;
  if (error instanceof Unreachable) return EXIT.unreachable;
  if (error instanceof Cancelled) return EXIT.cancelled;
  return undefined;
}

/**
 * The command's name (the first word that is neither an option nor --url's value, so that
 * `launchpad --url X servers` works too) and the rest of the line.
 */
function splitCommand(argv: string[]): { name?: string; rest: string[] } {
  const { tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: { url: { type: 'string' } },
  });
  const first = tokens.find((token) => token.kind === 'positional');
  if (!first) return { rest: argv };
  return { name: first.value, rest: argv.filter((_, index) => index !== first.index) };
}

/** `launchpad`, `launchpad -h` and `launchpad -v`: no command. */
function topLevel(io: CliIo, argv: string[]): number {
  const { values } = strictParse(argv, {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if (values['version'] && !values['help']) return version(io);
  io.stdout(globalHelp(COMMANDS));
  return EXIT.ok;
}

function parse(command: CommandSpec, argv: string[], io: CliIo): CommandInput {
  const options = Object.fromEntries(
    Object.entries(optionsOf(command)).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  );
  const { values, positionals } = strictParse(argv, options);
  let url: string | undefined;
  return {
    args: positionals,
    options: values,
    json: values['json'] === true,
    url: () =>
      (url ??= baseUrl((values['url'] as string) ?? io.env['LAUNCHPAD_URL'] ?? DEFAULT_URL)),
  };
}

/** parseArgs, strict, with its complaint (an unknown option, a missing value) as a UsageError. */
function strictParse(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: CommandInput['options']; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its first sentence.
    throw new UsageError((error as Error).message.split('. ')[0] ?? 'invalid arguments');
  }
}

/** As many positionals as the command takes, each among its choices when it has some. */
function checkArguments(command: CommandSpec, args: string[]): void {
  const specs = command.args ?? [];
  const extra = args[specs.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  const missing = specs.filter((spec, index) => !spec.optional && args[index] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `${command.name} needs ${missing.map((spec) => `<${spec.name}>`).join(' ')}`,
    );
  }
  specs.forEach((spec, index) => {
    const value = args[index];
    if (value !== undefined && spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`<${spec.name}> must be ${spec.choices.join(' or ')} (got '${value}')`);
    }
  });
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
