import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PROVIDER_LABELS, PROVIDER_NAMES } from '@launchpad/shared-api-types';
import { SessionService } from '@launchpad/web-data-access';

@Component({
  selector: 'lp-sign-in-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" data-testid="sign-in">
      @if (session.view(); as view) {
        <h1>You are signed in as {{ view.user.displayName }}</h1>
        <p><a routerLink="/accounts">Your linked accounts</a></p>
      } @else {
        <h1>Sign in to Launchpad</h1>
        <p>
          Sign in with the cloud account Launchpad should create servers in. You will be asked to
          approve Launchpad's access there; Launchpad never sees your password.
        </p>
        <div class="buttons">
          @for (provider of providers; track provider) {
            <a class="button" [class]="provider" [href]="session.signInUrl(provider)">
              Sign in with {{ labels[provider] }}
            </a>
          }
        </div>
      }
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class SignInPage {
  protected readonly session = inject(SessionService);
  protected readonly providers = PROVIDER_NAMES;
  protected readonly labels = PROVIDER_LABELS;
}
