import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DeviceActivationView } from '@launchpad/shared-api-types';
import { ActivatePage } from './activate-page';

const pending: DeviceActivationView = {
  userCode: 'BCDF-GHJK',
  clientName: 'Launchpad CLI',
  scopes: [{ scope: 'servers:read', description: 'See your servers' }],
  expiresAt: '2026-01-01T00:10:00Z',
};

describe('ActivatePage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ActivatePage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ActivatePage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ActivatePage);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const testId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  /** Lets a submission's promise settle (no task Angular waits for), then renders. */
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  it('looks up the code of the link at once, but lets the person compare and decide', async () => {
    fixture.componentRef.setInput('user_code', 'BCDF-GHJK');
    TestBed.tick();
    const lookup = http.expectOne((r) => r.url === '/api/device/activation');
    expect(lookup.request.params.get('user_code')).toBe('BCDF-GHJK');
    lookup.flush(pending);
    await fixture.whenStable();
    expect(testId('code-to-compare')?.textContent).toBe('BCDF-GHJK');
    expect(testId('requested-scopes')?.textContent).toContain('See your servers');

    button('Approve')?.click();
    const decision = http.expectOne({ method: 'POST', url: '/api/device/activation' });
    expect(decision.request.body).toEqual({ user_code: 'BCDF-GHJK', decision: 'approve' });
    decision.flush({ status: 'approved', message: 'Your device is connected.' });
    await fixture.whenStable();
    expect(testId('activation-result')?.getAttribute('data-status')).toBe('approved');
  });

  it('asks for a code before looking anything up', async () => {
    TestBed.tick();
    button('Continue')?.click();
    await settle();
    http.expectNone((r) => r.url === '/api/device/activation');
    expect(el.querySelector('#user-code-error')?.textContent).toContain(
      'Type the code your device shows.',
    );
  });

  it('shows the API’s refusal, and looks the same code up again when asked', async () => {
    TestBed.tick();
    const input = el.querySelector<HTMLInputElement>('#user-code');
    if (!input) throw new Error('no code input');
    input.value = 'bcdfghjk';
    input.dispatchEvent(new Event('input'));
    for (let attempt = 0; attempt < 2; attempt++) {
      button('Continue')?.click();
      await settle();
      http
        .expectOne((r) => r.params.get('user_code') === 'bcdfghjk')
        .flush(
          { statusCode: 404, error: 'not_found', message: 'No such code.', requestId: 'r' },
          { status: 404, statusText: 'Not Found' },
        );
      await fixture.whenStable();
      expect(testId('activation-error')?.textContent).toContain('No such code.');
    }
  });
});
