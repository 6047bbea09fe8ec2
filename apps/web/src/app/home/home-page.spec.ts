import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { HomePage } from './home-page';

describe('HomePage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('explains Launchpad and asks the API for its status once', async () => {
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('h1')?.textContent).toContain('your own cloud accounts');
    expect(el.querySelectorAll('.intro p')).toHaveLength(2);

    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'GET', url: '/api/health' })
      .flush({
        status: 'ok',
        database: { status: 'up', driver: 'pglite', latencyMs: 3 },
        version: '0.0.0',
        uptimeSeconds: 12,
      });
    await fixture.whenStable();
    expect(el.querySelector<HTMLElement>('[data-testid="system-status"]')?.dataset['state']).toBe(
      'ok',
    );
  });
});
