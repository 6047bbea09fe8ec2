import { ParseProviderPipe } from '@launchpad/api-http';
import { Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  ProviderName,
  ServerActionResult,
  ServerList,
  ServerView,
} from '@launchpad/shared-api-types';
import type { CurrentSession } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { ServersService } from './servers.service';

/** All servers of all linked accounts; reboot and delete (scopes: action-scopes.ts). */
@ApiTags('servers')
@Controller('api/servers')
@UseGuards(SignedInGuard)
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Get()
  @RequiresScope('servers:read')
  list(@SignedIn() current: CurrentSession): Promise<ServerList> {
    return this.servers.list(current.session.userId);
  }

  @Get(':provider/:id')
  @RequiresScope('servers:read')
  get(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerView> {
    return this.servers.get(current.session.userId, provider, id);
  }

  @Post(':provider/:id/reboot')
  @RequiresScope('servers:manage')
  @HttpCode(202)
  reboot(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerActionResult> {
    return this.servers.reboot(current.session.userId, provider, id);
  }

  @Delete(':provider/:id')
  @RequiresScope('servers:manage')
  @HttpCode(202)
  delete(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerActionResult> {
    return this.servers.delete(current.session.userId, provider, id);
  }
}
