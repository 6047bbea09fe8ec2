import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..', '..');
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

async function nx(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(join(root, 'node_modules', '.bin', 'nx'), args, {
    cwd: root,
    env: nxEnv,
    maxBuffer: 50_000_000,
  });
  return stdout;
}

/** What CI's `nx affected` would run for a change to these files. */
async function affectedBy(files: string[]): Promise<string[]> {
  return JSON.parse(
    await nx(['show', 'projects', '--affected', `--files=${files.join(',')}`, '--json']),
  ) as string[];
}

interface ProjectNode {
  name: string;
  type: 'app' | 'lib' | 'e2e';
  data: { root: string; sourceRoot?: string; tags?: string[] };
}

/** The project graph as Nx computes it, so that a renamed or new library is still covered. */
async function projects(): Promise<ProjectNode[]> {
  const dir = mkdtempSync(join(tmpdir(), 'affected-spec-'));
  try {
    await nx(['graph', `--file=${join(dir, 'graph.json')}`]);
    const { graph } = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as {
      graph: { nodes: Record<string, ProjectNode> };
    };
    return Object.values(graph.nodes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A source file of the project: its src/index.ts, or else its first TypeScript file. */
function fileOf(project: ProjectNode): string {
  const dir = join(root, project.data.sourceRoot ?? project.data.root);
  const index = join(dir, 'index.ts');
  if (existsSync(index)) return relative(root, index);
  const walk = (at: string): string | undefined => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(at, entry.name);
      if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        return path;
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      }
    }
    return undefined;
  };
  const file = walk(dir);
  if (!file) throw new Error(`no TypeScript source in ${project.name}`);
  return relative(root, file);
}

const tagged = (project: ProjectNode, tag: string) => project.data.tags?.includes(tag) ?? false;

/**
 * What `npx nx affected` (CI, .github/workflows/ci.yml) runs for a change, computed by Nx itself
 * from the project graph: `nx show projects --affected --files=…`.
 */
describe('what a change affects (nx show projects --affected)', () => {
  let graph: ProjectNode[];

  beforeAll(async () => {
    graph = await projects();
  });

  it('a change in the shared scopes reaches the API, the web app, the CLI and the sandbox', async () => {
    const affected = await affectedBy(['libs/shared/scopes/src/index.ts']);
    expect(affected).toEqual(
      expect.arrayContaining(['shared-scopes', 'api', 'web', 'cli', 'provider-sandbox']),
    );
  });

  it('a change in the shared API types reaches the API, the web app and the CLI', async () => {
    const affected = await affectedBy(['libs/shared/api-types/src/index.ts']);
    expect(affected).toEqual(expect.arrayContaining(['shared-api-types', 'api', 'web', 'cli']));
  });

  it('a change in any web project (the app or a library) affects neither the API nor the CLI', async () => {
    const web = graph.filter((p) => tagged(p, 'scope:web') && p.type !== 'e2e');
    expect(web.map((p) => p.name)).toContain('web');
    const affected = await affectedBy(web.map(fileOf));
    expect(affected).toEqual(expect.arrayContaining([...web.map((p) => p.name), 'web-e2e']));
    expect(affected).not.toContain('api');
    expect(affected).not.toContain('cli');
    expect(affected).not.toContain('provider-sandbox');
  });

  it('a change in any API library affects the API but not the web app or the CLI', async () => {
    const libraries = graph.filter((p) => tagged(p, 'scope:api') && p.type === 'lib');
    expect(libraries.length).toBeGreaterThan(0);
    const affected = await affectedBy(libraries.map(fileOf));
    expect(affected).toEqual(expect.arrayContaining([...libraries.map((p) => p.name), 'api']));
    expect(affected).not.toContain('web');
    expect(affected).not.toContain('cli');
  });
});
