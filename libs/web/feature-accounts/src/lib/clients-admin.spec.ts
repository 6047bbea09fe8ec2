import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { OAuthClientView } from '@launchpad/shared-api-types';
import { ClientsAdmin } from './clients-admin';

const cli: OAuthClientView = {
  clientId: 'launchpad-cli',
  name: 'Launchpad CLI',
  type: 'public',
  grantTypes: [],
  allowedScopes: ['servers:read'],
  defaultScopes: ['servers:read'],
  redirectUris: [],
  createdAt: '2026-01-01T00:00:00Z',
};

describe('ClientsAdmin', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ClientsAdmin>;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ClientsAdmin],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClientsAdmin);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne('/api/admin/clients').flush([cli]);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const control = <T extends HTMLElement>(id: string) => el.querySelector<T>(`#${id}`);
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  /** Lets a submission's promise settle (no task Angular waits for), then renders. */
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }
  async function fill(id: string, value: string) {
    const input = control<HTMLInputElement | HTMLSelectElement>(id);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }
  async function register() {
    button('Register')?.click();
    await settle();
  }

  it('lists the clients; the CLI’s own cannot be removed', () => {
    const rows = el.querySelectorAll('[data-testid="oauth-client"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('launchpad-cli');
    expect(rows[0]?.querySelector('button')).toBeNull();
  });

  it('sends nothing without a name or a scope, and says why beside each', async () => {
    await fill('client-name', '   ');
    const first = el.querySelector<HTMLInputElement>('input[type=checkbox]');
    first?.click();
    await fixture.whenStable();
    await register();
    http.expectNone({ method: 'POST' });
    expect(control('client-name-error')?.textContent).toContain('A name is required.');
    expect(control('client-scopes-error')?.textContent).toContain('Choose at least one scope.');
    expect(control('client-name')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('registers a confidential client, shows its secret once, and lists it', async () => {
    await fill('client-name', ' Wall display ');
    await fill('client-type', 'confidential');
    await register();
    const sent = http.expectOne({ method: 'POST', url: '/api/admin/clients' });
    expect(sent.request.body).toEqual({
      name: 'Wall display',
      type: 'confidential',
      allowedScopes: ['servers:read'],
    });
    const wall = { ...cli, clientId: 'lpc_1', name: 'Wall display', type: 'confidential' };
    sent.flush({ client: wall, clientSecret: 's3cret' });
    await settle();
    http.expectOne('/api/admin/clients').flush([cli, wall]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="client-secret"]')?.textContent).toContain('s3cret');
    expect(control<HTMLInputElement>('client-name')?.value).toBe('');
    // The cleared name is no mistake of the admin's: no message until they try again.
    expect(control('client-name-error')).toBeNull();
    expect(el.querySelectorAll('[data-testid="oauth-client"]')).toHaveLength(2);
  });

  it('shows what the API refuses beside its field', async () => {
    await fill('client-name', 'Duplicate');
    await register();
    http.expectOne({ method: 'POST', url: '/api/admin/clients' }).flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'The request has a problem',
        requestId: 'r',
        fields: [{ field: 'name', message: 'That name is taken.' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(control('client-name-error')?.textContent).toContain('That name is taken.');
  });

  it('removes a client, then lists what is left', async () => {
    // Registered since: the list is asked again after each change.
    const wall = { ...cli, clientId: 'lpc_1', name: 'Wall display' };
    await fill('client-name', 'Wall display');
    await register();
    http
      .expectOne({ method: 'POST', url: '/api/admin/clients' })
      .flush({ client: wall, clientSecret: null });
    await settle();
    http.expectOne('/api/admin/clients').flush([cli, wall]);
    await fixture.whenStable();
    button('Remove')?.click();
    http.expectOne({ method: 'DELETE', url: '/api/admin/clients/lpc_1' }).flush(null);
    TestBed.tick();
    http.expectOne('/api/admin/clients').flush([cli]);
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="oauth-client"]')).toHaveLength(1);
  });
});
