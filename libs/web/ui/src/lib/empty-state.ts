import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What an empty list says instead of a bare table header, with what to do (projected). */
@Component({
  selector: 'lp-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="message">{{ message() }}</p>
    <ng-content />
  `,
  host: { class: 'empty-state' },
  styles: `
    :host {
      display: block;
      padding: 2rem;
      text-align: center;
      background: var(--lp-surface);
      border: 1px dashed var(--lp-border);
      border-radius: 0.75rem;
    }
    .message {
      margin: 0 0 1rem;
    }
    .message:last-child {
      margin: 0;
    }
  `,
})
export class EmptyState {
  readonly message = input.required<string>();
}
