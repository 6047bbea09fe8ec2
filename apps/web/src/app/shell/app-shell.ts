import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationStart, Router, RouterLink, RouterOutlet } from '@angular/router';
import { SessionService, WriteState, takeReturnTo } from '@launchpad/web-data-access';

@Component({
  selector: 'lp-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-shell.html',
  styleUrl: './app-shell.css',
})
export class AppShell {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly logoutState = new WriteState();
  /** On a narrow screen the navigation is a menu behind a button; it closes on navigation. */
  protected readonly menuOpen = signal(false);

  constructor() {
    this.router.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      // On the start of a navigation, not its end: the first page's lazy load may end after the
      // person has already opened the menu.
      if (event instanceof NavigationStart) this.menuOpen.set(false);
    });
    // Back to the page that asked for sign-in (e.g. /activate?user_code=…), once signed in.
    this.session
      .whenSettled()
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((state) => {
        const returnTo = state.kind === 'signed_in' ? takeReturnTo() : undefined;
        if (returnTo) void this.router.navigateByUrl(returnTo);
      });
  }

  protected logout(): void {
    this.logoutState.run(this.session.logout(), {
      done: () => void this.router.navigateByUrl('/signed-out'),
    });
  }
}
