import { expect, test } from '@playwright/test';

const baseURL = `http://localhost:${process.env['WEB_E2E_PORT'] ?? '4310'}`;

test.describe('Device authorization (RFC 8628), in Chromium', () => {
  test('an independent client (openid-client) completes the grant, approved at /activate after a sandbox sign-in', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    // openid-client v6 is ESM-only: loaded the way an ESM consumer loads it.
    const oidc = await import('openid-client');
    const config = await oidc.discovery(new URL(baseURL), 'launchpad-cli', undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
      algorithm: 'oauth2',
    });
    const started = await oidc.initiateDeviceAuthorization(config, {
      scope: 'servers:read account:read',
    });
    expect(started.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.interval).toBe(5);
    // Polls in the background, honouring interval and slow_down, while the person approves.
    const polling = oidc.pollDeviceAuthorizationGrant(config, started);

    // The QR code's link: signed out, it goes through sign-in and comes back to the code.
    await page.goto(started.verification_uri_complete ?? '');
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByRole('link', { name: 'Sign in with Linode' }).click();
    await page.getByRole('radio', { name: /^linus </ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page).toHaveURL(/\/activate\?user_code=/);
    const activate = page.getByTestId('activate');
    await expect(activate).toContainText('Launchpad CLI');
    await expect(page.getByTestId('code-to-compare')).toHaveText(started.user_code);
    await expect(page.getByTestId('requested-scopes')).toContainText('See your servers');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('activation-result')).toHaveAttribute('data-status', 'approved');

    const tokens = await polling;
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.scope).toBe('servers:read account:read');

    const servers = await oidc.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL('/api/servers', baseURL),
      'GET',
    );
    expect(servers.status).toBe(200);
    expect(await servers.json()).toHaveProperty('servers');

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    await oidc.tokenRevocation(config, refreshed.refresh_token ?? '');
    const after = await fetch(`${baseURL}/api/servers`, {
      headers: { Authorization: `Bearer ${refreshed.access_token}` },
    });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('invalid_token');
  });

  test('a denied code tells the device access_denied, and the page cannot be framed', async ({
    page,
  }) => {
    const res = await fetch(`${baseURL}/oauth/device_authorization`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'launchpad-cli' }),
    });
    const started = (await res.json()) as { device_code: string; user_code: string };
    await page.goto('/api/auth/linode');
    await page.getByRole('radio', { name: /^linus </ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto('/activate');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    // Typed by hand: lower case, no dash.
    await page
      .getByLabel('The code your device shows')
      .fill(started.user_code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByTestId('activation-result')).toHaveAttribute('data-status', 'denied');
    // The SPA runs under the strict policy: nothing it does is refused.
    expect(violations).toEqual([]);
    const poll = await fetch(`${baseURL}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: started.device_code,
        client_id: 'launchpad-cli',
      }),
    });
    expect(((await poll.json()) as { error: string }).error).toBe('access_denied');
  });

  test('an admin registers a confidential client in the Accounts area, sees its secret once, removes it', async ({
    page,
  }) => {
    await page.goto('/api/auth/linode');
    await page.getByRole('radio', { name: /^linus </ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.goto('/accounts');
    const admin = page.getByTestId('clients-admin');
    await expect(admin.getByTestId('oauth-client').first()).toContainText('launchpad-cli');
    await admin.getByLabel('Client name').fill('Wall display');
    await admin.getByLabel('Client type').selectOption('confidential');
    await admin.getByRole('button', { name: 'Register' }).click();
    await expect(admin.getByTestId('client-secret')).toContainText('shown only now');
    const row = admin.getByTestId('oauth-client').filter({ hasText: 'Wall display' });
    await expect(row).toContainText('confidential');
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
  });
});
