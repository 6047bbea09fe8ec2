import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionService } from '@launchpad/web-data-access';
import { SystemStatus } from './system-status';

@Component({
  selector: 'lp-home-page',
  imports: [SystemStatus, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="intro">
      <h1>Deploy servers into your own cloud accounts</h1>
      <p>
        Launchpad signs you in with Linode or DigitalOcean over OAuth — no passwords, no API keys
        pasted into a form — and creates servers in <strong>your</strong> account: pick a plan with
        its price, a region and an image or an application, and watch it boot.
      </p>
      <p>
        All your servers, across both providers, live on one dashboard. Your provider tokens stay on
        this server, encrypted, and are revoked when you log out.
      </p>
      <div class="actions">
        @if (session.view()) {
          <a class="button" routerLink="/servers">Your servers</a>
          <a routerLink="/deploy">Deploy a server</a>
        } @else if (session.state().kind === 'signed_out') {
          <a class="button" routerLink="/sign-in">Sign in to start</a>
        }
      </div>
    </section>
    <lp-system-status />
  `,
  styles: `
    .intro {
      margin-bottom: 2rem;
    }
    h1 {
      font-size: 2rem;
      line-height: 1.2;
      margin: 0 0 1rem;
    }
    .actions {
      display: flex;
      gap: 1rem;
      align-items: center;
    }
    .button {
      padding: 0.55rem 1.1rem;
      border-radius: 0.5rem;
      background: var(--lp-accent);
      color: #fff;
      font-weight: 600;
      text-decoration: none;
    }
    p {
      max-width: 40rem;
      color: var(--lp-text-soft);
      line-height: 1.6;
    }
  `,
})
export class HomePage {
  protected readonly session = inject(SessionService);
}
