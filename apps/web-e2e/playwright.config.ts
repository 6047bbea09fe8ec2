import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..');
const port = process.env['WEB_E2E_PORT'] ?? '4310';
const sandboxPort = process.env['WEB_E2E_SANDBOX_PORT'] ?? '4510';
const baseURL = `http://localhost:${port}`;
/** A fresh, empty Launchpad: the web server's command deletes this directory before it starts. */
const dataDir = join(workspaceRoot, 'tmp', 'web-e2e-data');
/** Debian's Chromium: Playwright's own browser download is not available here. */
const chromium = '/usr/bin/chromium';

/**
 * `nx run web-e2e:e2e` (the target @nx/playwright/plugin infers from this file; the project
 * adds the builds it needs): the built app as `npm start` runs it (sandbox + API serving the
 * SPA), in Debian's Chromium. Where Chromium is missing, the suite is skipped with one line
 * (skip-without-chromium.ts) and starts nothing; .ci/run and the CI workflow install it.
 */
export default defineConfig({
  testDir: './src',
  outputDir: join(workspaceRoot, 'test-output', 'web-e2e'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    // The README screenshot's size (see shell.spec.ts); the layout is the same at 1280.
    viewport: { width: 1100, height: 640 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  ...(existsSync(chromium)
    ? {
        webServer: {
          command: `rm -rf '${dataDir}' && node tools/start.mjs --no-build`,
          cwd: workspaceRoot,
          url: `${baseURL}/api/health`,
          reuseExistingServer: false,
          timeout: 120_000,
          stdout: 'ignore',
          stderr: 'pipe',
          env: {
            PORT: port,
            SANDBOX_PORT: sandboxPort,
            DATA_DIR: dataDir,
            LOG_LEVEL: 'warn',
            SANDBOX_LOG: 'silent',
            // linus (the deploy and device tests' Linode user) manages OAuth clients.
            ADMIN_EMAILS: 'linus@example.com',
          },
        },
      }
    : { globalSetup: './skip-without-chromium.ts' }),
});
