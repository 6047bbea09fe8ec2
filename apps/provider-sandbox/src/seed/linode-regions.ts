/** A slice of Linode's real core regions (ids, labels and countries as the API returns them). */
export interface LinodeRegion {
  id: string;
  label: string;
  country: string;
  capabilities: string[];
  status: 'ok' | 'outage';
  resolvers: { ipv4: string; ipv6: string };
  site_type: 'core' | 'distributed';
}

const CORE_CAPABILITIES = [
  'Linodes',
  'Backups',
  'NodeBalancers',
  'Block Storage',
  'Cloud Firewall',
  'Vlans',
  'Metadata',
  'StackScripts',
];

function region(id: string, label: string, country: string, resolverBase: string): LinodeRegion {
  return {
    id,
    label,
    country,
    capabilities: CORE_CAPABILITIES,
    status: 'ok',
    resolvers: {
      ipv4: [5, 6, 7].map((n) => `${resolverBase}.${n}`).join(','),
      ipv6: '2600:3c00::5,2600:3c00::6,2600:3c00::7',
    },
    site_type: 'core',
  };
}

export const LINODE_REGIONS: LinodeRegion[] = [
  region('us-east', 'Newark, NJ', 'us', '173.255.225'),
  region('us-central', 'Dallas, TX', 'us', '72.14.179'),
  region('us-west', 'Fremont, CA', 'us', '173.230.145'),
  region('us-southeast', 'Atlanta, GA', 'us', '74.207.231'),
  region('eu-west', 'London, UK', 'gb', '178.79.182'),
  region('eu-central', 'Frankfurt, DE', 'de', '139.162.130'),
  region('ap-south', 'Singapore, SG', 'sg', '139.162.11'),
  region('ap-northeast', 'Tokyo 2, JP', 'jp', '139.162.66'),
];
