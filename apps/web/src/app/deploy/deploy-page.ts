import { CurrencyPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  type ApiFieldError,
  type ApplicationView,
  type CatalogView,
  type FieldView,
  PROVIDER_LABELS,
  type ProviderName,
  isApiErrorBody,
} from '@launchpad/shared-api-types';
import { HttpErrorResponse } from '@angular/common/http';
import { ServersService } from '../core/servers/servers-service';
import { SessionService, apiErrorMessage } from '../core/session/session-service';

export const DEPLOY_STEPS = [
  'Application',
  'Provider',
  'Plan',
  'Region',
  'Image',
  'Details',
  'Review',
] as const;

/** The deploy wizard: application → provider → plan → region → image → details → review. */
@Component({
  selector: 'lp-deploy-page',
  imports: [CurrencyPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deploy-page.html',
  styleUrl: './deploy-page.css',
})
export class DeployPage implements OnInit {
  private readonly servers = inject(ServersService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly steps = DEPLOY_STEPS;
  protected readonly labels = PROVIDER_LABELS;

  protected readonly step = signal(0);
  protected readonly applications = signal<ApplicationView[]>([]);
  protected readonly application = signal<ApplicationView | undefined>(undefined);
  protected readonly provider = signal<ProviderName | undefined>(undefined);
  protected readonly catalog = signal<CatalogView | undefined>(undefined);
  protected readonly plan = signal<string | undefined>(undefined);
  protected readonly region = signal<string | undefined>(undefined);
  protected readonly image = signal<string | undefined>(undefined);
  protected readonly label = signal('');
  protected readonly values = signal<Record<string, string>>({});
  protected readonly loading = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly fieldErrors = signal<ApiFieldError[]>([]);
  /** One key per submission: a double click or a retry creates one server. */
  private idempotencyKey = crypto.randomUUID();

  /** Providers the person has a usable account at. */
  protected readonly linked = computed(() =>
    (this.session.view()?.accounts ?? [])
      .filter((a) => a.status === 'active')
      .map((a) => a.provider),
  );
  protected readonly planView = computed(() =>
    this.catalog()?.plans.find((p) => p.id === this.plan()),
  );
  protected readonly regions = computed(() => {
    const plan = this.planView();
    return (this.catalog()?.regions ?? []).filter((r) => !plan || plan.regions.includes(r.id));
  });
  protected readonly regionLabel = computed(
    () => this.catalog()?.regions.find((r) => r.id === this.region())?.label ?? this.region(),
  );
  protected readonly imageLabel = computed(
    () => this.catalog()?.images.find((i) => i.id === this.image())?.label ?? this.image(),
  );

  ngOnInit(): void {
    this.servers.applications().then(
      (apps) => this.applications.set(apps),
      (error: unknown) => this.error.set(apiErrorMessage(error)),
    );
  }

  protected chooseApplication(app: ApplicationView): void {
    this.application.set(app);
    this.provider.set(undefined);
    this.catalog.set(undefined);
    this.step.set(1);
  }

  protected async chooseProvider(provider: ProviderName): Promise<void> {
    const app = this.application();
    if (!app) return;
    this.provider.set(provider);
    this.loading.set(true);
    this.error.set(undefined);
    try {
      const catalog = await this.servers.catalog(provider, app.id);
      this.catalog.set(catalog);
      this.plan.set(undefined);
      this.region.set(undefined);
      this.image.set(catalog.images.length === 1 ? catalog.images[0]?.id : undefined);
      this.values.set(Object.fromEntries(catalog.fields.map((f) => [f.name, f.default ?? ''])));
      this.label.set(`${app.id}-${Math.random().toString(36).slice(2, 7)}`);
      this.step.set(2);
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected choose(what: 'plan' | 'region' | 'image', id: string): void {
    this[what].set(id);
    if (
      what === 'plan' &&
      this.region() &&
      !this.planView()?.regions.includes(this.region() ?? '')
    ) {
      this.region.set(undefined);
    }
    this.step.update((s) => s + 1);
  }

  protected setValue(field: FieldView, value: string): void {
    this.values.update((v) => ({ ...v, [field.name]: value }));
  }

  protected toggleMany(field: FieldView, option: string, on: boolean): void {
    const current = (this.values()[field.name] ?? '').split(',').filter(Boolean);
    const next = on ? [...new Set([...current, option])] : current.filter((o) => o !== option);
    this.setValue(field, field.options.filter((o) => next.includes(o)).join(','));
  }

  /** The input type of a free-form field: the browser's own keyboard and checks for its kind. */
  protected inputType(field: FieldView): 'number' | 'email' | 'text' {
    return field.kind === 'number' || field.kind === 'email' ? field.kind : 'text';
  }

  protected isOn(field: FieldView, option: string): boolean {
    return (this.values()[field.name] ?? '').split(',').includes(option);
  }

  protected fieldError(name: string): string | undefined {
    return this.fieldErrors().find((e) => e.field === name)?.message;
  }

  protected back(): void {
    this.step.update((s) => Math.max(0, s - 1));
  }

  protected async deploy(): Promise<void> {
    const provider = this.provider();
    const app = this.application();
    const [plan, region, image] = [this.plan(), this.region(), this.image()];
    if (!provider || !app || !plan || !region || !image) return;
    this.loading.set(true);
    this.error.set(undefined);
    this.fieldErrors.set([]);
    try {
      const fields = Object.fromEntries(
        Object.entries(this.values()).filter(([, value]) => value !== ''),
      );
      const created = await this.servers.deploy(
        { provider, application: app.id, plan, region, image, label: this.label(), fields },
        this.idempotencyKey,
      );
      this.idempotencyKey = crypto.randomUUID();
      await this.router.navigate(['/deployments', created.deployment.id]);
    } catch (error) {
      const body: unknown = error instanceof HttpErrorResponse ? error.error : undefined;
      if (isApiErrorBody(body) && body.fields?.length) {
        this.fieldErrors.set(body.fields);
        // A fixed input is a new request: it gets a new key.
        this.idempotencyKey = crypto.randomUUID();
      }
      this.error.set(apiErrorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
