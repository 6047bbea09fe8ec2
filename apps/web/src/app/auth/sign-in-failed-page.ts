import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  PROVIDER_LABELS,
  SIGN_IN_FAILURE_MESSAGES,
  isProviderName,
  isSignInFailureReason,
} from '@launchpad/shared-api-types';

/** Where the callback sends a sign-in that was denied, forged, replayed or failed. */
@Component({
  selector: 'lp-sign-in-failed-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel problem" data-testid="sign-in-failed" [attr.data-reason]="reason()">
      <h1>{{ title() }}</h1>
      <p>{{ message() }}</p>
      <div class="buttons">
        @if (providerName(); as name) {
          <a class="button" [href]="'/api/auth/' + name">Try again with {{ label() }}</a>
        }
        <a routerLink="/sign-in">Back to sign-in</a>
      </div>
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class SignInFailedPage {
  /** From the query string (router input binding). */
  readonly provider = input<string>();
  readonly reason = input<string>();

  protected readonly providerName = computed(() => {
    const provider = this.provider();
    return isProviderName(provider) ? provider : undefined;
  });
  protected readonly label = computed(() => {
    const name = this.providerName();
    return name ? PROVIDER_LABELS[name] : 'the provider';
  });
  protected readonly title = computed(() =>
    this.reason() === 'denied'
      ? `You declined at ${this.label()}`
      : `Signing in with ${this.label()} did not work`,
  );
  protected readonly message = computed(() => {
    const reason = this.reason();
    return isSignInFailureReason(reason)
      ? SIGN_IN_FAILURE_MESSAGES[reason]
      : 'The sign-in did not finish. Nothing was stored; please start again.';
  });
}
