// The sandbox's documented, deterministic OAuth clients (apps/provider-sandbox/src/seed/demo-accounts.ts).
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
