import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { SessionService, apiErrorMessage } from '../core/session/session-service';

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
    void this.session.ensureLoaded();
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
