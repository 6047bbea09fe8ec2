import { CurrencyPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  type DeploymentStatus,
  type DeploymentView,
  PROVIDER_LABELS,
} from '@launchpad/shared-api-types';
import { ServersService } from '../core/servers/servers-service';
import { apiErrorMessage } from '../core/session/session-service';

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
  imports: [CurrencyPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deployment-page.html',
  styleUrl: './deployment-page.css',
})
export class DeploymentPage implements OnInit {
  private readonly servers = inject(ServersService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly labels = PROVIDER_LABELS;
  /** From the route. */
  readonly id = input.required<string>();

  protected readonly deployment = signal<DeploymentView | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);
  /** Shown on this page only, this once; never stored by Launchpad. */
  protected readonly password = signal<string | undefined>(undefined);
  protected readonly copied = signal<string | undefined>(undefined);
  protected readonly progress = computed(() => PROGRESS[this.deployment()?.status ?? 'queued']);

  ngOnInit(): void {
    this.password.set(this.servers.takePassword(this.id()));
    void this.follow();
  }

  /** Loads the deployment, then follows its events until it is final. */
  private async follow(): Promise<void> {
    try {
      this.deployment.set(await this.servers.deployment(this.id()));
    } catch (error) {
      this.error.set(apiErrorMessage(error));
      return;
    }
    const subscription = this.servers.events(this.id()).subscribe({
      next: (view) => this.deployment.set(view),
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  protected async copy(what: string, text: string): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.copied.set(what);
  }
}
