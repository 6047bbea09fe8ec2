import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DeploymentView } from '@launchpad/shared-api-types';
import { CatalogLabels, DeploymentsService } from '@launchpad/web-data-access';
import { of } from 'rxjs';
import { DeploymentPage } from './deployment-page';

const deployment = (status: DeploymentView['status']): DeploymentView => ({
  id: 'd-1',
  provider: 'linode',
  accountId: 'a-1',
  application: 'wordpress',
  label: 'wp-1',
  plan: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  status,
  message: status === 'running' ? 'Running' : 'Creating the server',
  serverId: '1',
  ipv4: status === 'running' ? '203.0.113.7' : null,
  ipv6: null,
  sshCommand: status === 'running' ? 'ssh root@203.0.113.7' : null,
  monthlyPrice: 5,
  access:
    status === 'running'
      ? [
          { label: 'Website', url: 'http://203.0.113.7/' },
          { label: 'WordPress admin', url: 'http://203.0.113.7/wp-admin' },
          { label: 'SSH', url: 'ssh://root@203.0.113.7' },
        ]
      : [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: status === 'running' ? 3 : 1,
});

describe('DeploymentPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [DeploymentPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: CatalogLabels,
          useValue: {
            plan: () => ({ label: 'Nanode 1 GB', priceMonthly: 5 }),
            region: () => 'Newark, NJ',
            image: () => 'Debian 12',
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(DeploymentPage);
    fixture.componentRef.setInput('id', 'd-1');
    TestBed.tick();
    return fixture;
  }

  it('follows the deployment’s events until it runs, then shows how to reach it', async () => {
    const deployments = TestBed.inject(DeploymentsService);
    const events = jest
      .spyOn(deployments, 'events')
      .mockReturnValue(of(deployment('booting'), deployment('running')));
    const fixture = await render();
    http.expectOne('/api/deployments/d-1').flush(deployment('queued'));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(events).toHaveBeenCalledWith('d-1');
    const progress = el.querySelector('[data-testid="progress"]');
    expect(progress?.getAttribute('data-status')).toBe('running');
    expect(progress?.getAttribute('aria-valuenow')).toBe('100');
    expect(el.querySelector('[data-testid="ssh-command"]')?.textContent).toBe(
      'ssh root@203.0.113.7',
    );
    expect(el.textContent).toContain('$5.00 per month');
    const facts = el.querySelector('[data-testid="deployment-facts"]')?.textContent ?? '';
    for (const word of ['Nanode 1 GB', 'Newark, NJ', 'Debian 12', 'linode/debian12']) {
      expect(facts).toContain(word);
    }
    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="access"] a'));
    expect(links.map((a) => [a.href, a.target, a.rel])).toEqual([
      ['http://203.0.113.7/', '_blank', 'noopener'],
      ['http://203.0.113.7/wp-admin', '_blank', 'noopener'],
    ]);
    expect(el.querySelector('[data-kind="ssh"] code')?.textContent).toBe('ssh root@203.0.113.7');
  });

  it('shows the root password this once, and asks no events of a finished deployment', async () => {
    const deployments = TestBed.inject(DeploymentsService);
    const events = jest.spyOn(deployments, 'events');
    jest.spyOn(deployments, 'takePassword').mockReturnValueOnce('pw-of-24-characters-long');
    const fixture = await render();
    http.expectOne('/api/deployments/d-1').flush(deployment('running'));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="root-password-value"]')?.textContent).toBe(
      'pw-of-24-characters-long',
    );
    expect(events).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal', async () => {
    const fixture = await render();
    http
      .expectOne('/api/deployments/d-1')
      .flush(
        { statusCode: 404, error: 'not_found', message: 'No such deployment.', requestId: 'r' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No such deployment.');
  });
});
