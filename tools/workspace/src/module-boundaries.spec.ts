import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/**
 * Writes a probe file into a project, lints it with the workspace's real ESLint configuration and
 * returns the messages of @nx/enforce-module-boundaries. The probe is removed afterwards.
 */
async function boundaryErrors(projectFile: string, source: string): Promise<string[]> {
  const file = join(root, projectFile);
  await writeFile(file, source);
  try {
    // The real ESLint CLI, as `nx lint` runs it (ESLint's config loading needs a real ESM loader).
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'eslint'),
      ['--format', 'json', file],
      { cwd: root, maxBuffer: 10_000_000 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
    const [result] = JSON.parse(stdout) as {
      messages: { ruleId: string | null; message: string }[];
    }[];
    return (result?.messages ?? [])
      .filter(
        (m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports',
      )
      .map((m) => m.message);
  } finally {
    await rm(file, { force: true });
  }
}

describe('project boundaries (@nx/enforce-module-boundaries)', () => {
  it('forbids the API to import a file of the web app', async () => {
    const errors = await boundaryErrors(
      'apps/api/src/boundary-probe-a.ts',
      "import { appConfig } from '../../web/src/app/app.config';\nexport const probe = appConfig;\n",
    );
    expect(errors.join('\n')).toMatch(/relative or absolute path|Projects cannot be imported/);
  });

  it('forbids Angular in a scope:shared library', async () => {
    const errors = await boundaryErrors(
      'libs/shared/scopes/src/boundary-probe-b.ts',
      "import { Injectable } from '@angular/core';\nexport const probe = Injectable;\n",
    );
    expect(errors).toContain(
      'A project tagged with "scope:shared" is not allowed to import "@angular/core"',
    );
  });

  it('forbids NestJS in a scope:shared library', async () => {
    const errors = await boundaryErrors(
      'libs/shared/api-types/src/boundary-probe-c.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(errors).toContain(
      'A project tagged with "scope:shared" is not allowed to import "@nestjs/common"',
    );
  });

  it('allows an app to use a shared library through its alias', async () => {
    const errors = await boundaryErrors(
      'apps/api/src/boundary-probe-d.ts',
      "import { isApiErrorBody } from '@launchpad/shared-api-types';\nexport const probe = isApiErrorBody;\n",
    );
    expect(errors).toEqual([]);
  });

  it('forbids a shared library to depend on an app-scoped project', async () => {
    const errors = await boundaryErrors(
      'libs/shared/scopes/src/boundary-probe-e.ts',
      "import { LAUNCHPAD_VERSION } from '../../../../apps/api/src/version';\nexport const probe = LAUNCHPAD_VERSION;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('forbids a deep import below a library alias: src/index.ts is the only door', async () => {
    const errors = await boundaryErrors(
      'libs/api/catalog/src/lib/boundary-probe-f.ts',
      "import { deployments } from '@launchpad/api-database/src/lib/schema';\nexport const probe = deployments;\n",
    );
    expect(errors.join('\n')).toMatch(/through its alias only/);
  });

  it('forbids a data-access library of the API to depend on a feature library', async () => {
    const errors = await boundaryErrors(
      'libs/api/accounts/src/lib/boundary-probe-g.ts',
      "import { DeploymentsModule } from '@launchpad/api-deployments';\nexport const probe = DeploymentsModule;\n",
    );
    expect(errors.join('\n')).toMatch(/type:data-access.*type:feature|Circular dependency/s);
  });

  it('allows a feature library to use a data-access library through its alias', async () => {
    const errors = await boundaryErrors(
      'libs/api/catalog/src/lib/boundary-probe-h.ts',
      "import { AccountsModule } from '@launchpad/api-accounts';\nexport const probe = AccountsModule;\n",
    );
    expect(errors).toEqual([]);
  });
});
