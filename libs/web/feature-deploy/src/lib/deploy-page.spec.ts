import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  type ApplicationView,
  type CatalogView,
  type FieldView,
  IDEMPOTENCY_KEY_HEADER,
  type SessionView,
} from '@launchpad/shared-api-types';
import { DeployPage } from './deploy-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Elsewhere {}

const wordpress: ApplicationView = {
  id: 'wordpress',
  name: 'WordPress',
  description: 'WordPress on a LAMP or LEMP stack.',
  providers: ['linode', 'digitalocean'],
};

const field = (name: string, label: string, extra: Partial<FieldView>): FieldView => ({
  name,
  label,
  required: false,
  default: null,
  example: null,
  kind: 'text',
  options: [],
  min: null,
  max: null,
  ...extra,
});

const catalog: CatalogView = {
  provider: 'digitalocean',
  application: wordpress,
  plans: [
    {
      id: 's-1vcpu-1gb',
      label: 'Basic 1 GB',
      vcpus: 1,
      memoryMb: 1024,
      diskGb: 25,
      priceMonthly: 6,
      priceHourly: 0.00893,
      regions: ['nyc3', 'fra1'],
    },
  ],
  regions: [
    { id: 'nyc3', label: 'New York 3' },
    { id: 'fra1', label: 'Frankfurt 1' },
  ],
  images: [
    { id: 'debian-12-x64', label: 'Debian 12' },
    { id: 'ubuntu-24-04-x64', label: 'Ubuntu 24.04' },
  ],
  fields: [
    field('soa_email_address', 'Email address', {
      required: true,
      kind: 'email',
      example: 'admin@example.com',
    }),
    field('webserver_stack', 'Web server', {
      default: 'LAMP',
      kind: 'oneof',
      options: ['LAMP', 'LEMP'],
    }),
    field('portainer', 'Install Portainer?', {
      default: 'no',
      kind: 'oneof',
      options: ['yes', 'no'],
    }),
    field('swap_gb', 'Swap size in GB', { default: '2', kind: 'number', min: 1, max: 64 }),
    field('hostname', 'Host name', { kind: 'hostname' }),
    field('extras', 'Extra packages', {
      default: 'ufw',
      kind: 'manyof',
      options: ['fail2ban', 'ufw'],
    }),
  ],
  fetchedAt: '2026-01-01T00:00:00Z',
};

const session: SessionView = {
  user: { id: 'u1', displayName: 'ada', email: null, admin: false },
  csrfToken: 'csrf-1',
  accounts: (['linode', 'digitalocean'] as const).map((provider) => ({
    id: `a-${provider}`,
    provider,
    username: 'ada',
    email: null,
    scopes: [],
    accessTokenExpiresAt: null,
    status: provider === 'linode' ? 'needs_relink' : 'active',
    statusReason: null,
  })),
};

