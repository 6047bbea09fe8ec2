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
import { LinkedAccountsService, SessionService, WriteState } from '@launchpad/web-data-access';
import { ConfirmButton, PageHeader, ProviderBadge, RelinkButton } from '@launchpad/web-ui';
import { ClientsAdmin } from './clients-admin';

/** The signed-in person's linked provider accounts: scopes, token expiry, link and disconnect. */
@Component({
  selector: 'lp-accounts-page',
  imports: [DatePipe, ClientsAdmin, ConfirmButton, PageHeader, ProviderBadge, RelinkButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.css',
})
export class AccountsPage {
  protected readonly session = inject(SessionService);
  private readonly linkedAccounts = inject(LinkedAccountsService);
  protected readonly labels = PROVIDER_LABELS;
  protected readonly relinkReason =
    'Launchpad can no longer use this account. Sign in with it again to use it here.';
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
  protected readonly disconnecting = new WriteState();
  protected readonly report = signal<RevocationReport | undefined>(undefined);

  protected scopeWords(account: LinkedAccountView, scope: string): string {
    return describeProviderScope(account.provider, scope);
  }

  protected disconnect(account: LinkedAccountView): void {
    this.disconnecting.run(this.linkedAccounts.disconnect(account.id), {
      done: (result) => this.report.set(result.revocations[0]),
    });
  }
}
