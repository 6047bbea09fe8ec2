import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OAuthClientRegistered, OAuthClientView } from '@launchpad/shared-api-types';
import { AdminPolicy } from '@launchpad/api-accounts';
import type { CurrentSession } from '@launchpad/api-sessions';
import { SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { registrationInput, registrationSchema } from './client-registration';
import { OAuthClientsService } from './oauth-clients.service';

/** The client registry, for admins in the Accounts area (browser sessions only). */
@ApiTags('device')
@Controller('api/admin/clients')
@UseGuards(SignedInGuard)
export class ClientsController {
  constructor(
    private readonly clients: OAuthClientsService,
    private readonly admins: AdminPolicy,
  ) {}

  @Get()
  async list(@SignedIn() current: CurrentSession): Promise<OAuthClientView[]> {
    await this.admins.require(current.session.userId);
    return this.clients.list();
  }

  /** 201 with the secret of a confidential client, shown this once. */
  @Post()
  async register(
    @SignedIn() current: CurrentSession,
    @Body() body: unknown,
  ): Promise<OAuthClientRegistered> {
    await this.admins.require(current.session.userId);
    const parsed = registrationSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        field: i.path.join('.') || 'body',
        message: i.message,
      }));
      throw new HttpException(
        {
          error: 'validation_failed',
          message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
          fields,
        },
        422,
      );
    }
    const { clientId, clientSecret } = await this.clients.register(registrationInput(parsed.data));
    const client = await this.clients.find(clientId);
    if (!client) throw new Error('registered client not found');
    return { client: this.clients.view(client), clientSecret };
  }

  @Delete(':clientId')
  @HttpCode(204)
  async remove(
    @SignedIn() current: CurrentSession,
    @Param('clientId') clientId: string,
  ): Promise<void> {
    await this.admins.require(current.session.userId);
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
