// The workspace package.json is the one place a release's version is set; esbuild bundles it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version as workspaceVersion } from '../../../../package.json';
import type { CliIo } from '../io';

export const CLI_VERSION: string = workspaceVersion;

export function version(io: CliIo): number {
  io.stdout(`launchpad ${CLI_VERSION}\n`);
  return 0;
}
