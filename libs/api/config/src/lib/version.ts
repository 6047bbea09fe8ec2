// The workspace package.json is the one place a release's version is set; webpack bundles it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version } from '../../../../../package.json';

/** Launchpad's release, from the workspace package.json. */
export const LAUNCHPAD_VERSION: string = version;
