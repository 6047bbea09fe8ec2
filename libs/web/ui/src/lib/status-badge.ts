import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { DeploymentStatus, ServerStatus } from '@launchpad/shared-api-types';

/** A server's or a deployment's status, coloured by what it means (running, busy, gone, failed). */
@Component({
  selector: 'lp-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ status() }}`,
  host: { class: 'status', '[attr.data-status]': 'status()' },
  styles: `
    :host {
      font-weight: 600;
      white-space: nowrap;
    }
    :host([data-status='running']) {
      color: var(--lp-ok);
    }
    :host([data-status='provisioning']),
    :host([data-status='booting']),
    :host([data-status='queued']),
    :host([data-status='rebooting']),
    :host([data-status='busy']) {
      color: #b45309;
    }
    :host([data-status='offline']),
    :host([data-status='deleting']) {
      color: var(--lp-muted);
    }
    :host([data-status='failed']) {
      color: var(--lp-bad);
    }
  `,
})
export class StatusBadge {
  readonly status = input.required<ServerStatus | DeploymentStatus>();
}
