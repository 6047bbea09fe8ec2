import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  type MessageEvent,
  Param,
  Post,
  Res,
  Sse,
  SseSignal,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { EMPTY, Observable } from 'rxjs';
import type { Deployment } from '@launchpad/api-database';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES } from '@launchpad/api-accounts';
import { ApiErrors, ApiSession } from '@launchpad/api-http';
import {
  type DeploymentCreated,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
} from '@launchpad/shared-api-types';
import type { Response } from 'express';
import type { CurrentSession } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RateLimit } from '@launchpad/api-rate-limits';
import { DeploymentsService } from './deployments.service';
import { DeploymentRequestDto } from './dto/deployment-request.dto';
import { DeploymentCreatedDto, DeploymentViewDto } from './dto/deployment-view.dto';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key.pipe';

const STREAM_POLL_MS = 500;
const KEEPALIVE_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `{id}` of one of the user's deployments. */
const ApiDeploymentId = () =>
  applyDecorators(
    ApiParam({ name: 'id', format: 'uuid', description: 'The deployment id' }),
    ApiErrors({ 404: "`not_found`: no such deployment of the user's" }),
  );

@ApiTags('deployments')
@Controller('api/deployments')
@UseGuards(SignedInGuard)
@ApiSession()
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  /** 201 with the root password (shown once); 200 with the same deployment on a replayed key. */
  @Post()
  @RateLimit.deploy()
  @RequiresScope('servers:deploy')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Deploy a server: checked against the catalog, then created at the provider',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: DeploymentCreatedDto,
    description: 'Created; the root password is shown this once',
  })
  @ApiOkResponse({
    type: DeploymentCreatedDto,
    description: 'A replayed Idempotency-Key: the same deployment, no password',
  })
  @ApiErrors(400, 413, 422, DOMAIN_ERROR_CODES, {
    409: '`no_linked_account`: no account linked at the provider',
    422: "`validation_failed` also for the provider's rules (label, plan in region, image, fields)",
  })
  async create(
    @SignedIn() current: CurrentSession,
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: DeploymentRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeploymentCreated> {
    const created = await this.deployments.create(current.session.userId, idempotencyKey, body);
    res.setHeader('Cache-Control', 'no-store');
    if (created.replayed) res.status(200);
    return created;
  }

  @Get()
  @RequiresScope('servers:read')
  @ApiOperation({ summary: "The user's 50 latest deployments, newest first" })
  @ApiOkResponse({ type: [DeploymentViewDto] })
  list(@SignedIn() current: CurrentSession): Promise<DeploymentView[]> {
    return this.deployments.list(current.session.userId);
  }

  @Get(':id')
  @RequiresScope('servers:read')
  @ApiOperation({ summary: 'One deployment' })
  @ApiDeploymentId()
  @ApiOkResponse({ type: DeploymentViewDto })
  get(@SignedIn() current: CurrentSession, @Param('id') id: string): Promise<DeploymentView> {
    return this.deployments.get(current.session.userId, id);
  }

  /**
   * Server-Sent Events (Nest's `@Sse()`): each change of the deployment as `event: status` with
   * its version as the id, until it is final. The state lives in the database, so the stream
   * follows changes made by any instance, and a reconnect (Last-Event-ID) resumes after what the
   * client has seen. A finished deployment the client has seen answers 204, which tells
   * EventSource to stop; someone else's deployment, 404 in the API's error shape. A comment every
   * 15 s keeps proxies from closing a quiet stream.
   */
  @Sse(':id/events')
  @RequiresScope('servers:read')
  @ApiOperation({ summary: "A deployment's changes as Server-Sent Events, until it is final" })
  @ApiDeploymentId()
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The last version the client has seen: the stream resumes after it',
  })
  @ApiOkResponse({
    description:
      'text/event-stream (HTML Living Standard §9.2): `retry: 2000` first; then per change `event: status`, `id: <version>`, `data: <DeploymentView as JSON>`, until the status is running or failed; a `: keep-alive` comment after 15 s of quiet',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'id: 0\nretry: 2000\n\nid: 1\nevent: status\ndata: {"id":"…","status":"queued",…}\n\n',
      },
    },
  })
  @ApiNoContentResponse({
    description: 'Final, and the client has seen its last version: EventSource stops reconnecting',
  })
  async events(
    @SignedIn() current: CurrentSession,
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() closed: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    const userId = current.session.userId;
    const first = await this.deployments.row(userId, id);
    const seen = Number(lastEventId ?? 0) || 0;
    const isFinal = (row: Deployment) => FINAL_DEPLOYMENT_STATUSES.includes(row.status);
    if (isFinal(first) && seen >= first.version) {
      res.status(204).end();
      return EMPTY;
    }
    return new Observable<MessageEvent>((subscriber) => {
      // The reconnection delay for EventSource, on an event that carries no data.
      subscriber.next({ id: String(seen), retry: 2_000 });
      void this.follow(userId, first, seen, closed, (event) => subscriber.next(event), isFinal)
        .catch(() => undefined) // the deployment went away or the database did not answer
        .finally(() => subscriber.complete());
    });
  }

  /** Sends each new version of the row until it is final or the client has gone. */
  private async follow(
    userId: string,
    first: Deployment,
    seen: number,
    closed: AbortSignal,
    send: (event: MessageEvent) => void,
    isFinal: (row: Deployment) => boolean,
  ): Promise<void> {
    let row = first;
    let sent = seen;
    let quietSince = Date.now();
    while (!closed.aborted) {
      if (row.version > sent) {
        send({ id: String(row.version), type: 'status', data: this.deployments.view(row) });
        sent = row.version;
        quietSince = Date.now();
        if (isFinal(row)) return;
      } else if (Date.now() - quietSince > KEEPALIVE_MS) {
        send({ comment: 'keep-alive' });
        quietSince = Date.now();
      }
      await sleep(STREAM_POLL_MS);
      row = await this.deployments.row(userId, row.id);
    }
  }
}
