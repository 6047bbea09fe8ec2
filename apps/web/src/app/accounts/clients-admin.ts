import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import type { OAuthClientView } from '@launchpad/shared-api-types';
import { LAUNCHPAD_SCOPES } from '@launchpad/shared-scopes';
import { ClientsService } from '../core/device/clients-service';
import { apiErrorMessage } from '../core/session/session-service';

/** The Accounts page's admin part: the OAuth clients devices sign in with. */
@Component({
  selector: 'lp-clients-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="clients" data-testid="clients-admin">
      <h2>OAuth clients (admin)</h2>
      <ul>
        @for (c of clients(); track c.clientId) {
          <li data-testid="oauth-client">
            <strong>{{ c.name }}</strong> <code>{{ c.clientId }}</code> · {{ c.type }} ·
            {{ c.allowedScopes.join(' ') }}
            @if (c.clientId !== 'launchpad-cli') {
              <button type="button" (click)="remove(c)">Remove</button>
            }
          </li>
        }
      </ul>
      <form (submit)="$event.preventDefault(); register()">
        <input
          placeholder="Name"
          aria-label="Client name"
          [value]="name()"
          (input)="name.set($any($event.target).value)"
        />
        <select aria-label="Client type" (change)="type.set($any($event.target).value)">
          <option value="public">public (a device or CLI)</option>
          <option value="confidential">confidential (can keep a secret)</option>
        </select>
        @for (s of scopeNames; track s) {
          <label
            ><input type="checkbox" [checked]="scopes().includes(s)" (change)="toggle(s)" />
            {{ s }}</label
          >
        }
        <button type="submit">Register</button>
      </form>
      @if (secret(); as s) {
        <p class="secret" data-testid="client-secret">
          Client secret of {{ s.clientId }} — shown only now: <code>{{ s.value }}</code>
        </p>
      }
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
    </section>
  `,
  styles: `
    .clients {
      margin-top: 2rem;
    }
    h2 {
      font-size: 1.2rem;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .secret {
      background: #fffbeb;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
    }
    .error {
      color: var(--lp-bad);
    }
  `,
})
export class ClientsAdmin implements OnInit {
  private readonly service = inject(ClientsService);
  protected readonly scopeNames = Object.keys(LAUNCHPAD_SCOPES);
  protected readonly clients = signal<OAuthClientView[]>([]);
  protected readonly name = signal('');
  protected readonly type = signal<'public' | 'confidential'>('public');
  protected readonly scopes = signal<string[]>(['servers:read']);
  protected readonly secret = signal<{ clientId: string; value: string } | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);

  ngOnInit(): void {
    void this.reload();
  }

  protected toggle(scope: string): void {
    this.scopes.update((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  }

  protected async register(): Promise<void> {
    this.error.set(undefined);
    try {
      const { client, clientSecret } = await this.service.register({
        name: this.name(),
        type: this.type(),
        allowedScopes: this.scopes(),
      });
      this.secret.set(
        clientSecret ? { clientId: client.clientId, value: clientSecret } : undefined,
      );
      this.name.set('');
      await this.reload();
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    }
  }

  protected async remove(client: OAuthClientView): Promise<void> {
    try {
      await this.service.remove(client.clientId);
      await this.reload();
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    }
  }

  private async reload(): Promise<void> {
    try {
      this.clients.set(await this.service.list());
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    }
  }
}
