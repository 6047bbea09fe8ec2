import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PROVIDER_LABELS, type ProviderName } from '@launchpad/shared-api-types';

/** The provider's name in its brand colour. */
@Component({
  selector: 'lp-provider-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ label() }}`,
  host: { class: 'provider-badge', '[attr.data-provider]': 'provider()' },
  styles: `
    :host {
      display: inline-block;
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      white-space: nowrap;
      color: #fff;
      background: var(--lp-muted);
    }
    :host([data-provider='linode']) {
      background: #00804a;
    }
    :host([data-provider='digitalocean']) {
      background: #0069ff;
    }
  `,
})
export class ProviderBadge {
  readonly provider = input.required<ProviderName>();
  protected readonly label = computed(() => PROVIDER_LABELS[this.provider()]);
}
