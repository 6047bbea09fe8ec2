import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  type DeploymentStatus,
  FINAL_DEPLOYMENT_STATUSES,
  PROVIDER_LABELS,
} from '@launchpad/shared-api-types';
import { CatalogLabels, DeploymentsService, apiErrorMessage } from '@launchpad/web-data-access';
import { Price } from '@launchpad/web-ui';

const PROGRESS: Record<DeploymentStatus, number> = {
  queued: 10,
  provisioning: 40,
  booting: 75,
  running: 100,
  failed: 100,
};

/** A deployment's live progress, then how to reach the server (or why it failed). */
@Component({
  selector: 'lp-deployment-page',
  imports: [Price, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deployment-page.html',
  styleUrl: './deployment-page.css',
})
export class DeploymentPage implements OnInit {
  private readonly deployments = inject(DeploymentsService);
  protected readonly labels = PROVIDER_LABELS;
  /** Plan, region and image names, from the catalog. */
  protected readonly catalog = inject(CatalogLabels);
  /** From the route. */
  readonly id = input.required<string>();

  /** The deployment as it was when the page opened (its 404 or 403 shown as is). */
  private readonly loaded = this.deployments.deployment(this.id);
  /** Then its changes, as they happen, until it is final. */
  private readonly changes = rxResource({
    params: () => {
      if (!this.loaded.hasValue()) return undefined;
      const first = this.loaded.value();
      return FINAL_DEPLOYMENT_STATUSES.includes(first.status) ? undefined : first.id;
    },
    stream: ({ params: id }) => this.deployments.events(id),
  });

  protected readonly deployment = computed(() => {
    if (this.changes.hasValue()) return this.changes.value();
    return this.loaded.hasValue() ? this.loaded.value() : undefined;
  });
  protected readonly error = computed(() => {
    const error = this.loaded.error();
    return error ? apiErrorMessage(error) : undefined;
  });
  /** Shown on this page only, this once; never stored by Launchpad. */
  protected readonly password = signal<string | undefined>(undefined);
  protected readonly copied = signal<string | undefined>(undefined);
  protected readonly progress = computed(() => PROGRESS[this.deployment()?.status ?? 'queued']);

  ngOnInit(): void {
    this.password.set(this.deployments.takePassword(this.id()));
  }

  /** `web` for an http(s) address (a link), `ssh` for ssh://user@host (a command to copy). */
  protected accessKind(url: string): 'web' | 'ssh' | 'other' {
    if (/^https?:\/\//i.test(url)) return 'web';
    return /^ssh:\/\//i.test(url) ? 'ssh' : 'other';
  }

  /** `ssh://root@203.0.113.7` (or with `:2222`) as the command to type. */
  protected sshCommandOf(url: string): string | undefined {
    const match = /^ssh:\/\/(?:([^@/]+)@)?([^:/]+)(?::(\d+))?\/?$/i.exec(url);
    if (!match) return undefined;
    const [, user, host, port] = match;
    return `ssh ${port ? `-p ${port} ` : ''}${user ? `${user}@` : ''}${host}`;
  }

  protected async copy(what: string, text: string): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.copied.set(what);
  }
}
