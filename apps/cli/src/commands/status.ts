import type { HealthResponse } from '@launchpad/shared-api-types';
import { type CommandSpec, JSON_OPTION } from '../command';
import { fetchLaunchpad } from '../fetch-launchpad';
import { type CliIo, EXIT } from '../io';

export interface StatusOptions {
  url: string;
  json: boolean;
}

export const STATUS: CommandSpec = {
  name: 'status',
  summary: 'Check that the Launchpad API and its database are up',
  usage: 'status [--json]',
  description:
    'Reads GET /api/health (no login needed). Exits 0 when all is up, 1 when Launchpad reports ' +
    'a problem (its database is down), 2 when it cannot be reached or is not Launchpad.',
  options: { json: JSON_OPTION },
  remote: true,
  examples: ['launchpad status', 'launchpad status --url https://launchpad.example.com --json'],
  run: (io, input) => status(io, { url: input.url(), json: input.json }),
};

/**
 * `launchpad status`: GET /api/health; exit 0 when all is up, 1 when the API reports a problem,
 * 2 when the answer is not Launchpad's; throws `Unreachable` when nothing answers (within 10 s).
 */
export async function status(io: CliIo, options: StatusOptions): Promise<number> {
  const res = await fetchLaunchpad(io, options.url, '/api/health', {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => undefined)) as HealthResponse | undefined;
  if (!body || typeof body.status !== 'string' || typeof body.database !== 'object') {
    io.stderr(`${options.url} did not answer like Launchpad (HTTP ${res.status})\n`);
    return EXIT.unreachable;
  }
  io.stdout(options.json ? `${JSON.stringify(body)}\n` : formatHealth(options.url, body));
  return body.status === 'ok' ? EXIT.ok : EXIT.failure;
}

export function formatHealth(url: string, health: HealthResponse): string {
  const db = health.database;
  const dbDetail =
    db.status === 'up'
      ? `${db.driver}, ${db.latencyMs ?? '?'} ms`
      : `${db.driver}${db.reason ? `: ${db.reason}` : ''}`;
  const rows: [string, string][] = [
    ['Launchpad', url],
    ['Version', health.version],
    ['API', health.status === 'ok' ? 'ok' : 'error'],
    ['Database', `${db.status} (${dbDetail})`],
  ];
  return rows.map(([key, value]) => `${key.padEnd(10)} ${value}`).join('\n') + '\n';
}
