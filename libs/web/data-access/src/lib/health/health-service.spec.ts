import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Injector, type Signal, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { HealthResponse } from '@launchpad/shared-api-types';
import { HealthService } from './health-service';
import type { HealthState } from './health-state';

const report = (status: 'ok' | 'error'): HealthResponse => ({
  status,
  database:
    status === 'ok'
      ? { status: 'up', driver: 'pglite', latencyMs: 2 }
      : { status: 'down', driver: 'postgres', reason: 'no answer within 2000 ms' },
  version: '0.1.0',
  uptimeSeconds: 5,
});

describe('HealthService', () => {
  let http: HttpTestingController;
  let state: Signal<HealthState>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    state = runInInjectionContext(TestBed.inject(Injector), () =>
      TestBed.inject(HealthService).health(),
    );
    TestBed.tick();
  });

  afterEach(() => http.verify());

  async function answered(): Promise<HealthState> {
    await TestBed.inject(ApplicationRef).whenStable();
    return state();
  }

  it('starts loading, then reports ok from GET /api/health', async () => {
    expect(state()).toEqual({ kind: 'loading' });
    http.expectOne('/api/health').flush(report('ok'));
    expect(await answered()).toEqual({ kind: 'ok', health: report('ok') });
  });

  it('reads the report of a 503 as degraded, keeping the reason', async () => {
    http
      .expectOne('/api/health')
      .flush(report('error'), { status: 503, statusText: 'Service Unavailable' });
    expect(await answered()).toEqual({ kind: 'degraded', health: report('error') });
  });

  it('reports unreachable when the API does not answer', async () => {
    http.expectOne('/api/health').error(new ProgressEvent('error'));
    expect(await answered()).toEqual({ kind: 'unreachable', reason: 'The API did not answer' });
  });

  it('reports unreachable on a 502 from a proxy, which is no health report', async () => {
    http
      .expectOne('/api/health')
      .flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    expect(await answered()).toEqual({
      kind: 'unreachable',
      reason: 'The API answered HTTP 502',
    });
  });
});
