import type { CliIo } from './io';

/** One option of a command: what `util.parseArgs` needs, and what help and completion show. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once (the values are collected in order); say so in the description. */
  multiple?: boolean;
  /** The value's placeholder in the help, e.g. `<plan id>` (string options). */
  value?: string;
  /** One line for the help. */
  description: string;
  /** The values shell completion offers (the command may still check them). */
  choices?: readonly string[];
}

/** A positional argument. */
export interface ArgumentSpec {
  name: string;
  description: string;
  optional?: boolean;
  /** The only values allowed; anything else is a usage error (exit 64). */
  choices?: readonly string[];
}

/** What a command gets from its command line, checked against its spec. */
export interface CommandInput {
  args: string[];
  /** Each given option by its long name: true, a string, or the strings of a repeated one. */
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** `--json` was given. */
  json: boolean;
  /**
   * Launchpad's base URL without a trailing slash: --url, else LAUNCHPAD_URL, else
   * http://localhost:3000. Throws a UsageError when it is not an http(s) URL.
   */
  url(): string;
}

/** One `launchpad <name>` command: its help, its options, and what it does. */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows `launchpad ` on the usage line, e.g. `delete <provider> <id> [--yes]`. */
  usage: string;
  /** A paragraph for its own help. */
  description?: string;
  args?: readonly ArgumentSpec[];
  /** By long name, without the dashes. */
  options: Readonly<Record<string, OptionSpec>>;
  /** Talks to a Launchpad, so takes --url. */
  remote: boolean;
  /** Whole command lines, starting with `launchpad`. */
  examples: readonly string[];
  /** Resolves to the exit code; throws the errors of failures.ts and UsageError. */
  run(io: CliIo, input: CommandInput): Promise<number> | number;
}

export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'Machine-readable output' };

export const URL_OPTION: OptionSpec = {
  type: 'string',
  value: '<url>',
  description: "Launchpad's URL (default: $LAUNCHPAD_URL, else http://localhost:3000)",
};

export const HELP_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'h',
  description: 'Show this help',
};

export const PROVIDERS = ['linode', 'digitalocean'] as const;

export const PROVIDER_ARGUMENT: ArgumentSpec = {
  name: 'provider',
  description: 'linode or digitalocean',
  choices: PROVIDERS,
};

export const SERVER_ID_ARGUMENT: ArgumentSpec = {
  name: 'id',
  description: "The server's id at its provider (see launchpad servers)",
};

/** Every option a command takes: its own, --url when it talks to Launchpad, and -h/--help. */
export function optionsOf(command: CommandSpec): Record<string, OptionSpec> {
  return {
    ...command.options,
    ...(command.remote ? { url: URL_OPTION } : {}),
    help: HELP_OPTION,
  };
}
