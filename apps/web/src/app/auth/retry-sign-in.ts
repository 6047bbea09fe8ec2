import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PROVIDER_LABELS, type ProviderName, isProviderName } from '@launchpad/shared-api-types';
import { SessionService } from '../core/session/session-service';

/** The provider a `?provider=` query names, if it names one. */
export function providerOf(value: string | undefined): ProviderName | undefined {
  return isProviderName(value) ? value : undefined;
}

/** The provider's name for people, or `fallback` for an unknown one. */
export function providerLabel(value: string | undefined, fallback: string): string {
  const name = providerOf(value);
  return name ? PROVIDER_LABELS[name] : fallback;
}

/** "Try again with <provider>" and "Back to sign-in", under a failed or short sign-in. */
@Component({
  selector: 'lp-retry-sign-in',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="buttons">
      @if (name(); as n) {
        <a class="button" [href]="session.signInUrl(n)">Try again with {{ label() }}</a>
      }
      <a routerLink="/sign-in">Back to sign-in</a>
    </div>
  `,
  styleUrl: './auth-pages.css',
})
export class RetrySignIn {
  protected readonly session = inject(SessionService);
  readonly provider = input<string>();
  protected readonly name = computed(() => providerOf(this.provider()));
  protected readonly label = computed(() => providerLabel(this.provider(), 'the provider'));
}
