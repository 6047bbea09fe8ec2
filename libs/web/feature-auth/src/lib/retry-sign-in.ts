import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionService } from '@launchpad/web-data-access';
import { providerLabel, providerOf } from './provider-query';

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
