// `nx run web-e2e:e2e`: the browser tests need Debian's Chromium. Where it is missing they are
// skipped with one line (npm test goes on); .ci/run installs it, so CI never skips them.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

if (!existsSync('/usr/bin/chromium')) {
  console.log("web-e2e: skipped, Debian's Chromium is not installed (apt-get install -y chromium)");
  process.exit(0);
}
// A fresh data directory each run: the suite starts from an empty Launchpad.
rmSync(join(root, 'test-output', 'web-e2e-data'), { recursive: true, force: true });
const result = spawnSync('npx', ['playwright', 'test', '-c', join(here, 'playwright.config.ts')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
