import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type DeploymentCreated,
  type DeploymentView,
  FINAL_DEPLOYMENT_STATUSES,
  IDEMPOTENCY_KEY_HEADER,
} from '@launchpad/shared-api-types';
import type { Request, Response } from 'express';
import type { CurrentSession } from '@launchpad/api-sessions';
import { RequiresScope, SignedIn, SignedInGuard } from '@launchpad/api-sessions';
import { DeploymentsService } from './deployments.service';

const STREAM_POLL_MS = 500;
const KEEPALIVE_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@ApiTags('deployments')
@Controller('api/deployments')
@UseGuards(SignedInGuard)
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  /** 201 with the root password (shown once); 200 with the same deployment on a replayed key. */
  @Post()
  @RequiresScope('servers:deploy')
  @HttpCode(201)
  async create(
    @SignedIn() current: CurrentSession,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<DeploymentCreated> {
    const created = await this.deployments.create(
      current.session.userId,
      req.get(IDEMPOTENCY_KEY_HEADER),
      body,
    );
    res.setHeader('Cache-Control', 'no-store');
    if (created.replayed) res.status(200);
    return created;
  }

  @Get()
  @RequiresScope('servers:read')
  list(@SignedIn() current: CurrentSession): Promise<DeploymentView[]> {
    return this.deployments.list(current.session.userId);
  }

  @Get(':id')
  @RequiresScope('servers:read')
  get(@SignedIn() current: CurrentSession, @Param('id') id: string): Promise<DeploymentView> {
    return this.deployments.get(current.session.userId, id);
  }

  /**
   * Server-Sent Events: each change of the deployment as `event: status` with its version as the
   * id, until it is final. The state lives in the database, so the stream follows changes made
   * by any instance, and a reconnect (Last-Event-ID) resumes after what the client has seen. A
   * finished deployment the client has seen answers 204, which tells EventSource to stop.
   */
  @Get(':id/events')
  @RequiresScope('servers:read')
  async events(
    @SignedIn() current: CurrentSession,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    let row = await this.deployments.row(current.session.userId, id);
    const seen = Number(req.get('Last-Event-ID') ?? 0) || 0;
    const final = () => FINAL_DEPLOYMENT_STATUSES.includes(row.status);
    if (final() && seen >= row.version) {
      res.status(204).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let closed = false;
    req.on('close', () => (closed = true));
    let sent = seen;
    let quietSince = Date.now();
    try {
      while (!closed) {
        if (row.version > sent) {
          res.write(
            `id: ${row.version}\nevent: status\ndata: ${JSON.stringify(this.deployments.view(row))}\n\n`,
          );
          sent = row.version;
          quietSince = Date.now();
          if (final()) break;
        } else if (Date.now() - quietSince > KEEPALIVE_MS) {
          res.write(': keep-alive\n\n');
          quietSince = Date.now();
        }
        await sleep(STREAM_POLL_MS);
        row = await this.deployments.row(current.session.userId, id);
      }
    } catch {
      // The deployment went away or the database did not answer: the client reconnects.
    }
    res.end();
  }
}
