import type { FieldView, ServerStatus } from '@launchpad/shared-api-types';
import type {
  ApplicationRecipe,
  CloudProviderClient,
  CreateServerInput,
  ProviderCatalog,
  ProviderServer,
} from './cloud-provider';
import { PageCountHints, fetchAllPages, pageHintKey } from './cloud-provider';
import type { ProviderHttp } from './provider-http';

interface Page<T> {
  data: T[];
  page: number;
  pages: number;
  results: number;
}

interface LinodeInstance {
  id: number;
  label: string;
  status: string;
  ipv4: string[];
  ipv6: string | null;
  region: string;
  type: string;
  image: string | null;
  created: string;
  tags: string[];
}

interface LinodeUdf {
  name: string;
  label: string;
  default?: string;
  example?: string;
  oneof?: string;
  manyof?: string;
}

const STATUS: Record<string, ServerStatus> = {
  provisioning: 'provisioning',
  booting: 'booting',
  running: 'running',
  rebooting: 'rebooting',
  offline: 'offline',
  stopped: 'offline',
  deleting: 'deleting',
};

/**
 * Linode times are UTC without a zone (`2018-01-02T03:04:05`, linode.md §2.1): as ISO 8601 UTC
 * by appending, without a Date round trip for each of thousands of servers.
 */
const utc = (time: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(time)
    ? `${time}.000Z`
    : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time}Z`).toISOString();

function toServer(instance: LinodeInstance): ProviderServer {
  return {
    id: String(instance.id),
    label: instance.label,
    status: STATUS[instance.status] ?? 'busy',
    providerStatus: instance.status,
    ipv4: instance.ipv4?.[0] ?? null,
    ipv6: instance.ipv6?.split('/')[0] ?? null,
    region: instance.region,
    plan: instance.type,
    image: instance.image,
    createdAt: utc(instance.created),
    tags: instance.tags ?? [],
  };
}

export function udfToField(udf: LinodeUdf): FieldView {
  const options = (udf.oneof ?? udf.manyof ?? '').split(',').filter(Boolean);
  return {
    name: udf.name,
    label: udf.label,
    required: udf.default === undefined,
    default: udf.default ?? null,
    example: udf.example ?? null,
    kind: udf.oneof ? 'oneof' : udf.manyof ? 'manyof' : 'text',
    options,
    // Linode's UDFs carry no type (linode.md §2): the StackScript checks its own values.
    min: null,
    max: null,
  };
}

/** Linode API v4 (linode.md §2): public catalog without a token, instances with one. */
export class LinodeClient implements CloudProviderClient {
  readonly provider = 'linode' as const;

  private readonly hints = new PageCountHints();

  constructor(private readonly http: ProviderHttp) {}

  /** Every page (500 a page, the most Linode serves), asked for at once when the count is known. */
  private async all<T>(path: string, token?: string): Promise<T[]> {
    const key = pageHintKey(path, token);
    const pages = await fetchAllPages(
      (n) =>
        this.http.request<Page<T>>({
          method: 'GET',
          path,
          token,
          query: { page: n, page_size: 500 },
        }),
      (first) => first.pages,
      this.hints.get(key),
    );
    this.hints.set(key, pages.length);
    return pages.flatMap((p) => p.data);
  }

  async catalog(): Promise<ProviderCatalog> {
    const [types, regions, images] = await Promise.all([
      this.all<{
        id: string;
        label: string;
        vcpus: number;
        memory: number;
        disk: number;
        class: string;
        price: { monthly: number; hourly: number };
      }>('/v4/linode/types'),
      this.all<{ id: string; label: string; status: string; capabilities: string[] }>(
        '/v4/regions',
      ),
      this.all<{ id: string; label: string; deprecated: boolean; is_public: boolean }>(
        '/v4/images',
      ),
    ]);
    const hosting = regions.filter((r) => r.status === 'ok' && r.capabilities.includes('Linodes'));
    return {
      plans: types.map((t) => ({
        id: t.id,
        label: t.label,
        vcpus: t.vcpus,
        memoryMb: t.memory,
        diskGb: Math.round(t.disk / 1024),
        priceMonthly: t.price.monthly,
        priceHourly: t.price.hourly,
        regions: hosting
          .filter((r) => t.class !== 'gpu' || r.capabilities.includes('GPU Linodes'))
          .map((r) => r.id),
      })),
      regions: hosting.map((r) => ({ id: r.id, label: r.label })),
      images: images
        .filter((i) => i.is_public && !i.deprecated)
        .map((i) => ({ id: i.id, label: i.label })),
    };
  }

  /** A public StackScript's compatible images and its UDFs (linode.md §2.6). */
  async stackscript(id: number): Promise<ApplicationRecipe> {
    const script = await this.http.request<{ images: string[]; user_defined_fields: LinodeUdf[] }>({
      method: 'GET',
      path: `/v4/linode/stackscripts/${id}`,
    });
    return { images: script.images, fields: script.user_defined_fields.map(udfToField) };
  }

  async listServers(token: string): Promise<ProviderServer[]> {
    return (await this.all<LinodeInstance>('/v4/linode/instances', token)).map(toServer);
  }

  async getServer(token: string, id: string): Promise<ProviderServer> {
    return toServer(
      await this.http.request<LinodeInstance>({
        method: 'GET',
        path: `/v4/linode/instances/${encodeURIComponent(id)}`,
        token,
      }),
    );
  }

  async createServer(token: string, input: CreateServerInput): Promise<ProviderServer> {
    return toServer(
      await this.http.request<LinodeInstance>({
        method: 'POST',
        path: '/v4/linode/instances',
        token,
        body: {
          label: input.label,
          type: input.plan,
          region: input.region,
          image: input.image,
          root_pass: input.rootPassword,
          tags: [input.tag],
          booted: true,
          ...(input.stackscript
            ? { stackscript_id: input.stackscript.id, stackscript_data: input.stackscript.data }
            : {}),
        },
      }),
    );
  }

  async deleteServer(token: string, id: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `/v4/linode/instances/${encodeURIComponent(id)}`,
      token,
    });
  }

  async rebootServer(token: string, id: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v4/linode/instances/${encodeURIComponent(id)}/reboot`,
      token,
      body: {},
    });
  }
}
