import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  type DeploymentCreated,
  type DeploymentRequest,
  IDEMPOTENCY_KEY_HEADER,
} from '@launchpad/shared-api-types';
import { DeploymentsService } from './deployments-service';

const request: DeploymentRequest = {
  provider: 'linode',
  application: 'plain',
  plan: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: 'web-1',
};

describe('DeploymentsService', () => {
  it('sends the idempotency key, and hands the root password out once', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const deployments = TestBed.inject(DeploymentsService);
    deployments.create(request, 'key-1').subscribe();
    const sent = TestBed.inject(HttpTestingController).expectOne('/api/deployments');
    expect(sent.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe('key-1');
    expect(sent.request.body).toEqual(request);
    sent.flush({
      deployment: { id: 'd1' },
      rootPassword: 'secret-password',
      replayed: false,
    } as DeploymentCreated);
    expect(deployments.takePassword('other')).toBeUndefined();
    expect(deployments.takePassword('d1')).toBe('secret-password');
    expect(deployments.takePassword('d1')).toBeUndefined();
  });
});
