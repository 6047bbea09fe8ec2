import { DIGITALOCEAN_REGIONS } from './digitalocean-regions';

/** DigitalOcean sizes and distribution images with real slugs and prices (do.md §2.6). */
export interface DigitalOceanSize {
  slug: string;
  memory: number;
  vcpus: number;
  disk: number;
  transfer: number;
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
  description: string;
}

const availableIn = DIGITALOCEAN_REGIONS.filter((r) => r.available).map((r) => r.slug);

function size(
  slug: string,
  memory: number,
  vcpus: number,
  disk: number,
  transfer: number,
  monthly: number,
  description = 'Basic',
): DigitalOceanSize {
  return {
    slug,
    memory,
    vcpus,
    disk,
    transfer,
    price_monthly: monthly,
    price_hourly: Math.round((monthly / 672) * 100000) / 100000,
    regions: availableIn,
    available: true,
    description,
  };
}

export const DIGITALOCEAN_SIZES: DigitalOceanSize[] = [
  size('s-1vcpu-512mb-10gb', 512, 1, 10, 0.5, 4),
  size('s-1vcpu-1gb', 1024, 1, 25, 1, 6),
  size('s-1vcpu-2gb', 2048, 1, 50, 2, 12),
  size('s-2vcpu-2gb', 2048, 2, 60, 3, 18),
  size('s-2vcpu-4gb', 4096, 2, 80, 4, 24),
  size('s-4vcpu-8gb', 8192, 4, 160, 5, 48),
];

export interface DigitalOceanImage {
  id: number;
  name: string;
  type: 'base';
  distribution: string;
  slug: string;
  public: boolean;
  regions: string[];
  created_at: string;
  min_disk_size: number;
  size_gigabytes: number;
  description: string;
  tags: string[];
  status: 'available';
  error_message: string;
}

function image(
  id: number,
  distribution: string,
  name: string,
  slug: string,
  sizeGb: number,
): DigitalOceanImage {
  return {
    id,
    name,
    type: 'base',
    distribution,
    slug,
    public: true,
    regions: availableIn,
    created_at: '2024-06-01T00:00:00Z',
    min_disk_size: 7,
    size_gigabytes: sizeGb,
    description: `${distribution} ${name} x64`,
    tags: [],
    status: 'available',
    error_message: '',
  };
}

export const DIGITALOCEAN_IMAGES: DigitalOceanImage[] = [
  image(162_175_051, 'Ubuntu', '24.04 (LTS) x64', 'ubuntu-24-04-x64', 2.36),
  image(129_211_873, 'Ubuntu', '22.04 (LTS) x64', 'ubuntu-22-04-x64', 2.2),
  image(132_826_414, 'Debian', '12 x64', 'debian-12-x64', 1.64),
  image(145_318_203, 'Fedora', '40 x64', 'fedora-40-x64', 1.9),
  image(131_446_437, 'Rocky Linux', '9 x64', 'rockylinux-9-x64', 1.75),
];
