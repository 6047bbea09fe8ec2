// The sandbox's documented OAuth clients (SANDBOX_OAUTH_CLIENTS in libs/shared/api-types); the
// benchmark is plain JavaScript and cannot import that TypeScript, so it derives the same values.
import { createHash } from 'node:crypto';

const hex = (seed, length) => createHash('sha256').update(seed).digest('hex').slice(0, length);

export const OAUTH = {
  linode: {
    id: hex('launchpad-sandbox-linode-client', 20),
    secret: hex('launchpad-sandbox-linode-secret', 64),
  },
  digitalocean: {
    id: hex('launchpad-sandbox-digitalocean-client', 64),
    secret: hex('launchpad-sandbox-digitalocean-secret', 64),
  },
};
