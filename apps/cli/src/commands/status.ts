import type { HealthResponse } from '@launchpad/shared-api-types';
import { type CliIo, EXIT } from '../io';

export interface StatusOptions {
  url: string;
  json: boolean;
}

/** `launchpad status`: GET /api/health; exit 0 when all is up, 1 when the API reports a problem. */
export async function status(io: CliIo, options: StatusOptions): Promise<number> {
  let res: Response;
  try {
    res = await io.fetch(`${options.url}/api/health`, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    io.stderr(`Cannot reach Launchpad at ${options.url}: ${reason(error)}\n`);
    return EXIT.unreachable;
  }
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

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
