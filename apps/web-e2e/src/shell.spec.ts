import { expect, test, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the home page screenshot goes: the test's output folder on every run, and the README's
 * docs/screenshot-home.png only on request (UPDATE_SCREENSHOTS=1), so that a test run never
 * leaves a changed binary in the work tree.
 */
function homeScreenshotPath(testInfo: TestInfo): string {
  if (!process.env['UPDATE_SCREENSHOTS']) return testInfo.outputPath('screenshot-home.png');
  const docs = join(__dirname, '..', '..', '..', 'docs');
  mkdirSync(docs, { recursive: true });
  return join(docs, 'screenshot-home.png');
}

test.describe('Launchpad in Chromium', () => {
  test('loads the SPA shell and shows the API and database as up', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Launchpad');
    await expect(page.getByTestId('app-shell-header')).toContainText('Launchpad');
    const status = page.getByTestId('system-status');
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect(status).toContainText('All systems running');
    await expect(page.getByTestId('api-status')).toContainText('up');
    await expect(page.getByTestId('database-status')).toContainText('up · pglite');
    await page.screenshot({ path: homeScreenshotPath(testInfo) });
  });

  test('shows the API as unreachable when /api/health fails', async ({ page }) => {
    await page.route('**/api/health', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    const status = page.getByTestId('system-status');
    await expect(status).toHaveAttribute('data-state', 'unreachable');
    await expect(status).toContainText('API unreachable');
  });

  test('serves deep links with the SPA, which shows its not-found page', async ({ page }) => {
    const response = await page.goto('/some/unknown/route');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect(page.getByTestId('app-shell-header')).toContainText('Launchpad');
    await expect(page.getByTestId('not-found')).toContainText('Page not found');
    await page.getByRole('link', { name: 'Back to Launchpad' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByTestId('system-status')).toBeVisible();
  });

  test('answers unknown API paths with a JSON 404, not the SPA', async ({ request }) => {
    const response = await request.get('/api/nope');
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(await response.json()).toMatchObject({ statusCode: 404, error: 'not_found' });
  });
});
