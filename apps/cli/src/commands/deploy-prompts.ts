import type { ApplicationView, CatalogView } from '@launchpad/shared-api-types';
import type { ApiSession } from '../auth/session';
import type { CliIo } from '../io';
import { UsageError } from '../usage-error';
import type { DeployFlags } from './deploy';

/** One choice from a numbered list (by number or by id); the default on an empty answer. */
async function choose(
  io: CliIo & { ask: NonNullable<CliIo['ask']> },
  title: string,
  options: { id: string; label: string }[],
): Promise<string> {
  if (options.length === 0) throw new UsageError(`nothing to choose for ${title}`);
  io.stderr(
    `\n${title}:\n${options.map((o, i) => `  ${String(i + 1).padStart(2)}) ${o.label}`).join('\n')}\n`,
  );
  for (;;) {
    const answer = await io.ask(`${title} [1]: `);
    const byNumber = options[Number(answer || '1') - 1];
    const picked = byNumber ?? options.find((o) => o.id === answer);
    if (picked) return picked.id;
    io.stderr(`Pick a number from 1 to ${options.length}.\n`);
  }
}

/**
 * The deploy wizard in the terminal: asks for what the flags left out, from the catalog (plans
 * with prices, regions that host the plan, the application's images and its fields).
 */
export async function promptDeploy(
  io: CliIo,
  session: ApiSession,
  flags: DeployFlags,
): Promise<DeployFlags> {
  const ask = io.ask;
  // Everything given on the command line: no questions (fields keep their defaults).
  const complete = [
    flags.provider,
    flags.application,
    flags.plan,
    flags.region,
    flags.image,
    flags.label,
  ].every(Boolean);
  if (!ask || complete) return flags;
  const tty = { ...io, ask };
  const result: DeployFlags = { ...flags };
  if (!result.application) {
    const apps = await session.get<ApplicationView[]>('/api/applications');
    result.application = await choose(
      tty,
      'Application',
      apps.map((a) => ({ id: a.id, label: `${a.name} — ${a.description}` })),
    );
  }
  result.provider ??= await choose(tty, 'Provider', [
    { id: 'linode', label: 'Linode' },
    { id: 'digitalocean', label: 'DigitalOcean' },
  ]);
  const catalog = await session.get<CatalogView>(
    `/api/catalog/${encodeURIComponent(result.provider)}?application=${encodeURIComponent(result.application)}`,
  );
  result.plan ??= await choose(
    tty,
    'Plan',
    catalog.plans.map((p) => ({ id: p.id, label: `${p.label} — $${p.priceMonthly}/month` })),
  );
  const plan = catalog.plans.find((p) => p.id === result.plan);
  result.region ??= await choose(
    tty,
    'Region',
    catalog.regions
      .filter((r) => !plan || plan.regions.includes(r.id))
      .map((r) => ({ id: r.id, label: `${r.label} (${r.id})` })),
  );
  result.image ??= await choose(
    tty,
    'Image',
    catalog.images.map((i) => ({ id: i.id, label: i.label })),
  );
  result.label ??=
    (await ask(`Server name [${result.application}-1]: `)) || `${result.application}-1`;
  const given = new Set((result.field ?? []).map((f) => f.split('=')[0]));
  const fields = [...(result.field ?? [])];
  for (const field of catalog.fields.filter((f) => !given.has(f.name))) {
    const hint = field.options.length ? ` (${field.options.join(', ')})` : '';
    const value = await ask(
      `${field.label}${hint}${field.default !== null ? ` [${field.default}]` : ''}: `,
    );
    if (value) fields.push(`${field.name}=${value}`);
  }
  result.field = fields;
  return result;
}
