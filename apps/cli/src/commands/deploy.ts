import {
  type DeploymentCreated,
  type DeploymentView,
  IDEMPOTENCY_KEY_HEADER,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import { ApiSession } from '../auth/session';
import { type CommandSpec, PROVIDERS } from '../command';
import { type CliIo, EXIT } from '../io';
import { UsageError } from '../usage-error';
import { promptDeploy } from './deploy-prompts';
import { followDeployment } from './deployment-events';

export interface DeployFlags {
  provider?: string;
  application?: string;
  plan?: string;
  region?: string;
  image?: string;
  label?: string;
  field?: string[];
}

const REQUIRED = ['provider', 'application', 'plan', 'region', 'image', 'label'] as const;

export const DEPLOY: CommandSpec = {
  name: 'deploy',
  summary: 'Create a server and follow its progress',
  usage:
    'deploy --provider <provider> --application <id> --plan <id> --region <id> --image <id> ' +
    '--label <name> [--field <name=value> …] [--json]',
  description:
    'Creates the server in your linked account (sent once, with an Idempotency-Key), follows ' +
    'its progress with a bar until it runs, then prints how to reach it and its root password, ' +
    'which is shown only this once. At a terminal, it asks for whatever the options leave out, ' +
    'from the catalog; elsewhere, all six of --provider, --application, --plan, --region, ' +
    '--image and --label are needed (the ids are those of GET /api/catalog/<provider>).',
  options: {
    provider: {
      type: 'string',
      value: '<provider>',
      description: 'linode or digitalocean',
      choices: PROVIDERS,
    },
    application: {
      type: 'string',
      value: '<id>',
      description: 'What to install: plain, wordpress, docker, or one of your own',
    },
    plan: { type: 'string', value: '<id>', description: 'The plan (size), e.g. g6-nanode-1' },
    region: { type: 'string', value: '<id>', description: 'The region, e.g. us-east' },
    image: { type: 'string', value: '<id>', description: 'The image, e.g. linode/debian12' },
    label: { type: 'string', value: '<name>', description: "The server's name" },
    field: {
      type: 'string',
      multiple: true,
      value: '<name=value>',
      description:
        'An application field, once per field, e.g. soa_email_address=you@example.com (the ones left out keep their defaults)',
    },
    json: {
      type: 'boolean',
      description: 'No progress bar; print the final deployment and root password as JSON',
    },
  },
  remote: true,
  examples: [
    'launchpad deploy',
    'launchpad deploy --provider linode --application wordpress --plan g6-nanode-1 \\\n' +
      '    --region us-east --image linode/debian12 --label blog \\\n' +
      '    --field soa_email_address=ada@example.com',
  ],
  run: (io, input) =>
    deploy(
      io,
      {
        ...Object.fromEntries(REQUIRED.map((name) => [name, input.options[name] as string])),
        field: input.options['field'] as string[] | undefined,
      },
      { url: input.url(), json: input.json },
    ),
};

const PROGRESS: Record<string, number> = {
  queued: 10,
  provisioning: 40,
  booting: 75,
  running: 100,
  failed: 100,
};

function bar(status: string): string {
  const filled = Math.round((PROGRESS[status] ?? 0) / 5);
  return `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${String(PROGRESS[status] ?? 0).padStart(3)}% ${status}`;
}

/**
 * `launchpad deploy`: creates the server (one Idempotency-Key per invocation), then follows its
 * progress with a bar, and prints how to reach it and the root password, once. Exit 0 when it
 * runs, 1 when it failed; a UsageError when a flag is missing and nobody can be asked.
 */
export async function deploy(
  io: CliIo,
  given: DeployFlags,
  options: { url: string; json: boolean },
): Promise<number> {
  if (given.provider && !(PROVIDERS as readonly string[]).includes(given.provider)) {
    throw new UsageError(`--provider must be linode or digitalocean (got '${given.provider}')`);
  }
  const session = new ApiSession(io, options.url);
  // At a terminal, ask for what the flags left out.
  const flags = await promptDeploy(io, session, given);
  const missing = REQUIRED.filter((name) => !flags[name]);
  if (missing.length > 0) {
    throw new UsageError(
      `deploy needs ${missing.map((m) => `--${m}`).join(', ')} (see GET /api/catalog/<provider>)`,
    );
  }
  const fields: Record<string, string> = {};
  for (const pair of flags.field ?? []) {
    const index = pair.indexOf('=');
    if (index < 1) throw new UsageError(`--field takes name=value (got '${pair}')`);
    fields[pair.slice(0, index)] = pair.slice(index + 1);
  }
  const created = await session.request<DeploymentCreated>(
    'POST',
    '/api/deployments',
    {
      provider: flags.provider,
      application: flags.application,
      plan: flags.plan,
      region: flags.region,
      image: flags.image,
      label: flags.label,
      fields,
    },
    { [IDEMPOTENCY_KEY_HEADER]: randomUUID() },
  );
  const draw = (view: DeploymentView) =>
    !options.json && io.stderr(`\r${bar(view.status)} ${view.message ?? ''}`.padEnd(100));
  draw(created.deployment);
  const final = await followDeployment(session, created.deployment, draw);
  if (!options.json) io.stderr('\n');
  if (options.json) {
    io.stdout(`${JSON.stringify({ deployment: final, rootPassword: created.rootPassword })}\n`);
  } else if (final.status === 'running') {
    const access = final.access
      .filter((point) => !point.url.startsWith('ssh:'))
      .map((point) => `  ${point.label}: ${point.url}\n`)
      .join('');
    io.stdout(
      `\n${final.label} is running at ${final.ipv4}.\n  ${final.sshCommand}\n${access}` +
        (created.rootPassword
          ? `  root password (shown only now; Launchpad does not keep it): ${created.rootPassword}\n`
          : ''),
    );
  } else {
    io.stderr(`\nThe deployment failed: ${final.message}\n`);
  }
  return final.status === 'running' ? EXIT.ok : EXIT.failure;
}
