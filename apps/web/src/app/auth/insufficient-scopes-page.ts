import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PROVIDER_LABELS, isProviderName } from '@launchpad/shared-api-types';
import { describeProviderScope } from '@launchpad/shared-scopes';

/** The provider granted less than Launchpad needs: name each missing scope, in words. */
@Component({
  selector: 'lp-insufficient-scopes-page',
  imports: [RouterLink],
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
      <div class="buttons">
        @if (providerName(); as name) {
          <a class="button" [href]="'/api/auth/' + name">Try again with {{ label() }}</a>
        }
        <a routerLink="/sign-in">Back to sign-in</a>
      </div>
    </section>
  `,
  styleUrl: './auth-pages.css',
})
export class InsufficientScopesPage {
  /** From the query string: `provider=linode&missing=linodes:read_write events:read_only`. */
  readonly provider = input<string>();
  readonly missing = input<string>();

  protected readonly providerName = computed(() => {
    const provider = this.provider();
    return isProviderName(provider) ? provider : undefined;
  });
  protected readonly label = computed(() => {
    const name = this.providerName();
    return name ? PROVIDER_LABELS[name] : 'provider';
  });
  protected readonly missingScopes = computed(() => {
    const name = this.providerName();
    return (this.missing() ?? '')
      .split(/[ ,+]+/)
      .filter(Boolean)
      .map((scope) => ({
        name: scope,
        words: name ? describeProviderScope(name, scope) : scope,
      }));
  });
}
