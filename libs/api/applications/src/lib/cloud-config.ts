import { quote } from 'shell-quote';
import { stringify } from 'yaml';

/** A cloud-config document (cloud-init's `#cloud-config` YAML) as data. */
export type CloudConfig = Record<string, unknown>;

/** `{{name}}`, or `{{name|shell}}` for a value that a shell will read outside runcmd. */
const PLACEHOLDER = /\{\{([a-z0-9_]+)(\|shell)?\}\}/g;
/** The cloud-config keys whose string entries cloud-init runs with `sh -c`. */
const COMMAND_KEYS = new Set(['runcmd', 'bootcmd']);
const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash']);

/** One value quoted for POSIX sh: a tame value stays as it is, anything else is single-quoted. */
const forShell = (value: string) => quote([value]);

function fill(text: string, values: Record<string, string>, shell: boolean): string {
  return text.replace(PLACEHOLDER, (_, name: string, filter: string | undefined) => {
    const value = values[name] ?? '';
    return shell || filter ? forShell(value) : value;
  });
}

/**
 * A runcmd/bootcmd entry: a string is a shell command (cloud-init runs it with `sh -c`), so its
 * values are quoted for the shell; a list is exec form (no shell), so its values are arguments as
 * they are, except the script of `[sh, -c, script]`.
 */
function fillCommand(command: unknown, values: Record<string, string>): unknown {
  if (typeof command === 'string') return fill(command, values, true);
  if (!Array.isArray(command)) return fillData(command, values);
  const viaShell = SHELLS.has(String(command[0])) && command[1] === '-c';
  return command.map((part, i) =>
    typeof part === 'string' ? fill(part, values, viaShell && i === 2) : part,
  );
}

function fillData(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === 'string') return fill(node, values, false);
  if (Array.isArray(node)) return node.map((item) => fillData(item, values));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        COMMAND_KEYS.has(key) && Array.isArray(value)
          ? value.map((command) => fillCommand(command, values))
          : fillData(value, values),
      ]),
    );
  }
  return node;
}

/**
 * The cloud-init user data of a DigitalOcean deployment (cloud-init's cloud-config format,
 * https://cloudinit.readthedocs.io/en/latest/reference/modules.html): the application's
 * cloud-config with its fields filled in, plus the root password (DigitalOcean's API has no
 * root_pass: cloud-init sets it and enables password login, as Linode does for its root_pass).
 *
 * The document is built as data and written by the `yaml` library, never by pasting text into
 * YAML, so a value cannot change its structure. `{{field}}` in a string is the field's value as
 * it is; in a runcmd or bootcmd string command, and wherever written `{{field|shell}}`, it is
 * quoted for the shell. Values are the fields as validated (validateDeployment); a missing one is
 * empty. Returns the text to send as `user_data` (at most 64 KiB at DigitalOcean).
 */
export function renderCloudConfig(
  template: CloudConfig | null,
  values: Record<string, string>,
  rootPassword: string,
): string {
  const filled = fillData(template ?? {}, values) as CloudConfig;
  const document: CloudConfig = {
    ...filled,
    ssh_pwauth: true,
    chpasswd: {
      expire: false,
      users: [{ name: 'root', password: rootPassword, type: 'text' }],
    },
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}
