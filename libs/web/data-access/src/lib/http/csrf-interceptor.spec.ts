import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CSRF_HEADER, type SessionView } from '@launchpad/shared-api-types';
import { SessionService } from '../session/session-service';
import { csrfInterceptor } from './csrf-interceptor';

const session: SessionView = {
  user: { id: 'u1', displayName: 'ada', email: null, admin: false },
  csrfToken: 'csrf-1',
  accounts: [],
};

describe('csrfInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([csrfInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService);
    TestBed.tick();
    backend.expectOne('/api/session').flush(session);
    await TestBed.inject(ApplicationRef).whenStable();
  });

  afterEach(() => backend.verify());

  it('sends the session’s token with every write to the API', () => {
    http.post('/api/deployments', {}).subscribe();
    http.delete('/api/servers/linode/1').subscribe();
    for (const request of backend.match(() => true)) {
      expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-1');
      request.flush({});
    }
  });

  it('leaves reads alone', () => {
    http.get('/api/servers').subscribe();
    expect(backend.expectOne('/api/servers').request.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('never sends the token to another origin', () => {
    http.post('https://elsewhere.example/api/x', {}).subscribe();
    const request = backend.expectOne('https://elsewhere.example/api/x');
    expect(request.request.headers.has(CSRF_HEADER)).toBe(false);
  });
});

describe('csrfInterceptor, signed out', () => {
  it('sends no header when there is no session', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([csrfInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService);
    TestBed.tick();
    backend.expectOne('/api/session').flush(null, { status: 401, statusText: 'Unauthorized' });
    await TestBed.inject(ApplicationRef).whenStable();
    TestBed.inject(HttpClient).post('/api/auth/logout', null).subscribe();
    expect(backend.expectOne('/api/auth/logout').request.headers.has(CSRF_HEADER)).toBe(false);
  });
});
