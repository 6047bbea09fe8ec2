import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { OAuthClientRegistered, OAuthClientView } from '@launchpad/shared-api-types';
import { ApiErrors, ApiSession } from '@launchpad/api-http';
import { SignedInGuard } from '@launchpad/api-sessions';
import { RateLimit } from '@launchpad/api-rate-limits';
import { AdminGuard } from './admin.guard';
import { registrationInput } from './client-registration';
import {
  OAuthClientRegisteredDto,
  OAuthClientRegistrationDto,
  OAuthClientViewDto,
} from './dto/oauth-client.dto';
import { OAuthClientsService } from './oauth-clients.service';

/** AdminGuard's refusal. */
const ADMIN_ONLY = { 403: '`admin_only`: the user is not named in ADMIN_EMAILS' };

/** The client registry, for admins in the Accounts area (browser sessions only). */
@ApiTags('device')
@Controller('api/admin/clients')
@RateLimit.admin()
@UseGuards(SignedInGuard, AdminGuard)
@ApiSession()
export class ClientsController {
  constructor(private readonly clients: OAuthClientsService) {}

  @Get()
  @ApiOperation({ summary: 'The OAuth clients of the device flow (admins only)' })
  @ApiOkResponse({ type: [OAuthClientViewDto] })
  @ApiErrors(ADMIN_ONLY)
  list(): Promise<OAuthClientView[]> {
    return this.clients.list();
  }

  /** 201 with the secret of a confidential client, shown this once. */
  @Post()
  @ApiOperation({ summary: 'Register an OAuth client (admins only)' })
  @ApiCreatedResponse({ type: OAuthClientRegisteredDto })
  @ApiErrors(400, 413, 422, ADMIN_ONLY)
  async register(@Body() registration: OAuthClientRegistrationDto): Promise<OAuthClientRegistered> {
    const { clientId, clientSecret } = await this.clients.register(registrationInput(registration));
    const client = await this.clients.find(clientId);
    if (!client) throw new Error('registered client not found');
    return { client: this.clients.view(client), clientSecret };
  }

  @Delete(':clientId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an OAuth client, with its device codes and tokens (admins only)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(ADMIN_ONLY, {
    404: '`not_found`: no such client',
    409: '`built_in_client`: launchpad-cli, the CLI’s own client, stays',
  })
  async remove(@Param('clientId') clientId: string): Promise<void> {
    if (clientId === 'launchpad-cli') {
      throw new ConflictException({
        error: 'built_in_client',
        message: 'launchpad-cli is the CLI’s own client and cannot be removed.',
      });
    }
    if (!(await this.clients.remove(clientId))) {
      throw new NotFoundException({ error: 'not_found', message: `No client ${clientId}.` });
    }
  }
}
