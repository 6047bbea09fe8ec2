import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionService } from '@launchpad/web-data-access';

/** After logout: what happened to the provider tokens, so that nothing is silently dropped. */
@Component({
  selector: 'lp-signed-out-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" data-testid="signed-out">
      <h1>You are signed out</h1>
      @if (session.lastLogout(); as result) {
        <ul class="revocations">
          @for (report of result.revocations; track report.provider) {
            <li [attr.data-status]="report.status" [class.pending]="report.status === 'pending'">
              {{ report.message }}
            </li>
          }
        </ul>
      }
      <a routerLink="/sign-in">Sign in again</a>
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class SignedOutPage {
  protected readonly session = inject(SessionService);
}
