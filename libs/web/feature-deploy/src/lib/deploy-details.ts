import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type FieldTree, FormField, submit } from '@angular/forms/signals';
import type { FieldView } from '@launchpad/shared-api-types';
import type { DeployDetailsDraft } from './deploy-draft';

/**
 * The wizard's Details step: the server's name and the application's fields, each with the
 * input for its kind and its message beside it. Review is reached only with valid details.
 */
@Component({
  selector: 'lp-deploy-details',
  imports: [FormField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deploy-details.html',
  styleUrl: './deploy-details.css',
})
export class DeployDetails {
  readonly details = input.required<FieldTree<DeployDetailsDraft>>();
  /** The application's fields, as the catalog describes them. */
  readonly fields = input.required<readonly FieldView[]>();
  readonly reviewed = output<void>();

  /** A field's message shows once it was left, or Review was tried, or the API refused it. */
  protected shown(field: FieldTree<string>): boolean {
    return field().touched() && field().invalid();
  }

  protected message(field: FieldTree<string>): string {
    // A number input whose text is no number reports a parse error without a message.
    return field().errors()[0]?.message ?? 'This is not a valid value.';
  }

  protected fieldOf(name: string): FieldTree<string> {
    const control = this.details().fields[name];
    if (!control) throw new Error(`No form field for ${name}`);
    return control;
  }

  protected isOn(field: FieldView, option: string): boolean {
    return this.fieldOf(field.name)().value().split(',').includes(option);
  }

  /** A `manyof` field is a comma-separated list, kept in the options' order. */
  protected toggle(field: FieldView, option: string): void {
    const control = this.fieldOf(field.name)();
    const current = control.value().split(',').filter(Boolean);
    const next = current.includes(option)
      ? current.filter((o) => o !== option)
      : [...current, option];
    control.value.set(field.options.filter((o) => next.includes(o)).join(','));
    control.markAsTouched();
  }

  protected review(event: Event): void {
    event.preventDefault();
    void submit(this.details(), {
      action: async () => {
        this.reviewed.emit();
        return undefined;
      },
      onInvalid: (details) => details().errorSummary()[0]?.fieldTree().focusBoundControl(),
    });
  }
}
