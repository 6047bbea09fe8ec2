import type { ServerStatus } from '@launchpad/shared-api-types';
import type {
  CloudProviderClient,
  CreateServerInput,
  ProviderCatalog,
  ProviderServer,
} from './cloud-provider';
import { PageCountHints, fetchAllPages, pageHintKey } from './cloud-provider';
import type { ProviderHttp } from './provider-http';

interface Droplet {
  id: number;
  name: string;
  status: string;
  locked: boolean;
  networks: {
    v4: { ip_address: string; type: string }[];
    v6: { ip_address: string; type: string }[];
  };
  region: { slug: string };
  size_slug: string;
  image: { slug: string | null; name: string; distribution?: string } | null;
  created_at: string;
  tags: string[];
}

const PER_PAGE = 200;

const STATUS: Record<string, ServerStatus> = {
  new: 'provisioning',
  active: 'running',
  off: 'offline',
  archive: 'offline',
};

function toServer(droplet: Droplet): ProviderServer {
  const publicAddress = (list: { ip_address: string; type: string }[] | undefined) =>
    list?.find((n) => n.type === 'public')?.ip_address ?? null;
  return {
    id: String(droplet.id),
    label: droplet.name,
    // A running droplet with an action in progress (`locked`) is busy, e.g. rebooting.
    status:
      droplet.status === 'active' && droplet.locked ? 'busy' : (STATUS[droplet.status] ?? 'busy'),
    providerStatus: droplet.status,
    ipv4: publicAddress(droplet.networks?.v4),
    ipv6: publicAddress(droplet.networks?.v6),
    region: droplet.region?.slug ?? '',
    plan: droplet.size_slug,
    image: droplet.image?.slug ?? droplet.image?.name ?? null,
    // `2020-07-21T18:37:44Z` as ISO 8601 with milliseconds, without a Date for each droplet.
    createdAt: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(droplet.created_at)
      ? `${droplet.created_at.slice(0, -1)}.000Z`
      : new Date(droplet.created_at).toISOString(),
    tags: droplet.tags ?? [],
  };
}

/** DigitalOcean API v2 (digitalocean.md §2): every call needs the token, even the catalog. */
export class DigitalOceanClient implements CloudProviderClient {
  readonly provider = 'digitalocean' as const;

  private readonly hints = new PageCountHints();

  constructor(private readonly http: ProviderHttp) {}

  /** Every page (200 a page, the most DigitalOcean serves); `meta.total` tells how many. */
  private async all<T>(
    path: string,
    root: string,
    token: string | undefined,
    query: Record<string, string> = {},
  ): Promise<T[]> {
    const page = (n: number) =>
      this.http.request<Record<string, unknown> & { meta?: { total?: number } }>({
        method: 'GET',
        path,
        token,
        query: { ...query, page: n, per_page: PER_PAGE },
      });
    const key = pageHintKey(path, token);
    const pages = await fetchAllPages(
      page,
      (first) => Math.ceil((first.meta?.total ?? 0) / PER_PAGE),
      this.hints.get(key),
    );
    this.hints.set(key, pages.length);
    return pages.flatMap((p) => (Array.isArray(p[root]) ? (p[root] as T[]) : []));
  }

  async catalog(token: string | undefined): Promise<ProviderCatalog> {
    const [sizes, regions, images] = await Promise.all([
      this.all<{
        slug: string;
        description: string;
        vcpus: number;
        memory: number;
        disk: number;
        price_monthly: number;
        price_hourly: number;
        regions: string[];
        available: boolean;
      }>('/v2/sizes', 'sizes', token),
      this.all<{ slug: string; name: string; available: boolean }>('/v2/regions', 'regions', token),
      this.all<{ slug: string | null; name: string; distribution: string }>(
        '/v2/images',
        'images',
        token,
        { type: 'distribution' },
      ),
    ]);
    const open = regions.filter((r) => r.available);
    return {
      plans: sizes
        .filter((s) => s.available)
        .map((s) => ({
          id: s.slug,
          label: `${s.description} ${s.vcpus} vCPU · ${s.memory >= 1024 ? `${s.memory / 1024} GB` : `${s.memory} MB`}`,
          vcpus: s.vcpus,
          memoryMb: s.memory,
          diskGb: s.disk,
          priceMonthly: s.price_monthly,
          priceHourly: s.price_hourly,
          regions: s.regions.filter((slug) => open.some((r) => r.slug === slug)),
        })),
      regions: open.map((r) => ({ id: r.slug, label: r.name })),
      images: images
        .filter((i) => i.slug)
        .map((i) => ({ id: i.slug ?? '', label: `${i.distribution} ${i.name}` })),
    };
  }

  async listServers(token: string): Promise<ProviderServer[]> {
    return (await this.all<Droplet>('/v2/droplets', 'droplets', token)).map(toServer);
  }

  async getServer(token: string, id: string): Promise<ProviderServer> {
    const { droplet } = await this.http.request<{ droplet: Droplet }>({
      method: 'GET',
      path: `/v2/droplets/${encodeURIComponent(id)}`,
      token,
    });
    return toServer(droplet);
  }

  async createServer(token: string, input: CreateServerInput): Promise<ProviderServer> {
    const { droplet } = await this.http.request<{ droplet: Droplet }>({
      method: 'POST',
      path: '/v2/droplets',
      token,
      body: {
        name: input.label,
        size: input.plan,
        region: input.region,
        image: input.image,
        tags: [input.tag],
        // DigitalOcean has no root_pass: cloud-init sets it (and runs the application's recipe).
        user_data: input.userData,
      },
    });
    return toServer(droplet);
  }

  async deleteServer(token: string, id: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `/v2/droplets/${encodeURIComponent(id)}`,
      token,
    });
  }

  async rebootServer(token: string, id: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v2/droplets/${encodeURIComponent(id)}/actions`,
      token,
      body: { type: 'reboot' },
    });
  }
}
