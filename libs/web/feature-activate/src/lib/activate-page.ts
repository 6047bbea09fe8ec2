import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { FormField, form, required, submit } from '@angular/forms/signals';
import type { DeviceActivationResult } from '@launchpad/shared-api-types';
import {
  type ActivationLookup,
  DeviceActivationService,
  WriteState,
  apiErrorMessage,
} from '@launchpad/web-data-access';

/**
 * `/activate` (and `/activate?user_code=…`): the person types or confirms the code their device
 * shows, sees which client asks for what, compares the code, and approves or denies.
 */
@Component({
  selector: 'lp-activate-page',
  imports: [FormField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activate-page.html',
  styleUrl: './activate-page.css',
})
export class ActivatePage {
  private readonly devices = inject(DeviceActivationService);
  /** From `verification_uri_complete`. */
  readonly user_code = input<string>();

  protected readonly entry = linkedSignal(() => ({ code: this.user_code() ?? '' }));
  protected readonly codeForm = form(this.entry, (path) => {
    required(path.code, { message: 'Type the code your device shows.' });
  });
  /**
   * The code looked up: the link's at once (even then the person must compare the code and
   * decide, RFC 8628 §5.4), or the one typed.
   */
  private readonly requested = linkedSignal<ActivationLookup | undefined>(() => {
    const fromLink = this.user_code();
    return fromLink ? { userCode: fromLink } : undefined;
  });
  protected readonly lookup = this.devices.lookup(this.requested);
  protected readonly decision = new WriteState();
  protected readonly result = signal<DeviceActivationResult | undefined>(undefined);

  protected readonly pending = computed(() =>
    !this.result() && this.lookup.hasValue() ? this.lookup.value() : undefined,
  );
  protected readonly busy = computed(() => this.lookup.isLoading() || this.decision.busy());
  protected readonly error = computed(() => {
    const lookupError = this.lookup.error();
    return lookupError ? apiErrorMessage(lookupError) : this.decision.error();
  });

  protected lookUp(event: Event): void {
    event.preventDefault();
    void submit(this.codeForm, async (entry) => {
      this.requested.set({ userCode: entry.code().value() });
      return undefined;
    });
  }

  protected decide(decision: 'approve' | 'deny'): void {
    const pending = this.pending();
    if (!pending) return;
    this.decision.run(this.devices.decide(pending.userCode, decision), {
      done: (result) => this.result.set(result),
    });
  }
}