describe('DeployPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<DeployPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DeployPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'deployments/:id', component: Elsewhere }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeployPage);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne('/api/session').flush(session);
    http.expectOne('/api/applications').flush([wordpress]);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const $ = <T extends Element = HTMLElement>(selector: string) => el.querySelector<T>(selector);
  const summary = () => $('[data-testid="deploy-summary"]')?.textContent?.replace(/\s+/g, ' ');
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(text));
  const input = (label: string) => {
    const id = Array.from(el.querySelectorAll('label'))
      .find((l) => l.textContent?.includes(label))
      ?.getAttribute('for');
    return el.querySelector<HTMLInputElement & HTMLSelectElement>(`#${id}`);
  };
  async function click(target: Element | null | undefined) {
    (target as HTMLElement).click();
    await fixture.whenStable();
  }
  /** Lets a submission's promise settle (no task Angular waits for), then renders. */
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }
  /** Chooses the provider: its catalog is asked for (and waits for its answer). */
  function chooseDigitalOcean() {
    button('DigitalOcean')?.click();
    TestBed.tick();
    return http.expectOne((r) => r.url === '/api/catalog/digitalocean');
  }
  async function type(label: string, value: string) {
    const control = input(label);
    if (!control) throw new Error(`No field labelled ${label}`);
    control.value = value;
    control.dispatchEvent(new Event('input'));
    control.dispatchEvent(new Event('change'));
    control.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  /** Application, provider (its catalog), plan, region and image: on to the Details step. */
  async function toDetails() {
    await click($('[data-application="wordpress"]'));
    chooseDigitalOcean().flush(catalog);
    await fixture.whenStable();
    await click($('[data-plan="s-1vcpu-1gb"]'));
    await click($('[data-region="fra1"]'));
    await click($('[data-image="debian-12-x64"]'));
  }

  it('offers only the providers with a usable account', async () => {
    await click($('[data-application="wordpress"]'));
    expect(button('Linode')?.disabled).toBe(true);
    expect(button('Linode')?.textContent).toContain('Link your Linode account first');
    expect(button('DigitalOcean')?.disabled).toBe(false);
  });

  it('keeps a running summary of the choices made so far', async () => {
    expect($('[data-testid="deploy-summary"]')).toBeNull();
    await click($('[data-application="wordpress"]'));
    expect(summary()).toContain('Application WordPress');
    const request = chooseDigitalOcean();
    expect(request.request.params.get('application')).toBe('wordpress');
    request.flush(catalog);
    await fixture.whenStable();
    expect(summary()).toContain('Provider DigitalOcean');
    await click($('[data-plan="s-1vcpu-1gb"]'));
    expect(summary()).toContain('Plan Basic 1 GB · $6.00 per month');
    await click($('[data-region="fra1"]'));
    expect(summary()).toContain('Region Frankfurt 1');
    await click($('[data-image="debian-12-x64"]'));
    expect(summary()).toContain('Image Debian 12');
  });

  it('fills each field with its default, in the input for its kind', async () => {
    await toDetails();
    expect(input('Server name')?.value).toMatch(/^wordpress-[a-z0-9]+$/);
    expect(input('Email address')?.type).toBe('email');
    expect(input('Swap size in GB')?.type).toBe('number');
    expect(input('Swap size in GB')?.value).toBe('2');
    expect(input('Web server')?.value).toBe('LAMP');
    // The default is not the first option: the select still shows it.
    expect(input('Install Portainer?')?.value).toBe('no');
    const extras = Array.from(
      el.querySelectorAll<HTMLInputElement>('fieldset input[type=checkbox]'),
    );
    expect(extras.map((box) => box.checked)).toEqual([false, true]);
  });

  it('keeps an invalid email from the review step, with the API’s message beside it', async () => {
    await toDetails();
    await type('Email address', 'ada@example');
    const message = $('#deploy-field-soa_email_address-error');
    expect(message?.textContent).toContain(
      'Email address must be an email address, like admin@example.com.',
    );
    expect(input('Email address')?.getAttribute('aria-invalid')).toBe('true');

    await click(button('Review'));
    expect($('[data-testid="review"]')).toBeNull();
    expect(document.activeElement).toBe(input('Email address'));
  });

  it('checks each field by its kind: a required value, bounds, a host name, a name', async () => {
    await toDetails();
    await click(button('Review'));
    expect($('#deploy-field-soa_email_address-error')?.textContent).toContain(
      'Email address is required.',
    );
    await type('Swap size in GB', '65');
    expect($('#deploy-field-swap_gb-error')?.textContent).toContain(
      'Swap size in GB must be a whole number from 1 to 64.',
    );
    await type('Host name', 'not a host');
    expect($('#deploy-field-hostname-error')?.textContent).toContain('must be a host name');
    await type('Server name', 'ends-with-');
    expect($('#deploy-label-error')?.textContent).toContain('must end with a letter or digit');
    expect($('[data-testid="review"]')).toBeNull();
  });

  it('reviews valid details with the monthly cost, and deploys them once per submission', async () => {
    await toDetails();
    await type('Email address', 'ada@example.com');
    await type('Web server', 'LEMP');
    await type('Server name', 'blog-1');
    await click($<HTMLInputElement>('fieldset input[type=checkbox]'));
    await click(button('Review'));
    const review = $('[data-testid="review"]')?.textContent?.replace(/\s+/g, ' ');
    expect(review).toContain('Frankfurt 1');
    expect(review).toContain('Debian 12');
    expect(review).toContain('blog-1');
    expect($('[data-testid="monthly-cost"]')?.textContent).toContain('$6.00 per month');
    expect($('[data-testid="deploy-summary"]')).toBeNull();

    await click(button('Deploy'));
    const first = http.expectOne('/api/deployments');
    expect(first.request.body).toEqual({
      provider: 'digitalocean',
      application: 'wordpress',
      plan: 's-1vcpu-1gb',
      region: 'fra1',
      image: 'debian-12-x64',
      label: 'blog-1',
      fields: {
        soa_email_address: 'ada@example.com',
        webserver_stack: 'LEMP',
        portainer: 'no',
        swap_gb: '2',
        extras: 'fail2ban,ufw',
      },
    });
    const key = first.request.headers.get(IDEMPOTENCY_KEY_HEADER);
    first.flush(
      {
        statusCode: 502,
        error: 'provider_error',
        message: 'DigitalOcean did not answer',
        requestId: 'r',
      },
      { status: 502, statusText: 'Bad Gateway' },
    );
    await settle();
    expect($('[data-testid="deploy-error"]')?.textContent).toContain('DigitalOcean did not answer');

    // A retry of the same submission carries the same key: the API creates one server.
    await click(button('Deploy'));
    const retry = http.expectOne('/api/deployments');
    expect(retry.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe(key);
    retry.flush({ deployment: { id: 'd-1' }, rootPassword: 'pw', replayed: false });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/deployments/d-1');
  });

  it('puts what the API refuses beside its field, until it changes', async () => {
    await toDetails();
    await type('Email address', 'ada@example.com');
    await click(button('Review'));
    await click(button('Deploy'));
    http.expectOne('/api/deployments').flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'The request has a problem: label: taken',
        requestId: 'r',
        fields: [{ field: 'label', message: 'That name is taken at DigitalOcean.' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect($('[data-testid="review-problem"]')?.textContent).toContain(
      'That name is taken at DigitalOcean.',
    );
    // Deploy again: nothing is sent while the refused field is unchanged.
    await click(button('Deploy'));
    http.expectNone('/api/deployments');

    await click(button('Back'));
    expect($('#deploy-label-error')?.textContent).toContain('That name is taken at DigitalOcean.');
    await type('Server name', 'blog-2');
    expect($('#deploy-label-error')).toBeNull();
  });
});
