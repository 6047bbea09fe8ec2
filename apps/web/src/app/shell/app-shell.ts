import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { SessionService, apiErrorMessage } from '../core/session/session-service';
import { takeReturnTo } from '../core/session/signed-in-guard';

@Component({
  selector: 'lp-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-shell.html',
  styleUrl: './app-shell.css',
})
export class AppShell implements OnInit {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly year = new Date().getFullYear();
  protected readonly loggingOut = signal(false);
  protected readonly logoutError = signal<string | undefined>(undefined);

  ngOnInit(): void {
    void this.session.ensureLoaded().then((state) => {
      const returnTo = state.kind === 'signed_in' ? takeReturnTo() : undefined;
      if (returnTo) void this.router.navigateByUrl(returnTo);
    });
  }

  protected async logout(): Promise<void> {
    this.loggingOut.set(true);
    this.logoutError.set(undefined);
    try {
      await this.session.logout();
      await this.router.navigateByUrl('/signed-out');
    } catch (error) {
      this.logoutError.set(apiErrorMessage(error));
    } finally {
      this.loggingOut.set(false);
    }
  }
}
