import { type CommandSpec, type OptionSpec, optionsOf } from '../command';
import { EXIT } from '../io';
import { UsageError } from '../usage-error';

const WIDTH = 100;

const ENVIRONMENT: [string, string][] = [
  ['LAUNCHPAD_URL', "Launchpad's URL when --url is not given (default: http://localhost:3000)"],
  [
    'LAUNCHPAD_TOKEN',
    'An access token (lpa_…) to use instead of the stored login, for scripts and CI, like ' +
      "gh's GH_TOKEN; it is never refreshed nor stored, and login and logout leave it alone",
  ],
  [
    'LAUNCHPAD_CONFIG_DIR',
    'Where logins are kept (default: $XDG_CONFIG_HOME/launchpad, else ~/.config/launchpad), ' +
      'in credentials.json, mode 0600',
  ],
];

/** The exit codes by kind (see EXIT): a few words for a command's help, a line for the global one. */
const EXIT_CODES: { code: number; kind: string; meaning: string }[] = [
  { code: EXIT.ok, kind: 'success', meaning: 'Success' },
  {
    code: EXIT.failure,
    kind: 'refused by the API or failed',
    meaning: 'The API refused (its message is printed), or the work failed (a deployment)',
  },
  {
    code: EXIT.unreachable,
    kind: 'unreachable',
    meaning: 'Launchpad could not be reached (connection refused, unknown host, timeout)',
  },
  {
    code: EXIT.notLoggedIn,
    kind: 'not logged in',
    meaning: 'Not logged in, or the login or LAUNCHPAD_TOKEN is no longer accepted',
  },
  {
    code: EXIT.usage,
    kind: 'usage',
    meaning: 'Wrong command line: unknown command or option, missing argument, no --yes',
  },
  { code: EXIT.cancelled, kind: 'cancelled', meaning: 'Cancelled at a question (Ctrl-C)' },
];

/** `launchpad help`: what launchpad is, its commands, environment and exit codes. */
export function globalHelp(commands: readonly CommandSpec[]): string {
  return [
    'launchpad: deploy and manage servers in your Linode and DigitalOcean accounts',
    '',
    'Usage: launchpad <command> [arguments] [options]',
    '',
    'Commands:',
    table(commands.map((c) => [c.name, c.summary])),
    '',
    'Options:',
    table([
      ['-h, --help', "Show this help; 'launchpad <command> --help' shows a command's"],
      ['-v, --version', 'Print the version'],
    ]),
    '',
    'Environment:',
    table(ENVIRONMENT),
    '',
    'Exit codes:',
    table(EXIT_CODES.map(({ code, meaning }) => [String(code), meaning])),
    '',
    "Run 'launchpad help <command>' for a command's arguments, options and examples.",
    '',
  ].join('\n');
}

/** `launchpad <command> --help`: its usage, arguments, options and examples. */
export function commandHelp(command: CommandSpec): string {
  // Wrapped between options, never inside `--name <value>`.
  const usage = wrap(`launchpad ${command.usage}`, WIDTH - 7, /\s+(?=[-[])/).replace(
    /\n/g,
    '\n       ',
  );
  const lines = [command.summary, '', `Usage: ${usage}`];
  if (command.description) lines.push('', wrap(command.description, WIDTH));
  if (command.args?.length) {
    lines.push('', 'Arguments:');
    lines.push(
      table(command.args.map((a) => [a.optional ? `[${a.name}]` : `<${a.name}>`, a.description])),
    );
  }
  lines.push('', 'Options:');
  lines.push(table(Object.entries(optionsOf(command)).map(([name, o]) => optionRow(name, o))));
  if (command.examples.length) {
    lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  }
  lines.push(
    '',
    wrap(
      `Exit codes: ${EXIT_CODES.map(({ code, kind }) => `${code} ${kind}`).join(', ')}; ` +
        "'launchpad help' says more.",
      WIDTH,
    ),
    '',
  );
  return lines.join('\n');
}

/**
 * `launchpad help [command]`; `commands` is read when it runs, so the list may include this
 * command itself.
 */
export function helpCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: 'help',
    summary: 'Show this help, or one command’s',
    usage: 'help [command]',
    args: [{ name: 'command', optional: true, description: 'The command to explain' }],
    options: {},
    remote: false,
    examples: ['launchpad help deploy'],
    run(io, input) {
      const [name] = input.args;
      if (name === undefined) {
        io.stdout(globalHelp(commands()));
        return EXIT.ok;
      }
      const command = commands().find((c) => c.name === name);
      if (!command) throw new UsageError(`unknown command '${name}'`);
      io.stdout(commandHelp(command));
      return EXIT.ok;
    },
  };
}

function optionRow(name: string, option: OptionSpec): [string, string] {
  const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}`;
  const value = option.type === 'string' ? ` ${option.value ?? '<value>'}` : '';
  return [`${flag}${value}`, option.description];
}

/** Two columns, the second wrapped and aligned. */
function table(rows: [string, string][]): string {
  const left = Math.max(...rows.map(([key]) => key.length)) + 2;
  return rows
    .map(([key, text]) => {
      const [first = '', ...rest] = wrap(text, WIDTH - left - 2).split('\n');
      return [`  ${key.padEnd(left)}${first}`, ...rest.map((l) => `${' '.repeat(left + 2)}${l}`)]
        .join('\n')
        .trimEnd();
    })
    .join('\n');
}

/** `text` in lines of at most `width` (unless one word is longer), broken where `breaks` match. */
function wrap(text: string, width: number, breaks = /\s+/): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(breaks)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
