/** A slice of DigitalOcean's real regions, in the API's shape. */
export interface DigitalOceanRegion {
  slug: string;
  name: string;
  sizes: string[];
  available: boolean;
  features: string[];
}

const SIZES = [
  's-1vcpu-512mb-10gb',
  's-1vcpu-1gb',
  's-1vcpu-2gb',
  's-2vcpu-2gb',
  's-2vcpu-4gb',
  's-4vcpu-8gb',
];
const FEATURES = ['backups', 'ipv6', 'metadata', 'install_agent', 'storage', 'image_transfer'];

function region(slug: string, name: string, available = true): DigitalOceanRegion {
  return { slug, name, sizes: available ? SIZES : [], available, features: FEATURES };
}

export const DIGITALOCEAN_REGIONS: DigitalOceanRegion[] = [
  region('nyc1', 'New York 1'),
  region('nyc3', 'New York 3'),
  region('sfo3', 'San Francisco 3'),
  region('ams3', 'Amsterdam 3'),
  region('lon1', 'London 1'),
  region('fra1', 'Frankfurt 1'),
  region('sgp1', 'Singapore 1'),
  region('nyc2', 'New York 2', false),
];
