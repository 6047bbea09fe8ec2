import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { providerLabel } from './provider-query';
import { RetrySignIn } from './retry-sign-in';
import { SIGN_IN_FAILURE_MESSAGES, isSignInFailureReason } from '@launchpad/shared-api-types';

/** Where the callback sends a sign-in that was denied, forged, replayed or failed. */
@Component({
  selector: 'lp-sign-in-failed-page',
  imports: [RetrySignIn],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel problem" data-testid="sign-in-failed" [attr.data-reason]="reason()">
      <h1>{{ title() }}</h1>
      <p>{{ message() }}</p>
      <lp-retry-sign-in [provider]="provider()" />
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class SignInFailedPage {
  /** From the query string (router input binding). */
  readonly provider = input<string>();
  readonly reason = input<string>();

  protected readonly label = computed(() => providerLabel(this.provider(), 'the provider'));
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
