// `nx run web-e2e:e2e`: the browser tests need Debian's Chromium. Where it is missing they are
// skipped with one line (npm test goes on); .ci/run installs it, so CI never skips them.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const chromium = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

if (!existsSync(chromium)) {
  console.log(
    `web-e2e: browser tests skipped: Debian's Chromium is not installed at ${chromium} (install it with: apt-get install -y chromium)`,
  );
  process.exit(0);
}

// A fresh data directory each run (DATA_DIR in playwright.config.ts): the suite starts from an
// empty Launchpad, never from what an earlier run left behind.
rmSync(join(root, 'tmp', 'web-e2e-data'), { recursive: true, force: true });

// Playwright's CLI run directly by node, not through npx: no npm start-up cost or npm warnings.
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const result = spawnSync(
  process.execPath,
  [cli, 'test', '-c', join(here, 'playwright.config.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
