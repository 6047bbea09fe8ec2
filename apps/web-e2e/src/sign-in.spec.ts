import { type Page, type Response, expect, test } from '@playwright/test';

const sandbox = `http://localhost:${process.env['WEB_E2E_SANDBOX_PORT'] ?? '4510'}`;

interface Grant {
  provider: 'linode' | 'digitalocean';
  userId: string;
  accessToken: string;
  refreshToken: string | null;
  status: string;
}

async function grantsOf(userId: string): Promise<Grant[]> {
  const res = await fetch(`${sandbox}/_sandbox/grants?user=${encodeURIComponent(userId)}`);
  return ((await res.json()) as { grants: Grant[] }).grants;
}

/** At the sandbox's consent page: pick the demo user, untick scopes if asked, decide. */
async function consent(
  page: Page,
  user: string,
  options: { untick?: string[]; decision?: 'Authorize' | 'Deny' } = {},
): Promise<void> {
  await expect(page.getByRole('heading', { name: /sandbox$/ })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${user} <`) }).check();
  for (const scope of options.untick ?? []) {
    await page.getByRole('checkbox', { name: scope, exact: true }).uncheck();
  }
  await page.getByRole('button', { name: options.decision ?? 'Authorize' }).click();
}

/**
 * Sign in with Linode as `linodeUser`, link DigitalOcean as `doUser`, see both on the Accounts
 * page, log out. Returns the session cookie held before logout.
 */
async function signInLinkAndLogOut(page: Page, linodeUser: string, doUser: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with Linode' }).click();
  await consent(page, linodeUser);
  await expect(page).toHaveURL('/servers');
  await expect(page.getByTestId('signed-in-user')).toHaveText(linodeUser);

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('link', { name: 'Link your DigitalOcean account' }).click();
  await consent(page, doUser);
  await expect(page).toHaveURL('/accounts?linked=digitalocean');
  await expect(page.getByTestId('linked-notice')).toContainText('DigitalOcean is now linked');
  const accounts = page.getByTestId('linked-account');
  await expect(accounts).toHaveCount(2);
  const linode = accounts.and(page.locator('[data-provider="linode"]'));
  await expect(linode).toContainText(linodeUser);
  await expect(linode.getByTestId('granted-scope')).toHaveText([
    'linodes:read_write See, create, change and delete your Linodes (servers)',
  ]);
  const digitalocean = accounts.and(page.locator('[data-provider="digitalocean"]'));
  await expect(digitalocean).toContainText(doUser);
  await expect(digitalocean.getByTestId('granted-scope')).toContainText([
    'droplet:create Create droplets',
  ]);
  await expect(digitalocean.getByTestId('token-expiry')).toContainText('valid until');

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'launchpad_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL('/signed-out');
  const reports = page.locator('[data-status]');
  await expect(reports).toHaveText([
    'Launchpad’s access to your Linode account was revoked.',
    'Launchpad’s access to your DigitalOcean account was revoked.',
  ]);
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  return session?.value ?? '';
}

test.describe('Signing in with the providers, in Chromium against the sandbox', () => {
  test('sign in with Linode, link DigitalOcean, see both, log out: tokens revoked, old cookie dead', async ({
    page,
    request,
  }) => {
    const oldSession = await signInLinkAndLogOut(page, 'ada', 'Sammy the Shark');
    const grants = [
      ...(await grantsOf('linode-ada')),
      ...(await grantsOf('b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d')),
    ];
    expect(grants.map((g) => [g.provider, g.status])).toEqual([
      ['linode', 'revoked'],
      ['digitalocean', 'revoked'],
    ]);
    const replay = await request.get('/api/session', {
      headers: { Cookie: `launchpad_session=${oldSession}` },
    });
    expect(replay.status()).toBe(401);
  });

  test('no response, header or cookie that reaches the browser carries a provider token', async ({
    page,
  }) => {
    const seen: Promise<string>[] = [];
    const urls: string[] = [];
    page.on('request', (req) => urls.push(req.url()));
    page.on('response', (res: Response) => {
      seen.push(
        (async () => {
          const headers = JSON.stringify(await res.allHeaders());
          // Redirects and aborted loads have no body to read; their headers are still checked.
          const body = await res.text().catch(() => '');
          return `${res.url()}\n${headers}\n${body}`;
        })(),
      );
    });
    await signInLinkAndLogOut(page, 'grace', 'Jamie Droplet');
    const traffic = (await Promise.all(seen)).join('\n');
    const cookies = JSON.stringify(await page.context().cookies());
    const storage = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    const tokens = [
      ...(await grantsOf('linode-grace')),
      ...(await grantsOf('e8f9a0b1-c2d3-4e4f-a5b6-c7d8e9f0a1b2')),
    ]
      .flatMap((g) => [g.accessToken, g.refreshToken ?? ''])
      .filter(Boolean);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeGreaterThan(10);
    for (const token of tokens) {
      expect(traffic).not.toContain(token);
      expect(cookies).not.toContain(token);
      expect(storage).not.toContain(token);
      expect(urls.join('\n')).not.toContain(token);
    }
    // The recording is real: it holds what the API did send, e.g. the session's CSRF token.
    expect(traffic).toContain('"csrfToken"');
  });

  test('unticking linodes:read_write at the consent page leads to a page naming it', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with Linode' }).click();
    await consent(page, 'ada', { untick: ['linodes:read_write'] });
    await expect(page).toHaveURL(/\/sign-in\/insufficient-scopes\?provider=linode/);
    const page_ = page.getByTestId('insufficient-scopes');
    await expect(page_).toContainText('Launchpad needs more access to your Linode account');
    await expect(page_.getByTestId('missing-scope')).toHaveText([
      'See, create, change and delete your Linodes (servers) (linodes:read_write)',
    ]);
    await expect(page_.getByRole('link', { name: 'Try again with Linode' })).toHaveAttribute(
      'href',
      '/api/auth/linode',
    );
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  });

  test('denying at the provider shows a clear message and signs nobody in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with DigitalOcean' }).click();
    await consent(page, 'Sammy the Shark', { decision: 'Deny' });
    await expect(page).toHaveURL('/sign-in/failed?provider=digitalocean&reason=denied');
    await expect(page.getByTestId('sign-in-failed')).toContainText('You declined at DigitalOcean');
    await expect(page.getByTestId('sign-in-failed')).toContainText('Nothing was stored');
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  });

  test('a forged callback gets a clear page, not a sign-in', async ({ page }) => {
    await page.goto('/api/auth/linode/callback?code=forged&state=forged');
    await expect(page).toHaveURL('/sign-in/failed?provider=linode&reason=invalid_state');
    await expect(page.getByTestId('sign-in-failed')).toContainText('already used, has expired');
  });

  test('the Accounts page asks the signed-out to sign in', async ({ page }) => {
    await page.goto('/accounts');
    await expect(page).toHaveURL('/sign-in');
    await expect(page.getByRole('link', { name: 'Sign in with Linode' })).toBeVisible();
  });
});
