import { computed, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { apiErrorMessage } from './api-error-message';

/**
 * One kind of write (a POST or DELETE) as the page that starts it sees it: busy while it runs,
 * the API's message when it fails. Reads are resources (`httpResource`); Angular 21 has none for
 * writes, so this is where a page's writes are subscribed to. A write is never unsubscribed
 * from: aborting it half-way would leave the person not knowing whether it happened.
 */
export class WriteState {
  private readonly running = signal(0);
  readonly busy = computed(() => this.running() > 0);
  readonly error = signal<string | undefined>(undefined);

  run<T>(request: Observable<T>, handlers: WriteHandlers<T> = {}): void {
    this.running.update((n) => n + 1);
    this.error.set(undefined);
    request.subscribe({
      next: (value) => handlers.done?.(value),
      error: (error: unknown) => {
        this.running.update((n) => n - 1);
        const message = apiErrorMessage(error);
        this.error.set(message);
        handlers.failed?.(message, error);
      },
      complete: () => this.running.update((n) => n - 1),
    });
  }
}

export interface WriteHandlers<T> {
  /** The API's answer. */
  done?: (value: T) => void;
  /** The API's message (also in `error`), and the error itself. */
  failed?: (message: string, error: unknown) => void;
}
