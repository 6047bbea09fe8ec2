import {
  type DeploymentCreated,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
  IDEMPOTENCY_KEY_HEADER,
  type ServerActionResult,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import { ApiSession } from '../auth/session';
import { type CliIo, EXIT } from '../io';
import { UsageError } from '../usage-error';
import { promptDeploy } from './deploy-prompts';

export interface DeployFlags {
  provider?: string;
  application?: string;
  plan?: string;
  region?: string;
  image?: string;
  label?: string;
  field?: string[];
}

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

async function failed(io: CliIo, error: unknown): Promise<number> {
  io.stderr(`launchpad: ${(error as Error).message}\n`);
  return EXIT.failure;
}

/** `launchpad reboot <provider> <id>` and `launchpad delete <provider> <id>`. */
export async function serverAction(
  io: CliIo,
  action: 'reboot' | 'delete',
  args: string[],
  options: { url: string; json: boolean },
): Promise<number> {
  const [provider, id] = args;
  if (!provider || !id)
    throw new UsageError(`usage: launchpad ${action} <linode|digitalocean> <server id>`);
  try {
    const session = new ApiSession(io, options.url);
    const path = `/api/servers/${encodeURIComponent(provider)}/${encodeURIComponent(id)}`;
    const result =
      action === 'reboot'
        ? await session.request<ServerActionResult>('POST', `${path}/reboot`)
        : await session.request<ServerActionResult>('DELETE', path);
    io.stdout(options.json ? `${JSON.stringify(result)}\n` : `${result.message}\n`);
    return EXIT.ok;
  } catch (error) {
    return failed(io, error);
  }
}

/**
 * `launchpad deploy --provider … --application … --plan … --region … --image … --label …
 * [--field name=value …]`: creates the server (one Idempotency-Key per invocation), then follows
 * its progress with a bar, and prints how to reach it and the root password, once.
 */
export async function deploy(
  io: CliIo,
  given: DeployFlags,
  options: { url: string; json: boolean },
): Promise<number> {
  const session = new ApiSession(io, options.url);
  let flags = given;
  try {
    // At a terminal, ask for what the flags left out.
    flags = await promptDeploy(io, session, given);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return failed(io, error);
  }
  const required = ['provider', 'application', 'plan', 'region', 'image', 'label'] as const;
  const missing = required.filter((name) => !flags[name]);
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
  try {
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
    const final = await follow(io, session, created.deployment, options.json);
    if (options.json) {
      io.stdout(`${JSON.stringify({ deployment: final, rootPassword: created.rootPassword })}\n`);
    } else if (final.status === 'running') {
      io.stdout(
        `\n${final.label} is running at ${final.ipv4}.\n  ${final.sshCommand}\n` +
          (created.rootPassword
            ? `  root password (shown only now; Launchpad does not keep it): ${created.rootPassword}\n`
            : ''),
      );
    } else {
      io.stderr(`\nThe deployment failed: ${final.message}\n`);
    }
    return final.status === 'running' ? EXIT.ok : EXIT.failure;
  } catch (error) {
    return failed(io, error);
  }
}

/** Reads the deployment's Server-Sent Events to the end, drawing the progress bar. */
async function follow(
  io: CliIo,
  session: ApiSession,
  start: DeploymentView,
  quiet: boolean,
): Promise<DeploymentView> {
  let current = start;
  const draw = () =>
    !quiet && io.stderr(`\r${bar(current.status)} ${current.message ?? ''}`.padEnd(100));
  draw();
  while (!FINAL_DEPLOYMENT_STATUSES.includes(current.status)) {
    const res = await session.raw(
      'GET',
      `/api/deployments/${current.id}/events`,
      undefined,
      { Accept: 'text/event-stream', 'Last-Event-ID': String(current.version) },
      20 * 60_000,
    );
    if (res.status === 204 || !res.body) break;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (data && /^event: status$/m.test(event)) {
          current = JSON.parse(data) as DeploymentView;
          draw();
        }
      }
    }
  }
  if (!quiet) io.stderr('\n');
  return current;
}
