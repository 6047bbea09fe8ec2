import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type OnDestroy,
  type OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { PROVIDER_LABELS, type ServerList, type ServerView } from '@launchpad/shared-api-types';
import { ServersService } from '../core/servers/servers-service';
import { apiErrorMessage } from '../core/session/session-service';

type SortKey = 'createdAt' | 'label' | 'status' | 'provider';

/** Every server of every linked account: filter, sort, live status, reboot and delete. */
@Component({
  selector: 'lp-servers-page',
  imports: [DatePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './servers-page.html',
  styleUrl: './servers-page.css',
})
export class ServersPage implements OnInit, OnDestroy {
  private readonly servers = inject(ServersService);
  protected readonly labels = PROVIDER_LABELS;
  protected readonly list = signal<ServerList | undefined>(undefined);
  protected readonly loadError = signal<string | undefined>(undefined);
  protected readonly filter = signal('');
  protected readonly providerFilter = signal<'all' | 'linode' | 'digitalocean'>('all');
  protected readonly sort = signal<SortKey>('createdAt');
  /** `provider:id:action` waiting for its confirmation. */
  protected readonly confirming = signal<string | undefined>(undefined);
  protected readonly notice = signal<{ text: string; bad: boolean } | undefined>(undefined);
  private timer: ReturnType<typeof setInterval> | undefined;

  protected readonly shown = computed(() => {
    const text = this.filter().trim().toLowerCase();
    const provider = this.providerFilter();
    const key = this.sort();
    return (this.list()?.servers ?? [])
      .filter((s) => provider === 'all' || s.provider === provider)
      .filter(
        (s) =>
          !text ||
          [s.label, s.ipv4 ?? '', s.region, s.plan, s.image ?? ''].some((v) =>
            v.toLowerCase().includes(text),
          ),
      )
      .sort((a, b) =>
        key === 'createdAt' ? b.createdAt.localeCompare(a.createdAt) : a[key].localeCompare(b[key]),
      );
  });

  ngOnInit(): void {
    void this.refresh();
    // Live status: provisioning, booting and rebooting servers change under our eyes.
    this.timer = setInterval(() => void this.refresh(), 5_000);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }

  protected async refresh(): Promise<void> {
    try {
      this.list.set(await this.servers.list());
      this.loadError.set(undefined);
    } catch (error) {
      this.loadError.set(apiErrorMessage(error));
    }
  }

  protected key(server: ServerView, action: string): string {
    return `${server.provider}:${server.id}:${action}`;
  }

  protected async act(server: ServerView, action: 'reboot' | 'delete'): Promise<void> {
    this.confirming.set(undefined);
    try {
      const result =
        action === 'reboot'
          ? await this.servers.reboot(server.provider, server.id)
          : await this.servers.delete(server.provider, server.id);
      this.notice.set({ text: `${server.label}: ${result.message}`, bad: false });
    } catch (error) {
      this.notice.set({ text: `${server.label}: ${apiErrorMessage(error)}`, bad: true });
    }
    await this.refresh();
  }
}
