import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LogoutResult, SessionView } from '@launchpad/shared-api-types';
import { SessionService } from './session-service';
import type { SessionState } from './session-state';

const view: SessionView = {
  user: { id: 'u1', displayName: 'ada', email: null, admin: false },
  csrfToken: 'csrf-1',
  accounts: [],
};

describe('SessionService', () => {
  let backend: HttpTestingController;
  let session: SessionService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionService);
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  const stable = () => TestBed.inject(ApplicationRef).whenStable();

  it('asks GET /api/session once, and is signed in with its answer', async () => {
    expect(session.state()).toEqual({ kind: 'loading' });
    backend.expectOne('/api/session').flush(view);
    await stable();
    expect(session.state()).toEqual({ kind: 'signed_in', view });
    expect(session.csrfToken()).toBe('csrf-1');
  });

  it('reads a 401 as signed out, and anything else as unreachable', async () => {
    backend.expectOne('/api/session').flush(null, { status: 401, statusText: 'Unauthorized' });
    await stable();
    expect(session.state()).toEqual({ kind: 'signed_out' });

    session.refresh();
    TestBed.tick();
    backend.expectOne('/api/session').flush(null, { status: 500, statusText: 'Server Error' });
    await stable();
    expect(session.state()).toEqual({ kind: 'unreachable', reason: 'The API answered HTTP 500' });
  });

  it('hands the guard the first known state, once the API has answered', async () => {
    const seen: SessionState[] = [];
    session.whenSettled().subscribe((state) => seen.push(state));
    TestBed.tick();
    expect(seen).toEqual([]);
    backend.expectOne('/api/session').flush(view);
    await stable();
    expect(seen).toEqual([{ kind: 'signed_in', view }]);
  });

  it('is signed out after logout, keeping what happened to the provider tokens', async () => {
    backend.expectOne('/api/session').flush(view);
    await stable();
    const result: LogoutResult = {
      revocations: [{ provider: 'linode', status: 'revoked', message: 'revoked' }],
    };
    session.logout().subscribe();
    backend.expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(result);
    await stable();
    expect(session.state()).toEqual({ kind: 'signed_out' });
    expect(session.lastLogout()).toEqual(result);
  });
});
