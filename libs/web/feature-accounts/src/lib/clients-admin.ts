import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type FieldTree, FormField, form, submit } from '@angular/forms/signals';
import type { OAuthClientView } from '@launchpad/shared-api-types';
import {
  OAuthClientsService,
  WriteState,
  apiErrorMessage,
  apiFieldErrors,
} from '@launchpad/web-data-access';
import { lastValueFrom } from 'rxjs';
import {
  CLIENT_TYPES,
  type ClientDraft,
  SCOPE_NAMES,
  clientDraftSchema,
  newClientDraft,
  toRegistration,
} from './client-draft';

/** The Accounts page's admin part: the OAuth clients devices sign in with. */
@Component({
  selector: 'lp-clients-admin',
  imports: [FormField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './clients-admin.html',
  styleUrl: './clients-admin.css',
})
export class ClientsAdmin {
  private readonly clients = inject(OAuthClientsService);
  protected readonly scopeNames = SCOPE_NAMES;
  protected readonly types = CLIENT_TYPES;

  protected readonly list = this.clients.list();
  protected readonly draft = signal<ClientDraft>(newClientDraft());
  protected readonly clientForm = form(this.draft, clientDraftSchema);
  protected readonly removal = new WriteState();
  protected readonly registerError = signal<string | undefined>(undefined);
  protected readonly secret = signal<{ clientId: string; value: string } | undefined>(undefined);

  protected readonly error = computed(() => {
    const listError = this.list.error();
    return (
      this.registerError() ?? this.removal.error() ?? (listError && apiErrorMessage(listError))
    );
  });

  /** Whether a field's messages show: once it was left, or a registration was tried. */
  protected shown(field: FieldTree<unknown>): boolean {
    return field().touched() && field().invalid();
  }

  protected register(event: Event): void {
    event.preventDefault();
    this.registerError.set(undefined);
    // submit() marks every field touched and sends only a valid draft; what the API still
    // refuses comes back as errors on its fields.
    void submit(this.clientForm, async (draft) => {
      try {
        const registered = await lastValueFrom(
          this.clients.register(toRegistration(draft().value())),
        );
        const { client, clientSecret } = registered;
        this.secret.set(
          clientSecret ? { clientId: client.clientId, value: clientSecret } : undefined,
        );
        draft.name().value.set('');
        draft().reset();
        this.list.reload();
        return undefined;
      } catch (error) {
        const fields = apiFieldErrors(error);
        if (fields.length === 0) this.registerError.set(apiErrorMessage(error));
        return fields.map((f) => ({
          kind: 'api',
          message: f.message,
          fieldTree: f.field.startsWith('allowedScopes')
            ? draft.scopes
            : f.field === 'type'
              ? draft.type
              : draft.name,
        }));
      }
    });
  }

  protected remove(client: OAuthClientView): void {
    this.registerError.set(undefined);
    this.removal.run(this.clients.remove(client.clientId), { done: () => this.list.reload() });
  }
}
