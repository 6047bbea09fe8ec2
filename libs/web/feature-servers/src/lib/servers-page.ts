import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { FormField, form } from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { PROVIDER_LABELS, type ServerList, type ServerView } from '@launchpad/shared-api-types';
import {
  CatalogLabels,
  ServersService,
  SessionService,
  WriteState,
  apiErrorMessage,
} from '@launchpad/web-data-access';
import {
  ConfirmButton,
  EmptyState,
  PageHeader,
  Price,
  ProviderBadge,
  RelinkButton,
  StatusBadge,
} from '@launchpad/web-ui';
import { NO_FILTERS, type ServerFilters, filterServers } from './server-filters';

/** Provisioning, booting and rebooting servers change under our eyes: the list is asked again. */
const REFRESH_MS = 5_000;

/** Every server of every linked account: filter, sort, live status, reboot and delete. */
@Component({
  selector: 'lp-servers-page',
  imports: [
    DatePipe,
    RouterLink,
    FormField,
    ConfirmButton,
    EmptyState,
    PageHeader,
    Price,
    ProviderBadge,
    RelinkButton,
    StatusBadge,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './servers-page.html',
  styleUrl: './servers-page.css',
})
export class ServersPage {
  private readonly servers = inject(ServersService);
  private readonly session = inject(SessionService);
  protected readonly labels = PROVIDER_LABELS;
  /** Plan, region and image names and the monthly price, from the catalog. */
  protected readonly catalog = inject(CatalogLabels);

  private readonly answer = this.servers.list();
  /** The last list that arrived: a failed refresh leaves it on screen, under its error. */
  protected readonly list = linkedSignal<ServerList | undefined, ServerList | undefined>({
    source: () => (this.answer.hasValue() ? this.answer.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
  protected readonly loadError = computed(() => {
    const error = this.answer.error();
    return error ? apiErrorMessage(error) : undefined;
  });
  protected readonly filters = form(signal<ServerFilters>({ ...NO_FILTERS }));
  protected readonly shown = computed(() =>
    filterServers(this.list()?.servers ?? [], this.filters().value()),
  );
  protected readonly action = new WriteState();
  protected readonly notice = signal<{ text: string; bad: boolean } | undefined>(undefined);

  constructor() {
    const timer = setInterval(() => this.answer.reload(), REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected act(server: ServerView, action: 'reboot' | 'delete'): void {
    const request =
      action === 'reboot'
        ? this.servers.reboot(server.provider, server.id)
        : this.servers.delete(server.provider, server.id);
    this.action.run(request, {
      done: (result) => {
        this.notice.set({ text: `${server.label}: ${result.message}`, bad: false });
        this.answer.reload();
      },
      failed: (message) => {
        this.notice.set({ text: `${server.label}: ${message}`, bad: true });
        this.answer.reload();
      },
    });
  }

  /** A server that is rebooting or being deleted takes no other action until it is done. */
  /** The account behind a banner lost Launchpad's access: the banner offers to sign in again. */
  protected needsRelink(accountId: string): boolean {
    return (this.session.view()?.accounts ?? []).some(
      (a) => a.id === accountId && a.status === 'needs_relink',
    );
  }

  protected changing(server: ServerView): boolean {
    return server.status === 'rebooting' || server.status === 'deleting';
  }

  protected clearFilters(): void {
    this.filters().value.set({ ...this.filters().value(), text: '', provider: 'all' });
  }
}
