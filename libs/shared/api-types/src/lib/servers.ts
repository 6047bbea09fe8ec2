import type { ProviderName } from './auth';

/** A server's state in Launchpad's words, whichever provider runs it. */
export type ServerStatus =
  | 'provisioning'
  | 'booting'
  | 'running'
  | 'rebooting'
  | 'offline'
  | 'deleting'
  | 'busy';

/** One server in one of the user's linked accounts (`GET /api/servers`). */
export interface ServerView {
  provider: ProviderName;
  accountId: string;
  /** The provider's id (a number at both, as a string). */
  id: string;
  label: string;
  status: ServerStatus;
  /** The provider's own word for the status, e.g. Linode `shutting_down`, DigitalOcean `new`. */
  providerStatus: string;
  ipv4: string | null;
  ipv6: string | null;
  region: string;
  plan: string;
  image: string | null;
  createdAt: string;
  tags: string[];
}

/** A linked account whose servers could not be listed; the others are still shown. */
export interface ServerListProblem {
  provider: ProviderName;
  accountId: string;
  message: string;
  requestId: string | null;
}

export interface ServerList {
  servers: ServerView[];
  problems: ServerListProblem[];
}

/** The answer to reboot and delete. */
export interface ServerActionResult {
  provider: ProviderName;
  id: string;
  action: 'reboot' | 'delete';
  message: string;
}
