import type {
  AccessPoint,
  ApplicationView,
  FieldView,
  ProviderName,
} from '@launchpad/shared-api-types';
import { z } from 'zod';
import type { CloudConfig } from './cloud-config';

/**
 * A deployable application: on Linode a public StackScript (its UDFs are its fields), on
 * DigitalOcean a cloud-config document whose `{{field}}` placeholders take the same kind of
 * fields (see renderCloudConfig). `plain` deploys just an image.
 */
export interface ApplicationDefinition {
  id: string;
  name: string;
  description: string;
  linode?: {
    stackscriptId: number | null;
    /**
     * Kinds (and bounds) for the StackScript's UDFs, by name: Linode's UDFs carry no type
     * (linode.md §2), so without this every field not oneof/manyof is free text.
     */
    fields?: Record<string, Partial<Pick<FieldView, 'kind' | 'min' | 'max'>>>;
  };
  digitalocean?: { cloudConfig: CloudConfig | null; fields: FieldView[]; images: string[] | null };
  /** Scopes beyond sign-in's that deploying it needs, per provider (usually none). */
  requiredScopes?: Partial<Record<ProviderName, string>>;
  /**
   * How to reach it once running: `url` is an `http://`, `https://` or `ssh://` URL in which
   * `{{ipv4}}` stands for the server's IPv4 address. Unset: `ssh://root@{{ipv4}}`.
   */
  access?: AccessPoint[];
}

/** What every server offers when its application declares nothing else. */
const SSH_ACCESS: AccessPoint = { label: 'SSH', url: 'ssh://root@{{ipv4}}' };

const field = (
  name: string,
  label: string,
  options: Partial<
    Pick<FieldView, 'default' | 'example' | 'kind' | 'options' | 'min' | 'max'>
  > = {},
): FieldView => ({
  name,
  label,
  required: options.default === undefined,
  default: options.default ?? null,
  example: options.example ?? null,
  kind: options.kind ?? 'text',
  options: options.options ?? [],
  min: options.min ?? null,
  max: options.max ?? null,
});

/** The built-in catalog; APPLICATIONS_FILE replaces it with your own (same JSON shape). */
export const BUILT_IN_APPLICATIONS: ApplicationDefinition[] = [
  {
    id: 'plain',
    name: 'Plain server',
    description: 'Just the operating system you pick, ready for SSH.',
    linode: { stackscriptId: null },
    digitalocean: { cloudConfig: null, fields: [], images: null },
  },
  {
    id: 'wordpress',
    name: 'WordPress',
    description: 'WordPress on a LAMP or LEMP stack with a Let’s Encrypt certificate.',
    linode: { stackscriptId: 1_340_716, fields: { soa_email_address: { kind: 'email' } } },
    access: [
      { label: 'Website', url: 'http://{{ipv4}}/' },
      { label: 'WordPress admin', url: 'http://{{ipv4}}/wp-admin' },
      SSH_ACCESS,
    ],
    digitalocean: {
      images: ['debian-12-x64', 'ubuntu-24-04-x64', 'ubuntu-22-04-x64'],
      fields: [
        field('soa_email_address', 'Email address for the Let’s Encrypt certificate', {
          example: 'admin@example.com',
          kind: 'email',
        }),
        field('site_title', 'Website title', { default: 'My WordPress Site' }),
        field('webserver_stack', 'Web server', {
          default: 'LAMP',
          kind: 'oneof',
          options: ['LAMP', 'LEMP'],
        }),
      ],
      cloudConfig: {
        package_update: true,
        packages: ['wordpress', 'certbot'],
        write_files: [
          {
            path: '/etc/launchpad/wordpress.env',
            permissions: '0600',
            content: [
              'SITE_TITLE={{site_title|shell}}',
              'STACK={{webserver_stack|shell}}',
              'LETSENCRYPT_EMAIL={{soa_email_address|shell}}',
              '',
            ].join('\n'),
          },
        ],
        runcmd: ['echo WordPress ready > /var/log/launchpad-app.log'],
      },
    },
  },
  {
    id: 'docker',
    name: 'Docker host',
    description: 'Docker Engine and Compose, optionally with Portainer.',
    linode: { stackscriptId: 1_340_802 },
    digitalocean: {
      images: ['ubuntu-24-04-x64', 'debian-12-x64'],
      fields: [
        field('portainer', 'Install Portainer?', {
          default: 'no',
          kind: 'oneof',
          options: ['yes', 'no'],
        }),
        field('swap_gb', 'Swap size in GB', { default: '2', kind: 'number', min: 1, max: 64 }),
      ],
      cloudConfig: {
        runcmd: [
          'curl -fsSL https://get.docker.com | sh',
          'fallocate -l {{swap_gb}}G /swapfile && chmod 600 /swapfile && mkswap /swapfile && swapon /swapfile',
          'if [ {{portainer}} = yes ]; then docker run -d -p 9443:9443 portainer/portainer-ce; fi',
        ],
      },
    },
  },
];

const accessSchema = z.object({
  label: z.string().min(1).max(60),
  url: z
    .string()
    .max(500)
    .regex(/^(https?|ssh):\/\//, 'must be an http://, https:// or ssh:// URL'),
});

const fieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  required: z.boolean(),
  default: z.string().nullable(),
  example: z.string().nullable(),
  kind: z.enum(['text', 'number', 'email', 'hostname', 'oneof', 'manyof']),
  options: z.array(z.string()),
  min: z.number().int().nullable().default(null),
  max: z.number().int().nullable().default(null),
});

export const applicationsSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lowercase words with dashes'),
      name: z.string().min(1),
      description: z.string(),
      linode: z
        .object({
          stackscriptId: z.number().int().positive().nullable(),
          fields: z
            .record(z.string(), fieldSchema.pick({ kind: true, min: true, max: true }).partial())
            .optional(),
        })
        .optional(),
      digitalocean: z
        .object({
          cloudConfig: z
            .record(z.string(), z.unknown())
            .nullable()
            .refine((doc) => JSON.stringify(doc).length <= 60_000, 'is over 60,000 characters'),
          fields: z.array(fieldSchema),
          images: z.array(z.string()).nullable(),
        })
        .optional(),
      requiredScopes: z
        .object({ linode: z.string().optional(), digitalocean: z.string().optional() })
        .optional(),
      access: z.array(accessSchema).max(10).optional(),
    }),
  )
  .min(1);

export function applicationView(app: ApplicationDefinition): ApplicationView {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    providers: (['linode', 'digitalocean'] as const).filter((p) => app[p] !== undefined),
  };
}

/**
 * How to reach `app` on a server at `ipv4` (null: no address yet, so nothing): its `access`, or
 * SSH when it declares none, with `{{ipv4}}` replaced.
 */
export function accessPoints(
  app: Pick<ApplicationDefinition, 'access'> | undefined,
  ipv4: string | null,
): AccessPoint[] {
  if (!ipv4) return [];
  return (app?.access ?? [SSH_ACCESS]).map((point) => ({
    label: point.label,
    url: point.url.replaceAll('{{ipv4}}', ipv4),
  }));
}

/** The application does not exist, or does not deploy to that provider. */
export class UnknownApplicationError extends Error {
  override readonly name = 'UnknownApplicationError';
}
