import { dropletAddresses, linodeAddresses } from '../state/addresses';
import type { LinodeInstanceRecord, DropletRecord, SandboxState } from '../state/sandbox-state';

/**
 * `POST /_sandbox/seed`: a few running servers in the demo accounts, so that a dashboard has
 * something to show before anyone deploys. Created "an hour ago" in sandbox time, so running.
 */
export function seedDemoServers(
  state: SandboxState,
  now: number,
): { linodes: number; droplets: number } {
  const createdAt = now - 3_600_000;
  const linodes: Omit<LinodeInstanceRecord, 'id' | 'ipv4' | 'ipv6'>[] = [
    {
      ownerId: 'linode-ada',
      label: 'ada-blog',
      group: '',
      type: 'g6-standard-1',
      region: 'eu-west',
      image: 'linode/debian12',
      tags: ['demo'],
      createdAt,
      booted: true,
      rebootedAt: null,
      stackscriptId: 1_340_716,
      hasUserData: false,
    },
    {
      ownerId: 'linode-ada',
      label: 'ada-build-box',
      group: '',
      type: 'g6-dedicated-2',
      region: 'us-east',
      image: 'linode/ubuntu24.04',
      tags: ['demo'],
      createdAt,
      booted: true,
      rebootedAt: null,
      stackscriptId: null,
      hasUserData: false,
    },
  ];
  for (const linode of linodes) {
    const id = state.linode.nextId++;
    state.linode.instances.push({
      ...linode,
      id,
      ...linodeAddresses(id),
    });
  }
  const droplets: Omit<DropletRecord, 'id' | 'ipv4' | 'privateIpv4'>[] = [
    {
      ownerId: 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
      name: 'sammy-web',
      size: 's-1vcpu-1gb',
      region: 'ams3',
      image: 'ubuntu-24-04-x64',
      tags: ['demo'],
      createdAt,
      powered: true,
      actionAt: null,
      userData: null,
    },
  ];
  for (const droplet of droplets) {
    const id = state.digitalocean.nextId++;
    state.digitalocean.droplets.push({
      ...droplet,
      id,
      ...dropletAddresses(id),
    });
  }
  return { linodes: linodes.length, droplets: droplets.length };
}

export interface BulkSeed {
  /** Servers to create per provider. */
  count: number;
  linodeOwner: string;
  dropletOwner: string;
}

/**
 * `POST /_sandbox/seed {"count": N, "linodeOwner": …, "dropletOwner": …}`: N running Linodes
 * and N running droplets for two demo users (benchmarks of the dashboard list thousands).
 */
export function seedBulkServers(
  state: SandboxState,
  now: number,
  seed: BulkSeed,
): { linodes: number; droplets: number } {
  const createdAt = now - 3_600_000;
  for (let n = 1; n <= seed.count; n++) {
    const id = state.linode.nextId++;
    state.linode.instances.push({
      ownerId: seed.linodeOwner,
      label: `bulk-${n}`,
      group: '',
      type: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      tags: ['bulk'],
      createdAt: createdAt - n,
      booted: true,
      rebootedAt: null,
      stackscriptId: null,
      hasUserData: false,
      id,
      ...linodeAddresses(id),
    });
    const dropletId = state.digitalocean.nextId++;
    state.digitalocean.droplets.push({
      ownerId: seed.dropletOwner,
      name: `bulk-${n}`,
      size: 's-1vcpu-1gb',
      region: 'nyc3',
      image: 'ubuntu-24-04-x64',
      tags: ['bulk'],
      createdAt: createdAt - n,
      powered: true,
      actionAt: null,
      userData: null,
      id: dropletId,
      ...dropletAddresses(dropletId),
    });
  }
  return { linodes: seed.count, droplets: seed.count };
}
