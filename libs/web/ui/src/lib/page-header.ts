import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A page's heading (its one `h1`) with the page's main actions beside it (projected). */
@Component({
  selector: 'lp-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ heading() }}</h1>
    <div class="actions"><ng-content /></div>
  `,
  host: { class: 'page-header' },
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    h1 {
      font-size: 1.5rem;
      margin: 0;
    }
    .actions:empty {
      display: none;
    }
  `,
})
export class PageHeader {
  readonly heading = input.required<string>();
}
