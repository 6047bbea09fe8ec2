import { type Page, type TestInfo, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every page at a phone's size (390×844) and a laptop's (1280×800): no horizontal page scroll,
 * and no serious or critical axe-core violation; the servers cards' actions reachable on the
 * phone; the relink button bringing back a logged-out provider. Screenshots of the dashboard, the
 * wizard and the progress page go to the test's output folder, and to docs/screenshots (the
 * README's) only on request (UPDATE_LAYOUT_SCREENSHOTS=1), so that a run leaves no changed binary.
 */

const sandbox = `http://localhost:${process.env['WEB_E2E_SANDBOX_PORT'] ?? '4510'}`;
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

async function signInWith(page: Page, provider: 'linode' | 'digitalocean', user: string) {
  await page.goto(`/api/auth/${provider}`);
  await expect(page.getByRole('heading', { name: /sandbox$/ })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${user} <`) }).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${sandbox}`));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

function screenshotPath(testInfo: TestInfo, name: string): string {
  if (!process.env['UPDATE_LAYOUT_SCREENSHOTS']) return testInfo.outputPath(`${name}.png`);
  const dir = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/**
 * At both sizes: the page (as `ready` finds it) has no horizontal scroll and no serious axe
 * violation; with `screenshot`, a picture of it at each size.
 */
async function checkAtBothSizes(
  page: Page,
  what: string,
  ready: () => Promise<void>,
  options: { screenshot?: string; testInfo?: TestInfo } = {},
): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await ready();
    // Let a layout change (the menu, the cards) settle.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(
      await horizontalOverflow(page),
      `${what} at ${size.width} px scrolls sideways`,
    ).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page), `${what} at ${size.width} px`).toEqual([]);
    if (options.screenshot && options.testInfo) {
      await page.screenshot({
        path: screenshotPath(options.testInfo, `${options.screenshot}-${size.width}`),
        fullPage: true,
        // The sandbox's one-time root password is no picture for the README.
        mask: [page.getByTestId('root-password-value')],
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('Layout and accessibility at 390 px and 1280 px, in Chromium', () => {
  // The API's Content-Security-Policy (script-src 'self') would refuse the injected axe-core.
  test.use({ bypassCSP: true });

  test('signed out: home, sign-in, its failure page and not-found', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/');
    await checkAtBothSizes(page, 'home', () =>
      expect(page.getByTestId('system-status')).toHaveAttribute('data-state', 'ok'),
    );
    await page.goto('/sign-in');
    await checkAtBothSizes(page, 'sign-in', () =>
      expect(page.getByRole('link', { name: 'Sign in with Linode' })).toBeVisible(),
    );
    await page.goto('/sign-in/failed?provider=digitalocean&reason=denied');
    await checkAtBothSizes(page, 'sign-in failed', () =>
      expect(page.getByTestId('sign-in-failed')).toBeVisible(),
    );
    await page.goto('/no/such/page');
    await checkAtBothSizes(page, 'not found', () =>
      expect(page.getByTestId('not-found')).toBeVisible(),
    );
  });

  test('the header folds into a menu on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Menu' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('sign-in-link')).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('sign-in-link').click();
    await expect(page).toHaveURL('/sign-in');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(toggle).toBeHidden();
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  });

  test('signed in: the wizard, the progress page, the dashboard as cards, accounts, activate; then relinking after a logout', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await signInWith(page, 'linode', 'linus');
    await signInWith(page, 'digitalocean', 'Riley Reef');

    // The wizard, step by step.
    await page.goto('/deploy');
    await checkAtBothSizes(
      page,
      'wizard: application',
      () => expect(page.locator('[data-application="wordpress"]')).toBeVisible(),
      { screenshot: 'wizard-application', testInfo },
    );
    await page.locator('[data-application="wordpress"]').click();
    await checkAtBothSizes(page, 'wizard: provider', () =>
      expect(page.getByRole('button', { name: 'Linode' })).toBeVisible(),
    );
    await page.getByRole('button', { name: 'Linode' }).click();
    await checkAtBothSizes(
      page,
      'wizard: plan',
      () => expect(page.locator('[data-plan="g6-nanode-1"]')).toBeVisible(),
      { screenshot: 'wizard-plan', testInfo },
    );
    await page.locator('[data-plan="g6-nanode-1"]').click();
    await checkAtBothSizes(page, 'wizard: region', () =>
      expect(page.locator('[data-region="us-east"]')).toBeVisible(),
    );
    await page.locator('[data-region="us-east"]').click();
    await checkAtBothSizes(page, 'wizard: image', () =>
      expect(page.locator('[data-image="linode/debian12"]')).toBeVisible(),
    );
    await page.locator('[data-image="linode/debian12"]').click();
    await checkAtBothSizes(page, 'wizard: details', () =>
      expect(page.getByLabel('Server name')).toBeVisible(),
    );
    await page
      .getByLabel(/Email address for the Let’s Encrypt certificate/)
      .fill('linus@example.com');
    await page.getByLabel('Server name').fill('layout-e2e');
    await page.getByRole('button', { name: 'Review' }).click();
    await checkAtBothSizes(
      page,
      'wizard: review',
      () => expect(page.getByTestId('monthly-cost')).toBeVisible(),
      { screenshot: 'wizard-review', testInfo },
    );
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    // The progress page, then how to reach the application.
    await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('progress')).toHaveAttribute('data-status', 'running', {
      timeout: 30_000,
    });
    const facts = page.getByTestId('deployment-facts');
    await expect(facts).toContainText('Newark');
    await expect(facts).toContainText('Debian 12');
    await expect(facts).toContainText('per month');
    const ip = (await page.getByTestId('server-ip').textContent())?.trim() ?? '';
    const access = page.getByTestId('access');
    await expect(access.getByRole('link', { name: `http://${ip}/`, exact: true })).toHaveAttribute(
      'rel',
      'noopener',
    );
    await expect(access.getByRole('link', { name: `http://${ip}/wp-admin` })).toHaveAttribute(
      'target',
      '_blank',
    );
    await checkAtBothSizes(
      page,
      'progress',
      () => expect(page.getByTestId('deployment-success')).toBeVisible(),
      { screenshot: 'progress', testInfo },
    );

    // The dashboard: a table at 1280, cards at 390 with their actions in reach.
    await page.goto('/servers');
    const row = page.locator('[data-testid="server-row"][data-label="layout-e2e"]');
    await expect(row.getByTestId('server-plan')).toContainText('per month');
    await checkAtBothSizes(
      page,
      'servers',
      () => expect(row.getByTestId('server-status')).toHaveText('running', { timeout: 20_000 }),
      { screenshot: 'servers', testInfo },
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await row.getByRole('button', { name: 'Reboot' }).click();
    const confirm = row.getByRole('button', { name: 'Confirm reboot' });
    await expect(confirm).toBeInViewport();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(row.getByRole('button', { name: 'Delete for good' })).toBeInViewport();
    expect(await horizontalOverflow(page), 'servers with a confirmation open').toBeLessThanOrEqual(
      0,
    );
    await row.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Filter servers').fill('no server is called this');
    await expect(page.getByTestId('servers-none-shown')).toContainText('No server matches');
    await page.getByRole('button', { name: 'Show all servers' }).click();
    await expect(row).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto('/accounts');
    await checkAtBothSizes(page, 'accounts', () =>
      expect(page.getByTestId('linked-account')).toHaveCount(2),
    );
    await page.goto('/activate');
    await checkAtBothSizes(page, 'activate', () =>
      expect(page.getByTestId('activate')).toBeVisible(),
    );

    // Log out, sign in again with Linode: DigitalOcean needs signing in with again.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/signed-out');
    await checkAtBothSizes(page, 'signed out', () =>
      expect(page.locator('main')).toContainText('was revoked'),
    );
    await signInWith(page, 'linode', 'linus');
    await page.goto('/servers');
    const banner = page.locator('[data-testid="provider-problem"][data-provider="digitalocean"]');
    await expect(
      banner.getByRole('link', { name: 'Sign in with DigitalOcean again' }),
    ).toBeVisible();
    await checkAtBothSizes(page, 'servers with a relink banner', () =>
      expect(banner).toBeVisible(),
    );
    await page.goto('/accounts');
    const digitalocean = page.locator(
      '[data-testid="linked-account"][data-provider="digitalocean"]',
    );
    await expect(digitalocean.getByTestId('needs-relink')).toContainText('Sign in with it again');
    await expect(digitalocean.getByTestId('granted-scope')).toHaveCount(0);
    await checkAtBothSizes(page, 'accounts needing a relink', () =>
      expect(digitalocean.getByTestId('needs-relink')).toBeVisible(),
    );
    await page.goto('/deploy');
    await page.locator('[data-application="plain"]').click();
    await expect(
      page
        .locator('[data-testid="link-first"][data-provider="digitalocean"]')
        .getByRole('link', { name: 'Sign in with DigitalOcean again' }),
    ).toBeVisible();

    await page.goto('/accounts');
    await digitalocean.getByRole('link', { name: 'Sign in with DigitalOcean again' }).click();
    await expect(page.getByRole('heading', { name: /sandbox$/ })).toBeVisible();
    await page.getByRole('radio', { name: /^Riley Reef </ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page).toHaveURL('/accounts?linked=digitalocean');
    await expect(digitalocean.getByTestId('needs-relink')).toHaveCount(0);
    await expect(digitalocean.getByTestId('granted-scope')).toContainText(['droplet:create']);
    await page.goto('/servers');
    await expect(page.locator('[data-testid="provider-problem"]')).toHaveCount(0);
  });
});
