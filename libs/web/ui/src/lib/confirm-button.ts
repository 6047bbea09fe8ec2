import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/**
 * A button for an action that cannot be undone: the first click asks (with the projected
 * question, if any), "confirm" does it, "Cancel" does not. Focus follows, so that a keyboard
 * user lands on the confirmation and back on the button.
 */
@Component({
  selector: 'lp-confirm-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (asking()) {
      <span class="question"><ng-content /></span>
      <button
        #confirmButton
        type="button"
        [class.danger]="danger()"
        [disabled]="disabled()"
        (click)="confirm()"
      >
        {{ confirmLabel() }}
      </button>
      <button type="button" (click)="cancel()">Cancel</button>
    } @else {
      <button #askButton type="button" [disabled]="disabled()" (click)="ask()">
        {{ label() }}
      </button>
    }
  `,
  host: { class: 'confirm-button' },
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.35rem 0.5rem;
      align-items: center;
    }
  `,
})
export class ConfirmButton {
  private readonly injector = inject(Injector);
  /** The first button, e.g. "Delete". */
  readonly label = input.required<string>();
  /** The second, e.g. "Delete for good". */
  readonly confirmLabel = input.required<string>();
  /** The confirmation is red: the action destroys something. */
  readonly danger = input(false);
  readonly disabled = input(false);
  readonly confirmed = output<void>();

  protected readonly asking = signal(false);
  private readonly confirmButton = viewChild<ElementRef<HTMLButtonElement>>('confirmButton');
  private readonly askButton = viewChild<ElementRef<HTMLButtonElement>>('askButton');

  protected ask(): void {
    this.asking.set(true);
    this.focusAfterRender(() => this.confirmButton());
  }

  protected cancel(): void {
    this.asking.set(false);
    this.focusAfterRender(() => this.askButton());
  }

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
  }

  private focusAfterRender(target: () => ElementRef<HTMLButtonElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
