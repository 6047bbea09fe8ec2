import type { ApplicationView, FieldView, ProviderName } from '@launchpad/shared-api-types';
import { z } from 'zod';

/**
 * A deployable application: on Linode a public StackScript (its UDFs are its fields), on
 * DigitalOcean a cloud-init template whose `{{field}}` placeholders take the same kind of fields.
 * `plain` deploys just an image.
 */
export interface ApplicationDefinition {
  id: string;
  name: string;
  description: string;
  linode?: { stackscriptId: number | null };
  digitalocean?: { userData: string | null; fields: FieldView[]; images: string[] | null };
  /** Scopes beyond sign-in's that deploying it needs, per provider (usually none). */
  requiredScopes?: Partial<Record<ProviderName, string>>;
}

const field = (
  name: string,
  label: string,
  options: Partial<Pick<FieldView, 'default' | 'example' | 'kind' | 'options'>> = {},
): FieldView => ({
  name,
  label,
  required: options.default === undefined,
  default: options.default ?? null,
  example: options.example ?? null,
  kind: options.kind ?? 'text',
  options: options.options ?? [],
});

/** The built-in catalog; APPLICATIONS_FILE replaces it with your own (same JSON shape). */
export const BUILT_IN_APPLICATIONS: ApplicationDefinition[] = [
  {
    id: 'plain',
    name: 'Plain server',
    description: 'Just the operating system you pick, ready for SSH.',
    linode: { stackscriptId: null },
    digitalocean: { userData: null, fields: [], images: null },
  },
  {
    id: 'wordpress',
    name: 'WordPress',
    description: 'WordPress on a LAMP or LEMP stack with a Let’s Encrypt certificate.',
    linode: { stackscriptId: 1_340_716 },
    digitalocean: {
      images: ['debian-12-x64', 'ubuntu-24-04-x64', 'ubuntu-22-04-x64'],
      fields: [
        field('soa_email_address', 'Email address for the Let’s Encrypt certificate', {
          example: 'admin@example.com',
        }),
        field('site_title', 'Website title', { default: 'My WordPress Site' }),
        field('webserver_stack', 'Web server', {
          default: 'LAMP',
          kind: 'oneof',
          options: ['LAMP', 'LEMP'],
        }),
      ],
      userData: [
        '#cloud-config',
        'package_update: true',
        'packages: [wordpress, certbot]',
        'write_files:',
        '  - path: /etc/launchpad/wordpress.env',
        '    content: |',
        '      SITE_TITLE={{site_title}}',
        '      STACK={{webserver_stack}}',
        '      LETSENCRYPT_EMAIL={{soa_email_address}}',
        'runcmd:',
        '  - [sh, -c, "echo WordPress ready > /var/log/launchpad-app.log"]',
      ].join('\n'),
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
        field('swap_gb', 'Swap size in GB', { default: '2' }),
      ],
      userData: [
        '#cloud-config',
        'runcmd:',
        '  - [sh, -c, "curl -fsSL https://get.docker.com | sh"]',
        '  - [sh, -c, "fallocate -l {{swap_gb}}G /swapfile && mkswap /swapfile && swapon /swapfile"]',
        '  - [sh, -c, "test {{portainer}} = yes && docker run -d -p 9443:9443 portainer/portainer-ce || true"]',
      ].join('\n'),
    },
  },
];

const fieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  required: z.boolean(),
  default: z.string().nullable(),
  example: z.string().nullable(),
  kind: z.enum(['text', 'oneof', 'manyof']),
  options: z.array(z.string()),
});

export const applicationsSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lowercase words with dashes'),
      name: z.string().min(1),
      description: z.string(),
      linode: z.object({ stackscriptId: z.number().int().positive().nullable() }).optional(),
      digitalocean: z
        .object({
          userData: z.string().max(60_000).nullable(),
          fields: z.array(fieldSchema),
          images: z.array(z.string()).nullable(),
        })
        .optional(),
      requiredScopes: z
        .object({ linode: z.string().optional(), digitalocean: z.string().optional() })
        .optional(),
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

/** YAML-safe: a double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (value: string) => JSON.stringify(value);

/**
 * The cloud-init user data of a DigitalOcean deployment: the application's template with its
 * fields filled in, plus the root password (DigitalOcean's API has no root_pass; cloud-init sets
 * it, and enables password login, as Linode does for its root_pass).
 */
export function renderUserData(
  template: string | null,
  values: Record<string, string>,
  rootPassword: string,
): string {
  const body = (template ?? '#cloud-config').replace(/\{\{([a-z0-9_]+)\}\}/g, (_, name: string) =>
    (values[name] ?? '').replace(/[\r\n]/g, ' '),
  );
  const lines = body.split('\n');
  const header = lines[0]?.startsWith('#cloud-config') ? lines.shift() : '#cloud-config';
  return [
    header,
    'ssh_pwauth: true',
    'chpasswd:',
    '  expire: false',
    '  users:',
    `    - {name: root, password: ${yamlString(rootPassword)}, type: text}`,
    ...lines,
  ].join('\n');
}

/** The application does not exist, or does not deploy to that provider. */
export class UnknownApplicationError extends Error {
  override readonly name = 'UnknownApplicationError';
}
