import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  inject,
  input,
  signal,
} from '@angular/core';
import type { DeviceActivationResult, DeviceActivationView } from '@launchpad/shared-api-types';
import { DeviceService } from '../core/device/device-service';
import { apiErrorMessage } from '../core/session/session-service';

/**
 * `/activate` (and `/activate?user_code=…`): the person types or confirms the code their device
 * shows, sees which client asks for what, compares the code, and approves or denies.
 */
@Component({
  selector: 'lp-activate-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activate-page.html',
  styleUrl: './activate-page.css',
})
export class ActivatePage implements OnInit {
  private readonly devices = inject(DeviceService);
  /** From `verification_uri_complete`. */
  readonly user_code = input<string>();

  protected readonly code = signal('');
  protected readonly pending = signal<DeviceActivationView | undefined>(undefined);
  protected readonly result = signal<DeviceActivationResult | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);

  ngOnInit(): void {
    const fromLink = this.user_code();
    if (fromLink) {
      this.code.set(fromLink);
      // Even from the link, the person must compare the code and decide (RFC 8628 §5.4).
      void this.lookup();
    }
  }

  protected async lookup(): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      this.pending.set(await this.devices.lookup(this.code()));
    } catch (error) {
      this.pending.set(undefined);
      this.error.set(apiErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async decide(decision: 'approve' | 'deny'): Promise<void> {
    const pending = this.pending();
    if (!pending) return;
    this.busy.set(true);
    this.error.set(undefined);
    try {
      this.result.set(await this.devices.decide(pending.userCode, decision));
      this.pending.set(undefined);
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
