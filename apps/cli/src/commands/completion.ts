import { type CommandSpec, type OptionSpec, optionsOf } from '../command';
import { EXIT } from '../io';

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

/**
 * `launchpad completion bash|zsh`: prints a completion script, generated from the commands' own
 * specs so it never drifts from them. `commands` is read when it runs (this command is in it).
 */
export function completionCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: 'completion',
    summary: 'Print a shell completion script: launchpad completion bash|zsh',
    usage: 'completion <shell>',
    description:
      'Prints a script that completes commands, options, providers and choices as you type. ' +
      'Load it in your shell’s start-up file, as the examples show.',
    args: [{ name: 'shell', description: 'bash or zsh', choices: SHELLS }],
    options: {},
    remote: false,
    examples: [
      'launchpad completion bash > ~/.local/share/bash-completion/completions/launchpad',
      "echo 'source <(launchpad completion bash)' >> ~/.bashrc",
      "echo 'source <(launchpad completion zsh)' >> ~/.zshrc   # after compinit",
    ],
    run(io, input) {
      const shell = input.args[0] as Shell;
      io.stdout(shell === 'bash' ? bashCompletion(commands()) : zshCompletion(commands()));
      return EXIT.ok;
    },
  };
}

const words = (list: readonly string[]) => list.join(' ');

const flagsOf = (name: string, option: OptionSpec) =>
  option.short ? [`-${option.short}`, `--${name}`] : [`--${name}`];

/** A bash script for `complete -F`: commands, then each command's options and arguments. */
export function bashCompletion(commands: readonly CommandSpec[]): string {
  const valued = new Map<string, readonly string[]>();
  for (const command of commands) {
    for (const [name, option] of Object.entries(optionsOf(command))) {
      if (option.type === 'string') valued.set(`--${name}`, option.choices ?? []);
    }
  }
  const values = [...valued]
    .filter(([, choices]) => choices.length > 0)
    .map(
      ([flag, choices]) =>
        `      ${flag}) COMPREPLY=($(compgen -W "${words(choices)}" -- "$cur")) ;;`,
    );
  const cases = commands.map((command) => {
    const options = Object.entries(optionsOf(command)).flatMap(([n, o]) => flagsOf(n, o));
    const args = (command.args ?? []).map((arg, index) => {
      const choices = command.name === 'help' ? commands.map((c) => c.name) : arg.choices;
      return choices ? `        ${index}) choices="${words(choices)}" ;;` : '';
    });
    return [
      `    ${command.name})`,
      `      options="${words(options)}"`,
      ...(args.some(Boolean)
        ? ['      case ${#args[@]} in', ...args.filter(Boolean), '      esac']
        : []),
      '      ;;',
    ].join('\n');
  });
  return `# bash completion for launchpad, printed by 'launchpad completion bash'.
# Load it now:  source <(launchpad completion bash)
# For good:     launchpad completion bash > ~/.local/share/bash-completion/completions/launchpad
_launchpad() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local takes_value=" ${words([...valued.keys()])} "
  local command= word i args=() options= choices=
  # --name=value arrives as three words, COMP_WORDBREAKS splitting at '='.
  [[ $cur == = ]] && cur=
  [[ $prev == = ]] && prev=\${COMP_WORDS[COMP_CWORD-2]}
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ $takes_value == *" $word "* ]]; then
      [[ \${COMP_WORDS[i+1]} == = ]] && ((i++))
      ((i++))
      continue
    fi
    [[ $word == -* || $word == = ]] && continue
    if [[ -z $command ]]; then command=$word; else args+=("$word"); fi
  done
  if [[ $takes_value == *" $prev "* ]]; then
    case $prev in
${values.join('\n')}
    esac
    return
  fi
  case $command in
    '')
      options="-h --help -v --version"
      choices="${words(commands.map((c) => c.name))}"
      ;;
${cases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$choices" -- "$cur"))
  fi
}
complete -F _launchpad launchpad
`;
}

/** A zsh completion function (`#compdef`), working from fpath or sourced after compinit. */
export function zshCompletion(commands: readonly CommandSpec[]): string {
  const cases = commands.map((command) => {
    const specs = Object.entries(optionsOf(command)).map(([name, option]) => {
      const flags = flagsOf(name, option);
      const exclusive = flags.length > 1 ? `(${flags.join(' ')})` : '';
      const names = flags.length > 1 ? `{${flags.join(',')}}` : flags[0];
      // --name=[description]:message:(choices) for a string option (its value in the next
      // word or after '='); {-y,--yes} is zsh brace expansion, so outside the quotes.
      const spec =
        option.type === 'string'
          ? `=[${describe(option.description)}]:${name}:${option.choices ? `(${words(option.choices)})` : ''}`
          : `[${describe(option.description)}]`;
      const star = option.multiple ? '*' : '';
      return `${quote(star + exclusive)}${names}${quote(spec)}`;
    });
    const args = (command.args ?? []).map((arg, index) => {
      const choices = command.name === 'help' ? commands.map((c) => c.name) : arg.choices;
      const optional = arg.optional ? ':' : '';
      return quote(`${index + 1}:${optional}${arg.name}:${choices ? `(${words(choices)})` : ''}`);
    });
    return [
      `    ${command.name})`,
      `      _arguments -s \\`,
      ...[...specs, ...args].map((spec) => `        ${spec} \\`),
      '        && return 0',
      '      ;;',
    ].join('\n');
  });
  const list = commands.map((c) => `    ${quote(`${c.name}:${describe(c.summary)}`)}`);
  return `#compdef launchpad
# zsh completion for launchpad, printed by 'launchpad completion zsh'.
# Load it now:  source <(launchpad completion zsh)   (after compinit)
# For good:     launchpad completion zsh > "\${fpath[1]}/_launchpad"
_launchpad() {
  local -a commands
  commands=(
${list.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'launchpad command' commands
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
${cases.join('\n')}
  esac
  return 1
}
if [[ $funcstack[1] == _launchpad ]]; then
  _launchpad "$@"
else
  compdef _launchpad launchpad
fi
`;
}

/** zsh single quotes around `text`. */
function quote(text: string): string {
  return text ? `'${text.replace(/'/g, `'\\''`)}'` : '';
}

/** A description for _arguments' brackets and _describe: no brackets, no backslash. */
function describe(text: string): string {
  return text.replace(/[[\]\\]/g, '');
}
