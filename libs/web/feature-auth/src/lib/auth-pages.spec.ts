import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { InsufficientScopesPage } from './insufficient-scopes-page';
import { SignInFailedPage } from './sign-in-failed-page';

describe('the sign-in pages', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  async function render<T>(page: Type<T>, inputs: Record<string, string>) {
    const fixture = TestBed.createComponent(page);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/session')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('says plainly that the person declined, and offers to try again', async () => {
    const el = await render(SignInFailedPage, { provider: 'digitalocean', reason: 'denied' });
    expect(el.querySelector('h1')?.textContent).toBe('You declined at DigitalOcean');
    expect(el.textContent).toContain('Nothing was stored');
    expect(el.querySelector('a.button')?.getAttribute('href')).toBe('/api/auth/digitalocean');
  });

  it('does not trust an unknown provider or reason', async () => {
    const el = await render(SignInFailedPage, { provider: 'evil', reason: 'whatever' });
    expect(el.querySelector('h1')?.textContent).toBe('Signing in with the provider did not work');
    expect(el.querySelector('a.button')).toBeNull();
  });

  it('names each missing scope in words', async () => {
    const el = await render(InsufficientScopesPage, {
      provider: 'linode',
      missing: 'linodes:read_write events:read_only',
    });
    const missing = Array.from(el.querySelectorAll('[data-testid="missing-scope"]')).map((li) =>
      li.textContent?.trim(),
    );
    expect(missing[0]).toBe(
      'See, create, change and delete your Linodes (servers) (linodes:read_write)',
    );
    expect(missing).toHaveLength(2);
  });
});
