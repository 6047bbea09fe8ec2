import { formatCurrency } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  LOCALE_ID,
  computed,
  inject,
  input,
} from '@angular/core';

/**
 * A price in US dollars, as the providers bill it: "$5.00", "$5.00 per month", or to the
 * hundredth of a cent per hour ("$0.0075 per hour"). Nothing when the price is unknown.
 */
@Component({
  selector: 'lp-price',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ text() }}`,
  host: { class: 'price' },
  styles: `
    :host {
      white-space: nowrap;
    }
  `,
})
export class Price {
  private readonly locale = inject(LOCALE_ID);
  readonly amount = input.required<number | null>();
  /** What the amount is for; none for a bare amount (e.g. under a "Per month" heading). */
  readonly per = input<'month' | 'hour'>();

  protected readonly text = computed(() => {
    const amount = this.amount();
    if (amount === null) return '';
    const per = this.per();
    const digits = per === 'hour' ? '1.2-4' : '1.2-2';
    const price = formatCurrency(amount, this.locale, '$', 'USD', digits);
    return per ? `${price} per ${per}` : price;
  });
}
