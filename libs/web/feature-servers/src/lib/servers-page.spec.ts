import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LinkedAccountView, ServerList, ServerView } from '@launchpad/shared-api-types';
import { CatalogLabels, SessionService } from '@launchpad/web-data-access';
import { ServersPage } from './servers-page';

const server = (label: string, provider: 'linode' | 'digitalocean', createdAt: string) =>
  ({
    provider,
    accountId: `a-${provider}`,
    id: label,
    label,
    status: 'running',
    providerStatus: 'running',
    ipv4: '203.0.113.7',
    ipv6: null,
    region: provider === 'linode' ? 'us-east' : 'nyc3',
    plan: 'small',
    image: null,
    createdAt,
    tags: [],
  }) satisfies ServerView;

const list: ServerList = {
  servers: [
    server('wp-1', 'linode', '2026-01-01T00:00:00Z'),
    server('droplet-1', 'digitalocean', '2026-01-02T00:00:00Z'),
  ],
  problems: [],
};

/** Catalog words for Linode's ids only (DigitalOcean's show as ids). */
const catalog: Pick<CatalogLabels, 'plan' | 'region' | 'image'> = {
  plan: (provider, id) =>
    provider === 'linode'
      ? {
          id,
          label: 'Nanode 1 GB',
          vcpus: 1,
          memoryMb: 1024,
          diskGb: 25,
          priceMonthly: 5,
          priceHourly: 0.0075,
          regions: [],
        }
      : undefined,
  region: (provider) => (provider === 'linode' ? 'Newark, NJ' : undefined),
  image: () => undefined,
};

describe('ServersPage', () => {
  let http: HttpTestingController;
  let accounts: Partial<LinkedAccountView>[];
  let fixture: ComponentFixture<ServersPage>;
  let el: HTMLElement;

  beforeEach(() => {
    // The list is asked again every 5 s: fake time, running at real speed otherwise.
    jest.useFakeTimers({ advanceTimers: true });
    TestBed.configureTestingModule({
      imports: [ServersPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: CatalogLabels, useValue: catalog },
        { provide: SessionService, useValue: { view: () => ({ accounts }) } },
      ],
    });
    accounts = [];
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ServersPage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const rows = () =>
    Array.from(el.querySelectorAll<HTMLElement>('[data-testid="server-row"]')).map(
      (row) => row.dataset['label'],
    );
  const testId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  async function answer(body: ServerList) {
    http.expectOne('/api/servers').flush(body);
    await fixture.whenStable();
  }
  async function choose(label: string, value: string) {
    const control = el.querySelector<HTMLInputElement | HTMLSelectElement>(
      `[aria-label="${label}"]`,
    );
    if (!control) throw new Error(`no ${label}`);
    control.value = value;
    control.dispatchEvent(new Event('input'));
    control.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  it('lists every server, newest first, and filters them', async () => {
    expect(el.textContent).toContain('Loading your servers…');
    await answer(list);
    expect(rows()).toEqual(['droplet-1', 'wp-1']);
    expect(testId('server-status')?.textContent).toBe('running');

    await choose('Sort by', 'label');
    expect(rows()).toEqual(['droplet-1', 'wp-1']);
    await choose('Provider', 'linode');
    expect(rows()).toEqual(['wp-1']);
    await choose('Filter servers', 'nothing-like-this');
    expect(rows()).toEqual([]);
    expect(testId('servers-none-shown')?.textContent).toContain('No server matches this filter.');
  });

  it('says so when there are no servers at all', async () => {
    await answer({ servers: [], problems: [] });
    expect(testId('servers-empty')?.textContent).toContain('No servers yet.');
  });

  it('keeps the last list on screen when a refresh fails, under the error', async () => {
    await answer(list);
    jest.advanceTimersByTime(5_000);
    TestBed.tick();
    http.expectOne('/api/servers').flush(null, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(testId('servers-error')?.textContent).toContain('The API answered HTTP 503.');
    expect(rows()).toEqual(['droplet-1', 'wp-1']);
  });

  it('reboots a server only once confirmed, and says what the provider answered', async () => {
    await answer(list);
    const row = el.querySelector('[data-label="wp-1"]');
    const button = (text: string) =>
      Array.from(row?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === text);
    button('Reboot')?.click();
    await fixture.whenStable();
    http.expectNone({ method: 'POST' });
    button('Confirm reboot')?.click();
    http
      .expectOne({ method: 'POST', url: '/api/servers/linode/wp-1/reboot' })
      .flush({ provider: 'linode', id: 'wp-1', action: 'reboot', message: 'Rebooting.' });
    TestBed.tick();
    await answer(list);
    expect(testId('action-notice')?.textContent).toContain('wp-1: Rebooting.');
  });

  it('names plans and regions as the catalog does, with the monthly price and the ids', async () => {
    await answer(list);
    const wp = el.querySelector('[data-label="wp-1"]');
    expect(wp?.querySelector('[data-testid="server-plan"]')?.textContent).toContain('Nanode 1 GB');
    expect(wp?.textContent).toContain('$5.00 per month');
    expect(wp?.textContent).toContain('Newark, NJ');
    expect(wp?.textContent).toContain('us-east');
    expect(el.querySelector('[data-label="droplet-1"]')?.textContent).toContain('nyc3');
  });

  it('disables Reboot and Delete while a server reboots', async () => {
    await answer({ servers: [{ ...list.servers[0], status: 'rebooting' }], problems: [] });
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('.actions button'));
    expect(buttons.map((b) => [b.textContent?.trim(), b.disabled])).toEqual([
      ['Reboot', true],
      ['Delete', true],
    ]);
  });

  it('offers to sign in again in the banner of an account Launchpad lost access to', async () => {
    accounts = [{ id: 'a-digitalocean', provider: 'digitalocean', status: 'needs_relink' }];
    await answer({
      servers: [list.servers[0]],
      problems: [
        {
          provider: 'digitalocean',
          accountId: 'a-digitalocean',
          message: 'Sign in with it again.',
          requestId: null,
        },
      ],
    });
    const link = el.querySelector<HTMLAnchorElement>(
      '[data-testid="provider-problem"] [data-testid="relink"]',
    );
    expect(link?.textContent?.trim()).toBe('Sign in with DigitalOcean again');
    expect(link?.getAttribute('href')).toBe('/api/auth/digitalocean');
  });
});
