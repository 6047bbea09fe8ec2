import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SystemStatus } from './system-status';

describe('SystemStatus', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SystemStatus],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Renders the card; `answer` plays the API's part once the request is out. */
  async function render(answer?: (http: HttpTestingController) => void): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(SystemStatus);
    // Renders, and lets the health resource send its request.
    TestBed.tick();
    if (answer) {
      answer(http);
      await fixture.whenStable();
    }
    return fixture.nativeElement as HTMLElement;
  }

  const card = (el: HTMLElement) =>
    el.querySelector('[data-testid="system-status"]') as HTMLElement;

  it('shows that it is asking while the request runs', async () => {
    const el = await render();
    expect(card(el).dataset['state']).toBe('loading');
    expect(el.textContent).toContain('Asking the API');
    http.expectOne('/api/health');
  });

  it('shows the API and database as up', async () => {
    const el = await render((h) =>
      h.expectOne('/api/health').flush({
        status: 'ok',
        database: { status: 'up', driver: 'pglite', latencyMs: 1.5 },
        version: '0.1.0',
        uptimeSeconds: 3,
      }),
    );
    expect(card(el).dataset['state']).toBe('ok');
    expect(el.querySelector('.headline')?.textContent).toContain('All systems running');
    expect(el.querySelector('[data-testid="database-status"]')?.textContent).toMatch(
      /up\s+·\s+pglite\s+·\s+1.5 ms/,
    );
    expect(el.querySelector('[data-testid="api-status"]')?.textContent).toContain('v0.1.0');
  });

  it('shows a database outage with its reason', async () => {
    const el = await render((h) =>
      h.expectOne('/api/health').flush(
        {
          status: 'error',
          database: { status: 'down', driver: 'postgres', reason: 'no answer within 2000 ms' },
          version: '0.1.0',
          uptimeSeconds: 3,
        },
        { status: 503, statusText: 'Service Unavailable' },
      ),
    );
    expect(card(el).dataset['state']).toBe('degraded');
    expect(el.querySelector('.headline')?.textContent).toContain('Database unavailable');
    expect(el.textContent).toContain('no answer within 2000 ms');
  });

  it('says so when the API cannot be reached', async () => {
    const el = await render((h) => h.expectOne('/api/health').error(new ProgressEvent('error')));
    expect(card(el).dataset['state']).toBe('unreachable');
    expect(el.textContent).toContain('API unreachable');
    expect(el.textContent).toContain('Is the API running?');
  });
});
