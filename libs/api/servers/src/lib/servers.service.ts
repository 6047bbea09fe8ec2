import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type LinkedAccountView,
  PROVIDER_LABELS,
  type ProviderName,
  type ServerActionResult,
  type ServerList,
  type ServerListProblem,
  type ServerView,
} from '@launchpad/shared-api-types';
import { AccountsService, TokenVault } from '@launchpad/api-accounts';
import { domainErrorToHttp } from '@launchpad/api-accounts';
import type { ProviderServer } from '@launchpad/api-providers';
import { ProviderClients } from '@launchpad/api-providers';
import { ProviderApiError } from '@launchpad/api-providers';
import { type ProviderAction, insufficientScopeError, missingActionScopes } from './action-scopes';

const withAccount = (account: LinkedAccountView, server: ProviderServer): ServerView => ({
  provider: account.provider,
  accountId: account.id,
  ...server,
});

/**
 * Every server of every linked account, and actions on one. Listing asks all accounts at once
 * and reports each one that failed beside the servers of the others.
 */
@Injectable()
export class ServersService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly vault: TokenVault,
    private readonly clients: ProviderClients,
  ) {}

  async list(userId: string): Promise<ServerList> {
    const rows = await this.accounts.rows(userId);
    const problems: ServerListProblem[] = [];
    const lists = await Promise.all(
      rows.map(async (row): Promise<ServerView[]> => {
        const account = this.accounts.view(row);
        const problem = (message: string, requestId: string | null = null) => {
          problems.push({ provider: account.provider, accountId: account.id, message, requestId });
          return [];
        };
        if (account.status !== 'active') {
          return problem(
            account.statusReason ?? `Sign in with ${PROVIDER_LABELS[account.provider]} again.`,
          );
        }
        const missing = missingActionScopes(account, 'list');
        if (missing.length > 0) {
          return problem(insufficientScopeError(account.provider, missing).message);
        }
        try {
          const servers = await this.vault.withAccessToken(
            account.id,
            (token) => this.clients[account.provider].listServers(token),
            row,
          );
          return servers.map((server) => withAccount(account, server));
        } catch (error) {
          const http = domainErrorToHttp(error);
          if (!http) throw error;
          return problem(
            http.exception.message,
            error instanceof ProviderApiError ? error.requestId : null,
          );
        }
      }),
    );
    // Newest first. Plain comparisons: ISO times order as strings, and localeCompare's collation
    // costs milliseconds over thousands of servers.
    const servers = lists
      .flat()
      .sort((a, b) =>
        a.createdAt !== b.createdAt
          ? a.createdAt < b.createdAt
            ? 1
            : -1
          : a.label < b.label
            ? -1
            : 1,
      );
    return { servers, problems };
  }

  async get(userId: string, provider: ProviderName, id: string): Promise<ServerView> {
    return this.onOwner(userId, provider, id, 'read', async (account, token) =>
      withAccount(account, await this.clients[provider].getServer(token, id)),
    );
  }

  async reboot(userId: string, provider: ProviderName, id: string): Promise<ServerActionResult> {
    return this.onOwner(userId, provider, id, 'reboot', async (_account, token) => {
      await this.clients[provider].rebootServer(token, id);
      return {
        provider,
        id,
        action: 'reboot',
        message: `${PROVIDER_LABELS[provider]} is rebooting the server.`,
      };
    });
  }

  async delete(userId: string, provider: ProviderName, id: string): Promise<ServerActionResult> {
    return this.onOwner(userId, provider, id, 'delete', async (_account, token) => {
      await this.clients[provider].deleteServer(token, id);
      return {
        provider,
        id,
        action: 'delete',
        message: `${PROVIDER_LABELS[provider]} is deleting the server.`,
      };
    });
  }

  /**
   * Runs `call` on the linked account of `provider` that has the server: each active account is
   * tried until one does not answer 404.
   */
  private async onOwner<T>(
    userId: string,
    provider: ProviderName,
    id: string,
    action: ProviderAction,
    call: (account: LinkedAccountView, token: string) => Promise<T>,
  ): Promise<T> {
    if (!/^\d{1,19}$/.test(id)) {
      throw new NotFoundException({
        error: 'not_found',
        message: `No ${PROVIDER_LABELS[provider]} server ${id}.`,
      });
    }
    const accounts = (await this.accounts.rows(userId)).filter((r) => r.provider === provider);
    const active = accounts.filter((r) => r.status === 'active');
    if (active.length === 0) {
      throw new ConflictException({
        error: accounts.length > 0 ? 'account_needs_relink' : 'no_linked_account',
        message: `${accounts.length > 0 ? 'Sign in with' : 'Link'} a ${PROVIDER_LABELS[provider]} account first.`,
      });
    }
    for (const [index, row] of active.entries()) {
      const account = this.accounts.view(row);
      const missing = missingActionScopes(account, action);
      if (missing.length > 0) throw insufficientScopeError(provider, missing);
      try {
        return await this.vault.withAccessToken(account.id, (token) => call(account, token), row);
      } catch (error) {
        const last = index === active.length - 1;
        if (!(error instanceof ProviderApiError && error.kind === 'not_found') || last) throw error;
      }
    }
    throw new NotFoundException({ error: 'not_found', message: 'No such server.' });
  }
}
