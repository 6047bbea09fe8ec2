import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { HealthService } from '@launchpad/web-data-access';

@Component({
  selector: 'lp-system-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './system-status.html',
  styleUrl: './system-status.css',
})
export class SystemStatus {
  protected readonly state = inject(HealthService).health();

  /** The health report, when the API gave one (200 or 503). */
  protected readonly health = computed(() => {
    const state = this.state();
    return state.kind === 'ok' || state.kind === 'degraded' ? state.health : undefined;
  });

  /** "up · pglite · 3 ms", or "down · postgres · no answer within 2000 ms". */
  protected readonly databaseSummary = computed(() => {
    const database = this.health()?.database;
    if (!database) return '';
    const latency = database.latencyMs === undefined ? undefined : `${database.latencyMs} ms`;
    return [database.status, database.driver, latency, database.reason]
      .filter((part) => part !== undefined && part !== '')
      .join(' · ');
  });

  protected readonly unreachableReason = computed(() => {
    const state = this.state();
    return state.kind === 'unreachable' ? state.reason : undefined;
  });

  protected readonly healthy = computed(() => this.state().kind === 'ok');

  protected readonly failing = computed(() =>
    ['degraded', 'unreachable'].includes(this.state().kind),
  );

  protected readonly headline = computed(() => {
    switch (this.state().kind) {
      case 'loading':
        return 'Checking…';
      case 'ok':
        return 'All systems running';
      case 'degraded':
        return 'Database unavailable';
      case 'unreachable':
        return 'API unreachable';
    }
  });
}
