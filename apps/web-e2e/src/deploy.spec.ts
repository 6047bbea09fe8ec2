import { type Page, expect, test } from '@playwright/test';

const sandbox = `http://localhost:${process.env['WEB_E2E_SANDBOX_PORT'] ?? '4510'}`;

/** Signs in (or, when signed in, links) with a provider as one of the sandbox's demo users. */
async function signInWith(page: Page, provider: 'linode' | 'digitalocean', user: string) {
  await page.goto(`/api/auth/${provider}`);
  await expect(page.getByRole('heading', { name: /sandbox$/ })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${user} <`) }).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${sandbox}`));
}

const control = (path: string, method: string, body?: unknown) =>
  fetch(`${sandbox}/_sandbox${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test.describe('Deploying and managing servers, in Chromium against the sandbox', () => {
  test.afterEach(async () => {
    await control('/faults', 'DELETE');
  });

  test('deploy a StackScript app and a droplet, see both live on the dashboard, reboot and delete', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // Demo users of their own (linus, Riley): the sign-in tests start from fresh ada and grace.
    await signInWith(page, 'linode', 'linus');

    // Linode: the WordPress StackScript, with its UDF form.
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await page.locator('[data-application="wordpress"]').click();
    await page.getByRole('button', { name: 'Linode' }).click();
    await page.locator('[data-plan="g6-nanode-1"]').click();
    await page.locator('[data-region="us-east"]').click();
    await expect(page.locator('[data-image]')).toHaveCount(3);
    await page.locator('[data-image="linode/debian12"]').click();
    await page
      .getByLabel(/Email address for the Let’s Encrypt certificate/)
      .fill('ada@example.com');
    await page.getByLabel('Web server').selectOption('LEMP');
    await page.getByLabel('Server name').fill('wp-e2e');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByTestId('monthly-cost')).toContainText('$5.00 per month');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
    const progress = page.getByTestId('progress');
    await expect(progress).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    const success = page.getByTestId('deployment-success');
    const ip = (await success.getByTestId('server-ip').textContent())?.trim() ?? '';
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await expect(success.getByTestId('ssh-command')).toHaveText(`ssh root@${ip}`);
    await expect(page.getByTestId('root-password')).toContainText('shown only this once');
    await expect(page.getByTestId('root-password-value')).toHaveText(/^.{24}$/);
    // Shown once: a reload does not bring it back.
    await page.reload();
    await expect(page.getByTestId('deployment-success')).toBeVisible();
    await expect(page.getByTestId('root-password')).toHaveCount(0);

    // DigitalOcean: a plain droplet.
    await signInWith(page, 'digitalocean', 'Riley Reef');
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await page.locator('[data-application="plain"]').click();
    await page.getByRole('button', { name: 'DigitalOcean' }).click();
    await page.locator('[data-plan="s-1vcpu-1gb"]').click();
    await page.locator('[data-region="nyc3"]').click();
    await page.locator('[data-image="ubuntu-24-04-x64"]').click();
    await page.getByLabel('Server name').fill('droplet-e2e');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await expect(page.getByTestId('progress')).toHaveAttribute('data-status', 'running', {
      timeout: 30_000,
    });

    // One dashboard across both providers.
    await page.getByRole('link', { name: 'Servers', exact: true }).click();
    const wordpress = page.locator('[data-testid="server-row"][data-label="wp-e2e"]');
    const droplet = page.locator('[data-testid="server-row"][data-label="droplet-e2e"]');
    await expect(wordpress).toHaveAttribute('data-provider', 'linode');
    await expect(droplet).toHaveAttribute('data-provider', 'digitalocean');
    await expect(wordpress.getByTestId('server-status')).toHaveText('running');
    await expect(wordpress).toContainText(ip);

    // Reboot with confirmation; the live status shows it and comes back to running.
    await wordpress.getByRole('button', { name: 'Reboot' }).click();
    await wordpress.getByRole('button', { name: 'Confirm reboot' }).click();
    await expect(page.getByTestId('action-notice')).toContainText('Linode is rebooting the server');
    await expect(wordpress.getByTestId('server-status')).toHaveText('running', { timeout: 20_000 });

    // Delete with confirmation; the row goes.
    await droplet.getByRole('button', { name: 'Delete' }).click();
    await droplet.getByRole('button', { name: 'Delete for good' }).click();
    await expect(page.getByTestId('action-notice')).toContainText(
      'DigitalOcean is deleting the server',
    );
    await expect(droplet).toHaveCount(0, { timeout: 15_000 });

    // Filter and sort.
    await page.getByLabel('Provider').selectOption('digitalocean');
    await expect(wordpress).toHaveCount(0);
    await page.getByLabel('Provider').selectOption('all');
    await page.getByLabel('Filter servers').fill('wp-e2e');
    await expect(page.getByTestId('server-row')).toHaveCount(1);
  });

  test('the dashboard keeps showing Linode servers when DigitalOcean fails, with a banner', async ({
    page,
  }) => {
    await signInWith(page, 'linode', 'linus');
    await signInWith(page, 'digitalocean', 'Riley Reef');
    await control('/seed', 'POST', {
      count: 2,
      linodeOwner: 'linode-linus',
      dropletOwner: '4c5d6e7f-8091-4a2b-8c3d-4e5f60718293',
    });
    await control('/faults', 'POST', {
      type: 'error_500',
      path: '/digitalocean/api/v2/droplets',
      method: 'GET',
    });
    await page.goto('/servers');
    const banner = page.locator('[data-testid="provider-problem"][data-provider="digitalocean"]');
    await expect(banner).toContainText('DigitalOcean');
    await expect(banner).toContainText('showing the servers Launchpad could reach');
    await expect(
      page.locator('[data-testid="server-row"][data-provider="linode"]').first(),
    ).toBeVisible();
    await expect(
      page.locator('[data-testid="server-row"][data-provider="digitalocean"]'),
    ).toHaveCount(0);
  });
});
