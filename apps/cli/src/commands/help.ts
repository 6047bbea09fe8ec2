import type { CliIo } from '../io';

export const USAGE = `launchpad: deploy and manage servers in your Linode and DigitalOcean accounts

Usage: launchpad <command> [options]

Commands:
  status      Check that the Launchpad API and its database are up
  help        Show this help
  version     Print the version

Options:
  --url <url>  Launchpad's URL (default: $LAUNCHPAD_URL or http://localhost:3000)
  --json       Machine-readable output
  -h, --help   Show this help
  -v, --version
`;

export function help(io: CliIo): number {
  io.stdout(USAGE);
  return 0;
}
