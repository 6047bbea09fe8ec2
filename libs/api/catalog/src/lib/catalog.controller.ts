import { ConflictException, Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ApplicationView,
  type CatalogView,
  PROVIDER_LABELS,
  type ProviderName,
} from '@launchpad/shared-api-types';
import { ApiErrors, ApiProviderParam, ApiSession, ParseProviderPipe } from '@launchpad/api-http';
import type { Request } from 'express';
import { AccountsService } from '@launchpad/api-accounts';
import { SessionService } from '@launchpad/api-sessions';
import { DOMAIN_ERROR_CODES, TokenVault } from '@launchpad/api-accounts';
import { CatalogService } from './catalog.service';
import { CatalogQueryDto } from './dto/catalog-query.dto';
import { ApplicationViewDto, CatalogViewDto } from './dto/catalog-view.dto';

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
  @ApiOperation({ summary: 'The applications Launchpad deploys, and where' })
  @ApiOkResponse({ type: [ApplicationViewDto] })
  applications(): ApplicationView[] {
    return this.catalog.list();
  }

  /**
   * Linode's catalog is public; DigitalOcean's needs a token, so the first request after a start
   * must come from someone with a linked DigitalOcean account (later ones are served from cache).
   */
  @ApiSession({ optional: true })
  @Get('catalog/:provider')
  @ApiOperation({
    summary: "A provider's plans with prices, regions, images and the application's fields",
  })
  @ApiProviderParam()
  @ApiOkResponse({ type: CatalogViewDto })
  @ApiErrors(422, DOMAIN_ERROR_CODES, {
    409: "`no_linked_account`: DigitalOcean's catalog needs a linked DigitalOcean account until it is cached",
  })
  async view(
    @Param('provider', ParseProviderPipe) name: ProviderName,
    @Query() { application }: CatalogQueryDto,
    @Req() req: Request,
  ): Promise<CatalogView> {
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
    return this.catalog.view(name, application, token);
  }
}
