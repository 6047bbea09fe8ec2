import { DIGITALOCEAN_IMAGES, DIGITALOCEAN_SIZES } from '../../seed/digitalocean-catalog';
import { DIGITALOCEAN_REGIONS } from '../../seed/digitalocean-regions';
import type { DropletActionRecord, DropletRecord, Settings } from '../../state/sandbox-state';

export type DropletStatus = 'new' | 'active' | 'off';

/** new until provisioned; then active, or off while powered off or in the middle of a power action. */
export function dropletStatus(
  record: DropletRecord,
  now: number,
  settings: Settings,
): DropletStatus {
  if (now < record.createdAt + settings.provisionSeconds * 1000) return 'new';
  if (!record.powered) return 'off';
  if (record.actionAt !== null && now < record.actionAt + settings.bootSeconds * 1000) return 'off';
  return 'active';
}

export function actionCompleted(action: DropletActionRecord, now: number): boolean {
  return now >= action.startedAt + action.durationSeconds * 1000;
}

/** The droplet object (do.md §2.6): empty networks while new, IPs once active. */
export function dropletView(
  record: DropletRecord,
  now: number,
  settings: Settings,
  actions: DropletActionRecord[],
) {
  const status = dropletStatus(record, now, settings);
  const size = DIGITALOCEAN_SIZES.find((s) => s.slug === record.size);
  const region = DIGITALOCEAN_REGIONS.find((r) => r.slug === record.region);
  const image = DIGITALOCEAN_IMAGES.find((i) => i.slug === record.image);
  const locked = actions.some((a) => a.dropletId === record.id && !actionCompleted(a, now));
  return {
    id: record.id,
    name: record.name,
    memory: size?.memory ?? 0,
    vcpus: size?.vcpus ?? 0,
    disk: size?.disk ?? 0,
    locked,
    status,
    kernel: null,
    created_at: new Date(record.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    features: ['droplet_agent', 'private_networking'],
    backup_ids: [],
    next_backup_window: null,
    snapshot_ids: [],
    image,
    volume_ids: [],
    size,
    size_slug: record.size,
    networks:
      status === 'new'
        ? { v4: [], v6: [] }
        : {
            v4: [
              {
                ip_address: record.privateIpv4,
                netmask: '255.255.240.0',
                gateway: 'nil',
                type: 'private',
              },
              {
                ip_address: record.ipv4,
                netmask: '255.255.255.0',
                gateway: record.ipv4.replace(/\.\d+$/, '.1'),
                type: 'public',
              },
            ],
            v6: [],
          },
    region,
    tags: record.tags,
    vpc_uuid: 'c0ffee00-0000-4000-8000-000000000001',
  };
}

export function actionView(action: DropletActionRecord, now: number) {
  const done = actionCompleted(action, now);
  return {
    id: action.id,
    status: done ? 'completed' : 'in-progress',
    type: action.type,
    started_at: new Date(action.startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    completed_at: done
      ? new Date(action.startedAt + action.durationSeconds * 1000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z')
      : null,
    resource_id: action.dropletId,
    resource_type: 'droplet',
    region: DIGITALOCEAN_REGIONS.find((r) => r.slug === action.region) ?? null,
    region_slug: action.region,
  };
}
