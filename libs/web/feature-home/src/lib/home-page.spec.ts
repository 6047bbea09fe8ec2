import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('explains Launchpad and asks the API for its status once', async () => {
    const fixture = TestBed.createComponent(HomePage);
    TestBed.tick();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('h1')?.textContent).toContain('your own cloud accounts');
    expect(el.querySelectorAll('.intro p')).toHaveLength(2);

    http.expectOne('/api/session').flush(null, { status: 401, statusText: 'Unauthorized' });
    http.expectOne({ method: 'GET', url: '/api/health' }).flush({
      status: 'ok',
      database: { status: 'up', driver: 'pglite', latencyMs: 3 },
      version: '0.0.0',
      uptimeSeconds: 12,
    });
    await fixture.whenStable();
    expect(el.querySelector<HTMLElement>('[data-testid="system-status"]')?.dataset['state']).toBe(
      'ok',
    );
    expect(el.querySelector('a[href="/sign-in"]')?.textContent).toContain('Sign in to start');
  });

  it('offers the signed-in their servers and the wizard', async () => {
    const fixture = TestBed.createComponent(HomePage);
    TestBed.tick();
    http.expectOne('/api/session').flush({
      user: { id: 'u1', displayName: 'ada', email: null, admin: false },
      csrfToken: 't',
      accounts: [],
    });
    http.expectOne('/api/health').flush(null, { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('a[href="/servers"]')?.textContent).toContain('Your servers');
    expect(el.querySelector('a[href="/deploy"]')).not.toBeNull();
  });
});
