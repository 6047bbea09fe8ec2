import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { providerLabel, providerOf } from './provider-query';
import { RetrySignIn } from './retry-sign-in';
import { describeProviderScope } from '@launchpad/shared-scopes';

/** The provider granted less than Launchpad needs: name each missing scope, in words. */
@Component({
  selector: 'lp-insufficient-scopes-page',
  imports: [RetrySignIn],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel problem" data-testid="insufficient-scopes">
      <h1>Launchpad needs more access to your {{ label() }} account</h1>
      <p>
        Some permissions were unticked at {{ label() }}. Launchpad cannot work without them, so it
        revoked the access it was given and stored nothing. It is missing:
      </p>
      <ul class="scopes">
        @for (scope of missingScopes(); track scope.name) {
          <li data-testid="missing-scope">
            <strong>{{ scope.words }}</strong> ({{ scope.name }})
          </li>
        }
      </ul>
      <p>Try again and leave these permissions ticked on the consent screen.</p>
      <lp-retry-sign-in [provider]="provider()" />
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class InsufficientScopesPage {
  /** From the query string: `provider=linode&missing=linodes:read_write events:read_only`. */
  readonly provider = input<string>();
  readonly missing = input<string>();

  protected readonly label = computed(() => providerLabel(this.provider(), 'provider'));
  protected readonly missingScopes = computed(() => {
    const name = providerOf(this.provider());
    return (this.missing() ?? '')
      .split(/[ ,+]+/)
      .filter(Boolean)
      .map((scope) => ({
        name: scope,
        words: name ? describeProviderScope(name, scope) : scope,
      }));
  });
}
