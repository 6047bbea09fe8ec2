import { ApiErrors, ApiProviderParam, ApiSession, ParseProviderPipe } from '@launchpad/api-http';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type {
  ProviderName,
  ServerActionResult,
  ServerList,
  ServerView,
} from '@launchpad/shared-api-types';
import { DOMAIN_ERROR_CODES } from '@launchpad/api-accounts';
import type { CurrentSession } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RateLimit } from '@launchpad/api-rate-limits';
import { ServerActionResultDto, ServerListDto, ServerViewDto } from './dto/server-view.dto';
import { ServersService } from './servers.service';

/** The `{provider}/{id}` of one server, and what it answers when the user has no such server. */
const ApiServer = () =>
  applyDecorators(
    ApiProviderParam(),
    ApiParam({ name: 'id', description: "The provider's server id (digits)" }),
    ApiErrors(DOMAIN_ERROR_CODES, {
      404: '`not_found`: none of the user’s accounts at the provider has this server',
      409: '`no_linked_account`: no account linked at the provider',
    }),
  );

/** All servers of all linked accounts; reboot and delete (scopes: action-scopes.ts). */
@ApiTags('servers')
@Controller('api/servers')
@UseGuards(SignedInGuard)
@ApiSession()
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Get()
  @RequiresScope('servers:read')
  @ApiOperation({
    summary: 'Every server of every linked account; an account that failed is in `problems`',
  })
  @ApiOkResponse({ type: ServerListDto })
  list(@SignedIn() current: CurrentSession): Promise<ServerList> {
    return this.servers.list(current.session.userId);
  }

  @Get(':provider/:id')
  @RequiresScope('servers:read')
  @ApiOperation({ summary: 'One server' })
  @ApiServer()
  @ApiOkResponse({ type: ServerViewDto })
  get(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerView> {
    return this.servers.get(current.session.userId, provider, id);
  }

  @Post(':provider/:id/reboot')
  @RateLimit.serverAction()
  @RequiresScope('servers:manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reboot a server (the provider accepted it; it happens next)' })
  @ApiServer()
  @ApiAcceptedResponse({ type: ServerActionResultDto })
  reboot(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerActionResult> {
    return this.servers.reboot(current.session.userId, provider, id);
  }

  @Delete(':provider/:id')
  @RateLimit.serverAction()
  @RequiresScope('servers:manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Delete a server at the provider, with its disks' })
  @ApiServer()
  @ApiAcceptedResponse({ type: ServerActionResultDto })
  delete(
    @SignedIn() current: CurrentSession,
    @Param('provider', ParseProviderPipe) provider: ProviderName,
    @Param('id') id: string,
  ): Promise<ServerActionResult> {
    return this.servers.delete(current.session.userId, provider, id);
  }
}
