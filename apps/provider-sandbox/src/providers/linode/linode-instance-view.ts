import type { LinodeInstanceRecord, Settings } from '../../state/sandbox-state';
import { LINODE_TYPES } from '../../seed/linode-catalog';

export type LinodeStatus = 'provisioning' | 'booting' | 'running' | 'rebooting' | 'offline';

/** Status in simulated time: provisioning → booting → running (or offline when not booted). */
export function linodeStatus(
  record: LinodeInstanceRecord,
  now: number,
  settings: Settings,
): LinodeStatus {
  const provisioned = record.createdAt + settings.provisionSeconds * 1000;
  if (now < provisioned) return 'provisioning';
  if (!record.booted) return 'offline';
  if (now < provisioned + settings.bootSeconds * 1000) return 'booting';
  if (record.rebootedAt !== null && now < record.rebootedAt + settings.bootSeconds * 1000)
    return 'rebooting';
  return 'running';
}

/** Linode's times: UTC without a zone suffix (linode.md §2.1). */
export function linodeTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The Linode object as the API returns it (linode.md §2.8); the root password never appears. */
export function linodeInstanceView(record: LinodeInstanceRecord, now: number, settings: Settings) {
  const plan = LINODE_TYPES.find((t) => t.id === record.type);
  return {
    id: record.id,
    label: record.label,
    group: record.group,
    status: linodeStatus(record, now, settings),
    created: linodeTime(record.createdAt),
    updated: linodeTime(record.rebootedAt ?? record.createdAt),
    type: record.type,
    ipv4: record.ipv4,
    ipv6: record.ipv6,
    image: record.image,
    region: record.region,
    site_type: 'core',
    hypervisor: 'kvm',
    specs: {
      disk: plan?.disk ?? 0,
      memory: plan?.memory ?? 0,
      vcpus: plan?.vcpus ?? 0,
      gpus: 0,
      transfer: plan?.transfer ?? 0,
      accelerated_devices: 0,
    },
    alerts: { cpu: 90, network_in: 10, network_out: 10, transfer_quota: 80, io: 10000 },
    backups: {
      enabled: false,
      available: false,
      schedule: { day: null, window: null },
      last_successful: null,
    },
    watchdog_enabled: true,
    tags: record.tags,
    host_uuid: `3a8c1f0e-5b7d-4e2a-9c6b-${String(record.id % 1_000_000_000_000).padStart(12, '0')}`,
    has_user_data: record.hasUserData,
    placement_group: null,
    disk_encryption: 'enabled',
    lke_cluster_id: null,
    capabilities: ['Block Storage Encryption', 'Maintenance Policy'],
    interface_generation: 'legacy_config',
    maintenance_policy: 'linode/power_off_on',
  };
}

/** Fields X-Filter may use on instances (SPEC v4.189.0). */
export const LINODE_INSTANCE_FILTERABLE = [
  'group',
  'id',
  'ipv4',
  'label',
  'region',
  'tags',
] as const;

const serialized = new WeakMap<LinodeInstanceRecord, { key: string; json: string }>();

/**
 * The instance view as JSON, cached per record until something it shows changes: listing 100
 * instances must not rebuild and re-serialize 100 objects per request (benchmark target).
 */
export function linodeInstanceJson(
  record: LinodeInstanceRecord,
  now: number,
  settings: Settings,
): string {
  const key = `${linodeStatus(record, now, settings)}|${record.booted}|${record.rebootedAt}|${record.label}|${record.tags.join(',')}`;
  const cached = serialized.get(record);
  if (cached?.key === key) return cached.json;
  const json = JSON.stringify(linodeInstanceView(record, now, settings));
  serialized.set(record, { key, json });
  return json;
}
