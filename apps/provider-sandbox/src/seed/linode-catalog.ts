/** Linode plans, public images and one public StackScript, with real ids, labels and prices. */
export interface LinodeType {
  id: string;
  label: string;
  price: { hourly: number; monthly: number };
  region_prices: { id: string; hourly: number; monthly: number }[];
  addons: { backups: { price: { hourly: number; monthly: number }; region_prices: never[] } };
  memory: number;
  disk: number;
  transfer: number;
  vcpus: number;
  gpus: number;
  network_out: number;
  class: 'nanode' | 'standard' | 'dedicated' | 'premium' | 'gpu' | 'highmem';
  successor: string | null;
}

function type(
  id: string,
  label: string,
  cls: LinodeType['class'],
  monthly: number,
  spec: { memory: number; disk: number; vcpus: number; transfer: number; network_out: number },
): LinodeType {
  return {
    id,
    label,
    price: { hourly: Math.round((monthly / 730) * 10000) / 10000, monthly },
    region_prices: [],
    addons: {
      backups: {
        price: { hourly: Math.round((monthly / 4 / 730) * 10000) / 10000, monthly: monthly / 4 },
        region_prices: [],
      },
    },
    ...spec,
    gpus: 0,
    class: cls,
    successor: null,
  };
}

export const LINODE_TYPES: LinodeType[] = [
  type('g6-nanode-1', 'Nanode 1GB', 'nanode', 5, {
    memory: 1024,
    disk: 25600,
    vcpus: 1,
    transfer: 1000,
    network_out: 1000,
  }),
  type('g6-standard-1', 'Linode 2GB', 'standard', 12, {
    memory: 2048,
    disk: 51200,
    vcpus: 1,
    transfer: 2000,
    network_out: 2000,
  }),
  type('g6-standard-2', 'Linode 4GB', 'standard', 24, {
    memory: 4096,
    disk: 81920,
    vcpus: 2,
    transfer: 4000,
    network_out: 4000,
  }),
  type('g6-standard-4', 'Linode 8GB', 'standard', 48, {
    memory: 8192,
    disk: 163840,
    vcpus: 4,
    transfer: 5000,
    network_out: 5000,
  }),
  type('g6-dedicated-2', 'Dedicated 4GB', 'dedicated', 36, {
    memory: 4096,
    disk: 81920,
    vcpus: 2,
    transfer: 4000,
    network_out: 4000,
  }),
  type('g6-dedicated-4', 'Dedicated 8GB', 'dedicated', 72, {
    memory: 8192,
    disk: 163840,
    vcpus: 4,
    transfer: 5000,
    network_out: 5000,
  }),
  type('g7-highmem-1', 'Linode 24GB', 'highmem', 60, {
    memory: 24576,
    disk: 20480,
    vcpus: 2,
    transfer: 5000,
    network_out: 5000,
  }),
];

export interface LinodeImage {
  id: string;
  label: string;
  deprecated: boolean;
  size: number;
  created: string;
  updated: string;
  description: string | null;
  created_by: string;
  type: 'manual' | 'automatic';
  tags: string[];
  is_public: boolean;
  vendor: string | null;
  expiry: string | null;
  eol: string | null;
  regions: string[];
  status: 'available';
  capabilities: string[];
}

function image(
  id: string,
  label: string,
  vendor: string,
  size: number,
  eol: string,
  deprecated = false,
): LinodeImage {
  return {
    id,
    label,
    deprecated,
    size,
    created: '2024-06-01T00:00:00',
    updated: '2024-06-01T00:00:00',
    description: null,
    created_by: 'linode',
    type: 'manual',
    tags: [],
    is_public: true,
    vendor,
    expiry: null,
    eol,
    regions: [],
    status: 'available',
    capabilities: ['cloud-init', 'distributed-sites'],
  };
}

export const LINODE_IMAGES: LinodeImage[] = [
  image('linode/debian12', 'Debian 12', 'Debian', 1800, '2028-06-30T04:00:00'),
  image('linode/debian11', 'Debian 11', 'Debian', 1700, '2026-08-31T04:00:00'),
  image('linode/ubuntu24.04', 'Ubuntu 24.04 LTS', 'Ubuntu', 2500, '2029-04-30T04:00:00'),
  image('linode/ubuntu22.04', 'Ubuntu 22.04 LTS', 'Ubuntu', 2500, '2027-04-30T04:00:00'),
  image('linode/almalinux9', 'AlmaLinux 9', 'AlmaLinux', 2000, '2032-05-31T04:00:00'),
  image('linode/ubuntu20.04', 'Ubuntu 20.04 LTS', 'Ubuntu', 2300, '2025-04-30T04:00:00', true),
];

