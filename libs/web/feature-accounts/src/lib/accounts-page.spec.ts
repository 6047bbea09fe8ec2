import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { LinkedAccountView, SessionView } from '@launchpad/shared-api-types';
import { AccountsPage } from './accounts-page';

const account = (provider: 'linode' | 'digitalocean'): LinkedAccountView => ({
  id: `a-${provider}`,
  provider,
  username: provider === 'linode' ? 'ada' : 'Sammy',
  email: null,
  scopes: provider === 'linode' ? ['linodes:read_write'] : ['droplet:create'],
  accessTokenExpiresAt: '2026-01-01T12:00:00Z',
  status: 'active',
  statusReason: null,
});

const session = (accounts: LinkedAccountView[]): SessionView => ({
  user: { id: 'u1', displayName: 'ada', email: null, admin: false },
  csrfToken: 't',
  accounts,
});

describe('AccountsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AccountsPage>;
  let el: HTMLElement;

  async function render(accounts: LinkedAccountView[], linked?: string) {
    TestBed.configureTestingModule({
      imports: [AccountsPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccountsPage);
    if (linked) fixture.componentRef.setInput('linked', linked);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne('/api/session').flush(session(accounts));
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);

  it('says plainly that an account needs signing in with again, with no scopes and one button', async () => {
    const reason =
      'Launchpad gave back its access to this account when you logged out. Sign in with it again to use it here.';
    await render([
      account('linode'),
      {
        ...account('digitalocean'),
        scopes: [],
        status: 'needs_relink',
        statusReason: reason,
        accessTokenExpiresAt: null,
      },
    ]);
    const digitalocean = el.querySelector(
      '[data-provider="digitalocean"][data-testid="linked-account"]',
    );
    expect(digitalocean?.querySelector('[data-testid="needs-relink"]')?.textContent).toContain(
      reason,
    );
    expect(digitalocean?.querySelectorAll('[data-testid="granted-scope"]')).toHaveLength(0);
    expect(digitalocean?.querySelector('[data-testid="token-expiry"]')).toBeNull();
    const relink = digitalocean?.querySelectorAll<HTMLAnchorElement>('[data-testid="relink"]');
    expect(
      Array.from(relink ?? []).map((a) => [a.textContent?.trim(), a.getAttribute('href')]),
    ).toEqual([['Sign in with DigitalOcean again', '/api/auth/digitalocean']]);
  });

  it('names each granted scope in words, and offers to link the other provider', async () => {
    await render([account('linode')], 'linode');
    expect(el.querySelector('[data-testid="linked-notice"]')?.textContent).toContain(
      'Linode is now linked',
    );
    expect(el.querySelector('[data-testid="granted-scope"]')?.textContent).toContain(
      'See, create, change and delete your Linodes',
    );
    expect(el.querySelector('[data-testid="link-provider"]')?.getAttribute('href')).toBe(
      '/api/auth/digitalocean',
    );
    // The last account cannot be disconnected.
    expect(button('Disconnect')).toBeUndefined();
  });

  it('disconnects an account after a confirmation, and reports the revocation', async () => {
    await render([account('linode'), account('digitalocean')]);
    const digitalocean = el.querySelector('[data-provider="digitalocean"]');
    (digitalocean?.querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(digitalocean?.textContent).toContain(
      "Revoke Launchpad's access to this DigitalOcean account?",
    );
    button('Yes, disconnect')?.click();
    http.expectOne({ method: 'DELETE', url: '/api/accounts/a-digitalocean' }).flush({
      revocations: [{ provider: 'digitalocean', status: 'revoked', message: 'Access revoked.' }],
    });
    TestBed.tick();
    http.expectOne('/api/session').flush(session([account('linode')]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="disconnect-report"]')?.textContent).toContain(
      'Access revoked.',
    );
    expect(el.querySelectorAll('[data-testid="linked-account"]')).toHaveLength(1);
  });
});
