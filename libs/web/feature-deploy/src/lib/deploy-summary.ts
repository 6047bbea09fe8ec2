import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Price } from '@launchpad/web-ui';

/** One choice made so far: what it is, and (for a plan) what it costs a month. */
export interface DeployChoice {
  term: string;
  value: string;
  monthlyPrice?: number;
}

/** The wizard's running summary: the choices made so far, as the person made them. */
@Component({
  selector: 'lp-deploy-summary',
  imports: [Price],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="title">Your choices so far</h2>
    <dl>
      @for (choice of choices(); track choice.term) {
        <div class="choice">
          <dt>{{ choice.term }}</dt>
          <dd>
            {{ choice.value }}
            @if (choice.monthlyPrice !== undefined) {
              · <lp-price [amount]="choice.monthlyPrice" per="month" />
            }
          </dd>
        </div>
      }
    </dl>
  `,
  host: { 'aria-label': 'Your choices so far', role: 'region' },
  styles: `
    :host {
      display: block;
      margin: 0 0 1rem;
      padding: 0.6rem 1rem;
      background: var(--lp-surface);
      border: 1px solid var(--lp-border);
      border-radius: 0.75rem;
    }
    .title {
      margin: 0 0 0.35rem;
      font-size: 0.8rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--lp-muted);
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem 1.5rem;
      margin: 0;
    }
    dt {
      font-size: 0.8rem;
      color: var(--lp-muted);
    }
    dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
  `,
})
export class DeploySummary {
  readonly choices = input.required<readonly DeployChoice[]>();
}
