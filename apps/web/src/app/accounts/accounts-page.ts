import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import {
  type LinkedAccountView,
  PROVIDER_LABELS,
  PROVIDER_NAMES,
  type RevocationReport,
  isProviderName,
} from '@launchpad/shared-api-types';
import { describeProviderScope } from '@launchpad/shared-scopes';
import { SessionService, apiErrorMessage } from '../core/session/session-service';
import { ClientsAdmin } from './clients-admin';

/** The signed-in person's linked provider accounts: scopes, token expiry, link and disconnect. */
@Component({
  selector: 'lp-accounts-page',
  imports: [DatePipe, ClientsAdmin],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.css',
})
export class AccountsPage {
  protected readonly session = inject(SessionService);
  protected readonly labels = PROVIDER_LABELS;
  /** `?linked=digitalocean` after a link: say so once. */
  readonly linked = input<string>();

  protected readonly accounts = computed(() => this.session.view()?.accounts ?? []);
  protected readonly unlinked = computed(() =>
    PROVIDER_NAMES.filter((p) => !this.accounts().some((a) => a.provider === p)),
  );
  protected readonly linkedLabel = computed(() => {
    const linked = this.linked();
    return isProviderName(linked) ? PROVIDER_LABELS[linked] : undefined;
  });
  /** The account whose disconnect waits for a second click. */
  protected readonly confirming = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly report = signal<RevocationReport | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);

  protected scopeWords(account: LinkedAccountView, scope: string): string {
    return describeProviderScope(account.provider, scope);
  }

  protected async disconnect(account: LinkedAccountView): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const result = await this.session.disconnect(account.id);
      this.report.set(result.revocations[0]);
      this.confirming.set(undefined);
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
