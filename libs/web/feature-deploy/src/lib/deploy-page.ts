import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { type FieldTree, form, submit } from '@angular/forms/signals';
import { Router, RouterLink } from '@angular/router';
import {
  type ApplicationView,
  type CatalogView,
  PROVIDER_LABELS,
  type ProviderName,
} from '@launchpad/shared-api-types';
import {
  type CatalogChoice,
  CatalogService,
  DeploymentsService,
  SessionService,
  apiErrorMessage,
  apiFieldErrors,
} from '@launchpad/web-data-access';
import { Price, RelinkButton } from '@launchpad/web-ui';
import { lastValueFrom } from 'rxjs';
import { DeployDetails } from './deploy-details';
import {
  DEPLOY_STEPS,
  type DeployDraft,
  type DeployTarget,
  deploymentRequest,
  newDraft,
} from './deploy-draft';
import { deployDraftSchema } from './deploy-schema';
import { type DeployChoice, DeploySummary } from './deploy-summary';

const REVIEW = DEPLOY_STEPS.indexOf('Review');

/** The deploy wizard: application → provider → plan → region → image → details → review. */
@Component({
  selector: 'lp-deploy-page',
  imports: [DeployDetails, DeploySummary, Price, RelinkButton, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deploy-page.html',
  styleUrl: './deploy-page.css',
})
export class DeployPage {
  private readonly catalogs = inject(CatalogService);
  private readonly deployments = inject(DeploymentsService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly steps = DEPLOY_STEPS;
  protected readonly reviewStep = REVIEW;
  protected readonly labels = PROVIDER_LABELS;

  protected readonly step = signal(0);
  protected readonly applications = this.catalogs.applications();
  protected readonly target = signal<DeployTarget>({});
  protected readonly catalog = this.catalogs.catalog(
    computed(() => catalogChoice(this.target()), { equal: sameChoice }),
  );
  private readonly catalogView = computed(() =>
    this.catalog.hasValue() ? this.catalog.value() : undefined,
  );
  /** Starts afresh with each catalog (another application or provider). */
  protected readonly draft = linkedSignal<CatalogView | undefined, DeployDraft>({
    source: this.catalogView,
    computation: (catalog) => newDraft(catalog),
  });
  protected readonly wizard = form(
    this.draft,
    deployDraftSchema(
      this.catalogView,
      computed(() => this.target().provider),
    ),
  );
  /** Why the last Deploy did not happen, when it was not a field's fault. */
  protected readonly deployError = signal<string | undefined>(undefined);
  /** One key per submission: a double click or a retry creates one server. */
  private idempotencyKey = crypto.randomUUID();

  protected readonly error = computed(() => {
    const failed = this.applications.error() ?? this.catalog.error();
    return failed ? apiErrorMessage(failed) : this.deployError();
  });
  /** Providers the person has a usable account at. */
  protected readonly linked = computed(() =>
    (this.session.view()?.accounts ?? [])
      .filter((a) => a.status === 'active')
      .map((a) => a.provider),
  );
  /** Linked accounts Launchpad lost access to (after a logout): signed in with again. */
  protected readonly needsRelink = computed(() =>
    (this.session.view()?.accounts ?? [])
      .filter((a) => a.status === 'needs_relink')
      .map((a) => a.provider),
  );
  protected readonly plan = computed(() =>
    this.catalogView()?.plans.find((p) => p.id === this.draft().plan),
  );
  protected readonly regions = computed(() => {
    const plan = this.plan();
    return (this.catalogView()?.regions ?? []).filter((r) => !plan || plan.regions.includes(r.id));
  });
  protected readonly regionLabel = computed(() => {
    const id = this.draft().region;
    return this.catalogView()?.regions.find((r) => r.id === id)?.label ?? id;
  });
  protected readonly imageLabel = computed(() => {
    const id = this.draft().image;
    return this.catalogView()?.images.find((i) => i.id === id)?.label ?? id;
  });
  /** The running summary: each choice made so far, in the wizard's order. */
  protected readonly choices = computed(() => {
    const { application, provider } = this.target();
    const plan = this.plan();
    const draft = this.draft();
    const choices: DeployChoice[] = [];
    if (application) choices.push({ term: 'Application', value: application.name });
    if (provider) choices.push({ term: 'Provider', value: PROVIDER_LABELS[provider] });
    if (plan) choices.push({ term: 'Plan', value: plan.label, monthlyPrice: plan.priceMonthly });
    if (draft.region) choices.push({ term: 'Region', value: this.regionLabel() });
    if (draft.image && this.step() > DEPLOY_STEPS.indexOf('Image')) {
      choices.push({ term: 'Image', value: this.imageLabel() });
    }
    return choices;
  });

  protected chooseApplication(application: ApplicationView): void {
    this.target.set({ application });
    this.step.set(1);
  }

  protected chooseProvider(provider: ProviderName): void {
    this.target.update((target) => ({ ...target, provider }));
    this.step.set(2);
  }

  protected choose(what: 'plan' | 'region' | 'image', id: string): void {
    this.draft.update((draft) => {
      const next = { ...draft, [what]: id };
      // A region the new plan is not offered in is no choice any more.
      const plan = this.catalogView()?.plans.find((p) => p.id === next.plan);
      if (what === 'plan' && next.region && !plan?.regions.includes(next.region)) next.region = '';
      return next;
    });
    this.step.update((s) => s + 1);
  }

  protected back(): void {
    this.step.update((s) => Math.max(0, s - 1));
  }

  protected deploy(): void {
    const request = deploymentRequest(this.target(), this.draft());
    if (!request) return;
    this.deployError.set(undefined);
    // submit() tracks submitting() for the button, and puts the fields the API refuses back on
    // their fields (shown beside them, and listed here), until they change.
    void submit(this.wizard, async (wizard) => {
      try {
        const created = await lastValueFrom(this.deployments.create(request, this.idempotencyKey));
        this.idempotencyKey = crypto.randomUUID();
        void this.router.navigate(['/deployments', created.deployment.id]);
        return undefined;
      } catch (error) {
        const fields = apiFieldErrors(error);
        // A fixed input is a new request: it gets a new key. Anything else may be retried as is.
        if (fields.length > 0) this.idempotencyKey = crypto.randomUUID();
        this.deployError.set(apiErrorMessage(error));
        return fields.flatMap(({ field, message }) => {
          const fieldTree = fieldTreeOf(wizard, field);
          return fieldTree ? [{ kind: 'api', message, fieldTree }] : [];
        });
      }
    });
  }
}

/** The form's field for a path of the API's `fields` (`label`, `plan`, `fields.<name>`…). */
function fieldTreeOf(wizard: FieldTree<DeployDraft>, path: string): FieldTree<string> | undefined {
  if (path === 'plan' || path === 'region' || path === 'image') return wizard[path];
  if (path === 'label') return wizard.details.label;
  return path.startsWith('fields.') ? wizard.details.fields[path.slice(7)] : undefined;
}

function catalogChoice(target: DeployTarget): CatalogChoice | undefined {
  const { application, provider } = target;
  return application && provider ? { provider, application: application.id } : undefined;
}

function sameChoice(a: CatalogChoice | undefined, b: CatalogChoice | undefined): boolean {
  return a?.provider === b?.provider && a?.application === b?.application;
}
