import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PROVIDER_LABELS, type ProviderName } from '@launchpad/shared-api-types';

/**
 * "Sign in with DigitalOcean again": the one way back for an account Launchpad lost access to
 * (after a logout, or a refused refresh). A link to the API's sign-in, which links the account
 * again to the signed-in user and comes back.
 */
@Component({
  selector: 'lp-relink-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<a [href]="href()" data-testid="relink">Sign in with {{ label() }} again</a>`,
  host: { class: 'relink-button' },
  styles: `
    :host {
      display: inline-block;
    }
    a {
      display: inline-block;
      padding: 0.5rem 1rem;
      border-radius: 0.5rem;
      background: var(--lp-accent);
      color: #fff;
      font-weight: 600;
      text-decoration: none;
      white-space: nowrap;
    }
  `,
})
export class RelinkButton {
  readonly provider = input.required<ProviderName>();
  protected readonly href = computed(() => `/api/auth/${encodeURIComponent(this.provider())}`);
  protected readonly label = computed(() => PROVIDER_LABELS[this.provider()]);
}
