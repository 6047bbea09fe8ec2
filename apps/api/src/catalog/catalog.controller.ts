import { ConflictException, Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ApplicationView,
  type CatalogView,
  PROVIDER_LABELS,
} from '@launchpad/shared-api-types';
import type { Request } from 'express';
import { AccountsService } from '../accounts/accounts.service';
import { providerParam } from '../auth/auth.controller';
import { SessionService } from '../sessions/session.service';
import { TokenVault } from '../vault/token-vault';
import { CatalogService } from './catalog.service';

/** What can be deployed: applications, and per provider plans with prices, regions, images, fields. */
@ApiTags('catalog')
@Controller('api')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly sessions: SessionService,
    private readonly accounts: AccountsService,
    private readonly vault: TokenVault,
  ) {}

  @Get('applications')
  applications(): ApplicationView[] {
    return this.catalog.list();
  }

  /**
   * Linode's catalog is public; DigitalOcean's needs a token, so the first request after a start
   * must come from someone with a linked DigitalOcean account (later ones are served from cache).
   */
  @Get('catalog/:provider')
  async view(
    @Param('provider') provider: string,
    @Query('application') application: string | undefined,
    @Req() req: Request,
  ): Promise<CatalogView> {
    const name = providerParam(provider);
    let token: string | undefined;
    if (name === 'digitalocean' && !this.catalog.hasCatalog(name)) {
      const current = await this.sessions.current(req);
      const account = current
        ? (await this.accounts.list(current.session.userId)).find(
            (a) => a.provider === name && a.status === 'active',
          )
        : undefined;
      if (!account) {
        throw new ConflictException({
          error: 'no_linked_account',
          message: `Sign in with ${PROVIDER_LABELS[name]} to see its plans, regions and images.`,
        });
      }
      token = await this.vault.accessToken(account.id);
    }
    return this.catalog.view(name, application ?? 'plain', token);
  }
}
