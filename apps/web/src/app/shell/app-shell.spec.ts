import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from '../app.routes';
import { AppShell } from './app-shell';

describe('AppShell', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AppShell],
      providers: [provideRouter(appRoutes), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('renders the Launchpad header and a link to the API documentation', async () => {
    const fixture = TestBed.createComponent(AppShell);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="app-shell-header"]')?.textContent).toContain(
      'Launchpad',
    );
    expect(el.querySelector('a[href="/api/docs"]')).not.toBeNull();
  });

  it('routes unknown addresses to the not-found page', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page');
    expect(
      harness.routeNativeElement?.querySelector('[data-testid="not-found"]')?.textContent,
    ).toContain('Page not found');
  });
});
