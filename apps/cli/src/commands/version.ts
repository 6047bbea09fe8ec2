// The workspace package.json is the one place a release's version is set; esbuild bundles it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version as workspaceVersion } from '../../../../package.json';
import type { CommandSpec } from '../command';
import { type CliIo, EXIT } from '../io';

export const CLI_VERSION: string = workspaceVersion;

export function version(io: CliIo): number {
  io.stdout(`launchpad ${CLI_VERSION}\n`);
  return EXIT.ok;
}

export const VERSION: CommandSpec = {
  name: 'version',
  summary: 'Print the version',
  usage: 'version',
  options: {},
  remote: false,
  examples: ['launchpad version'],
  run: (io) => version(io),
};
