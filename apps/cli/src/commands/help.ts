import type { CliIo } from '../io';

export const USAGE = `launchpad: deploy and manage servers in your Linode and DigitalOcean accounts

Usage: launchpad <command> [options]

Commands:
  login       Sign in with a code you approve in the browser (OAuth device flow)
  whoami      Show who you are signed in as, and your linked cloud accounts
  servers     List every server in your linked Linode and DigitalOcean accounts
  deploy      Create a server and follow its progress: --provider --application --plan
              --region --image --label [--field name=value …]
  reboot      Reboot a server: launchpad reboot <linode|digitalocean> <id>
  delete      Delete a server: launchpad delete <linode|digitalocean> <id>
  logout      Revoke this device's access and forget it
  status      Check that the Launchpad API and its database are up
  help        Show this help
  version     Print the version

Options:
  --url <url>      Launchpad's URL (default: $LAUNCHPAD_URL or http://localhost:3000)
  --json           Machine-readable output
  --scope <list>   login: the permissions to ask for (default: all the CLI may have)
  --no-qr          login: do not print the QR code
  -h, --help       Show this help
  -v, --version

Logins are kept in $XDG_CONFIG_HOME/launchpad/credentials.json (~/.config/launchpad), mode 0600.
`;

export function help(io: CliIo): number {
  io.stdout(USAGE);
  return 0;
}
