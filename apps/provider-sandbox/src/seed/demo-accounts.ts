import { SANDBOX_OAUTH_CLIENTS, SANDBOX_OTHER_OAUTH_CLIENTS } from '@launchpad/shared-api-types';
import type { DemoUser, OAuthClient } from '../state/sandbox-state';

export const DEMO_USERS: DemoUser[] = [
  { id: 'linode-ada', provider: 'linode', username: 'ada', email: 'ada@example.com' },
  { id: 'linode-grace', provider: 'linode', username: 'grace', email: 'grace@example.com' },
  { id: 'linode-linus', provider: 'linode', username: 'linus', email: 'linus@example.com' },
  {
    id: 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
    provider: 'digitalocean',
    username: 'Sammy the Shark',
    email: 'sammy@example.com',
    team: { uuid: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'Sammy’s Team' },
  },
  {
    id: 'e8f9a0b1-c2d3-4e4f-a5b6-c7d8e9f0a1b2',
    provider: 'digitalocean',
    username: 'Jamie Droplet',
    email: 'jamie@example.com',
    team: { uuid: 'f0e1d2c3-b4a5-4968-8776-655443322110', name: 'Jamie’s Team' },
  },
  {
    id: '4c5d6e7f-8091-4a2b-8c3d-4e5f60718293',
    provider: 'digitalocean',
    username: 'Riley Reef',
    email: 'riley@example.com',
    team: { uuid: '9a8b7c6d-5e4f-4321-8fed-cba987654321', name: 'Riley’s Team' },
  },
];

/**
 * Launchpad's registered confidential client at each provider (the shared, documented
 * SANDBOX_OAUTH_CLIENTS), and another application's. Both local origins are registered so that
 * tests can run the API on any port.
 */
const REGISTERED = [
  { clients: SANDBOX_OAUTH_CLIENTS, label: 'Launchpad' },
  { clients: SANDBOX_OTHER_OAUTH_CLIENTS, label: 'Another app' },
];

export const OAUTH_CLIENTS: OAuthClient[] = REGISTERED.flatMap(({ clients, label }) =>
  (['linode', 'digitalocean'] as const).map((provider) => ({
    provider,
    ...clients[provider],
    label,
    redirectUris: ['http://localhost', 'http://127.0.0.1'],
  })),
);

export function findClient(
  provider: DemoUser['provider'],
  clientId: string | null,
): OAuthClient | undefined {
  return OAUTH_CLIENTS.find((c) => c.provider === provider && c.clientId === clientId);
}

export function demoUsersOf(provider: DemoUser['provider']): DemoUser[] {
  return DEMO_USERS.filter((u) => u.provider === provider);
}

export function findUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
