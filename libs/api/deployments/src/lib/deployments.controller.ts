import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  type MessageEvent,
  Param,
  Post,
  Res,
  Sse,
  SseSignal,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  EMPTY,
  Observable,
  catchError,
  exhaustMap,
  fromEvent,
  filter,
  map,
  merge,
  share,
  startWith,
  switchMap,
  takeUntil,
  takeWhile,
  tap,
  timer,
} from 'rxjs';
import { databaseConfig } from '@launchpad/api-config';
import { EventBus } from '@launchpad/api-events';
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
import { ApiErrors, ApiSession, GracefulShutdown } from '@launchpad/api-http';
import {
  type DeploymentCreated,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
} from '@launchpad/shared-api-types';
import type { Response } from 'express';
import type { CurrentSession } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { RateLimit } from '@launchpad/api-rate-limits';
import { DeploymentsService, deploymentTopic } from './deployments.service';
import { DeploymentRequestDto } from './dto/deployment-request.dto';
import { DeploymentCreatedDto, DeploymentViewDto } from './dto/deployment-view.dto';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key.pipe';

/**
 * How often a stream re-reads its deployment, in milliseconds: rarely when every change reaches
 * it through the event bus (Redis, or a single instance on the embedded database), twice a
 * second when other instances' changes can only be seen in the database.
 */
const RECHECK_MS = { fannedOut: 15_000, polling: 500 };
const KEEPALIVE_MS = 15_000;

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
  private readonly recheckMs: number;

  constructor(
    private readonly deployments: DeploymentsService,
    private readonly eventBus: EventBus,
    private readonly shutdown: GracefulShutdown,
    @Inject(databaseConfig.KEY) database: ConfigType<typeof databaseConfig>,
  ) {
    // The embedded database allows one instance (its data directory is locked), so its events
    // reach every stream even without Redis.
    const fannedOut = eventBus.fansOut || database.driver === 'pglite';
    this.recheckMs = fannedOut ? RECHECK_MS.fannedOut : RECHECK_MS.polling;
  }

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
   * its version as the id, until it is final. Changes arrive through the event bus, from every
   * instance when REDIS_URL is set; the stream also re-reads the row (the truth) every 15 s, or
   * every 500 ms when several instances share PostgreSQL without Redis, so a change whose event
   * was lost still arrives. A reconnect (Last-Event-ID) resumes after what the client has seen.
   * A finished deployment the client has seen answers 204, which tells EventSource to stop;
   * someone else's deployment, 404 in the API's error shape. A comment after 15 s of quiet keeps
   * proxies from closing the stream; at shutdown the stream ends and EventSource reconnects.
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
    if (FINAL_DEPLOYMENT_STATUSES.includes(first.status) && seen >= first.version) {
      res.status(204).end();
      return EMPTY;
    }
    const ended = merge(fromEvent(closed, 'abort'), fromEvent(this.shutdown.signal, 'abort'));
    return new Observable<MessageEvent>((subscriber) => {
      // The reconnection delay for EventSource, on an event that carries no data.
      subscriber.next({ id: String(seen), retry: 2_000 });
      let sent = seen;
      const changes = merge(
        // Subscribed before the first view is sent, so no change in between is missed.
        this.eventBus.on<DeploymentView>(deploymentTopic(first.id)),
        timer(this.recheckMs, this.recheckMs).pipe(
          exhaustMap(() => this.deployments.row(userId, first.id)),
          map((row) => this.deployments.view(row)),
          startWith(this.deployments.view(first)),
        ),
      ).pipe(
        filter((view) => view.version > sent),
        tap((view) => (sent = view.version)),
        share(),
      );
      const subscription = merge(
        changes.pipe(map((view) => ({ id: String(view.version), type: 'status', data: view }))),
        // A comment after each 15 s without a change.
        changes.pipe(
          startWith(undefined),
          switchMap(() => timer(KEEPALIVE_MS, KEEPALIVE_MS)),
          map(() => ({ comment: 'keep-alive' })),
        ),
      )
        .pipe(
          takeWhile((event: MessageEvent) => !isFinalStatusEvent(event), true),
          takeUntil(ended),
          // The deployment went away or the database did not answer: the stream ends.
          catchError(() => EMPTY),
        )
        .subscribe(subscriber);
      return () => subscription.unsubscribe();
    });
  }
}

/** A status event of a final deployment: the stream's last. */
function isFinalStatusEvent(event: MessageEvent): boolean {
  const view = event.data as DeploymentView | undefined;
  return (
    event.type === 'status' && view !== undefined && FINAL_DEPLOYMENT_STATUSES.includes(view.status)
  );
}
