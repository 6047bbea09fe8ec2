import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from '../app.routes';
import { AppShell } from './app-shell';

describe('AppShell', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AppShell],
      providers: [provideRouter(appRoutes), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  /** The session request, once the router (which loads routes first) has the guard ask. */
  async function sessionRequest(): Promise<TestRequest> {
    for (let turn = 0; turn < 50; turn++) {
      TestBed.tick();
      const [request] = http.match('/api/session');
      if (request) return request;
      await new Promise((resolve) => setTimeout(resolve));
    }
    throw new Error('The session was never asked for');
  }

  it('renders the Launchpad header and a link to the API documentation', async () => {
    const fixture = TestBed.createComponent(AppShell);
    TestBed.tick();
    http.expectOne('/api/session').flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="app-shell-header"]')?.textContent).toContain(
      'Launchpad',
    );
    expect(el.querySelector('a[href="/api/docs"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="sign-in-link"]')).not.toBeNull();
  });

  it('shows who is signed in, with the areas of the app', async () => {
    const fixture = TestBed.createComponent(AppShell);
    TestBed.tick();
    http.expectOne('/api/session').flush({
      user: { id: 'u1', displayName: 'ada', email: null, admin: false },
      csrfToken: 't',
      accounts: [],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="signed-in-user"]')?.textContent).toContain('ada');
    expect(Array.from(el.querySelectorAll('nav a')).map((a) => a.getAttribute('href'))).toEqual([
      '/servers',
      '/deploy',
      '/accounts',
    ]);
  });

  it('routes unknown addresses to the not-found page', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page');
    expect(
      harness.routeNativeElement?.querySelector('[data-testid="not-found"]')?.textContent,
    ).toContain('Page not found');
  });

  it('sends the signed-out from a page for the signed-in to the sign-in page', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/servers');
    (await sessionRequest()).flush(null, { status: 401, statusText: 'Unauthorized' });
    await navigation;
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect(harness.routeNativeElement?.querySelector('[data-testid="sign-in"]')).not.toBeNull();
    // …and back to /servers once signed in.
    expect(sessionStorage.getItem('launchpad.returnTo')).toBe('/servers');
  });
});