export interface UserDefinedField {
  name: string;
  label: string;
  example?: string;
  default?: string;
  /** The real API spells these lowercase (linode.md §2.9); the spec's oneOf/manyOf is wrong. */
  oneof?: string;
  manyof?: string;
}

export interface LinodeStackScript {
  id: number;
  username: string;
  user_gravatar_id: string;
  label: string;
  description: string;
  ordinal: number;
  logo_url: string;
  images: string[];
  deployments_total: number;
  deployments_active: number;
  is_public: boolean;
  mine: boolean;
  created: string;
  updated: string;
  rev_note: string;
  script: string;
  user_defined_fields: UserDefinedField[];
}

const WORDPRESS_UDFS: UserDefinedField[] = [
  {
    name: 'soa_email_address',
    label: 'Email address for the Let’s Encrypt certificate',
    example: 'admin@example.com',
  },
  { name: 'site_title', label: 'Website title', default: 'My WordPress Site' },
  { name: 'webserver_stack', label: 'Web server', oneof: 'LAMP,LEMP', default: 'LAMP' },
  {
    name: 'extras',
    label: 'Extra packages',
    manyof: 'fail2ban,ufw,unattended-upgrades',
    default: 'ufw',
  },
];

const DOCKER_UDFS: UserDefinedField[] = [
  { name: 'portainer', label: 'Install Portainer?', oneof: 'yes,no', default: 'no' },
  { name: 'swap_gb', label: 'Swap size in GB', default: '2' },
  { name: 'compose_url', label: 'URL of a compose.yaml to start (optional)', default: '' },
];

function udfTags(fields: UserDefinedField[]): string {
  return fields
    .map(
      (f) =>
        `# <UDF name="${f.name}" label="${f.label}"${f.oneof ? ` oneof="${f.oneof}"` : ''}${f.manyof ? ` manyof="${f.manyof}"` : ''}${f.default !== undefined ? ` default="${f.default}"` : ''}${f.example ? ` example="${f.example}"` : ''}>`,
    )
    .join('\n');
}

export const LINODE_STACKSCRIPTS: LinodeStackScript[] = [
  {
    id: 1_340_716,
    username: 'launchpad-apps',
    user_gravatar_id: 'a445b305abda30ebc766bc7fda037c37',
    label: 'WordPress One-Click',
    description: 'WordPress on a LAMP or LEMP stack with a Let’s Encrypt certificate.',
    ordinal: 0,
    logo_url: '',
    images: ['linode/debian12', 'linode/ubuntu24.04', 'linode/ubuntu22.04'],
    deployments_total: 18_422,
    deployments_active: 3_107,
    is_public: true,
    mine: false,
    created: '2023-03-14T15:09:26',
    updated: '2025-10-01T09:00:00',
    rev_note: 'Debian 12 and Ubuntu 24.04',
    script: `#!/bin/bash\n${udfTags(WORDPRESS_UDFS)}\nset -euo pipefail\napt-get update && apt-get install -y wordpress\n`,
    user_defined_fields: WORDPRESS_UDFS,
  },
  {
    id: 1_340_802,
    username: 'launchpad-apps',
    user_gravatar_id: 'a445b305abda30ebc766bc7fda037c37',
    label: 'Docker Host',
    description: 'Docker Engine and Compose, optionally Portainer, on a hardened host.',
    ordinal: 0,
    logo_url: '',
    images: ['linode/ubuntu24.04', 'linode/debian12'],
    deployments_total: 9_871,
    deployments_active: 1_422,
    is_public: true,
    mine: false,
    created: '2024-01-09T10:12:00',
    updated: '2025-09-12T08:30:00',
    rev_note: 'Compose v2',
    script: `#!/bin/bash\n${udfTags(DOCKER_UDFS)}\nset -euo pipefail\ncurl -fsSL https://get.docker.com | sh\n`,
    user_defined_fields: DOCKER_UDFS,
  },
];
